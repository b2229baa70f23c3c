//! Employers' vacancies: create, edit, open and close for the own organisation (staff of the
//! region read them), the explained matches for a vacancy, and invitations to candidates.

use chrono::Utc;
use kernel::domain::{MAX_LEVEL, Occupation, TargetGroups, VacancyStatus};
use kernel::error::AppError;
use kernel::views::vacancies::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Employer;
use crate::access::principal::Principal;
use crate::access::scope::Scope;
use crate::foundation::paging::{self};
use crate::model::invitations as inv;
use crate::model::profile::records;
use crate::search::candidates::{candidate_view, card_of, shown_entries};
use entity::{
    employer, invitation, job_seeker, job_seeker_occupation, municipality, occupation, vacancy,
};
use kernel::domain::InvitationStatus;
use kernel::matching::{SeekerFacts, criteria, is_match, met_count};
use kernel::validate;
use kernel::views::paging::{PAGE_SIZE, Paged};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession,
};
use std::collections::HashMap;

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
        .filter(municipality::Column::Id.is_in(rows.iter().map(|v| v.municipality_id)))
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

/// A page of the own organisation's vacancies: draft and open ones first, newest first.
pub async fn list_own<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
    page: u32,
) -> Result<Paged<VacancyView>, AppError> {
    let employer_id = p.employer_id;
    let query = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.eq(employer_id))
        .order_by_asc(Expr::col(vacancy::Column::Status).eq(VacancyStatus::Closed.code()))
        .order_by_desc(vacancy::Column::CreatedAt)
        .order_by_desc(vacancy::Column::Id);
    let mut page = paging::fetch(db, query, page, PAGE_SIZE).await?;
    let rows = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with_items(rows))
}

/// The own organisation's open vacancies, newest first (at most [`MAX_UNCLOSED`]): the choice
/// of vacancy when inviting a candidate.
pub async fn open_own<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
) -> Result<Vec<VacancyView>, AppError> {
    let employer_id = p.employer_id;
    let rows = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.eq(employer_id))
        .filter(vacancy::Column::Status.eq(VacancyStatus::Open.code()))
        .order_by_desc(vacancy::Column::CreatedAt)
        .limit(MAX_UNCLOSED)
        .all(db)
        .await?;
    views(db, rows).await
}

/// Refuses one more draft or open vacancy once the organisation has [`MAX_UNCLOSED`] (read in
/// the writing transaction, after locking the organisation's row: saves sent at once take turns).
async fn room_for_one_more<C: ConnectionTrait>(db: &C, employer_id: i32) -> Result<(), AppError> {
    crate::foundation::db::lock::<entity::employer::Entity, _>(db, employer_id).await?;
    let unclosed = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.eq(employer_id))
        .filter(vacancy::Column::Status.ne(VacancyStatus::Closed.code()))
        .count(db)
        .await?;
    if unclosed >= MAX_UNCLOSED {
        return Err(AppError::invalid(
            "status",
            format!(
                "Je organisatie heeft al {MAX_UNCLOSED} vacatures die niet gesloten zijn. Sluit er een voordat je een nieuwe toevoegt of heropent."
            ),
        ));
    }
    Ok(())
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
    p: &Employer,
    f: VacancyForm,
) -> Result<i32, AppError> {
    let (employer_id, region_id) = (p.employer_id, p.region_id);
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
        Some(id) => p.vacancy(db, id).await?.into(),
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
    let txn = crate::foundation::db::begin_write(db).await?;
    if f.id.is_none() {
        room_for_one_more(&txn, employer_id).await?;
    }
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
    p: &Employer,
    id: i32,
    status: VacancyStatus,
) -> Result<(), AppError> {
    let v = p.vacancy(db, id).await?;
    let municipality_id = v.municipality_id;
    let reopens = v.status == VacancyStatus::Closed.code() && status != VacancyStatus::Closed;
    let employer_id = v.employer_id;
    let mut row: vacancy::ActiveModel = v.into();
    row.status = Set(status.code().into());
    row.updated_at = Set(Utc::now());
    let txn = crate::foundation::db::begin_write(db).await?;
    if reopens {
        room_for_one_more(&txn, employer_id).await?;
    }
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
pub async fn matches<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    p: &Employer,
    id: i32,
) -> Result<MatchList, AppError> {
    let v = p.vacancy(db, id).await?;
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
            // The matcher reads what the employer may read; the list shows the card only.
            is_match(&c).then(|| {
                (
                    met_count(&c),
                    CandidateMatch {
                        contact: contacts.get(&view.id).copied(),
                        candidate: card_of(rec),
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
    // Listed cards count against their daily ceiling (refused past it), audited with it in one
    // transaction before the list leaves.
    let charged = crate::model::viewing_limits::list(
        db,
        p,
        shown_entries("match", &shown),
        chrono::Utc::now(),
    )
    .await?;
    charged.txn.commit().await?;
    Ok(MatchList {
        order: kernel::matching::ORDER_EXPLAINED.into(),
        items: scored.into_iter().map(|(_, m)| m).collect(),
    })
}
