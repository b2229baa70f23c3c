//! The second step of a log-in for staff, partner users and administrators: enrol an
//! authenticator app (QR code and secret, then the first code and the recovery codes) or enter a
//! code. And the reset by a second person. The rules are in `service::identity::second_factor`.

use crate::identity::auth::hard_navigate;
use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button, ButtonLink};
use crate::ui::controls::TextBox;
use crate::ui::field::FormField;
use crate::ui::notice::ErrorNotice;
use kernel::error::AppError;
use kernel::views::auth::{Enrolled, SecondStep};
use leptos::prelude::*;

/// The second step of the session awaiting it.
#[server(prefix = "/api", endpoint = "second-factor/step")]
pub async fn second_factor_step() -> Result<SecondStep, AppError> {
    let cx = crate::state::context()?;
    let user_id = cx.awaiting_code().await?;
    service::identity::second_factor::step(cx.db(), user_id).await
}

/// Confirms the enrolment with the first code; the session is renewed.
#[server(prefix = "/api", endpoint = "second-factor/enrol")]
pub async fn enrol_second_factor(code: String) -> Result<Enrolled, AppError> {
    let cx = crate::state::context()?;
    let user_id = cx.awaiting_code().await?;
    let token = cx.token().ok_or(AppError::Unauthenticated)?;
    let passed = service::identity::second_factor::enrol(cx.db(), user_id, token, &code).await?;
    crate::identity::auth::ssr::complete_cookie(&passed.token, passed.role)?;
    Ok(Enrolled {
        recovery_codes: passed.recovery_codes,
        home: kernel::views::auth::HOME_PATH.to_string(),
    })
}

/// Checks a code (or a recovery code); the session is renewed. Returns the start page.
#[server(prefix = "/api", endpoint = "second-factor/verify")]
pub async fn verify_second_factor(code: String) -> Result<String, AppError> {
    let cx = crate::state::context()?;
    let user_id = cx.awaiting_code().await?;
    let token = cx.token().ok_or(AppError::Unauthenticated)?;
    let passed = service::identity::second_factor::verify(cx.db(), user_id, token, &code).await?;
    crate::identity::auth::ssr::complete_cookie(&passed.token, passed.role)?;
    Ok(kernel::views::auth::HOME_PATH.to_string())
}

/// Resets another person's second factor (a lost phone): an administrator, or a staff member
/// for the colleagues and partner users of their gemeente.
#[server(prefix = "/api", endpoint = "second-factor/reset")]
pub async fn reset_second_factor(user_id: i32) -> Result<(), AppError> {
    use kernel::domain::Role;
    let (cx, me) = crate::state::caller_any(&[Role::Staff, Role::Admin]).await?;
    service::identity::second_factor::reset(cx.db(), &me, user_id).await
}

fn alert(error: Option<String>) -> impl IntoView {
    error.map(|e| {
        view! {
            <Alert tone=Tone::Error>
                <p class="utrecht-paragraph">{e}</p>
            </Alert>
        }
    })
}

#[component]
fn CodeField(label: &'static str, description: &'static str) -> impl IntoView {
    view! {
        <FormField id="second-factor-code" label=label description=description>
            <TextBox name="code" autocomplete="one-time-code" attr:spellcheck="false" />
        </FormField>
    }
}

#[component]
fn VerifyForm() -> impl IntoView {
    let verify = ServerAction::<VerifySecondFactor>::new();
    let value = verify.value();
    let back = crate::identity::auth::asked_for();
    Effect::new(move |_| {
        if let Some(Ok(path)) = value.get() {
            hard_navigate(&kernel::views::auth::after_sign_in(&path, back.as_deref()));
        }
    });
    let error = move || value.get().and_then(|r| r.err()).map(|e| e.to_string());
    view! {
        <p class="utrecht-paragraph">
            "Je wachtwoord klopt. Vul nu de code van zes cijfers in die je authenticator-app "
            "voor HalloWerk toont."
        </p>
        <ActionForm action=verify attr:class="utrecht-form hw-form">
            {move || alert(error())}
            <CodeField
                label="Code"
                description="Zes cijfers uit je app. Telefoon niet bij de hand? Gebruik een van je herstelcodes."
            />
            <Button appearance=Appearance::Primary
                attr:disabled=move || verify.pending().get()
            >
                "Inloggen afronden"
            </Button>
        </ActionForm>
        <p class="utrecht-paragraph">
            "Telefoon en herstelcodes kwijt? Vraag een collega van je gemeente of de beheerder van "
            "HalloWerk om je tweede factor opnieuw in te stellen."
        </p>
    }
}

/// The secret in groups of four, easier to type over.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
fn EnrolForm(qr_svg: String, secret: String) -> impl IntoView {
    let enrol = ServerAction::<EnrolSecondFactor>::new();
    let value = enrol.value();
    let back = StoredValue::new(crate::identity::auth::asked_for());
    let error = move || value.get().and_then(|r| r.err()).map(|e| e.to_string());
    view! {
        <Show
            when=move || matches!(value.get(), Some(Ok(_)))
            fallback=move || {
                let (qr_svg, secret) = (qr_svg.clone(), grouped(&secret));
                view! {
                    <p class="utrecht-paragraph">
                        "Je wachtwoord klopt. Omdat je met gegevens van veel mensen werkt, log je "
                        "voortaan ook in met een code uit een authenticator-app op je telefoon."
                    </p>
                    <ol class="utrecht-ordered-list">
                        <li class="utrecht-ordered-list__item">
                            "Open een authenticator-app (bijvoorbeeld van je werkgever, of een "
                            "open-source app) en kies ‘account toevoegen’."
                        </li>
                        <li class="utrecht-ordered-list__item">
                            "Scan de QR-code, of typ de sleutel eronder over."
                        </li>
                        <li class="utrecht-ordered-list__item">
                            "Vul de code van zes cijfers in die de app dan toont."
                        </li>
                    </ol>
                    <div
                        class="hw-qr"
                        role="img"
                        aria-label="QR-code om HalloWerk aan je authenticator-app toe te voegen"
                        inner_html=qr_svg
                    ></div>
                    <p class="utrecht-paragraph">
                        "Sleutel: " <code class="hw-secret" data-testid="totp-secret">{secret}</code>
                    </p>
                    <ActionForm action=enrol attr:class="utrecht-form hw-form">
                        {move || alert(error())}
                        <CodeField label="Code" description="De zes cijfers die je app nu toont." />
                        <Button appearance=Appearance::Primary
                            attr:disabled=move || enrol.pending().get()
                        >
                            "Bevestigen"
                        </Button>
                    </ActionForm>
                }
            }
        >
            {move || {
                value
                    .get()
                    .and_then(|r| r.ok())
                    .map(|done| {
                        view! {
                            <Alert tone=Tone::Ok>
                                <p class="utrecht-paragraph">
                                    "Je authenticator-app is gekoppeld. Je bent ingelogd."
                                </p>
                            </Alert>
                            <h2 class="utrecht-heading-2">"Je herstelcodes"</h2>
                            <p class="utrecht-paragraph">
                                "Zonder je telefoon log je in met een van deze codes; elke code werkt "
                                "één keer. Bewaar ze op een veilige plek: HalloWerk toont ze niet nog eens."
                            </p>
                            <ul class="utrecht-unordered-list hw-recovery-codes" data-testid="recovery-codes">
                                {done
                                    .recovery_codes
                                    .into_iter()
                                    .map(|c| view! { <li class="utrecht-unordered-list__item"><code>{c}</code></li> })
                                    .collect_view()}
                            </ul>
                            <p class="utrecht-paragraph">
                                <ButtonLink href=back.with_value(|b| kernel::views::auth::after_sign_in(&done.home, b.as_deref())) rel="external">
                                    "Ik heb ze bewaard, ga verder"
                                </ButtonLink>
                            </p>
                        }
                    })
            }}
        </Show>
    }
}

#[component]
pub fn SecondStepPage() -> impl IntoView {
    let step = Resource::new(|| (), |_| second_factor_step());
    view! {
        <h1 class="utrecht-heading-1">"Inloggen: tweede stap"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match step.await {
                    Ok(SecondStep::Enrol { qr_svg, secret }) => {
                        view! { <EnrolForm qr_svg secret /> }.into_any()
                    }
                    Ok(SecondStep::Verify) => view! { <VerifyForm /> }.into_any(),
                    // Every step of the log-in is done already.
                    Err(AppError::BadRequest) => {
                        view! {
                            <p class="utrecht-paragraph">
                                "Je bent al ingelogd. "
                                <a class="utrecht-link" href="/">"Naar de startpagina"</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
