//! Pages and server functions of `candidates`; the rules and queries are in `service::search::candidates`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Checkbox, Hidden, Select, TextBox};
use crate::ui::field::{Control, Fieldset, FormField, Need};
use kernel::candidates::*;
use kernel::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Employer;

/// Active candidates of the employer's region matching `filter`, a page at a time.
#[server(prefix = "/api", endpoint = "candidates/search", input = leptos::server_fn::codec::Json)]
pub async fn search_candidates(filter: CandidateFilter) -> Result<CandidatePage, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::search::candidates::search(cx.db(), &cx.state.candidate_index, &me, &filter).await
}

/// One candidate, opened by an employer (audited: the job seeker sees who viewed them).
#[server(prefix = "/api", endpoint = "candidates/get")]
pub async fn get_candidate(id: i32) -> Result<OpenedCandidate, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::search::candidates::get(cx.db(), &me, id).await
}

/// One candidate in the list: the card (SPEC §3), never contact, media or health data; the
/// name opens the full profile, which is counted and audited.
#[component]
fn CandidateListItem(c: CandidateCard) -> impl IntoView {
    let name = c.name();
    let targets = c.target_labels().join(", ");
    let occupations = c
        .preferred_occupations
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|o| o.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let media = match (c.has_photo == Some(true), c.has_video == Some(true)) {
        (true, true) => Some("Heeft een foto en een video"),
        (true, false) => Some("Heeft een foto"),
        (false, true) => Some("Heeft een video"),
        (false, false) => None,
    };
    let href = format!("/kandidaten/{}", c.id);
    view! {
        <li class="hw-card">
            <h2 class="utrecht-heading-3">
                <a class="utrecht-link" href=href>{name}</a>
            </h2>
            <p class="utrecht-paragraph">{c.municipality.clone()}</p>
            {(!targets.is_empty()).then(|| view! { <p class="utrecht-paragraph">"Doelgroep: " {targets}</p> })}
            {(!occupations.is_empty()).then(|| view! { <p class="utrecht-paragraph">"Voorkeursberoepen: " {occupations}</p> })}
            {c.desired_work.clone().map(|w| view! { <p class="utrecht-paragraph">"Soort werk: " {w}</p> })}
            {c.interests.clone().map(|t| view! { <p class="utrecht-paragraph">"Interesses: " {t}</p> })}
            {c.talents.clone().map(|t| view! { <p class="utrecht-paragraph">"Talenten: " {t}</p> })}
            {media.map(|m| view! { <p class="utrecht-paragraph">{m}</p> })}
        </li>
    }
}

/// Reads one criterion of a filter (for a checkbox).
type FilterGet = std::sync::Arc<dyn Fn(&CandidateFilter) -> bool + Send + Sync>;
/// Sets one criterion of a filter (for a checkbox).
type FilterSet = std::sync::Arc<dyn Fn(&mut CandidateFilter, bool) + Send + Sync>;

/// Time between the last keystroke and the search: short, so the list follows the typing
/// (the keystroke benchmark found 87 of the median 128 ms spent waiting here at 80 ms), long
/// enough that a fast typist's burst (a key every 15 to 40 ms) sends one search.
pub const DEBOUNCE_MS: u64 = 50;

#[component]
pub fn CandidatesPage() -> impl IntoView {
    use crate::employer::saved_searches::{DeleteSavedSearch, SaveSearch, saved_searches};
    use crate::employer::vacancies::{open_vacancies, region_places};
    use crate::model::occupations::{occupations_by_id, search_occupations};
    use leptos_router::hooks::{use_navigate, use_query_map};
    let query = use_query_map();
    let filter = Memo::new(move |_| CandidateFilter::from_query(|k| query.read().get(k)));
    // Each result carries the keywords it was found for, and the list says them (`data-q`):
    // the keystroke benchmark waits for the result of exactly what was typed.
    let results = Resource::new(
        move || filter.get(),
        |f| async move {
            let q = f.q.clone();
            search_candidates(f).await.map(|page| (q, page))
        },
    );
    let places = Resource::new(|| (), |_| region_places());
    let vacancies = Resource::new(|| (), |_| open_vacancies());
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
            <FormField id=id label=label control=Control::Checkbox>
                <Checkbox
                    prop:checked=move || get(&filter.get())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&|f| set(f, on));
                    } />
            </FormField>
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
    let criteria_open = RwSignal::new(false);
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
            <FormField id="filter-q" label="Zoek op interesses, talenten, motivatie of soort werk" need=Need::Unmarked>
                <TextBox name="q" kind="search" autocomplete="off" prop:value=move || filter.get().q on:input=on_keywords />
            </FormField>
            // On a small screen the other criteria fold away, so the list follows the keywords.
            <crate::ui::fold::FoldButton open=criteria_open controls="filter-criteria" label="Meer filters" />
            <div class="hw-filter hw-fold" class:hw-open=move || criteria_open.get() id="filter-criteria">
            <Fieldset legend="Voorkeursberoep" id="filter-occupations" need=Need::Unmarked>
                <Transition fallback=|| ()>
                    <ul class="hw-suggestions" data-testid="filter-occupations">
                        {move || Suspend::new(async move {
                            chosen.await.unwrap_or_default().into_iter().map(|o| {
                                let oid = o.id;
                                view! {
                                    <li><Button appearance=Appearance::Subtle kind="button"
                                        on:click=move |_| update(&|f| f.occupations.retain(|x| *x != oid))>
                                        {format!("{} ✕", o.name)}<span class="hw-visually-hidden">" (verwijderen uit filter)"</span>
                                    </Button></li>
                                }
                            }).collect_view()
                        })}
                    </ul>
                </Transition>
                <FormField id="filter-occupation" label="Beroep toevoegen" need=Need::Unmarked>
                    <TextBox kind="search" autocomplete="off"
                        prop:value=move || occupation_query.get() on:input=move |ev| occupation_query.set(event_target_value(&ev)) />
                </FormField>
                <Transition fallback=|| ()>
                    <ul class="hw-suggestions" aria-live="polite">
                        {move || Suspend::new(async move {
                            suggestions.await.unwrap_or_default().into_iter().map(|o| {
                                let oid = o.id;
                                view! {
                                    <li><Button appearance=Appearance::Secondary kind="button"
                                        on:click=move |_| { occupation_query.set(String::new()); update(&|f| if !f.occupations.contains(&oid) { f.occupations.push(oid) }) }>
                                        {format!("Filter op {}", o.name)}
                                    </Button></li>
                                }
                            }).collect_view()
                        })}
                    </ul>
                </Transition>
            </Fieldset>
            <Fieldset legend="Gemeente" id="filter-gemeenten" need=Need::Unmarked>
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
            </Fieldset>
            <Fieldset legend="Doelgroep" id="filter-targets" need=Need::Unmarked>
                {flag("banenafspraak", "Banenafspraak", |f| f.banenafspraak, |f, v| f.banenafspraak = v)}
                {flag("praktijkroute", "Praktijkroute", |f| f.praktijkroute, |f, v| f.praktijkroute = v)}
                {flag("bbl", "BBL", |f| f.bbl, |f, v| f.bbl = v)}
                {flag("ondernemer", "Ondernemer", |f| f.ondernemer, |f, v| f.ondernemer = v)}
            </Fieldset>
            <Fieldset legend="Profiel" id="filter-media" need=Need::Unmarked>
                {flag("foto", "Met foto", |f| f.has_photo, |f, v| f.has_photo = v)}
                {flag("video", "Met video", |f| f.has_video, |f, v| f.has_video = v)}
            </Fieldset>
            <FormField id="filter-fit" label="Lichamelijk passend bij vacature" control=Control::Select need=Need::Unmarked
                description="Alleen kandidaten die hun belastbaarheid met werkgevers delen.">
                <Select
                    on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); update(&|f| f.fit_vacancy = v) }>
                    <option value="" selected=move || filter.get().fit_vacancy.is_none()>"Geen"</option>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            vacancies.await.unwrap_or_default().into_iter().filter(|v| v.status == kernel::domain::VacancyStatus::Open).map(|v| {
                                let vid = v.id;
                                view! { <option value=vid.to_string() selected=move || filter.get().fit_vacancy == Some(vid)>{v.title}</option> }
                            }).collect_view()
                        })}
                    </Suspense>
                </Select>
            </FormField>
            <FormField id="filter-sort" label="Sorteren" control=Control::Select need=Need::Unmarked>
                <Select
                    on:change=move |ev| { let v = event_target_value(&ev); update(&|f| f.sort = (!v.is_empty()).then(|| v.clone())) }>
                    <option value="" selected=move || filter.get().sort.is_none()>"Laatst bijgewerkt"</option>
                    {SORTABLE.into_iter().map(|f| view! { <option value=f.code() selected=move || filter.get().sort.as_deref() == Some(f.code())>{f.label()}</option> }).collect_view()}
                </Select>
            </FormField>
            </div>
        </form>
        <div class="hw-results">
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok((shown_for, page)) => {
                                                let count = match (page.total, page.more) {
                            (_, true) => format!("Meer dan {COUNT_CAP} kandidaten gevonden. Verfijn je zoekopdracht."),
                            (0, _) => "Geen kandidaten gevonden. Maak je zoekopdracht ruimer: minder trefwoorden, of meer gemeenten, beroepen of doelgroepen.".to_string(),
                            (1, _) => "1 kandidaat gevonden.".to_string(),
                            (n, _) => format!("{n} kandidaten gevonden."),
                        };
                        let f = filter.get_untracked();
                        let prev = (page.page > 0).then(|| CandidateFilter { page: page.page - 1, ..f.clone() });
                        let next = (page.page + 1 < page.pages).then(|| CandidateFilter { page: page.page + 1, ..f.clone() });
                        let notice = page.notice.clone();
                        view! {
                            {notice.map(|n| view! { <Alert tone=Tone::Warning attr:data-testid="viewing-notice"><p class="utrecht-paragraph">{n}</p></Alert> })}
                            <crate::ui::count::ResultCount text=count testid="candidate-count" />
                            <ul class="hw-cards" data-testid="candidate-list" data-q=shown_for>
                                {page.items.into_iter().map(|c| view! { <CandidateListItem c /> }).collect_view()}
                            </ul>
                            <crate::ui::paging::Pager
                                page=page.page
                                pages=page.pages
                                prev=prev.map(|p| format!("/kandidaten{}", p.to_query()))
                                next=next.map(|p| format!("/kandidaten{}", p.to_query()))
                            />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section class="hw-section" aria-labelledby="saved-heading">
            <h2 class="utrecht-heading-2" id="saved-heading">"Bewaarde zoekopdrachten"</h2>
            <form class="hw-form hw-form--inline" novalidate on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(SaveSearch { name: save_name.get_untracked(), filter: filter.get_untracked(), daily_digest: save_daily.get_untracked() });
            }>
                <FormField id="save-name" label="Naam van deze zoekopdracht">
                    <TextBox bind=save_name />
                </FormField>
                <FormField id="save-daily" label="Stuur me dagelijks nieuwe kandidaten" control=Control::Checkbox>
                    <Checkbox bind=save_daily />
                </FormField>
                {move || match save.value().get() {
                    Some(Err(e)) => Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any()),
                    Some(Ok(_)) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Zoekopdracht bewaard."</p></Alert> }.into_any()),
                    None => None,
                }}
                <Button appearance=Appearance::Secondary>"Zoekopdracht bewaren"</Button>
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
                                        <Hidden name="id" value=s.id.to_string() />
                                        <Button appearance=Appearance::Subtle>{format!("Verwijder {}", s.name)}</Button>
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
                    Ok(opened) => {
                        let notice = opened.notice;
                        let c = opened.candidate;
                        let name = c.full_name();
                        let view = kernel::views::profile::ProfileView {
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
                            {notice.map(|n| view! { <Alert tone=Tone::Warning attr:data-testid="viewing-notice"><p class="utrecht-paragraph">{n}</p></Alert> })}
                            <crate::ui::profile_fields::ProfileFields view />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
