//! The types of `admin_accounts` that the service returns and the browser shows.

use serde::{Deserialize, Serialize};

/// A staff, partner or administrator account (never a job seeker: the administrator has no
/// job-seeker data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: crate::domain::Role,
    pub organisation: String,
    pub active: bool,
    pub activated: bool,
    /// Enrolled in the second factor (an authenticator app).
    pub second_factor: bool,
    /// Made by a platform administrator; waits for a second person's approval (four eyes).
    pub awaiting_approval: bool,
    /// Whether the viewer may give that approval.
    pub may_approve: bool,
    /// The viewer's own account (nobody approves or resets their own).
    pub is_self: bool,
}
