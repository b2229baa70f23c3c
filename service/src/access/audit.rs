//! The audit log (BIO 8.15): who read or changed which profile, when, from where, with what
//! result. Entries name the policy fields involved, never their values. Append-only: this module
//! has an insert path and read paths, nothing else.
//!
//! Every entry about a person also writes that person's row in the processing log
//! (`access::processing_log`), in the same insert path: a feature that audits cannot forget
//! the log, and there is no other way to write it.

use crate::access::principal::Principal;
use crate::access::processing_log::Operation;
use crate::foundation::trace::{Trace, new_span_id};
use chrono::Utc;
use entity::{audit_log, processing_log};
use kernel::error::AppError;
use kernel::policy::FieldSet;
use kernel::processing::{DataSubject, Status};
use sea_orm::sea_query::InsertStatement;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The actions that show (some of) a person's data to the actor. A job seeker's "wie heeft mijn
/// profiel bekeken" lists these entries by others; each names one person.
pub const READS: [&str; 6] = ["read", "list", "match", "digest", "media", "export"];

/// One thing that happened.
#[derive(Clone, Debug)]
pub struct Entry {
    pub action: &'static str,
    pub object_type: &'static str,
    pub object_id: Option<i32>,
    pub job_seeker_id: Option<i32>,
    pub municipality_id: Option<i32>,
    pub fields: FieldSet,
    pub denied: bool,
    /// Only for events without a principal (a failed log-in of a known account).
    pub actor_user_id: Option<i32>,
    /// Whose personal data this is about, when not a job seeker's profile (`job_seeker_id`
    /// names those): their row in the processing log.
    pub subject: Option<DataSubject>,
}

impl Entry {
    pub fn new(action: &'static str, object_type: &'static str, fields: FieldSet) -> Self {
        Entry {
            action,
            object_type,
            object_id: None,
            job_seeker_id: None,
            municipality_id: None,
            fields,
            denied: false,
            actor_user_id: None,
            subject: None,
        }
    }

    /// An entry about an object other than a profile (a vacancy, an account, a region).
    pub fn object(action: &'static str, object_type: &'static str, id: i32) -> Self {
        Entry {
            object_id: Some(id),
            ..Entry::new(action, object_type, FieldSet::EMPTY)
        }
    }

    /// The entry is about this object of a profile (e.g. an invitation), not the profile row.
    pub fn on(mut self, object_type: &'static str, id: i32) -> Self {
        self.object_type = object_type;
        self.object_id = Some(id);
        self
    }

    /// The gemeente whose staff find this entry in their audit search.
    pub fn in_municipality(mut self, municipality_id: i32) -> Self {
        self.municipality_id = Some(municipality_id);
        self
    }

    /// An entry about one job-seeker profile.
    pub fn profile(
        action: &'static str,
        profile: &entity::job_seeker::Model,
        fields: FieldSet,
    ) -> Self {
        Entry {
            object_id: Some(profile.id),
            job_seeker_id: Some(profile.id),
            municipality_id: Some(profile.municipality_id),
            ..Entry::new(action, "job_seeker", fields)
        }
    }

    pub fn denied(mut self) -> Self {
        self.denied = true;
        self
    }

    /// The entry concerns the personal data of `subject` (an employer's contact person, a
    /// sender of the contact form).
    pub fn about(mut self, subject: DataSubject) -> Self {
        self.subject = Some(subject);
        self
    }

    /// The person whose data the entry is about, if any: named by the entry, or its profile,
    /// or, for something an actor did to their own account (signing in, password, address),
    /// the actor as a data subject (a job seeker or an employer's contact person).
    fn data_subject(&self, actor: Option<&Principal>) -> Option<DataSubject> {
        self.subject
            .or(self.job_seeker_id.map(DataSubject::JobSeeker))
            .or_else(|| {
                let p = actor?;
                let own_account = matches!(self.object_type, "app_user" | "session")
                    && self.object_id.is_none_or(|id| id == p.user_id);
                own_account.then(|| subject_of(p)).flatten()
            })
    }
}

/// The data subject an account's holder is, if one of the statement's kinds.
fn subject_of(p: &Principal) -> Option<DataSubject> {
    match (&p.scope, p.role) {
        (crate::access::scope::Scope::OwnProfile { job_seeker_id, .. }, _) => {
            Some(DataSubject::JobSeeker(*job_seeker_id))
        }
        (_, kernel::domain::Role::Employer) => Some(DataSubject::EmployerContact(p.user_id)),
        _ => None,
    }
}

/// The data subject the holder of `user` is (for entries made without a signed-in actor: an
/// activation, a reset link, a refused log-in of a known account).
pub async fn account_subject<C: ConnectionTrait>(
    db: &C,
    user: &entity::app_user::Model,
) -> Option<DataSubject> {
    match kernel::domain::Role::from_code(&user.role)? {
        kernel::domain::Role::Employer => Some(DataSubject::EmployerContact(user.id)),
        kernel::domain::Role::JobSeeker => crate::access::principal::principal_of(db, user)
            .await
            .ok()
            .as_ref()
            .and_then(subject_of),
        _ => None,
    }
}

/// The client address of the current request, if known: the request's own task (server
/// functions, media, downloads) or, for page resources rendered on their own tasks, the
/// principal made for the request.
fn origin(actor: Option<&Principal>) -> Option<String> {
    match crate::foundation::client::CLIENT.try_with(Clone::clone) {
        Ok(Some(ip)) => Some(ip),
        _ => actor.and_then(|p| p.origin.clone()),
    }
}

fn row(
    actor: Option<&Principal>,
    entry: Entry,
    at: chrono::DateTime<Utc>,
    origin: &Option<String>,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(at),
        actor_user_id: Set(actor.map(|p| p.user_id).or(entry.actor_user_id)),
        actor_role: Set(actor
            .map(|p| p.role.code())
            .unwrap_or("anonymous")
            .to_string()),
        actor_org: Set(actor.map(|p| p.organisation.clone()).unwrap_or_default()),
        action: Set(entry.action.to_string()),
        object_type: Set(entry.object_type.to_string()),
        object_id: Set(entry.object_id),
        job_seeker_id: Set(entry.job_seeker_id),
        municipality_id: Set(entry.municipality_id),
        fields: Set(entry.fields.codes()),
        result: Set(if entry.denied { "denied" } else { "ok" }.to_string()),
        origin: Set(origin.clone()),
        ..Default::default()
    }
}

/// Appends one entry. Pass the transaction of the change it describes, so that the change and
/// its entry are stored together or not at all.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Principal>,
    entry: Entry,
) -> Result<(), AppError> {
    record_many(db, actor, [entry]).await
}

/// Appends many entries (one per person on a page) and one row per person in the processing
/// log (one operation: one span), in one statement on SQLite and two on PostgreSQL
/// ([`Batch::inserts`]). A refusal made while a request is handled is held and written when
/// the request ends, in a transaction of its own (`processing_log::settle`): the refused
/// operation's transaction may well roll back.
pub async fn record_many<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Principal>,
    entries: impl IntoIterator<Item = Entry>,
) -> Result<(), AppError> {
    let mut batch = Batch::of(actor, entries);
    for insert in batch.inserts(db.get_database_backend()) {
        db.execute(&insert).await?;
    }
    batch.stored();
    Ok(())
}

/// Entries made into rows but not yet written: their inserts can go into a statement of the
/// caller's (`viewing_limits::list` writes them with the charge of what they record). Only
/// what [`record_many`] does with them, in another order. Refusals are held for the end of
/// the request as soon as the batch is made: they are written whatever becomes of it.
///
/// A clone writes the same rows again (a test compares the two ways of writing them); only
/// one of the two may be [`Batch::stored`].
#[derive(Clone)]
pub struct Batch {
    trace: Trace,
    held: bool,
    /// The audit entries, each with its log row if it has one (a row per person and action),
    /// until [`Batch::inserts`] hands them out.
    rows: Rows,
    /// The log rows, for [`Batch::stored`].
    log: Vec<processing_log::ActiveModel>,
}

impl Batch {
    pub fn of(actor: Option<&Principal>, entries: impl IntoIterator<Item = Entry>) -> Batch {
        let trace = Trace::current(actor.and_then(|p| p.trace.as_ref()));
        let held = trace.is_request_task();
        let op = Operation {
            trace: &trace,
            span_id: new_span_id(),
            actor,
            at: Utc::now(),
        };
        let origin = origin(actor);
        let (mut rows, mut log) = (Vec::new(), Vec::new());
        let (mut refused_audit, mut refused_log) = (Vec::new(), Vec::new());
        // One row per person and action, however many entries name them (a decision entered
        // in every gemeente of a region is one processing of the person's data).
        let mut logged = std::collections::HashSet::new();
        for e in entries {
            let status = if e.denied { Status::Error } else { Status::Ok };
            let log_row = e
                .data_subject(actor)
                .filter(|s| logged.insert((*s, e.action, e.object_type, e.denied)))
                .map(|s| op.row(e.action, e.object_type, s, status));
            let denied = e.denied;
            let audit = row(actor, e, op.at, &origin);
            if denied && held {
                refused_audit.push(audit);
                refused_log.extend(log_row);
            } else {
                log.extend(log_row.clone());
                rows.push((audit, log_row));
            }
        }
        if !refused_audit.is_empty() {
            let mut r = trace.held.refused.lock().expect("not poisoned");
            r.audit.extend(refused_audit);
            r.log.extend(refused_log);
        }
        Batch {
            held,
            trace,
            rows,
            log,
        }
    }

    /// The inserts that write the batch (none for an empty one), handed out once. PostgreSQL:
    /// a multi-row insert of the entries and one of the log rows (either left out when empty),
    /// which can go into another statement as data-modifying WITH queries. SQLite has none of
    /// those and one plain statement writes one table, so there it is one multi-row insert
    /// into the view `audit_entry`, whose trigger writes both tables (migration
    /// m20261207_000003).
    pub fn inserts(&mut self, backend: sea_orm::DbBackend) -> Vec<InsertStatement> {
        let rows = std::mem::take(&mut self.rows);
        if rows.is_empty() {
            return Vec::new();
        }
        match backend {
            // Each row binds 25 values: 1,000 rows stay well inside SQLite's 32,766.
            sea_orm::DbBackend::Sqlite => rows.chunks(1000).map(through_view).collect(),
            _ => plain_inserts(rows),
        }
    }

    /// Call once the inserts ran: the request now knows its log rows, so that it can mark
    /// them failed should its transaction roll back (`processing_log::settle`).
    pub fn stored(self) {
        if self.held && !self.log.is_empty() {
            self.trace
                .held
                .written
                .lock()
                .expect("not poisoned")
                .extend(self.log);
        }
    }
}

type Row = (audit_log::ActiveModel, Option<processing_log::ActiveModel>);
type Rows = Vec<Row>;

/// The entries in one multi-row insert and their log rows in another.
fn plain_inserts(rows: Rows) -> Vec<InsertStatement> {
    use sea_orm::QueryTrait;
    let (audit, log): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    let log: Vec<_> = log.into_iter().flatten().collect();
    let mut inserts = vec![audit_log::Entity::insert_many(audit).into_query()];
    if !log.is_empty() {
        inserts.push(processing_log::Entity::insert_many(log).into_query());
    }
    inserts
}

/// The entries and their log rows in one multi-row insert into the view `audit_entry`: the
/// entry's columns, then the log row's prefixed `log_` (NULL without one), every column but
/// the ids, named as the tables name them.
fn through_view(rows: &[Row]) -> InsertStatement {
    use sea_orm::sea_query::{Alias, Query};
    use sea_orm::{ActiveModelTrait, IdenStatic, Iterable};
    let audit_columns: Vec<audit_log::Column> = audit_log::Column::iter()
        .filter(|c| !matches!(c, audit_log::Column::Id))
        .collect();
    let log_columns: Vec<processing_log::Column> = processing_log::Column::iter()
        .filter(|c| !matches!(c, processing_log::Column::Id))
        .collect();
    let mut insert = Query::insert();
    insert.into_table(Alias::new("audit_entry")).columns(
        audit_columns.iter().map(|c| Alias::new(c.as_str())).chain(
            log_columns
                .iter()
                .map(|c| Alias::new(format!("log_{}", c.as_str()))),
        ),
    );
    let null = || sea_orm::Value::String(None);
    for (audit, log) in rows {
        let values = audit_columns
            .iter()
            .map(|c| audit.get(*c).into_value().unwrap_or_else(null))
            .chain(log_columns.iter().map(|c| match log {
                Some(l) => l.get(*c).into_value().unwrap_or_else(null),
                None => null(),
            }))
            .map(Into::into);
        // One value per column, by construction.
        insert.values_panic(values);
    }
    insert
}

/// A decision that concerns every gemeente of a region (employer access, the region's viewing
/// ceilings and blocks): `entry` once in each gemeente's log, so every controller finds it.
pub async fn record_in_region<C: ConnectionTrait>(
    db: &C,
    actor: &Principal,
    region_id: i32,
    entry: Entry,
) -> Result<(), AppError> {
    let gemeenten = entity::municipality::Entity::find()
        .filter(entity::municipality::Column::RegionId.eq(region_id))
        .all(db)
        .await?;
    record_many(
        db,
        Some(actor),
        gemeenten
            .iter()
            .map(|m| entry.clone().in_municipality(m.id)),
    )
    .await
}
