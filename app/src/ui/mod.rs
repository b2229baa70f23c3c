//! Widgets that know no feature: pages of every audience use them.

pub mod profile_fields;
