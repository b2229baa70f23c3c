//! "Mijn account" of an employer's contact person: the data HalloWerk stores about them, to see,
//! correct and download (AVG). The rules are in `service::employer::my_account`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::StatusBadge;
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Select, TextArea};
use crate::ui::field::{Control, FormField, Need};
use crate::ui::text_field::{TextField, field_error, general_error};
use kernel::error::AppError;
use kernel::views::my_account::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Employer;

/// Where the page is, and where the download is (a plain endpoint in `server::media`).
pub const PATH: &str = "/mijn-account";
pub const EXPORT_PATH: &str = "/mijn-account/export.json";

#[server(prefix = "/api", endpoint = "my-account/show")]
pub async fn show_my_account() -> Result<MyAccount, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::my_account::overview(cx.db(), &me).await
}

#[server(prefix = "/api", endpoint = "my-account/update")]
pub async fn update_my_account(
    first_name: String,
    last_name: String,
    phone: String,
    email: String,
) -> Result<AccountUpdated, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    let changes = AccountChanges {
        first_name,
        last_name,
        phone,
        email,
    };
    service::employer::my_account::update(cx.db(), &me, changes, &cx.state.public_url).await
}

/// A request to the region's staff: `kind` is a `RequestKind` code (erasure or objection).
#[server(prefix = "/api", endpoint = "my-account/request")]
pub async fn file_account_request(kind: String, details: String) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    let kind = kernel::domain::RequestKind::from_code(&kind)
        .ok_or_else(|| AppError::invalid("kind", "Kies wat je wilt vragen."))?;
    service::employer::my_account::file_request(cx.db(), &me, kind, &details).await
}

#[component]
pub fn MyAccountPage() -> impl IntoView {
    let update = ServerAction::<UpdateMyAccount>::new();
    let request = ServerAction::<FileAccountRequest>::new();
    let answer = update.value();
    let asked = request.value();
    let account = Resource::new(
        move || (update.version().get(), request.version().get()),
        |_| show_my_account(),
    );
    view! {
        <h1 class="utrecht-heading-1">"Mijn account"</h1>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(a) => view! {
                        <p class="utrecht-paragraph">{format!(
                            "Dit bewaart HalloWerk over jou als contactpersoon van {} (regio {}). Je kunt het hier inzien, verbeteren en downloaden. De vacatures van je organisatie horen bij de organisatie en dragen je naam niet.",
                            a.organisation, a.region
                        )}</p>
                        <dl class="utrecht-data-list utrecht-data-list--html-dl" data-testid="my-account">
                                <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">"Naam"</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{format!("{} {}", a.first_name, a.last_name)}</dd></div>
                                <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">"Zakelijk e-mailadres"</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{a.email.clone()}</dd></div>
                                <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">"Zakelijk telefoonnummer"</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{a.phone.clone()}</dd></div>
                                <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">"Account gemaakt"</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{crate::ui::date::day(&a.created_at)}</dd></div>
                                <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">"Laatst ingelogd"</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{a.last_login_at.map(|t| crate::ui::date::minute(&t)).unwrap_or_else(|| "nog niet".into())}</dd></div>
                                <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">"Bewaarde zoekopdrachten"</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{a.saved_searches.to_string()}</dd></div>
                            </dl>
                        {a.pending_email.clone().map(|e| view! {
                            <Alert tone=Tone::Info announce=true>
                                <p class="utrecht-paragraph">{format!("Je nieuwe e-mailadres {e} wacht op bevestiging: klik op de link in de e-mail die we daarheen stuurden.")}</p>
                            </Alert>
                        })}
                        <section class="hw-section" aria-labelledby="correct-heading">
                            <h2 class="utrecht-heading-2" id="correct-heading">"Gegevens verbeteren"</h2>
                            {move || general_error(answer).get().map(|m| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{m}</p></Alert> })}
                            {move || answer.get().and_then(|a| a.ok()).map(|u| view! {
                                <Alert tone=Tone::Ok attr:data-testid="account-saved">
                                    <p class="utrecht-paragraph">{if u.email_link_sent {
                                        "Opgeslagen. We stuurden een link naar je nieuwe e-mailadres; pas als je die opent, gaat het in."
                                    } else {
                                        "Opgeslagen."
                                    }}</p>
                                </Alert>
                            })}
                            <ActionForm action=update>
                                <TextField id="first_name" name="first_name" label="Voornaam" autocomplete="given-name" value=a.first_name.clone() error=field_error(answer, "first_name") />
                                <TextField id="last_name" name="last_name" label="Achternaam" autocomplete="family-name" value=a.last_name.clone() error=field_error(answer, "last_name") />
                                <TextField id="email" name="email" label="Zakelijk e-mailadres" kind="email" autocomplete="email" value=a.email.clone() error=field_error(answer, "email") />
                                <TextField id="phone" name="phone" label="Zakelijk telefoonnummer" kind="tel" autocomplete="tel" value=a.phone.clone() error=field_error(answer, "phone") />
                                <Button appearance=Appearance::Primary>"Opslaan"</Button>
                            </ActionForm>
                        </section>
                        <section class="hw-section" aria-labelledby="export-heading">
                            <h2 class="utrecht-heading-2" id="export-heading">"Je gegevens downloaden"</h2>
                            <p class="utrecht-paragraph">"Alles wat HalloWerk over jou bewaart, ook wat je in HalloWerk deed, in een machineleesbaar bestand."</p>
                            <p class="utrecht-paragraph"><a class="utrecht-link" href=EXPORT_PATH download>"Download je gegevens (JSON)"</a></p>
                        </section>
                        <section class="hw-section" aria-labelledby="request-heading">
                            <h2 class="utrecht-heading-2" id="request-heading">"Verwijdering of bezwaar"</h2>
                            <p class="utrecht-paragraph">"Wil je dat je account wordt verwijderd, of maak je bezwaar tegen wat HalloWerk met je gegevens doet? De gemeenten van je regio behandelen je verzoek binnen een maand en mailen je het besluit. Na verwijdering kun je niet meer inloggen; de vacatures van je organisatie blijven, zonder jouw naam."</p>
                            {(!a.requests.is_empty()).then(|| view! {
                                <ul class="utrecht-unordered-list" data-testid="my-requests">
                                    {a.requests.iter().map(|r| view! {
                                        <li class="utrecht-unordered-list__item">
                                            {format!("{} · ingediend {} · uiterlijk {} ", request_label(r.kind), crate::ui::date::day(&r.created_at), crate::ui::date::day(&r.due_at))}
                                            <StatusBadge status=r.status />
                                            {r.decision_reason.clone().map(|reason| format!(" · {reason}"))}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })}
                            {move || general_error(asked).get().map(|m| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{m}</p></Alert> })}
                            {move || asked.get().and_then(|a| a.ok()).map(|_| view! {
                                <Alert tone=Tone::Ok attr:data-testid="request-filed">
                                    <p class="utrecht-paragraph">"Je verzoek is ingediend. Je krijgt het besluit per e-mail."</p>
                                </Alert>
                            })}
                            <ActionForm action=request attr:class="hw-form">
                                <FormField id="request-kind" label="Wat wil je?" control=Control::Select error=field_error(asked, "kind")>
                                    <Select name="kind">
                                        {REQUEST_KINDS.iter().map(|k| view! { <option value=k.code()>{request_label(*k)}</option> }).collect_view()}
                                    </Select>
                                </FormField>
                                <FormField id="request-details" label="Toelichting (bij bezwaar verplicht)" control=Control::TextArea need=Need::Unmarked error=field_error(asked, "details")>
                                    <TextArea name="details" rows=3 />
                                </FormField>
                                <Button appearance=Appearance::Secondary>"Verzoek indienen"</Button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
