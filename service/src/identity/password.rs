//! A person's own password: changing it (the current password required; every other session of
//! the account ends) and resetting a forgotten one with a link mailed to the account's address.
//! The reset answers alike for known and unknown addresses, so it tells nobody who has an
//! account; its link is a single-use link of `activation` that works one hour. Both are
//! counted before the work they limit.

use crate::access::audit::{self, Entry};
use crate::access::principal::Principal;
use crate::foundation::client::client_network;
use crate::foundation::mail::{self, Mail};
use crate::foundation::ratelimit::{
    self, GLOBAL, PASSWORD_RESET_MAILS_PER_ADDRESS, PASSWORD_RESETS, PASSWORD_RESETS_PER_ADDRESS,
    PASSWORD_RESETS_PER_CLIENT,
};
use crate::identity::auth::{
    PasswordAttempt, PasswordHash, hash_password, normalise_email, verify_password,
};
use chrono::Duration;
use entity::app_user;
use kernel::error::AppError;
use kernel::policy::FieldSet;
use kernel::views::activation::{RESET_LINK_HOURS, check_password};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

/// The page a reset link opens (the token follows).
pub const RESET_PATH: &str = "/wachtwoord-herstellen";

/// Changes the caller's own password. The current one is checked like a log-in (counted first,
/// against the same limits), so a session left open cannot be used to guess it. The session
/// of `current_token` stays; every other session of the account ends, and the owner is mailed.
pub async fn change<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Principal,
    current_token: &str,
    current: &str,
    new: &str,
    repeat: &str,
) -> Result<(), AppError> {
    let user = app_user::Entity::find_by_id(p.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let attempt = PasswordAttempt::take(db, &user.email).await?;
    let hash = user.password_hash.clone().map(PasswordHash::from_phc);
    if !verify_password(current.to_string(), hash).await {
        audit::record(
            db,
            Some(p),
            Entry::object("change_password", "app_user", user.id).denied(),
        )
        .await?;
        return Err(AppError::invalid(
            "current_password",
            "Je huidige wachtwoord klopt niet.",
        ));
    }
    attempt.passed(db).await?;
    check_password(new, repeat, &user.email)?;
    if new == current {
        return Err(AppError::invalid(
            "password",
            "Kies een ander wachtwoord dan je huidige.",
        ));
    }
    let hash = hash_password(new.to_string()).await?;
    let txn = crate::foundation::db::begin_write(db).await?;
    let mut row: app_user::ActiveModel = user.clone().into();
    row.password_hash = Set(Some(hash.as_phc().to_string()));
    row.update(&txn).await?;
    crate::access::session::end_other_sessions(&txn, user.id, current_token).await?;
    mail::enqueue(
        &txn,
        &user.email,
        &Mail::PasswordChanged {
            name: user.first_name.clone().unwrap_or_default(),
        },
    )
    .await?;
    audit::record(
        &txn,
        Some(p),
        Entry::object("change_password", "app_user", user.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Someone forgot their password: an account with this address that has one gets a link to
/// choose a new one. Every answer is the same, whether or not the address has an account.
pub async fn request_reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    email: &str,
    public_url: &str,
) -> Result<(), AppError> {
    let email = kernel::validate::email(&normalise_email(email))
        .map_err(|m| AppError::invalid("email", m))?;
    // Per client network, per address from that network (so nobody elsewhere can use up the
    // owner's requests), per address from anywhere (so an inbox cannot be flooded), and in all.
    let client = client_network();
    let address_here = format!("{email}\u{0}{client}");
    ratelimit::take(
        db,
        &[
            (PASSWORD_RESETS_PER_CLIENT, client.as_str()),
            (PASSWORD_RESETS_PER_ADDRESS, address_here.as_str()),
            (PASSWORD_RESET_MAILS_PER_ADDRESS, email.as_str()),
            (PASSWORD_RESETS, GLOBAL),
        ],
    )
    .await?;
    // Only an activated account: one that never chose a password is activated by the link its
    // gemeente or region sends, after the checks that go with it.
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .filter(app_user::Column::Active.eq(true))
        .filter(app_user::Column::PasswordHash.is_not_null())
        .one(db)
        .await?;
    let txn = crate::foundation::db::begin_write(db).await?;
    let Some(user) = user else {
        // The address gets a mail either way, so both answers write in a transaction (a quick
        // answer would tell an unknown address by its timing; a known one writes two rows
        // more, the link and the audit entry), and whoever asked learns, in their own inbox
        // only, why no link came.
        crate::foundation::mail::enqueue(
            &txn,
            &email,
            &Mail::PasswordResetForUnknownAddress {
                login_link: format!("{public_url}/inloggen"),
            },
        )
        .await?;
        txn.commit().await?;
        return Ok(());
    };
    let name = user.first_name.clone().unwrap_or_default();
    crate::identity::activation::issue_link_with(
        &txn,
        &user,
        Duration::hours(RESET_LINK_HOURS),
        RESET_PATH,
        crate::identity::activation::Earlier::Kept,
        |link| Mail::PasswordReset {
            name,
            link,
            hours: RESET_LINK_HOURS,
        },
        public_url,
    )
    .await?;
    let mut entry = Entry::new("request_password_reset", "app_user", FieldSet::EMPTY);
    entry.actor_user_id = Some(user.id);
    entry.object_id = Some(user.id);
    entry.subject = audit::account_subject(&txn, &user).await;
    audit::record(&txn, None, entry).await?;
    txn.commit().await?;
    Ok(())
}
