//! Account activation: a single-use link (valid 7 days) with which a new user — a job seeker
//! created by their gemeente, an approved employer — chooses a password. A password reset
//! (`password`) mails the same kind of link, valid one hour.

use kernel::error::AppError;
use kernel::views::activation::*;

use crate::access::audit::{self, Entry};
use crate::foundation::link_token;
use crate::foundation::mail::{self, Mail};
use crate::identity::auth::hash_password;
use chrono::{Duration, Utc};
use entity::{activation_token, app_user};
use kernel::policy::FieldSet;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

/// Creates a fresh link for `user` (earlier unused links stop working) and mails it with the
/// plain activation template. Returns the token (tests follow the link; it is never shown to
/// anyone else).
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
    name: &str,
    public_url: &str,
) -> Result<String, AppError> {
    let name = name.to_string();
    issue_with(
        db,
        user,
        |link, days| Mail::Activation { name, link, days },
        public_url,
    )
    .await
}

/// As `issue`, with the mail built by `mail_for(link, days)`.
pub async fn issue_with<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
    mail_for: impl FnOnce(String, i64) -> Mail,
    public_url: &str,
) -> Result<String, AppError> {
    issue_link(
        db,
        user,
        Duration::days(ACTIVATION_DAYS),
        "/activeren",
        |link| mail_for(link, ACTIVATION_DAYS),
        public_url,
    )
    .await
}

/// Whether a new link replaces the account's earlier unused ones (activation: the newest link
/// is the one that counts) or joins them (a password reset: someone else asking for one must
/// not cancel the link its owner just received; using any one ends the others).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Earlier {
    Replaced,
    Kept,
}

/// A fresh single-use link for `user` that sets a password (earlier unused links stop
/// working), valid for `valid`, opening the page at `path` (activation, or a password reset),
/// mailed as `mail_for(link)`. Returns the token.
pub async fn issue_link<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
    valid: Duration,
    path: &str,
    mail_for: impl FnOnce(String) -> Mail,
    public_url: &str,
) -> Result<String, AppError> {
    issue_link_with(
        db,
        user,
        valid,
        path,
        Earlier::Replaced,
        mail_for,
        public_url,
    )
    .await
}

/// As [`issue_link`], saying what becomes of the account's earlier unused links.
pub async fn issue_link_with<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
    valid: Duration,
    path: &str,
    earlier: Earlier,
    mail_for: impl FnOnce(String) -> Mail,
    public_url: &str,
) -> Result<String, AppError> {
    if earlier == Earlier::Replaced {
        activation_token::Entity::delete_many()
            .filter(activation_token::Column::UserId.eq(user.id))
            .filter(activation_token::Column::UsedAt.is_null())
            .exec(db)
            .await?;
    }
    let token = link_token::new();
    let now = Utc::now();
    activation_token::ActiveModel {
        id: Set(link_token::stored(&token)),
        user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(now + valid),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    let link = format!("{public_url}{path}/{token}");
    // An account made for someone whose address already signs in elsewhere (its maker was
    // answered as for a free address: `invited::in_use_where_seen`): the owner of the address
    // gets a note, not a link that could only fail.
    let mail = if user.password_hash.is_none() && signs_in_elsewhere(db, user).await? {
        Mail::InvitationForKnownAddress {
            login_link: format!("{public_url}/inloggen"),
        }
    } else {
        mail_for(link)
    };
    mail::enqueue(db, &user.email, &mail).await?;
    Ok(token)
}

/// Whether another account signs in (has a password) with `user`'s address.
async fn signs_in_elsewhere<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
) -> Result<bool, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&user.email))
        .filter(app_user::Column::Id.ne(user.id))
        .filter(app_user::Column::PasswordHash.is_not_null())
        .one(db)
        .await?
        .is_some())
}

/// The answer to someone activating an account whose address another account signs in with:
/// they hold the address (they opened the link sent to it), so they may be told.
fn address_signs_in_elsewhere() -> AppError {
    AppError::invalid(
        "token",
        "Met dit e-mailadres bestaat al een HalloWerk-account. Log daarmee in, of vraag wie dit \
         account voor je maakte om een ander e-mailadres.",
    )
}

fn expired() -> AppError {
    AppError::invalid(
        "token",
        "Deze activatielink is verlopen of al gebruikt. Vraag je gemeente of werkgeverscontact om een nieuwe link.",
    )
}

async fn usable<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<(activation_token::Model, app_user::Model), AppError> {
    let t = activation_token::Entity::find_by_id(link_token::stored(token))
        .one(db)
        .await?
        .filter(|t| t.used_at.is_none() && t.expires_at > Utc::now())
        .ok_or_else(expired)?;
    let user = app_user::Entity::find_by_id(t.user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
        .ok_or_else(expired)?;
    Ok((t, user))
}

pub async fn info<C: ConnectionTrait>(db: &C, token: &str) -> Result<ActivationInfo, AppError> {
    link_token::count_lookup(db).await?;
    let (_, user) = usable(db, token).await?;
    Ok(ActivationInfo { email: user.email })
}

/// Sets the password and uses up the link (all in one transaction).
pub async fn redeem<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    password: &str,
    repeat: &str,
) -> Result<(), AppError> {
    link_token::count_lookup(db).await?;
    let (t, user) = usable(db, token).await?;
    check_password(password, repeat, &user.email)?;
    let hash = hash_password(password.to_string()).await?;
    let txn = crate::foundation::db::begin_write(db).await?;
    // Marking the link used only if it is still unused makes a double submit harmless.
    let claimed = activation_token::Entity::update_many()
        .col_expr(
            activation_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(activation_token::Column::Id.eq(t.id.clone()))
        .filter(activation_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(expired());
    }
    // Any other unused link of the account (several reset links may be out) ends with this one.
    activation_token::Entity::delete_many()
        .filter(activation_token::Column::UserId.eq(user.id))
        .filter(activation_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if user.password_hash.is_none() && signs_in_elsewhere(&txn, &user).await? {
        return Err(address_signs_in_elsewhere());
    }
    let mut row: app_user::ActiveModel = user.clone().into();
    row.password_hash = Set(Some(hash.as_phc().to_string()));
    // The unique index on addresses that sign in is the last word when two accounts with one
    // address are activated at the same moment.
    row.update(&txn).await.map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => address_signs_in_elsewhere(),
        _ => e.into(),
    })?;
    crate::access::session::end_sessions(&txn, user.id).await?;
    let mut entry = Entry::new("activate", "app_user", FieldSet::EMPTY);
    entry.actor_user_id = Some(user.id);
    entry.object_id = Some(user.id);
    entry.subject = audit::account_subject(&txn, &user).await;
    audit::record(&txn, None, entry).await?;
    txn.commit().await?;
    Ok(())
}
