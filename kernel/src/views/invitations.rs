//! The types of `invitations` that the service returns and the browser shows.

use crate::domain::{InvitationStatus, Outcome};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: i32,
    pub vacancy_id: i32,
    pub vacancy_title: String,
    pub employer: String,
    /// The candidate's name, for the employer and the gemeente (never more than that here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    /// True when the employer invited, false when the job seeker showed interest.
    pub by_employer: bool,
    pub message: String,
    pub status: InvitationStatus,
    pub outcome: Option<Outcome>,
    pub created_at: DateTime<Utc>,
}

pub const BY_EMPLOYER: &str = "employer";
pub const BY_JOB_SEEKER: &str = "job_seeker";
