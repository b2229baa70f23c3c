//! Page parts several audiences share: the profile editor (the job seeker's own and staff's)
//! with its media upload and occupation picker, and the privacy page with its requests.

pub mod consultant_notes;
pub mod media;
pub mod occupations;
pub mod privacy;
pub mod profile_edit;
