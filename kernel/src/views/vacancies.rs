//! The types of `vacancies` that the service returns and the browser shows.

use crate::candidates::CandidateCard;
use crate::domain::{Occupation, TargetGroups, VacancyStatus};
use crate::matching::Criterion;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The most vacancies an organisation has that are not closed (draft or open): a bound on
/// every list of them, such as the vacancy choice when inviting a candidate.
pub const MAX_UNCLOSED: u64 = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancyView {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub occupation: Occupation,
    pub municipality_id: i32,
    pub municipality: String,
    pub hours_per_week: i16,
    /// Physical demands per `Dimension::ALL`, on the work-capacity scale.
    pub demands: [u8; 5],
    pub suits: TargetGroups,
    pub status: VacancyStatus,
    pub created_at: DateTime<Utc>,
}

/// The vacancy form; `id` None creates a new one (as draft).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VacancyForm {
    pub id: Option<i32>,
    pub title: String,
    pub description: String,
    pub occupation_id: i32,
    pub municipality_id: i32,
    pub hours_per_week: i16,
    pub demands: [u8; 5],
    pub suits: TargetGroups,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: i32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateMatch {
    pub candidate: CandidateCard,
    pub criteria: Vec<Criterion>,
    /// Already invited (or interested) for this vacancy.
    pub contact: Option<crate::domain::InvitationStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchList {
    pub order: String,
    pub items: Vec<CandidateMatch>,
}

/// How many matches a vacancy page lists.
pub const MAX_MATCHES: usize = 50;
