//! Background jobs that run by themselves inside every server instance: the contact-form
//! retention purge, erasure at the end of a legal retention period, clean-up of expired sessions,
//! activation links, changes of address, decided and lapsed employer registrations and old sent
//! mail, and mail delivery (after which the decision mail to an erased person is forgotten). The
//! periods are `kernel::retention`'s, which `/privacy` publishes. Each job is claimed in the `job_lock` table before it runs, so
//! with several instances each run happens once.

use crate::clock::Clock;
use crate::mailer::{self, Mailer};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::{
    activation_token, app_user, contact_archive, contact_message, email_change,
    employer_registration, job_lock, outbox, session, subject_request, viewing_count,
    viewing_opened,
};
use kernel::retention;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, Set, TransactionSession, TransactionTrait,
};
use service::foundation::media_store::MediaStore;
use std::sync::Arc;

/// A job and how often it runs.
#[derive(Clone, Copy, Debug)]
pub struct Job {
    pub name: &'static str,
    pub every: Duration,
}

pub const PURGE_CONTACT: Job = Job {
    name: "purge_contact_messages",
    every: Duration::hours(1),
};
pub const PURGE_ACCESS: Job = Job {
    name: "purge_expired_access",
    every: Duration::hours(1),
};
pub const ERASE_DUE: Job = Job {
    name: "erase_after_retention",
    every: Duration::hours(1),
};
/// Checked hourly; each saved search gets at most one digest per day.
pub const DIGESTS: Job = Job {
    name: "saved_search_digests",
    every: Duration::hours(1),
};
/// An agreement that ran out changes a gemeente's privacy statement without any write.
pub const REFRESH_PRIVACY: Job = Job {
    name: "refresh_privacy_statements",
    every: Duration::hours(1),
};
pub const DELIVER_MAIL: Job = Job {
    name: "deliver_outbox",
    every: Duration::seconds(0),
};

/// How long a claim holds if its instance dies mid-run.
const LEASE: Duration = Duration::minutes(10);

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub ran: Vec<&'static str>,
    pub contact_purged: usize,
    pub sessions_purged: u64,
    pub links_purged: u64,
    pub mail_purged: u64,
    /// Change-feed entries of the candidate index older than a day.
    pub changes_purged: u64,
    /// Confirmed or expired changes of address.
    pub address_changes_purged: u64,
    /// Decided or lapsed employer registrations past their retention.
    pub registrations_purged: u64,
    /// Decided requests of employers' contact persons past their retention.
    pub requests_purged: u64,
    /// Viewing counts of days before yesterday (which profiles an account opened).
    pub viewing_purged: u64,
    /// Processing-log rows past their retention.
    pub log_purged: u64,
    pub erased: usize,
    pub digests: usize,
    /// Gemeenten whose privacy statement got a new version.
    pub statements: usize,
    pub mail: mailer::Delivery,
}

#[derive(Clone)]
pub struct Runner {
    pub db: DatabaseConnection,
    pub media: Arc<dyn MediaStore>,
    pub clock: Arc<dyn Clock>,
    pub mailer: Option<Mailer>,
    /// Who holds a claim (for diagnosis): host and process.
    pub instance: String,
    /// Base URL for links in mail (saved-search digests).
    pub public_url: String,
}

impl Runner {
    pub fn new(
        db: DatabaseConnection,
        media: Arc<dyn MediaStore>,
        clock: Arc<dyn Clock>,
        mailer: Option<Mailer>,
    ) -> Self {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".into());
        Runner {
            db,
            media,
            clock,
            mailer,
            public_url: "http://127.0.0.1:3000".into(),
            instance: format!("{host}:{}:{}", std::process::id(), rand::random::<u32>()),
        }
    }

    pub fn with_public_url(mut self, url: &str) -> Self {
        self.public_url = url.to_string();
        self
    }

    /// Claims `job` if it is due and nobody holds it. Atomic on SQLite and PostgreSQL: of
    /// several concurrent claims exactly one updates the row.
    pub async fn claim(&self, job: Job, now: DateTime<Utc>) -> Result<bool, DbErr> {
        job_lock::Entity::insert(job_lock::ActiveModel {
            name: Set(job.name.into()),
            locked_by: Set(None),
            locked_until: Set(None),
            last_run_at: Set(None),
        })
        .on_conflict(
            OnConflict::column(job_lock::Column::Name)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&self.db)
        .await?;
        let claimed = job_lock::Entity::update_many()
            .col_expr(
                job_lock::Column::LockedBy,
                Expr::value(self.instance.clone()),
            )
            .col_expr(job_lock::Column::LockedUntil, Expr::value(now + LEASE))
            .filter(job_lock::Column::Name.eq(job.name))
            .filter(
                Condition::any()
                    .add(job_lock::Column::LockedUntil.is_null())
                    .add(job_lock::Column::LockedUntil.lt(now)),
            )
            .filter(
                Condition::any()
                    .add(job_lock::Column::LastRunAt.is_null())
                    .add(job_lock::Column::LastRunAt.lte(now - job.every)),
            )
            .exec(&self.db)
            .await?;
        Ok(claimed.rows_affected == 1)
    }

    async fn release(&self, job: Job, now: DateTime<Utc>) -> Result<(), DbErr> {
        job_lock::Entity::update_many()
            .col_expr(
                job_lock::Column::LockedBy,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                job_lock::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(job_lock::Column::LastRunAt, Expr::value(now))
            .filter(job_lock::Column::Name.eq(job.name))
            .filter(job_lock::Column::LockedBy.eq(self.instance.clone()))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Runs every job that is due and unclaimed, once.
    pub async fn run_due(&self) -> Result<Report, DbErr> {
        let now = self.clock.now();
        let mut report = Report::default();
        if self.claim(PURGE_CONTACT, now).await? {
            report.contact_purged = purge_contact_messages(&self.db, now).await?;
            self.release(PURGE_CONTACT, now).await?;
            report.ran.push(PURGE_CONTACT.name);
        }
        if self.claim(PURGE_ACCESS, now).await? {
            report.sessions_purged = purge_expired_sessions(&self.db, now).await?;
            service::foundation::ratelimit::purge(&self.db, now)
                .await
                .map_err(|e| DbErr::Custom(format!("purging rate limits: {e}")))?;
            report.links_purged = purge_activation_links(&self.db, now).await?;
            report.mail_purged = purge_sent_mail(&self.db, now).await?;
            report.address_changes_purged = purge_address_changes(&self.db, now).await?;
            report.registrations_purged = purge_registrations(&self.db, now).await?;
            report.requests_purged = purge_subject_requests(&self.db, now).await?;
            report.viewing_purged = purge_viewing_counts(&self.db, now).await?;
            report.log_purged = purge_processing_log(&self.db, now).await?;
            report.changes_purged =
                service::foundation::candidate_index::prune_changes(&self.db).await?;
            self.release(PURGE_ACCESS, now).await?;
            report.ran.push(PURGE_ACCESS.name);
        }
        if self.claim(ERASE_DUE, now).await? {
            report.erased = service::model::erasure::erase_due(&self.db, self.media.as_ref(), now)
                .await
                .map_err(|e| DbErr::Custom(e.to_string()))?;
            self.release(ERASE_DUE, now).await?;
            report.ran.push(ERASE_DUE.name);
        }
        if self.claim(DIGESTS, now).await? {
            report.digests =
                service::employer::saved_searches::send_digests(&self.db, now, &self.public_url)
                    .await
                    .map_err(|e| DbErr::Custom(e.to_string()))?;
            self.release(DIGESTS, now).await?;
            report.ran.push(DIGESTS.name);
        }
        if self.claim(REFRESH_PRIVACY, now).await? {
            report.statements = service::model::privacy_statement::refresh_all(&self.db, now)
                .await
                .map_err(|e| DbErr::Custom(e.to_string()))?;
            self.release(REFRESH_PRIVACY, now).await?;
            report.ran.push(REFRESH_PRIVACY.name);
        }
        if self.claim(DELIVER_MAIL, now).await? {
            report.mail = mailer::deliver_due(&self.db, self.mailer.as_ref(), now).await?;
            report.mail_purged += purge_mail_to_erased(&self.db).await?;
            self.release(DELIVER_MAIL, now).await?;
            report.ran.push(DELIVER_MAIL.name);
        }
        Ok(report)
    }

    /// Runs the jobs every `tick` for as long as the server runs.
    pub fn spawn(self, tick: std::time::Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(tick);
            loop {
                interval.tick().await;
                let ran = self.run_due().await;
                if let Ok(r) = &ran {
                    for job in &r.ran {
                        tracing::debug!(job, "background job ran");
                    }
                }
                match ran {
                    Ok(r)
                        if r.contact_purged > 0
                            || r.sessions_purged > 0
                            || r.mail != Default::default() =>
                    {
                        tracing::info!(?r, "background jobs ran")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "background jobs failed"),
                }
            }
        })
    }
}

fn month_of(t: DateTime<Utc>) -> NaiveDate {
    NaiveDate::from_ymd_opt(t.year(), t.month(), 1).expect("first of the month")
}

/// Deletes the personal data of contact messages received one calendar month or longer ago,
/// keeping only qualification, region and month in the archive. Idempotent: an archived message
/// is gone, and the archive's unique message id refuses a second copy.
pub async fn purge_contact_messages<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let cutoff = retention::CONTACT_MESSAGE.period.cutoff(now);
    let txn = service::foundation::db::begin_write(db).await?;
    let old = contact_message::Entity::find()
        .filter(contact_message::Column::ReceivedAt.lte(cutoff))
        .all(&txn)
        .await?;
    for m in &old {
        contact_archive::ActiveModel {
            region_id: Set(m.region_id),
            qualification: Set(m.qualification.clone()),
            received_month: Set(month_of(m.received_at)),
            message_id: Set(m.id),
            archived_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let ids: Vec<i32> = old.iter().map(|m| m.id).collect();
    contact_message::Entity::delete_many()
        .filter(contact_message::Column::Id.is_in(ids))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(old.len())
}

pub async fn purge_expired_sessions<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::Condition;
    // Past their absolute end, or unused for longer than any role allows (a shorter idle
    // limit is enforced when the session is presented).
    let idle = retention::SESSION.period.cutoff(now);
    Ok(session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lte(now))
                .add(session::Column::LastSeenAt.lte(idle))
                .add(
                    Condition::all()
                        .add(session::Column::LastSeenAt.is_null())
                        .add(session::Column::CreatedAt.lte(idle)),
                ),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// Activation links that expired or were used are of no further use.
pub async fn purge_activation_links<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(activation_token::Entity::delete_many()
        .filter(
            Condition::any()
                .add(activation_token::Column::ExpiresAt.lte(now))
                .add(activation_token::Column::UsedAt.is_not_null()),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// A change of address that was confirmed or ran out is of no further use: it names the new
/// address, and the change itself is in the audit log.
pub async fn purge_address_changes<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(email_change::Entity::delete_many()
        .filter(
            Condition::any()
                .add(email_change::Column::ExpiresAt.lte(now))
                .add(email_change::Column::UsedAt.is_not_null()),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// An employer registration (name, address and phone of its contact) is kept a while after the
/// decision, for questions about it, then deleted: an approved contact's data lives on in their
/// account, and the audit log keeps that it was decided, by whom and when. One that nobody
/// decided on (or that waits for a second approval) lapses after a longer period; its sender can
/// register again.
pub async fn purge_registrations<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use service::staff::employers::{APPROVED, AWAITING_SECOND, PENDING, REJECTED};
    Ok(employer_registration::Entity::delete_many()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(employer_registration::Column::Status.is_in([APPROVED, REJECTED]))
                        .add(
                            employer_registration::Column::DecidedAt
                                .lte(retention::REGISTRATION_DECIDED.period.cutoff(now)),
                        ),
                )
                .add(
                    Condition::all()
                        .add(
                            employer_registration::Column::Status.is_in([PENDING, AWAITING_SECOND]),
                        )
                        .add(
                            employer_registration::Column::CreatedAt
                                .lte(retention::REGISTRATION_UNDECIDED.period.cutoff(now)),
                        ),
                ),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// A decided request of an employer's contact person or contact-form sender is kept a year for
/// accountability, then deleted; an open one waits for its decision (it has a one-month
/// deadline); an unconfirmed one goes when its confirmation link stops working.
pub async fn purge_subject_requests<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use kernel::domain::RequestStatus;
    Ok(subject_request::Entity::delete_many()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(subject_request::Column::DecidedAt.is_not_null())
                        .add(
                            subject_request::Column::DecidedAt
                                .lte(retention::SUBJECT_REQUEST_DECIDED.period.cutoff(now)),
                        ),
                )
                // Never confirmed: gone when its link stops working.
                .add(
                    Condition::all()
                        .add(subject_request::Column::Status.eq(RequestStatus::Unconfirmed.code()))
                        .add(subject_request::Column::DueAt.lte(now)),
                ),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// The daily viewing ceilings read today's counts only; older ones name which job seekers an
/// employer account opened (the audit log keeps the openings themselves).
pub async fn purge_viewing_counts<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let before = retention::VIEWING_COUNTS.period.cutoff(now).date_naive();
    let opened = viewing_opened::Entity::delete_many()
        .filter(viewing_opened::Column::Day.lt(before))
        .exec(db)
        .await?
        .rows_affected;
    let counted = viewing_count::Entity::delete_many()
        .filter(viewing_count::Column::Day.lt(before))
        .exec(db)
        .await?
        .rows_affected;
    Ok(opened + counted)
}

/// The processing log keeps a row for its stated period (`retention::PROCESSING_LOG`).
pub async fn purge_processing_log<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(entity::processing_log::Entity::delete_many()
        .filter(
            entity::processing_log::Column::EndTime
                .lt(retention::PROCESSING_LOG.period.cutoff(now)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// Sent mail is kept a while (for questions about delivery), then deleted: it can hold names.
pub async fn purge_sent_mail<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(outbox::Entity::delete_many()
        .filter(outbox::Column::Status.ne("pending"))
        .filter(outbox::Column::CreatedAt.lte(retention::SENT_MAIL.period.cutoff(now)))
        .exec(db)
        .await?
        .rows_affected)
}

/// The decision mail to a person whose profile was erased is deleted as soon as it has been
/// sent (or has failed for good): its address is the last trace of the person, and no account
/// has it any more. So is every decision that carried a link to an answer: the outbox must not
/// hold a working link to someone's data. Pending mail waits for delivery.
pub async fn purge_mail_to_erased<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    use service::foundation::mail::{REQUEST_ANSWERED, REQUEST_DECIDED};
    let to_erased = Condition::all()
        .add(outbox::Column::Kind.eq(REQUEST_DECIDED))
        .add(
            outbox::Column::ToAddress.not_in_subquery(
                Query::select()
                    .column(app_user::Column::Email)
                    .from(app_user::Entity)
                    .to_owned(),
            ),
        );
    Ok(outbox::Entity::delete_many()
        .filter(outbox::Column::Status.ne("pending"))
        .filter(
            Condition::any()
                .add(to_erased)
                .add(outbox::Column::Kind.eq(REQUEST_ANSWERED)),
        )
        .exec(db)
        .await?
        .rows_affected)
}
