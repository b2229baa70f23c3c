//! What every page is inside of: the frame with its navigation, and the privacy notice every
//! form that asks for personal data carries.

pub mod frame;
pub mod privacy_notice;
pub mod today;
