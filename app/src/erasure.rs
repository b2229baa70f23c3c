//! Erasing a job seeker (AVG art. 17): at once, or — where a legal retention period applies —
//! hidden now and erased when the period ends (the background job calls `erase_due`).
//! Erasure removes the profile, its account, sessions, links, requests, invitations, mail to the
//! person, and the media files; an anonymous tombstone remains for statistics. The audit log is
//! kept (it holds no personal data of the job seeker: field names and ids only).

use crate::domain::ProfileState;
use crate::error::AppError;
use crate::media::MediaStore;
use chrono::{DateTime, Months, Utc};
use entity::{app_user, erased_profile, job_seeker, outbox};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

/// Deletes everything of the person. Media files go after the rows are gone (a failed file
/// delete leaves an orphan file, never a profile without its photo).
pub async fn erase_now<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    media: &dyn MediaStore,
    profile: job_seeker::Model,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let user = app_user::Entity::find_by_id(profile.user_id)
        .one(db)
        .await?;
    let files: Vec<String> = [profile.photo_key.clone(), profile.video_key.clone()]
        .into_iter()
        .flatten()
        .collect();
    let txn = crate::state::begin_write(db).await?;
    erased_profile::ActiveModel {
        municipality_id: Set(profile.municipality_id),
        reason: Set(reason.into()),
        erased_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Occupations, invitations and privacy requests cascade with the profile.
    profile.delete(&txn).await?;
    if let Some(user) = user {
        outbox::Entity::delete_many()
            .filter(outbox::Column::ToAddress.eq(user.email.clone()))
            .exec(&txn)
            .await?;
        // Sessions and activation links cascade with the account.
        user.delete(&txn).await?;
    }
    txn.commit().await?;
    for key in files {
        if let Err(e) = media.delete(&key).await {
            tracing::error!(error = %e, "erasing a media file failed; the file is orphaned");
        }
    }
    Ok(())
}

/// Hides the profile now and schedules its erasure after `months` of legal retention.
pub async fn schedule<C: ConnectionTrait>(
    db: &C,
    profile: job_seeker::Model,
    months: u32,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, AppError> {
    let at = now.checked_add_months(Months::new(months)).unwrap_or(now);
    let mut row: job_seeker::ActiveModel = profile.into();
    row.state = Set(ProfileState::ErasurePending.code().into());
    row.erase_after = Set(Some(at));
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(at)
}

/// Erases every profile whose retention period has ended. Idempotent: an erased profile is gone.
pub async fn erase_due<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    media: &dyn MediaStore,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let due = job_seeker::Entity::find()
        .filter(job_seeker::Column::State.eq(ProfileState::ErasurePending.code()))
        .filter(job_seeker::Column::EraseAfter.lte(now))
        .all(db)
        .await?;
    let n = due.len();
    for profile in due {
        erase_now(db, media, profile, "retention_ended", now).await?;
    }
    Ok(n)
}
