//! The public contact form (SPEC §5): routed to the chosen region's staff inbox and, if the
//! region has one, its department address. Personal data is purged after one month by the
//! retention job (`server::jobs`); qualification, region and month stay in an archive.

use chrono::{DateTime, Utc};
use kernel::domain::{Qualification, RequestKind};
use kernel::error::AppError;
use kernel::views::contact::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Staff;
use crate::foundation::client::client_network;
use crate::foundation::mail::{self, Mail};
use crate::foundation::ratelimit::{
    self, CONTACT, CONTACT_PER_CLIENT, GLOBAL, PRIVACY_REQUEST_MAILS_PER_ADDRESS,
};
use entity::{contact_message, region};
use kernel::validate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

/// Five messages per client per ten minutes.
pub struct Submission {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub qualification: String,
    pub region_id: String,
    pub message: String,
    /// Honeypot: a field people never see and bots fill in.
    pub website: String,
    /// When the form was shown (ms since the epoch).
    pub started: String,
    /// Empty for a question; a `RequestKind` code for a privacy request, which waits for the
    /// link mailed to `email` (`public::privacy_requests`).
    pub request: String,
}

/// Validates and stores a message. Returns the message id, or `None` for a caught bot (which
/// is told "thank you" so it learns nothing) and for a privacy request (stored unconfirmed, its
/// link mailed to the address it gives).
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    s: Submission,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Option<i32>, AppError> {
    if !s.website.trim().is_empty() {
        return Ok(None);
    }
    let started = s
        .started
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::BadRequest)?;
    if now.timestamp_millis() - started < MIN_FILL_SECONDS * 1000 {
        return Err(AppError::invalid(
            "form",
            "Het formulier is wel erg snel verstuurd. Wacht een paar seconden en probeer het opnieuw.",
        ));
    }
    let first_name = validate::name(&s.first_name, "Voornaam")
        .map_err(|m| AppError::invalid("first_name", m))?;
    let last_name = validate::name(&s.last_name, "Achternaam")
        .map_err(|m| AppError::invalid("last_name", m))?;
    let email = validate::email(&s.email).map_err(|m| AppError::invalid("email", m))?;
    let phone = match s.phone.trim() {
        "" => None,
        p => Some(validate::phone(p).map_err(|m| AppError::invalid("phone", m))?),
    };
    let qualification = Qualification::from_code(s.qualification.trim()).ok_or_else(|| {
        AppError::invalid(
            "qualification",
            "Kies of je werkzoekende, werkgever of iets anders bent.",
        )
    })?;
    let region = match s.region_id.trim().parse::<i32>() {
        Ok(id) => region::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|r| r.active),
        Err(_) => None,
    }
    .ok_or_else(|| AppError::invalid("region_id", "Kies de regio waar je vraag over gaat."))?;
    let request = match s.request.trim() {
        "" => None,
        code => Some(RequestKind::from_code(code).ok_or_else(|| {
            AppError::invalid("request", "Kies een vraag of een van de privacyverzoeken.")
        })?),
    };
    let message = s.message.trim().to_string();
    if message.is_empty() {
        return Err(AppError::invalid("message", "Schrijf je vraag of bericht."));
    }
    if message.chars().count() > MAX_MESSAGE_LEN {
        return Err(AppError::invalid(
            "message",
            format!("Je bericht mag hoogstens {MAX_MESSAGE_LEN} tekens zijn."),
        ));
    }
    // A valid message counts before it is stored and mailed (increment, then compare), so
    // messages sent at once cannot pass the limit together.
    let client = client_network();
    let mut limits = vec![(CONTACT_PER_CLIENT, client.as_str()), (CONTACT, GLOBAL)];
    // A privacy request mails a link to the address it gives, which may be anyone's.
    if request.is_some() {
        limits.push((PRIVACY_REQUEST_MAILS_PER_ADDRESS, email.as_str()));
    }
    ratelimit::take(db, &limits).await?;

    let txn = crate::foundation::db::begin_write(db).await?;
    if let Some(kind) = request {
        let filed = crate::public::privacy_requests::Filed {
            first_name,
            last_name,
            email,
            qualification,
            region_id: region.id,
            kind,
            details: message,
        };
        crate::public::privacy_requests::file(&txn, filed, public_url, now).await?;
        txn.commit().await?;
        return Ok(None);
    }
    let row = contact_message::ActiveModel {
        region_id: Set(region.id),
        qualification: Set(qualification.code().into()),
        first_name: Set(first_name.clone()),
        last_name: Set(last_name.clone()),
        email: Set(email.clone()),
        phone: Set(phone.clone()),
        message: Set(message.clone()),
        status: Set("open".into()),
        reply_note: Set(None),
        handled_by: Set(None),
        handled_at: Set(None),
        received_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Stored: the sender's first processing, in their log (audited without an actor).
    audit::record(
        &txn,
        None,
        Entry::object("receive", "contact_message", row.id)
            .about(kernel::processing::DataSubject::ContactMessage(row.id)),
    )
    .await?;
    if let Some(to) = &region.department_email {
        let routed = Mail::ContactRouted {
            region: region.name.clone(),
            qualification: qualification.label().into(),
            name: format!("{first_name} {last_name}"),
            email,
            phone,
            message,
        };
        mail::enqueue(&txn, to, &routed).await?;
    }
    txn.commit().await?;
    Ok(Some(row.id))
}

fn view(m: contact_message::Model) -> ContactMessageView {
    ContactMessageView {
        id: m.id,
        qualification: Qualification::from_code(&m.qualification).unwrap_or(Qualification::Other),
        first_name: m.first_name,
        last_name: m.last_name,
        email: m.email,
        phone: m.phone,
        message: m.message,
        handled: m.status == "handled",
        reply_note: m.reply_note,
        purge_on: purge_moment(m.received_at).date_naive(),
        received_at: m.received_at,
    }
}

/// One page of the region's inbox (a page past the end is the last page).
pub async fn inbox<C: ConnectionTrait>(db: &C, p: &Staff, page: u32) -> Result<Inbox, AppError> {
    let query = crate::model::contact_messages::of_region(p.region_id)
        .order_by_desc(contact_message::Column::Status.eq("open"))
        .order_by_desc(contact_message::Column::ReceivedAt)
        .order_by_desc(contact_message::Column::Id);
    let page = crate::foundation::paging::fetch(db, query, page, INBOX_PAGE_SIZE).await?;
    // Staff read the senders' names and addresses: one entry per sender on the page.
    audit::record_many(
        db,
        Some(p),
        page.items.iter().map(|m| {
            Entry::object("list", "contact_message", m.id)
                .in_municipality(p.municipality_id)
                .about(kernel::processing::DataSubject::ContactMessage(m.id))
        }),
    )
    .await?;
    Ok(Inbox {
        total: page.total,
        page: page.page,
        pages: page.pages,
        messages: page.items.into_iter().map(view).collect(),
    })
}

pub async fn handle<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    id: i32,
    note: &str,
) -> Result<(), AppError> {
    let region_id = p.region_id;
    let msg = contact_message::Entity::find_by_id(id)
        .filter(contact_message::Column::RegionId.eq(region_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let note = note.trim();
    if note.chars().count() > MAX_MESSAGE_LEN {
        return Err(AppError::invalid("reply_note", "De notitie is te lang."));
    }
    let mut row: contact_message::ActiveModel = msg.into();
    row.status = Set("handled".into());
    row.reply_note = Set((!note.is_empty()).then(|| note.to_string()));
    row.handled_by = Set(Some(p.user_id));
    row.handled_at = Set(Some(Utc::now()));
    let txn = crate::foundation::db::begin_write(db).await?;
    row.update(&txn).await?;
    audit::record(
        &txn,
        Some(p),
        Entry::object("handle", "contact_message", id)
            .about(kernel::processing::DataSubject::ContactMessage(id)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The active regions, by name (public: the contact and registration forms).
pub async fn active_regions<C: ConnectionTrait>(db: &C) -> Result<Vec<RegionOption>, AppError> {
    use sea_orm::QueryOrder;
    Ok(region::Entity::find()
        .filter(region::Column::Active.eq(true))
        .order_by_asc(region::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RegionOption {
            id: r.id,
            name: r.name,
        })
        .collect())
}
