//! The server's integration tests in one binary (one link of the whole server instead of one
//! per feature): a module per feature, sharing the harness in `common`.

#[macro_use]
mod common;

mod accountability;
mod audit_append_only;
mod audit_trail;
mod auth;
mod console;
mod contact;
mod crash;
mod data_subjects;
mod employer;
mod erasure;
mod four_eyes;
mod generator;
mod instances;
mod job_seeker;
mod limits;
mod matrix;
mod migrations;
mod privacy_statement;
mod processing_log;
mod second_factor;
mod service_calls;
mod statements;
mod today;
mod viewing_limits;
mod visibility;
