//! For everyone, signed in or not: the contact form (and the region inbox its messages land
//! in) and the published description of the search and matching algorithm.

pub mod algorithm;
pub mod contact;
pub mod privacy_requests;
pub mod request_answer;
