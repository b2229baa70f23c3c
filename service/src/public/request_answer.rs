//! The answer to a granted request for access or a copy by someone who is not a job seeker
//! (an employer's contact person, or anyone through the contact form; SPEC §10–11): the data is
//! not mailed but put together when the link in the decision mail is opened, so it reaches
//! only the confirmed address that got the link, and nothing of it is stored. The link works
//! for `kernel::retention::ANSWER_LINK`. Job seekers download their data themselves after
//! signing in (`model::privacy`).

use chrono::{DateTime, Utc};
use kernel::domain::RequestStatus;
use kernel::error::AppError;
use kernel::processing::DataSubject;
use serde_json::{Value, json};

use crate::access::audit::{self, Entry};
use crate::access::processing_log;
use crate::foundation::link_token;
use entity::{app_user, contact_message, region, subject_request};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Everything HalloWerk holds about the person of the request behind `token`, as documented
/// JSON: their requests, their contact messages still kept, their account if they have one,
/// and what the processing log says about them. Guessing tokens is limited as for activation
/// links; an unknown, expired or undecided token is "not found". The download is audited.
pub async fn answer<C: ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Value, AppError> {
    link_token::count_lookup(db).await?;
    let request = subject_request::Entity::find()
        .filter(subject_request::Column::AnswerToken.eq(link_token::stored(token)))
        .filter(subject_request::Column::Status.eq(RequestStatus::Granted.code()))
        .one(db)
        .await?
        .filter(|r| r.answer_until.is_some_and(|until| until > now))
        .ok_or(AppError::NotFound)?;
    let regions: std::collections::HashMap<i32, String> = region::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let requests: Vec<Value> = subject_request::Entity::find()
        .filter(subject_request::Column::Email.eq(&request.email))
        .filter(subject_request::Column::Status.ne(RequestStatus::Unconfirmed.code()))
        .order_by_asc(subject_request::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "kind": r.kind,
                "details": r.details,
                "region": regions.get(&r.region_id),
                "status": r.status,
                "decision_reason": r.decision_reason,
                "created_at": r.created_at,
                "confirmed_at": r.confirmed_at,
                "decided_at": r.decided_at,
            })
        })
        .collect();
    let messages = contact_message::Entity::find()
        .filter(contact_message::Column::Email.eq(&request.email))
        .order_by_asc(contact_message::Column::ReceivedAt)
        .all(db)
        .await?;
    let mut subjects = vec![DataSubject::of_request(request.user_id, request.id)];
    if request.user_id.is_some() {
        subjects.push(DataSubject::ContactRequest(request.id));
    }
    subjects.extend(messages.iter().map(|m| DataSubject::ContactMessage(m.id)));
    let mut log = Vec::new();
    for s in subjects {
        log.extend(processing_log::for_export(db, s).await?);
    }
    let account = match request.user_id {
        Some(id) => app_user::Entity::find_by_id(id).one(db).await?.map(|u| {
            json!({
                "first_name": u.first_name,
                "last_name": u.last_name,
                "email": u.email,
                "phone": u.phone,
                "created_at": u.created_at,
                "last_login_at": u.last_login_at,
            })
        }),
        None => None,
    };
    let doc = json!({
        "format": "hallowerk-verzoek-antwoord/1",
        "exported_at": now,
        "documentation": {
            "about": "Alle gegevens die HalloWerk bewaart bij het e-mailadres waarmee je je verzoek bevestigde, in een machineleesbaar formaat (JSON).",
            "requests": "Je privacyverzoeken met dit adres: soort, toelichting, regio, status, besluit en data.",
            "contact_messages": "Je berichten via het contactformulier die nog bewaard worden (een maand na ontvangst).",
            "account": "Je account als contactpersoon van een werkgever, als je dat hebt; alles over je account download je ook zelf via Mijn account.",
            "processing_log": processing_log::EXPORT_DOCUMENTATION,
        },
        "requests": requests,
        "contact_messages": messages.iter().map(|m| json!({
            "received_at": m.received_at,
            "region": regions.get(&m.region_id),
            "qualification": m.qualification,
            "first_name": m.first_name,
            "last_name": m.last_name,
            "email": m.email,
            "phone": m.phone,
            "message": m.message,
            "status": m.status,
            "reply_note": m.reply_note,
        })).collect::<Vec<_>>(),
        "account": account,
        "processing_log": log,
    });
    audit::record(
        db,
        None,
        Entry::object("export", "subject_request", request.id)
            .about(DataSubject::of_request(request.user_id, request.id)),
    )
    .await?;
    Ok(doc)
}
