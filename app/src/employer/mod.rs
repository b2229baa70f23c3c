//! Pages for employers: the candidate filter and a candidate's opened profile, vacancies with
//! their matches, invitations, saved searches and the contact person's own account.

pub mod candidates;
pub mod invitations;
pub mod my_account;
pub mod saved_searches;
pub mod vacancies;
