//! Pages and server functions of `admin_accounts`; the rules and queries are in `service::admin::accounts`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Hidden, Select, TextBox};
use crate::ui::field::{Control, FormField};
use kernel::error::AppError;
use kernel::views::admin_accounts::*;
use kernel::views::paging::Paged;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Admin;

/// A page of the staff, partner and administrator accounts; `q` searches e-mail addresses and
/// names.
#[server(prefix = "/api", endpoint = "admin/accounts")]
pub async fn admin_accounts(
    q: Option<String>,
    page: Option<u32>,
) -> Result<Paged<AccountRow>, AppError> {
    let (cx, me) = crate::state::caller::<Admin>().await?;
    service::admin::accounts::list(
        cx.db(),
        &me,
        q.as_deref().unwrap_or_default(),
        page.unwrap_or(0),
    )
    .await
}

#[server(prefix = "/api", endpoint = "admin/accounts/create-staff")]
pub async fn create_staff_account(
    municipality_id: i32,
    first_name: String,
    last_name: String,
    email: String,
) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Admin>().await?;
    service::admin::accounts::create_account(
        cx.db(),
        &me,
        service::admin::accounts::Affiliation::Staff { municipality_id },
        &first_name,
        &last_name,
        &email,
        &cx.state.public_url,
    )
    .await
}

#[server(prefix = "/api", endpoint = "admin/accounts/active")]
pub async fn set_account_active(user_id: i32, active: bool) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Admin>().await?;
    service::admin::accounts::set_active(cx.db(), &me, user_id, active).await
}

#[server(prefix = "/api", endpoint = "admin/accounts/reset")]
pub async fn reset_account(user_id: i32) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Admin>().await?;
    service::admin::accounts::reset(cx.db(), &me, user_id, &cx.state.public_url).await
}

#[server(prefix = "/api", endpoint = "admin/accounts/create-partner")]
pub async fn create_partner_account(
    partner_id: i32,
    first_name: String,
    last_name: String,
    email: String,
) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Admin>().await?;
    service::admin::accounts::create_account(
        cx.db(),
        &me,
        service::admin::accounts::Affiliation::Partner { partner_id },
        &first_name,
        &last_name,
        &email,
        &cx.state.public_url,
    )
    .await
}

/// Where the administrator's accounts section is.
const PATH: &str = "/beheer";

/// The accounts part of the administrator's page. `regions` (gemeenten and their partners, for
/// the choice lists) comes from the page, which owns the server function that lists them.
#[component]
pub fn AccountsSection(
    regions: Resource<Result<Vec<kernel::views::admin::RegionOverview>, AppError>>,
) -> impl IntoView {
    let create = ServerAction::<CreateStaffAccount>::new();
    let create_partner = ServerAction::<CreatePartnerAccount>::new();
    let active = ServerAction::<SetAccountActive>::new();
    let reset = ServerAction::<ResetAccount>::new();
    let reset_factor = ServerAction::<crate::identity::second_factor::ResetSecondFactor>::new();
    let approve = ServerAction::<crate::identity::accounts::ApproveAccount>::new();
    let q = crate::ui::paging::use_search();
    let page = crate::ui::paging::use_page();
    let list = Resource::new(
        move || {
            (
                q.get(),
                page.get(),
                create.version().get(),
                create_partner.version().get(),
                active.version().get(),
                reset.version().get(),
                reset_factor.version().get(),
                approve.version().get(),
            )
        },
        |(q, page, ..)| admin_accounts(Some(q), Some(page)),
    );
    let failure = move || {
        [
            create.value().get().and_then(|r| r.err()),
            create_partner.value().get().and_then(|r| r.err()),
            active.value().get().and_then(|r| r.err()),
            reset.value().get().and_then(|r| r.err()),
            reset_factor.value().get().and_then(|r| r.err()),
            approve.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.to_string())
    };
    view! {
        <section class="hw-section" aria-labelledby="accounts-heading">
            <h2 class="utrecht-heading-2" id="accounts-heading">"Accounts van medewerkers en partners"</h2>
            {move || failure().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
            <crate::ui::paging::SearchBox path=PATH id="admin-accounts-q" label="Zoek op naam of e-mailadres" />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match list.await {
                        // A refused search is explained here; not being signed in is shown once, by the page.
                        Err(error @ AppError::Invalid { .. }) => view! { <crate::ui::notice::ErrorNotice error /> }.into_any(),
                        Err(_) => ().into_any(),
                        Ok(list) => crate::identity::accounts::accounts_table(PATH, q.get_untracked(), list, "accounts", "Accounts", move |a| {
                            let block_label = format!("{} {}", if a.active { "Blokkeer" } else { "Deblokkeer" }, a.email);
                            let reset_label = format!("Nieuwe activatielink voor {}", a.email);
                            let factor_label = format!("Tweede factor opnieuw instellen voor {}", a.email);
                            let approve_label = format!("Goedkeuren als tweede beheerder: {}", a.email);
                            let id = a.id;
                            let flip = (!a.active).to_string();
                            view! {
                                <ActionForm action=active>
                                    <Hidden name="user_id" value=id.to_string() />
                                    <Hidden name="active" value=flip />
                                    <Button appearance=Appearance::Subtle>{block_label}</Button>
                                </ActionForm>
                                <ActionForm action=reset>
                                    <Hidden name="user_id" value=id.to_string() />
                                    <Button appearance=Appearance::Subtle>{reset_label}</Button>
                                </ActionForm>
                                {a.may_approve.then(|| view! {
                                    <ActionForm action=approve>
                                        <Hidden name="user_id" value=id.to_string() />
                                        <Button appearance=Appearance::Secondary>{approve_label.clone()}</Button>
                                    </ActionForm>
                                })}
                                {a.second_factor.then(|| view! {
                                    <ActionForm action=reset_factor>
                                        <Hidden name="user_id" value=id.to_string() />
                                        <Button appearance=Appearance::Subtle>{factor_label.clone()}</Button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }).into_any(),
                    }
                })}
            </Transition>
            <h3 class="utrecht-heading-3">"Partnergebruiker toevoegen"</h3>
            <ActionForm action=create_partner attr:class="hw-form">
                <FormField id="partner-org" label="Partnerorganisatie" control=Control::Select>
                    <Select name="partner_id">
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                regions.await.unwrap_or_default().into_iter().flat_map(|r| r.municipalities).flat_map(|m| {
                                    let gemeente = m.name.clone();
                                    m.partners.into_iter().map(move |(id, name)| (id, format!("{name} ({gemeente})")))
                                }).map(|(id, label)| view! { <option value=id.to_string()>{label}</option> }).collect_view()
                            })}
                        </Suspense>
                    </Select>
                </FormField>
                <FormField id="partner-user-first" label="Voornaam">
                    <TextBox name="first_name" />
                </FormField>
                <FormField id="partner-user-last" label="Achternaam">
                    <TextBox name="last_name" />
                </FormField>
                <FormField id="partner-user-email" label="E-mailadres">
                    <TextBox name="email" kind="email" />
                </FormField>
                <Button appearance=Appearance::Primary>"Partnergebruiker toevoegen en activatielink sturen"</Button>
            </ActionForm>
            <h3 class="utrecht-heading-3">"Medewerker toevoegen"</h3>
            <ActionForm action=create attr:class="hw-form">
                <FormField id="staff-municipality" label="Gemeente" control=Control::Select>
                    <Select name="municipality_id">
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                regions.await.unwrap_or_default().into_iter().flat_map(|r| r.municipalities).map(|m| view! {
                                    <option value=m.id.to_string()>{m.name}</option>
                                }).collect_view()
                            })}
                        </Suspense>
                    </Select>
                </FormField>
                <FormField id="staff-first" label="Voornaam">
                    <TextBox name="first_name" />
                </FormField>
                <FormField id="staff-last" label="Achternaam">
                    <TextBox name="last_name" />
                </FormField>
                <FormField id="staff-email" label="E-mailadres">
                    <TextBox name="email" kind="email" />
                </FormField>
                <Button appearance=Appearance::Primary>"Medewerker toevoegen en activatielink sturen"</Button>
            </ActionForm>
        </section>
    }
}
