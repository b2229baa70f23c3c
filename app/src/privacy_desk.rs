//! "Privacyverzoeken": the queue of AVG requests of the gemeente's own job seekers, with their
//! legal deadline, overdue ones highlighted, and a decision with a written reason. Granting an
//! erasure erases at once or, where the gemeente keeps profiles for a legal retention period,
//! hides the profile and schedules its erasure. Also the gemeente's retention setting.

use crate::domain::{RequestKind, RequestStatus};
use crate::error::AppError;
use crate::policy::Field;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: i32,
    pub job_seeker_id: i32,
    pub job_seeker: String,
    pub client_number: String,
    pub kind: RequestKind,
    pub field: Option<Field>,
    pub details: String,
    pub status: RequestStatus,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub requests: Vec<RequestRow>,
    /// Months a closed profile is kept before erasure (0: erase at once).
    pub retention_months: i32,
}

pub const MAX_RETENTION_MONTHS: i32 = 120;

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::domain::ProfileState;
    use crate::mail::{self, Mail};
    use crate::media::MediaStore;
    use crate::policy::FieldSet;
    use crate::privacy::ssr::view;
    use crate::scope::Scope;
    use crate::validate;
    use entity::{app_user, job_seeker, municipality, privacy_request};
    use sea_orm::sea_query::Expr;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
        TransactionSession, TransactionTrait,
    };
    use std::collections::HashMap;

    pub fn own_municipality(p: &Principal) -> Result<i32, AppError> {
        match p.scope {
            Scope::Municipality {
                municipality_id, ..
            } => Ok(municipality_id),
            _ => Err(AppError::Forbidden),
        }
    }

    pub async fn queue<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<Queue, AppError> {
        let municipality_id = own_municipality(p)?;
        let rows = privacy_request::Entity::find()
            .filter(privacy_request::Column::MunicipalityId.eq(municipality_id))
            .order_by_asc(privacy_request::Column::DueAt)
            .all(db)
            .await?;
        let people: HashMap<i32, job_seeker::Model> = p
            .scope
            .people(db)
            .await?
            .filter(job_seeker::Column::Id.is_in(rows.iter().map(|r| r.job_seeker_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|j| (j.id, j))
            .collect();
        let now = Utc::now();
        let mut requests: Vec<RequestRow> = rows
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
        // Open first (most urgent first), then decided.
        requests.sort_by_key(|r| (r.status != RequestStatus::Open, r.due_at));
        let retention_months = municipality::Entity::find_by_id(municipality_id)
            .one(db)
            .await?
            .map(|m| m.retention_months)
            .unwrap_or(0);
        // One entry per person named in the queue (their "wie heeft mijn profiel bekeken").
        let shown: crate::policy::FieldSet =
            [Field::FirstName, Field::LastName, Field::ClientNumber]
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
            retention_months,
        })
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
        p: &Principal,
        id: i32,
        grant: bool,
        reason: &str,
        erase: EraseMode,
    ) -> Result<RequestStatus, AppError> {
        let municipality_id = own_municipality(p)?;
        let request = privacy_request::Entity::find_by_id(id)
            .filter(privacy_request::Column::MunicipalityId.eq(municipality_id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        if request.status != RequestStatus::Open.code() {
            return Err(already_decided());
        }
        let reason = validate::free_text(reason, "Toelichting")
            .map_err(|m| AppError::invalid("reason", m))?;
        if reason.chars().count() < 5 {
            return Err(AppError::invalid(
                "reason",
                "Schrijf een toelichting bij het besluit (die krijgt de werkzoekende te zien).",
            ));
        }
        let kind = RequestKind::from_code(&request.kind).unwrap_or(RequestKind::Objection);
        let status = if grant {
            RequestStatus::Granted
        } else {
            RequestStatus::Rejected
        };
        let now = Utc::now();

        let txn = crate::state::begin_write(db).await?;
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
                    crate::erasure::schedule(&txn, profile.clone(), retention as u32, now).await?;
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
                    files = crate::erasure::erase_in(&txn, profile, "request", now).await?;
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
        crate::erasure::delete_files(media, files).await;
        Ok(status)
    }

    fn already_decided() -> AppError {
        AppError::invalid("id", "Over dit verzoek is al besloten.")
    }

    pub async fn set_retention<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        months: i32,
    ) -> Result<i32, AppError> {
        let municipality_id = own_municipality(p)?;
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
        let txn = crate::state::begin_write(db).await?;
        row.update(&txn).await?;
        let mut entry = Entry::new("set_retention", "municipality", FieldSet::EMPTY);
        entry.object_id = Some(municipality_id);
        entry.municipality_id = Some(municipality_id);
        audit::record(&txn, Some(p), entry).await?;
        txn.commit().await?;
        Ok(months)
    }
}

#[server(prefix = "/api", endpoint = "privacy-desk/queue")]
pub async fn privacy_queue() -> Result<Queue, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    ssr::queue(&crate::state::db()?, &me).await
}

/// Decides a request; `erase` is "now" or "retention" (for granted erasure requests).
#[server(prefix = "/api", endpoint = "privacy-desk/decide")]
pub async fn decide_privacy_request(
    id: i32,
    decision: String,
    reason: String,
    erase: Option<String>,
) -> Result<RequestStatus, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    let grant = match decision.as_str() {
        "grant" => true,
        "reject" => false,
        _ => return Err(AppError::invalid("decision", "Kies toekennen of afwijzen.")),
    };
    let mode = match erase.as_deref() {
        Some("retention") => ssr::EraseMode::AfterRetention,
        _ => ssr::EraseMode::Now,
    };
    let state = crate::state::state()?;
    ssr::decide(
        &state.db,
        state.media.as_ref(),
        &me,
        id,
        grant,
        &reason,
        mode,
    )
    .await
}

#[server(prefix = "/api", endpoint = "privacy-desk/retention")]
pub async fn set_retention(months: i32) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    ssr::set_retention(&crate::state::db()?, &me, months).await
}

#[component]
pub fn PrivacyDeskPage() -> impl IntoView {
    let decide = ServerAction::<DecidePrivacyRequest>::new();
    let retention = ServerAction::<SetRetention>::new();
    let queue = Resource::new(
        move || (decide.version().get(), retention.version().get()),
        |_| privacy_queue(),
    );
    let failure = move || {
        [
            decide.value().get().and_then(|r| r.err()),
            retention.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.to_string())
    };
    view! {
        <h1 class="utrecht-heading-1">"Privacyverzoeken"</h1>
        <p class="utrecht-paragraph">"Verzoeken van werkzoekenden van jouw gemeente. De wettelijke termijn is een maand na ontvangst."</p>
        {move || failure().map(|e| view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div> })}
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                    Ok(q) => {
                        let retention_months = q.retention_months;
                        view! {
                            <section class="hw-section" aria-labelledby="retention-heading">
                                <h2 class="utrecht-heading-2" id="retention-heading">"Bewaartermijn"</h2>
                                <p class="utrecht-paragraph">{if retention_months == 0 {
                                    "Gesloten profielen worden direct verwijderd.".to_string()
                                } else {
                                    format!("Gesloten profielen worden verborgen en na {retention_months} maanden verwijderd.")
                                }}</p>
                                <ActionForm action=retention attr:class="hw-form hw-form--inline">
                                    <div class="utrecht-form-field">
                                        <label class="utrecht-form-label" for="retention-months">"Bewaartermijn na sluiten (maanden)"</label>
                                        <input class="utrecht-textbox utrecht-textbox--html-input" id="retention-months" name="months" type="number" min="0" max=MAX_RETENTION_MONTHS.to_string() value=retention_months.to_string() />
                                    </div>
                                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Bewaartermijn opslaan"</button>
                                </ActionForm>
                            </section>
                            <section class="hw-section" aria-labelledby="queue-heading">
                                <h2 class="utrecht-heading-2" id="queue-heading">"Verzoeken"</h2>
                                {if q.requests.is_empty() {
                                    view! { <p class="utrecht-paragraph">"Er zijn geen verzoeken."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="hw-cards hw-cards--wide" data-testid="privacy-queue">
                                            {q.requests.into_iter().map(|r| {
                                                let open = r.status == RequestStatus::Open;
                                                let what = match r.field {
                                                    Some(f) => format!("{}: {}", r.kind.label(), f.label()),
                                                    None => r.kind.label().to_string(),
                                                };
                                                let id = r.id;
                                                let erasure = r.kind == RequestKind::Erasure;
                                                view! {
                                                    <li class="hw-card" class:hw-card--overdue=r.overdue>
                                                        <h3 class="utrecht-heading-3">{what}</h3>
                                                        <p class="utrecht-paragraph">
                                                            <a class="utrecht-link" href=format!("/werkzoekenden/{}", r.job_seeker_id)>{r.job_seeker.clone()}</a>
                                                            {format!(" ({}) · ontvangen {} · uiterlijk {} · {}", r.client_number, r.created_at.format("%d-%m-%Y"), r.due_at.format("%d-%m-%Y"), r.status.label())}
                                                        </p>
                                                        {r.overdue.then(|| view! { <p class="utrecht-paragraph hw-overdue"><strong>"Te laat: de wettelijke termijn is verstreken."</strong></p> })}
                                                        {(!r.details.is_empty()).then(|| view! { <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{r.details.clone()}</p></blockquote> })}
                                                        {r.decision_reason.clone().map(|reason| view! { <p class="utrecht-paragraph">"Besluit: " {reason}</p> })}
                                                        {open.then(|| view! {
                                                            <ActionForm action=decide attr:class="hw-form">
                                                                <input type="hidden" name="id" value=id.to_string() />
                                                                <fieldset class="utrecht-form-fieldset">
                                                                    <legend class="utrecht-form-fieldset__legend">"Besluit"</legend>
                                                                    <div class="utrecht-form-field utrecht-form-field--radio">
                                                                        <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="decision" value="grant" id=format!("grant-{id}") required />
                                                                        <label class="utrecht-form-label utrecht-form-label--radio" for=format!("grant-{id}")>"Toekennen"</label>
                                                                    </div>
                                                                    <div class="utrecht-form-field utrecht-form-field--radio">
                                                                        <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="decision" value="reject" id=format!("reject-{id}") />
                                                                        <label class="utrecht-form-label utrecht-form-label--radio" for=format!("reject-{id}")>"Afwijzen"</label>
                                                                    </div>
                                                                </fieldset>
                                                                {erasure.then(|| view! {
                                                                    <fieldset class="utrecht-form-fieldset">
                                                                        <legend class="utrecht-form-fieldset__legend">"Bij toekennen van verwijdering"</legend>
                                                                        <div class="utrecht-form-field utrecht-form-field--radio">
                                                                            <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="erase" value="now" id=format!("now-{id}") checked />
                                                                            <label class="utrecht-form-label utrecht-form-label--radio" for=format!("now-{id}")>"Direct verwijderen (profiel, foto/video, account, uitnodigingen)"</label>
                                                                        </div>
                                                                        <div class="utrecht-form-field utrecht-form-field--radio">
                                                                            <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="erase" value="retention" id=format!("retention-{id}") disabled=retention_months == 0 />
                                                                            <label class="utrecht-form-label utrecht-form-label--radio" for=format!("retention-{id}")>{format!("Verbergen en verwijderen na de bewaartermijn ({retention_months} maanden)")}</label>
                                                                        </div>
                                                                    </fieldset>
                                                                })}
                                                                <div class="utrecht-form-field utrecht-form-field--textarea">
                                                                    <label class="utrecht-form-label" for=format!("reason-{id}")>"Toelichting voor de werkzoekende"</label>
                                                                    <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=format!("reason-{id}") name="reason" rows="2" required></textarea>
                                                                </div>
                                                                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Besluit vastleggen"</button>
                                                            </ActionForm>
                                                        })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
