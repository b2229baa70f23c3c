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

/// A staff, partner or administrator account (never a job seeker: the administrator has no
/// job-seeker data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: crate::domain::Role,
    pub organisation: String,
    pub active: bool,
    pub activated: bool,
}

#[cfg(feature = "ssr")]
pub mod accounts {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::domain::Role;
    use crate::policy::FieldSet;
    use crate::validate;
    use chrono::Utc;
    use entity::{app_user, municipality, partner, session};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
        TransactionSession, TransactionTrait,
    };
    use std::collections::HashMap;

    /// The roles the platform administrator manages.
    pub const MANAGED: [Role; 3] = [Role::Staff, Role::Partner, Role::Admin];

    pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<AccountRow>, AppError> {
        let municipalities: HashMap<i32, String> = municipality::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        let partners: HashMap<i32, String> = partner::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        Ok(app_user::Entity::find()
            .filter(app_user::Column::Role.is_in(MANAGED.map(|r| r.code())))
            .order_by_asc(app_user::Column::Role)
            .order_by_asc(app_user::Column::Email)
            .all(db)
            .await?
            .into_iter()
            .map(|u| {
                let role = Role::from_code(&u.role).unwrap_or(Role::Staff);
                let organisation = match role {
                    Role::Staff => u
                        .municipality_id
                        .and_then(|m| municipalities.get(&m))
                        .map(|n| format!("Gemeente {n}")),
                    Role::Partner => u.partner_id.and_then(|p| partners.get(&p)).cloned(),
                    _ => Some("HalloWerk platformbeheer".into()),
                }
                .unwrap_or_default();
                AccountRow {
                    id: u.id,
                    name: format!(
                        "{} {}",
                        u.first_name.unwrap_or_default(),
                        u.last_name.unwrap_or_default()
                    )
                    .trim()
                    .to_string(),
                    email: u.email,
                    role,
                    organisation,
                    active: u.active,
                    activated: u.password_hash.is_some(),
                }
            })
            .collect())
    }

    async fn managed<C: ConnectionTrait>(
        db: &C,
        user_id: i32,
    ) -> Result<app_user::Model, AppError> {
        app_user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .filter(|u| MANAGED.iter().any(|r| r.code() == u.role))
            .ok_or(AppError::NotFound)
    }

    fn entry(action: &'static str, user_id: i32) -> Entry {
        let mut e = Entry::new(action, "app_user", FieldSet::EMPTY);
        e.object_id = Some(user_id);
        e
    }

    /// Where a new account works: a gemeente (staff) or a partner organisation.
    #[derive(Clone, Copy, Debug)]
    pub enum Affiliation {
        Staff { municipality_id: i32 },
        Partner { partner_id: i32 },
    }

    /// Creates a staff or partner account and mails its activation link.
    pub async fn create_account<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        affiliation: Affiliation,
        first_name: &str,
        last_name: &str,
        email: &str,
        public_url: &str,
    ) -> Result<i32, AppError> {
        let (role, municipality_id, partner_id) = match affiliation {
            Affiliation::Staff { municipality_id } => {
                municipality::Entity::find_by_id(municipality_id)
                    .one(db)
                    .await?
                    .ok_or_else(|| AppError::invalid("municipality_id", "Kies een gemeente."))?;
                (Role::Staff, Some(municipality_id), None)
            }
            Affiliation::Partner { partner_id } => {
                entity::partner::Entity::find_by_id(partner_id)
                    .one(db)
                    .await?
                    .ok_or_else(|| {
                        AppError::invalid("partner_id", "Kies een partnerorganisatie.")
                    })?;
                (Role::Partner, None, Some(partner_id))
            }
        };
        let first = validate::name(first_name, "Voornaam")
            .map_err(|m| AppError::invalid("first_name", m))?;
        let last = validate::name(last_name, "Achternaam")
            .map_err(|m| AppError::invalid("last_name", m))?;
        let email = validate::email(email).map_err(|m| AppError::invalid("email", m))?;
        if app_user::Entity::find()
            .filter(app_user::Column::Email.eq(&email))
            .one(db)
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "email",
                "Er is al een account met dit e-mailadres.",
            ));
        }
        let txn = crate::state::begin_write(db).await?;
        let user = app_user::ActiveModel {
            email: Set(email),
            password_hash: Set(None),
            role: Set(role.code().into()),
            municipality_id: Set(municipality_id),
            partner_id: Set(partner_id),
            first_name: Set(Some(first.clone())),
            last_name: Set(Some(last)),
            active: Set(true),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        crate::activation::ssr::issue(&txn, &user, &first, public_url).await?;
        let mut e = entry("create_account", user.id);
        // A gemeente finds its new staff accounts in its own audit search.
        e.municipality_id = municipality_id;
        audit::record(&txn, Some(p), e).await?;
        txn.commit().await?;
        Ok(user.id)
    }

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

    pub async fn set_active<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        user_id: i32,
        active: bool,
    ) -> Result<(), AppError> {
        if user_id == p.user_id && !active {
            return Err(AppError::invalid(
                "user_id",
                "Je kunt je eigen account niet blokkeren.",
            ));
        }
        let txn = crate::state::begin_write(db).await?;
        let user = managed(&txn, user_id).await?;
        let mut row: app_user::ActiveModel = user.into();
        row.active = Set(active);
        row.update(&txn).await?;
        if !active {
            session::Entity::delete_many()
                .filter(session::Column::UserId.eq(user_id))
                .exec(&txn)
                .await?;
        }
        audit::record(
            &txn,
            Some(p),
            entry(
                if active {
                    "activate_account"
                } else {
                    "deactivate_account"
                },
                user_id,
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Clears the password, ends the sessions and sends a new activation link.
    pub async fn reset<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        user_id: i32,
        public_url: &str,
    ) -> Result<(), AppError> {
        let txn = crate::state::begin_write(db).await?;
        let user = managed(&txn, user_id).await?;
        let first = user.first_name.clone().unwrap_or_default();
        let mut row: app_user::ActiveModel = user.clone().into();
        row.password_hash = Set(None);
        let user = row.update(&txn).await?;
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        crate::activation::ssr::issue(&txn, &user, &first, public_url).await?;
        audit::record(&txn, Some(p), entry("reset_account", user_id)).await?;
        txn.commit().await?;
        Ok(())
    }
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

#[server(prefix = "/api", endpoint = "admin/accounts")]
pub async fn admin_accounts() -> Result<Vec<AccountRow>, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    require(&[Role::Admin]).await?;
    accounts::list(&crate::state::db()?).await
}

#[server(prefix = "/api", endpoint = "admin/accounts/create-staff")]
pub async fn create_staff_account(
    municipality_id: i32,
    first_name: String,
    last_name: String,
    email: String,
) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Admin]).await?;
    let state = crate::state::state()?;
    accounts::create_account(
        &state.db,
        &me,
        accounts::Affiliation::Staff { municipality_id },
        &first_name,
        &last_name,
        &email,
        &state.public_url,
    )
    .await
}

#[server(prefix = "/api", endpoint = "admin/accounts/active")]
pub async fn set_account_active(user_id: i32, active: bool) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Admin]).await?;
    accounts::set_active(&crate::state::db()?, &me, user_id, active).await
}

#[server(prefix = "/api", endpoint = "admin/accounts/reset")]
pub async fn reset_account(user_id: i32) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Admin]).await?;
    let state = crate::state::state()?;
    accounts::reset(&state.db, &me, user_id, &state.public_url).await
}

#[server(prefix = "/api", endpoint = "admin/accounts/create-partner")]
pub async fn create_partner_account(
    partner_id: i32,
    first_name: String,
    last_name: String,
    email: String,
) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Admin]).await?;
    let state = crate::state::state()?;
    accounts::create_account(
        &state.db,
        &me,
        accounts::Affiliation::Partner { partner_id },
        &first_name,
        &last_name,
        &email,
        &state.public_url,
    )
    .await
}

/// `kind` is "region" or "municipality".
#[server(prefix = "/api", endpoint = "admin/places/active")]
pub async fn set_place_active(kind: String, id: i32, active: bool) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Admin]).await?;
    accounts::set_place_active(&crate::state::db()?, &me, &kind, id, active).await
}

#[component]
fn AccountsSection() -> impl IntoView {
    let create = ServerAction::<CreateStaffAccount>::new();
    let create_partner = ServerAction::<CreatePartnerAccount>::new();
    let active = ServerAction::<SetAccountActive>::new();
    let reset = ServerAction::<ResetAccount>::new();
    let list = Resource::new(
        move || {
            (
                create.version().get(),
                create_partner.version().get(),
                active.version().get(),
                reset.version().get(),
            )
        },
        |_| admin_accounts(),
    );
    let regions = Resource::new(|| (), |_| admin_regions());
    let failure = move || {
        [
            create.value().get().and_then(|r| r.err()),
            create_partner.value().get().and_then(|r| r.err()),
            active.value().get().and_then(|r| r.err()),
            reset.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.to_string())
    };
    view! {
        <section class="hw-section" aria-labelledby="accounts-heading">
            <h2 class="utrecht-heading-2" id="accounts-heading">"Accounts van medewerkers en partners"</h2>
            {move || failure().map(|e| view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div> })}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let rows = list.await.unwrap_or_default();
                    view! {
                        <table class="utrecht-table" data-testid="accounts">
                            <caption class="utrecht-table__caption">"Accounts"</caption>
                            <thead class="utrecht-table__header">
                                <tr class="utrecht-table__row">
                                    {["Naam", "E-mailadres", "Rol", "Organisatie", "Status", "Acties"].into_iter().map(|h| view! { <th class="utrecht-table__header-cell" scope="col">{h}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody class="utrecht-table__body">
                                {rows.into_iter().map(|a| {
                                    let block_label = format!("{} {}", if a.active { "Blokkeer" } else { "Deblokkeer" }, a.email);
                                    let reset_label = format!("Nieuwe activatielink voor {}", a.email);
                                    let status = match (a.active, a.activated) {
                                        (false, _) => "Geblokkeerd",
                                        (true, false) => "Nog niet geactiveerd",
                                        (true, true) => "Actief",
                                    };
                                    view! {
                                        <tr class="utrecht-table__row">
                                            <td class="utrecht-table__cell">{a.name.clone()}</td>
                                            <td class="utrecht-table__cell">{a.email.clone()}</td>
                                            <td class="utrecht-table__cell">{a.role.label()}</td>
                                            <td class="utrecht-table__cell">{a.organisation.clone()}</td>
                                            <td class="utrecht-table__cell">{status}</td>
                                            <td class="utrecht-table__cell">
                                                <div class="utrecht-button-group">
                                                    <ActionForm action=active>
                                                        <input type="hidden" name="user_id" value=a.id.to_string() />
                                                        <input type="hidden" name="active" value=(!a.active).to_string() />
                                                        <button class="utrecht-button utrecht-button--subtle" type="submit">
                                                            {block_label}
                                                        </button>
                                                    </ActionForm>
                                                    <ActionForm action=reset>
                                                        <input type="hidden" name="user_id" value=a.id.to_string() />
                                                        <button class="utrecht-button utrecht-button--subtle" type="submit">{reset_label}</button>
                                                    </ActionForm>
                                                </div>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })}
            </Transition>
            <h3 class="utrecht-heading-3">"Partnergebruiker toevoegen"</h3>
            <ActionForm action=create_partner attr:class="hw-form">
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for="partner-org">"Partnerorganisatie"</label>
                    <select class="utrecht-select utrecht-select--html-select" id="partner-org" name="partner_id">
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                regions.await.unwrap_or_default().into_iter().flat_map(|r| r.municipalities).flat_map(|m| {
                                    let gemeente = m.name.clone();
                                    m.partners.into_iter().map(move |(id, name)| (id, format!("{name} ({gemeente})")))
                                }).map(|(id, label)| view! { <option value=id.to_string()>{label}</option> }).collect_view()
                            })}
                        </Suspense>
                    </select>
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="partner-user-first">"Voornaam"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="partner-user-first" name="first_name" required />
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="partner-user-last">"Achternaam"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="partner-user-last" name="last_name" required />
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="partner-user-email">"E-mailadres"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="partner-user-email" name="email" type="email" required />
                </div>
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Partnergebruiker toevoegen en activatielink sturen"</button>
            </ActionForm>
            <h3 class="utrecht-heading-3">"Medewerker toevoegen"</h3>
            <ActionForm action=create attr:class="hw-form">
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for="staff-municipality">"Gemeente"</label>
                    <select class="utrecht-select utrecht-select--html-select" id="staff-municipality" name="municipality_id">
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                regions.await.unwrap_or_default().into_iter().flat_map(|r| r.municipalities).map(|m| view! {
                                    <option value=m.id.to_string()>{m.name}</option>
                                }).collect_view()
                            })}
                        </Suspense>
                    </select>
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="staff-first">"Voornaam"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="staff-first" name="first_name" required />
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="staff-last">"Achternaam"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="staff-last" name="last_name" required />
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="staff-email">"E-mailadres"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="staff-email" name="email" type="email" required />
                </div>
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Medewerker toevoegen en activatielink sturen"</button>
            </ActionForm>
        </section>
    }
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
        <AccountsSection />
    }
}
