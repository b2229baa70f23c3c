//! The types of the published privacy statement (`/privacy`) and of its publication by staff.

use crate::day::Day;
use crate::privacy_statement::{Document, GemeenteText};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GemeenteOption {
    pub id: i32,
    pub name: String,
}

/// A published version: its number, date and what changed. Who published it is not shown,
/// only whether staff did or the statement followed a change in the code or the agreements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub version: i32,
    /// The day it was published (UTC); only the day is shown.
    pub published_on: Day,
    pub by_staff: bool,
    pub change_note: String,
}

/// The public page: the statement of one gemeente (or the general one), with its versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatementPage {
    pub gemeenten: Vec<GemeenteOption>,
    pub gemeente: Option<GemeenteOption>,
    pub document: Document,
    /// The version shown: the newest, or the older one asked for.
    pub shown: Option<VersionInfo>,
    /// An older version is shown (the page says so and links to the current one).
    pub is_old: bool,
    /// Newest first, at most `MAX_VERSIONS`.
    pub versions: Vec<VersionInfo>,
}

/// The most versions a page lists (a statement changes a few times a year).
pub const MAX_VERSIONS: u64 = 100;

/// What staff see before publishing: their gemeente's current texts and its versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatementDraft {
    pub gemeente: GemeenteOption,
    pub text: GemeenteText,
    pub versions: Vec<VersionInfo>,
}
