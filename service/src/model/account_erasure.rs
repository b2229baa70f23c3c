//! Erasing an account that is not a job seeker's profile: an employer's contact person who
//! asked for it (AVG, SPEC §10). The person's name, address, phone, password, second factor,
//! sessions, links and saved searches go, with their registration, their contact messages, the
//! mail to them and their name in mail to others (as for a job seeker: `model::erasure`), and
//! the client addresses of their audit entries. The account row stays as an empty shell so the
//! audit log's entries (which name it by number only) keep pointing somewhere, and its
//! organisation and that organisation's vacancies, which carry no person's name, stay.

use entity::{
    activation_token, app_user, email_change, employer_registration, recovery_code, saved_search,
    session,
};
use kernel::error::AppError;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The address an erased account keeps: unique, and never deliverable (`.invalid`, RFC 2606).
pub fn erased_address(user_id: i32) -> String {
    format!("gewist-{user_id}@hallowerk.invalid")
}

/// Erases `user_id`'s personal data in the caller's transaction.
pub async fn erase<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), AppError> {
    let user = app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    use super::erasure::{Named, forget_contact_messages, forget_mail, forget_origins};
    let named = Named {
        first_name: user.first_name.clone().unwrap_or_default(),
        last_name: user.last_name.clone().unwrap_or_default(),
        numbers: user.phone.clone().into_iter().collect(),
        listed: false,
    };
    // A pending change names the new address, and a link went to it.
    for change in email_change::Entity::find()
        .filter(email_change::Column::UserId.eq(user_id))
        .all(db)
        .await?
    {
        forget_mail(db, Some(&change.new_email), &named).await?;
    }
    // What went to or came from an address another account also uses is that person's too.
    let shared = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&user.email))
        .filter(app_user::Column::Id.ne(user_id))
        .one(db)
        .await?
        .is_some();
    if !shared {
        forget_contact_messages(db, &user.email, chrono::Utc::now()).await?;
        employer_registration::Entity::delete_many()
            .filter(employer_registration::Column::Email.eq(&user.email))
            .exec(db)
            .await?;
    }
    forget_mail(db, (!shared).then_some(user.email.as_str()), &named).await?;
    forget_origins(db, user_id).await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    activation_token::Entity::delete_many()
        .filter(activation_token::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    email_change::Entity::delete_many()
        .filter(email_change::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    saved_search::Entity::delete_many()
        .filter(saved_search::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    let mut row: app_user::ActiveModel = user.into();
    row.email = Set(erased_address(user_id));
    row.password_hash = Set(None);
    row.first_name = Set(None);
    row.last_name = Set(None);
    row.phone = Set(None);
    row.active = Set(false);
    row.last_login_at = Set(None);
    row.totp_secret = Set(None);
    row.totp_confirmed_at = Set(None);
    row.totp_last_step = Set(None);
    row.update(db).await?;
    Ok(())
}
