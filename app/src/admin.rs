//! Platform administration ("Beheer"): regions and gemeenten. The platform administrator has no
//! job-seeker data at all: nothing here reads the job_seeker table.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityOverview {
    pub id: i32,
    pub name: String,
    pub active: bool,
    /// Partner organisations of this gemeente (names only).
    pub partners: Vec<(i32, String)>,
    pub staff_accounts: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionOverview {
    pub id: i32,
    pub name: String,
    pub active: bool,
    pub department_email: Option<String>,
    pub municipalities: Vec<MunicipalityOverview>,
    pub employers: u64,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::domain::Role;
    use crate::validate;
    use chrono::Utc;
    use entity::{app_user, employer, municipality, region};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
        QueryOrder, Set, TransactionSession, TransactionTrait,
    };

    /// Deactivates (or reactivates) a region or gemeente; nothing is deleted.
    pub async fn set_place_active<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        kind: &str,
        id: i32,
        active: bool,
    ) -> Result<(), AppError> {
        let action = if active { "activate" } else { "deactivate" };
        let txn = crate::state::begin_write(db).await?;
        let e = match kind {
            "region" => {
                let r = entity::region::Entity::find_by_id(id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let mut row: entity::region::ActiveModel = r.into();
                row.active = Set(active);
                row.update(&txn).await?;
                Entry::object(action, "region", id)
            }
            "municipality" => {
                let m = municipality::Entity::find_by_id(id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let mut row: municipality::ActiveModel = m.into();
                row.active = Set(active);
                row.update(&txn).await?;
                Entry::object(action, "municipality", id).in_municipality(id)
            }
            _ => return Err(AppError::BadRequest),
        };
        audit::record(&txn, Some(p), e).await?;
        txn.commit().await?;
        Ok(())
    }

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
                let partners = entity::partner::Entity::find()
                    .filter(entity::partner::Column::MunicipalityId.eq(m.id))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|p| (p.id, p.name))
                    .collect();
                municipalities.push(MunicipalityOverview {
                    id: m.id,
                    name: m.name,
                    active: m.active,
                    partners,
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
                active: r.active,
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

    pub async fn create_region<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
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
        let txn = crate::state::begin_write(db).await?;
        let r = region::ActiveModel {
            name: Set(name),
            department_email: Set(email),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(&txn, Some(p), Entry::object("create", "region", r.id)).await?;
        txn.commit().await?;
        Ok(r.id)
    }

    pub async fn create_municipality<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
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
        let txn = crate::state::begin_write(db).await?;
        let m = municipality::ActiveModel {
            region_id: Set(region_id),
            name: Set(name),
            retention_months: Set(0),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            Some(p),
            Entry::object("create", "municipality", m.id).in_municipality(m.id),
        )
        .await?;
        txn.commit().await?;
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
    let me = require(&[Role::Admin]).await?;
    ssr::create_region(&crate::state::db()?, &me, &name, &department_email).await
}

#[server(prefix = "/api", endpoint = "admin/municipalities/create")]
pub async fn create_municipality(region_id: i32, name: String) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Admin]).await?;
    ssr::create_municipality(&crate::state::db()?, &me, region_id, &name).await
}

/// `kind` is "region" or "municipality".
#[server(prefix = "/api", endpoint = "admin/places/active")]
pub async fn set_place_active(kind: String, id: i32, active: bool) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Admin]).await?;
    ssr::set_place_active(&crate::state::db()?, &me, &kind, id, active).await
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
    let toggle = move |kind: &'static str, id: i32, active: bool, label: String| {
        view! {
            <ActionForm action=place attr:class="hw-inline">
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="active" value=(!active).to_string() />
                <button class="utrecht-button utrecht-button--subtle" type="submit">{label}</button>
            </ActionForm>
        }
    };
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
                                        {(!r.active).then_some(" · gedeactiveerd")}
                                    </p>
                                    {toggle("region", r.id, r.active, format!("{} regio {}", if r.active { "Deactiveer" } else { "Activeer" }, r.name))}
                                    <table class="utrecht-table">
                                        <caption class="utrecht-table__caption">{format!("Gemeenten in regio {}", r.name)}</caption>
                                        <thead class="utrecht-table__header">
                                            <tr class="utrecht-table__row">
                                                <th class="utrecht-table__header-cell" scope="col">"Gemeente"</th>
                                                <th class="utrecht-table__header-cell" scope="col">"Medewerkersaccounts"</th>
                                                <th class="utrecht-table__header-cell" scope="col">"Partners"</th>
                                                <th class="utrecht-table__header-cell" scope="col">"Status"</th>
                                            </tr>
                                        </thead>
                                        <tbody class="utrecht-table__body">
                                            {r.municipalities.into_iter().map(|m| view! {
                                                <tr class="utrecht-table__row">
                                                    <td class="utrecht-table__cell">{m.name.clone()}</td>
                                                    <td class="utrecht-table__cell">{m.staff_accounts}</td>
                                                    <td class="utrecht-table__cell">{m.partners.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ")}</td>
                                                    <td class="utrecht-table__cell">
                                                        {if m.active { "Actief" } else { "Gedeactiveerd" }}
                                                        " "
                                                        {toggle("municipality", m.id, m.active, format!("{} {}", if m.active { "Deactiveer" } else { "Activeer" }, m.name))}
                                                    </td>
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
        <crate::admin_accounts::AccountsSection />
    }
}
