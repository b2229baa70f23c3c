//! Employers' vacancies: create, edit, open and close for the own organisation (staff of the
//! region read them), the explained matches for a vacancy, and invitations to candidates.

use crate::candidates::CandidateView;
use crate::domain::{Dimension, MAX_LEVEL, Occupation, TargetGroups, VacancyStatus};
use crate::error::AppError;
use crate::matching::Criterion;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancyView {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub occupation: Occupation,
    pub municipality_id: i32,
    pub municipality: String,
    pub hours_per_week: i16,
    /// Physical demands per `Dimension::ALL`, on the work-capacity scale.
    pub demands: [u8; 5],
    pub suits: TargetGroups,
    pub status: VacancyStatus,
    pub created_at: DateTime<Utc>,
}

/// The vacancy form; `id` None creates a new one (as draft).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VacancyForm {
    pub id: Option<i32>,
    pub title: String,
    pub description: String,
    pub occupation_id: i32,
    pub municipality_id: i32,
    pub hours_per_week: i16,
    pub demands: [u8; 5],
    pub suits: TargetGroups,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: i32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateMatch {
    pub candidate: CandidateView,
    pub criteria: Vec<Criterion>,
    /// Already invited (or interested) for this vacancy.
    pub contact: Option<crate::domain::InvitationStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchList {
    pub order: String,
    pub items: Vec<CandidateMatch>,
}

/// How many matches a vacancy page lists.
pub const MAX_MATCHES: usize = 50;

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::candidates::ssr::{candidate_view, shown_entries};
    use crate::domain::InvitationStatus;
    use crate::invitations::ssr as inv;
    use crate::matching::{SeekerFacts, criteria, is_match, met_count};
    use crate::profile::ssr::records;
    use crate::scope::Scope;
    use crate::validate;
    use entity::{
        employer, invitation, job_seeker, job_seeker_occupation, municipality, occupation, vacancy,
    };
    use sea_orm::sea_query::Query;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
        QueryOrder, QuerySelect, Set,
    };
    use std::collections::HashMap;

    /// The employer organisation of the caller, with its region.
    pub fn organisation(p: &Principal) -> Result<(i32, i32), AppError> {
        match p.scope {
            Scope::Organisation {
                employer_id,
                region_id,
            } => Ok((employer_id, region_id)),
            _ => Err(AppError::Forbidden),
        }
    }

    /// Vacancies the caller may read: an employer its own, staff those of their region.
    async fn readable_vacancy<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
        id: i32,
    ) -> Result<vacancy::Model, AppError> {
        let v = vacancy::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let allowed = match p.scope {
            Scope::Organisation { employer_id, .. } => v.employer_id == employer_id,
            Scope::Municipality { region_id, .. } => employer::Entity::find_by_id(v.employer_id)
                .one(db)
                .await?
                .is_some_and(|e| e.region_id == region_id),
            _ => false,
        };
        if allowed {
            Ok(v)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// A vacancy of the caller's own organisation (for changes).
    pub async fn own_vacancy<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
        id: i32,
    ) -> Result<vacancy::Model, AppError> {
        let (employer_id, _) = organisation(p)?;
        vacancy::Entity::find_by_id(id)
            .filter(vacancy::Column::EmployerId.eq(employer_id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn views<C: ConnectionTrait>(
        db: &C,
        rows: Vec<vacancy::Model>,
    ) -> Result<Vec<VacancyView>, AppError> {
        let occupations: HashMap<i32, occupation::Model> = occupation::Entity::find()
            .filter(occupation::Column::Id.is_in(rows.iter().map(|v| v.occupation_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let municipalities: HashMap<i32, String> = municipality::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        let level = |v: i16| u8::try_from(v).unwrap_or(0);
        Ok(rows
            .into_iter()
            .map(|v| VacancyView {
                id: v.id,
                occupation: occupations
                    .get(&v.occupation_id)
                    .map(|o| Occupation {
                        id: o.id,
                        isco: o.isco_code.clone(),
                        name: o.name.clone(),
                    })
                    .unwrap_or(Occupation {
                        id: v.occupation_id,
                        isco: String::new(),
                        name: String::new(),
                    }),
                municipality: municipalities
                    .get(&v.municipality_id)
                    .cloned()
                    .unwrap_or_default(),
                municipality_id: v.municipality_id,
                demands: [
                    level(v.pd_sitting),
                    level(v.pd_standing),
                    level(v.pd_walking),
                    level(v.pd_bending),
                    level(v.pd_lifting),
                ],
                suits: TargetGroups {
                    banenafspraak: v.suits_banenafspraak,
                    praktijkroute: v.suits_praktijkroute,
                    bbl: v.suits_bbl,
                    ondernemer: v.suits_ondernemer,
                },
                status: VacancyStatus::from_code(&v.status).unwrap_or(VacancyStatus::Draft),
                title: v.title,
                description: v.description,
                hours_per_week: v.hours_per_week,
                created_at: v.created_at,
            })
            .collect())
    }

    pub async fn list_own<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
    ) -> Result<Vec<VacancyView>, AppError> {
        let (employer_id, _) = organisation(p)?;
        let rows = vacancy::Entity::find()
            .filter(vacancy::Column::EmployerId.eq(employer_id))
            .order_by_desc(vacancy::Column::CreatedAt)
            .all(db)
            .await?;
        views(db, rows).await
    }

    pub async fn get<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
        id: i32,
    ) -> Result<VacancyView, AppError> {
        let v = readable_vacancy(db, p, id).await?;
        Ok(views(db, vec![v]).await?.remove(0))
    }

    pub async fn region_places<C: ConnectionTrait>(
        db: &C,
        region_id: i32,
    ) -> Result<Vec<Place>, AppError> {
        Ok(municipality::Entity::find()
            .filter(municipality::Column::RegionId.eq(region_id))
            .filter(municipality::Column::Active.eq(true))
            .filter(municipality::Column::Active.eq(true))
            .order_by_asc(municipality::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|m| Place {
                id: m.id,
                name: m.name,
            })
            .collect())
    }

    pub async fn save<C: ConnectionTrait + sea_orm::TransactionTrait>(
        db: &C,
        p: &Principal,
        f: VacancyForm,
    ) -> Result<i32, AppError> {
        let (employer_id, region_id) = organisation(p)?;
        let title = f.title.trim().to_string();
        if title.chars().count() < 3 || title.chars().count() > 120 {
            return Err(AppError::invalid(
                "title",
                "Geef de vacature een titel van 3 tot 120 tekens.",
            ));
        }
        let description = validate::free_text(&f.description, "Omschrijving")
            .map_err(|m| AppError::invalid("description", m))?;
        if description.is_empty() {
            return Err(AppError::invalid("description", "Beschrijf het werk."));
        }
        if occupation::Entity::find_by_id(f.occupation_id)
            .one(db)
            .await?
            .is_none()
        {
            return Err(AppError::invalid(
                "occupation_id",
                "Kies een beroep uit de lijst.",
            ));
        }
        if !region_places(db, region_id)
            .await?
            .iter()
            .any(|m| m.id == f.municipality_id)
        {
            return Err(AppError::invalid(
                "municipality_id",
                "Kies een gemeente in je regio.",
            ));
        }
        if !(1..=40).contains(&f.hours_per_week) {
            return Err(AppError::invalid(
                "hours_per_week",
                "Vul een aantal uren per week in van 1 tot 40.",
            ));
        }
        if f.demands.iter().any(|d| *d > MAX_LEVEL) {
            return Err(AppError::invalid(
                "demands",
                "Kies voor elke lichamelijke eis een waarde van de schaal.",
            ));
        }
        let now = Utc::now();
        let mut row = match f.id {
            Some(id) => own_vacancy(db, p, id).await?.into(),
            None => vacancy::ActiveModel {
                employer_id: Set(employer_id),
                status: Set(VacancyStatus::Draft.code().into()),
                created_at: Set(now),
                ..Default::default()
            },
        };
        let d = |i: usize| Set(i16::from(f.demands[i]));
        row.title = Set(title);
        row.description = Set(description);
        row.occupation_id = Set(f.occupation_id);
        row.municipality_id = Set(f.municipality_id);
        row.hours_per_week = Set(f.hours_per_week);
        row.pd_sitting = d(0);
        row.pd_standing = d(1);
        row.pd_walking = d(2);
        row.pd_bending = d(3);
        row.pd_lifting = d(4);
        row.suits_banenafspraak = Set(f.suits.banenafspraak);
        row.suits_praktijkroute = Set(f.suits.praktijkroute);
        row.suits_bbl = Set(f.suits.bbl);
        row.suits_ondernemer = Set(f.suits.ondernemer);
        row.updated_at = Set(now);
        let txn = crate::state::begin_write(db).await?;
        let (saved, action) = if f.id.is_some() {
            (row.update(&txn).await?, "update")
        } else {
            (row.insert(&txn).await?, "create")
        };
        audit::record(
            &txn,
            Some(p),
            Entry::object(action, "vacancy", saved.id).in_municipality(saved.municipality_id),
        )
        .await?;
        sea_orm::TransactionSession::commit(txn).await?;
        Ok(saved.id)
    }

    pub async fn set_status<C: ConnectionTrait + sea_orm::TransactionTrait>(
        db: &C,
        p: &Principal,
        id: i32,
        status: VacancyStatus,
    ) -> Result<(), AppError> {
        let v = own_vacancy(db, p, id).await?;
        let municipality_id = v.municipality_id;
        let mut row: vacancy::ActiveModel = v.into();
        row.status = Set(status.code().into());
        row.updated_at = Set(Utc::now());
        let txn = crate::state::begin_write(db).await?;
        row.update(&txn).await?;
        audit::record(
            &txn,
            Some(p),
            Entry::object(status_action(status), "vacancy", id).in_municipality(municipality_id),
        )
        .await?;
        sea_orm::TransactionSession::commit(txn).await?;
        Ok(())
    }

    /// The audit action of a status change (what happened, in one word).
    fn status_action(status: VacancyStatus) -> &'static str {
        match status {
            VacancyStatus::Draft => "draft",
            VacancyStatus::Open => "open",
            VacancyStatus::Closed => "close",
        }
    }

    /// Candidates that meet the vacancy, with the criteria met and missed. Only facts the
    /// employer may read go into the matcher: they are taken from the employer's view of each
    /// candidate (work capacity only with consent).
    pub async fn matches<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
        id: i32,
    ) -> Result<MatchList, AppError> {
        let v = own_vacancy(db, p, id).await?;
        let facts = inv::vacancy_facts(db, std::slice::from_ref(&v))
            .await?
            .remove(0);
        // Narrow in SQL to candidates that can meet a preference: the occupation, or a target
        // group the vacancy suits; the rest is decided by the matcher.
        let mut any = Condition::any().add(
            job_seeker::Column::Id.in_subquery(
                Query::select()
                    .column(job_seeker_occupation::Column::JobSeekerId)
                    .from(job_seeker_occupation::Entity)
                    .and_where(job_seeker_occupation::Column::OccupationId.eq(v.occupation_id))
                    .to_owned(),
            ),
        );
        for (suits, col) in [
            (
                v.suits_banenafspraak,
                job_seeker::Column::TargetBanenafspraak,
            ),
            (
                v.suits_praktijkroute,
                job_seeker::Column::TargetPraktijkroute,
            ),
            (v.suits_bbl, job_seeker::Column::TargetBbl),
            (v.suits_ondernemer, job_seeker::Column::TargetOndernemer),
        ] {
            if suits {
                any = any.add(col.eq(true));
            }
        }
        let models = p
            .scope
            .people(db)
            .await?
            .filter(any)
            .order_by_desc(job_seeker::Column::UpdatedAt)
            .limit(500)
            .all(db)
            .await?;
        let contacts: HashMap<i32, InvitationStatus> = invitation::Entity::find()
            .filter(invitation::Column::VacancyId.eq(v.id))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|i| InvitationStatus::from_code(&i.status).map(|s| (i.job_seeker_id, s)))
            .collect();
        let recs = records(db, models).await?;
        let mut scored: Vec<(usize, CandidateMatch)> = recs
            .iter()
            .filter_map(|rec| {
                let view = candidate_view(rec);
                let seeker = SeekerFacts {
                    occupation_ids: view
                        .preferred_occupations
                        .iter()
                        .flatten()
                        .map(|o| o.id)
                        .collect(),
                    municipality_id: rec.model.municipality_id,
                    targets: TargetGroups {
                        banenafspraak: view.target_banenafspraak.unwrap_or(false),
                        praktijkroute: view.target_praktijkroute.unwrap_or(false),
                        bbl: view.target_bbl.unwrap_or(false),
                        ondernemer: view.target_ondernemer.unwrap_or(false),
                    },
                    work_capacity: view.work_capacity,
                    desired_work: format!(
                        "{} {}",
                        view.desired_work.as_deref().unwrap_or_default(),
                        view.interests.as_deref().unwrap_or_default()
                    ),
                };
                let c = criteria(&facts, &seeker);
                is_match(&c).then(|| {
                    (
                        met_count(&c),
                        CandidateMatch {
                            contact: contacts.get(&view.id).copied(),
                            candidate: view,
                            criteria: c,
                        },
                    )
                })
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored.truncate(MAX_MATCHES);
        // One entry per candidate shown (one insert); candidates the matcher left out were
        // not shown and get none.
        let shown: Vec<_> = recs
            .into_iter()
            .filter(|r| scored.iter().any(|(_, m)| m.candidate.id == r.model.id))
            .collect();
        audit::record_many(db, Some(p), shown_entries("match", &shown)).await?;
        Ok(MatchList {
            order: crate::matching::ORDER_EXPLAINED.into(),
            items: scored.into_iter().map(|(_, m)| m).collect(),
        })
    }
}

#[server(prefix = "/api", endpoint = "vacancies/mine")]
pub async fn list_my_vacancies() -> Result<Vec<VacancyView>, AppError> {
    use crate::auth::ssr::require;
    let me = require(&[crate::domain::Role::Employer]).await?;
    ssr::list_own(&crate::state::db()?, &me).await
}

#[server(prefix = "/api", endpoint = "vacancies/get")]
pub async fn get_vacancy(id: i32) -> Result<VacancyView, AppError> {
    use crate::auth::ssr::require;
    let me = require(&[crate::domain::Role::Employer, crate::domain::Role::Staff]).await?;
    ssr::get(&crate::state::db()?, &me, id).await
}

#[server(prefix = "/api", endpoint = "vacancies/places")]
pub async fn region_places() -> Result<Vec<Place>, AppError> {
    use crate::auth::ssr::require;
    let me = require(&[crate::domain::Role::Employer]).await?;
    let (_, region_id) = ssr::organisation(&me)?;
    ssr::region_places(&crate::state::db()?, region_id).await
}

#[server(prefix = "/api", endpoint = "vacancies/save", input = leptos::server_fn::codec::Json)]
pub async fn save_vacancy(vacancy: VacancyForm) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    let me = require(&[crate::domain::Role::Employer]).await?;
    ssr::save(&crate::state::db()?, &me, vacancy).await
}

#[server(prefix = "/api", endpoint = "vacancies/status")]
pub async fn set_vacancy_status(id: i32, status: String) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    let me = require(&[crate::domain::Role::Employer]).await?;
    let status = VacancyStatus::from_code(&status).ok_or(AppError::BadRequest)?;
    ssr::set_status(&crate::state::db()?, &me, id, status).await
}

#[server(prefix = "/api", endpoint = "vacancies/matches")]
pub async fn vacancy_matches(id: i32) -> Result<MatchList, AppError> {
    use crate::auth::ssr::require;
    let me = require(&[crate::domain::Role::Employer]).await?;
    ssr::matches(&crate::state::db()?, &me, id).await
}

#[component]
pub fn VacanciesPage() -> impl IntoView {
    let status = ServerAction::<SetVacancyStatus>::new();
    let list = Resource::new(move || status.version().get(), |_| list_my_vacancies());
    view! {
        <h1 class="utrecht-heading-1">"Vacatures"</h1>
        <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/vacatures/nieuw">"Nieuwe vacature"</a></p>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="utrecht-paragraph">"Je organisatie heeft nog geen vacatures."</p> }.into_any(),
                    Ok(list) => view! {
                        <table class="utrecht-table" data-testid="vacancies">
                            <caption class="utrecht-table__caption">"Vacatures van je organisatie"</caption>
                            <thead class="utrecht-table__header">
                                <tr class="utrecht-table__row">
                                    {["Titel", "Beroep", "Gemeente", "Uren", "Status", "Actie"].into_iter().map(|h| view! { <th class="utrecht-table__header-cell" scope="col">{h}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody class="utrecht-table__body">
                                {list.into_iter().map(|v| {
                                    let (next, label) = match v.status {
                                        VacancyStatus::Open => (VacancyStatus::Closed, format!("Sluit {}", v.title)),
                                        _ => (VacancyStatus::Open, format!("Open {}", v.title)),
                                    };
                                    view! {
                                        <tr class="utrecht-table__row">
                                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/vacatures/{}", v.id)>{v.title.clone()}</a></td>
                                            <td class="utrecht-table__cell">{v.occupation.name.clone()}</td>
                                            <td class="utrecht-table__cell">{v.municipality.clone()}</td>
                                            <td class="utrecht-table__cell">{v.hours_per_week}</td>
                                            <td class="utrecht-table__cell">{v.status.label()}</td>
                                            <td class="utrecht-table__cell">
                                                <ActionForm action=status>
                                                    <input type="hidden" name="id" value=v.id.to_string() />
                                                    <input type="hidden" name="status" value=next.code() />
                                                    <button class="utrecht-button utrecht-button--subtle" type="submit">{label}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
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
                    (Err(e), _) | (_, Err(e)) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VacancyEditor(existing: Option<VacancyView>, places: Vec<Place>) -> impl IntoView {
    use crate::occupations::search_occupations;
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
            crate::auth::hard_navigate(&format!("/vacatures/{saved}"));
        }
    });
    let error_for = move |field: &'static str| {
        move || match save.value().get() {
            Some(Err(e)) => e
                .for_field(field)
                .map(|m| view! { <p class="utrecht-form-field-error-message">{m}</p> }),
            _ => None,
        }
    };
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
    let flag = |label: &'static str,
                get: fn(&TargetGroups) -> bool,
                set: fn(&mut TargetGroups, bool)| {
        let fid = format!("suits-{}", label.to_lowercase());
        view! {
            <div class="utrecht-form-field utrecht-form-field--checkbox">
                <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=fid.clone()
                    prop:checked=move || get(&suits.get()) on:change=move |ev| suits.update(|s| set(s, event_target_checked(&ev))) />
                <label class="utrecht-form-label utrecht-form-label--checkbox" for=fid>{label}</label>
            </div>
        }
    };
    view! {
        <h1 class="utrecht-heading-1">{if id.is_some() { "Vacature bewerken" } else { "Nieuwe vacature" }}</h1>
        <form class="hw-form" on:submit=on_submit novalidate>
            <div class="utrecht-form-field utrecht-form-field--text">
                <label class="utrecht-form-label" for="vacancy-title">"Titel"</label>
                {error_for("title")}
                <input class="utrecht-textbox utrecht-textbox--html-input" id="vacancy-title" bind:value=title />
            </div>
            <div class="utrecht-form-field utrecht-form-field--textarea">
                <label class="utrecht-form-label" for="vacancy-description">"Omschrijving"</label>
                {error_for("description")}
                <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="vacancy-description" rows="5"
                    prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <div class="utrecht-form-field utrecht-form-field--text">
                <label class="utrecht-form-label" for="vacancy-occupation">"Beroep"</label>
                {error_for("occupation_id")}
                <p class="utrecht-paragraph" data-testid="vacancy-occupation">{move || occupation.get().map(|o| format!("Gekozen: {} (ISCO {})", o.name, o.isco)).unwrap_or_else(|| "Nog geen beroep gekozen.".into())}</p>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="vacancy-occupation" type="search" autocomplete="off"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                <Transition fallback=|| ()>
                    <ul class="hw-suggestions" aria-live="polite">
                        {move || Suspend::new(async move {
                            suggestions.await.unwrap_or_default().into_iter().map(|o| {
                                let label = format!("Kies {} (ISCO {})", o.name, o.isco);
                                view! { <li><button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| { occupation.set(Some(o.clone())); query.set(String::new()); }>{label}</button></li> }
                            }).collect_view()
                        })}
                    </ul>
                </Transition>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="vacancy-municipality">"Gemeente (werkplek)"</label>
                {error_for("municipality_id")}
                <select class="utrecht-select utrecht-select--html-select" id="vacancy-municipality" on:change=move |ev| municipality.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {places.into_iter().map(|p| view! { <option value=p.id.to_string() selected=move || municipality.get() == p.id>{p.name}</option> }).collect_view()}
                </select>
            </div>
            <div class="utrecht-form-field utrecht-form-field--text">
                <label class="utrecht-form-label" for="vacancy-hours">"Uren per week"</label>
                {error_for("hours_per_week")}
                <input class="utrecht-textbox utrecht-textbox--html-input" id="vacancy-hours" type="number" min="1" max="40" bind:value=hours />
            </div>
            <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend">"Lichamelijke eisen"</legend>
                {error_for("demands")}
                {Dimension::ALL.into_iter().enumerate().map(|(i, d)| {
                    let sid = format!("demand-{}", d.label().to_lowercase());
                    view! {
                        <div class="utrecht-form-field">
                            <label class="utrecht-form-label" for=sid.clone()>{d.label()}</label>
                            <select class="utrecht-select utrecht-select--html-select" id=sid
                                on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(0); demands.update(|ds| ds[i] = v) }>
                                {(0..=MAX_LEVEL).map(|l| view! { <option value=l.to_string() selected=move || demands.get()[i] == l>{if l == 0 { "niet nodig" } else { d.level_label(l) }}</option> }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend">"Geschikt voor doelgroep"</legend>
                {flag("Banenafspraak", |t| t.banenafspraak, |t, v| t.banenafspraak = v)}
                {flag("Praktijkroute", |t| t.praktijkroute, |t, v| t.praktijkroute = v)}
                {flag("BBL", |t| t.bbl, |t, v| t.bbl = v)}
                {flag("Ondernemer", |t| t.ondernemer, |t, v| t.ondernemer = v)}
            </fieldset>
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="utrecht-paragraph" role="status">"Opgeslagen."</p> })}
            <button class="utrecht-button utrecht-button--primary-action" type="submit">"Vacature opslaan"</button>
        </form>
        {id.map(|id| view! { <VacancyMatches id /> })}
    }
}

#[component]
fn VacancyMatches(id: i32) -> impl IntoView {
    let invite = ServerAction::<crate::employer_invitations::InviteCandidate>::new();
    let list = Resource::new(move || invite.version().get(), move |_| vacancy_matches(id));
    view! {
        <section class="hw-section" aria-labelledby="matches-heading">
            <h2 class="utrecht-heading-2" id="matches-heading">"Kandidaten die bij deze vacature passen"</h2>
            {move || match invite.value().get() {
                Some(Err(e)) => Some(view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e.to_string()}</p></div> }.into_any()),
                Some(Ok(_)) => Some(view! { <p class="utrecht-paragraph" role="status">"Uitnodiging verstuurd."</p> }.into_any()),
                None => None,
            }}
            <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                        Ok(m) => view! {
                            <p class="utrecht-paragraph">{m.order.clone()}</p>
                            <ul class="hw-cards hw-cards--wide" data-testid="vacancy-candidates">
                                {m.items.into_iter().map(|c| {
                                    let msg_id = format!("invite-msg-{}", c.candidate.id);
                                    let name = c.candidate.full_name();
                                    view! {
                                        <li class="hw-card">
                                            <h3 class="utrecht-heading-3"><a class="utrecht-link" href=format!("/kandidaten/{}", c.candidate.id)>{name.clone()}</a></h3>
                                            <ul class="utrecht-unordered-list">
                                                {c.criteria.iter().map(|cr| view! { <li class="utrecht-unordered-list__item">{if cr.met { "✔ " } else { "✘ " }}{cr.text.clone()}</li> }).collect_view()}
                                            </ul>
                                            {match c.contact {
                                                Some(s) => view! { <p class="utrecht-paragraph"><strong>{format!("Contact: {}", s.label().to_lowercase())}</strong></p> }.into_any(),
                                                None => view! {
                                                    <ActionForm action=invite attr:class="hw-form">
                                                        <input type="hidden" name="vacancy_id" value=id.to_string() />
                                                        <input type="hidden" name="job_seeker_id" value=c.candidate.id.to_string() />
                                                        <div class="utrecht-form-field utrecht-form-field--textarea">
                                                            <label class="utrecht-form-label" for=msg_id.clone()>{format!("Bericht aan {name}")}</label>
                                                            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=msg_id name="message" rows="2"></textarea>
                                                        </div>
                                                        <button class="utrecht-button utrecht-button--primary-action" type="submit">{format!("Nodig {name} uit")}</button>
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
