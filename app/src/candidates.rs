//! Employers' "Kandidaten": active job seekers of the organisation's region, with only the
//! fields employers may read, filtered live while the employer types.

use crate::domain::{Occupation, WorkCapacity};
use crate::error::AppError;
use crate::policy::{Field, FieldSet};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A candidate as an employer sees it. The type has no field for client number, gender, birth
/// date or postcode: those can never reach an employer. Work capacity is present only when the
/// job seeker consented (and filled it in).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateView {
    pub id: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_banenafspraak: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_praktijkroute: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_bbl: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ondernemer: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interests: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talents: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_work: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_occupations: Option<Vec<Occupation>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_capacity: Option<WorkCapacity>,
}

impl CandidateView {
    pub fn full_name(&self) -> String {
        format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or_default(),
            self.last_name.as_deref().unwrap_or_default()
        )
        .trim()
        .to_string()
    }

    pub fn target_labels(&self) -> Vec<&'static str> {
        crate::domain::TargetGroups {
            banenafspraak: self.target_banenafspraak.unwrap_or(false),
            praktijkroute: self.target_praktijkroute.unwrap_or(false),
            bbl: self.target_bbl.unwrap_or(false),
            ondernemer: self.target_ondernemer.unwrap_or(false),
        }
        .labels()
    }
}

/// The employer's filter. Every criterion maps to a field the employer may read
/// (`fields_used`); there is no way to express a filter on a hidden field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateFilter {
    /// Keywords over interests, talents, motivation and desired work.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub banenafspraak: bool,
    #[serde(default)]
    pub praktijkroute: bool,
    #[serde(default)]
    pub bbl: bool,
    #[serde(default)]
    pub ondernemer: bool,
    /// 0-based page.
    #[serde(default)]
    pub page: u32,
}

pub const PAGE_SIZE: u64 = 20;

impl CandidateFilter {
    /// The policy fields this filter looks at.
    pub fn fields_used(&self) -> FieldSet {
        let mut set = FieldSet::EMPTY;
        if !self.q.trim().is_empty() {
            for f in [
                Field::Interests,
                Field::Talents,
                Field::Motivation,
                Field::DesiredWork,
            ] {
                set.insert(f);
            }
        }
        for (on, f) in [
            (self.banenafspraak, Field::TargetBanenafspraak),
            (self.praktijkroute, Field::TargetPraktijkroute),
            (self.bbl, Field::TargetBbl),
            (self.ondernemer, Field::TargetOndernemer),
        ] {
            if on {
                set.insert(f);
            }
        }
        set
    }

    /// The filter from the page URL's query string (so a link shows the same result).
    pub fn from_query(q: &leptos_router::params::ParamsMap) -> Self {
        let flag = |k: &str| q.get(k).is_some_and(|v| v == "1");
        CandidateFilter {
            q: q.get("q").unwrap_or_default(),
            banenafspraak: flag("banenafspraak"),
            praktijkroute: flag("praktijkroute"),
            bbl: flag("bbl"),
            ondernemer: flag("ondernemer"),
            page: q
                .get("pagina")
                .and_then(|p| p.parse::<u32>().ok())
                .map_or(0, |p| p.saturating_sub(1)),
        }
    }

    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", urlencode(&self.q)));
        }
        for (on, k) in [
            (self.banenafspraak, "banenafspraak"),
            (self.praktijkroute, "praktijkroute"),
            (self.bbl, "bbl"),
            (self.ondernemer, "ondernemer"),
        ] {
            if on {
                parts.push(format!("{k}=1"));
            }
        }
        if self.page > 0 {
            parts.push(format!("pagina={}", self.page + 1));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidatePage {
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub items: Vec<CandidateView>,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::paging;
    use crate::policy::{self, Audience, ReadContext};
    use crate::profile::ssr::{ProfileRecord, project, records};
    use entity::job_seeker;
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

    /// The employer's view of a record: projected with the employer's readable fields for this
    /// profile (work capacity only with consent), then narrowed to the employer type.
    pub fn candidate_view(rec: &ProfileRecord) -> CandidateView {
        let ctx = ReadContext {
            work_capacity_consent: rec.model.work_capacity_consent,
            agreement: FieldSet::EMPTY,
        };
        let v = project(
            rec,
            Audience::Employer,
            policy::readable(Audience::Employer, &ctx),
        );
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
        }
    }

    fn keyword_condition(q: &str) -> Condition {
        let mut all = Condition::all();
        for word in q.split_whitespace().take(8) {
            let pattern = format!("%{}%", word.to_lowercase().replace(['%', '_'], ""));
            let mut any = Condition::any();
            for col in [
                job_seeker::Column::Interests,
                job_seeker::Column::Talents,
                job_seeker::Column::Motivation,
                job_seeker::Column::DesiredWork,
            ] {
                any = any.add(Expr::expr(Func::lower(Expr::col(col))).like(pattern.clone()));
            }
            all = all.add(any);
        }
        all
    }

    pub async fn search<C: ConnectionTrait>(
        db: &C,
        principal: &Principal,
        filter: &CandidateFilter,
    ) -> Result<CandidatePage, AppError> {
        // A filter may only look at fields the employer can read without conditions.
        let allowed = policy::readable_unconditionally(Audience::Employer);
        if let Some(f) = filter.fields_used().iter().find(|f| !allowed.contains(*f)) {
            return Err(AppError::FieldNotReadable {
                field: f.code().into(),
            });
        }
        let mut cond = principal.scope.profiles(db).await?;
        if !filter.q.trim().is_empty() {
            cond = cond.add(keyword_condition(&filter.q));
        }
        for (on, col) in [
            (
                filter.banenafspraak,
                job_seeker::Column::TargetBanenafspraak,
            ),
            (
                filter.praktijkroute,
                job_seeker::Column::TargetPraktijkroute,
            ),
            (filter.bbl, job_seeker::Column::TargetBbl),
            (filter.ondernemer, job_seeker::Column::TargetOndernemer),
        ] {
            if on {
                cond = cond.add(col.eq(true));
            }
        }
        let query = job_seeker::Entity::find()
            .filter(cond)
            .order_by_desc(job_seeker::Column::UpdatedAt)
            .order_by_asc(job_seeker::Column::Id);
        let page = paging::fetch(db, query, filter.page, PAGE_SIZE).await?;
        let items: Vec<CandidateView> = records(db, page.rows)
            .await?
            .iter()
            .map(candidate_view)
            .collect();
        let shown = policy::readable_unconditionally(Audience::Employer);
        audit::record(db, Some(principal), Entry::new("list", "job_seeker", shown)).await?;
        Ok(CandidatePage {
            total: page.total,
            page: page.page,
            pages: page.pages,
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
    ssr::search(&crate::state::db()?, &me, &filter).await
}

/// One candidate, opened by an employer (audited: the job seeker sees who viewed them).
#[server(prefix = "/api", endpoint = "candidates/get")]
pub async fn get_candidate(id: i32) -> Result<CandidateView, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    use crate::policy::Audience;
    let me = require(&[Role::Employer]).await?;
    let db = crate::state::db()?;
    let Some(model) = me.scope.profile(&db, id).await? else {
        return Err(crate::profile::ssr::deny(&db, &me, id).await?);
    };
    let rec = crate::profile::ssr::record(&db, model).await?;
    let view = ssr::candidate_view(&rec);
    let fields = crate::policy::readable(
        Audience::Employer,
        &crate::policy::ReadContext {
            work_capacity_consent: rec.model.work_capacity_consent,
            agreement: FieldSet::EMPTY,
        },
    );
    crate::audit::record(
        &db,
        Some(&me),
        crate::audit::Entry::profile("read", &rec.model, fields),
    )
    .await?;
    Ok(view)
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

#[component]
pub fn CandidatesPage() -> impl IntoView {
    use leptos_router::hooks::{use_navigate, use_query_map};
    let query = use_query_map();
    let filter = Memo::new(move |_| CandidateFilter::from_query(&query.read()));
    let results = Resource::new(move || filter.get(), search_candidates);

    // Typing updates the URL after a short pause (debounce); the URL drives the results.
    let navigate = use_navigate();
    let set_filter = move |f: CandidateFilter| {
        navigate(
            &format!("/kandidaten{}", f.to_query()),
            leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let pending_timer: StoredValue<Option<leptos::prelude::TimeoutHandle>> = StoredValue::new(None);
    let on_keywords = {
        let set_filter = set_filter.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            if let Some(h) = pending_timer.get_value() {
                h.clear();
            }
            let set_filter = set_filter.clone();
            let handle = set_timeout_with_handle(
                move || {
                    let mut f = filter.get_untracked();
                    f.q = value;
                    f.page = 0;
                    set_filter(f);
                },
                std::time::Duration::from_millis(250),
            )
            .ok();
            pending_timer.set_value(handle);
        }
    };
    let flag = |label: &'static str,
                get: fn(&CandidateFilter) -> bool,
                set: fn(&mut CandidateFilter, bool)| {
        let set_filter = set_filter.clone();
        let id = format!("filter-{}", label.to_lowercase());
        view! {
            <div class="utrecht-form-field utrecht-form-field--checkbox">
                <input
                    class="utrecht-checkbox utrecht-checkbox--html-input"
                    type="checkbox"
                    id=id.clone()
                    prop:checked=move || get(&filter.get())
                    on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        set(&mut f, event_target_checked(&ev));
                        f.page = 0;
                        set_filter(f);
                    }
                />
                <label class="utrecht-form-label utrecht-form-label--checkbox" for=id>{label}</label>
            </div>
        }
    };

    view! {
        <h1 class="utrecht-heading-1">"Kandidaten"</h1>
        <p class="utrecht-paragraph">
            "Actieve werkzoekenden uit de gemeenten van jouw regio. De lijst past zich aan terwijl je typt of aanvinkt."
        </p>
        <form class="hw-filter" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="utrecht-form-field utrecht-form-field--text">
                <label class="utrecht-form-label" for="filter-q">"Zoek op interesses, talenten, motivatie of soort werk"</label>
                <input
                    class="utrecht-textbox utrecht-textbox--html-input"
                    id="filter-q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    prop:value=move || filter.get().q
                    on:input=on_keywords
                />
            </div>
            <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend">"Doelgroep"</legend>
                {flag("Banenafspraak", |f| f.banenafspraak, |f, v| f.banenafspraak = v)}
                {flag("Praktijkroute", |f| f.praktijkroute, |f, v| f.praktijkroute = v)}
                {flag("BBL", |f| f.bbl, |f, v| f.bbl = v)}
                {flag("Ondernemer", |f| f.ondernemer, |f, v| f.ondernemer = v)}
            </fieldset>
        </form>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => {
                        let count = match page.total {
                            0 => "Geen kandidaten gevonden.".to_string(),
                            1 => "1 kandidaat gevonden.".to_string(),
                            n => format!("{n} kandidaten gevonden."),
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
                            visible: Field::ALL.to_vec(),
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
                            <crate::profile::ProfileFields view=restrict_to_employer(view) />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The rows an employer page shows: the fields employers may ever read (work capacity only
/// appears when present, i.e. consented).
fn restrict_to_employer(mut v: crate::profile::ProfileView) -> crate::profile::ProfileView {
    let fields = crate::policy::ever_readable(crate::policy::Audience::Employer);
    v.visible.retain(|f| {
        fields.contains(*f) && (*f != Field::WorkCapacity || v.work_capacity.is_some())
    });
    v
}
