//! The types of `privacy_desk` that the service returns and the browser shows.

use crate::domain::{RequestKind, RequestStatus, Subject};
use crate::policy::Field;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The address of the answer to a granted access or portability request of someone who is
/// not a job seeker, mailed to them (the link's token follows; `service::public::request_answer`).
pub const ANSWER_PATH: &str = "/verzoek-antwoord";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: i32,
    pub job_seeker_id: i32,
    pub job_seeker: String,
    pub client_number: String,
    pub kind: RequestKind,
    pub field: Option<Field>,
    pub details: String,
    pub status: RequestStatus,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    /// One page of requests: open ones first (the most urgent first), then decided ones.
    pub requests: Vec<RequestRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// Months a closed profile is kept before erasure (0: erase at once).
    pub retention_months: i32,
}

pub const QUEUE_PAGE_SIZE: u64 = 25;

pub const MAX_RETENTION_MONTHS: i32 = 120;

/// A request in the region's queue: from someone who is not a gemeente's job seeker (an
/// employer's contact person), as they were when they made it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectRequestRow {
    pub id: i32,
    pub subject: Subject,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub kind: RequestKind,
    pub details: String,
    pub status: RequestStatus,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectQueue {
    /// One page: open requests first (the most urgent first), then decided ones.
    pub requests: Vec<SubjectRequestRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}
