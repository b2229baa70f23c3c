//! The types of `job_seekers` that the service returns and the browser shows.

use crate::domain::ProfileState;
use serde::{Deserialize, Serialize};

/// One line of the staff list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobSeekerRow {
    pub id: i32,
    pub client_number: String,
    pub name: String,
    pub state: ProfileState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobSeekerList {
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub rows: Vec<JobSeekerRow>,
}

pub const PAGE_SIZE: u64 = 25;
