//! Pages for job seekers: their profile and the vacancies that match it.

pub mod my_vacancies;
pub mod profile;
