//! Who someone is and how they prove it: passwords and log-in (`auth`), changing and resetting
//! one's password (`password`), the second factor, activation links that set a first password, confirming a new e-mail address, and the four
//! eyes on a new account (`account_approval`). Used by every audience; names no audience.

pub mod account_approval;
pub mod activation;
pub mod auth;
pub mod email_change;
pub mod invited;
pub mod password;
pub mod second_factor;
