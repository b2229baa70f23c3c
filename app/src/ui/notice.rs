//! How a failed request is shown.

use crate::ui::alert::{Alert, Tone};
use kernel::error::AppError;
use leptos::prelude::*;

/// A Dutch message for a failed request, with a link to (the rest of) the log-in when that is
/// the cause.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let login = match error {
        AppError::Unauthenticated => Some(("/inloggen", "Naar inloggen")),
        AppError::SecondFactorRequired => {
            Some((kernel::views::auth::SECOND_STEP_PATH, "Naar de tweede stap"))
        }
        _ => None,
    };
    // The stable code, so tests (and support staff) can tell a refusal from a failure.
    let code = error.code();
    view! {
        <Alert tone=Tone::Error attr:data-error=code>
            <p class="utrecht-paragraph">{error.to_string()}</p>
            {login.map(|(href, label)| view! { <p class="utrecht-paragraph"><a class="utrecht-link" href=href>{label}</a></p> })}
        </Alert>
    }
}
