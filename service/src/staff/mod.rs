//! For staff of a gemeente: its job seekers, the privacy desk, employer registrations of the
//! region, partners and their agreements, statistics and the audit log search.

pub mod audit_search;
pub mod employers;
pub mod job_seekers;
pub mod partners;
pub mod privacy_desk;
pub mod region_requests;
pub mod statistics;
pub mod today;
