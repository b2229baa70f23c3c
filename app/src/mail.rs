//! Outgoing e-mail: Dutch templates (plain text plus a simple HTML part) and the outbox, the
//! single way mail leaves the system. The SMTP sender is a background job in `server`.

use crate::error::AppError;
use chrono::Utc;
use entity::outbox;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// A mail the platform sends, with what it needs to say.
#[derive(Clone, Debug)]
pub enum Mail {
    /// A contact-form message routed to the region's department.
    ContactRouted {
        region: String,
        qualification: String,
        name: String,
        email: String,
        phone: Option<String>,
        message: String,
    },
    /// A link to activate an account (or set a new password).
    Activation {
        name: String,
        link: String,
        days: i64,
    },
}

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub const SIGNATURE: &str = "Met vriendelijke groet,\nHalloWerk";

pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The HTML part: the same text, escaped, paragraphs kept.
fn html_of(text: &str) -> String {
    let body: String = text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", escape_html(p).replace('\n', "<br>")))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"nl\"><body style=\"font-family: sans-serif\">{body}</body></html>"
    )
}

impl Mail {
    pub fn kind(&self) -> &'static str {
        match self {
            Mail::ContactRouted { .. } => "contact_routed",
            Mail::Activation { .. } => "activation",
        }
    }

    pub fn render(&self) -> Rendered {
        let (subject, text) = match self {
            Mail::ContactRouted {
                region,
                qualification,
                name,
                email,
                phone,
                message,
            } => (
                format!("Nieuw contactformulier ({qualification}) voor regio {region}"),
                format!(
                    "Er is een bericht binnengekomen via het contactformulier van HalloWerk.\n\n\
                     Naam: {name}\nE-mailadres: {email}\nTelefoon: {}\nKwalificatie: {qualification}\n\
                     Regio: {region}\n\nBericht:\n{message}\n\n\
                     Het bericht staat ook in de contactinbox van de regio in HalloWerk. De \
                     persoonsgegevens worden een maand na ontvangst verwijderd.\n\n{SIGNATURE}",
                    phone.as_deref().unwrap_or("niet opgegeven"),
                ),
            ),
            Mail::Activation { name, link, days } => (
                "Activeer je account bij HalloWerk".to_string(),
                format!(
                    "Beste {name},\n\nEr staat een account voor je klaar bij HalloWerk. Kies via \
                     deze link een wachtwoord om het te activeren:\n\n{link}\n\nDe link werkt één \
                     keer en is {days} dagen geldig. Heb je deze mail niet verwacht? Dan kun je hem \
                     negeren.\n\n{SIGNATURE}"
                ),
            ),
        };
        Rendered {
            html: html_of(&text),
            subject,
            text,
        }
    }
}

/// Puts a mail in the outbox; the sender job delivers it.
pub async fn enqueue<C: ConnectionTrait>(db: &C, to: &str, mail: &Mail) -> Result<i32, AppError> {
    let r = mail.render();
    let now = Utc::now();
    let row = outbox::ActiveModel {
        kind: Set(mail.kind().into()),
        to_address: Set(to.into()),
        subject: Set(r.subject),
        body_text: Set(r.text),
        body_html: Set(r.html),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_part_is_escaped() {
        let m = Mail::ContactRouted {
            region: "Rijnmond".into(),
            qualification: "werkgever".into(),
            name: "A <b>B</b>".into(),
            email: "a@b.nl".into(),
            phone: None,
            message: "Hallo & tot ziens".into(),
        };
        let r = m.render();
        assert!(r.html.contains("A &lt;b&gt;B&lt;/b&gt;"));
        assert!(r.html.contains("Hallo &amp; tot ziens"));
        assert!(r.text.contains("Telefoon: niet opgegeven"));
        assert!(r.subject.contains("Rijnmond"));
    }
}
