//! The processing log after the Logboek Dataverwerkingen standard (SPEC §10): every read or
//! change of a person's data, one row per person per operation, with its processing activity
//! (`kernel::processing`), the request's W3C trace, status and time. No sampling.
//!
//! Its rows are made by `access::audit` and nowhere else: each audited entry that concerns a
//! data subject becomes a row here, in the same multi-row insert per call and the same
//! transaction as the change, so a failed log write fails the operation (a list's inserts are
//! placed by `model::viewing_limits::list`, in its charge's statement, but made by
//! `audit::Batch`). A refused operation, and one
//! whose transaction rolled back, are written when the request ends, in a transaction of their
//! own ([`settle`]), so they stay whatever the request's transaction did.

use crate::access::principal::Principal;
use crate::foundation::trace::Trace;
use chrono::{DateTime, Utc};
use entity::processing_log;
use kernel::error::AppError;
use kernel::processing::{DataSubject, Status, activity_of};
use sea_orm::{
    ActiveValue, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionSession, TransactionTrait,
};
use std::collections::HashSet;

/// One operation of one request, as its rows share it: the span and the moment.
pub(crate) struct Operation<'a> {
    pub trace: &'a Trace,
    pub span_id: String,
    pub actor: Option<&'a Principal>,
    pub at: DateTime<Utc>,
}

impl Operation<'_> {
    /// The row of `subject`, for an audited `action` on an `object_type`.
    pub(crate) fn row(
        &self,
        action: &str,
        object_type: &str,
        subject: DataSubject,
        status: Status,
    ) -> processing_log::ActiveModel {
        let actor = self.actor;
        processing_log::ActiveModel {
            trace_id: Set(self.trace.trace_id.clone()),
            span_id: Set(self.span_id.clone()),
            parent_span_id: Set(Some(self.trace.span_id.clone())),
            name: Set(action.to_string()),
            status_code: Set(status as i16),
            start_time: Set(self.trace.started.min(self.at)),
            end_time: Set(self.at),
            activity_id: Set(activity_of(action, object_type).id.to_string()),
            subject_type: Set(subject.kind().to_string()),
            subject_id: Set(subject.id()),
            actor_user_id: Set(actor.map(|p| p.user_id)),
            actor_role: Set(actor
                .map(|p| p.role.code())
                .unwrap_or("anonymous")
                .to_string()),
            actor_org: Set(actor.map(|p| p.organisation.clone()).unwrap_or_default()),
            ..Default::default()
        }
    }
}

fn span_of(row: &processing_log::ActiveModel) -> String {
    match &row.span_id {
        ActiveValue::Set(s) | ActiveValue::Unchanged(s) => s.clone(),
        ActiveValue::NotSet => String::new(),
    }
}

/// Writes what the request held back (see the module): its refusals, and, when the request
/// failed, the rows of its operations that did not commit, marked as failed. Called by the
/// router when the request's response is ready; costs nothing when there is nothing to write.
pub async fn settle<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    trace: &Trace,
    failed: bool,
) -> Result<(), AppError> {
    let refused = std::mem::take(&mut *trace.held.refused.lock().expect("not poisoned"));
    let written = std::mem::take(&mut *trace.held.written.lock().expect("not poisoned"));
    let mut rolled_back = Vec::new();
    if failed && !written.is_empty() {
        let spans: HashSet<String> = written.iter().map(span_of).collect();
        let stored: HashSet<String> = processing_log::Entity::find()
            .select_only()
            .column(processing_log::Column::SpanId)
            .filter(processing_log::Column::TraceId.eq(&trace.trace_id))
            .filter(processing_log::Column::SpanId.is_in(spans))
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        rolled_back = written
            .into_iter()
            .filter(|r| !stored.contains(&span_of(r)))
            .map(|mut r| {
                r.status_code = Set(Status::Error as i16);
                r
            })
            .collect();
    }
    if refused.audit.is_empty() && refused.log.is_empty() && rolled_back.is_empty() {
        return Ok(());
    }
    let txn = crate::foundation::db::begin_write(db).await?;
    if !refused.audit.is_empty() {
        entity::audit_log::Entity::insert_many(refused.audit)
            .exec_without_returning(&txn)
            .await?;
    }
    let log: Vec<_> = refused.log.into_iter().chain(rolled_back).collect();
    if !log.is_empty() {
        processing_log::Entity::insert_many(log)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// What the log holds about one person, newest first.
pub async fn of_subject<C: ConnectionTrait>(
    db: &C,
    subject: DataSubject,
) -> Result<Vec<processing_log::Model>, AppError> {
    Ok(processing_log::Entity::find()
        .filter(processing_log::Column::SubjectType.eq(subject.kind()))
        .filter(processing_log::Column::SubjectId.eq(subject.id()))
        .order_by_desc(processing_log::Column::EndTime)
        .order_by_desc(processing_log::Column::Id)
        .all(db)
        .await?)
}

/// What a person's download says of [`for_export`].
pub const EXPORT_DOCUMENTATION: &str = "Wat er met jouw gegevens gebeurde (het logboek dataverwerkingen): wanneer, welke handeling, voor welke verwerkingsactiviteit (zie het register op /privacy), door welke rol en organisatie, of het lukte, en het trace-id dat alle regels van één verzoek delen.";

/// The log about one person as their download shows it: no account ids of others, the
/// activity by its register id.
pub async fn for_export<C: ConnectionTrait>(
    db: &C,
    subject: DataSubject,
) -> Result<Vec<serde_json::Value>, AppError> {
    Ok(of_subject(db, subject)
        .await?
        .into_iter()
        .map(|e| {
            serde_json::json!({
                "at": e.end_time,
                "action": e.name,
                "processing_activity_id": e.activity_id,
                "status": if e.status_code == Status::Ok as i16 { "ok" } else { "error" },
                "by_role": e.actor_role,
                "by_organisation": e.actor_org,
                "trace_id": e.trace_id,
            })
        })
        .collect())
}
