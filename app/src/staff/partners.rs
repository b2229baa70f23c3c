//! Pages and server functions of `partners`; the rules and queries are in `service::staff::partners`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::{Badge, StatusBadge};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Checkbox, Hidden, TextBox};
use crate::ui::field::{Control, Fieldset, FormField, Need};
use kernel::error::AppError;
use kernel::policy::Field;
use kernel::views::partners::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

#[server(prefix = "/api", endpoint = "partners/list")]
pub async fn list_partners() -> Result<Vec<PartnerView>, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::partners::list(cx.db(), &me).await
}

#[server(prefix = "/api", endpoint = "partners/create", input = leptos::server_fn::codec::Json)]
pub async fn create_partner(partner: NewPartner) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::partners::create(cx.db(), &me, partner, &cx.state.public_url).await
}

#[server(prefix = "/api", endpoint = "partners/end-agreement")]
pub async fn end_agreement(partner_id: i32) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::partners::end_agreement(cx.db(), &me, partner_id).await
}

/// A second staff member of the gemeente confirms a partner's agreement and the log-in made with it.
#[server(prefix = "/api", endpoint = "partners/confirm")]
pub async fn confirm_agreement(partner_id: i32) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::partners::confirm(cx.db(), &me, partner_id).await
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let end = ServerAction::<EndAgreement>::new();
    let confirm = ServerAction::<ConfirmAgreement>::new();
    let create = Action::new(|p: &NewPartner| {
        let p = p.clone();
        async move { create_partner(p).await }
    });
    let partners = Resource::new(
        move || {
            (
                end.version().get(),
                create.version().get(),
                confirm.version().get(),
            )
        },
        |_| list_partners(),
    );
    let name = RwSignal::new(String::new());
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<Field>::new());
    let error = move || match create.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(NewPartner {
            name: name.get_untracked(),
            fields: chosen.get_untracked(),
            valid_until: crate::ui::date::parse_input(&until.get_untracked()),
            user_first_name: first.get_untracked(),
            user_last_name: last.get_untracked(),
            user_email: email.get_untracked(),
        });
    };
    view! {
        <h1 class="utrecht-heading-1">"Partners"</h1>
        <p class="utrecht-paragraph">"Organisaties waarmee de gemeente gegevens deelt. Een partner ziet alleen de gegevens uit de overeenkomst, van actieve werkzoekenden, zolang de overeenkomst loopt. Belastbaarheid wordt nooit gedeeld."</p>
        <p class="utrecht-paragraph">"De partners met een lopende overeenkomst staan in de privacyverklaring van de gemeente. "<a class="utrecht-link" href="/privacyverklaring-beheren">"Privacyverklaring publiceren"</a></p>
        {move || match confirm.value().get() {
            Some(Err(e)) => Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any()),
            Some(Ok(())) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Bevestigd: de partner ziet vanaf nu de gegevens uit de overeenkomst."</p></Alert> }.into_any()),
            None => None,
        }}
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match partners.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(list) => view! {
                        <ul class="hw-cards hw-cards--wide" data-testid="partners">
                            {list.into_iter().map(|p| view! {
                                <li class="hw-card">
                                    <h2 class="utrecht-heading-3">{p.name.clone()}</h2>
                                    {match p.agreement.clone() {
                                        Some(AgreementView { awaiting_confirmation: Some(w), fields, valid_until, .. }) => {
                                            let who = if w.by_caller { "jou".to_string() } else { w.proposed_by.clone() };
                                            view! {
                                                <p class="utrecht-paragraph">
                                                    <StatusBadge status=Badge::AWAITING_SECOND />" · "
                                                    {format!("Overeenkomst gemaakt door {who}: ")}
                                                    {fields.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ")}
                                                    {valid_until.map(|d| format!(" (tot en met {})", crate::ui::date::day(&d))).unwrap_or_default()}
                                                </p>
                                                {if w.by_caller {
                                                    view! { <p class="utrecht-paragraph">"Een andere medewerker van de gemeente moet de overeenkomst en de inlog bevestigen; tot dan ziet de partner niets."</p> }.into_any()
                                                } else {
                                                    view! {
                                                        <p class="utrecht-paragraph">"Bevestig als ook jij vindt dat de partner deze gegevens mag zien; tot dan ziet de partner niets."</p>
                                                        <ActionForm action=confirm>
                                                            <Hidden name="partner_id" value=p.id.to_string() />
                                                            <Button appearance=Appearance::Primary>{format!("Overeenkomst bevestigen: {}", p.name)}</Button>
                                                        </ActionForm>
                                                    }.into_any()
                                                }}
                                            }.into_any()
                                        }
                                        Some(a) => view! {
                                            <p class="utrecht-paragraph">
                                                {format!("Overeenkomst sinds {}{}: ", crate::ui::date::day(&a.valid_from), a.valid_until.map(|d| format!(" tot en met {}", crate::ui::date::day(&d))).unwrap_or_default())}
                                                {a.fields.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ")}
                                            </p>
                                            <ActionForm action=end>
                                                <Hidden name="partner_id" value=p.id.to_string() />
                                                <Button appearance=Appearance::Secondary>"Overeenkomst beëindigen"</Button>
                                            </ActionForm>
                                        }.into_any(),
                                        None => view! { <p class="utrecht-paragraph">"Geen lopende overeenkomst: deze partner ziet niets."</p> }.into_any(),
                                    }}
                                    <p class="utrecht-paragraph">"Gebruikers: " {p.users.join(", ")}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Transition>
        <section class="hw-section" aria-labelledby="new-partner-heading">
            <h2 class="utrecht-heading-2" id="new-partner-heading">"Partner toevoegen"</h2>
            <form class="hw-form" on:submit=on_submit>
                <crate::shell::privacy_notice::PrivacyNotice />
                {move || error().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
                {move || matches!(create.value().get(), Some(Ok(_))).then(|| view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Partner toegevoegd; de gebruiker krijgt een activatielink. Een andere medewerker van de gemeente moet de overeenkomst bevestigen voordat de partner iets ziet."</p></Alert> })}
                <FormField id="partner-name" label="Naam van de organisatie">
                    <TextBox bind=name />
                </FormField>
                <Fieldset legend="Gegevens in de overeenkomst" id="partner-fields">
                    {kernel::policy::agreeable().iter().map(|f| {
                        let id = format!("agree-{}", f.code());
                        view! {
                            <FormField id=id label=f.label() control=Control::Checkbox>
                                <Checkbox
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { c.retain(|x| *x != f); if on { c.push(f) } });
                                    } />
                            </FormField>
                        }
                    }).collect_view()}
                </Fieldset>
                <FormField id="partner-until" label="Einddatum van de overeenkomst" need=Need::Optional>
                    <TextBox kind="date" bind=until />
                </FormField>
                <FormField id="partner-first" label="Voornaam gebruiker">
                    <TextBox bind=first />
                </FormField>
                <FormField id="partner-last" label="Achternaam gebruiker">
                    <TextBox bind=last />
                </FormField>
                <FormField id="partner-email" label="E-mailadres gebruiker">
                    <TextBox kind="email" bind=email />
                </FormField>
                <Button appearance=Appearance::Primary>"Partner toevoegen"</Button>
            </form>
        </section>
    }
}
