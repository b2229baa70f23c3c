//! Pages for everyone: the contact form (and the region inbox it feeds), the privacy statement
//! (and the page where staff publish a version), how filtering and matching work, and the
//! accessibility statement. Any audience may use what is here.

pub mod accountability;
pub mod contact;
pub mod privacy_statement;
