//! The types of `employers` that the service returns and the browser shows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationRow {
    pub id: i32,
    pub organisation: String,
    pub contact: String,
    pub email: String,
    pub phone: String,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// An organisation of this name already exists in the region: staff must choose between
    /// joining it and creating a new one.
    pub same_name_organisation: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancySummary {
    pub id: i32,
    pub title: String,
    pub municipality: String,
    pub status: crate::domain::VacancyStatus,
    pub hours_per_week: i16,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub id: i32,
    pub name: String,
    pub contacts: Vec<String>,
    pub vacancies: Vec<VacancySummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmployerDesk {
    pub registrations: Vec<RegistrationRow>,
    pub organisations: Vec<OrganisationView>,
}
