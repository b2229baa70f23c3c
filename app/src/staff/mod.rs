//! Pages for staff of a gemeente: job seekers, employer registrations, the privacy desk,
//! partners, viewing limits, statistics and the audit log.

pub mod audit_search;
pub mod employers;
pub mod job_seekers;
pub mod partners;
pub mod privacy_desk;
pub mod region_requests;
pub mod statistics;
pub mod viewing_limits;
