//! A job seeker's change of e-mail address, without telling whether another account has the
//! new address. Saving a new address changes nothing yet: the new address gets a link to
//! confirm, or, when it already belongs to an account, a note to its owner instead; the old
//! address is told of the request. The job seeker sees the same answer either way. The address
//! changes when the link is opened (the opener then controls the address, so a conflict found
//! at that moment may be named).

use crate::access::audit::{self, Entry};
use crate::foundation::link_token;
use crate::foundation::mail::{self, Mail};
use crate::foundation::ratelimit::{self, EMAIL_CHANGES_PER_ACCOUNT};
use chrono::{Duration, Utc};
use entity::{activation_token, app_user, email_change};
use kernel::error::AppError;
use kernel::policy::{Field, FieldSet};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

/// How long a confirmation link works.
pub const LINK_HOURS: i64 = kernel::views::activation::ADDRESS_CHANGE_HOURS;
/// The page that confirms a change (the token follows).
pub const CONFIRM_PATH: &str = "/e-mailadres-bevestigen";

/// Starts a change of `user`'s address to `new_email` (validated, different from the current
/// one), in the caller's transaction. Earlier pending changes stop working.
pub async fn request<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
    name: &str,
    new_email: &str,
    public_url: &str,
) -> Result<(), AppError> {
    // Counted before anything is mailed; in the caller's transaction, so a refused request
    // leaves nothing behind but its refusal.
    ratelimit::take_for_account(db, EMAIL_CHANGES_PER_ACCOUNT, user.id).await?;
    email_change::Entity::delete_many()
        .filter(email_change::Column::UserId.eq(user.id))
        .filter(email_change::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let taken = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(new_email))
        .filter(app_user::Column::Id.ne(user.id))
        .one(db)
        .await?
        .is_some();
    // The same work either way; only the mail to the new address differs.
    let token = link_token::new();
    let now = Utc::now();
    email_change::ActiveModel {
        id: Set(link_token::stored(&token)),
        user_id: Set(user.id),
        new_email: Set(new_email.to_string()),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(LINK_HOURS)),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    let to_new = if taken {
        Mail::EmailChangeForKnownAddress
    } else {
        Mail::EmailChangeConfirm {
            name: name.to_string(),
            link: format!("{public_url}{CONFIRM_PATH}/{token}"),
            hours: LINK_HOURS,
        }
    };
    mail::enqueue(db, new_email, &to_new).await?;
    // The old address is told, as a warning to its owner, only when it is the account's own
    // (the account was activated through it). Before that it may be a mistyped stranger's,
    // who must not learn the person's name and new address.
    if user.password_hash.is_some() {
        mail::enqueue(
            db,
            &user.email,
            &Mail::EmailChangeRequested {
                name: name.to_string(),
                new_email: new_email.to_string(),
            },
        )
        .await?;
    }
    Ok(())
}

fn unusable() -> AppError {
    AppError::invalid(
        "token",
        "Deze link is verlopen of al gebruikt. Wijzig je e-mailadres opnieuw op de pagina met je gegevens (Mijn profiel of Mijn account).",
    )
}

/// Confirms a change with the token of its link; returns the new address. Guessing tokens is
/// limited as for activation links.
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
) -> Result<String, AppError> {
    link_token::count_lookup(db).await?;
    let txn = crate::foundation::db::begin_write(db).await?;
    let now = Utc::now();
    let change = email_change::Entity::find_by_id(link_token::stored(token))
        .one(&txn)
        .await?
        .filter(|c| c.used_at.is_none() && c.expires_at > now)
        .ok_or_else(unusable)?;
    let user = app_user::Entity::find_by_id(change.user_id)
        .one(&txn)
        .await?
        .ok_or_else(unusable)?;
    let taken = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&change.new_email))
        .filter(app_user::Column::Id.ne(user.id))
        .one(&txn)
        .await?
        .is_some();
    if taken {
        return Err(AppError::invalid(
            "token",
            "Dit e-mailadres hoort al bij een ander HalloWerk-account. Kies op Mijn profiel of Mijn account een \
             ander adres.",
        ));
    }
    let new_email = change.new_email.clone();
    let mut used: email_change::ActiveModel = change.into();
    used.used_at = Set(Some(now));
    used.update(&txn).await?;
    let mut row: app_user::ActiveModel = user.clone().into();
    row.email = Set(new_email.clone());
    row.update(&txn).await?;
    // Links mailed to the old address (an activation, a password reset) stop working: when
    // staff corrected a mistyped address, whoever holds that address must not activate the
    // account.
    activation_token::Entity::delete_many()
        .filter(activation_token::Column::UserId.eq(user.id))
        .filter(activation_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    // A job seeker changed their own address: audited as their change of the field. Anyone
    // else (an employer's contact person) changed their account.
    let me = crate::access::principal::principal_of(&txn, &user).await?;
    if me.role == kernel::domain::Role::JobSeeker {
        if let Some(profile) = me.scope.people(&txn).await?.one(&txn).await? {
            let entry = Entry::profile("update", &profile, FieldSet::EMPTY.with(Field::Email));
            audit::record(&txn, Some(&me), entry).await?;
        }
    } else {
        let mut entry = Entry::new("update_account", "app_user", FieldSet::EMPTY);
        entry.object_id = Some(user.id);
        if me.role == kernel::domain::Role::Employer {
            entry = entry.about(kernel::processing::DataSubject::EmployerContact(user.id));
        }
        audit::record(&txn, Some(&me), entry).await?;
    }
    txn.commit().await?;
    Ok(new_email)
}
