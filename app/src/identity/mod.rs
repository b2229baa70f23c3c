//! Log-in, the second step, activation, confirming a new address, and the accounts section
//! where staff and administrators approve and reset accounts.

pub mod accounts;
pub mod activation;
pub mod auth;
pub mod email_change;
pub mod password;
pub mod second_factor;
