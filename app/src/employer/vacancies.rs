//! Pages and server functions of `vacancies`; the rules and queries are in `service::employer::vacancies`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::StatusBadge;
use crate::ui::button::{Appearance, Button, ButtonLink};
use crate::ui::controls::{Checkbox, Hidden, Select, TextArea, TextBox};
use crate::ui::field::{Control, Fieldset, FormField, Need};
use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, Table};
use kernel::domain::{Dimension, MAX_LEVEL, TargetGroups, VacancyStatus};
use kernel::error::AppError;
use kernel::views::paging::Paged;
use kernel::views::vacancies::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Employer;

/// A page of the own organisation's vacancies, draft and open ones first.
#[server(prefix = "/api", endpoint = "vacancies/mine")]
pub async fn list_my_vacancies(page: Option<u32>) -> Result<Paged<VacancyView>, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::vacancies::list_own(cx.db(), &me, page.unwrap_or(0)).await
}

/// The own organisation's open vacancies (bounded by `MAX_UNCLOSED`): what a candidate can be
/// invited for.
#[server(prefix = "/api", endpoint = "vacancies/open")]
pub async fn open_vacancies() -> Result<Vec<VacancyView>, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::vacancies::open_own(cx.db(), &me).await
}

#[server(prefix = "/api", endpoint = "vacancies/get")]
pub async fn get_vacancy(id: i32) -> Result<VacancyView, AppError> {
    let (cx, me) =
        crate::state::caller_any(&[kernel::domain::Role::Employer, kernel::domain::Role::Staff])
            .await?;
    service::employer::vacancies::get(cx.db(), &me, id).await
}

#[server(prefix = "/api", endpoint = "vacancies/places")]
pub async fn region_places() -> Result<Vec<Place>, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    let region_id = me.region_id;
    service::employer::vacancies::region_places(cx.db(), region_id).await
}

#[server(prefix = "/api", endpoint = "vacancies/save", input = leptos::server_fn::codec::Json)]
pub async fn save_vacancy(vacancy: VacancyForm) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::vacancies::save(cx.db(), &me, vacancy).await
}

#[server(prefix = "/api", endpoint = "vacancies/status")]
pub async fn set_vacancy_status(id: i32, status: String) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    let status = VacancyStatus::from_code(&status).ok_or(AppError::BadRequest)?;
    service::employer::vacancies::set_status(cx.db(), &me, id, status).await
}

#[server(prefix = "/api", endpoint = "vacancies/matches")]
pub async fn vacancy_matches(id: i32) -> Result<MatchList, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::vacancies::matches(cx.db(), &me, id).await
}

#[component]
pub fn VacanciesPage() -> impl IntoView {
    let status = ServerAction::<SetVacancyStatus>::new();
    let page = crate::ui::paging::use_page();
    let list = Resource::new(
        move || (status.version().get(), page.get()),
        |(_, page)| list_my_vacancies(Some(page)),
    );
    let failure = move || status.value().get().and_then(|r| r.err());
    view! {
        <h1 class="utrecht-heading-1">"Vacatures"</h1>
        <p class="utrecht-paragraph"><ButtonLink href="/vacatures/nieuw">"Nieuwe vacature"</ButtonLink></p>
        <div aria-live="polite">
            {move || failure().map(|error| view! { <crate::ui::notice::ErrorNotice error /> })}
        </div>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(list) if list.items.is_empty() => view! { <p class="utrecht-paragraph">"Je organisatie heeft nog geen vacatures. Maak er een met \u{201c}Nieuwe vacature\u{201d} hierboven."</p> }.into_any(),
                    Ok(list) => {
                        let (prev, next) = crate::ui::paging::page_links("/vacatures", list.page, list.pages);
                        view! {
                        <Table label="Vacatures" caption="Vacatures van je organisatie" testid="vacancies">
                            <Head>
                                    {["Titel", "Beroep", "Gemeente", "Uren", "Status", "Actie"].into_iter().map(|h| view! { <HeaderCell>{h}</HeaderCell> }).collect_view()}
                            </Head>
                            <Body>
                                {list.items.into_iter().map(|v| {
                                    let (next, label) = match v.status {
                                        VacancyStatus::Open => (VacancyStatus::Closed, format!("Sluit {}", v.title)),
                                        _ => (VacancyStatus::Open, format!("Open {}", v.title)),
                                    };
                                    view! {
                                        <Row>
                                            <Cell><a class="utrecht-link" href=format!("/vacatures/{}", v.id)>{v.title.clone()}</a></Cell>
                                            <Cell>{v.occupation.name.clone()}</Cell>
                                            <Cell>{v.municipality.clone()}</Cell>
                                            <Cell>{v.hours_per_week}</Cell>
                                            <Cell><StatusBadge status=v.status /></Cell>
                                            <Cell>
                                                <ActionForm action=status>
                                                    <Hidden name="id" value=v.id.to_string() />
                                                    <Hidden name="status" value=next.code() />
                                                    <Button appearance=Appearance::Subtle>{label}</Button>
                                                </ActionForm>
                                            </Cell>
                                        </Row>
                                    }
                                }).collect_view()}
                            </Body>
                        </Table>
                        <crate::ui::paging::Pager page=list.page pages=list.pages prev next />
                    }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// Create (no `id` in the route) or edit a vacancy.
#[component]
pub fn VacancyEditPage() -> impl IntoView {
    use leptos_router::hooks::use_params_map;
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok());
    let existing = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_vacancy(id).await.map(Some),
            None => Ok(None),
        }
    });
    let places = Resource::new(|| (), |_| region_places());
    view! {
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/vacatures">"← Terug naar vacatures"</a></p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match (existing.await, places.await) {
                    (Ok(v), Ok(places)) => view! { <VacancyEditor existing=v places /> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VacancyEditor(existing: Option<VacancyView>, places: Vec<Place>) -> impl IntoView {
    use crate::model::occupations::search_occupations;
    let id = existing.as_ref().map(|v| v.id);
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|v| v.title.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|v| v.description.clone())
            .unwrap_or_default(),
    );
    let occupation = RwSignal::new(existing.as_ref().map(|v| v.occupation.clone()));
    let municipality = RwSignal::new(
        existing
            .as_ref()
            .map(|v| v.municipality_id)
            .or(places.first().map(|p| p.id))
            .unwrap_or(0),
    );
    let hours = RwSignal::new(
        existing
            .as_ref()
            .map(|v| v.hours_per_week.to_string())
            .unwrap_or_else(|| "24".into()),
    );
    let demands = RwSignal::new(existing.as_ref().map(|v| v.demands).unwrap_or_default());
    let suits = RwSignal::new(existing.as_ref().map(|v| v.suits).unwrap_or_default());
    let query = RwSignal::new(String::new());
    let suggestions = Resource::new(
        move || query.get(),
        |q| async move {
            if q.trim().chars().count() < 2 {
                Ok(vec![])
            } else {
                search_occupations(q).await
            }
        },
    );
    let save = Action::new(|f: &VacancyForm| {
        let f = f.clone();
        async move { save_vacancy(f).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get()
            && id.is_none()
        {
            crate::identity::auth::hard_navigate(&format!("/vacatures/{saved}"));
        }
    });
    let error_for =
        move |field: &'static str| crate::ui::text_field::field_error(save.value(), field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(VacancyForm {
            id,
            title: title.get_untracked(),
            description: description.get_untracked(),
            occupation_id: occupation.get_untracked().map(|o| o.id).unwrap_or(0),
            municipality_id: municipality.get_untracked(),
            hours_per_week: hours.get_untracked().trim().parse().unwrap_or(0),
            demands: demands.get_untracked(),
            suits: suits.get_untracked(),
        });
    };
    let flag = move |label: &'static str,
                     get: fn(&TargetGroups) -> bool,
                     set: fn(&mut TargetGroups, bool)| {
        let fid = format!("suits-{}", label.to_lowercase());
        view! {
            <FormField id=fid label=label control=Control::Checkbox>
                <Checkbox prop:checked=move || get(&suits.get()) on:change=move |ev| suits.update(|s| set(s, event_target_checked(&ev))) />
            </FormField>
        }
    };
    view! {
        <h1 class="utrecht-heading-1">{if id.is_some() { "Vacature bewerken" } else { "Nieuwe vacature" }}</h1>
        <form class="hw-form" on:submit=on_submit novalidate>
            <FormField id="vacancy-title" label="Titel" error=error_for("title")>
                <TextBox bind=title />
            </FormField>
            <FormField id="vacancy-description" label="Omschrijving" control=Control::TextArea error=error_for("description")>
                <TextArea rows=5 bind=description />
            </FormField>
            <p class="utrecht-paragraph" data-testid="vacancy-occupation">{move || occupation.get().map(|o| format!("Gekozen beroep: {} (ISCO {})", o.name, o.isco)).unwrap_or_else(|| "Nog geen beroep gekozen.".into())}</p>
            <FormField id="vacancy-occupation" label="Beroep" need=Need::Unmarked error=error_for("occupation_id")
                description="Typ een deel van de naam en kies uit de lijst.">
                <TextBox kind="search" autocomplete="off" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            </FormField>
                <Transition fallback=|| ()>
                    <ul class="hw-suggestions" aria-live="polite">
                        {move || Suspend::new(async move {
                            suggestions.await.unwrap_or_default().into_iter().map(|o| {
                                let label = format!("Kies {} (ISCO {})", o.name, o.isco);
                                view! { <li><Button appearance=Appearance::Secondary kind="button" on:click=move |_| { occupation.set(Some(o.clone())); query.set(String::new()); }>{label}</Button></li> }
                            }).collect_view()
                        })}
                    </ul>
                </Transition>
            <FormField id="vacancy-municipality" label="Gemeente (werkplek)" control=Control::Select error=error_for("municipality_id")>
                <Select on:change=move |ev| municipality.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {places.into_iter().map(|p| view! { <option value=p.id.to_string() selected=move || municipality.get() == p.id>{p.name}</option> }).collect_view()}
                </Select>
            </FormField>
            <FormField id="vacancy-hours" label="Uren per week" error=error_for("hours_per_week")>
                <TextBox kind="number" bind=hours attr:min="1" attr:max="40" />
            </FormField>
            <Fieldset legend="Lichamelijke eisen" id="vacancy-demands" error=error_for("demands")>
                {Dimension::ALL.into_iter().enumerate().map(|(i, d)| {
                    let sid = format!("demand-{}", d.label().to_lowercase());
                    view! {
                        <FormField id=sid label=d.label() control=Control::Select>
                            <Select on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(0); demands.update(|ds| ds[i] = v) }>
                                {(0..=MAX_LEVEL).map(|l| view! { <option value=l.to_string() selected=move || demands.get()[i] == l>{if l == 0 { "niet nodig" } else { d.level_label(l) }}</option> }).collect_view()}
                            </Select>
                        </FormField>
                    }
                }).collect_view()}
            </Fieldset>
            <Fieldset legend="Geschikt voor doelgroep" id="vacancy-suits" need=Need::Unmarked>
                {flag("Banenafspraak", |t| t.banenafspraak, |t, v| t.banenafspraak = v)}
                {flag("Praktijkroute", |t| t.praktijkroute, |t, v| t.praktijkroute = v)}
                {flag("BBL", |t| t.bbl, |t, v| t.bbl = v)}
                {flag("Ondernemer", |t| t.ondernemer, |t, v| t.ondernemer = v)}
            </Fieldset>
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Opgeslagen."</p></Alert> })}
            <Button appearance=Appearance::Primary>"Vacature opslaan"</Button>
        </form>
        {id.map(|id| view! { <VacancyMatches id /> })}
    }
}

#[component]
fn VacancyMatches(id: i32) -> impl IntoView {
    let invite = ServerAction::<crate::employer::invitations::InviteCandidate>::new();
    let list = Resource::new(move || invite.version().get(), move |_| vacancy_matches(id));
    view! {
        <section class="hw-section" aria-labelledby="matches-heading">
            <h2 class="utrecht-heading-2" id="matches-heading">"Kandidaten die bij deze vacature passen"</h2>
            {move || match invite.value().get() {
                Some(Err(e)) => Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any()),
                Some(Ok(_)) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Uitnodiging verstuurd."</p></Alert> }.into_any()),
                None => None,
            }}
            <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                        Ok(m) => view! {
                            <p class="utrecht-paragraph">{m.order.clone()}</p>
                            <ul class="hw-cards hw-cards--wide" data-testid="vacancy-candidates">
                                {m.items.into_iter().map(|c| {
                                    let msg_id = format!("invite-msg-{}", c.candidate.id);
                                    let name = c.candidate.name();
                                    view! {
                                        <li class="hw-card">
                                            <h3 class="utrecht-heading-3"><a class="utrecht-link" href=format!("/kandidaten/{}", c.candidate.id)>{name.clone()}</a></h3>
                                            <ul class="utrecht-unordered-list">
                                                {c.criteria.iter().map(|cr| view! { <li class="utrecht-unordered-list__item">{if cr.met { "✔ " } else { "✘ " }}{cr.text.clone()}</li> }).collect_view()}
                                            </ul>
                                            {match c.contact {
                                                Some(status) => view! { <p class="utrecht-paragraph">"Contact: " <StatusBadge status /></p> }.into_any(),
                                                None => view! {
                                                    <ActionForm action=invite attr:class="hw-form">
                                                        <Hidden name="vacancy_id" value=id.to_string() />
                                                        <Hidden name="job_seeker_id" value=c.candidate.id.to_string() />
                                                        <FormField id=msg_id label=format!("Bericht aan {name}") control=Control::TextArea need=Need::Optional>
                                                            <TextArea name="message" rows=2 />
                                                        </FormField>
                                                        <Button appearance=Appearance::Primary>{format!("Nodig {name} uit")}</Button>
                                                    </ActionForm>
                                                }.into_any(),
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
