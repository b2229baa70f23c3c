//! The published privacy statement (`/privacy`, SPEC §10): per gemeente, built from the seed's
//! text, the visibility policy and the gemeente's agreements in force, with a version history.
//!
//! A version is recorded when staff publish their gemeente's own texts, and also whenever the
//! statement that the code and the agreements produce differs from the newest version: at
//! start-up (a new release), when an agreement starts or ends, and hourly (an agreement that ran
//! out). So every published version is the statement as it really was from its date on.

use crate::access::audit::{self, Entry};
use crate::access::caller::Staff;
use crate::access::scope::current_agreement;
use chrono::{DateTime, Utc};
use entity::{municipality, partner, privacy_statement_version as version};
use kernel::error::AppError;
use kernel::policy::FieldSet;
use kernel::privacy_statement::*;
use kernel::views::privacy_statement::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

/// The note of a version recorded because the code or an agreement changed.
pub const AUTOMATIC_NOTE: &str =
    "Bijgewerkt omdat HalloWerk of een afspraak van de gemeente met een partner veranderde.";

fn info(v: &version::Model) -> VersionInfo {
    VersionInfo {
        version: v.version,
        published_on: kernel::day::Day(v.published_at.date_naive()),
        by_staff: v.published_by.is_some(),
        change_note: v.change_note.clone(),
    }
}

fn option(m: &municipality::Model) -> GemeenteOption {
    GemeenteOption {
        id: m.id,
        name: m.name.clone(),
    }
}

async fn latest<C: ConnectionTrait>(
    db: &C,
    municipality_id: i32,
) -> Result<Option<version::Model>, AppError> {
    Ok(version::Entity::find()
        .filter(version::Column::MunicipalityId.eq(municipality_id))
        .order_by_desc(version::Column::Version)
        .one(db)
        .await?)
}

/// The partners of the gemeente whose agreement is in force today, by name.
async fn shared_with<C: ConnectionTrait>(
    db: &C,
    municipality_id: i32,
) -> Result<Vec<SharedWith>, AppError> {
    let mut out = Vec::new();
    for p in partner::Entity::find()
        .filter(partner::Column::MunicipalityId.eq(municipality_id))
        .filter(partner::Column::Active.eq(true))
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?
    {
        if let Some(fields) = current_agreement(db, p.id).await? {
            out.push(SharedWith {
                partner: p.name,
                fields: fields.iter().collect(),
            });
        }
    }
    Ok(out)
}

/// The statement the code and today's agreements make for `m`, with the gemeente's own texts.
async fn build_for<C: ConnectionTrait>(
    db: &C,
    m: &municipality::Model,
    text: GemeenteText,
) -> Result<Document, AppError> {
    Ok(build(Some(&ForGemeente {
        name: m.name.clone(),
        partners: shared_with(db, m.id).await?,
        text,
    })))
}

fn text_of(v: Option<&version::Model>) -> GemeenteText {
    v.map(|v| GemeenteText {
        contact: v.contact.clone(),
        addition: v.addition.clone(),
    })
    .unwrap_or_default()
}

fn parse(v: &version::Model) -> Result<Document, AppError> {
    serde_json::from_str(&v.document).map_err(|e| {
        tracing::error!(version = v.id, error = %e, "stored privacy statement does not parse");
        AppError::Internal
    })
}

/// What a new version holds besides its number and date.
struct NewVersion<'a> {
    text: &'a GemeenteText,
    document: &'a Document,
    /// The staff member who published it; `None`: recorded after a change in code or agreements.
    by: Option<i32>,
    note: &'a str,
}

/// Inserts version `previous + 1`. The caller holds a write transaction.
async fn insert<C: ConnectionTrait>(
    db: &C,
    m: &municipality::Model,
    previous: Option<&version::Model>,
    new: NewVersion<'_>,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let NewVersion {
        text,
        document,
        by,
        note,
    } = new;
    let number = previous.map_or(1, |v| v.version + 1);
    version::ActiveModel {
        municipality_id: Set(m.id),
        version: Set(number),
        published_at: Set(now),
        published_by: Set(by),
        change_note: Set(note.to_string()),
        contact: Set(text.contact.clone()),
        addition: Set(text.addition.clone()),
        document: Set(serde_json::to_string(document).map_err(|_| AppError::Internal)?),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict {
            message: "Tegelijk werd een andere versie gepubliceerd. Laad de pagina opnieuw en probeer het nog eens.".into(),
        },
        _ => e.into(),
    })?;
    Ok(number)
}

/// Records a new version of `municipality_id`'s statement if what the code and the agreements
/// make today differs from its newest version (or it has none). The caller holds a write
/// transaction, so the check and the insert see the same agreements.
pub async fn record_if_changed<C: ConnectionTrait>(
    db: &C,
    municipality_id: i32,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let m = municipality::Entity::find_by_id(municipality_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let previous = latest(db, m.id).await?;
    let text = text_of(previous.as_ref());
    let document = build_for(db, &m, text.clone()).await?;
    if let Some(v) = &previous
        && parse(v)? == document
    {
        return Ok(false);
    }
    let note = if previous.is_none() {
        "Eerste versie."
    } else {
        AUTOMATIC_NOTE
    };
    let new = NewVersion {
        text: &text,
        document: &document,
        by: None,
        note,
    };
    insert(db, &m, previous.as_ref(), new, now).await?;
    Ok(true)
}

/// Brings every gemeente's statement up to date (at start-up and hourly); how many changed.
/// Another instance doing the same at the same moment is no error: its version stands.
pub async fn refresh_all<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut changed = 0;
    for m in municipality::Entity::find().all(db).await? {
        let txn = crate::foundation::db::begin_write(db).await?;
        match record_if_changed(&txn, m.id, now).await {
            Ok(true) => {
                txn.commit().await?;
                changed += 1;
            }
            Ok(false) | Err(AppError::Conflict { .. }) => txn.rollback().await?,
            Err(e) => return Err(e),
        }
    }
    Ok(changed)
}

async fn versions<C: ConnectionTrait>(
    db: &C,
    municipality_id: i32,
) -> Result<Vec<VersionInfo>, AppError> {
    Ok(version::Entity::find()
        .filter(version::Column::MunicipalityId.eq(municipality_id))
        .order_by_desc(version::Column::Version)
        .limit(MAX_VERSIONS)
        .all(db)
        .await?
        .iter()
        .map(info)
        .collect())
}

/// The public page (no log-in): the general statement, or that of an active gemeente, now or
/// as version `number` was published.
pub async fn show<C: ConnectionTrait>(
    db: &C,
    gemeente: Option<i32>,
    number: Option<i32>,
) -> Result<StatementPage, AppError> {
    let active = municipality::Entity::find()
        .filter(municipality::Column::Active.eq(true))
        .order_by_asc(municipality::Column::Name)
        .all(db)
        .await?;
    let gemeenten = active.iter().map(option).collect();
    let Some(id) = gemeente else {
        return Ok(StatementPage {
            gemeenten,
            gemeente: None,
            document: build(None),
            shown: None,
            is_old: false,
            versions: vec![],
        });
    };
    let m = active
        .iter()
        .find(|m| m.id == id)
        .ok_or(AppError::NotFound)?;
    let newest = latest(db, m.id).await?;
    let (document, shown, is_old) = match number {
        // A version asked for by number reads exactly as it was published.
        Some(n) => {
            let v = version::Entity::find()
                .filter(version::Column::MunicipalityId.eq(m.id))
                .filter(version::Column::Version.eq(n))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let is_old = newest.as_ref().is_some_and(|newest| newest.version != n);
            (parse(&v)?, Some(info(&v)), is_old)
        }
        None => {
            // The statement as the code and the agreements make it now; it carries the newest
            // version's number only if that version says the same (else the hourly refresh
            // records it as a new one).
            let document = build_for(db, m, text_of(newest.as_ref())).await?;
            let shown = match &newest {
                Some(v) if parse(v)? == document => Some(info(v)),
                _ => None,
            };
            (document, shown, false)
        }
    };
    Ok(StatementPage {
        gemeenten,
        gemeente: Some(option(m)),
        document,
        shown,
        is_old,
        versions: versions(db, m.id).await?,
    })
}

async fn own<C: ConnectionTrait>(db: &C, p: &Staff) -> Result<municipality::Model, AppError> {
    municipality::Entity::find_by_id(p.municipality_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Staff: their gemeente's texts as published last, and its versions.
pub async fn draft<C: ConnectionTrait>(db: &C, p: &Staff) -> Result<StatementDraft, AppError> {
    let m = own(db, p).await?;
    let newest = latest(db, m.id).await?;
    Ok(StatementDraft {
        gemeente: option(&m),
        text: text_of(newest.as_ref()),
        versions: versions(db, m.id).await?,
    })
}

fn checked(value: &str, field: &str, label: &str, max: usize) -> Result<String, AppError> {
    let v = value.trim();
    if v.chars().count() > max {
        return Err(AppError::invalid(
            field,
            format!("{label} mag hoogstens {max} tekens zijn."),
        ));
    }
    Ok(v.to_string())
}

/// Staff publish a new version of their own gemeente's statement with their texts and a note
/// saying what changed; the previous versions stay readable. Returns the new version's number.
pub async fn publish<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    text: GemeenteText,
    change_note: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let m = own(db, p).await?;
    let text = GemeenteText {
        contact: checked(&text.contact, "contact", "Het contact", MAX_CONTACT)?,
        addition: checked(&text.addition, "addition", "De aanvulling", MAX_ADDITION)?,
    };
    let note = checked(change_note, "change_note", "Wat er veranderde", MAX_NOTE)?;
    if note.is_empty() {
        return Err(AppError::invalid(
            "change_note",
            "Schrijf kort op wat er in deze versie verandert.",
        ));
    }
    let txn = crate::foundation::db::begin_write(db).await?;
    let previous = latest(&txn, m.id).await?;
    let document = build_for(&txn, &m, text.clone()).await?;
    let new = NewVersion {
        text: &text,
        document: &document,
        by: Some(p.user_id),
        note: &note,
    };
    let number = insert(&txn, &m, previous.as_ref(), new, now).await?;
    let mut entry = Entry::new(
        "publish_privacy_statement",
        "privacy_statement",
        FieldSet::EMPTY,
    );
    entry.object_id = Some(number);
    entry.municipality_id = Some(m.id);
    audit::record(&txn, Some(p), entry).await?;
    txn.commit().await?;
    Ok(number)
}
