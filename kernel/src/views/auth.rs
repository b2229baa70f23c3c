//! The types of `auth` that the service returns and the browser shows.

use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// What the browser may know about the signed-in user (for the navigation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub role: Role,
    pub organisation: String,
}

/// The start page of each role.
pub fn home_path(role: Role) -> &'static str {
    match role {
        Role::JobSeeker => "/mijn-profiel",
        Role::Employer => "/kandidaten",
        Role::Staff => "/werkzoekenden",
        Role::Partner => "/partner",
        Role::Admin => "/beheer",
    }
}
