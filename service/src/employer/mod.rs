//! For employers' contact persons: their organisation's vacancies with the matching
//! candidates, the invitations they send, and their saved searches with the daily digest.

pub mod invitations;
pub mod saved_searches;
pub mod vacancies;
