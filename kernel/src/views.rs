//! The types each feature sends to the browser: built by the service from records and the
//! visibility policy, shown by the pages as they arrive. One module per feature.

pub mod activation;
pub mod admin;
pub mod admin_accounts;
pub mod audit_search;
pub mod auth;
pub mod contact;
pub mod employers;
pub mod invitations;
pub mod job_seekers;
pub mod media;
pub mod my_account;
pub mod my_vacancies;
pub mod paging;
pub mod partner;
pub mod partners;
pub mod privacy;
pub mod privacy_desk;
pub mod privacy_statement;
pub mod profile;
pub mod saved_searches;
pub mod statistics;
pub mod today;
pub mod vacancies;
pub mod viewing_limits;
