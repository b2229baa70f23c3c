//! Platform administration of accounts ("Beheer", accounts section): staff, partner and
//! administrator accounts, created with an activation link, (de)activated, reset. Never a job
//! seeker's account: the administrator has no job-seeker data.

use kernel::error::AppError;
use kernel::views::admin_accounts::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Admin;
use crate::access::principal::Principal;
use crate::foundation::paging::{self};
use crate::identity::account_approval;
use crate::identity::invited::{self, AccountOf, Invitee};
use entity::{app_user, municipality, partner};
use kernel::domain::Role;
use kernel::policy::FieldSet;
use kernel::validate;
use kernel::views::paging::{PAGE_SIZE, Paged};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// The roles the platform administrator manages.
pub const MANAGED: [Role; 3] = [Role::Staff, Role::Partner, Role::Admin];

/// A page of the staff, partner and administrator accounts, as the administrator `p` sees
/// them: those waiting for approval first; `q` searches e-mail addresses and names.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Admin,
    q: &str,
    page: u32,
) -> Result<Paged<AccountRow>, AppError> {
    let query =
        app_user::Entity::find().filter(app_user::Column::Role.is_in(MANAGED.map(|r| r.code())));
    let mut page =
        paging::fetch(db, account_approval::searched(query, q)?, page, PAGE_SIZE).await?;
    let users = std::mem::take(&mut page.items);
    let places = Places::of(db, &users).await?;
    let rows = users
        .into_iter()
        .map(|u| {
            let role = Role::from_code(&u.role).unwrap_or(Role::Staff);
            let organisation = match role {
                Role::Staff => u
                    .municipality_id
                    .and_then(|m| places.municipalities.get(&m))
                    .map(|n| format!("Gemeente {n}")),
                Role::Partner => u
                    .partner_id
                    .and_then(|p| places.partners.get(&p))
                    .map(|p| p.0.clone()),
                _ => Some("HalloWerk platformbeheer".into()),
            }
            .unwrap_or_default();
            let may = places.may_approve(p, &u);
            account_approval::row(p, u, organisation, may)
        })
        .collect();
    Ok(page.with_items(rows))
}

/// How many accounts wait for an approval this administrator may give (the list's rule).
pub async fn awaiting_my_approval<C: ConnectionTrait>(db: &C, p: &Admin) -> Result<u64, AppError> {
    let waiting = app_user::Entity::find()
        .filter(app_user::Column::Role.is_in(MANAGED.map(|r| r.code())))
        .filter(app_user::Column::AwaitingApproval.eq(true))
        .all(db)
        .await?;
    let places = Places::of(db, &waiting).await?;
    Ok(waiting.iter().filter(|u| places.may_approve(p, u)).count() as u64)
}

/// The partners and gemeenten of some accounts, and which of those gemeenten have staff who
/// approve new accounts themselves: one query each.
struct Places {
    partners: HashMap<i32, (String, i32)>,
    municipalities: HashMap<i32, String>,
    staffed: HashSet<i32>,
}

impl Places {
    async fn of<C: ConnectionTrait>(db: &C, users: &[app_user::Model]) -> Result<Places, AppError> {
        let partners: HashMap<i32, (String, i32)> = partner::Entity::find()
            .filter(partner::Column::Id.is_in(users.iter().filter_map(|u| u.partner_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, (p.name, p.municipality_id)))
            .collect();
        let mut places = Places {
            partners,
            municipalities: HashMap::new(),
            staffed: HashSet::new(),
        };
        let gemeenten: HashSet<i32> = users.iter().filter_map(|u| places.gemeente(u)).collect();
        places.municipalities = municipality::Entity::find()
            .filter(municipality::Column::Id.is_in(gemeenten.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        places.staffed = account_approval::staffed(db, gemeenten).await?;
        Ok(places)
    }

    /// The gemeente an account works for: its own (staff) or its partner's.
    fn gemeente(&self, u: &app_user::Model) -> Option<i32> {
        u.municipality_id.or_else(|| {
            u.partner_id
                .and_then(|id| self.partners.get(&id))
                .map(|p| p.1)
        })
    }

    fn may_approve(&self, p: &Admin, u: &app_user::Model) -> bool {
        let g = self.gemeente(u);
        account_approval::may_approve(p, u, g, g.is_some_and(|g| self.staffed.contains(&g)))
    }
}

async fn managed<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<app_user::Model, AppError> {
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
    p: &Admin,
    affiliation: Affiliation,
    first_name: &str,
    last_name: &str,
    email: &str,
    public_url: &str,
) -> Result<i32, AppError> {
    let of = match affiliation {
        Affiliation::Staff { municipality_id } => {
            municipality::Entity::find_by_id(municipality_id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("municipality_id", "Kies een gemeente."))?;
            AccountOf::Staff { municipality_id }
        }
        Affiliation::Partner { partner_id } => {
            entity::partner::Entity::find_by_id(partner_id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("partner_id", "Kies een partnerorganisatie."))?;
            AccountOf::Partner { partner_id }
        }
    };
    new_account(db, Some(p), of, first_name, last_name, email, public_url)
        .await
        .map(|(id, _)| id)
}

/// The first platform administrator of a new installation (`server create-admin`), refused
/// once any administrator exists. Returns the account id and its activation link (also
/// mailed), which the command prints: a new installation may have no mail set up yet.
pub async fn create_first_admin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    first_name: &str,
    last_name: &str,
    email: &str,
    public_url: &str,
) -> Result<(i32, String), AppError> {
    if has_admin(db).await? {
        return Err(AppError::invalid(
            "email",
            "Er is al een platformbeheerder; een volgende maakt u met `server add-admin`.",
        ));
    }
    operator_admin(db, first_name, last_name, email, public_url).await
}

/// A further platform administrator (`server add-admin`): the second person four eyes need
/// to approve a new gemeente's first staff account. Only the operator of the server makes one,
/// on the server itself (no administrator can make another in the app, or one person with two
/// e-mail addresses could approve their own staff account); refused while there is no
/// administrator yet (that is `create-admin`). Audited without an actor, like the first.
pub async fn add_admin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    first_name: &str,
    last_name: &str,
    email: &str,
    public_url: &str,
) -> Result<(i32, String), AppError> {
    if !has_admin(db).await? {
        return Err(AppError::invalid(
            "email",
            "Er is nog geen platformbeheerder; maak de eerste met `server create-admin`.",
        ));
    }
    operator_admin(db, first_name, last_name, email, public_url).await
}

/// Whether the installation has a platform administrator yet.
async fn has_admin<C: ConnectionTrait>(db: &C) -> Result<bool, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::Admin.code()))
        .one(db)
        .await?
        .is_some())
}

/// An administrator account made by the server's operator (no actor), with the activation
/// link the command prints.
async fn operator_admin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    first_name: &str,
    last_name: &str,
    email: &str,
    public_url: &str,
) -> Result<(i32, String), AppError> {
    let (id, token) = new_account(
        db,
        None,
        AccountOf::Admin,
        first_name,
        last_name,
        email,
        public_url,
    )
    .await?;
    Ok((id, format!("{public_url}/activeren/{token}")))
}

/// Validates and creates an account without a password, with its activation link and audit
/// entry, in one transaction; returns its id and the activation token.
async fn new_account<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<&Principal>,
    of: AccountOf,
    first_name: &str,
    last_name: &str,
    email: &str,
    public_url: &str,
) -> Result<(i32, String), AppError> {
    let first =
        validate::name(first_name, "Voornaam").map_err(|m| AppError::invalid("first_name", m))?;
    let last =
        validate::name(last_name, "Achternaam").map_err(|m| AppError::invalid("last_name", m))?;
    let email = validate::email(email).map_err(|m| AppError::invalid("email", m))?;
    if invited::in_use_where_seen(db, &email, actor, None).await? {
        return Err(AppError::invalid(
            "email",
            "Er is al een account met dit e-mailadres.",
        ));
    }
    // Four eyes: an account the administrator makes with access to job-seeker data waits for
    // a second person's approval.
    let by_admin = actor.is_some_and(|a| a.role == Role::Admin);
    let awaiting = by_admin && matches!(of, AccountOf::Staff { .. } | AccountOf::Partner { .. });
    let txn = crate::foundation::db::begin_write(db).await?;
    let user = invited::create(
        &txn,
        of,
        Invitee {
            email,
            first_name: Some(first.clone()),
            last_name: Some(last),
            phone: None,
        },
        actor.map(|a| a.user_id),
        awaiting,
    )
    .await?;
    let token = crate::identity::activation::issue(&txn, &user, &first, public_url).await?;
    let gemeente = account_approval::gemeente_of(&txn, &user).await?;
    if awaiting && let Some(g) = gemeente {
        account_approval::notify(&txn, &user, g, public_url).await?;
    }
    let mut e = entry("create_account", user.id);
    // A gemeente finds its new staff and partner accounts in its own audit search.
    e.municipality_id = gemeente;
    audit::record(&txn, actor, e).await?;
    txn.commit().await?;
    Ok((user.id, token))
}

pub async fn set_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Admin,
    user_id: i32,
    active: bool,
) -> Result<(), AppError> {
    if user_id == p.user_id && !active {
        return Err(AppError::invalid(
            "user_id",
            "Je kunt je eigen account niet blokkeren.",
        ));
    }
    let txn = crate::foundation::db::begin_write(db).await?;
    let user = managed(&txn, user_id).await?;
    let mut row: app_user::ActiveModel = user.into();
    row.active = Set(active);
    row.update(&txn).await?;
    if !active {
        crate::access::session::end_sessions(&txn, user_id).await?;
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
    p: &Admin,
    user_id: i32,
    public_url: &str,
) -> Result<(), AppError> {
    let txn = crate::foundation::db::begin_write(db).await?;
    let user = managed(&txn, user_id).await?;
    let first = user.first_name.clone().unwrap_or_default();
    let mut row: app_user::ActiveModel = user.clone().into();
    row.password_hash = Set(None);
    let user = row.update(&txn).await?;
    crate::access::session::end_sessions(&txn, user_id).await?;
    crate::identity::activation::issue(&txn, &user, &first, public_url).await?;
    audit::record(&txn, Some(p), entry("reset_account", user_id)).await?;
    txn.commit().await?;
    Ok(())
}
