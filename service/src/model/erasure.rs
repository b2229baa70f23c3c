//! Erasing a job seeker (AVG art. 17): at once, or — where a legal retention period applies —
//! hidden now and erased when the period ends (the background job calls `erase_due`).
//! Erasure removes the profile, its account, sessions, activation links, privacy requests,
//! invitations, occupations, contact-form messages, mail to the person and their name in mail to
//! others, the client addresses of the person's own audit entries, and the media files. An
//! anonymous tombstone remains for statistics. The audit log is otherwise kept: it holds ids and
//! field names, never values.
//!
//! A decision and its effect are one transaction: the caller runs `erase_in` in its own
//! transaction and deletes the returned media files after the commit (`delete_files`).

use crate::access::audit::{self, Entry};
use crate::foundation::media_store::MediaStore;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use entity::{
    activation_token, app_user, audit_log, contact_archive, contact_message, email_change,
    erased_profile, invitation, job_seeker, job_seeker_occupation, outbox, privacy_request,
    saved_search, session,
};
use kernel::domain::ProfileState;
use kernel::error::AppError;
use kernel::policy::FieldSet;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, ModelTrait,
    QueryFilter, Set, TransactionSession, TransactionTrait,
};

/// What stands in mail to others where the person was named.
pub const REDACTED: &str = "[verwijderd]";

/// Erases everything of the person inside the caller's transaction `txn`. Returns the media
/// keys to delete once the transaction has committed: files cannot roll back, so a failed
/// erasure must leave them in place, and a failed file delete after the commit only leaves an
/// orphan file, never a half-erased profile.
pub async fn erase_in<C: ConnectionTrait>(
    txn: &C,
    profile: job_seeker::Model,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let user = app_user::Entity::find_by_id(profile.user_id)
        .one(txn)
        .await?;
    let files: Vec<String> = [profile.photo_key.clone(), profile.video_key.clone()]
        .into_iter()
        .flatten()
        .collect();
    erased_profile::ActiveModel {
        municipality_id: Set(profile.municipality_id),
        reason: Set(reason.into()),
        erased_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    // Explicit rather than by cascade, so the list of what goes is readable here.
    job_seeker_occupation::Entity::delete_many()
        .filter(job_seeker_occupation::Column::JobSeekerId.eq(profile.id))
        .exec(txn)
        .await?;
    invitation::Entity::delete_many()
        .filter(invitation::Column::JobSeekerId.eq(profile.id))
        .exec(txn)
        .await?;
    privacy_request::Entity::delete_many()
        .filter(privacy_request::Column::JobSeekerId.eq(profile.id))
        .exec(txn)
        .await?;
    entity::consultant_note::Entity::delete_many()
        .filter(entity::consultant_note::Column::JobSeekerId.eq(profile.id))
        .exec(txn)
        .await?;
    if let Some(user) = &user {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user.id))
            .exec(txn)
            .await?;
        activation_token::Entity::delete_many()
            .filter(activation_token::Column::UserId.eq(user.id))
            .exec(txn)
            .await?;
        saved_search::Entity::delete_many()
            .filter(saved_search::Column::UserId.eq(user.id))
            .exec(txn)
            .await?;
        // A pending change of address names the new address, and mails went to it.
        let pending = email_change::Entity::find()
            .filter(email_change::Column::UserId.eq(user.id))
            .all(txn)
            .await?;
        for change in &pending {
            forget_mail(txn, Some(&change.new_email), &Named::profile(&profile)).await?;
        }
        email_change::Entity::delete_many()
            .filter(email_change::Column::UserId.eq(user.id))
            .exec(txn)
            .await?;
        // An account made for someone may carry an address another account signs in with
        // (`invited::in_use_where_seen`); what went to or came from that address is then the
        // other person's, and stays. The mails naming this person are redacted either way.
        let shared = app_user::Entity::find()
            .filter(app_user::Column::Email.eq(&user.email))
            .filter(app_user::Column::Id.ne(user.id))
            .one(txn)
            .await?
            .is_some();
        if !shared {
            forget_contact_messages(txn, &user.email, now).await?;
        }
        forget_mail(
            txn,
            (!shared).then_some(user.email.as_str()),
            &Named::profile(&profile),
        )
        .await?;
        forget_origins(txn, user.id).await?;
    }
    profile.delete(txn).await?;
    if let Some(user) = user {
        user.delete(txn).await?;
    }
    Ok(files)
}

/// Deletes media files of an erased profile (after its transaction committed).
pub async fn delete_files(media: &dyn MediaStore, keys: Vec<String>) {
    for key in keys {
        if let Err(e) = media.delete(&key).await {
            tracing::error!(error = %e, "erasing a media file failed; the file is orphaned");
        }
    }
}

/// Erases at once in a transaction of its own (for callers that decide nothing else).
pub async fn erase_now<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    media: &dyn MediaStore,
    profile: job_seeker::Model,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::foundation::db::begin_write(db).await?;
    let files = erase_in(&txn, profile, reason, now).await?;
    txn.commit().await?;
    delete_files(media, files).await;
    Ok(())
}

/// Who mail must stop naming: a name, and numbers that identify the person once a mail names
/// them (client number, phone).
pub(crate) struct Named {
    pub first_name: String,
    pub last_name: String,
    pub numbers: Vec<String>,
    /// Whether lists named them as a card does ("Fatima E."): job seekers only.
    pub listed: bool,
}

impl Named {
    fn profile(profile: &job_seeker::Model) -> Self {
        Named {
            first_name: profile.first_name.clone(),
            last_name: profile.last_name.clone(),
            numbers: [Some(profile.client_number.clone()), profile.phone.clone()]
                .into_iter()
                .flatten()
                .collect(),
            listed: true,
        }
    }
}

/// Mail to the person goes; mail to others that names them keeps its other content, with the
/// person's name, address and numbers replaced.
pub(crate) async fn forget_mail<C: ConnectionTrait>(
    txn: &C,
    email: Option<&str>,
    profile: &Named,
) -> Result<(), AppError> {
    if let Some(email) = email {
        outbox::Entity::delete_many()
            .filter(outbox::Column::ToAddress.eq(email))
            .exec(txn)
            .await?;
    }
    let name = format!("{} {}", profile.first_name, profile.last_name);
    // The HTML part holds the escaped form. Without a whole name there is nothing to redact by.
    let mut naming = Vec::new();
    if !profile.first_name.trim().is_empty() && !profile.last_name.trim().is_empty() {
        naming.extend([name.clone(), crate::foundation::mail::escape_html(&name)]);
        if profile.listed {
            // A list (the saved-search digest) names a person as its card does: "Fatima E.".
            // Another person with the same first name and initial is redacted too: too much,
            // never too little.
            let listed = format!(
                "{} {}",
                profile.first_name,
                kernel::candidates::initial(&profile.last_name).unwrap_or_default()
            );
            naming.extend([
                listed.clone(),
                crate::foundation::mail::escape_html(&listed),
            ]);
        }
    }
    if let Some(email) = email {
        naming.extend([
            email.to_string(),
            crate::foundation::mail::escape_html(email),
        ]);
    }
    naming.dedup();
    if naming.is_empty() {
        return Ok(());
    }
    let mut any = Condition::any();
    for needle in &naming {
        for col in [
            outbox::Column::Subject,
            outbox::Column::BodyText,
            outbox::Column::BodyHtml,
            outbox::Column::LastError,
        ] {
            any = any.add(col.contains(needle.as_str()));
        }
    }
    let rows = outbox::Entity::find().filter(any).all(txn).await?;
    if rows.is_empty() {
        return Ok(());
    }
    // In a mail that names the person, their numbers go as well.
    let mut needles = naming;
    needles.extend(profile.numbers.iter().filter(|s| s.len() >= 4).cloned());
    needles.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let redact = |s: &str| {
        needles
            .iter()
            .fold(s.to_string(), |acc, n| acc.replace(n.as_str(), REDACTED))
    };
    for row in rows {
        if email.is_some_and(|e| row.to_address.eq_ignore_ascii_case(e)) {
            row.delete(txn).await?;
            continue;
        }
        let mut active: outbox::ActiveModel = row.clone().into();
        active.subject = Set(redact(&row.subject));
        active.body_text = Set(redact(&row.body_text));
        active.body_html = Set(redact(&row.body_html));
        active.last_error = Set(row.last_error.as_deref().map(redact));
        active.update(txn).await?;
    }
    Ok(())
}

/// Contact-form messages from the person's address leave only their anonymous archive line
/// (qualification, region, month), as the monthly purge would.
pub(crate) async fn forget_contact_messages<C: ConnectionTrait>(
    txn: &C,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let messages = contact_message::Entity::find()
        .filter(contact_message::Column::Email.eq(email))
        .all(txn)
        .await?;
    for m in messages {
        let t = m.received_at;
        let month = NaiveDate::from_ymd_opt(t.year(), t.month(), 1).unwrap_or(t.date_naive());
        contact_archive::ActiveModel {
            region_id: Set(m.region_id),
            qualification: Set(m.qualification.clone()),
            received_month: Set(month),
            message_id: Set(m.id),
            archived_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        m.delete(txn).await?;
    }
    Ok(())
}

/// Clears the client addresses of the person's own audit entries (their IP address is personal
/// data). The only change the audit log accepts: the database permits an update that sets
/// `origin` to NULL and touches nothing else, and refuses every other update or delete.
pub(crate) async fn forget_origins<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
) -> Result<(), AppError> {
    audit_log::Entity::update_many()
        .col_expr(audit_log::Column::Origin, Expr::value(None::<String>))
        .filter(audit_log::Column::ActorUserId.eq(user_id))
        .filter(audit_log::Column::Origin.is_not_null())
        .exec(txn)
        .await?;
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

/// Erases every profile whose retention period has ended, each in its own transaction with its
/// audit entry. Idempotent: an erased profile is gone.
pub async fn erase_due<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    media: &dyn MediaStore,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let due = |q: sea_orm::Select<job_seeker::Entity>| {
        q.filter(job_seeker::Column::State.eq(ProfileState::ErasurePending.code()))
            .filter(job_seeker::Column::EraseAfter.lte(now))
    };
    let ids: Vec<i32> = due(job_seeker::Entity::find())
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let mut n = 0;
    for id in ids {
        let txn = crate::foundation::db::begin_write(db).await?;
        // Read again inside the transaction: it may have been erased meanwhile.
        let Some(profile) = due(job_seeker::Entity::find_by_id(id)).one(&txn).await? else {
            continue;
        };
        audit::record(
            &txn,
            None,
            Entry::profile("erase", &profile, FieldSet::EMPTY),
        )
        .await?;
        let files = erase_in(&txn, profile, "retention_ended", now).await?;
        txn.commit().await?;
        delete_files(media, files).await;
        n += 1;
    }
    Ok(n)
}
