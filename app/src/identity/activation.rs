//! Pages and server functions of `activation`; the rules and queries are in `service::identity::activation`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::Hidden;
use kernel::error::AppError;
use kernel::views::activation::*;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "activation/info")]
pub async fn get_activation(token: String) -> Result<ActivationInfo, AppError> {
    service::identity::activation::info(crate::state::context()?.db(), &token).await
}

#[server(prefix = "/api", endpoint = "activation/redeem")]
pub async fn activate(
    token: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    service::identity::activation::redeem(
        crate::state::context()?.db(),
        &token,
        &password,
        &password_repeat,
    )
    .await
}

/// The form a single-use link opens: a new account's first password, or (`reset`) a new one
/// after "Wachtwoord vergeten".
#[component]
pub fn ActivationPage(#[prop(optional)] reset: bool) -> impl IntoView {
    use leptos_router::hooks::use_params_map;
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, get_activation);
    let activate = ServerAction::<Activate>::new();
    let result = activate.value();
    let error_for = move |field| crate::ui::text_field::field_error(result, field);
    view! {
        <h1 class="utrecht-heading-1">{if reset { "Nieuw wachtwoord kiezen" } else { "Account activeren" }}</h1>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(info) => view! {
                        <Show
                            when=move || matches!(result.get(), Some(Ok(())))
                            fallback=move || { let email = info.email.clone(); view! {
                                <p class="utrecht-paragraph">
                                    "Kies een wachtwoord voor " <strong>{email.clone()}</strong>
                                    {format!(". Gebruik minstens {MIN_PASSWORD_LEN} tekens; een zin van een paar woorden is sterk en makkelijk te onthouden.")}
                                </p>
                                <ActionForm action=activate attr:class="hw-form">
                                    {move || error_for("token").get().map(|e| view! {
                                        <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert>
                                    })}
                                    <Hidden name="token" value=token() />
                                    <Hidden name="username" value=email attr:autocomplete="username" />
                                    <crate::ui::text_field::TextField id="activate-password" name="password" label="Nieuw wachtwoord" kind="password" autocomplete="new-password" error=error_for("password") />
                                    <crate::ui::text_field::TextField id="activate-password-repeat" name="password_repeat" label="Herhaal het wachtwoord" kind="password" autocomplete="new-password" error=error_for("password_repeat") />
                                    <Button appearance=Appearance::Primary>"Wachtwoord opslaan"</Button>
                                </ActionForm>
                            }}
                        >
                            <Alert tone=Tone::Ok>
                                <p class="utrecht-paragraph">{if reset { "Je nieuwe wachtwoord is opgeslagen; op andere apparaten ben je uitgelogd. Je kunt nu inloggen." } else { "Je account is geactiveerd. Je kunt nu inloggen." }}</p>
                            </Alert>
                            <p class="utrecht-paragraph"><a class="utrecht-link" href="/inloggen">"Naar inloggen"</a></p>
                        </Show>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
