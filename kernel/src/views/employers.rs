//! The types of `employers` that the service returns and the browser shows.

use crate::views::paging::Paged;
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
    /// The organisations staff may join this registration to, the same-name one first: those
    /// whose name shares a word with the registered name (at most [`MAX_CHOICES`]).
    pub choices: Vec<OrganisationChoice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationChoice {
    pub id: i32,
    pub name: String,
}

pub const MAX_CHOICES: usize = 10;
/// The newest vacancies shown per organisation on the desk (the count says how many more).
pub const VACANCIES_SHOWN: usize = 10;

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
    /// The newest [`VACANCIES_SHOWN`] vacancies of `vacancy_count`.
    pub vacancies: Vec<VacancySummary>,
    pub vacancy_count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmployerDesk {
    /// Registrations waiting for a decision, oldest first (decided ones are in the audit log).
    pub registrations: Paged<RegistrationRow>,
    /// The region's organisations by name.
    pub organisations: Paged<OrganisationView>,
}
