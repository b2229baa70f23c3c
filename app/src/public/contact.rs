//! Pages and server functions of `contact`; the rules and queries are in `service::public::contact`.

// The contact form's server function takes one argument per form field (ActionForm names).
#![allow(clippy::too_many_arguments)]

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::{Badge, StatusBadge};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Hidden, Honeypot, Radio, Select, TextArea};
use crate::ui::field::{Control, Fieldset, FormField, Need};
use crate::ui::text_field::TextField;
#[cfg(feature = "ssr")]
use chrono::Utc;
use kernel::domain::{Qualification, RequestKind};
use kernel::error::AppError;
use kernel::views::contact::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

/// The regions a visitor can address (public).
#[server(prefix = "/api", endpoint = "contact/regions")]
pub async fn contact_regions() -> Result<Vec<RegionOption>, AppError> {
    service::public::contact::active_regions(crate::state::context()?.db()).await
}

/// Sends the public contact form (no log-in).
#[server(prefix = "/api", endpoint = "contact/submit")]
pub async fn submit_contact(
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    qualification: String,
    region_id: String,
    message: String,
    website: String,
    started: String,
    request: Option<String>,
) -> Result<bool, AppError> {
    let cx = crate::state::context()?;
    let request = request.unwrap_or_default();
    let privacy_request = !request.trim().is_empty();
    let submission = service::public::contact::Submission {
        first_name,
        last_name,
        email,
        phone,
        qualification,
        region_id,
        message,
        website,
        started,
        request,
    };
    service::public::contact::submit(cx.db(), submission, &cx.state.public_url, Utc::now())
        .await
        .map(|_| privacy_request)
}

/// Confirms a privacy request made through the contact form, with the token of its mailed link.
#[server(prefix = "/api", endpoint = "privacy-request/confirm")]
pub async fn confirm_privacy_request(token: String) -> Result<(), AppError> {
    service::public::privacy_requests::confirm(crate::state::context()?.db(), &token).await
}

/// A button, not a confirmation on opening the page: a mail scanner that opens links must not
/// confirm anything.
#[component]
pub fn ConfirmPrivacyRequestPage() -> impl IntoView {
    use leptos_router::hooks::use_params_map;
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let confirm = ServerAction::<ConfirmPrivacyRequest>::new();
    let value = confirm.value();
    view! {
        <h1 class="utrecht-heading-1">"Privacyverzoek bevestigen"</h1>
        {move || match value.get() {
            Some(Ok(())) => view! {
                <Alert tone=Tone::Ok attr:data-testid="request-confirmed">
                    <p class="utrecht-paragraph">"Bedankt, je verzoek is bevestigd. De gemeente behandelt het binnen een maand en stuurt het besluit naar dit e-mailadres."</p>
                </Alert>
            }.into_any(),
            other => view! {
                {other.and_then(|r| r.err()).map(|e| view! {
                    <Alert tone=Tone::Error>
                        <p class="utrecht-paragraph">{e.to_string()}</p>
                    </Alert>
                })}
                <p class="utrecht-paragraph">
                    "Met jouw e-mailadres is via het contactformulier een privacyverzoek ingediend. "
                    "Bevestig hieronder dat het van jou is; pas dan wordt het behandeld."
                </p>
                <ActionForm action=confirm attr:class="hw-form">
                    <Hidden name="token" value=token />
                    <Button appearance=Appearance::Primary>
                        "Verzoek bevestigen"
                    </Button>
                </ActionForm>
            }.into_any(),
        }}
    }
}

/// The contact inbox of the caller's region (municipal staff).
#[server(prefix = "/api", endpoint = "contact/inbox")]
pub async fn contact_inbox(page: Option<u32>) -> Result<Inbox, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::public::contact::inbox(cx.db(), &me, page.unwrap_or(0)).await
}

#[server(prefix = "/api", endpoint = "contact/handle")]
pub async fn handle_contact(id: i32, reply_note: String) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::public::contact::handle(cx.db(), &me, id, &reply_note).await
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let submit = ServerAction::<SubmitContact>::new();
    let regions = Resource::new(|| (), |_| contact_regions());
    let result = submit.value();
    let error_for = move |field| crate::ui::text_field::field_error(result, field);
    let general_error = move || match result.get() {
        Some(Err(e @ AppError::Invalid { .. })) if e.for_field("form").is_none() => None,
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    // When the form was shown; rendered by the server, kept by hydration.
    #[cfg(feature = "ssr")]
    let started = Utc::now().timestamp_millis().to_string();
    #[cfg(not(feature = "ssr"))]
    let started = String::new();

    view! {
        <h1 class="utrecht-heading-1">"Contact"</h1>
        <p class="utrecht-paragraph">
            "Heb je een vraag over HalloWerk? Je bericht gaat direct naar de afdeling van de regio die je kiest. "
            "We bewaren je gegevens een maand; daarna verwijderen we ze. Alleen of je werkzoekende, werkgever "
            "of iets anders bent en de regio bewaren we voor het archief."
        </p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
        {move || {
            let started = started.clone();
            Suspend::new(async move {
            let regions = regions.await.unwrap_or_default();
            view! {
        <Show
            when=move || matches!(result.get(), Some(Ok(_)))
            fallback=move || {
                let started = started.clone();
                let regions = regions.clone();
                view! {
                    <ActionForm action=submit attr:class="hw-form">
                        <crate::shell::privacy_notice::PrivacyNotice />
                        {move || general_error().map(|e| view! {
                            <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert>
                        })}
                        <TextField id="contact-first-name" name="first_name" label="Voornaam" autocomplete="given-name" error=error_for("first_name") />
                        <TextField id="contact-last-name" name="last_name" label="Achternaam" autocomplete="family-name" error=error_for("last_name") />
                        <TextField id="contact-email" name="email" label="E-mailadres" kind="email" autocomplete="email" error=error_for("email") />
                        <TextField id="contact-phone" name="phone" label="Telefoonnummer" kind="tel" required=false autocomplete="tel" error=error_for("phone") />
                        <Fieldset legend="Ik ben" id="contact-qualification" error=error_for("qualification")>
                            {Qualification::ALL.iter().map(|q| {
                                let id = format!("contact-qualification-{}", q.code());
                                view! {
                                    <FormField id=id label=q.label() control=Control::Radio>
                                        <Radio name="qualification" value=q.code() required=true />
                                    </FormField>
                                }
                            }).collect_view()}
                        </Fieldset>
                        <FormField id="contact-region" label="Regio" control=Control::Select error=error_for("region_id")>
                            <Select name="region_id">
                                <option value="">"Kies een regio"</option>
                                {regions.clone().into_iter().map(|r| view! {
                                    <option value=r.id.to_string()>{r.name}</option>
                                }).collect_view()}
                            </Select>
                        </FormField>
                        <FormField id="contact-request" label="Waar gaat het om?" control=Control::Select need=Need::Unmarked error=error_for("request")
                            description="Wil je je gegevens inzien, laten verbeteren of verwijderen, of maak je bezwaar? Kies dan een privacyverzoek. We sturen je een e-mail met een link: pas als je die opent, behandelt de gemeente je verzoek, binnen een maand.">
                            <Select name="request">
                                <option value="">"Een vraag of bericht"</option>
                                {RequestKind::ALL.iter().map(|k| view! {
                                    <option value=k.code()>{format!("Privacyverzoek: {}", kernel::views::my_account::request_label(*k))}</option>
                                }).collect_view()}
                            </Select>
                        </FormField>
                        <FormField id="contact-message" label="Je vraag of bericht" control=Control::TextArea error=error_for("message")>
                            <TextArea name="message" rows=6 attr:maxlength=MAX_MESSAGE_LEN.to_string() />
                        </FormField>
                        // Spam protection without third parties: a field people do not see...
                        <Honeypot id="contact-website" name="website" />
                        // ...and the moment the form was shown.
                        <Hidden name="started" value=started />
                        {move || error_for("form").get().map(|e| view! {
                            <Alert tone=Tone::Warning announce=true><p class="utrecht-paragraph">{e}</p></Alert>
                        })}
                        <Button appearance=Appearance::Primary attr:disabled=move || submit.pending().get()>
                            "Versturen"
                        </Button>
                    </ActionForm>
                }
            }
        >
            <Alert tone=Tone::Ok>
                <p class="utrecht-paragraph">{move || if matches!(result.get(), Some(Ok(true))) {
                    "Bedankt! Kijk in je mailbox: we stuurden je een link om je privacyverzoek te bevestigen. Zonder bevestiging behandelen we het niet."
                } else {
                    "Bedankt! Je bericht is doorgestuurd naar de regio. Je krijgt zo snel mogelijk antwoord."
                }}</p>
            </Alert>
        </Show>
            }
            })
        }}
        </Suspense>
    }
}

#[component]
pub fn ContactInboxPage() -> impl IntoView {
    let handle = ServerAction::<HandleContact>::new();
    let page = crate::ui::paging::use_page();
    let inbox = Resource::new(
        move || (handle.version().get(), page.get()),
        |(_, page)| contact_inbox(Some(page)),
    );
    view! {
        <h1 class="utrecht-heading-1">"Contactberichten"</h1>
        <p class="utrecht-paragraph">
            "Berichten uit het contactformulier voor jouw regio. Persoonsgegevens worden een maand na ontvangst automatisch verwijderd."
        </p>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(inbox) if inbox.messages.is_empty() => view! { <p class="utrecht-paragraph">"Er zijn geen berichten. Wat iemand via het contactformulier aan jouw regio stuurt, komt hier binnen."</p> }.into_any(),
                    Ok(inbox) => {
                        let (prev, next) = crate::ui::paging::page_links("/contactberichten", inbox.page, inbox.pages);
                        view! {
                        <crate::ui::count::ResultCount text=format!("{} berichten", inbox.total) />
                        <ul class="hw-cards hw-cards--wide" data-testid="contact-inbox">
                            {inbox.messages.into_iter().map(|m| {
                                let note_id = format!("note-{}", m.id);
                                view! {
                                    <li class="hw-card">
                                        <h2 class="utrecht-heading-3">{format!("{} {}", m.first_name, m.last_name)}</h2>
                                        <p class="utrecht-paragraph">
                                            {m.qualification.label()} " · " {m.email.clone()}
                                            {m.phone.clone().map(|p| format!(" · {p}"))}
                                        </p>
                                        <p class="utrecht-paragraph">{format!("Ontvangen {} · wordt verwijderd op {}", crate::ui::date::minute(&m.received_at), crate::ui::date::day(&m.purge_on))}</p>
                                        <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{m.message.clone()}</p></blockquote>
                                        {if m.handled {
                                            view! {
                                                <p class="utrecht-paragraph"><StatusBadge status=Badge::HANDLED />{m.reply_note.clone().map(|n| format!(": {n}"))}</p>
                                            }.into_any()
                                        } else {
                                            view! {
                                                <ActionForm action=handle attr:class="hw-form">
                                                    <Hidden name="id" value=m.id.to_string() />
                                                    <FormField id=note_id.clone() label="Notitie bij het antwoord" control=Control::TextArea need=Need::Optional>
                                                        <TextArea name="reply_note" rows=2 />
                                                    </FormField>
                                                    <Button appearance=Appearance::Secondary>"Markeer als afgehandeld"</Button>
                                                </ActionForm>
                                            }.into_any()
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <crate::ui::paging::Pager page=inbox.page pages=inbox.pages prev next />
                        }.into_any()
                    }
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}
