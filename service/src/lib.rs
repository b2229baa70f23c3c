//! HalloWerk's services: everything the server does with personal data, with no Leptos and no
//! HTTP framework, in layers that point one way: `foundation` (database, dialect, limits, mail,
//! media store, candidate index), then `access` (who the caller is: principal, session, typed
//! callers, the row scope that says whose data a principal reaches, and the audit log that
//! records every read and change), then `identity` (log-in, second factor, activation), `model`
//! (what several audiences share) and `search`, and on top one folder per audience (`public`,
//! `job_seeker`, `employer`, `staff`, `partner`, `admin`). The visibility policy (kernel
//! `policy`) says which fields, and `model::profile` is the one maker of personal views. The web layer
//! (`app`'s server functions, `server`'s handlers) only requires a role through the request's
//! `Context` and calls a function here.

// Layers, bottom to top; each names only those below it, and no audience folder names another
// (scripts/check-layout).
pub mod access;
pub mod foundation;
pub mod identity;
pub mod model;
pub mod search;
// One folder per audience.
pub mod admin;
pub mod employer;
pub mod job_seeker;
pub mod partner;
pub mod public;
pub mod staff;

pub use access::context::Context;
