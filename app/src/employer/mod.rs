//! Pages for employers: the candidate filter and a candidate's opened profile, vacancies with
//! their matches, invitations and saved searches.

pub mod candidates;
pub mod invitations;
pub mod saved_searches;
pub mod vacancies;
