//! "Vacatures voor mij": open vacancies in the job seeker's region that meet their preferences,
//! each with the criteria it meets in words; interest in a vacancy; and the invitations
//! employers sent, to accept or decline.

use kernel::domain::InvitationStatus;
use kernel::error::AppError;
use kernel::views::my_vacancies::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::JobSeeker;
use crate::model::invitations as inv;
use crate::model::profile::{occupations_of, work_capacity};
use chrono::Utc;
use entity::{employer, invitation, job_seeker, municipality, vacancy};
use kernel::domain::TargetGroups;
use kernel::matching::{Criterion, SeekerFacts, VacancyFacts, criteria, is_match, met_count};
use kernel::policy::FieldSet;
use kernel::validate;
use kernel::views::invitations::{BY_EMPLOYER, BY_JOB_SEEKER};
use kernel::views::paging::{PAGE_SIZE, Paged};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

async fn own<C: ConnectionTrait>(
    db: &C,
    p: &JobSeeker,
) -> Result<(job_seeker::Model, i32), AppError> {
    let profile = p.own_profile(db).await?;
    let region_id = municipality::Entity::find_by_id(profile.municipality_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?
        .region_id;
    Ok((profile, region_id))
}

/// A matching vacancy: how many criteria it meets, the vacancy, its facts and the criteria.
type Match = (usize, vacancy::Model, VacancyFacts, Vec<Criterion>);

/// The open vacancies of the job seeker's region that match their profile, most criteria met
/// first (equal counts newest first), with the job seeker's own profile.
async fn matching<C: ConnectionTrait>(
    db: &C,
    p: &JobSeeker,
) -> Result<(job_seeker::Model, Vec<Match>), AppError> {
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
    let mut matches: Vec<Match> = vacancies
        .into_iter()
        .zip(facts)
        .filter_map(|(v, f)| {
            let c = criteria(&f, &seeker);
            is_match(&c).then(|| (met_count(&c), v, f, c))
        })
        .collect();
    // Stable sort: equal counts keep the newest-first order of the query.
    matches.sort_by_key(|m| std::cmp::Reverse(m.0));
    Ok((profile, matches))
}

/// How many open vacancies match the job seeker's profile (what "Vacatures voor mij" lists).
pub async fn match_count<C: ConnectionTrait>(db: &C, p: &JobSeeker) -> Result<u64, AppError> {
    Ok(matching(db, p).await?.1.len() as u64)
}

/// Page `matches_page` of the matching vacancies (most criteria met first) and page
/// `invitations_page` of the invitations, newest first.
pub async fn overview<C: ConnectionTrait>(
    db: &C,
    p: &JobSeeker,
    matches_page: u32,
    invitations_page: u32,
) -> Result<MyVacancies, AppError> {
    let (profile, matches) = matching(db, p).await?;
    let contacts: HashMap<i32, InvitationStatus> = invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.eq(profile.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|i| InvitationStatus::from_code(&i.status).map(|s| (i.vacancy_id, s)))
        .collect();
    let page = Paged::slice(matches, matches_page, PAGE_SIZE);
    // The names of the employers on this page only.
    let employers: HashMap<i32, String> = employer::Entity::find()
        .filter(employer::Column::Id.is_in(page.items.iter().map(|(_, v, _, _)| v.employer_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    Ok(MyVacancies {
        matches: page.map(|(_, v, f, c)| VacancyMatch {
            id: v.id,
            title: v.title,
            description: v.description,
            employer: employers.get(&v.employer_id).cloned().unwrap_or_default(),
            municipality: f.municipality,
            hours_per_week: v.hours_per_week,
            criteria: c,
            contact: contacts.get(&v.id).copied(),
        }),
        invitations: inv::of_job_seeker(db, profile.id, invitations_page).await?,
    })
}

pub async fn show_interest<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &JobSeeker,
    vacancy_id: i32,
    message: &str,
) -> Result<i32, AppError> {
    let (profile, region_id) = own(db, p).await?;
    let v: vacancy::Model = inv::open_in_region_by_id(db, region_id, vacancy_id)
        .await?
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
    let txn = crate::foundation::db::begin_write(db).await?;
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

/// How many invitations wait for the job seeker's answer: sent by an employer and still open
/// ([`respond`]'s rule).
pub async fn to_answer<C: ConnectionTrait>(db: &C, p: &JobSeeker) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.eq(p.job_seeker_id))
        .filter(invitation::Column::InitiatedBy.eq(BY_EMPLOYER))
        .filter(invitation::Column::Status.eq(InvitationStatus::Sent.code()))
        .count(db)
        .await?)
}

/// Accepts or declines an employer's invitation to the job seeker.
pub async fn respond<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &JobSeeker,
    id: i32,
    accept: bool,
) -> Result<InvitationStatus, AppError> {
    let own_id = p.job_seeker_id;
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
