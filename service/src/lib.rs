//! HalloWerk's services: everything the server does with personal data, with no Leptos and no
//! HTTP framework, in layers that point one way: `foundation` (database, dialect, limits, mail,
//! media store, candidate index), then `access` (who the caller is: principal, session, typed
//! callers, the row scope that says whose data a principal reaches, and the audit log that
//! records every read and change), then the features. The visibility policy (kernel `policy`)
//! says which fields, and `profile` is the one maker of personal views. The web layer
//! (`app`'s server functions, `server`'s handlers) only requires a role through the request's
//! `Context` and calls a function here.

// The browser-safe kernel, under the names the features have always used.

pub mod access;
pub mod account_approval;
pub mod activation;
pub mod admin;
pub mod admin_accounts;
pub mod algorithm;
pub mod audit_search;
pub mod auth;
pub mod candidates;
pub mod contact;
pub mod email_change;
pub mod employer_invitations;
pub mod employers;
pub mod erasure;
pub mod foundation;
pub mod invitations;
pub mod job_seekers;
pub mod media;
pub mod my_vacancies;
pub mod occupations;
pub mod partner;
pub mod partners;
pub mod photo;
pub mod privacy;
pub mod privacy_desk;
pub mod privacy_statement;
pub mod profile;
pub mod saved_searches;
pub mod search;
pub mod second_factor;
pub mod statistics;
pub mod vacancies;
pub mod viewing_limits;

pub use access::context::Context;
