//! Limits on mass viewing (SPEC §10): the daily ceilings a region sets on how many profiles an
//! employer's account and organisation open and how many candidate rows they are listed, and
//! the blocks that passing one sets, as staff see and change them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A region's daily ceilings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub account_opened: u32,
    pub organisation_opened: u32,
    pub account_listed: u32,
    pub organisation_listed: u32,
}

impl Limits {
    /// Any ceiling above its default: such a setting opens more data to employers, so it
    /// waits for a second staff member of the region (four eyes, SPEC §11).
    pub fn above_default(&self) -> bool {
        self.account_opened > DEFAULT_LIMITS.account_opened
            || self.organisation_opened > DEFAULT_LIMITS.organisation_opened
            || self.account_listed > DEFAULT_LIMITS.account_listed
            || self.organisation_listed > DEFAULT_LIMITS.organisation_listed
    }
}

/// What saving the ceilings did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LimitsSaved {
    /// In force now (at or below the defaults).
    Applied,
    /// Above a default: waits for a second staff member of the region.
    AwaitingSecond,
}

/// A setting above the defaults that waits for a second staff member of the region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLimits {
    /// Named by the confirmation, so it confirms exactly this proposal.
    pub id: i32,
    pub limits: Limits,
    pub proposed_by: String,
    pub proposed_at: DateTime<Utc>,
    /// Proposed by the reader: they cannot confirm it.
    pub mine: bool,
}

/// Until a region sets its own: generous for a recruiter's day of work (a live filter lists up
/// to 25 rows at each keystroke), a thousandth of what the werk.nl account viewed.
pub const DEFAULT_LIMITS: Limits = Limits {
    account_opened: 200,
    organisation_opened: 1_000,
    account_listed: 10_000,
    organisation_listed: 40_000,
};

/// The highest ceiling staff can set.
pub const MAX_LIMIT: u32 = 10_000_000;

/// From this share of a ceiling on, the employer is warned.
pub const WARN_PERCENT: u64 = 80;

/// What is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    /// Profiles opened.
    Opened,
    /// Candidate rows listed (search results, matches of a vacancy).
    Listed,
}

impl Measure {
    pub const fn code(self) -> &'static str {
        match self {
            Measure::Opened => "opened",
            Measure::Listed => "listed",
        }
    }

    pub fn from_code(code: &str) -> Option<Measure> {
        [Measure::Opened, Measure::Listed]
            .into_iter()
            .find(|m| m.code() == code)
    }

    /// "geopende profielen" / "getoonde kandidaten".
    pub const fn label(self) -> &'static str {
        match self {
            Measure::Opened => "geopende profielen",
            Measure::Listed => "getoonde kandidaten in lijsten",
        }
    }
}

/// A block as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockView {
    pub id: i32,
    pub day: NaiveDate,
    pub organisation: String,
    /// The account's contact person; `None`: the organisation's ceiling was passed.
    pub account: Option<String>,
    pub measure: Measure,
    pub created_at: DateTime<Utc>,
    pub lifted_at: Option<DateTime<Utc>>,
    /// Who asked for the lift, waiting for a second staff member of the region.
    pub lift_requested_by: Option<String>,
    /// The reader asked for it: they cannot lift it themselves.
    pub lift_requested_by_me: bool,
}

/// What a click on "lift" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiftOutcome {
    /// Asked for: a second staff member of the region lifts it.
    Requested,
    /// Lifted (now, or earlier).
    Lifted,
}

/// The staff page: the region's ceilings and its blocks of the last week, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitsPage {
    pub region: String,
    pub limits: Limits,
    /// The region has set no ceilings of its own.
    pub is_default: bool,
    /// Higher ceilings proposed by one staff member, waiting for a second.
    pub pending: Option<PendingLimits>,
    pub blocks: Vec<BlockView>,
}

/// The most blocks the staff page lists.
pub const MAX_BLOCKS: u64 = 100;
