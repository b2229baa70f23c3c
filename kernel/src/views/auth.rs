//! The types of `auth` that the service returns and the browser shows.

use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// What the browser may know about the signed-in user (for the navigation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub role: Role,
    pub organisation: String,
}

/// Where a completed log-in goes: the work of the day ("Vandaag"), the start page of every
/// role, which shows each role its own.
pub const HOME_PATH: &str = "/vandaag";

/// Where a log-in goes next: the role's start page, or the second step (staff, partner users
/// and administrators, who sign in with a code from an authenticator app as well).
pub const SECOND_STEP_PATH: &str = "/inloggen/tweede-stap";

/// The second step of a log-in, as the signed-in-with-password user sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecondStep {
    /// First log-in: add HalloWerk to an authenticator app, then confirm with a code.
    Enrol {
        /// The `otpauth://` URI as a QR code (SVG, drawn on the server).
        qr_svg: String,
        /// The same secret as text (base32), for typing it in.
        secret: String,
    },
    /// Enrolled: a code from the app, or one of the recovery codes.
    Verify,
}

/// The outcome of a confirmed enrolment: the ten recovery codes, shown this once (only their
/// hashes are kept), and where to go next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolled {
    pub recovery_codes: Vec<String>,
    pub home: String,
}
