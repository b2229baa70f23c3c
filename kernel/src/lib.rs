//! The browser-safe kernel of HalloWerk, compiled for the server and the browser alike: the
//! visibility policy (the SPEC's field table, as data), the domain types, the validators and
//! the matching of job seekers to vacancies. It knows nothing of Leptos, HTTP or the database,
//! so every layer above can depend on it and it can depend on none of them.

pub mod candidates;
pub mod domain;
pub mod matching;
pub mod policy;
pub mod validate;
