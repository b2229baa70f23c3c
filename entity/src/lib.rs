//! sea-orm entities, one module per table, mirroring `migration/`. These models never leave the
//! server: responses are views built through the visibility policy in `app`.
//! Hand-written finders live next to the features that use them, not here.

pub mod activation_token;
pub mod app_user;
pub mod audit_log;
pub mod consultant_note;
pub mod contact_archive;
pub mod contact_message;
pub mod email_change;
pub mod employer;
pub mod employer_registration;
pub mod erased_profile;
pub mod invitation;
pub mod job_lock;
pub mod job_seeker;
pub mod job_seeker_occupation;
pub mod municipality;
pub mod occupation;
pub mod outbox;
pub mod partner;
pub mod partner_agreement;
pub mod privacy_request;
pub mod privacy_statement_version;
pub mod processing_log;
pub mod rate_limit;
pub mod recovery_code;
pub mod region;
pub mod saved_search;
pub mod session;
pub mod subject_request;
pub mod vacancy;
pub mod viewing_block;
pub mod viewing_count;
pub mod viewing_limit;
pub mod viewing_limit_proposal;
pub mod viewing_opened;
