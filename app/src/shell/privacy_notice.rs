//! The line every form that asks for personal data carries: where the privacy statement is.

use leptos::prelude::*;

/// A link to the statement for every form that asks for personal data.
#[component]
pub fn PrivacyNotice() -> impl IntoView {
    view! {
        <p class="utrecht-paragraph hw-privacy-notice">
            "Wat we met deze gegevens doen en wie ze ziet, staat in de "
            <a class="utrecht-link" href="/privacy">"privacyverklaring"</a>"."
        </p>
    }
}
