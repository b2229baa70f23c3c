//! "Privacyverzoeken": the queue of AVG requests of the gemeente's own job seekers, with their
//! legal deadline, overdue ones highlighted, and a decision with a written reason. Granting an
//! erasure erases at once or, where the gemeente keeps profiles for a legal retention period,
//! hides the profile and schedules its erasure. Also the gemeente's retention setting.

use chrono::Utc;
use kernel::domain::{RequestKind, RequestStatus};
use kernel::error::AppError;
use kernel::policy::Field;
use kernel::views::privacy_desk::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Staff;
use crate::foundation::mail::{self, Mail};
use crate::foundation::media_store::MediaStore;
use crate::model::privacy::view;
use entity::{app_user, job_seeker, municipality, privacy_request};
use kernel::domain::ProfileState;
use kernel::policy::FieldSet;
use kernel::validate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// One page of the gemeente's requests, open ones first (most urgent first), then decided
/// ones; only requests of job seekers in the caller's scope. A page past the end is the last.
pub async fn queue<C: ConnectionTrait>(db: &C, p: &Staff, page: u32) -> Result<Queue, AppError> {
    let municipality_id = p.municipality_id;
    let query = of_scope(db, p)
        .await?
        .order_by_desc(privacy_request::Column::Status.eq(RequestStatus::Open.code()))
        .order_by_asc(privacy_request::Column::DueAt)
        .order_by_asc(privacy_request::Column::Id);
    let page = crate::foundation::paging::fetch(db, query, page, QUEUE_PAGE_SIZE).await?;
    let people: HashMap<i32, job_seeker::Model> = p
        .scope
        .people(db)
        .await?
        .filter(job_seeker::Column::Id.is_in(page.items.iter().map(|r| r.job_seeker_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j))
        .collect();
    let now = Utc::now();
    let requests: Vec<RequestRow> = page
        .items
        .into_iter()
        .filter_map(|r| {
            let person = people.get(&r.job_seeker_id)?;
            let v = view(r.clone());
            Some(RequestRow {
                id: v.id,
                job_seeker_id: person.id,
                job_seeker: format!("{} {}", person.first_name, person.last_name),
                client_number: person.client_number.clone(),
                overdue: v.overdue(now),
                kind: v.kind,
                field: v.field,
                details: v.details,
                status: v.status,
                decision_reason: v.decision_reason,
                created_at: v.created_at,
                due_at: v.due_at,
            })
        })
        .collect();
    let retention_months = municipality::Entity::find_by_id(municipality_id)
        .one(db)
        .await?
        .map(|m| m.retention_months)
        .unwrap_or(0);
    // One entry per person named on this page (their "wie heeft mijn profiel bekeken").
    let shown: kernel::policy::FieldSet = [Field::FirstName, Field::LastName, Field::ClientNumber]
        .into_iter()
        .collect();
    audit::record_many(
        db,
        Some(p),
        people
            .values()
            .map(|person| Entry::profile("list", person, shown)),
    )
    .await?;
    Ok(Queue {
        requests,
        total: page.total,
        page: page.page,
        pages: page.pages,
        retention_months,
    })
}

/// The requests of the gemeente's own job seekers in the caller's scope: what the queue lists
/// and the start page counts.
async fn of_scope<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
) -> Result<sea_orm::Select<privacy_request::Entity>, AppError> {
    let in_scope = p.scope.people_ids(db).await?;
    Ok(privacy_request::Entity::find()
        .filter(privacy_request::Column::MunicipalityId.eq(p.municipality_id))
        .filter(privacy_request::Column::JobSeekerId.in_subquery(in_scope)))
}

/// The open requests of the queue past their legal deadline at `now`, and those due within
/// `days` after it.
pub async fn deadlines<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    now: chrono::DateTime<Utc>,
    days: i64,
) -> Result<Deadlines, AppError> {
    let open = of_scope(db, p)
        .await?
        .filter(privacy_request::Column::Status.eq(RequestStatus::Open.code()));
    Deadlines::count(db, open, privacy_request::Column::DueAt, now, days).await
}

/// Open requests past their deadline, and due soon ([`deadlines`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deadlines {
    pub overdue: u64,
    pub due_soon: u64,
}

impl Deadlines {
    /// Of the open requests `open`, whose deadline is `due`: past it at `now`, and due within
    /// `days` after it.
    pub(crate) async fn count<C, E>(
        db: &C,
        open: sea_orm::Select<E>,
        due: impl ColumnTrait,
        now: chrono::DateTime<Utc>,
        days: i64,
    ) -> Result<Deadlines, AppError>
    where
        C: ConnectionTrait,
        E: EntityTrait,
        E::Model: Sync,
    {
        use sea_orm::PaginatorTrait;
        let overdue = open.clone().filter(due.lt(now)).count(db).await?;
        let due_soon = open
            .filter(due.gte(now))
            .filter(due.lt(now + chrono::Duration::days(days)))
            .count(db)
            .await?;
        Ok(Deadlines { overdue, due_soon })
    }
}

impl std::ops::Add for Deadlines {
    type Output = Deadlines;
    fn add(self, o: Deadlines) -> Deadlines {
        Deadlines {
            overdue: self.overdue + o.overdue,
            due_soon: self.due_soon + o.due_soon,
        }
    }
}

/// How a granted erasure is carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EraseMode {
    Now,
    AfterRetention,
}

/// Decides a request. The decision and its effect (pause, erasure or its schedule, the
/// audit entries and the mail) are one transaction: all happen, or none. Media files of an
/// erased profile are deleted after the commit.
pub async fn decide<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    media: &dyn MediaStore,
    p: &Staff,
    id: i32,
    grant: bool,
    reason: &str,
    erase: EraseMode,
) -> Result<RequestStatus, AppError> {
    let municipality_id = p.municipality_id;
    let request = privacy_request::Entity::find_by_id(id)
        .filter(privacy_request::Column::MunicipalityId.eq(municipality_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if request.status != RequestStatus::Open.code() {
        return Err(already_decided());
    }
    let reason = decision_reason(reason, "de werkzoekende")?;
    let kind = RequestKind::from_code(&request.kind).unwrap_or(RequestKind::Objection);
    let status = if grant {
        RequestStatus::Granted
    } else {
        RequestStatus::Rejected
    };
    let now = Utc::now();

    let txn = crate::foundation::db::begin_write(db).await?;
    // Decided once: of two concurrent decisions only one finds the request still open.
    let marked = privacy_request::Entity::update_many()
        .col_expr(
            privacy_request::Column::Status,
            Expr::value(status.code().to_string()),
        )
        .col_expr(
            privacy_request::Column::DecisionReason,
            Expr::value(reason.clone()),
        )
        .col_expr(privacy_request::Column::DecidedBy, Expr::value(p.user_id))
        .col_expr(privacy_request::Column::DecidedAt, Expr::value(now))
        .filter(privacy_request::Column::Id.eq(request.id))
        .filter(privacy_request::Column::Status.eq(RequestStatus::Open.code()))
        .exec(&txn)
        .await?;
    if marked.rows_affected != 1 {
        return Err(already_decided());
    }
    // Read inside the transaction: what is decided on is what is changed.
    let profile = p
        .scope
        .profile(&txn, request.job_seeker_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = app_user::Entity::find_by_id(profile.user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &txn,
        Some(p),
        Entry::profile("decide_privacy_request", &profile, FieldSet::EMPTY),
    )
    .await?;

    let decided = |name: String| Mail::RequestDecided {
        answer: None,
        name,
        request: kind.label().to_string(),
        granted: grant,
        reason: reason.clone(),
    };
    let mut files = vec![];
    match (grant, kind) {
        (true, RequestKind::Erasure) => {
            let retention = municipality::Entity::find_by_id(municipality_id)
                .one(&txn)
                .await?
                .map(|m| m.retention_months)
                .unwrap_or(0);
            if erase == EraseMode::AfterRetention && retention > 0 {
                mail::enqueue(&txn, &user.email, &decided(profile.first_name.clone())).await?;
                crate::model::erasure::schedule(&txn, profile.clone(), retention as u32, now)
                    .await?;
                audit::record(
                    &txn,
                    Some(p),
                    Entry::profile("schedule_erasure", &profile, FieldSet::EMPTY),
                )
                .await?;
            } else {
                audit::record(
                    &txn,
                    Some(p),
                    Entry::profile("erase", &profile, FieldSet::EMPTY),
                )
                .await?;
                files = crate::model::erasure::erase_in(&txn, profile, "request", now).await?;
                // The last message to the person says only that their profile is gone: no
                // name. The outbox forgets it as soon as it is sent (see server jobs).
                mail::enqueue(&txn, &user.email, &decided(String::new())).await?;
            }
        }
        (true, RequestKind::Restriction) => {
            let mut row: job_seeker::ActiveModel = profile.clone().into();
            row.state = Set(ProfileState::Paused.code().into());
            row.updated_at = Set(now);
            row.update(&txn).await?;
            mail::enqueue(&txn, &user.email, &decided(profile.first_name.clone())).await?;
        }
        _ => {
            mail::enqueue(&txn, &user.email, &decided(profile.first_name.clone())).await?;
        }
    }
    txn.commit().await?;
    crate::model::erasure::delete_files(media, files).await;
    Ok(status)
}

pub(crate) fn already_decided() -> AppError {
    AppError::invalid("id", "Over dit verzoek is al besloten.")
}

/// The reason of a decision on a privacy request, which `reader` (the requester) gets to see:
/// free text of at least five characters.
pub(crate) fn decision_reason(reason: &str, reader: &str) -> Result<String, AppError> {
    let reason =
        validate::free_text(reason, "Toelichting").map_err(|m| AppError::invalid("reason", m))?;
    if reason.chars().count() < 5 {
        return Err(AppError::invalid(
            "reason",
            format!("Schrijf een toelichting bij het besluit (die krijgt {reader} te zien)."),
        ));
    }
    Ok(reason)
}

pub async fn set_retention<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    months: i32,
) -> Result<i32, AppError> {
    let municipality_id = p.municipality_id;
    if !(0..=MAX_RETENTION_MONTHS).contains(&months) {
        return Err(AppError::invalid(
            "months",
            format!("Kies een bewaartermijn van 0 tot {MAX_RETENTION_MONTHS} maanden."),
        ));
    }
    let m = municipality::Entity::find_by_id(municipality_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut row: municipality::ActiveModel = m.into();
    row.retention_months = Set(months);
    let txn = crate::foundation::db::begin_write(db).await?;
    row.update(&txn).await?;
    let mut entry = Entry::new("set_retention", "municipality", FieldSet::EMPTY);
    entry.object_id = Some(municipality_id);
    entry.municipality_id = Some(municipality_id);
    audit::record(&txn, Some(p), entry).await?;
    txn.commit().await?;
    Ok(months)
}
