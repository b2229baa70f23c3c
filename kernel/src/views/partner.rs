//! The types of `partner` that the service returns and the browser shows.

use crate::policy::Field;
use crate::views::profile::ProfileView;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedProfileList {
    /// The agreed fields (columns of the table).
    pub fields: Vec<Field>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub items: Vec<ProfileView>,
}

pub const PAGE_SIZE: u64 = 25;
