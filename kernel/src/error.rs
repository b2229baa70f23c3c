//! The one error type of every server function: a stable code for the API (`{"code": …}`), a
//! Dutch message for the UI, and (on the server) the HTTP status. Errors never carry personal
//! data: internal failures are logged on the server and reported as `internal`.

use serde::{Deserialize, Serialize};

// Not `std::error::Error` on purpose (as `anyhow::Error`): that leaves room for the one
// conversion below from every other error, so a database or I/O failure turned into
// `Internal` (logged, never sent) needs no per-crate glue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    Unauthenticated,
    /// Signed in with the password, but the second factor (TOTP) is still to come.
    SecondFactorRequired,
    Forbidden,
    NotFound,
    InvalidCredentials,
    RateLimited,
    /// Bad input for one field; `message` is Dutch and says how to fix it.
    Invalid {
        field: String,
        message: String,
    },
    /// The caller may not write this field (visibility policy, write list).
    FieldNotWritable {
        field: String,
    },
    /// The caller may not filter or sort on this field (visibility policy, read list).
    FieldNotReadable {
        field: String,
    },
    Conflict {
        message: String,
    },
    BadRequest,
    /// A daily ceiling on viewing profiles was passed (SPEC §10); `message` is Dutch.
    ViewingLimit {
        message: String,
    },
    /// A `Range` beyond the end of a media file of `total` bytes.
    RangeNotSatisfiable {
        total: u64,
    },
    Internal,
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The stable machine-readable code (the `code` of the JSON body).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::SecondFactorRequired => "second_factor_required",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::RateLimited => "rate_limited",
            AppError::Invalid { .. } => "invalid",
            AppError::FieldNotWritable { .. } => "field_not_writable",
            AppError::FieldNotReadable { .. } => "field_not_readable",
            AppError::Conflict { .. } => "conflict",
            AppError::BadRequest => "bad_request",
            AppError::ViewingLimit { .. } => "viewing_limit",
            AppError::RangeNotSatisfiable { .. } => "range_not_satisfiable",
            AppError::Internal => "internal",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated
            | AppError::SecondFactorRequired
            | AppError::InvalidCredentials => 401,
            AppError::Forbidden
            | AppError::FieldNotWritable { .. }
            | AppError::FieldNotReadable { .. } => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } => 409,
            AppError::RateLimited | AppError::ViewingLimit { .. } => 429,
            AppError::Invalid { .. } | AppError::BadRequest => 400,
            AppError::RangeNotSatisfiable { .. } => 416,
            AppError::Internal => 500,
        }
    }

    /// The message for a form field, if this error is about that field.
    pub fn for_field(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid { field: f, message } if f == field => Some(message.clone()),
            _ => None,
        }
    }
}

impl std::fmt::Display for AppError {
    /// The Dutch message for the UI.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Unauthenticated => write!(f, "Je bent niet ingelogd. Log eerst in."),
            AppError::SecondFactorRequired => write!(
                f,
                "Vul eerst de code uit je authenticator-app in om het inloggen af te ronden."
            ),
            AppError::Forbidden => {
                write!(f, "Je hebt geen toegang tot deze gegevens of deze actie.")
            }
            AppError::NotFound => write!(f, "Niet gevonden."),
            AppError::InvalidCredentials => {
                write!(f, "Het e-mailadres of het wachtwoord klopt niet.")
            }
            AppError::RateLimited => write!(
                f,
                "Te veel pogingen. Wacht een paar minuten en probeer het opnieuw."
            ),
            AppError::Invalid { message, .. } => write!(f, "{message}"),
            AppError::FieldNotWritable { field, .. } => {
                write!(f, "Je mag dit gegeven niet wijzigen: {field}.")
            }
            AppError::FieldNotReadable { field, .. } => {
                write!(f, "Je mag niet filteren op dit gegeven: {field}.")
            }
            AppError::Conflict { message, .. } => write!(f, "Deze gegevens bestaan al: {message}"),
            AppError::BadRequest => write!(f, "Het verzoek is ongeldig."),
            AppError::ViewingLimit { message } => write!(f, "{message}"),
            AppError::RangeNotSatisfiable { .. } => {
                write!(f, "Dit deel van het bestand bestaat niet.")
            }
            AppError::Internal => write!(
                f,
                "Er ging iets mis op de server. Probeer het later opnieuw."
            ),
        }
    }
}

/// Any other failure (database, I/O, encoding) is an internal error: logged here on the server,
/// reported to the client as `internal` only, because its message can contain values.
impl<E: std::error::Error + Send + Sync + 'static> From<E> for AppError {
    fn from(e: E) -> Self {
        tracing::error!(error = %e, "internal error");
        AppError::Internal
    }
}

/// How the HTTP status of a failed server function is set: the web layer (which knows the
/// response being built) registers it once at start-up.
static SET_STATUS: std::sync::OnceLock<fn(u16)> = std::sync::OnceLock::new();

/// Registers the function that sets the response status of a failing server function.
pub fn on_status(set: fn(u16)) {
    let _ = SET_STATUS.set(set);
}

#[cfg(feature = "server-fn")]
mod wire {
    use super::{AppError, SET_STATUS};
    use server_fn::codec::JsonEncoding;
    use server_fn::error::{FromServerFnError, ServerFnErrorErr};

    impl FromServerFnError for AppError {
        type Encoder = JsonEncoding;

        fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
            match value {
                ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
                // On the server this is a request body (JSON arguments) that does not parse.
                #[cfg(feature = "ssr")]
                ServerFnErrorErr::Deserialization(_) => AppError::BadRequest,
                other => {
                    tracing::warn!(error = %other, "server function failure");
                    AppError::Internal
                }
            }
        }

        /// Serialised on the server when a server function fails: the one place that also sets
        /// the HTTP status for the error.
        fn ser(&self) -> server_fn::Bytes {
            if let Some(set) = SET_STATUS.get() {
                set(self.status());
            }
            server_fn::Bytes::from(serde_json::to_vec(self).unwrap_or_default())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_carries_a_stable_code() {
        let e = AppError::FieldNotWritable {
            field: "client_number".into(),
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"code":"field_not_writable","field":"client_number"}"#
        );
        assert_eq!(e.code(), "field_not_writable");
        let back: AppError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
    }
}
