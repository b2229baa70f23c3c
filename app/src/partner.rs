//! Partner organisations: the fields named in their data-sharing agreement, for the active job
//! seekers of that one gemeente. The agreement is data read by the visibility policy.

use crate::error::AppError;
use crate::policy::Field;
use crate::profile::ProfileView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedProfileList {
    /// The agreed fields (columns of the table).
    pub fields: Vec<Field>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub items: Vec<ProfileView>,
}

pub const PAGE_SIZE: u64 = 25;

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::paging;
    use crate::policy::{self, Audience, ReadContext};
    use crate::profile::ssr::{project, records};
    use crate::scope::{Scope, current_agreement};
    use entity::job_seeker;
    use sea_orm::{ConnectionTrait, QueryOrder};

    pub async fn list<C: ConnectionTrait>(
        db: &C,
        principal: &Principal,
        page: u32,
    ) -> Result<SharedProfileList, AppError> {
        let Scope::Partner { partner_id, .. } = principal.scope else {
            return Err(AppError::Forbidden);
        };
        // Without an agreement in force a partner has no access at all (not an empty list).
        let agreement = current_agreement(db, partner_id)
            .await?
            .ok_or(AppError::Forbidden)?;
        let ctx = ReadContext {
            work_capacity_consent: false,
            agreement,
        };
        let fields = policy::readable(Audience::Partner, &ctx);
        let query = principal
            .scope
            .people(db)
            .await?
            .order_by_asc(job_seeker::Column::Id);
        let page = paging::fetch(db, query, page, PAGE_SIZE).await?;
        let recs = records(db, page.rows).await?;
        // One entry per profile on the page (one insert): each person sees the partner in
        // their "wie heeft mijn profiel bekeken", their gemeente in its audit search.
        audit::record_many(
            db,
            Some(principal),
            recs.iter()
                .map(|rec| Entry::profile("list", &rec.model, fields)),
        )
        .await?;
        let items = recs
            .iter()
            .map(|rec| project(rec, Audience::Partner, fields))
            .collect();
        Ok(SharedProfileList {
            fields: fields.iter().collect(),
            total: page.total,
            page: page.page,
            pages: page.pages,
            items,
        })
    }
}

#[server(prefix = "/api", endpoint = "partner/profiles")]
pub async fn shared_profiles(page: u32) -> Result<SharedProfileList, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Partner]).await?;
    ssr::list(&crate::state::db()?, &me, page).await
}

fn cell(v: &ProfileView, f: Field) -> String {
    let yes_no = |b: Option<bool>| b.map(|b| if b { "Ja" } else { "Nee" }.to_string());
    match f {
        Field::ClientNumber => v.client_number.clone(),
        Field::FirstName => v.first_name.clone(),
        Field::LastName => v.last_name.clone(),
        Field::Email => v.email.clone(),
        Field::Gender => v.gender.map(|g| g.label().to_string()),
        Field::BirthDate => v.birth_date.map(|d| d.format("%d-%m-%Y").to_string()),
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
        Field::WorkCapacity => None,
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
                        view! {
                            <p class="utrecht-paragraph">{format!("{} werkzoekenden", list.total)}</p>
                            <table class="utrecht-table">
                                <caption class="utrecht-table__caption">"Werkzoekenden (gedeelde velden)"</caption>
                                <thead class="utrecht-table__header">
                                    <tr class="utrecht-table__row">
                                        {fields.iter().map(|f| view! { <th class="utrecht-table__header-cell" scope="col">{f.label()}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody class="utrecht-table__body">
                                    {list.items.iter().map(|v| view! {
                                        <tr class="utrecht-table__row">
                                            {fields.iter().map(|f| view! { <td class="utrecht-table__cell">{cell(v, *f)}</td> }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
