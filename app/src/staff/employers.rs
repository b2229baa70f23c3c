//! Pages and server functions of `employers`; the rules and queries are in `service::staff::employers`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::{Badge, StatusBadge};
use crate::ui::button::{Appearance, Button, ButtonGroup};
use crate::ui::controls::{Hidden, Select, TextArea};
use crate::ui::field::{Control, FormField, Need};
use kernel::error::AppError;
use kernel::views::employers::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

#[server(prefix = "/api", endpoint = "employers/register")]
pub async fn register_employer(
    organisation: String,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    region_id: String,
) -> Result<(), AppError> {
    let cx = crate::state::context()?;
    // One answer whether or not the address is known (no account enumeration).
    service::staff::employers::register(
        cx.db(),
        service::staff::employers::Registration {
            organisation,
            first_name,
            last_name,
            email,
            phone,
            region_id,
        },
        &cx.state.public_url,
    )
    .await
    .map(|_| ())
}

#[server(prefix = "/api", endpoint = "employers/desk")]
pub async fn get_employer_desk(
    registrations_page: Option<u32>,
    organisations_page: Option<u32>,
) -> Result<EmployerDesk, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::employers::desk(
        cx.db(),
        &me,
        registrations_page.unwrap_or(0),
        organisations_page.unwrap_or(0),
    )
    .await
}

/// `decision` is "approve" or "reject"; rejection needs a reason. `organisation` ("new" or an
/// organisation id) says where an approved contact goes; it must be given when an
/// organisation of the same name exists.
#[server(prefix = "/api", endpoint = "employers/decide")]
pub async fn decide_registration(
    id: i32,
    decision: String,
    reason: String,
    #[server(default)] organisation: String,
) -> Result<RegistrationDecision, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            return Err(AppError::invalid(
                "decision",
                "Kies goedkeuren of afwijzen.",
            ));
        }
    };
    let join = service::staff::employers::Join::parse(&organisation)?;
    service::staff::employers::decide(
        cx.db(),
        &me,
        id,
        approve,
        &reason,
        join,
        &cx.state.public_url,
    )
    .await
    .map(|d| d.view())
}

#[component]
pub fn RegisterEmployerPage() -> impl IntoView {
    use crate::public::contact::contact_regions;
    use crate::ui::text_field::TextField;
    let register = ServerAction::<RegisterEmployer>::new();
    let regions = Resource::new(|| (), |_| contact_regions());
    let result = register.value();
    let error_for = move |field| crate::ui::text_field::field_error(result, field);
    let general = crate::ui::text_field::general_error(result);
    view! {
        <h1 class="utrecht-heading-1">"Aanmelden als werkgever"</h1>
        <p class="utrecht-paragraph">
            "Zoek je medewerkers via de gemeenten in je regio? Meld je organisatie aan. Een medewerker van de regio "
            "beoordeelt je aanmelding; daarna krijg je een e-mail om je account te activeren."
        </p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                let regions = regions.await.unwrap_or_default();
                view! {
                    <Show
                        when=move || matches!(result.get(), Some(Ok(_)))
                        fallback=move || {
                            let regions = regions.clone();
                            view! {
                                <ActionForm action=register attr:class="hw-form">
                                    <crate::shell::privacy_notice::PrivacyNotice />
                                    {move || general.get().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
                                    <TextField id="reg-organisation" name="organisation" label="Naam van de organisatie" autocomplete="organization" error=error_for("organisation") />
                                    <TextField id="reg-first-name" name="first_name" label="Voornaam contactpersoon" autocomplete="given-name" error=error_for("first_name") />
                                    <TextField id="reg-last-name" name="last_name" label="Achternaam contactpersoon" autocomplete="family-name" error=error_for("last_name") />
                                    <TextField id="reg-email" name="email" label="Zakelijk e-mailadres" kind="email" autocomplete="email" error=error_for("email") />
                                    <TextField id="reg-phone" name="phone" label="Zakelijk telefoonnummer" kind="tel" autocomplete="tel" error=error_for("phone") />
                                    <FormField id="reg-region" label="Regio" control=Control::Select error=error_for("region_id")>
                                        <Select name="region_id">
                                            <option value="">"Kies een regio"</option>
                                            {regions.into_iter().map(|r| view! { <option value=r.id.to_string()>{r.name}</option> }).collect_view()}
                                        </Select>
                                    </FormField>
                                    <Button appearance=Appearance::Primary>"Aanmelding versturen"</Button>
                                </ActionForm>
                            }
                        }
                    >
                        <Alert tone=Tone::Ok>
                            <p class="utrecht-paragraph">"Bedankt voor je aanmelding. Je krijgt een e-mail zodra de regio erover heeft besloten."</p>
                        </Alert>
                    </Show>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EmployerDeskPage() -> impl IntoView {
    let decide = ServerAction::<DecideRegistration>::new();
    // A lost phone: staff of the region reset an employer contact's second step.
    let reset_factor = ServerAction::<crate::identity::second_factor::ResetSecondFactor>::new();
    let registrations_page = crate::ui::paging::use_page_named("aanmeldingen");
    let organisations_page = crate::ui::paging::use_page_named("organisaties");
    // Reload the desk only after a decision that went through: a refused one changed nothing,
    // and reloading would redraw the cards and undo a choice made after the error appeared.
    let decided = Memo::new(move |prev: Option<&usize>| {
        let version = decide.version().get();
        let ok = decide.value().with(|v| matches!(v, Some(Ok(_))));
        if ok {
            version
        } else {
            prev.copied().unwrap_or(0)
        }
    });
    let desk = Resource::new(
        move || {
            (
                (decided.get(), reset_factor.version().get()),
                registrations_page.get(),
                organisations_page.get(),
            )
        },
        |(_, r, o)| get_employer_desk(Some(r), Some(o)),
    );
    view! {
        <h1 class="utrecht-heading-1">"Werkgevers"</h1>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/kijklimieten">"Kijklimieten: hoeveel profielen werkgevers per dag mogen zien"</a></p>
        {move || match decide.value().get() {
            Some(Err(e)) => Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any()),
            Some(Ok(d)) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">{d.message()}</p></Alert> }.into_any()),
            None => None,
        }}
        {move || match reset_factor.value().get() {
            Some(Err(e)) => Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any()),
            Some(Ok(())) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"De tweede stap is opnieuw ingesteld. De contactpersoon is uitgelogd, krijgt daarover een e-mail en koppelt bij de volgende inlog opnieuw een app."</p></Alert> }.into_any()),
            None => None,
        }}
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match desk.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(d) => {
                        let (rp, op) = (d.registrations.page, d.organisations.page);
                        let href = |r: u32, o: u32| crate::ui::paging::paged_href("/werkgevers", &[("aanmeldingen", r), ("organisaties", o)]);
                        let (reg_prev, reg_next) = crate::ui::paging::neighbours(rp, d.registrations.pages, |r| href(r, op));
                        let (org_prev, org_next) = crate::ui::paging::neighbours(op, d.organisations.pages, |o| href(rp, o));
                        let (reg_pages, org_pages) = (d.registrations.pages, d.organisations.pages);
                        let (reg_total, org_total) = (d.registrations.total, d.organisations.total);
                        let pending = d.registrations.items;
                        view! {
                            <section class="hw-section" aria-labelledby="registrations-heading">
                                <h2 class="utrecht-heading-2" id="registrations-heading">"Aanmeldingen"</h2>
                                {(reg_total > 0).then(|| view! { <p class="utrecht-paragraph">{format!("{reg_total} aanmeldingen wachten op een besluit, de oudste eerst.")}</p> })}
                                {if pending.is_empty() {
                                    view! { <p class="utrecht-paragraph">"Er zijn geen aanmeldingen die op een besluit wachten."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="hw-cards hw-cards--wide" data-testid="registrations">
                                            {pending.into_iter().map(|r| {
                                                let id = r.id;
                                                let same = r.same_name_organisation;
                                                let choices = r.choices.clone();
                                                let first = r.first_approval.clone();
                                                let by_caller = first.as_ref().is_some_and(|f| f.by_caller);
                                                let awaiting = first.is_some();
                                                view! {
                                                    <li class="hw-card">
                                                        <h3 class="utrecht-heading-3">{r.organisation.clone()}</h3>
                                                        <p class="utrecht-paragraph">{format!("{} · {} · {} · aangemeld {}", r.contact, r.email, r.phone, crate::ui::date::day(&r.created_at))}</p>
                                                        {match first {
                                                            Some(f) => {
                                                                let goes = match &f.joins {
                                                                    Some(o) => format!("contactpersoon van {}", o.name),
                                                                    None => format!("nieuwe organisatie {}", r.organisation),
                                                                };
                                                                let who = if f.by_caller { "jou".to_string() } else { f.by.clone() };
                                                                let next = if f.by_caller {
                                                                    "Een andere medewerker van de regio moet de goedkeuring bevestigen; pas dan krijgt de werkgever toegang."
                                                                } else {
                                                                    "Bevestig de goedkeuring als ook jij de aanmelding in orde vindt; pas dan krijgt de werkgever toegang."
                                                                };
                                                                view! {
                                                                    <p class="utrecht-paragraph"><StatusBadge status=Badge::AWAITING_SECOND />" · "{format!("Goedgekeurd door {who} op {} ({goes}).", crate::ui::date::day(&f.at))}</p>
                                                                    <p class="utrecht-paragraph">{next}</p>
                                                                }.into_any()
                                                            }
                                                            None => same.is_some().then(|| view! { <p class="utrecht-paragraph">"Er bestaat al een organisatie met deze naam in de regio. Kies hieronder of de aanmelder daar contactpersoon wordt; de huidige contactpersonen krijgen dan bericht."</p> }).into_any(),
                                                        }}
                                                        <ActionForm action=decide attr:class="hw-form">
                                                            <Hidden name="id" value=id.to_string() />
                                                            {(!awaiting).then(|| view! {
                                                                // Not `required`: "Kies…" is refused by the server only when approving.
                                                                <FormField id=format!("reg-org-{id}") label="Organisatie bij goedkeuren" control=Control::Select need=Need::Unmarked>
                                                                    <Select name="organisation">
                                                                        {same.is_some().then(|| view! { <option value="" selected>"Kies…"</option> })}
                                                                        <option value="new" selected=same.is_none()>{format!("Nieuwe organisatie: {}", r.organisation)}</option>
                                                                        {choices.into_iter().map(|c| {
                                                                            let label = if Some(c.id) == same { format!("Contactpersoon van {} (zelfde naam)", c.name) } else { format!("Contactpersoon van {}", c.name) };
                                                                            view! { <option value=c.id.to_string()>{label}</option> }
                                                                        }).collect_view()}
                                                                    </Select>
                                                                </FormField>
                                                            })}
                                                            <FormField id=format!("reg-reason-{id}") label="Reden (verplicht bij afwijzen)" control=Control::TextArea need=Need::Unmarked>
                                                                <TextArea name="reason" rows=2 />
                                                            </FormField>
                                                            <ButtonGroup>
                                                                {(!by_caller).then(|| view! {
                                                                    <Button appearance=Appearance::Primary attr:name="decision" attr:value="approve">{if awaiting { "Goedkeuring bevestigen" } else { "Goedkeuren" }}</Button>
                                                                })}
                                                                <Button appearance=Appearance::Secondary attr:name="decision" attr:value="reject">"Afwijzen"</Button>
                                                            </ButtonGroup>
                                                        </ActionForm>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <crate::ui::paging::Pager page=rp pages=reg_pages prev=reg_prev next=reg_next label="Paginering aanmeldingen" />
                            </section>
                            <section class="hw-section" aria-labelledby="organisations-heading">
                                <h2 class="utrecht-heading-2" id="organisations-heading">"Organisaties en vacatures in de regio"</h2>
                                <p class="utrecht-paragraph">{format!("{org_total} organisaties, op naam.")}</p>
                                {d.organisations.items.into_iter().map(|o| { let shown = o.vacancies.len(); view! {
                                    <article class="hw-card">
                                        <h3 class="utrecht-heading-3">{o.name.clone()}</h3>
                                        <ul class="utrecht-unordered-list" aria-label=format!("Contactpersonen van {}", &o.name)>
                                            {o.contacts.into_iter().map(|c| {
                                                let label = c.label.clone();
                                                view! {
                                                    <li class="utrecht-unordered-list__item">
                                                        {c.label}
                                                        {if c.second_factor { " · tweede stap ingesteld" } else { " · tweede stap nog niet ingesteld" }}
                                                        {c.second_factor.then(|| view! {
                                                            <ActionForm action=reset_factor>
                                                                <Hidden name="user_id" value=c.user_id.to_string() />
                                                                <Button appearance=Appearance::Subtle attr:aria-label=format!("Tweede stap opnieuw instellen voor {label}")>"Tweede stap opnieuw instellen"</Button>
                                                            </ActionForm>
                                                        })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                        <ul class="utrecht-unordered-list">
                                            {o.vacancies.into_iter().map(|v| view! {
                                                <li class="utrecht-unordered-list__item">{format!("{} — {} · {} uur · ", v.title, v.municipality, v.hours_per_week)}<StatusBadge status=v.status /></li>
                                            }).collect_view()}
                                        </ul>
                                        {(o.vacancy_count > shown).then(|| view! { <p class="utrecht-paragraph">{format!("De nieuwste {shown} van {} vacatures.", o.vacancy_count)}</p> })}
                                    </article>
                                }}).collect_view()}
                                <crate::ui::paging::Pager page=op pages=org_pages prev=org_prev next=org_next label="Paginering organisaties" />
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
