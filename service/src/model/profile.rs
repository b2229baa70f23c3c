//! The job-seeker profile: its records and the only maker of personal views (every view of a
//! person, for every audience, is projected here through the visibility policy), the reads
//! with their audit entries, and the refusal of an out-of-scope read. The write path, checked
//! against the same policy, is in `changes`.

mod changes;
pub use changes::{set_consent, set_occupations, update};

use kernel::domain::{Gender, Occupation, ProfileState, WorkCapacity};
use kernel::error::AppError;
use kernel::policy::Field;
use kernel::views::profile::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::JobSeeker;
use crate::access::principal::Principal;
use crate::access::scope::{self, Scope};
use entity::{
    app_user, consultant_note, job_seeker, job_seeker_occupation, municipality, occupation,
};
use kernel::policy::{self, Audience, FieldSet, ReadContext};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Everything stored about one job seeker, gathered from its tables. Server-only: it has
/// no `Serialize`; only `project` turns it into something that can leave the server.
#[derive(Clone, Debug)]
pub struct ProfileRecord {
    pub model: job_seeker::Model,
    pub email: String,
    pub municipality: String,
    pub occupations: Vec<Occupation>,
    pub notes: Vec<ConsultantNote>,
}

/// Loads the whole records of several profiles with a fixed number of queries (four). A list
/// of cards reads only what a card can show, in one statement: [`card_records`].
pub async fn records<C: ConnectionTrait>(
    db: &C,
    models: Vec<job_seeker::Model>,
) -> Result<Vec<ProfileRecord>, AppError> {
    if models.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let user_ids: Vec<i32> = models.iter().map(|m| m.user_id).collect();
    let emails: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let municipalities: HashMap<i32, String> = municipality::Entity::find()
        .filter(municipality::Column::Id.is_in(models.iter().map(|m| m.municipality_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let mut notes: HashMap<i32, Vec<ConsultantNote>> = HashMap::new();
    for n in consultant_note::Entity::find()
        .filter(consultant_note::Column::JobSeekerId.is_in(ids.iter().copied()))
        .order_by_asc(consultant_note::Column::CreatedAt)
        .order_by_asc(consultant_note::Column::Id)
        .all(db)
        .await?
    {
        notes
            .entry(n.job_seeker_id)
            .or_default()
            .push(ConsultantNote {
                at: n.created_at,
                author: n.author,
                text: n.body,
            });
    }
    let mut occupations = occupations_of(db, ids).await?;
    Ok(models
        .into_iter()
        .map(|model| ProfileRecord {
            email: emails.get(&model.user_id).cloned().unwrap_or_default(),
            municipality: municipalities
                .get(&model.municipality_id)
                .cloned()
                .unwrap_or_default(),
            occupations: occupations.remove(&model.id).unwrap_or_default(),
            notes: notes.remove(&model.id).unwrap_or_default(),
            model,
        })
        .collect())
}

/// The records of the job seekers `condition` finds, holding what a list card can show, in one
/// statement: each row with its gemeente's name and its preferred occupations. No e-mail
/// address and no notes are read: no card shows them. In no particular order.
pub async fn card_records<C: ConnectionTrait>(
    db: &C,
    condition: sea_orm::Condition,
) -> Result<Vec<ProfileRecord>, AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    use sea_orm::{FromQueryResult, QuerySelect, QueryTrait};
    let gemeente = Query::select()
        .column((municipality::Entity, municipality::Column::Name))
        .from(municipality::Entity)
        .and_where(
            Expr::col((municipality::Entity, municipality::Column::Id))
                .equals((job_seeker::Entity, job_seeker::Column::MunicipalityId)),
        )
        .to_owned();
    let query = job_seeker::Entity::find()
        .filter(condition)
        .expr_as(
            Expr::SubQuery(None, Box::new(gemeente.into())),
            "card_municipality",
        )
        .expr_as(
            crate::foundation::dialect::occupations_json(db.get_database_backend()),
            "card_occupations",
        )
        .into_query();
    let mut out = Vec::new();
    for row in db.query_all(&query).await? {
        let model = job_seeker::Model::from_query_result(&row, "")?;
        let municipality: Option<String> = row.try_get("", "card_municipality")?;
        let json: Option<String> = row.try_get("", "card_occupations")?;
        let mut occupations: Vec<Occupation> =
            serde_json::from_str::<Vec<(i32, String, String)>>(json.as_deref().unwrap_or("[]"))
                .map_err(|e| {
                    tracing::error!(job_seeker = model.id, "occupations as JSON: {e}");
                    AppError::Internal
                })?
                .into_iter()
                .map(|(id, isco, name)| Occupation { id, isco, name })
                .collect();
        occupations.sort_by(|a, b| a.name.cmp(&b.name));
        out.push(ProfileRecord {
            model,
            email: String::new(),
            municipality: municipality.unwrap_or_default(),
            occupations,
            notes: Vec::new(),
        });
    }
    Ok(out)
}

/// The preferred occupations of several profiles, by profile id, sorted by name (one query).
pub async fn occupations_of<C: ConnectionTrait>(
    db: &C,
    job_seeker_ids: Vec<i32>,
) -> Result<HashMap<i32, Vec<Occupation>>, AppError> {
    use sea_orm::{FromQueryResult, JoinType, QuerySelect};
    #[derive(FromQueryResult)]
    struct Link {
        job_seeker_id: i32,
        id: i32,
        isco_code: String,
        name: String,
    }
    let links = job_seeker_occupation::Entity::find()
        .select_only()
        .column(job_seeker_occupation::Column::JobSeekerId)
        .column(occupation::Column::Id)
        .column(occupation::Column::IscoCode)
        .column(occupation::Column::Name)
        .join(
            JoinType::InnerJoin,
            crate::foundation::db::join_on::<job_seeker_occupation::Entity, occupation::Entity>(
                job_seeker_occupation::Column::OccupationId,
                occupation::Column::Id,
            ),
        )
        .filter(job_seeker_occupation::Column::JobSeekerId.is_in(job_seeker_ids))
        .into_model::<Link>()
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<Occupation>> = HashMap::new();
    for l in links {
        out.entry(l.job_seeker_id).or_default().push(Occupation {
            id: l.id,
            isco: l.isco_code,
            name: l.name,
        });
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(out)
}

pub async fn record<C: ConnectionTrait>(
    db: &C,
    model: job_seeker::Model,
) -> Result<ProfileRecord, AppError> {
    Ok(records(db, vec![model]).await?.remove(0))
}

/// The facts the read conditions of the policy need, for this reader and this profile.
pub async fn read_context<C: ConnectionTrait>(
    db: &C,
    scope: &Scope,
    model: &job_seeker::Model,
) -> Result<ReadContext, AppError> {
    let agreement = match scope {
        Scope::Partner { partner_id, .. } => scope::current_agreement(db, *partner_id)
            .await?
            .unwrap_or_default(),
        _ => FieldSet::EMPTY,
    };
    Ok(ReadContext {
        work_capacity_consent: model.work_capacity_consent,
        agreement,
    })
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_ref().filter(|v| !v.trim().is_empty()).cloned()
}

fn level(v: Option<i16>) -> Option<u8> {
    v.and_then(|v| u8::try_from(v).ok())
}

pub fn work_capacity(m: &job_seeker::Model) -> WorkCapacity {
    WorkCapacity {
        sitting: level(m.wc_sitting),
        standing: level(m.wc_standing),
        walking: level(m.wc_walking),
        bending: level(m.wc_bending),
        lifting: level(m.wc_lifting),
        hours_per_day: level(m.wc_hours_per_day),
    }
}

pub fn media_url(id: i32, kind: &str, key: &Option<String>) -> Option<String> {
    // The key's first characters make the URL change when the file is replaced (cache).
    key.as_ref()
        .map(|k| format!("/media/profile/{id}/{kind}?v={}", &k[..k.len().min(8)]))
}

/// The one projection from stored data to a response: copies exactly the fields in
/// `fields` (computed by the policy) and nothing else.
pub fn project(rec: &ProfileRecord, audience: Audience, fields: FieldSet) -> ProfileView {
    let m = &rec.model;
    let pick = |f: Field| fields.contains(f);
    let wc = work_capacity(m);
    ProfileView {
        id: m.id,
        visible: fields.iter().collect(),
        state: matches!(audience, Audience::JobSeeker | Audience::Municipality)
            .then(|| ProfileState::from_code(&m.state))
            .flatten(),
        held_back: matches!(audience, Audience::JobSeeker | Audience::Municipality)
            .then(|| {
                m.held_back_at
                    .map(|since| kernel::views::profile::HeldBack {
                        since,
                        reason: m.held_back_reason.clone().unwrap_or_default(),
                    })
            })
            .flatten(),
        client_number: pick(Field::ClientNumber).then(|| m.client_number.clone()),
        first_name: pick(Field::FirstName).then(|| m.first_name.clone()),
        last_name: pick(Field::LastName).then(|| m.last_name.clone()),
        email: pick(Field::Email).then(|| rec.email.clone()),
        gender: pick(Field::Gender)
            .then(|| m.gender.as_deref().and_then(Gender::from_code))
            .flatten(),
        birth_date: pick(Field::BirthDate).then_some(m.birth_date).flatten(),
        postal_code: pick(Field::PostalCode)
            .then(|| nonempty(&m.postal_code))
            .flatten(),
        phone: pick(Field::Phone).then(|| nonempty(&m.phone)).flatten(),
        municipality: pick(Field::Municipality).then(|| rec.municipality.clone()),
        target_banenafspraak: pick(Field::TargetBanenafspraak).then_some(m.target_banenafspraak),
        target_praktijkroute: pick(Field::TargetPraktijkroute).then_some(m.target_praktijkroute),
        target_bbl: pick(Field::TargetBbl).then_some(m.target_bbl),
        target_ondernemer: pick(Field::TargetOndernemer).then_some(m.target_ondernemer),
        interests: pick(Field::Interests)
            .then(|| nonempty(&m.interests))
            .flatten(),
        talents: pick(Field::Talents).then(|| nonempty(&m.talents)).flatten(),
        motivation: pick(Field::Motivation)
            .then(|| nonempty(&m.motivation))
            .flatten(),
        desired_work: pick(Field::DesiredWork)
            .then(|| nonempty(&m.desired_work))
            .flatten(),
        preferred_occupations: pick(Field::PreferredOccupations).then(|| rec.occupations.clone()),
        photo_url: pick(Field::Photo)
            .then(|| media_url(m.id, "photo", &m.photo_key))
            .flatten(),
        video_url: pick(Field::Video)
            .then(|| media_url(m.id, "video", &m.video_key))
            .flatten(),
        work_capacity: pick(Field::WorkCapacity)
            .then_some(wc)
            .filter(|wc| !wc.is_empty()),
        work_capacity_consent: (pick(Field::WorkCapacity) && audience != Audience::Employer)
            .then_some(m.work_capacity_consent),
        consultant_notes: pick(Field::ConsultantNotes).then(|| rec.notes.clone()),
    }
}

/// The view of `rec` for `principal` (whose row scope has already been checked).
pub async fn view_for<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    rec: &ProfileRecord,
) -> Result<ProfileView, AppError> {
    let audience = principal.audience();
    let ctx = read_context(db, &principal.scope, &rec.model).await?;
    Ok(project(rec, audience, policy::readable(audience, &ctx)))
}

/// The signed-in job seeker's own profile.
pub async fn read_own<C: ConnectionTrait>(
    db: &C,
    principal: &JobSeeker,
) -> Result<ProfileView, AppError> {
    read_profile(db, principal, principal.job_seeker_id).await
}

/// Reads one profile for a reader other than its owner (or the owner): scope check, policy
/// projection and audit entry in one step.
pub async fn read_profile<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: i32,
) -> Result<ProfileView, AppError> {
    let Some(model) = principal.scope.profile(db, id).await? else {
        return Err(deny(db, principal, id).await?);
    };
    let rec = record(db, model).await?;
    let view = view_for(db, principal, &rec).await?;
    if principal.audience() != Audience::JobSeeker {
        let fields = view.visible.iter().copied().collect();
        audit::record(
            db,
            Some(principal),
            Entry::profile("read", &rec.model, fields),
        )
        .await?;
    }
    Ok(view)
}

/// The error for a profile that is out of scope: audited as denied if it exists, and always
/// answered as "not found", so a caller cannot tell an existing profile outside their scope
/// (paused, erased, of another gemeente) from one that does not exist.
pub async fn deny<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: i32,
) -> Result<AppError, AppError> {
    deny_with(db, principal, id, |m| {
        Entry::profile("read", m, FieldSet::EMPTY)
    })
    .await
}

/// The profile an audit entry is about, whoever acts (an employer withdrawing an invitation
/// of a job seeker who has since paused): the entry names the person, it shows the actor
/// nothing.
pub async fn audit_subject<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<job_seeker::Model, AppError> {
    job_seeker::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// [`deny`] with the caller's own audit entry (e.g. a refused photo read).
pub async fn deny_with<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: i32,
    entry: impl FnOnce(&job_seeker::Model) -> Entry,
) -> Result<AppError, AppError> {
    if let Some(m) = job_seeker::Entity::find_by_id(id).one(db).await? {
        audit::record(db, Some(principal), entry(&m).denied()).await?;
    }
    Ok(AppError::NotFound)
}
