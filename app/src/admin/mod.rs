//! Pages for platform administrators: regions and gemeenten (`places`) and accounts.

pub mod accounts;
pub mod places;
