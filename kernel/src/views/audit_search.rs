//! The types of `audit_search` that the service returns and the browser shows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: DateTime<Utc>,
    pub actor_role: String,
    pub actor_org: String,
    pub action: String,
    pub object: String,
    pub fields: String,
    pub result: String,
    pub origin: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub rows: Vec<AuditRow>,
}

pub const PAGE_SIZE: u64 = 50;
