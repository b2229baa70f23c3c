//! The types of `partners` that the service returns and the browser shows.

use crate::policy::Field;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreementView {
    pub fields: Vec<Field>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// Set while the agreement waits for a second staff member of the gemeente (four eyes,
    /// SPEC §11): until then the partner sees nothing and its log-in cannot be used.
    pub awaiting_confirmation: Option<AwaitingConfirmation>,
}

/// Who made an agreement that waits for confirmation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AwaitingConfirmation {
    pub proposed_by: String,
    /// The caller made it, so the caller cannot confirm it.
    pub by_caller: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerView {
    pub id: i32,
    pub name: String,
    pub active: bool,
    pub agreement: Option<AgreementView>,
    pub users: Vec<String>,
}

/// A new partner with its agreement and first user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewPartner {
    pub name: String,
    pub fields: Vec<Field>,
    pub valid_until: Option<NaiveDate>,
    pub user_first_name: String,
    pub user_last_name: String,
    pub user_email: String,
}
