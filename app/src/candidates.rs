//! Employers' "Kandidaten": active job seekers of the organisation's region, with only the
//! fields employers may read, filtered live while the employer types.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::policy::{Field, FieldSet};
use leptos::prelude::*;

// The view, the filter and its codec are browser-safe data in the kernel.
pub use kernel::candidates::*;

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;

    use crate::candidate_index::{self, CandidateIndex, Criteria, Order};
    use crate::policy::{self, Audience, ReadContext};
    use crate::profile::ssr::{ProfileRecord, project, records};
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
            return Err(crate::profile::ssr::deny(db, p, id).await?);
        };
        let rec = crate::profile::ssr::record(db, model).await?;
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

    /// The keyword condition on the full-text index of the backend. On SQLite the plan depends
    /// on how common the words are: rare words are looked up by id; for common words the list
    /// is walked in its own order and each row checked against the matches (the unary `+` keeps
    /// SQLite from looking up thousands of rows by id and sorting them).
    async fn keyword_condition<C: ConnectionTrait>(
        db: &C,
        q: &str,
    ) -> Result<Option<SimpleExpr>, AppError> {
        Ok(match db.get_database_backend() {
            DbBackend::Postgres => tsquery(q).map(|t| {
                Expr::cust_with_values(
                    "\"job_seeker\".\"search_nl\" @@ to_tsquery('dutch', $1)",
                    [t],
                )
            }),
            _ => match fts5_query(q) {
                None => None,
                Some(m) => {
                    let estimate = sea_orm::Statement::from_sql_and_values(
                        DbBackend::Sqlite,
                        "SELECT COUNT(*) FROM (SELECT rowid FROM job_seeker_fts WHERE job_seeker_fts MATCH ? LIMIT ?)",
                        [m.clone().into(), (COMMON_KEYWORD + 1).into()],
                    );
                    let n: i64 = db
                        .query_one_raw(estimate)
                        .await?
                        .ok_or(AppError::Internal)?
                        .try_get_by_index(0)?;
                    let plus = if n as u64 > COMMON_KEYWORD { "+" } else { "" };
                    Some(Expr::cust_with_values(
                        format!(
                            "{plus}\"job_seeker\".\"id\" IN (SELECT rowid FROM job_seeker_fts WHERE job_seeker_fts MATCH ?)"
                        ),
                        [m],
                    ))
                }
            },
        })
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
                let v = crate::vacancies::ssr::own_vacancy(db, principal, id).await?;
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
            // Unary plus: a test on every row, not an index to search by (the list's own order
            // is the faster way through, see the filter index).
            cond = cond.add(sea_orm::sea_query::ExprTrait::is_in(
                Expr::cust("+\"job_seeker\".\"municipality_id\""),
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
}

/// Active candidates of the employer's region matching `filter`, a page at a time.
#[server(prefix = "/api", endpoint = "candidates/search", input = leptos::server_fn::codec::Json)]
pub async fn search_candidates(filter: CandidateFilter) -> Result<CandidatePage, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Employer]).await?;
    let state = crate::state::state()?;
    ssr::search(&state.db, &state.candidate_index, &me, &filter).await
}

/// One candidate, opened by an employer (audited: the job seeker sees who viewed them).
#[server(prefix = "/api", endpoint = "candidates/get")]
pub async fn get_candidate(id: i32) -> Result<CandidateView, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Employer]).await?;
    ssr::get(&crate::state::db()?, &me, id).await
}

#[component]
fn CandidateCard(c: CandidateView) -> impl IntoView {
    let name = c.full_name();
    let targets = c.target_labels().join(", ");
    let occupations = c
        .preferred_occupations
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|o| o.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let href = format!("/kandidaten/{}", c.id);
    view! {
        <li class="hw-card">
            {c.photo_url.clone().map(|u| view! { <img class="hw-thumb" src=u alt="" width="64" height="64" /> })}
            <h2 class="utrecht-heading-3">
                <a class="utrecht-link" href=href>{name}</a>
            </h2>
            <p class="utrecht-paragraph">{c.municipality.clone()}</p>
            {(!targets.is_empty()).then(|| view! { <p class="utrecht-paragraph">"Doelgroep: " {targets}</p> })}
            {(!occupations.is_empty()).then(|| view! { <p class="utrecht-paragraph">"Voorkeursberoepen: " {occupations}</p> })}
            {c.desired_work.clone().map(|w| view! { <p class="utrecht-paragraph">"Soort werk: " {w}</p> })}
        </li>
    }
}

/// Reads one criterion of a filter (for a checkbox).
type FilterGet = std::sync::Arc<dyn Fn(&CandidateFilter) -> bool + Send + Sync>;
/// Sets one criterion of a filter (for a checkbox).
type FilterSet = std::sync::Arc<dyn Fn(&mut CandidateFilter, bool) + Send + Sync>;

/// Time between the last keystroke and the search: short, so the list follows the typing.
pub const DEBOUNCE_MS: u64 = 80;

#[component]
pub fn CandidatesPage() -> impl IntoView {
    use crate::occupations::{occupations_by_id, search_occupations};
    use crate::saved_searches::{DeleteSavedSearch, SaveSearch, saved_searches};
    use crate::vacancies::{list_my_vacancies, region_places};
    use leptos_router::hooks::{use_navigate, use_query_map};
    let query = use_query_map();
    let filter = Memo::new(move |_| CandidateFilter::from_query(|k| query.read().get(k)));
    let results = Resource::new(move || filter.get(), search_candidates);
    let places = Resource::new(|| (), |_| region_places());
    let vacancies = Resource::new(|| (), |_| list_my_vacancies());
    let chosen = Resource::new(
        move || filter.get().occupations,
        |ids| async move {
            if ids.is_empty() {
                Ok(vec![])
            } else {
                occupations_by_id(ids).await
            }
        },
    );
    let save = ServerAction::<SaveSearch>::new();
    let delete = ServerAction::<DeleteSavedSearch>::new();
    let saved = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| saved_searches(),
    );

    // Every change goes into the URL (replace, no scroll); the URL drives the results.
    // (`update` captures only Copy handles, so it is Copy itself.)
    let navigate = StoredValue::new(use_navigate());
    let update = move |change: &dyn Fn(&mut CandidateFilter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        f.page = 0;
        navigate.with_value(|nav| {
            nav(
                &format!("/kandidaten{}", f.to_query()),
                leptos_router::NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            )
        });
    };
    let pending_timer: StoredValue<Option<leptos::prelude::TimeoutHandle>> = StoredValue::new(None);
    let on_keywords = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(h) = pending_timer.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || update(&|f| f.q = value.clone()),
            std::time::Duration::from_millis(DEBOUNCE_MS),
        )
        .ok();
        pending_timer.set_value(handle);
    };
    let occupation_query = RwSignal::new(String::new());
    let suggestions = Resource::new(
        move || occupation_query.get(),
        |q| async move {
            if q.trim().chars().count() < 2 {
                Ok(vec![])
            } else {
                search_occupations(q).await
            }
        },
    );
    let checkbox = move |id: String, label: String, get: FilterGet, set: FilterSet| {
        view! {
            <div class="utrecht-form-field utrecht-form-field--checkbox">
                <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=id.clone()
                    prop:checked=move || get(&filter.get())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&|f| set(f, on));
                    } />
                <label class="utrecht-form-label utrecht-form-label--checkbox" for=id>{label}</label>
            </div>
        }
    };
    let flag = move |key: &'static str,
                     label: &'static str,
                     get: fn(&CandidateFilter) -> bool,
                     set: fn(&mut CandidateFilter, bool)| {
        checkbox(
            format!("filter-{key}"),
            label.to_string(),
            std::sync::Arc::new(get),
            std::sync::Arc::new(set),
        )
    };
    let save_name = RwSignal::new(String::new());
    let save_daily = RwSignal::new(true);

    view! {
        <h1 class="utrecht-heading-1">"Kandidaten"</h1>
        <p class="utrecht-paragraph">
            "Actieve werkzoekenden uit de gemeenten van jouw regio. De lijst past zich aan terwijl je typt of aanvinkt; "
            "de zoekopdracht staat in het adres, zodat je hem kunt bewaren of delen."
        </p>
        <div class="hw-dashboard">
        <form class="hw-filter" role="search" aria-label="Kandidaten filteren" on:submit=|ev| ev.prevent_default()>
            <div class="utrecht-form-field utrecht-form-field--text">
                <label class="utrecht-form-label" for="filter-q">"Zoek op interesses, talenten, motivatie of soort werk"</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="filter-q" name="q" type="search" autocomplete="off"
                    prop:value=move || filter.get().q on:input=on_keywords />
            </div>
            <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend">"Voorkeursberoep"</legend>
                <Transition fallback=|| ()>
                    <ul class="hw-suggestions" data-testid="filter-occupations">
                        {move || Suspend::new(async move {
                            chosen.await.unwrap_or_default().into_iter().map(|o| {
                                let oid = o.id;
                                view! {
                                    <li><button class="utrecht-button utrecht-button--subtle" type="button"
                                        on:click=move |_| update(&|f| f.occupations.retain(|x| *x != oid))>
                                        {format!("{} ✕", o.name)}<span class="hw-visually-hidden">" (verwijderen uit filter)"</span>
                                    </button></li>
                                }
                            }).collect_view()
                        })}
                    </ul>
                </Transition>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="filter-occupation">"Beroep toevoegen"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="filter-occupation" type="search" autocomplete="off"
                        prop:value=move || occupation_query.get() on:input=move |ev| occupation_query.set(event_target_value(&ev)) />
                </div>
                <Transition fallback=|| ()>
                    <ul class="hw-suggestions" aria-live="polite">
                        {move || Suspend::new(async move {
                            suggestions.await.unwrap_or_default().into_iter().map(|o| {
                                let oid = o.id;
                                view! {
                                    <li><button class="utrecht-button utrecht-button--secondary-action" type="button"
                                        on:click=move |_| { occupation_query.set(String::new()); update(&|f| if !f.occupations.contains(&oid) { f.occupations.push(oid) }) }>
                                        {format!("Filter op {}", o.name)}
                                    </button></li>
                                }
                            }).collect_view()
                        })}
                    </ul>
                </Transition>
            </fieldset>
            <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend">"Gemeente"</legend>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        places.await.unwrap_or_default().into_iter().map(|p| {
                            let pid = p.id;
                            checkbox(
                                format!("filter-gemeente-{pid}"),
                                p.name,
                                std::sync::Arc::new(move |f: &CandidateFilter| f.municipalities.contains(&pid)),
                                std::sync::Arc::new(move |f: &mut CandidateFilter, on: bool| {
                                    f.municipalities.retain(|x| *x != pid);
                                    if on { f.municipalities.push(pid) }
                                }),
                            )
                        }).collect_view()
                    })}
                </Suspense>
            </fieldset>
            <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend">"Doelgroep"</legend>
                {flag("banenafspraak", "Banenafspraak", |f| f.banenafspraak, |f, v| f.banenafspraak = v)}
                {flag("praktijkroute", "Praktijkroute", |f| f.praktijkroute, |f, v| f.praktijkroute = v)}
                {flag("bbl", "BBL", |f| f.bbl, |f, v| f.bbl = v)}
                {flag("ondernemer", "Ondernemer", |f| f.ondernemer, |f, v| f.ondernemer = v)}
            </fieldset>
            <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend">"Profiel"</legend>
                {flag("foto", "Met foto", |f| f.has_photo, |f, v| f.has_photo = v)}
                {flag("video", "Met video", |f| f.has_video, |f, v| f.has_video = v)}
            </fieldset>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="filter-fit">"Lichamelijk passend bij vacature"</label>
                <p class="utrecht-form-field-description" id="filter-fit-hint">"Alleen kandidaten die hun belastbaarheid met werkgevers delen."</p>
                <select class="utrecht-select utrecht-select--html-select" id="filter-fit" aria-describedby="filter-fit-hint"
                    on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); update(&|f| f.fit_vacancy = v) }>
                    <option value="" selected=move || filter.get().fit_vacancy.is_none()>"Geen"</option>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            vacancies.await.unwrap_or_default().into_iter().filter(|v| v.status == crate::domain::VacancyStatus::Open).map(|v| {
                                let vid = v.id;
                                view! { <option value=vid.to_string() selected=move || filter.get().fit_vacancy == Some(vid)>{v.title}</option> }
                            }).collect_view()
                        })}
                    </Suspense>
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="filter-sort">"Sorteren"</label>
                <select class="utrecht-select utrecht-select--html-select" id="filter-sort"
                    on:change=move |ev| { let v = event_target_value(&ev); update(&|f| f.sort = (!v.is_empty()).then(|| v.clone())) }>
                    <option value="" selected=move || filter.get().sort.is_none()>"Laatst bijgewerkt"</option>
                    {SORTABLE.into_iter().map(|f| view! { <option value=f.code() selected=move || filter.get().sort.as_deref() == Some(f.code())>{f.label()}</option> }).collect_view()}
                </select>
            </div>
        </form>
        <div class="hw-results">
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => {
                                                let count = match (page.total, page.more) {
                            (_, true) => format!("Meer dan {COUNT_CAP} kandidaten gevonden. Verfijn je zoekopdracht."),
                            (0, _) => "Geen kandidaten gevonden.".to_string(),
                            (1, _) => "1 kandidaat gevonden.".to_string(),
                            (n, _) => format!("{n} kandidaten gevonden."),
                        };
                        let f = filter.get_untracked();
                        let prev = (page.page > 0).then(|| CandidateFilter { page: page.page - 1, ..f.clone() });
                        let next = (page.page + 1 < page.pages).then(|| CandidateFilter { page: page.page + 1, ..f.clone() });
                        view! {
                            <p class="utrecht-paragraph hw-count" role="status" aria-live="polite" data-testid="candidate-count">{count}</p>
                            <ul class="hw-cards" data-testid="candidate-list">
                                {page.items.into_iter().map(|c| view! { <CandidateCard c /> }).collect_view()}
                            </ul>
                            <crate::layout::Pager
                                page=page.page
                                pages=page.pages
                                prev=prev.map(|p| format!("/kandidaten{}", p.to_query()))
                                next=next.map(|p| format!("/kandidaten{}", p.to_query()))
                            />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section class="hw-section" aria-labelledby="saved-heading">
            <h2 class="utrecht-heading-2" id="saved-heading">"Bewaarde zoekopdrachten"</h2>
            <form class="hw-form hw-form--inline" on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(SaveSearch { name: save_name.get_untracked(), filter: filter.get_untracked(), daily_digest: save_daily.get_untracked() });
            }>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="save-name">"Naam van deze zoekopdracht"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="save-name" bind:value=save_name />
                </div>
                <div class="utrecht-form-field utrecht-form-field--checkbox">
                    <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="save-daily" bind:checked=save_daily />
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for="save-daily">"Stuur me dagelijks nieuwe kandidaten"</label>
                </div>
                {move || match save.value().get() {
                    Some(Err(e)) => Some(view! { <p class="utrecht-form-field-error-message" role="alert">{e.to_string()}</p> }.into_any()),
                    Some(Ok(_)) => Some(view! { <p class="utrecht-paragraph" role="status">"Zoekopdracht bewaard."</p> }.into_any()),
                    None => None,
                }}
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Zoekopdracht bewaren"</button>
            </form>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    view! {
                        <ul class="utrecht-unordered-list" data-testid="saved-searches">
                            {saved.await.unwrap_or_default().into_iter().map(|s| view! {
                                <li class="utrecht-unordered-list__item">
                                    <a class="utrecht-link" href=format!("/kandidaten{}", s.filter.to_query())>{s.name.clone()}</a>
                                    {s.daily_digest.then_some(" (dagelijkse e-mail)")}
                                    <ActionForm action=delete attr:class="hw-inline">
                                        <input type="hidden" name="id" value=s.id.to_string() />
                                        <button class="utrecht-button utrecht-button--subtle" type="submit">{format!("Verwijder {}", s.name)}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
        </section>
        </div>
        </div>
    }
}

#[component]
pub fn CandidateDetailPage() -> impl IntoView {
    use leptos_router::hooks::use_params_map;
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let candidate = Resource::new(id, get_candidate);
    view! {
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/kandidaten">"← Terug naar kandidaten"</a></p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match candidate.await {
                    Ok(c) => {
                        let name = c.full_name();
                        let view = crate::profile::ProfileView {
                            id: c.id,
                            visible: c.visible.clone(),
                            first_name: c.first_name.clone(),
                            last_name: c.last_name.clone(),
                            email: c.email.clone(),
                            phone: c.phone.clone(),
                            municipality: c.municipality.clone(),
                            target_banenafspraak: c.target_banenafspraak,
                            target_praktijkroute: c.target_praktijkroute,
                            target_bbl: c.target_bbl,
                            target_ondernemer: c.target_ondernemer,
                            interests: c.interests.clone(),
                            talents: c.talents.clone(),
                            motivation: c.motivation.clone(),
                            desired_work: c.desired_work.clone(),
                            preferred_occupations: c.preferred_occupations.clone(),
                            photo_url: c.photo_url.clone(),
                            video_url: c.video_url.clone(),
                            work_capacity: c.work_capacity,
                            ..Default::default()
                        };
                        view! {
                            <h1 class="utrecht-heading-1">{name}</h1>
                            <crate::profile::ProfileFields view />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
