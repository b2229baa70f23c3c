//! For platform administrators ("Beheer"): regions and gemeenten (`places`) and the accounts
//! of staff, partners and administrators. No job-seeker data at all.

pub mod accounts;
pub mod places;
pub mod today;
