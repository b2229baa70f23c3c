//! An employer's invitations: inviting a candidate for an open vacancy of the own organisation
//! (the job seeker is mailed and sees it with their gemeente), withdrawing an unanswered one,
//! and the organisation's list of invitations and interest shown by candidates.

use kernel::error::AppError;
use kernel::views::invitations::InvitationView;

use crate::access::audit::{self, Entry};
use crate::access::caller::Employer;
use crate::foundation::mail::{self, Mail};
use crate::foundation::paging::{self};
use crate::model::invitations as inv;
use chrono::Utc;
use entity::{app_user, employer, invitation, job_seeker};
use kernel::domain::{InvitationStatus, VacancyStatus};
use kernel::policy::{Field, FieldSet};
use kernel::validate;
use kernel::views::invitations::{BY_EMPLOYER, BY_JOB_SEEKER};
use kernel::views::paging::{PAGE_SIZE, Paged};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// Invites a candidate (active, in the region) for an open vacancy of the own organisation;
/// the job seeker gets an e-mail, and sees it together with their gemeente.
pub async fn invite<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    p: &Employer,
    vacancy_id: i32,
    job_seeker_id: i32,
    message: &str,
    public_url: &str,
) -> Result<i32, AppError> {
    let employer_id = p.employer_id;
    let v = p.vacancy(db, vacancy_id).await?;
    if v.status != VacancyStatus::Open.code() {
        return Err(AppError::invalid(
            "vacancy_id",
            "Open de vacature voordat je iemand uitnodigt.",
        ));
    }
    let Some(profile) = p.scope.profile(db, job_seeker_id).await? else {
        return Err(crate::model::profile::deny(db, p, job_seeker_id).await?);
    };
    let message =
        validate::free_text(message, "Bericht").map_err(|m| AppError::invalid("message", m))?;
    if invitation::Entity::find()
        .filter(invitation::Column::VacancyId.eq(v.id))
        .filter(invitation::Column::JobSeekerId.eq(profile.id))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::invalid(
            "job_seeker_id",
            "Deze kandidaat heeft al contact over deze vacature.",
        ));
    }
    let now = Utc::now();
    // An invitation opens the person to the organisation (it will see their answer and, once
    // in contact, more): it is charged as opening them, in the transaction that writes it.
    let txn = crate::model::viewing_limits::open(db, p, profile.id, now)
        .await?
        .txn;
    // It mails the job seeker: counted per account and day, in the same transaction.
    crate::foundation::ratelimit::take_for_account(
        &txn,
        crate::foundation::ratelimit::INVITATIONS_PER_ACCOUNT,
        p.user_id,
    )
    .await?;
    let row = invitation::ActiveModel {
        vacancy_id: Set(v.id),
        job_seeker_id: Set(profile.id),
        employer_id: Set(employer_id),
        initiated_by: Set(BY_EMPLOYER.into()),
        message: Set(message),
        status: Set(InvitationStatus::Sent.code().into()),
        outcome: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let user = app_user::Entity::find_by_id(profile.user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = employer::Entity::find_by_id(employer_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    mail::enqueue(
        &txn,
        &user.email,
        &Mail::Invited {
            name: profile.first_name.clone(),
            vacancy: v.title.clone(),
            employer: org.name,
            link: format!("{public_url}/vacatures-voor-mij"),
        },
    )
    .await?;
    audit::record(
        &txn,
        Some(p),
        Entry::profile("invite", &profile, FieldSet::EMPTY.with(Field::FirstName)),
    )
    .await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(row.id)
}

pub async fn withdraw<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    p: &Employer,
    id: i32,
) -> Result<(), AppError> {
    let employer_id = p.employer_id;
    let row = invitation::Entity::find_by_id(id)
        .filter(invitation::Column::EmployerId.eq(employer_id))
        .filter(invitation::Column::InitiatedBy.eq(BY_EMPLOYER))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let unanswered = row.status == InvitationStatus::Sent.code()
        && inv::transition(
            db,
            p,
            &row,
            InvitationStatus::Withdrawn,
            "withdraw_invitation",
        )
        .await?;
    if !unanswered {
        return Err(AppError::invalid(
            "id",
            "Alleen een uitnodiging waarop nog niet is gereageerd kun je intrekken.",
        ));
    }
    Ok(())
}

/// The organisation's invitations and the interest shown in its vacancies, of candidates the
/// organisation may see now: what its page lists and the start page counts.
async fn of_organisation_query<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
) -> Result<sea_orm::Select<invitation::Entity>, AppError> {
    // The employer's scope: active job seekers of the region's active gemeenten.
    let in_scope = p.scope.people_ids(db).await?;
    Ok(invitation::Entity::find()
        .filter(invitation::Column::EmployerId.eq(p.employer_id))
        .filter(invitation::Column::JobSeekerId.in_subquery(in_scope)))
}

/// For the start page: interest candidates showed in the organisation's vacancies that is
/// still open, and its own invitations answered since `since`.
pub async fn waiting_and_answered<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<(u64, u64), AppError> {
    use sea_orm::PaginatorTrait;
    let interest = of_organisation_query(db, p)
        .await?
        .filter(invitation::Column::InitiatedBy.eq(BY_JOB_SEEKER))
        .filter(invitation::Column::Status.eq(InvitationStatus::Sent.code()))
        .count(db)
        .await?;
    let answered = of_organisation_query(db, p)
        .await?
        .filter(invitation::Column::InitiatedBy.eq(BY_EMPLOYER))
        .filter(invitation::Column::Status.is_in([
            InvitationStatus::Accepted.code(),
            InvitationStatus::Declined.code(),
        ]))
        .filter(invitation::Column::UpdatedAt.gte(since))
        .count(db)
        .await?;
    Ok((interest, answered))
}

/// Page `page` of the organisation's invitations and the interest shown in its vacancies,
/// newest first. Candidates who paused or are being erased are left out (they are not visible
/// to employers now).
pub async fn of_organisation<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
    page: u32,
) -> Result<Paged<InvitationView>, AppError> {
    let query = of_organisation_query(db, p)
        .await?
        .order_by_desc(invitation::Column::CreatedAt)
        .order_by_desc(invitation::Column::Id);
    let mut page = paging::fetch(db, query, page, PAGE_SIZE).await?;
    let visible: Vec<job_seeker::Model> = p
        .scope
        .people(db)
        .await?
        .filter(job_seeker::Column::Id.is_in(page.items.iter().map(|r| r.job_seeker_id)))
        .all(db)
        .await?;
    // The page names each candidate on it: one entry per person named (one insert).
    let named = FieldSet::EMPTY.with(Field::FirstName).with(Field::LastName);
    audit::record_many(
        db,
        Some(p),
        visible.iter().map(|j| Entry::profile("list", j, named)),
    )
    .await?;
    let rows = std::mem::take(&mut page.items);
    Ok(page.with_items(inv::views(db, rows, Some(&visible)).await?))
}
