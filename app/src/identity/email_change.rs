//! Confirming a job seeker's new e-mail address with the link sent to it. The rules are in
//! `service::identity::email_change`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::Hidden;
use kernel::error::AppError;
use leptos::prelude::*;

/// Confirms the change of address of the link's token; returns the new address.
#[server(prefix = "/api", endpoint = "email/confirm")]
pub async fn confirm_email(token: String) -> Result<String, AppError> {
    service::identity::email_change::confirm(crate::state::context()?.db(), &token).await
}

/// A button, not a change on opening the page: a mail scanner that opens links must not
/// confirm anything.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    use leptos_router::hooks::use_params_map;
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let confirm = ServerAction::<ConfirmEmail>::new();
    let value = confirm.value();
    view! {
        <h1 class="utrecht-heading-1">"Nieuw e-mailadres bevestigen"</h1>
        {move || match value.get() {
            Some(Ok(email)) => view! {
                <Alert tone=Tone::Ok>
                    <p class="utrecht-paragraph">{format!("Je e-mailadres is nu {email}. Log voortaan met dit adres in.")}</p>
                </Alert>
                <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn-profiel">"Naar mijn profiel"</a></p>
            }.into_any(),
            other => view! {
                {other.and_then(|r| r.err()).map(|e| view! {
                    <Alert tone=Tone::Error>
                        <p class="utrecht-paragraph">{e.to_string()}</p>
                    </Alert>
                })}
                <p class="utrecht-paragraph">
                    "Er is gevraagd dit adres te gebruiken voor je HalloWerk-profiel, door jou of door "
                    "je gemeente. Bevestig het hieronder; daarna log je met dit adres in."
                </p>
                <ActionForm action=confirm attr:class="hw-form">
                    <Hidden name="token" value=token />
                    <Button appearance=Appearance::Primary>
                        "Bevestigen"
                    </Button>
                </ActionForm>
            }.into_any(),
        }}
    }
}
