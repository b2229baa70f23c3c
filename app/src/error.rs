//! The one error type of every server function: a stable code for the API (`{"code": …}`), a
//! Dutch message for the UI, and (on the server) the HTTP status. Errors never carry personal
//! data: internal failures are logged on the server and reported as `internal`.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    #[error("Je bent niet ingelogd. Log eerst in.")]
    Unauthenticated,
    #[error("Je hebt geen toegang tot deze gegevens of deze actie.")]
    Forbidden,
    #[error("Niet gevonden.")]
    NotFound,
    #[error("Het e-mailadres of het wachtwoord klopt niet.")]
    InvalidCredentials,
    #[error("Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.")]
    RateLimited,
    /// Bad input for one field; `message` is Dutch and says how to fix it.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// The caller may not write this field (visibility policy, write list).
    #[error("Je mag dit gegeven niet wijzigen: {field}.")]
    FieldNotWritable { field: String },
    /// The caller may not filter or sort on this field (visibility policy, read list).
    #[error("Je mag niet filteren op dit gegeven: {field}.")]
    FieldNotReadable { field: String },
    #[error("Deze gegevens bestaan al: {message}")]
    Conflict { message: String },
    #[error("Het verzoek is ongeldig.")]
    BadRequest,
    #[error("Er ging iets mis op de server. Probeer het later opnieuw.")]
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
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::RateLimited => "rate_limited",
            AppError::Invalid { .. } => "invalid",
            AppError::FieldNotWritable { .. } => "field_not_writable",
            AppError::FieldNotReadable { .. } => "field_not_readable",
            AppError::Conflict { .. } => "conflict",
            AppError::BadRequest => "bad_request",
            AppError::Internal => "internal",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden
            | AppError::FieldNotWritable { .. }
            | AppError::FieldNotReadable { .. } => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } => 409,
            AppError::RateLimited => 429,
            AppError::Invalid { .. } | AppError::BadRequest => 400,
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
                #[cfg(feature = "ssr")]
                tracing::warn!(error = %other, "server function failure");
                let _ = other;
                AppError::Internal
            }
        }
    }

    /// Serialised on the server when a server function fails: the one place that also sets the
    /// HTTP status for the error.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                http::StatusCode::from_u16(self.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
        leptos::server_fn::Bytes::from(serde_json::to_vec(self).unwrap_or_default())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        // The database message can contain values: log it, never send it.
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
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
