//! The page for partner organisations: the profiles shared with them.

pub mod shared_profiles;
