//! The bottom layer of the services: names every feature needs and that need no feature —
//! database handles and transactions, the SQL dialect, the request's client address and trace, paging,
//! rate limits, the secret box, mail templates and the outbox, the media store and upload spool, the candidate
//! index and the instance's state. Nothing here imports from the layers above
//! (`scripts/check-layout` keeps it so).

pub mod candidate_index;
pub mod client;
pub mod db;
pub mod dialect;
pub mod link_token;
pub mod mail;
pub mod media_store;
pub mod paging;
pub mod ratelimit;
pub mod secret_box;
pub mod spool;
pub mod state;
pub mod trace;
pub mod words;
