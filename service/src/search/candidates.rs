//! Employers' "Kandidaten": active job seekers of the organisation's region, with only the
//! fields employers may read, filtered live while the employer types.

use kernel::candidates::*;
use kernel::error::AppError;
use kernel::policy::FieldSet;

use crate::access::audit::Entry;
use crate::access::caller::Employer;

use crate::foundation::candidate_index::{CandidateIndex, Criteria};
use crate::model::profile::{ProfileRecord, card_records, project};
use crate::model::viewing_limits::{self, Charged};
use crate::search::filter::{self, Search};
use chrono::Utc;
use entity::job_seeker;
use kernel::policy::{self, Audience, ReadContext};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, TransactionSession, TransactionTrait,
};
use std::sync::Arc;

/// The employer's view of a record: projected with the employer's readable fields for this
/// profile (work capacity only with consent), then narrowed to the employer type.
pub fn candidate_view(rec: &ProfileRecord) -> CandidateView {
    // The same field set the audit entry of this read names.
    let v = project(rec, Audience::Employer, employer_fields(&rec.model));
    CandidateView {
        id: v.id,
        first_name: v.first_name,
        last_name: v.last_name,
        email: v.email,
        phone: v.phone,
        municipality: v.municipality,
        target_banenafspraak: v.target_banenafspraak,
        target_praktijkroute: v.target_praktijkroute,
        target_bbl: v.target_bbl,
        target_ondernemer: v.target_ondernemer,
        interests: v.interests,
        talents: v.talents,
        motivation: v.motivation,
        desired_work: v.desired_work,
        preferred_occupations: v.preferred_occupations,
        photo_url: v.photo_url,
        video_url: v.video_url,
        work_capacity: v.work_capacity,
        visible: v.visible,
    }
}

/// One candidate in the employer's scope, opened: in one transaction first the charge against
/// the daily budget of opened profiles (past it nothing is read), then the read, then the audit
/// entry naming the fields shown; the profile leaves only after the commit.
pub async fn get<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Employer,
    id: i32,
) -> Result<OpenedCandidate, AppError> {
    // Out of scope is refused (and audited) before anything is charged.
    if p.scope.profile(db, id).await?.is_none() {
        return Err(crate::model::profile::deny(db, p, id).await?);
    }
    let Charged { txn, notice } = viewing_limits::open(db, p, id, Utc::now()).await?;
    let model = p.scope.profile(&txn, id).await?.ok_or(AppError::NotFound)?;
    let rec = crate::model::profile::record(&txn, model).await?;
    let view = candidate_view(&rec);
    crate::access::audit::record(
        &txn,
        Some(p),
        Entry::profile("read", &rec.model, employer_fields(&rec.model)),
    )
    .await?;
    txn.commit().await?;
    Ok(OpenedCandidate {
        candidate: view,
        notice,
    })
}

/// The fields an employer is shown of this profile (work capacity only with consent).
pub fn employer_fields(model: &job_seeker::Model) -> FieldSet {
    policy::readable(
        Audience::Employer,
        &ReadContext {
            work_capacity_consent: model.work_capacity_consent,
            agreement: FieldSet::EMPTY,
        },
    )
}

/// The fields a list card shows of this profile: the policy's card list, of what the employer
/// may read of it.
pub fn card_fields(model: &job_seeker::Model) -> FieldSet {
    let readable = employer_fields(model);
    policy::card_fields(Audience::Employer)
        .iter()
        .filter(|f| readable.contains(*f))
        .collect()
}

/// A profile as a card in a list an employer receives (no contact, media or health data).
pub fn card_of(rec: &ProfileRecord) -> CandidateCard {
    CandidateCard::from_profile(project(rec, Audience::Employer, card_fields(&rec.model)))
}

/// The audit entries of profiles listed to an employer as cards: one per person, naming the
/// fields of that person the card showed.
pub fn shown_entries(action: &'static str, recs: &[ProfileRecord]) -> Vec<Entry> {
    recs.iter()
        .map(|r| Entry::profile(action, &r.model, card_fields(&r.model)))
        .collect()
}

/// The limit of this design for one search (what `server bench` sets each filter request
/// beside): the index scanned with criteria prepared beforehand, then the page's rows read
/// by id, and nothing else (no session, scope, check, card, charge or audit).
pub async fn bare_page(
    db: &DatabaseConnection,
    index: &CandidateIndex,
    criteria: &Criteria,
    page: u32,
) -> Result<Option<Vec<job_seeker::Model>>, AppError> {
    let Some(matches) = index.scan(criteria, (COUNT_CAP + 1) as usize) else {
        return Ok(None);
    };
    let (_, _, ids) = page_of(&matches, page);
    Ok(Some(
        filter::rows(db, ids, sea_orm::Condition::all()).await?,
    ))
}

/// Whether every keyword begins a word of the job seeker's searched text as read now.
fn has_keywords(m: &job_seeker::Model, query: &[Box<str>]) -> bool {
    crate::foundation::words::admit(
        &crate::foundation::words::of_profile([
            &m.interests,
            &m.talents,
            &m.motivation,
            &m.desired_work,
        ]),
        query,
    )
}

/// The ids of one page of `matches`: (page, pages, ids).
fn page_of(matches: &[i32], asked: u32) -> (u64, u64, Vec<i32>) {
    let total = (matches.len() as u64).min(COUNT_CAP);
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = u64::from(asked).min(pages - 1);
    let ids = matches
        .iter()
        .skip((page * PAGE_SIZE) as usize)
        .take(PAGE_SIZE as usize)
        .copied()
        .collect();
    (page, pages, ids)
}

/// A page of candidates. The in-process candidate index finds the (capped) matches; the
/// page's rows are then read with the scope and every row criterion in SQL, so the index
/// can at worst miscount for a moment, never show someone it should not. A row failing
/// that check means the index is out of date: it is rebuilt beside the searches, and this
/// search is answered by SQL alone (as is any the index cannot answer yet).
pub async fn search(
    db: &DatabaseConnection,
    index: &Arc<CandidateIndex>,
    principal: &Employer,
    filter: &CandidateFilter,
) -> Result<CandidatePage, AppError> {
    let search = Search::new(db, principal, filter).await?;
    let recheck = search
        .row_condition(db, principal.scope.profiles(db).await?)
        .await?;
    // The page's rows, checked again, with everything their cards show (one statement).
    let rows_of = |ids: Vec<i32>| {
        card_records(
            db,
            recheck
                .clone()
                .add(job_seeker::Column::Id.is_in(ids.iter().copied())),
        )
    };
    let criteria = search.index_criteria(db, principal).await?;
    // The keywords are checked again in the page's rows as they are now (the index's lists
    // may be older, as its entries may): text a job seeker removed never finds them. Without
    // criteria (no reach) the search is SQL's alone, whose condition holds the keywords.
    let keyword = criteria.as_ref().and_then(|c| c.keyword.as_deref());
    let rows_of = async |ids: Vec<i32>| -> Result<Vec<ProfileRecord>, AppError> {
        let mut rows = rows_of(ids).await?;
        if let Some(q) = keyword {
            rows.retain(|r| has_keywords(&r.model, q));
        }
        Ok(rows)
    };
    // The first asking trusts the feed's head read with the session; asking again (below)
    // reads the feed.
    let from_index = async |head: Option<i64>| match &criteria {
        Some(c) => index.matches(db, c, (COUNT_CAP + 1) as usize, head).await,
        None => Ok(None),
    };
    let indexed = from_index(principal.feed_head).await?;
    let (mut matches, indexed) = match indexed {
        Some(found) => (found, true),
        None => (search.sql_matches(db, principal).await?, false),
    };
    let (mut page, mut pages, mut ids) = page_of(&matches, filter.page);
    let mut rows = rows_of(ids.clone()).await?;
    if indexed && rows.len() < ids.len() {
        // A row the index admitted fails the check: almost always a write committed between
        // the index's read of the change feed and this read of the rows, which the feed now
        // holds. One more catch-up brings it in; only a row that is stale even then makes the
        // index read a new base (beside the searches) and this search go to SQL.
        let mut current = false;
        if let Some(found) = from_index(None).await? {
            matches = found;
            (page, pages, ids) = page_of(&matches, filter.page);
            rows = rows_of(ids.clone()).await?;
            current = rows.len() == ids.len();
        }
        if !current {
            index.stale(db);
            matches = search.sql_matches(db, principal).await?;
            (page, pages, ids) = page_of(&matches, filter.page);
            rows = rows_of(ids.clone()).await?;
        }
    }
    let mut recs = rows;
    recs.sort_by_key(|r| ids.iter().position(|id| *id == r.model.id));
    // Listed cards count against their own daily ceiling (refused past it), and each card
    // shown has its audit entry (one insert for the page), in one transaction before the page
    // leaves.
    let Charged { txn, notice } =
        viewing_limits::list(db, principal, shown_entries("list", &recs), Utc::now()).await?;
    txn.commit().await?;
    let items: Vec<CandidateCard> = recs.iter().map(card_of).collect();
    Ok(CandidatePage {
        total: (matches.len() as u64).min(COUNT_CAP),
        more: matches.len() as u64 > COUNT_CAP,
        page: page as u32,
        pages: pages as u32,
        items,
        notice,
    })
}
