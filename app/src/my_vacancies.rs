//! "Vacatures voor mij": open vacancies in the job seeker's region that meet their preferences,
//! each with the criteria it meets in words; interest in a vacancy; and the invitations
//! employers sent, to accept or decline.

use crate::domain::InvitationStatus;
use crate::error::AppError;
use crate::invitations::InvitationView;
use crate::matching::{Criterion, ORDER_EXPLAINED};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancyMatch {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub employer: String,
    pub municipality: String,
    pub hours_per_week: i16,
    pub criteria: Vec<Criterion>,
    /// Set when the job seeker already showed interest or was invited.
    pub contact: Option<InvitationStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyVacancies {
    pub matches: Vec<VacancyMatch>,
    pub invitations: Vec<InvitationView>,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::domain::TargetGroups;
    use crate::invitations::{BY_EMPLOYER, BY_JOB_SEEKER, ssr as inv};
    use crate::matching::{SeekerFacts, criteria, is_match, met_count};
    use crate::policy::FieldSet;
    use crate::privacy::ssr::own_profile_id;
    use crate::profile::ssr::{occupations_of, work_capacity};
    use crate::validate;
    use chrono::Utc;
    use entity::{employer, invitation, job_seeker, municipality, vacancy};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
        TransactionSession, TransactionTrait,
    };
    use std::collections::HashMap;

    async fn own<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
    ) -> Result<(job_seeker::Model, i32), AppError> {
        let profile = crate::privacy::ssr::own_profile(db, p).await?;
        let region_id = municipality::Entity::find_by_id(profile.municipality_id)
            .one(db)
            .await?
            .ok_or(AppError::Internal)?
            .region_id;
        Ok((profile, region_id))
    }

    pub async fn overview<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
    ) -> Result<MyVacancies, AppError> {
        let (profile, region_id) = own(db, p).await?;
        let wc = work_capacity(&profile);
        // The job seeker's own data, so everything may be used (including work capacity).
        let seeker = SeekerFacts {
            occupation_ids: occupations_of(db, vec![profile.id])
                .await?
                .remove(&profile.id)
                .unwrap_or_default()
                .iter()
                .map(|o| o.id)
                .collect(),
            municipality_id: profile.municipality_id,
            targets: TargetGroups {
                banenafspraak: profile.target_banenafspraak,
                praktijkroute: profile.target_praktijkroute,
                bbl: profile.target_bbl,
                ondernemer: profile.target_ondernemer,
            },
            work_capacity: (!wc.is_empty()).then_some(wc),
            desired_work: format!(
                "{} {}",
                profile.desired_work.as_deref().unwrap_or_default(),
                profile.interests.as_deref().unwrap_or_default()
            ),
        };
        let vacancies = inv::open_in_region(db, region_id).await?;
        let facts = inv::vacancy_facts(db, &vacancies).await?;
        let employers: HashMap<i32, String> = employer::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|e| (e.id, e.name))
            .collect();
        let contacts: HashMap<i32, InvitationStatus> = invitation::Entity::find()
            .filter(invitation::Column::JobSeekerId.eq(profile.id))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|i| InvitationStatus::from_code(&i.status).map(|s| (i.vacancy_id, s)))
            .collect();
        let mut matches: Vec<(usize, VacancyMatch)> = vacancies
            .into_iter()
            .zip(facts)
            .filter_map(|(v, f)| {
                let c = criteria(&f, &seeker);
                is_match(&c).then(|| {
                    (
                        met_count(&c),
                        VacancyMatch {
                            id: v.id,
                            title: v.title,
                            description: v.description,
                            employer: employers.get(&v.employer_id).cloned().unwrap_or_default(),
                            municipality: f.municipality,
                            hours_per_week: v.hours_per_week,
                            criteria: c,
                            contact: contacts.get(&v.id).copied(),
                        },
                    )
                })
            })
            .collect();
        // Stable sort: equal counts keep the newest-first order of the query.
        matches.sort_by_key(|m| std::cmp::Reverse(m.0));
        Ok(MyVacancies {
            matches: matches.into_iter().map(|(_, m)| m).collect(),
            invitations: inv::of_job_seeker(db, profile.id).await?,
        })
    }

    pub async fn show_interest<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        vacancy_id: i32,
        message: &str,
    ) -> Result<i32, AppError> {
        let (profile, region_id) = own(db, p).await?;
        let open = inv::open_in_region(db, region_id).await?;
        let v: &vacancy::Model = open
            .iter()
            .find(|v| v.id == vacancy_id)
            .ok_or(AppError::NotFound)?;
        let message =
            validate::free_text(message, "Bericht").map_err(|m| AppError::invalid("message", m))?;
        let existing = invitation::Entity::find()
            .filter(invitation::Column::JobSeekerId.eq(profile.id))
            .filter(invitation::Column::VacancyId.eq(vacancy_id))
            .one(db)
            .await?;
        if existing.is_some() {
            return Err(AppError::invalid(
                "vacancy_id",
                "Je hebt al contact over deze vacature.",
            ));
        }
        let now = Utc::now();
        // The contact and its audit entry are one change: both or neither.
        let txn = crate::state::begin_write(db).await?;
        let row = invitation::ActiveModel {
            vacancy_id: Set(v.id),
            job_seeker_id: Set(profile.id),
            employer_id: Set(v.employer_id),
            initiated_by: Set(BY_JOB_SEEKER.into()),
            message: Set(message),
            status: Set(InvitationStatus::Sent.code().into()),
            outcome: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let entry = Entry::profile("interest", &profile, FieldSet::EMPTY).on("invitation", row.id);
        audit::record(&txn, Some(p), entry).await?;
        txn.commit().await?;
        Ok(row.id)
    }

    /// Accepts or declines an employer's invitation to the job seeker.
    pub async fn respond<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        id: i32,
        accept: bool,
    ) -> Result<InvitationStatus, AppError> {
        let own_id = own_profile_id(p)?;
        let row = invitation::Entity::find_by_id(id)
            .filter(invitation::Column::JobSeekerId.eq(own_id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        if row.initiated_by != BY_EMPLOYER || row.status != InvitationStatus::Sent.code() {
            return Err(AppError::invalid(
                "id",
                "Op deze uitnodiging kun je niet (meer) reageren.",
            ));
        }
        let status = if accept {
            InvitationStatus::Accepted
        } else {
            InvitationStatus::Declined
        };
        // The same guarded change as the employer's withdrawal: only a still-open invitation
        // moves, together with its audit entry.
        if !inv::transition(db, p, &row, status, "respond_invitation").await? {
            return Err(AppError::invalid(
                "id",
                "Op deze uitnodiging kun je niet (meer) reageren.",
            ));
        }
        Ok(status)
    }
}

#[server(prefix = "/api", endpoint = "my-vacancies")]
pub async fn vacancies_for_me() -> Result<MyVacancies, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::JobSeeker]).await?;
    ssr::overview(&crate::state::db()?, &me).await
}

#[server(prefix = "/api", endpoint = "my-vacancies/interest")]
pub async fn show_interest(vacancy_id: i32, message: String) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::JobSeeker]).await?;
    ssr::show_interest(&crate::state::db()?, &me, vacancy_id, &message).await
}

#[server(prefix = "/api", endpoint = "my-vacancies/respond")]
pub async fn respond_invitation(id: i32, accept: bool) -> Result<InvitationStatus, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::JobSeeker]).await?;
    ssr::respond(&crate::state::db()?, &me, id, accept).await
}

#[component]
pub fn MyVacanciesPage() -> impl IntoView {
    let interest = ServerAction::<ShowInterest>::new();
    let respond = ServerAction::<RespondInvitation>::new();
    let data = Resource::new(
        move || (interest.version().get(), respond.version().get()),
        |_| vacancies_for_me(),
    );
    let action_error = move || {
        [
            interest.value().get().and_then(|r| r.err()),
            respond.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.to_string())
    };
    view! {
        <h1 class="utrecht-heading-1">"Vacatures voor mij"</h1>
        {move || action_error().map(|e| view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div> })}
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                    Ok(d) => view! {
                        <section class="hw-section" aria-labelledby="invitations-heading">
                            <h2 class="utrecht-heading-2" id="invitations-heading">"Uitnodigingen en interesse"</h2>
                            {if d.invitations.is_empty() {
                                view! { <p class="utrecht-paragraph">"Je hebt nog geen uitnodigingen."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="hw-cards hw-cards--wide" data-testid="invitations">
                                        {d.invitations.into_iter().map(|i| {
                                            let open = i.by_employer && i.status == InvitationStatus::Sent;
                                            let (id, id2) = (i.id.to_string(), i.id.to_string());
                                            view! {
                                                <li class="hw-card">
                                                    <h3 class="utrecht-heading-3">{format!("{} — {}", i.vacancy_title, i.employer)}</h3>
                                                    <p class="utrecht-paragraph">
                                                        {if i.by_employer { "Uitnodiging van de werkgever" } else { "Jij hebt interesse getoond" }}
                                                        {format!(" · {} · {}", i.created_at.format("%d-%m-%Y"), i.status.label())}
                                                        {i.outcome.map(|o| format!(" · {}", o.label()))}
                                                    </p>
                                                    {(!i.message.is_empty()).then(|| view! { <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{i.message.clone()}</p></blockquote> })}
                                                    {open.then(|| view! {
                                                        <div class="utrecht-button-group">
                                                            <ActionForm action=respond>
                                                                <input type="hidden" name="id" value=id />
                                                                <input type="hidden" name="accept" value="true" />
                                                                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Accepteren"</button>
                                                            </ActionForm>
                                                            <ActionForm action=respond>
                                                                <input type="hidden" name="id" value=id2 />
                                                                <input type="hidden" name="accept" value="false" />
                                                                <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Afwijzen"</button>
                                                            </ActionForm>
                                                        </div>
                                                    })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                        <section class="hw-section" aria-labelledby="matches-heading">
                            <h2 class="utrecht-heading-2" id="matches-heading">"Vacatures die bij je passen"</h2>
                            <p class="utrecht-paragraph">{ORDER_EXPLAINED}</p>
                            {if d.matches.is_empty() {
                                view! { <p class="utrecht-paragraph">"Er zijn nu geen open vacatures in je regio die bij je voorkeuren passen. Vul je voorkeursberoepen en het soort werk dat je zoekt aan in je profiel."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="hw-cards hw-cards--wide" data-testid="vacancy-matches">
                                        {d.matches.into_iter().map(|m| {
                                            let label_id = format!("interest-{}", m.id);
                                            view! {
                                                <li class="hw-card">
                                                    <h3 class="utrecht-heading-3">{m.title.clone()}</h3>
                                                    <p class="utrecht-paragraph">{format!("{} · {} · {} uur per week", m.employer, m.municipality, m.hours_per_week)}</p>
                                                    <p class="utrecht-paragraph">{m.description.clone()}</p>
                                                    <ul class="utrecht-unordered-list">
                                                        {m.criteria.iter().map(|c| view! {
                                                            <li class="utrecht-unordered-list__item">{if c.met { "✔ " } else { "✘ " }}{c.text.clone()}</li>
                                                        }).collect_view()}
                                                    </ul>
                                                    {match m.contact {
                                                        Some(s) => view! { <p class="utrecht-paragraph"><strong>{format!("Contact: {}", s.label().to_lowercase())}</strong></p> }.into_any(),
                                                        None => view! {
                                                            <ActionForm action=interest attr:class="hw-form">
                                                                <input type="hidden" name="vacancy_id" value=m.id.to_string() />
                                                                <div class="utrecht-form-field utrecht-form-field--textarea">
                                                                    <label class="utrecht-form-label" for=label_id.clone()>"Bericht aan de werkgever (optioneel)"</label>
                                                                    <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=label_id name="message" rows="2"></textarea>
                                                                </div>
                                                                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Ik heb interesse"</button>
                                                            </ActionForm>
                                                        }.into_any(),
                                                    }}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
