//! For employers' contact persons: their organisation's vacancies with the matching
//! candidates, the invitations they send, their saved searches with the daily digest, and their
//! own account data.

pub mod invitations;
pub mod my_account;
pub mod saved_searches;
pub mod today;
pub mod vacancies;
