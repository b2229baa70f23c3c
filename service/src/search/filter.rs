//! The one filter model of the employer's candidate search. A `CandidateFilter` is checked
//! against the policy once (`Search::new`), which resolves its criteria (kernel `Criterion`)
//! into `Term`s. Everything that searches is built from those terms:
//! - the SQL condition (`Search::select`, also the saved-search digest's query),
//! - the criteria of the in-process candidate index (`Search::index_criteria`),
//! - the re-check of the rows a page shows (`Search::row_condition`).
//!
//! Each of them is one exhaustive `match` over `Term`, so a new criterion cannot reach one
//! and miss another; the index-vs-SQL test in `server/tests/it/employer.rs` checks they agree.

use crate::access::caller::{Employer, typed};
use crate::access::principal::Principal;
use crate::foundation::candidate_index::{self, Criteria, Order};
use crate::foundation::dialect::{self, text_query};
use entity::{job_seeker, job_seeker_occupation};
use kernel::candidates::COUNT_CAP;
use kernel::candidates::{CandidateFilter, Criterion, SORTABLE, Target};
use kernel::error::AppError;
use kernel::policy::{self, Field};
use sea_orm::sea_query::{Expr, Query, SelectStatement, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};

/// The longest keyword text a filter may carry (a search box, not a document).
pub const MAX_KEYWORDS_LEN: usize = 200;

/// Above this many full-text matches a keyword is "common" (SQLite plan choice below).
pub const COMMON_KEYWORD: u64 = 2000;

/// The work-capacity columns, in the order of `Term::Fit`.
const CAPACITY: [job_seeker::Column; 6] = [
    job_seeker::Column::WcSitting,
    job_seeker::Column::WcStanding,
    job_seeker::Column::WcWalking,
    job_seeker::Column::WcBending,
    job_seeker::Column::WcLifting,
    job_seeker::Column::WcHoursPerDay,
];

/// A target group's column and its bit in the candidate index.
fn target(t: Target) -> (job_seeker::Column, u8) {
    match t {
        Target::Banenafspraak => (
            job_seeker::Column::TargetBanenafspraak,
            candidate_index::BANENAFSPRAAK,
        ),
        Target::Praktijkroute => (
            job_seeker::Column::TargetPraktijkroute,
            candidate_index::PRAKTIJKROUTE,
        ),
        Target::Bbl => (job_seeker::Column::TargetBbl, candidate_index::BBL),
        Target::Ondernemer => (
            job_seeker::Column::TargetOndernemer,
            candidate_index::ONDERNEMER,
        ),
    }
}

/// A criterion after the policy check, with what the check resolved (a vacancy's demands).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Keywords(String),
    Occupations(Vec<i32>),
    Municipalities(Vec<i32>),
    Target(Target),
    HasPhoto,
    HasVideo,
    /// Only candidates who consented to show their work capacity (policy: WithConsent),
    /// with at least this capacity per slot (sitting, standing, walking, bending, lifting,
    /// hours per day; `None`: no demand).
    Fit([Option<i16>; 6]),
}

/// A filter that passed the policy check: its terms and its order.
#[derive(Clone, Debug)]
pub struct Search {
    pub terms: Vec<Term>,
    /// The sort field (if any); default: most recently updated first.
    pub sort: Option<Field>,
}

impl Search {
    /// Checks a filter against the policy: refuses a filter or sort on anything the employer
    /// may not read, and a fit for a vacancy of another organisation.
    pub async fn new<C: ConnectionTrait>(
        db: &C,
        principal: &Principal,
        filter: &CandidateFilter,
    ) -> Result<Search, AppError> {
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
        let mut terms = Vec::new();
        for c in filter.criteria() {
            if let Some(f) = c.fields().iter().find(|f| !allowed.contains(*f)) {
                return Err(AppError::FieldNotReadable {
                    field: f.code().into(),
                });
            }
            terms.push(match c {
                Criterion::Keywords(q) => Term::Keywords(q),
                Criterion::Occupations(ids) => Term::Occupations(ids),
                Criterion::Municipalities(ids) => Term::Municipalities(ids),
                Criterion::Target(t) => Term::Target(t),
                Criterion::HasPhoto => Term::HasPhoto,
                Criterion::HasVideo => Term::HasVideo,
                Criterion::FitFor(id) => {
                    // Fit for a vacancy is an employer's own vacancy.
                    let me = typed::<Employer>(principal.clone())?;
                    let v = me.vacancy(db, id).await?;
                    let demand = |d: i16| (d > 0).then_some(d);
                    Term::Fit([
                        demand(v.pd_sitting),
                        demand(v.pd_standing),
                        demand(v.pd_walking),
                        demand(v.pd_bending),
                        demand(v.pd_lifting),
                        Some((v.hours_per_week + 4) / 5),
                    ])
                }
            });
        }
        Ok(Search { terms, sort })
    }

    /// The SQL of one term; `None` for a term that asks nothing (keywords without a word).
    /// `rows_only`: only the tests on the profile row itself, leaving out the two that search
    /// another index (keywords, occupations); used to re-check rows already found.
    async fn sql<C: ConnectionTrait>(
        db: &C,
        term: &Term,
        rows_only: bool,
    ) -> Result<Option<Condition>, AppError> {
        let all = |exprs: Vec<SimpleExpr>| {
            Some(exprs.into_iter().fold(Condition::all(), |c, e| c.add(e)))
        };
        Ok(match term {
            Term::Keywords(_) | Term::Occupations(_) if rows_only => None,
            Term::Keywords(q) => keyword_condition(db, q).await?.and_then(|e| all(vec![e])),
            Term::Occupations(ids) => all(vec![
                job_seeker::Column::Id.in_subquery(
                    Query::select()
                        .column(job_seeker_occupation::Column::JobSeekerId)
                        .from(job_seeker_occupation::Entity)
                        .and_where(
                            job_seeker_occupation::Column::OccupationId.is_in(ids.iter().copied()),
                        )
                        .to_owned(),
                ),
            ]),
            // `row_test`: a test on every row, not an index to search by (the list's own
            // order is the faster way through, see the filter index).
            Term::Municipalities(ids) => all(vec![sea_orm::sea_query::ExprTrait::is_in(
                dialect::row_test(Expr::col((
                    job_seeker::Entity,
                    job_seeker::Column::MunicipalityId,
                ))),
                ids.iter().copied(),
            )]),
            Term::Target(t) => all(vec![target(*t).0.eq(true)]),
            Term::HasPhoto => all(vec![job_seeker::Column::PhotoKey.is_not_null()]),
            Term::HasVideo => all(vec![job_seeker::Column::VideoKey.is_not_null()]),
            Term::Fit(min) => all(std::iter::once(
                job_seeker::Column::WorkCapacityConsent.eq(true),
            )
            .chain(
                CAPACITY
                    .into_iter()
                    .zip(min)
                    .filter_map(|(col, m)| m.map(|m| col.gte(m))),
            )
            .collect()),
        })
    }

    /// The scope and every term, as one condition.
    async fn condition<C: ConnectionTrait>(
        &self,
        db: &C,
        scope: Condition,
        rows_only: bool,
    ) -> Result<Condition, AppError> {
        let mut cond = scope;
        for t in &self.terms {
            if let Some(c) = Self::sql(db, t, rows_only).await? {
                cond = cond.add(c);
            }
        }
        Ok(cond)
    }

    /// The row scope and every row term (not keywords and occupations): the check on every
    /// row a page shows.
    pub async fn row_condition<C: ConnectionTrait>(
        &self,
        db: &C,
        scope: Condition,
    ) -> Result<Condition, AppError> {
        self.condition(db, scope, true).await
    }

    /// The query of this search: row scope from the session, then every term, in the list's
    /// order.
    pub async fn select<C: ConnectionTrait>(
        &self,
        db: &C,
        principal: &Principal,
    ) -> Result<Select<job_seeker::Entity>, AppError> {
        let cond = self
            .condition(db, principal.scope.profiles(db).await?, false)
            .await?;
        let select = job_seeker::Entity::find().filter(cond);
        Ok(match self.sort {
            Some(field) => candidate_index::names::name_order_by(name_order(field))
                .into_iter()
                .fold(select, |s, by| s.order_by(by, sea_orm::Order::Asc)),
            None => select
                .order_by_desc(job_seeker::Column::UpdatedAt)
                .order_by_asc(job_seeker::Column::Id),
        })
    }

    /// The same search for the in-process candidate index; `None` when the principal has no
    /// employer reach.
    pub async fn index_criteria<C: ConnectionTrait>(
        &self,
        db: &C,
        principal: &Principal,
    ) -> Result<Option<Criteria>, AppError> {
        let Some(municipalities) = principal.employer_reach(db).await? else {
            return Ok(None);
        };
        let mut c = Criteria {
            municipalities,
            required: candidate_index::ACTIVE,
            fit: None,
            keyword: None,
            occupations: None,
            order: self.sort.map_or(Order::Recent, name_order),
        };
        for t in &self.terms {
            match t {
                Term::Keywords(q) => c.keyword = crate::foundation::words::query(q),
                Term::Occupations(ids) => {
                    c.occupations = candidate_index::occupation_ids(db, ids).await?
                }
                Term::Municipalities(ids) => c.municipalities.retain(|m| ids.contains(m)),
                Term::Target(t) => c.required |= target(*t).1,
                Term::HasPhoto => c.required |= candidate_index::PHOTO,
                Term::HasVideo => c.required |= candidate_index::VIDEO,
                Term::Fit(min) => {
                    c.required |= candidate_index::CONSENT;
                    c.fit = Some(min.map(|m| m.unwrap_or(candidate_index::UNKNOWN)));
                }
            }
        }
        Ok(Some(c))
    }

    /// The first `COUNT_CAP + 1` matches by SQL alone (no index).
    pub async fn sql_matches<C: ConnectionTrait>(
        &self,
        db: &C,
        principal: &Principal,
    ) -> Result<Vec<i32>, AppError> {
        capped_matches(db, &self.select(db, principal).await?, self.sort).await
    }
}

/// The rows among `ids` that meet `condition` (a `Search::row_condition`), in no order.
pub async fn rows<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
    condition: Condition,
) -> Result<Vec<job_seeker::Model>, AppError> {
    Ok(job_seeker::Entity::find()
        .filter(job_seeker::Column::Id.is_in(ids))
        .filter(condition)
        .all(db)
        .await?)
}

/// The query of a filter (checked first): what a saved search's digest runs.
pub async fn query<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    filter: &CandidateFilter,
) -> Result<Select<job_seeker::Entity>, AppError> {
    Search::new(db, principal, filter)
        .await?
        .select(db, principal)
        .await
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

/// The ids of the first `COUNT_CAP + 1` matches of `query`, in the list's order. One walk
/// over the filter index answers both the count (capped) and every page.
pub fn capped_ids_statement(query: &Select<job_seeker::Entity>) -> SelectStatement {
    query
        .clone()
        .select_only()
        .column(job_seeker::Column::Id)
        .limit(COUNT_CAP + 1)
        .into_query()
}

async fn ids<C: ConnectionTrait>(db: &C, stmt: &SelectStatement) -> Result<Vec<i32>, AppError> {
    Ok(db
        .query_all_raw(db.get_database_backend().build(stmt))
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<Result<_, _>>()?)
}

/// The index's name order for a sort field of the filter (`SORTABLE`).
fn name_order(field: Field) -> Order {
    match field {
        Field::FirstName => Order::FirstName,
        _ => Order::LastName,
    }
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
    let mut few = Query::select()
        .column(job_seeker::Column::Id)
        .from(job_seeker::Entity)
        .and_where(job_seeker::Column::Id.is_in(found))
        .to_owned();
    for by in candidate_index::names::name_order_by(name_order(by_name.unwrap_or(Field::LastName)))
    {
        few.order_by_expr(by, sea_orm::Order::Asc);
    }
    ids(db, &few).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every target group has its own column and its own index bit.
    #[test]
    fn each_target_has_its_own_column_and_bit() {
        let mut bits = 0u8;
        let mut cols = Vec::new();
        for t in Target::ALL {
            let (col, bit) = target(t);
            assert_eq!(bits & bit, 0, "{t:?}");
            bits |= bit;
            let col = format!("{col:?}");
            assert!(!cols.contains(&col), "{t:?}");
            cols.push(col);
        }
    }
}
