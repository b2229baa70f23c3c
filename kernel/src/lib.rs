//! The browser-safe kernel of HalloWerk, compiled for the server and the browser alike: the
//! visibility policy (the SPEC's field table, as data), the domain types, the validators, the
//! matching of job seekers to vacancies, the error type and the view types every feature sends
//! to the browser. It knows nothing of Leptos, HTTP or the database, so every layer above can
//! depend on it and it can depend on none of them.

pub mod algorithm;
pub mod candidates;
pub mod day;
pub mod domain;
pub mod error;
pub mod matching;
pub mod policy;
pub mod privacy_statement;
pub mod processing;
pub mod retention;
pub mod validate;
pub mod views;
