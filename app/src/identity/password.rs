//! Changing one's own password and asking for a new one by mail. The rules are in
//! `service::identity::password`; the reset link opens the activation form
//! (`activation::ActivationPage` with `reset`).

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use kernel::error::AppError;
use kernel::views::activation::{MIN_PASSWORD_LEN, RESET_LINK_HOURS};
use leptos::prelude::*;

/// Changes the signed-in user's password; other sessions of the account end.
#[server(prefix = "/api", endpoint = "password/change")]
pub async fn change_password(
    current_password: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller_any(kernel::domain::Role::ALL).await?;
    let token = cx.token().ok_or(AppError::Unauthenticated)?.to_string();
    service::identity::password::change(
        cx.db(),
        &me,
        &token,
        &current_password,
        &password,
        &password_repeat,
    )
    .await
}

/// Mails a reset link if an account has this address; the same answer either way.
#[server(prefix = "/api", endpoint = "password/forgot")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let cx = crate::state::context()?;
    service::identity::password::request_reset(cx.db(), &email, &cx.state.public_url).await
}

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    use crate::ui::text_field::TextField;
    let change = ServerAction::<ChangePassword>::new();
    let result = change.value();
    let error_for = move |field| crate::ui::text_field::field_error(result, field);
    let general = crate::ui::text_field::general_error(result);
    // Only for someone signed in (every step of the log-in done).
    let me = Resource::new(|| (), |_| crate::identity::auth::current_user());
    let form = move || {
        view! {
            <Show
                when=move || matches!(result.get(), Some(Ok(())))
                fallback=move || view! {
                    <p class="utrecht-paragraph">{format!("Vul je huidige wachtwoord in en kies een nieuw van minstens {MIN_PASSWORD_LEN} tekens. Je blijft hier ingelogd; op andere apparaten word je uitgelogd.")}</p>
                    <ActionForm action=change attr:class="hw-form">
                        {move || general.get().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
                        <TextField id="current-password" name="current_password" label="Huidig wachtwoord" kind="password" autocomplete="current-password" error=error_for("current_password") />
                        <TextField id="new-password" name="password" label="Nieuw wachtwoord" kind="password" autocomplete="new-password" error=error_for("password") />
                        <TextField id="new-password-repeat" name="password_repeat" label="Herhaal het nieuwe wachtwoord" kind="password" autocomplete="new-password" error=error_for("password_repeat") />
                        <Button appearance=Appearance::Primary>"Wachtwoord wijzigen"</Button>
                    </ActionForm>
                }
            >
                <Alert tone=Tone::Ok>
                    <p class="utrecht-paragraph">"Je wachtwoord is gewijzigd. Op andere apparaten ben je uitgelogd; je krijgt er een e-mail over."</p>
                </Alert>
            </Show>
        }
    };
    view! {
        <h1 class="utrecht-heading-1">"Wachtwoord wijzigen"</h1>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(_)) => form().into_any(),
                    Ok(None) => view! { <crate::ui::notice::ErrorNotice error=AppError::Unauthenticated /> }.into_any(),
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    use crate::ui::text_field::TextField;
    let forgot = ServerAction::<ForgotPassword>::new();
    let result = forgot.value();
    let error_for = move |field| crate::ui::text_field::field_error(result, field);
    let general = crate::ui::text_field::general_error(result);
    view! {
        <h1 class="utrecht-heading-1">"Wachtwoord vergeten"</h1>
        <Show
            when=move || matches!(result.get(), Some(Ok(())))
            fallback=move || view! {
                <p class="utrecht-paragraph">"Vul het e-mailadres van je account in. Je krijgt een link om een nieuw wachtwoord te kiezen."</p>
                <ActionForm action=forgot attr:class="hw-form">
                    {move || general.get().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
                    <TextField id="forgot-email" name="email" label="E-mailadres" kind="email" autocomplete="email" error=error_for("email") />
                    <Button appearance=Appearance::Primary>"Link versturen"</Button>
                </ActionForm>
            }
        >
            <Alert tone=Tone::Ok>
                <p class="utrecht-paragraph">
                    {format!("Hoort er een account bij dit adres, dan krijgt het binnen een paar minuten een e-mail met een link om een nieuw wachtwoord te kiezen. De link werkt {RESET_LINK_HOURS} uur.")}
                </p>
            </Alert>
        </Show>
    }
}
