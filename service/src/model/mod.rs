//! What several audiences share: the job seeker's profile (the one maker of personal views,
//! with its changes), photos and videos, erasure (of profiles and of employers' accounts),
//! invitations, the job seeker's privacy requests and export, the privacy statement, viewing
//! limits, the occupation list and the region's contact messages. Names identity and the
//! layers below, never an audience folder.

pub mod account_erasure;
pub mod contact_messages;
pub mod erasure;
pub mod invitations;
pub mod media;
pub mod occupations;
pub mod photo;
pub mod privacy;
pub mod privacy_statement;
pub mod profile;
pub mod video;
pub mod viewing_limits;
