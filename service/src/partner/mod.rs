//! For partner organisations: the profiles a gemeente shares with them under an agreement.

pub mod shared_profiles;
