//! Widgets that know no feature: pages of every audience use them.

pub mod alert;
pub mod badge;
pub mod button;
pub mod controls;
pub mod count;
pub mod date;
pub mod field;
pub mod fold;
pub mod notice;
pub mod paging;
pub mod profile_fields;
pub mod table;
pub mod text_field;
