//! The region's queue of AVG requests from people who are not a gemeente's job seeker (an
//! employer's contact person, or someone who used the contact form), for staff of any gemeente
//! in the region: the legal one-month deadline, overdue ones first, and a decision with a
//! written reason that is mailed to the address the request came from (confirmed: `public::privacy_requests`). Granting an erasure
//! erases the account at once (`model::account_erasure`), or for someone without one their
//! contact messages, in the same transaction as the decision.

use chrono::{DateTime, Utc};
use kernel::domain::{RequestKind, RequestStatus, Subject};
use kernel::error::AppError;
use kernel::policy::FieldSet;
use kernel::views::privacy_desk::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Staff;
use crate::foundation::link_token;
use crate::foundation::mail::{self, Mail};
use crate::staff::privacy_desk::{Deadlines, already_decided, decision_reason};
use entity::subject_request;
use kernel::retention;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession,
    TransactionTrait,
};

fn row(r: subject_request::Model, now: chrono::DateTime<Utc>) -> SubjectRequestRow {
    let status = RequestStatus::from_code(&r.status).unwrap_or(RequestStatus::Open);
    SubjectRequestRow {
        id: r.id,
        subject: Subject::from_code(&r.subject).unwrap_or(Subject::EmployerContact),
        name: format!("{} {}", r.first_name, r.last_name),
        email: r.email,
        organisation: r.organisation,
        kind: RequestKind::from_code(&r.kind).unwrap_or(RequestKind::Objection),
        details: r.details,
        status,
        decision_reason: r.decision_reason,
        created_at: r.created_at,
        due_at: r.due_at,
        overdue: status == RequestStatus::Open && r.due_at < now,
    }
}

/// The region's confirmed requests: what the queue lists and the start page counts.
fn of_region(p: &Staff) -> sea_orm::Select<subject_request::Entity> {
    subject_request::Entity::find()
        .filter(subject_request::Column::RegionId.eq(p.region_id))
        .filter(subject_request::Column::Status.ne(RequestStatus::Unconfirmed.code()))
}

/// The open requests of the queue past their legal deadline at `now`, and those due within
/// `days` after it.
pub async fn deadlines<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    now: DateTime<Utc>,
    days: i64,
) -> Result<Deadlines, AppError> {
    let open = of_region(p).filter(subject_request::Column::Status.eq(RequestStatus::Open.code()));
    Deadlines::count(db, open, subject_request::Column::DueAt, now, days).await
}

/// One page of the region's requests: open ones first, the most urgent first.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    page: u32,
) -> Result<SubjectQueue, AppError> {
    let query = of_region(p)
        .order_by_desc(subject_request::Column::Status.eq(RequestStatus::Open.code()))
        .order_by_asc(subject_request::Column::DueAt)
        .order_by_asc(subject_request::Column::Id);
    let page = crate::foundation::paging::fetch(db, query, page, QUEUE_PAGE_SIZE).await?;
    // Staff read the requesters' names and addresses: one entry per requester on the page.
    audit::record_many(
        db,
        Some(p),
        page.items.iter().map(|r| {
            Entry::object("list", "subject_request", r.id)
                .in_municipality(p.municipality_id)
                .about(kernel::processing::DataSubject::of_request(r.user_id, r.id))
        }),
    )
    .await?;
    let now = Utc::now();
    Ok(SubjectQueue {
        requests: page.items.into_iter().map(|r| row(r, now)).collect(),
        total: page.total,
        page: page.page,
        pages: page.pages,
    })
}

/// Decides a request of the caller's region. Decision, erasure, audit entry and the mail to
/// the requester are one transaction; of two staff deciding at once, one wins.
pub async fn decide<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    id: i32,
    grant: bool,
    reason: &str,
    public_url: &str,
) -> Result<RequestStatus, AppError> {
    let reason = decision_reason(reason, "de aanvrager")?;
    let status = if grant {
        RequestStatus::Granted
    } else {
        RequestStatus::Rejected
    };
    let txn = crate::foundation::db::begin_write(db).await?;
    let request = subject_request::Entity::find_by_id(id)
        .filter(subject_request::Column::RegionId.eq(p.region_id))
        .filter(subject_request::Column::Status.ne(RequestStatus::Unconfirmed.code()))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = RequestKind::from_code(&request.kind).unwrap_or(RequestKind::Objection);
    let now = Utc::now();
    // Access and a copy are answered with the data itself, behind a link to the confirmed
    // address (put together when it is opened: `public::privacy_requests::answer`).
    let answer = (grant && matches!(kind, RequestKind::Access | RequestKind::Portability))
        .then(link_token::new);
    let marked = subject_request::Entity::update_many()
        .col_expr(
            subject_request::Column::Status,
            Expr::value(status.code().to_string()),
        )
        .col_expr(
            subject_request::Column::DecisionReason,
            Expr::value(reason.clone()),
        )
        .col_expr(subject_request::Column::DecidedBy, Expr::value(p.user_id))
        .col_expr(subject_request::Column::DecidedAt, Expr::value(now))
        .col_expr(
            subject_request::Column::AnswerToken,
            Expr::value(answer.as_deref().map(link_token::stored)),
        )
        .col_expr(
            subject_request::Column::AnswerUntil,
            Expr::value(
                answer
                    .as_ref()
                    .map(|_| retention::ANSWER_LINK.period.after(now)),
            ),
        )
        .filter(subject_request::Column::Id.eq(request.id))
        .filter(subject_request::Column::Status.eq(RequestStatus::Open.code()))
        .exec(&txn)
        .await?;
    if marked.rows_affected != 1 {
        return Err(already_decided());
    }
    match (grant, kind, request.user_id) {
        (true, RequestKind::Erasure, Some(user_id)) => {
            crate::model::account_erasure::erase(&txn, user_id).await?;
        }
        // Someone without an account: what the region holds of them are their contact messages.
        // (archived as the monthly purge would, in every region).
        (true, RequestKind::Erasure, None) => {
            crate::model::erasure::forget_contact_messages(&txn, &request.email, Utc::now())
                .await?;
        }
        _ => {}
    }
    let mut entry = Entry::new("decide_subject_request", "subject_request", FieldSet::EMPTY).about(
        kernel::processing::DataSubject::of_request(request.user_id, request.id),
    );
    entry.object_id = Some(request.id);
    entry.municipality_id = Some(p.municipality_id);
    audit::record(&txn, Some(p), entry).await?;
    // To the address the request came from, even after an erasure (the delivery job forgets
    // the mail once it is sent: `server::jobs::purge_mail_to_erased`).
    mail::enqueue(
        &txn,
        &request.email,
        &Mail::RequestDecided {
            name: request.first_name.clone(),
            request: kernel::views::my_account::request_label(kind).to_string(),
            granted: grant,
            reason,
            answer: answer.map(|token| {
                (
                    format!(
                        "{public_url}{}/{token}",
                        kernel::views::privacy_desk::ANSWER_PATH
                    ),
                    retention::ANSWER_LINK_DAYS.into(),
                )
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(status)
}
