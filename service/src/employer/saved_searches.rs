//! An employer's saved candidate searches: named filters to run again, and the optional daily
//! digest mail of new candidates (employer-visible fields only, each person named audited).
//! The page that uses them is the candidate search (`candidates`).

use kernel::candidates::CandidateFilter;
use kernel::error::AppError;
use kernel::views::saved_searches::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Employer;
use crate::access::principal::principal_of;
use crate::foundation::mail::{self, Mail};
use chrono::{DateTime, Utc};
use entity::{app_user, job_seeker, saved_search};
use kernel::policy::Field;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

/// Saved searches per employer user: each may send a daily digest, so the number is bounded.
pub const MAX_SAVED_SEARCHES: u64 = 25;

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
) -> Result<Vec<SavedSearchView>, AppError> {
    Ok(saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(p.user_id))
        .order_by_asc(saved_search::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| {
            Some(SavedSearchView {
                id: s.id,
                filter: serde_json::from_str(&s.filter).ok()?,
                name: s.name,
                daily_digest: s.daily_digest,
            })
        })
        .collect())
}

pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Employer,
    name: &str,
    mut filter: CandidateFilter,
    daily: bool,
) -> Result<i32, AppError> {
    let employer_id = p.employer_id;
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::invalid(
            "name",
            "Geef de zoekopdracht een naam (hoogstens 80 tekens).",
        ));
    }
    filter.page = 0;
    // The same checks as a search: a saved filter can only hold what may be searched.
    crate::search::filter::Search::new(db, p, &filter).await?;
    let txn = crate::foundation::db::begin_write(db).await?;
    // Counted in the write transaction, after locking the account's row, so saves sent at
    // once take turns and cannot together pass the cap (on PostgreSQL too).
    crate::foundation::db::lock::<entity::app_user::Entity, _>(&txn, p.user_id).await?;
    let saved = saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(p.user_id))
        .count(&txn)
        .await?;
    if saved >= MAX_SAVED_SEARCHES {
        return Err(AppError::invalid(
            "name",
            format!(
                "Je hebt al {MAX_SAVED_SEARCHES} bewaarde zoekopdrachten, het maximum. Verwijder er eerst een."
            ),
        ));
    }
    let row = saved_search::ActiveModel {
        user_id: Set(p.user_id),
        employer_id: Set(employer_id),
        name: Set(name),
        filter: Set(serde_json::to_string(&filter).map_err(|_| AppError::Internal)?),
        daily_digest: Set(daily),
        last_digest_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(p),
        Entry::object("save_search", "saved_search", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Employer,
    id: i32,
) -> Result<(), AppError> {
    let txn = crate::foundation::db::begin_write(db).await?;
    let res = saved_search::Entity::delete_many()
        .filter(saved_search::Column::Id.eq(id))
        .filter(saved_search::Column::UserId.eq(p.user_id))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        // Nothing changed: dropping the transaction rolls it back, no entry.
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Some(p),
        Entry::object("delete_search", "saved_search", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Since when a candidate of a saved search is new: since its previous digest, or since it
/// was saved.
fn new_since(s: &saved_search::Model) -> DateTime<Utc> {
    s.last_digest_at.unwrap_or(s.created_at)
}

/// New candidates are counted up to this many per saved search (the start page says "or
/// more"): a count reads the matching rows, and a search saved long ago may match many.
pub const NEW_CANDIDATES_CAP: u64 = 99;

/// The caller's saved searches with how many candidates are new in each ([`new_since`]: what
/// the next digest would name), by name, up to [`NEW_CANDIDATES_CAP`] + 1. A search that no
/// longer makes a valid filter is left out, as the digest leaves it out. Counts only: nobody
/// is named, so nothing is charged or audited, as the candidate list's own total is not.
pub async fn new_candidates<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
) -> Result<Vec<(SavedSearchView, u64)>, AppError> {
    let mut out = Vec::new();
    for s in saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(p.user_id))
        .order_by_asc(saved_search::Column::Name)
        .all(db)
        .await?
    {
        let Ok(filter) = serde_json::from_str::<CandidateFilter>(&s.filter) else {
            continue;
        };
        let Ok(query) = crate::search::filter::query(db, p, &filter).await else {
            continue;
        };
        let new = query
            .filter(job_seeker::Column::CreatedAt.gt(new_since(&s)))
            .select_only()
            .column(job_seeker::Column::Id)
            .limit(NEW_CANDIDATES_CAP + 1)
            .into_tuple::<i32>()
            .all(db)
            .await?
            .len() as u64;
        out.push((
            SavedSearchView {
                id: s.id,
                filter,
                name: s.name,
                daily_digest: s.daily_digest,
            },
            new,
        ));
    }
    Ok(out)
}

/// The daily e-mail of new candidates for each saved search that asks for it (new: joined
/// since the previous digest). Runs the search as the employer, so the same scope and policy
/// apply; the mail names candidates only (employer-visible), nothing more.
pub async fn send_digests<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<usize, AppError> {
    let due = saved_search::Entity::find()
        .filter(saved_search::Column::DailyDigest.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| {
            s.last_digest_at
                .is_none_or(|t| now - t >= chrono::Duration::hours(23))
        });
    let mut sent = 0;
    for s in due {
        let Some(user) = app_user::Entity::find_by_id(s.user_id)
            .one(db)
            .await?
            .filter(|u| u.active && u.password_hash.is_some())
        else {
            continue;
        };
        let Ok(p) = principal_of(db, &user).await else {
            continue;
        };
        let Ok(filter) = serde_json::from_str::<CandidateFilter>(&s.filter) else {
            continue;
        };
        let Ok(query) = crate::search::filter::query(db, &p, &filter).await else {
            continue;
        };
        let new: Vec<job_seeker::Model> = query
            .filter(job_seeker::Column::CreatedAt.gt(new_since(&s)))
            .limit(50)
            .all(db)
            .await?;
        let named = kernel::policy::FieldSet::EMPTY
            .with(Field::FirstName)
            .with(Field::LastName);
        let entries: Vec<Entry> = new
            .iter()
            .map(|m| Entry::profile("digest", m, named))
            .collect();
        let names = crate::model::profile::records(db, new)
            .await?
            .iter()
            .map(crate::search::candidates::card_of)
            .map(|c| c.name())
            .collect::<Vec<_>>();
        // The mail, one audit entry per person it names, and the digest's date: together
        // or not at all.
        let txn = crate::foundation::db::begin_write(db).await?;
        if !names.is_empty() {
            audit::record_many(&txn, Some(&p), entries).await?;
            mail::enqueue(
                &txn,
                &user.email,
                &Mail::Digest {
                    name: user.first_name.clone().unwrap_or_default(),
                    search: s.name.clone(),
                    candidates: names,
                    link: format!("{public_url}/kandidaten{}", filter.to_query()),
                },
            )
            .await?;
            sent += 1;
        }
        let mut row: saved_search::ActiveModel = s.into();
        row.last_digest_at = Set(Some(now));
        row.update(&txn).await?;
        txn.commit().await?;
    }
    Ok(sent)
}
