//! The types of `saved_searches` that the service returns and the browser shows.

use crate::candidates::CandidateFilter;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedSearchView {
    pub id: i32,
    pub name: String,
    pub filter: CandidateFilter,
    pub daily_digest: bool,
}
