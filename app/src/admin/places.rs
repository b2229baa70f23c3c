//! Pages and server functions of `admin`; the rules and queries are in `service::admin::places`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Hidden, Select, TextBox};
use crate::ui::field::{Control, FormField, Need};
use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, Table};
use kernel::error::AppError;
use kernel::views::admin::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Admin;

/// Regions with their gemeenten and account counts (no job-seeker data).
#[server(prefix = "/api", endpoint = "admin/regions")]
pub async fn admin_regions() -> Result<Vec<RegionOverview>, AppError> {
    let (cx, _) = crate::state::caller::<Admin>().await?;
    service::admin::places::overview(cx.db()).await
}

#[server(prefix = "/api", endpoint = "admin/regions/create")]
pub async fn create_region(name: String, department_email: String) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Admin>().await?;
    service::admin::places::create_region(cx.db(), &me, &name, &department_email).await
}

#[server(prefix = "/api", endpoint = "admin/municipalities/create")]
pub async fn create_municipality(region_id: i32, name: String) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Admin>().await?;
    service::admin::places::create_municipality(cx.db(), &me, region_id, &name).await
}

/// `kind` is "region" or "municipality".
#[server(prefix = "/api", endpoint = "admin/places/active")]
pub async fn set_place_active(kind: String, id: i32, active: bool) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Admin>().await?;
    service::admin::places::set_place_active(cx.db(), &me, &kind, id, active).await
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let create_region = ServerAction::<CreateRegion>::new();
    let create_municipality = ServerAction::<CreateMunicipality>::new();
    let place = ServerAction::<SetPlaceActive>::new();
    let regions = Resource::new(
        move || {
            (
                create_region.version().get(),
                create_municipality.version().get(),
                place.version().get(),
            )
        },
        |_| admin_regions(),
    );
    // The accounts section's own copy, loaded once: the page's list reloads after each change
    // to a place, which would re-render the section's choice lists and lose a half-filled form.
    let account_regions = Resource::new(|| (), |_| admin_regions());
    let toggle = move |kind: &'static str, id: i32, active: bool, label: String| {
        view! {
            <ActionForm action=place attr:class="hw-inline">
                <Hidden name="kind" value=kind />
                <Hidden name="id" value=id.to_string() />
                <Hidden name="active" value=(!active).to_string() />
                <Button appearance=Appearance::Subtle>{label}</Button>
            </ActionForm>
        }
    };
    let error_of = |v: Option<Result<i32, AppError>>| match v {
        Some(Err(e)) => Some(
            view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> },
        ),
        _ => None,
    };
    view! {
        <h1 class="utrecht-heading-1">"Beheer"</h1>
        <p class="utrecht-paragraph">
            "Regio's en gemeenten van het platform. Als beheerder zie je geen gegevens van werkzoekenden."
        </p>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match regions.await {
                    Ok(regions) => {
                        let options = regions.iter().map(|r| view! { <option value=r.id.to_string()>{r.name.clone()}</option> }).collect_view();
                        view! {
                            {regions.into_iter().map(|r| view! {
                                <section class="hw-section">
                                    <h2 class="utrecht-heading-2">{format!("Regio {}", r.name)}</h2>
                                    <p class="utrecht-paragraph">
                                        {format!("{} werkgevers", r.employers)}
                                        {r.department_email.map(|e| format!(" · afdelingsadres {e}"))}
                                        {(!r.active).then_some(" · gedeactiveerd")}
                                    </p>
                                    {toggle("region", r.id, r.active, format!("{} regio {}", if r.active { "Deactiveer" } else { "Activeer" }, r.name))}
                                    <Table label=format!("Gemeenten in regio {}", r.name) caption=format!("Gemeenten in regio {}", r.name)>
                                        <Head>
                                                <HeaderCell>"Gemeente"</HeaderCell>
                                                <HeaderCell>"Medewerkersaccounts"</HeaderCell>
                                                <HeaderCell>"Partners"</HeaderCell>
                                                <HeaderCell>"Status"</HeaderCell>
                                        </Head>
                                        <Body>
                                            {r.municipalities.into_iter().map(|m| {
                                                let staff = format!("{} ({} actief)", m.staff_accounts, m.active_staff);
                                                let partners = m.partners.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ");
                                                let state = if m.active { "Actief" } else { "Gedeactiveerd" };
                                                let button = toggle("municipality", m.id, m.active, format!("{} {}", if m.active { "Deactiveer" } else { "Activeer" }, m.name));
                                                view! {
                                                <Row>
                                                    <Cell>{m.name}</Cell>
                                                    <Cell>{staff}</Cell>
                                                    <Cell>{partners}</Cell>
                                                    <Cell>
                                                        {state}
                                                        " "
                                                        {button}
                                                    </Cell>
                                                </Row>
                                            }}).collect_view()}
                                        </Body>
                                    </Table>
                                </section>
                            }).collect_view()}
                            <section class="hw-section">
                                <h2 class="utrecht-heading-2">"Gemeente toevoegen"</h2>
                                <ActionForm action=create_municipality attr:class="hw-form">
                                    <FormField id="new-municipality-region" label="Regio" control=Control::Select>
                                        <Select name="region_id">{options}</Select>
                                    </FormField>
                                    <FormField id="new-municipality-name" label="Naam van de gemeente">
                                        <TextBox name="name" />
                                    </FormField>
                                    {move || error_of(create_municipality.value().get())}
                                    <Button appearance=Appearance::Primary>"Gemeente toevoegen"</Button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section class="hw-section">
            <h2 class="utrecht-heading-2">"Regio toevoegen"</h2>
            <ActionForm action=create_region attr:class="hw-form">
                <FormField id="new-region-name" label="Naam van de arbeidsmarktregio">
                    <TextBox name="name" />
                </FormField>
                <FormField id="new-region-email" label="E-mailadres van de afdeling" need=Need::Optional>
                    <TextBox name="department_email" kind="email" />
                </FormField>
                {move || error_of(create_region.value().get())}
                <Button appearance=Appearance::Primary>"Regio toevoegen"</Button>
            </ActionForm>
        </section>
        <crate::admin::accounts::AccountsSection regions=account_regions />
    }
}
