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
    /// Set once one staff member approved: the registration then waits for a second one of the
    /// region (four eyes, SPEC §11) before any organisation or account exists.
    pub first_approval: Option<FirstApproval>,
}

/// The first of the two approvals a registration needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirstApproval {
    /// The staff member who approved, by name.
    pub by: String,
    pub at: DateTime<Utc>,
    /// The caller gave it, so the caller cannot confirm it.
    pub by_caller: bool,
    /// Where the contact person goes: the organisation's name, or `None` for a new one.
    pub joins: Option<OrganisationChoice>,
}

/// What a staff member's decision on a registration did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationDecision {
    /// The applicant was told why.
    Rejected,
    /// The first approval: a second staff member of the region must confirm it.
    AwaitingSecond,
    /// Confirmed by a second staff member: the organisation reaches candidates once the
    /// contact person activated the account mailed to them.
    Approved,
    /// Not confirmed: since the first approval an organisation of the same name came into the
    /// region, which the first approver could not weigh; the registration is open again.
    Reopened,
}

impl RegistrationDecision {
    /// The sentence the desk shows after the decision.
    pub fn message(self) -> &'static str {
        match self {
            RegistrationDecision::Rejected => {
                "De aanmelding is afgewezen; de aanmelder krijgt de reden per e-mail."
            }
            RegistrationDecision::AwaitingSecond => {
                "Goedgekeurd. Een tweede medewerker van de regio moet de goedkeuring bevestigen; pas dan krijgt de werkgever toegang."
            }
            RegistrationDecision::Approved => {
                "Bevestigd: de contactpersoon krijgt een activatielink per e-mail."
            }
            RegistrationDecision::Reopened => {
                "Niet bevestigd: sinds de eerste goedkeuring is er een organisatie met deze naam in de regio bijgekomen. De aanmelding staat weer open; kies opnieuw of de aanmelder contactpersoon wordt van die organisatie, of dat er een nieuwe komt."
            }
        }
    }
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
    pub contacts: Vec<ContactPerson>,
    /// The newest [`VACANCIES_SHOWN`] vacancies of `vacancy_count`.
    pub vacancies: Vec<VacancySummary>,
    pub vacancy_count: usize,
}

/// A contact person of an organisation, as the region's staff see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactPerson {
    pub user_id: i32,
    /// Name and e-mail address.
    pub label: String,
    /// An authenticator app is linked (staff reset it when the phone is lost).
    pub second_factor: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmployerDesk {
    /// Registrations waiting for a decision, oldest first (decided ones are in the audit log).
    pub registrations: Paged<RegistrationRow>,
    /// The region's organisations by name.
    pub organisations: Paged<OrganisationView>,
}
