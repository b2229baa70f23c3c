//! For partner organisations: the profiles a gemeente shares with them under an agreement, and
//! what changed in them this week (the start page).

pub mod shared_profiles;
pub mod today;
