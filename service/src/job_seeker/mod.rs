//! For job seekers: the vacancies that match their own profile. (Their profile, media,
//! invitations and privacy requests are shared models, in `model`.)

pub mod my_vacancies;
pub mod today;
