//! The types of `contact` that the service returns and the browser shows.

use crate::domain::Qualification;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionOption {
    pub id: i32,
    pub name: String,
}

/// A contact message as the region's staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactMessageView {
    pub id: i32,
    pub qualification: Qualification,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub message: String,
    pub handled: bool,
    pub reply_note: Option<String>,
    pub received_at: DateTime<Utc>,
    /// The day the personal data will be deleted.
    pub purge_on: NaiveDate,
}

/// One page of the region's inbox: open messages first, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub messages: Vec<ContactMessageView>,
}

pub const INBOX_PAGE_SIZE: u64 = 25;

/// Minimum time between showing the form and sending it: faster is a bot.
pub const MIN_FILL_SECONDS: i64 = 3;
pub const MAX_MESSAGE_LEN: usize = 5000;

/// When a message received at `received` is purged: one calendar month later.
pub fn purge_moment(received: DateTime<Utc>) -> DateTime<Utc> {
    received
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(received)
}
