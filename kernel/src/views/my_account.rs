//! An employer's contact person's own account ("Mijn account"): what HalloWerk stores about
//! them, which they can see, correct, download and ask to have erased (AVG, SPEC §10).

use crate::domain::{RequestKind, RequestStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything stored about the contact person as a person (their organisation's vacancies
/// belong to the organisation and carry no name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccount {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
    pub region: String,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    /// The new address waiting for its confirmation link, if any.
    pub pending_email: Option<String>,
    pub saved_searches: u64,
    /// Their requests to the region, the newest first.
    pub requests: Vec<MyRequest>,
}

/// What a contact person may change about themselves. The address changes only through a
/// confirmation link mailed to the new address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountChanges {
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub email: String,
}

/// What a change did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountUpdated {
    /// A confirmation link went to the new address; the old one stays until it is used.
    pub email_link_sent: bool,
}

/// A request the contact person made to the region's staff, and its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequest {
    pub kind: RequestKind,
    pub details: String,
    pub status: RequestStatus,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// The requests a contact person can make to the region (the rest they do themselves).
pub const REQUEST_KINDS: [RequestKind; 2] = [RequestKind::Erasure, RequestKind::Objection];

/// What a request of someone who is not a job seeker is called (the job seekers' labels speak
/// of a profile): an employer's contact person, or anyone through the contact form.
pub fn request_label(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Erasure => "Verwijdering van mijn gegevens",
        k => k.label(),
    }
}
