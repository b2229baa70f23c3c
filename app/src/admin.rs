//! Platform administration ("Beheer"): regions and gemeenten. The platform administrator has no
//! job-seeker data at all: nothing here reads the job_seeker table.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityOverview {
    pub id: i32,
    pub name: String,
    pub staff_accounts: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionOverview {
    pub id: i32,
    pub name: String,
    pub department_email: Option<String>,
    pub municipalities: Vec<MunicipalityOverview>,
    pub employers: u64,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::domain::Role;
    use crate::validate;
    use chrono::Utc;
    use entity::{app_user, employer, municipality, region};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
        QueryOrder, Set,
    };

    pub async fn overview<C: ConnectionTrait>(db: &C) -> Result<Vec<RegionOverview>, AppError> {
        let regions = region::Entity::find()
            .order_by_asc(region::Column::Name)
            .all(db)
            .await?;
        let mut out = Vec::with_capacity(regions.len());
        for r in regions {
            let mut municipalities = Vec::new();
            for m in municipality::Entity::find()
                .filter(municipality::Column::RegionId.eq(r.id))
                .order_by_asc(municipality::Column::Name)
                .all(db)
                .await?
            {
                let staff_accounts = app_user::Entity::find()
                    .filter(app_user::Column::Role.eq(Role::Staff.code()))
                    .filter(app_user::Column::MunicipalityId.eq(m.id))
                    .count(db)
                    .await?;
                municipalities.push(MunicipalityOverview {
                    id: m.id,
                    name: m.name,
                    staff_accounts,
                });
            }
            let employers = employer::Entity::find()
                .filter(employer::Column::RegionId.eq(r.id))
                .count(db)
                .await?;
            out.push(RegionOverview {
                id: r.id,
                name: r.name,
                department_email: r.department_email,
                municipalities,
                employers,
            });
        }
        Ok(out)
    }

    fn place_name(v: &str, field: &str) -> Result<String, AppError> {
        let v = v.trim();
        if v.is_empty() || v.chars().count() > 80 {
            return Err(AppError::invalid(
                field,
                "Vul een naam in van hoogstens 80 tekens.",
            ));
        }
        Ok(v.to_string())
    }

    pub async fn create_region<C: ConnectionTrait>(
        db: &C,
        name: &str,
        email: &str,
    ) -> Result<i32, AppError> {
        let name = place_name(name, "name")?;
        let email = match email.trim() {
            "" => None,
            e => Some(validate::email(e).map_err(|m| AppError::invalid("department_email", m))?),
        };
        if region::Entity::find()
            .filter(region::Column::Name.eq(&name))
            .one(db)
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "name",
                "Er bestaat al een regio met deze naam.",
            ));
        }
        let r = region::ActiveModel {
            name: Set(name),
            department_email: Set(email),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(r.id)
    }

    pub async fn create_municipality<C: ConnectionTrait>(
        db: &C,
        region_id: i32,
        name: &str,
    ) -> Result<i32, AppError> {
        let name = place_name(name, "name")?;
        if region::Entity::find_by_id(region_id)
            .one(db)
            .await?
            .is_none()
        {
            return Err(AppError::invalid("region_id", "Kies een bestaande regio."));
        }
        if municipality::Entity::find()
            .filter(municipality::Column::Name.eq(&name))
            .one(db)
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "name",
                "Er bestaat al een gemeente met deze naam.",
            ));
        }
        let m = municipality::ActiveModel {
            region_id: Set(region_id),
            name: Set(name),
            retention_months: Set(0),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(m.id)
    }
}

/// Regions with their gemeenten and account counts (no job-seeker data).
#[server(prefix = "/api", endpoint = "admin/regions")]
pub async fn admin_regions() -> Result<Vec<RegionOverview>, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    require(&[Role::Admin]).await?;
    ssr::overview(&crate::state::db()?).await
}

#[server(prefix = "/api", endpoint = "admin/regions/create")]
pub async fn create_region(name: String, department_email: String) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    require(&[Role::Admin]).await?;
    ssr::create_region(&crate::state::db()?, &name, &department_email).await
}

#[server(prefix = "/api", endpoint = "admin/municipalities/create")]
pub async fn create_municipality(region_id: i32, name: String) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    require(&[Role::Admin]).await?;
    ssr::create_municipality(&crate::state::db()?, region_id, &name).await
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let create_region = ServerAction::<CreateRegion>::new();
    let create_municipality = ServerAction::<CreateMunicipality>::new();
    let regions = Resource::new(
        move || {
            (
                create_region.version().get(),
                create_municipality.version().get(),
            )
        },
        |_| admin_regions(),
    );
    let error_of = |v: Option<Result<i32, AppError>>| match v {
        Some(Err(e)) => Some(
            view! { <p class="utrecht-form-field-error-message" role="alert">{e.to_string()}</p> },
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
                                    </p>
                                    <table class="utrecht-table">
                                        <caption class="utrecht-table__caption">{format!("Gemeenten in regio {}", r.name)}</caption>
                                        <thead class="utrecht-table__header">
                                            <tr class="utrecht-table__row">
                                                <th class="utrecht-table__header-cell" scope="col">"Gemeente"</th>
                                                <th class="utrecht-table__header-cell" scope="col">"Medewerkersaccounts"</th>
                                            </tr>
                                        </thead>
                                        <tbody class="utrecht-table__body">
                                            {r.municipalities.into_iter().map(|m| view! {
                                                <tr class="utrecht-table__row">
                                                    <td class="utrecht-table__cell">{m.name}</td>
                                                    <td class="utrecht-table__cell">{m.staff_accounts}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                            }).collect_view()}
                            <section class="hw-section">
                                <h2 class="utrecht-heading-2">"Gemeente toevoegen"</h2>
                                <ActionForm action=create_municipality attr:class="hw-form">
                                    <div class="utrecht-form-field">
                                        <label class="utrecht-form-label" for="new-municipality-region">"Regio"</label>
                                        <select class="utrecht-select utrecht-select--html-select" id="new-municipality-region" name="region_id">{options}</select>
                                    </div>
                                    <div class="utrecht-form-field utrecht-form-field--text">
                                        <label class="utrecht-form-label" for="new-municipality-name">"Naam van de gemeente"</label>
                                        <input class="utrecht-textbox utrecht-textbox--html-input" id="new-municipality-name" name="name" required />
                                    </div>
                                    {move || error_of(create_municipality.value().get())}
                                    <button class="utrecht-button utrecht-button--primary-action" type="submit">"Gemeente toevoegen"</button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section class="hw-section">
            <h2 class="utrecht-heading-2">"Regio toevoegen"</h2>
            <ActionForm action=create_region attr:class="hw-form">
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="new-region-name">"Naam van de arbeidsmarktregio"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="new-region-name" name="name" required />
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="new-region-email">"E-mailadres van de afdeling (optioneel)"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="new-region-email" name="department_email" type="email" />
                </div>
                {move || error_of(create_region.value().get())}
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Regio toevoegen"</button>
            </ActionForm>
        </section>
    }
}
