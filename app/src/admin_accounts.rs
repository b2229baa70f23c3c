//! Platform administration of accounts ("Beheer", accounts section): staff, partner and
//! administrator accounts, created with an activation link, (de)activated, reset. Never a job
//! seeker's account: the administrator has no job-seeker data.

use crate::admin::admin_regions;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
pub mod ssr {
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

#[server(prefix = "/api", endpoint = "admin/accounts")]
pub async fn admin_accounts() -> Result<Vec<AccountRow>, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    require(&[Role::Admin]).await?;
    ssr::list(&crate::state::db()?).await
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
    ssr::create_account(
        &state.db,
        &me,
        ssr::Affiliation::Staff { municipality_id },
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
    ssr::set_active(&crate::state::db()?, &me, user_id, active).await
}

#[server(prefix = "/api", endpoint = "admin/accounts/reset")]
pub async fn reset_account(user_id: i32) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Admin]).await?;
    let state = crate::state::state()?;
    ssr::reset(&state.db, &me, user_id, &state.public_url).await
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
    ssr::create_account(
        &state.db,
        &me,
        ssr::Affiliation::Partner { partner_id },
        &first_name,
        &last_name,
        &email,
        &state.public_url,
    )
    .await
}

#[component]
pub fn AccountsSection() -> impl IntoView {
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
