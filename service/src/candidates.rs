//! Employers' "Kandidaten": active job seekers of the organisation's region, with only the
//! fields employers may read, filtered live while the employer types.

use crate::error::AppError;
use crate::policy::{Field, FieldSet};
pub use kernel::candidates::*;

use crate::audit::{self, Entry};
use crate::auth::Principal;

use crate::candidate_index::{self, CandidateIndex, Criteria, Order};
use crate::dialect;
use crate::policy::{self, Audience, ReadContext};
use crate::profile::{ProfileRecord, project, records};
use entity::{job_seeker, job_seeker_occupation};
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select,
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

/// One candidate in the employer's scope, audited as read with the fields shown.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i32,
) -> Result<CandidateView, AppError> {
    let Some(model) = p.scope.profile(db, id).await? else {
        return Err(crate::profile::deny(db, p, id).await?);
    };
    let rec = crate::profile::record(db, model).await?;
    let view = candidate_view(&rec);
    crate::audit::record(
        db,
        Some(p),
        Entry::profile("read", &rec.model, employer_fields(&rec.model)),
    )
    .await?;
    Ok(view)
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

/// The audit entries of profiles shown to an employer: one per person, naming the fields
/// of that person the employer received.
pub fn shown_entries(action: &'static str, recs: &[ProfileRecord]) -> Vec<Entry> {
    recs.iter()
        .map(|r| Entry::profile(action, &r.model, employer_fields(&r.model)))
        .collect()
}

/// Above this many full-text matches a keyword is "common" (SQLite plan choice below).
pub const COMMON_KEYWORD: u64 = 2000;

/// The keywords in the full-text query syntax of the backend; `None` without keywords.
pub fn text_query(backend: DbBackend, q: &str) -> Option<String> {
    match backend {
        DbBackend::Postgres => tsquery(q),
        _ => fts5_query(q),
    }
}

/// The keyword condition on the full-text index of the backend. On SQLite the plan depends
/// on how common the words are: rare words are looked up by id; for common words the list
/// is walked in its own order and each row checked against the matches (`dialect::text_matches`
/// with `as_filter` keeps SQLite from looking up thousands of rows by id and sorting them).
async fn keyword_condition<C: ConnectionTrait>(
    db: &C,
    q: &str,
) -> Result<Option<SimpleExpr>, AppError> {
    let backend = db.get_database_backend();
    let Some(query) = text_query(backend, q) else {
        return Ok(None);
    };
    let common = backend == DbBackend::Sqlite
        && dialect::text_match_count(db, query.clone(), COMMON_KEYWORD + 1).await? as u64
            > COMMON_KEYWORD;
    Ok(Some(dialect::text_matches(backend, query, common)))
}

/// What the policy checks of a filter yield: the sort field (if any) and, for physical fit,
/// the minimum work capacity per slot (sitting, standing, walking, bending, lifting, hours
/// per day; `None`: no demand).
pub struct Checked {
    pub sort: Option<Field>,
    pub fit: Option<[Option<i16>; 6]>,
}

/// The work-capacity columns, in the order of `Checked::fit`.
const CAPACITY: [job_seeker::Column; 6] = [
    job_seeker::Column::WcSitting,
    job_seeker::Column::WcStanding,
    job_seeker::Column::WcWalking,
    job_seeker::Column::WcBending,
    job_seeker::Column::WcLifting,
    job_seeker::Column::WcHoursPerDay,
];

/// The target-group criteria: whether asked, their column, their bit in the candidate index.
fn targets(filter: &CandidateFilter) -> [(bool, job_seeker::Column, u8); 4] {
    [
        (
            filter.banenafspraak,
            job_seeker::Column::TargetBanenafspraak,
            candidate_index::BANENAFSPRAAK,
        ),
        (
            filter.praktijkroute,
            job_seeker::Column::TargetPraktijkroute,
            candidate_index::PRAKTIJKROUTE,
        ),
        (
            filter.bbl,
            job_seeker::Column::TargetBbl,
            candidate_index::BBL,
        ),
        (
            filter.ondernemer,
            job_seeker::Column::TargetOndernemer,
            candidate_index::ONDERNEMER,
        ),
    ]
}

/// Refuses a filter or sort on anything the employer may not read, and a fit for a vacancy
/// of another organisation.
/// The longest keyword text a filter may carry (a search box, not a document).
pub const MAX_KEYWORDS_LEN: usize = 200;

pub async fn check<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    filter: &CandidateFilter,
) -> Result<Checked, AppError> {
    if filter.q.chars().count() > MAX_KEYWORDS_LEN {
        return Err(AppError::invalid(
            "q",
            format!("Zoek met hoogstens {MAX_KEYWORDS_LEN} tekens."),
        ));
    }
    let allowed = policy::ever_readable(principal.audience());
    let sort = match filter.sort.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => {
            let f = Field::from_code(code).ok_or(AppError::BadRequest)?;
            if !allowed.contains(f) {
                return Err(AppError::FieldNotReadable {
                    field: f.code().into(),
                });
            }
            if !SORTABLE.contains(&f) {
                return Err(AppError::invalid(
                    "sort",
                    "Sorteren kan op voornaam of achternaam.",
                ));
            }
            Some(f)
        }
    };
    if let Some(f) = filter.fields_used().iter().find(|f| !allowed.contains(*f)) {
        return Err(AppError::FieldNotReadable {
            field: f.code().into(),
        });
    }
    let fit = match filter.fit_vacancy {
        None => None,
        Some(id) => {
            let v = crate::vacancies::own_vacancy(db, principal, id).await?;
            let demand = |d: i16| (d > 0).then_some(d);
            Some([
                demand(v.pd_sitting),
                demand(v.pd_standing),
                demand(v.pd_walking),
                demand(v.pd_bending),
                demand(v.pd_lifting),
                Some((v.hours_per_week + 4) / 5),
            ])
        }
    };
    Ok(Checked { sort, fit })
}

/// Row scope from the session and every criterion on the profile row itself (all but
/// keywords and occupations). Also the check on every row a page shows.
fn row_condition(
    scope: sea_orm::Condition,
    filter: &CandidateFilter,
    checked: &Checked,
) -> sea_orm::Condition {
    let mut cond = scope;
    if !filter.municipalities.is_empty() {
        // `row_test`: a test on every row, not an index to search by (the list's own order
        // is the faster way through, see the filter index).
        cond = cond.add(sea_orm::sea_query::ExprTrait::is_in(
            dialect::row_test(Expr::col((
                job_seeker::Entity,
                job_seeker::Column::MunicipalityId,
            ))),
            filter
                .municipalities
                .iter()
                .copied()
                .take(MAX_MUNICIPALITIES),
        ));
    }
    for (on, col, _) in targets(filter) {
        if on {
            cond = cond.add(col.eq(true));
        }
    }
    if filter.has_photo {
        cond = cond.add(job_seeker::Column::PhotoKey.is_not_null());
    }
    if filter.has_video {
        cond = cond.add(job_seeker::Column::VideoKey.is_not_null());
    }
    if let Some(fit) = checked.fit {
        // Work capacity may only be used where the job seeker consented (policy: WithConsent).
        cond = cond.add(job_seeker::Column::WorkCapacityConsent.eq(true));
        for (col, min) in CAPACITY.into_iter().zip(fit) {
            if let Some(min) = min {
                cond = cond.add(col.gte(min));
            }
        }
    }
    cond
}

/// Builds the query of a filter: row scope from the session, then every criterion. Refuses a
/// filter or sort on anything the employer may not read.
pub async fn query<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    filter: &CandidateFilter,
) -> Result<Select<job_seeker::Entity>, AppError> {
    let checked = check(db, principal, filter).await?;
    checked_query(db, principal, filter, &checked).await
}

/// `query` of a filter that passed `check`.
async fn checked_query<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    filter: &CandidateFilter,
    checked: &Checked,
) -> Result<Select<job_seeker::Entity>, AppError> {
    let mut cond = row_condition(principal.scope.profiles(db).await?, filter, checked);
    if let Some(k) = keyword_condition(db, &filter.q).await? {
        cond = cond.add(k);
    }
    if !filter.occupations.is_empty() {
        cond = cond.add(
            job_seeker::Column::Id.in_subquery(
                Query::select()
                    .column(job_seeker_occupation::Column::JobSeekerId)
                    .from(job_seeker_occupation::Entity)
                    .and_where(
                        job_seeker_occupation::Column::OccupationId
                            .is_in(filter.occupations.iter().copied().take(MAX_OCCUPATIONS)),
                    )
                    .to_owned(),
            ),
        );
    }
    let mut select = job_seeker::Entity::find().filter(cond);
    select = match checked.sort {
        Some(Field::FirstName) => select
            .order_by_asc(job_seeker::Column::FirstName)
            .order_by_asc(job_seeker::Column::LastName),
        Some(_) => select
            .order_by_asc(job_seeker::Column::LastName)
            .order_by_asc(job_seeker::Column::FirstName),
        None => select.order_by_desc(job_seeker::Column::UpdatedAt),
    };
    Ok(select.order_by_asc(job_seeker::Column::Id))
}

/// The same filter as `query`, for the in-process candidate index; `None` when the
/// principal has no employer reach.
pub async fn criteria<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    filter: &CandidateFilter,
    checked: &Checked,
) -> Result<Option<Criteria>, AppError> {
    let Some(mut municipalities) = principal.scope.employer_reach(db).await? else {
        return Ok(None);
    };
    if !filter.municipalities.is_empty() {
        let picked: Vec<i32> = filter
            .municipalities
            .iter()
            .copied()
            .take(MAX_MUNICIPALITIES)
            .collect();
        municipalities.retain(|m| picked.contains(m));
    }
    let mut required = candidate_index::ACTIVE;
    for (on, _, bit) in targets(filter) {
        if on {
            required |= bit;
        }
    }
    for (on, bit) in [
        (filter.has_photo, candidate_index::PHOTO),
        (filter.has_video, candidate_index::VIDEO),
        (checked.fit.is_some(), candidate_index::CONSENT),
    ] {
        if on {
            required |= bit;
        }
    }
    Ok(Some(Criteria {
        municipalities,
        required,
        fit: checked
            .fit
            .map(|f| f.map(|m| m.unwrap_or(candidate_index::UNKNOWN))),
        keyword: candidate_index::keyword_ids(db, &filter.q).await?,
        occupations: candidate_index::occupation_ids(db, &filter.occupations).await?,
        order: match checked.sort {
            None => Order::Recent,
            Some(Field::FirstName) => Order::FirstName,
            Some(_) => Order::LastName,
        },
    }))
}

/// The ids of the first `COUNT_CAP + 1` matches of `query`, in the list's order. One walk
/// over the filter index answers both the count (capped) and every page.
pub fn capped_ids_statement(
    query: &Select<job_seeker::Entity>,
) -> sea_orm::sea_query::SelectStatement {
    query
        .clone()
        .select_only()
        .column(job_seeker::Column::Id)
        .limit(COUNT_CAP + 1)
        .into_query()
}

async fn ids<C: ConnectionTrait>(
    db: &C,
    stmt: &sea_orm::sea_query::SelectStatement,
) -> Result<Vec<i32>, AppError> {
    Ok(db
        .query_all_raw(db.get_database_backend().build(stmt))
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<Result<_, _>>()?)
}

/// The first `COUNT_CAP + 1` matches in the list's order. Sorted by name, few matches are
/// found unordered through the filter index and then sorted; many matches are found by
/// walking the name index (which then meets a page of them quickly).
pub async fn capped_matches<C: ConnectionTrait>(
    db: &C,
    query: &Select<job_seeker::Entity>,
    by_name: Option<Field>,
) -> Result<Vec<i32>, AppError> {
    let in_order = capped_ids_statement(query);
    if by_name.is_none() {
        return ids(db, &in_order).await;
    }
    let mut unordered = in_order.clone();
    unordered.clear_order_by();
    let found = ids(db, &unordered).await?;
    if found.len() as u64 > COUNT_CAP {
        return ids(db, &in_order).await;
    }
    // Few: sort just these (same ORDER BY, so the same collation as the other path).
    // Only the id list as condition: the rows are looked up by id, not found by walking
    // the name index.
    let (first, second) = if by_name == Some(Field::FirstName) {
        (job_seeker::Column::FirstName, job_seeker::Column::LastName)
    } else {
        (job_seeker::Column::LastName, job_seeker::Column::FirstName)
    };
    let few = Query::select()
        .column(job_seeker::Column::Id)
        .from(job_seeker::Entity)
        .and_where(job_seeker::Column::Id.is_in(found))
        .order_by(first, sea_orm::Order::Asc)
        .order_by(second, sea_orm::Order::Asc)
        .order_by(job_seeker::Column::Id, sea_orm::Order::Asc)
        .to_owned();
    ids(db, &few).await
}

/// The first `COUNT_CAP + 1` matches by SQL alone (no index).
async fn sql_matches<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    filter: &CandidateFilter,
    checked: &Checked,
) -> Result<Vec<i32>, AppError> {
    let query = checked_query(db, principal, filter, checked).await?;
    capped_matches(db, &query, checked.sort).await
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
/// that check means the index is out of date: it is dropped (rebuilt at the next search)
/// and this search is answered by SQL alone.
pub async fn search(
    db: &DatabaseConnection,
    index: &Arc<CandidateIndex>,
    principal: &Principal,
    filter: &CandidateFilter,
) -> Result<CandidatePage, AppError> {
    let checked = check(db, principal, filter).await?;
    let scope = principal.scope.profiles(db).await?;
    let rows_of = |ids: Vec<i32>| {
        job_seeker::Entity::find()
            .filter(job_seeker::Column::Id.is_in(ids))
            .filter(row_condition(scope.clone(), filter, &checked))
            .all(db)
    };
    let (mut matches, indexed) = match criteria(db, principal, filter, &checked).await? {
        Some(c) => (index.matches(db, &c, (COUNT_CAP + 1) as usize).await?, true),
        None => (sql_matches(db, principal, filter, &checked).await?, false),
    };
    let (mut page, mut pages, mut ids) = page_of(&matches, filter.page);
    let mut rows = rows_of(ids.clone()).await?;
    if indexed && rows.len() < ids.len() {
        tracing::warn!("candidate index out of date: rebuilding it");
        index.invalidate().await;
        matches = sql_matches(db, principal, filter, &checked).await?;
        (page, pages, ids) = page_of(&matches, filter.page);
        rows = rows_of(ids.clone()).await?;
    }
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    let recs = records(db, rows).await?;
    // One entry per candidate shown, in the same request (one insert for the page).
    audit::record_many(db, Some(principal), shown_entries("list", &recs)).await?;
    let items: Vec<CandidateView> = recs.iter().map(candidate_view).collect();
    Ok(CandidatePage {
        total: (matches.len() as u64).min(COUNT_CAP),
        more: matches.len() as u64 > COUNT_CAP,
        page: page as u32,
        pages: pages as u32,
        items,
    })
}
