//! The types of `admin` that the service returns and the browser shows.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityOverview {
    pub id: i32,
    pub name: String,
    pub active: bool,
    /// Partner organisations of this gemeente (names only).
    pub partners: Vec<(i32, String)>,
    pub staff_accounts: u64,
    /// Of those, the staff who can act: active, activated and approved.
    pub active_staff: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionOverview {
    pub id: i32,
    pub name: String,
    pub active: bool,
    pub department_email: Option<String>,
    pub municipalities: Vec<MunicipalityOverview>,
    pub employers: u64,
}
