//! Pages and server functions of `partner`; the rules and queries are in `service::partner::shared_profiles`.

use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, Table};
use kernel::error::AppError;
use kernel::policy::Field;
use kernel::views::partner::*;
use kernel::views::profile::ProfileView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Partner;

#[server(prefix = "/api", endpoint = "partner/profiles")]
pub async fn shared_profiles(page: u32) -> Result<SharedProfileList, AppError> {
    let (cx, me) = crate::state::caller::<Partner>().await?;
    service::partner::shared_profiles::list(cx.db(), &me, page).await
}

fn cell(v: &ProfileView, f: Field) -> String {
    let yes_no = |b: Option<bool>| b.map(|b| if b { "Ja" } else { "Nee" }.to_string());
    match f {
        Field::ClientNumber => v.client_number.clone(),
        Field::FirstName => v.first_name.clone(),
        Field::LastName => v.last_name.clone(),
        Field::Email => v.email.clone(),
        Field::Gender => v.gender.map(|g| g.label().to_string()),
        Field::BirthDate => v.birth_date.map(|d| crate::ui::date::day(&d)),
        Field::PostalCode => v.postal_code.clone(),
        Field::Phone => v.phone.clone(),
        Field::Municipality => v.municipality.clone(),
        Field::TargetBanenafspraak => yes_no(v.target_banenafspraak),
        Field::TargetPraktijkroute => yes_no(v.target_praktijkroute),
        Field::TargetBbl => yes_no(v.target_bbl),
        Field::TargetOndernemer => yes_no(v.target_ondernemer),
        Field::Interests => v.interests.clone(),
        Field::Talents => v.talents.clone(),
        Field::Motivation => v.motivation.clone(),
        Field::DesiredWork => v.desired_work.clone(),
        Field::PreferredOccupations => v.preferred_occupations.as_ref().map(|o| {
            o.iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        Field::Photo => v.photo_url.as_ref().map(|_| "Ja".to_string()),
        Field::Video => v.video_url.as_ref().map(|_| "Ja".to_string()),
        Field::WorkCapacity | Field::ConsultantNotes => None,
    }
    .unwrap_or_else(|| "—".into())
}

#[component]
pub fn PartnerPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| shared_profiles(0));
    view! {
        <h1 class="utrecht-heading-1">"Gedeelde gegevens"</h1>
        <p class="utrecht-paragraph">
            "Je ziet alleen de gegevens die in de gegevensdelingsovereenkomst met de gemeente staan, van actieve werkzoekenden."
        </p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let fields = list.fields.clone();
                        let headings = fields.iter().map(|f| { let label = f.label(); view! { <HeaderCell>{label}</HeaderCell> } }).collect_view();
                        let rows: Vec<Vec<String>> = list.items.iter().map(|v| fields.iter().map(|f| cell(v, *f)).collect()).collect();
                        view! {
                            <p class="utrecht-paragraph">{format!("{} werkzoekenden", list.total)}</p>
                            <Table label="Gedeelde gegevens" caption="Werkzoekenden (gedeelde velden)">
                                <Head>
                                        {headings}
                                </Head>
                                <Body>
                                    {rows.into_iter().map(|cells| view! {
                                        <Row>
                                            {cells.into_iter().map(|c| view! { <Cell>{c}</Cell> }).collect_view()}
                                        </Row>
                                    }).collect_view()}
                                </Body>
                            </Table>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
