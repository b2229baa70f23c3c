//! The HalloWerk server: configuration, database, HTTP router, demo data and bulk generator.
//! Pages and server functions live in `app`; this crate wires them to axum and the database.

pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod jobs;
pub mod mailer;
pub mod media;
pub mod pipe;
pub mod state;
pub mod web;
