//! The types of `privacy` that the service returns and the browser shows.

use crate::domain::{RequestKind, RequestStatus};
use crate::policy::Field;
use crate::views::profile::ProfileView;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivacyRequestView {
    pub id: i32,
    pub kind: RequestKind,
    pub field: Option<Field>,
    pub details: String,
    pub status: RequestStatus,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

impl PrivacyRequestView {
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        self.status == RequestStatus::Open && self.due_at < now
    }
}

/// Who looked at the profile: an organisation on a day (from the audit log). One row per
/// organisation and day, not per entry: a search page, the photos on it and the profile
/// opened from it are one visit to the person, told apart in `ways`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewing {
    pub organisation: String,
    pub day: NaiveDate,
    /// How many times that day (each audited read counts once).
    pub times: u32,
    /// How it saw the profile, in words ("profiel geopend", "in een zoekresultaat of lijst").
    #[serde(default)]
    pub ways: Vec<String>,
    /// For which processing activity of the register (`kernel::processing`), by name.
    #[serde(default)]
    pub purposes: Vec<String>,
}

/// A read action of the audit log in words, for the job seeker.
pub fn way_label(action: &str) -> &'static str {
    match action {
        "read" => "profiel geopend",
        "list" => "in een zoekresultaat of lijst",
        "match" => "bij een passende vacature",
        "digest" => "in een e-mail met nieuwe kandidaten",
        "media" => "foto of video bekeken",
        "export" => "gegevens gedownload",
        _ => "bekeken",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivacyOverview {
    pub profile: ProfileView,
    pub viewed_by: Vec<Viewing>,
    pub requests: Vec<PrivacyRequestView>,
}

/// The legal deadline of a request: one month after receipt (AVG art. 12(3)).
pub fn deadline(received: DateTime<Utc>) -> DateTime<Utc> {
    received
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(received)
}
