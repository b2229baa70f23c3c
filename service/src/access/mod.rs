//! Who is asking and what they reach: the principal of a session, the row scope, the audit log
//! and the processing log, and the per-request context that ties them together. Built only on the foundation (and the
//! kernel), so every feature can use it without importing another feature.

pub mod audit;
pub mod caller;
pub mod context;
pub mod principal;
pub mod processing_log;
pub mod scope;
pub mod session;
