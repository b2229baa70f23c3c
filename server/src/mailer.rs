//! Delivers the outbox over SMTP (lettre), with retries and back-off. Without SMTP
//! configuration mail stays in the outbox and is logged, so nothing is lost.

use chrono::{DateTime, Duration, Utc};
use entity::outbox;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a local relay or test sink).
    None,
    /// STARTTLS on the submission port (default).
    StartTls,
    /// TLS from the first byte (port 465).
    Wrapper,
}

#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
}

impl SmtpConfig {
    /// `SMTP_HOST` (required to send), `SMTP_PORT` (587), `SMTP_TLS` (starttls | tls | none),
    /// `SMTP_USERNAME`, `SMTP_PASSWORD`, `MAIL_FROM` ("HalloWerk <noreply@hallowerk.nl>").
    pub fn from_env() -> Result<Option<Self>, String> {
        let Ok(host) = std::env::var("SMTP_HOST") else {
            return Ok(None);
        };
        let tls = match std::env::var("SMTP_TLS").as_deref().unwrap_or("starttls") {
            "none" => SmtpTls::None,
            "starttls" => SmtpTls::StartTls,
            "tls" => SmtpTls::Wrapper,
            other => {
                return Err(format!(
                    "SMTP_TLS: unknown value {other:?} (none, starttls, tls)"
                ));
            }
        };
        let default_port = match tls {
            SmtpTls::Wrapper => 465,
            _ => 587,
        };
        let port = match std::env::var("SMTP_PORT") {
            Ok(p) => p
                .parse()
                .map_err(|_| format!("SMTP_PORT: not a port: {p:?}"))?,
            Err(_) => default_port,
        };
        Ok(Some(SmtpConfig {
            host,
            port,
            tls,
            username: std::env::var("SMTP_USERNAME").ok(),
            password: std::env::var("SMTP_PASSWORD").ok(),
            from: std::env::var("MAIL_FROM")
                .unwrap_or_else(|_| "HalloWerk <noreply@hallowerk.nl>".into()),
        }))
    }
}

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(c: &SmtpConfig) -> Result<Self, String> {
        let mut builder = match c.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host),
            SmtpTls::StartTls | SmtpTls::Wrapper => {
                let params = TlsParameters::new(c.host.clone()).map_err(|e| e.to_string())?;
                let tls = if c.tls == SmtpTls::Wrapper {
                    Tls::Wrapper(params)
                } else {
                    Tls::Required(params)
                };
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host).tls(tls)
            }
        }
        .port(c.port)
        .timeout(Some(std::time::Duration::from_secs(20)));
        if let (Some(u), Some(p)) = (&c.username, &c.password) {
            builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
        }
        Ok(Mailer {
            transport: builder.build(),
            from: c.from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?,
        })
    }

    async fn send(&self, m: &outbox::Model) -> Result<(), String> {
        let to: Mailbox = m.to_address.parse().map_err(|e| format!("address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&m.subject)
            .multipart(MultiPart::alternative_plain_html(
                m.body_text.clone(),
                m.body_html.clone(),
            ))
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Attempts before a mail is marked failed, and the wait after each failed attempt.
pub const MAX_ATTEMPTS: i32 = 6;
pub fn backoff(attempts: i32) -> Duration {
    match attempts {
        1 => Duration::minutes(1),
        2 => Duration::minutes(5),
        3 => Duration::minutes(30),
        4 => Duration::hours(2),
        _ => Duration::hours(12),
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub waiting: usize,
}

/// Sends the mail that is due. Without a mailer the due mail is only counted and logged.
pub async fn deliver_due<C: ConnectionTrait>(
    db: &C,
    mailer: Option<&Mailer>,
    now: DateTime<Utc>,
) -> Result<Delivery, DbErr> {
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq("pending"))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let mut report = Delivery::default();
    let Some(mailer) = mailer else {
        if !due.is_empty() {
            tracing::info!(
                count = due.len(),
                "SMTP not configured: mail kept in the outbox"
            );
        }
        report.waiting = due.len();
        return Ok(report);
    };
    for m in due {
        let result = mailer.send(&m).await;
        let attempts = m.attempts + 1;
        let mut row: outbox::ActiveModel = m.into();
        row.attempts = Set(attempts);
        match result {
            Ok(()) => {
                row.status = Set("sent".into());
                row.sent_at = Set(Some(now));
                row.last_error = Set(None);
                report.sent += 1;
            }
            Err(e) => {
                tracing::warn!(error = %e, attempts, "mail delivery failed");
                row.last_error = Set(Some(e));
                if attempts >= MAX_ATTEMPTS {
                    row.status = Set("failed".into());
                    report.failed += 1;
                } else {
                    row.next_attempt_at = Set(now + backoff(attempts));
                    report.retried += 1;
                }
            }
        }
        row.update(db).await?;
    }
    Ok(report)
}
