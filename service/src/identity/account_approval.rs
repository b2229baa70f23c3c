//! Four eyes for access to personal data. A platform administrator has no job-seeker data, and
//! must not be able to get it by making an account: a staff or partner account the
//! administrator makes waits (`awaiting_approval`, it cannot sign in) until a staff member of
//! its gemeente approves it, and that gemeente's staff are mailed about every such account. A
//! gemeente without staff yet (its first staff account) needs a second administrator: never the
//! one who made the account. A partner log-in that staff make waits in the same way for a
//! second staff member of the gemeente. Nobody approves their own account or one they made.
//!
//! This module also lists a gemeente's accounts (staff and partner users) for its staff, a page
//! at a time.

use crate::access::audit::{self, Entry};
use crate::access::caller::Staff;
use crate::access::principal::Principal;
use crate::access::scope::Scope;
use crate::foundation::mail::{self, Mail};
use crate::foundation::paging::{self};
use entity::{app_user, partner};
use kernel::domain::Role;
use kernel::error::AppError;
use kernel::views::admin_accounts::AccountRow;
use kernel::views::paging::{PAGE_SIZE, Paged};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select, TransactionSession, TransactionTrait,
};
use std::collections::HashSet;

/// The gemeente an account works for: a staff member's, or their partner organisation's.
pub async fn gemeente_of<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
) -> Result<Option<i32>, AppError> {
    Ok(match user.partner_id {
        Some(id) => partner::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| p.municipality_id),
        None => user.municipality_id,
    })
}

/// Staff who can approve accounts: active, activated and approved themselves.
pub fn approving_staff() -> Condition {
    Condition::all()
        .add(app_user::Column::Role.eq(Role::Staff.code()))
        .add(app_user::Column::Active.eq(true))
        .add(app_user::Column::AwaitingApproval.eq(false))
        .add(app_user::Column::PasswordHash.is_not_null())
}

/// The account `user_id` that `p` acts on (read in `p`'s transaction), never `p`'s own: four
/// eyes means two people, so `own` says why one's own account is refused.
pub async fn other_account<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    user_id: i32,
    own: &'static str,
) -> Result<app_user::Model, AppError> {
    if user_id == p.user_id {
        return Err(AppError::invalid("user_id", own));
    }
    app_user::Entity::find_by_id(user_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

/// The staff who can approve accounts of a gemeente.
pub async fn approvers<C: ConnectionTrait>(
    db: &C,
    municipality_id: i32,
) -> Result<Vec<app_user::Model>, AppError> {
    Ok(app_user::Entity::find()
        .filter(approving_staff())
        .filter(app_user::Column::MunicipalityId.eq(municipality_id))
        .all(db)
        .await?)
}

/// Which of `gemeenten` have staff to approve their accounts (one query for a page of rows).
pub async fn staffed<C: ConnectionTrait>(
    db: &C,
    gemeenten: impl IntoIterator<Item = i32>,
) -> Result<HashSet<i32>, AppError> {
    let ids: Vec<Option<i32>> = app_user::Entity::find()
        .select_only()
        .column(app_user::Column::MunicipalityId)
        .distinct()
        .filter(approving_staff())
        .filter(app_user::Column::MunicipalityId.is_in(gemeenten))
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().flatten().collect())
}

/// An accounts list in its order (waiting for approval first, then by role and e-mail
/// address), narrowed to the accounts whose e-mail address or name holds every word of `q`.
pub fn searched(
    query: Select<app_user::Entity>,
    q: &str,
) -> Result<Select<app_user::Entity>, AppError> {
    Ok(query
        .filter(paging::words(
            q,
            &[
                app_user::Column::Email,
                app_user::Column::FirstName,
                app_user::Column::LastName,
            ],
        )?)
        .order_by_desc(app_user::Column::AwaitingApproval)
        .order_by_asc(app_user::Column::Role)
        .order_by_asc(app_user::Column::Email)
        .order_by_asc(app_user::Column::Id))
}

/// The rule, in one place: may `p` approve `target` (of gemeente `gemeente`, which has staff to
/// approve it or not)?
pub fn may_approve(
    p: &Principal,
    target: &app_user::Model,
    gemeente: Option<i32>,
    gemeente_has_approvers: bool,
) -> bool {
    // Four eyes: never one's own account, nor one that one made.
    if !target.awaiting_approval || target.id == p.user_id || target.created_by == Some(p.user_id) {
        return false;
    }
    match p.scope {
        Scope::Municipality {
            municipality_id, ..
        } => gemeente == Some(municipality_id),
        // A second administrator, and only while the gemeente has nobody to do it.
        Scope::Platform => !gemeente_has_approvers && target.created_by != Some(p.user_id),
        _ => false,
    }
}

/// Approves an account waiting for it; the account can then sign in (after activation).
pub async fn approve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Principal,
    user_id: i32,
) -> Result<(), AppError> {
    let txn = crate::foundation::db::begin_write(db).await?;
    let target = other_account(
        &txn,
        p,
        user_id,
        "Je eigen account keurt een ander goed, niet jijzelf.",
    )
    .await?;
    let gemeente = gemeente_of(&txn, &target).await?;
    let has_approvers = match gemeente {
        Some(g) => !approvers(&txn, g).await?.is_empty(),
        None => false,
    };
    if !may_approve(p, &target, gemeente, has_approvers) {
        return Err(AppError::NotFound);
    }
    approve_in(&txn, p, user_id, gemeente).await?;
    txn.commit().await?;
    Ok(())
}

/// Marks account `user_id` of `gemeente` approved by `p`, with its audit entry, in the caller's
/// transaction. The caller has checked [`may_approve`] or an equal rule (a confirmed partner
/// agreement approves the log-ins made with it).
pub async fn approve_in<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    user_id: i32,
    gemeente: Option<i32>,
) -> Result<(), AppError> {
    app_user::Entity::update_many()
        .col_expr(app_user::Column::AwaitingApproval, Expr::value(false))
        .col_expr(app_user::Column::ApprovedBy, Expr::value(p.user_id))
        .filter(app_user::Column::Id.eq(user_id))
        .filter(app_user::Column::AwaitingApproval.eq(true))
        .exec(txn)
        .await?;
    let mut entry = Entry::object("approve_account", "app_user", user_id);
    entry.municipality_id = gemeente;
    audit::record(txn, Some(p), entry).await
}

/// Tells a gemeente's staff that an administrator made an account with access to its data,
/// waiting for their approval (in the transaction that made it).
pub async fn notify<C: ConnectionTrait>(
    db: &C,
    account: &app_user::Model,
    gemeente: i32,
    public_url: &str,
) -> Result<(), AppError> {
    let name = crate::access::principal::display_name;
    let role = Role::from_code(&account.role).unwrap_or(Role::Staff);
    for staff in approvers(db, gemeente).await? {
        mail::enqueue(
            db,
            &staff.email,
            &Mail::AccountAwaitsApproval {
                name: name(&staff),
                account: crate::access::principal::name_and_email(account),
                role: role.label().to_string(),
                link: format!("{public_url}{ACCOUNTS_PATH}"),
            },
        )
        .await?;
    }
    Ok(())
}

/// Where a gemeente's staff see its accounts.
pub const ACCOUNTS_PATH: &str = "/accounts";

/// A row of an accounts table, as the viewer `p` sees it.
pub fn row(
    p: &Principal,
    u: app_user::Model,
    organisation: String,
    may_approve: bool,
) -> AccountRow {
    AccountRow {
        id: u.id,
        name: crate::access::principal::display_name(&u),
        role: Role::from_code(&u.role).unwrap_or(Role::Staff),
        organisation,
        active: u.active,
        activated: u.password_hash.is_some(),
        second_factor: u.totp_confirmed_at.is_some(),
        awaiting_approval: u.awaiting_approval,
        may_approve,
        is_self: u.id == p.user_id,
        email: u.email,
    }
}

/// The accounts of the staff member's gemeente (its staff and its partners' users), with its
/// partners: what its page lists and the start page counts.
async fn gemeente_accounts<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
) -> Result<(Vec<partner::Model>, Select<app_user::Entity>), AppError> {
    let partners: Vec<partner::Model> = partner::Entity::find()
        .filter(partner::Column::MunicipalityId.eq(p.municipality_id))
        .all(db)
        .await?;
    let query = app_user::Entity::find().filter(
        Condition::any()
            .add(
                Condition::all()
                    .add(app_user::Column::Role.eq(Role::Staff.code()))
                    .add(app_user::Column::MunicipalityId.eq(p.municipality_id)),
            )
            .add(app_user::Column::PartnerId.is_in(partners.iter().map(|p| p.id))),
    );
    Ok((partners, query))
}

/// How many accounts of the staff member's gemeente wait for an approval the caller may give.
pub async fn awaiting_my_approval<C: ConnectionTrait>(db: &C, p: &Staff) -> Result<u64, AppError> {
    let (_, query) = gemeente_accounts(db, p).await?;
    let waiting = query
        .filter(app_user::Column::AwaitingApproval.eq(true))
        .all(db)
        .await?;
    Ok(waiting
        .iter()
        .filter(|u| may_approve(p, u, Some(p.municipality_id), true))
        .count() as u64)
}

/// A page of the accounts of the staff member's gemeente: its staff and its partners' users.
pub async fn of_my_gemeente<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    q: &str,
    page: u32,
) -> Result<Paged<AccountRow>, AppError> {
    let municipality_id = p.municipality_id;
    let (partners, query) = gemeente_accounts(db, p).await?;
    let mut page = paging::fetch(db, searched(query, q)?, page, PAGE_SIZE).await?;
    let rows = std::mem::take(&mut page.items)
        .into_iter()
        .map(|u| {
            let organisation = match u.partner_id {
                Some(id) => partners
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                None => "Gemeente".into(),
            };
            // Staff of this gemeente approve every account of it that waits.
            let may = may_approve(p, &u, Some(municipality_id), true);
            row(p, u, organisation, may)
        })
        .collect();
    Ok(page.with_items(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(user_id: i32, scope: Scope) -> Principal {
        Principal {
            user_id,
            role: Role::Staff,
            scope,
            name: String::new(),
            organisation: String::new(),
            origin: None,
            trace: None,
            reach: None,
            feed_head: None,
        }
    }

    fn account(id: i32, created_by: Option<i32>, awaiting: bool) -> app_user::Model {
        app_user::Model {
            id,
            email: format!("{id}@example.nl"),
            password_hash: None,
            role: Role::Staff.code().into(),
            municipality_id: Some(1),
            employer_id: None,
            partner_id: None,
            first_name: None,
            last_name: None,
            phone: None,
            active: true,
            created_at: chrono::Utc::now(),
            last_login_at: None,
            totp_secret: None,
            totp_confirmed_at: None,
            totp_last_step: None,
            created_by,
            awaiting_approval: awaiting,
            approved_by: None,
        }
    }

    #[test]
    fn two_different_people_always() {
        let staff = principal(
            10,
            Scope::Municipality {
                municipality_id: 1,
                region_id: 1,
            },
        );
        let admin = principal(20, Scope::Platform);
        let other_admin = principal(21, Scope::Platform);
        let made_by_admin = account(30, Some(20), true);
        // Staff of the gemeente approve; staff of another do not.
        assert!(may_approve(&staff, &made_by_admin, Some(1), true));
        assert!(!may_approve(&staff, &made_by_admin, Some(2), true));
        // The administrator who made it never; another only while the gemeente has no staff.
        assert!(!may_approve(&admin, &made_by_admin, Some(1), false));
        // Staff who made a (partner) account cannot approve it; a colleague can.
        let made_by_staff = account(32, Some(10), true);
        assert!(!may_approve(&staff, &made_by_staff, Some(1), true));
        let colleague = principal(
            11,
            Scope::Municipality {
                municipality_id: 1,
                region_id: 1,
            },
        );
        assert!(may_approve(&colleague, &made_by_staff, Some(1), true));
        assert!(may_approve(&other_admin, &made_by_admin, Some(1), false));
        assert!(!may_approve(&other_admin, &made_by_admin, Some(1), true));
        // Nothing to approve, or one's own account.
        assert!(!may_approve(
            &staff,
            &account(31, Some(20), false),
            Some(1),
            true
        ));
        assert!(!may_approve(
            &staff,
            &account(10, Some(20), true),
            Some(1),
            true
        ));
    }
}
