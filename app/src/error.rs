//! The one error type of every server function (kernel `error`), and how its HTTP status
//! reaches the response.

/// Makes a failing server function answer with its error's status (registered once by the
/// router).
#[cfg(feature = "ssr")]
pub fn set_status_from_errors() {
    kernel::error::on_status(|status| {
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                http::StatusCode::from_u16(status)
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    });
}
