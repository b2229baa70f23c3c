//! The types of `activation` that the service returns and the browser shows.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

pub const ACTIVATION_DAYS: i64 = 7;
/// How long a password-reset link works.
pub const RESET_LINK_HOURS: i64 = 1;
/// How long the link that confirms a new e-mail address works.
pub const ADDRESS_CHANGE_HOURS: i64 = 24;
pub const MIN_PASSWORD_LEN: usize = 12;
pub const MAX_PASSWORD_LEN: usize = 128;

/// Whether a link can still be used, and for which address (shown on the form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationInfo {
    pub email: String,
}

/// Password rules, shared by browser and server.
pub fn check_password(password: &str, repeat: &str, email: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(
            "password",
            format!(
                "Kies een wachtwoord van minstens {MIN_PASSWORD_LEN} tekens. Een zin van een paar woorden werkt goed."
            ),
        ));
    }
    if n > MAX_PASSWORD_LEN {
        return Err(AppError::invalid(
            "password",
            format!("Een wachtwoord mag hoogstens {MAX_PASSWORD_LEN} tekens zijn."),
        ));
    }
    if password.trim().to_lowercase() == email.trim().to_lowercase() {
        return Err(AppError::invalid(
            "password",
            "Je wachtwoord mag niet je e-mailadres zijn.",
        ));
    }
    if password != repeat {
        return Err(AppError::invalid(
            "password_repeat",
            "De twee wachtwoorden zijn niet gelijk.",
        ));
    }
    Ok(())
}
