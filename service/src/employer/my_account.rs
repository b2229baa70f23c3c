//! An employer's contact person's own data (AVG rights of the statement's second kind of data
//! subject): see it, correct it, download it as documented JSON. The organisation's vacancies
//! belong to the organisation and carry no person's name.

use crate::access::audit::{self, Entry};
use crate::access::caller::Employer;
use crate::foundation::ratelimit::{self, EXPORTS_PER_ACCOUNT};
use chrono::Utc;
use entity::{app_user, audit_log, email_change, employer, region, saved_search, subject_request};
use kernel::domain::{RequestKind, RequestStatus, Subject};
use kernel::error::AppError;
use kernel::policy::FieldSet;
use kernel::processing::DataSubject;
use kernel::validate;
use kernel::views::my_account::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

async fn user<C: ConnectionTrait>(db: &C, p: &Employer) -> Result<app_user::Model, AppError> {
    app_user::Entity::find_by_id(p.user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The audit entry of something the contact person did to their own account.
fn own(action: &'static str, p: &Employer) -> Entry {
    let mut e = Entry::new(action, "app_user", FieldSet::EMPTY);
    e.object_id = Some(p.user_id);
    e.about(DataSubject::EmployerContact(p.user_id))
}

pub async fn overview<C: ConnectionTrait>(db: &C, p: &Employer) -> Result<MyAccount, AppError> {
    let u = user(db, p).await?;
    let organisation = employer::Entity::find_by_id(p.employer_id)
        .one(db)
        .await?
        .map(|e| e.name)
        .unwrap_or_default();
    let region = region::Entity::find_by_id(p.region_id)
        .one(db)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let pending_email = email_change::Entity::find()
        .filter(email_change::Column::UserId.eq(u.id))
        .filter(email_change::Column::UsedAt.is_null())
        .filter(email_change::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(email_change::Column::CreatedAt)
        .one(db)
        .await?
        .map(|c| c.new_email);
    let saved_searches = saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(u.id))
        .count(db)
        .await?;
    let requests = subject_request::Entity::find()
        .filter(subject_request::Column::UserId.eq(u.id))
        .order_by_desc(subject_request::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| MyRequest {
            kind: RequestKind::from_code(&r.kind).unwrap_or(RequestKind::Objection),
            details: r.details,
            status: RequestStatus::from_code(&r.status).unwrap_or(RequestStatus::Open),
            decision_reason: r.decision_reason,
            created_at: r.created_at,
            due_at: r.due_at,
        })
        .collect();
    Ok(MyAccount {
        first_name: u.first_name.unwrap_or_default(),
        last_name: u.last_name.unwrap_or_default(),
        email: u.email,
        phone: u.phone.unwrap_or_default(),
        organisation,
        region,
        created_at: u.created_at,
        last_login_at: u.last_login_at,
        pending_email,
        saved_searches,
        requests,
    })
}

/// Files a request with the staff of the organisation's region (one month to answer): the
/// erasure of the account, or an objection. One open request of a kind at a time.
pub async fn file_request<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Employer,
    kind: RequestKind,
    details: &str,
) -> Result<i32, AppError> {
    if !REQUEST_KINDS.contains(&kind) {
        return Err(AppError::invalid(
            "kind",
            "Inzien, verbeteren en downloaden doe je zelf op deze pagina.",
        ));
    }
    let details =
        validate::free_text(details, "Toelichting").map_err(|m| AppError::invalid("details", m))?;
    if kind == RequestKind::Objection && details.is_empty() {
        return Err(AppError::invalid(
            "details",
            "Schrijf kort waartegen je bezwaar maakt.",
        ));
    }
    let txn = crate::foundation::db::begin_write(db).await?;
    // One request at a time per account: two sent at once wait here for each other.
    crate::foundation::db::lock::<app_user::Entity, _>(&txn, p.user_id).await?;
    let open_same = subject_request::Entity::find()
        .filter(subject_request::Column::UserId.eq(p.user_id))
        .filter(subject_request::Column::Kind.eq(kind.code()))
        .filter(subject_request::Column::Status.eq(RequestStatus::Open.code()))
        .one(&txn)
        .await?;
    if open_same.is_some() {
        return Err(AppError::invalid(
            "kind",
            "Je hebt dit verzoek al ingediend; de gemeenten van je regio behandelen het.",
        ));
    }
    let account = overview(&txn, p).await?;
    let now = Utc::now();
    let row = subject_request::ActiveModel {
        region_id: Set(p.region_id),
        subject: Set(Subject::EmployerContact.code().into()),
        user_id: Set(Some(p.user_id)),
        first_name: Set(account.first_name),
        last_name: Set(account.last_name),
        email: Set(account.email),
        organisation: Set(account.organisation),
        kind: Set(kind.code().into()),
        details: Set(details),
        status: Set(RequestStatus::Open.code().into()),
        decision_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        due_at: Set(kernel::views::privacy::deadline(now)),
        confirmed_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut entry = own("subject_request", p);
    entry.object_type = "subject_request";
    entry.object_id = Some(row.id);
    audit::record(&txn, Some(p), entry).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Corrects name and phone at once; a new address gets a confirmation link first (as for job
/// seekers: `identity::email_change`). All or nothing: an invalid field changes nothing.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Employer,
    changes: AccountChanges,
    public_url: &str,
) -> Result<AccountUpdated, AppError> {
    let first_name = validate::name(&changes.first_name, "Voornaam")
        .map_err(|m| AppError::invalid("first_name", m))?;
    let last_name = validate::name(&changes.last_name, "Achternaam")
        .map_err(|m| AppError::invalid("last_name", m))?;
    let phone = validate::phone(&changes.phone).map_err(|m| AppError::invalid("phone", m))?;
    let email = validate::email(&changes.email).map_err(|m| AppError::invalid("email", m))?;
    let txn = crate::foundation::db::begin_write(db).await?;
    let u = user(&txn, p).await?;
    let email_link_sent = email != u.email;
    if email_link_sent {
        crate::identity::email_change::request(&txn, &u, &first_name, &email, public_url).await?;
    }
    let unchanged = u.first_name.as_deref() == Some(first_name.as_str())
        && u.last_name.as_deref() == Some(last_name.as_str())
        && u.phone.as_deref() == Some(phone.as_str());
    if !unchanged {
        let mut row: app_user::ActiveModel = u.into();
        row.first_name = Set(Some(first_name));
        row.last_name = Set(Some(last_name));
        row.phone = Set(Some(phone));
        row.update(&txn).await?;
        audit::record(&txn, Some(p), own("update_account", p)).await?;
    }
    txn.commit().await?;
    Ok(AccountUpdated { email_link_sent })
}

/// Everything stored about the contact person, as documented JSON: the account, their saved
/// searches and what they did in HalloWerk (from the audit log: what and when, never whose
/// profile, which is another person's data).
pub async fn export<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
) -> Result<serde_json::Value, AppError> {
    use serde_json::json;
    ratelimit::take_for_account(db, EXPORTS_PER_ACCOUNT, p.user_id).await?;
    let account = overview(db, p).await?;
    let searches: Vec<_> = saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(p.user_id))
        .order_by_asc(saved_search::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            json!({
                "name": s.name,
                "filter": serde_json::from_str::<serde_json::Value>(&s.filter).unwrap_or(json!(s.filter)),
                "daily_digest": s.daily_digest,
                "created_at": s.created_at,
            })
        })
        .collect();
    let activity: Vec<_> = audit_log::Entity::find()
        .filter(audit_log::Column::ActorUserId.eq(p.user_id))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| json!({ "at": e.at, "action": e.action, "object_type": e.object_type, "result": e.result }))
        .collect();
    let processing =
        crate::access::processing_log::for_export(db, DataSubject::EmployerContact(p.user_id))
            .await?;
    let doc = json!({
        "format": "hallowerk-werkgever-export/1",
        "exported_at": Utc::now(),
        "documentation": {
            "about": "Alle gegevens die HalloWerk over jou als contactpersoon van een werkgever bewaart, in een machineleesbaar formaat (JSON).",
            "account": "Je naam, zakelijk e-mailadres en telefoonnummer, je organisatie en regio, wanneer je account gemaakt is en wanneer je het laatst inlogde.",
            "saved_searches": "Je bewaarde zoekopdrachten met hun filter.",
            "requests": "Je verzoeken om verwijdering of bezwaar, met het besluit.",
            "activity": "Wat je in HalloWerk deed (uit het logboek): wanneer, welke handeling en op wat voor gegeven. Welke werkzoekende het betrof staat er niet in: dat zijn gegevens van een ander.",
            "processing_log": crate::access::processing_log::EXPORT_DOCUMENTATION,
        },
        "account": {
            "first_name": account.first_name,
            "last_name": account.last_name,
            "email": account.email,
            "phone": account.phone,
            "organisation": account.organisation,
            "region": account.region,
            "created_at": account.created_at,
            "last_login_at": account.last_login_at,
            "pending_email": account.pending_email,
        },
        "saved_searches": searches,
        "requests": account.requests.iter().map(|r| json!({
            "kind": r.kind.code(),
            "details": r.details,
            "status": r.status.code(),
            "decision_reason": r.decision_reason,
            "created_at": r.created_at,
            "due_at": r.due_at,
        })).collect::<Vec<_>>(),
        "activity": activity,
        "processing_log": processing,
    });
    audit::record(db, Some(p), own("export_account", p)).await?;
    Ok(doc)
}
