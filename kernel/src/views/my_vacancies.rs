//! The types of `my_vacancies` that the service returns and the browser shows.

use crate::domain::InvitationStatus;
use crate::matching::Criterion;
use crate::views::invitations::InvitationView;
use crate::views::paging::Paged;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancyMatch {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub employer: String,
    pub municipality: String,
    pub hours_per_week: i16,
    pub criteria: Vec<Criterion>,
    /// Set when the job seeker already showed interest or was invited.
    pub contact: Option<InvitationStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyVacancies {
    /// Most criteria met first.
    pub matches: Paged<VacancyMatch>,
    /// Newest first.
    pub invitations: Paged<InvitationView>,
}
