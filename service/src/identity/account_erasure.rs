//! Erasing an account that is not a job seeker's profile: an employer's contact person who
//! asked for it (AVG, SPEC §10). The person's name, address, phone, password, second factor,
//! sessions, links and saved searches go; the account row stays as an empty shell so the audit
//! log's entries (which name it by number only) keep pointing somewhere, and its organisation
//! and that organisation's vacancies, which carry no person's name, stay.

use entity::{activation_token, app_user, email_change, recovery_code, saved_search, session};
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
