//! "Mijn gegevens en privacy" (SPEC §6): the job seeker sees everything stored about them and who
//! viewed their profile, downloads it all, pauses their profile, and files requests with their
//! gemeente (each with the legal one-month deadline).

use chrono::{NaiveDate, Utc};
use kernel::domain::{ProfileState, RequestKind, RequestStatus};
use kernel::error::AppError;
use kernel::policy::Field;
use kernel::views::privacy::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::JobSeeker;
use crate::model::profile::{read_profile, record};
use entity::{app_user, employer, invitation, job_seeker, privacy_request, vacancy};
use kernel::policy::{self, Audience, FieldSet};
use kernel::validate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::{BTreeMap, BTreeSet};

/// The file name of a profile's media in an export.
pub fn export_name(model: &job_seeker::Model, kind: &str) -> String {
    format!("{kind}-{}", model.id)
}

pub fn view(r: privacy_request::Model) -> PrivacyRequestView {
    PrivacyRequestView {
        id: r.id,
        kind: RequestKind::from_code(&r.kind).unwrap_or(RequestKind::Objection),
        field: r.field.as_deref().and_then(Field::from_code),
        details: r.details,
        status: RequestStatus::from_code(&r.status).unwrap_or(RequestStatus::Open),
        decision_reason: r.decision_reason,
        created_at: r.created_at,
        due_at: r.due_at,
    }
}

/// The organisations that saw this profile, per day: every kind of read by others than the
/// owner (opened, in a list or match, named in a digest, photo or video), from the processing
/// log, with the purpose each served. Grouped by organisation and day (newest first) so that
/// one search session is one row, not twenty.
pub async fn viewings<C: ConnectionTrait>(
    db: &C,
    job_seeker_id: i32,
) -> Result<Vec<Viewing>, AppError> {
    let reads = crate::access::processing_log::of_subject(
        db,
        kernel::processing::DataSubject::JobSeeker(job_seeker_id),
    )
    .await?
    .into_iter()
    .filter(|r| {
        audit::READS.contains(&r.name.as_str())
            && r.status_code == kernel::processing::Status::Ok as i16
            && r.actor_role != kernel::domain::Role::JobSeeker.code()
    });
    type Day = (u32, BTreeSet<&'static str>, BTreeSet<&'static str>);
    let mut per_day: BTreeMap<(NaiveDate, String), Day> = BTreeMap::new();
    for r in reads {
        let (times, ways, purposes) = per_day
            .entry((r.end_time.date_naive(), r.actor_org))
            .or_default();
        *times += 1;
        ways.insert(way_label(&r.name));
        if let Some(a) = kernel::processing::by_id(&r.activity_id) {
            purposes.insert(a.name);
        }
    }
    Ok(per_day
        .into_iter()
        .rev()
        .map(|((day, organisation), (times, ways, purposes))| Viewing {
            organisation,
            day,
            times,
            ways: ways.into_iter().map(String::from).collect(),
            purposes: purposes.into_iter().map(String::from).collect(),
        })
        .collect())
}

pub async fn requests_of<C: ConnectionTrait>(
    db: &C,
    job_seeker_id: i32,
) -> Result<Vec<PrivacyRequestView>, AppError> {
    Ok(privacy_request::Entity::find()
        .filter(privacy_request::Column::JobSeekerId.eq(job_seeker_id))
        .order_by_desc(privacy_request::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

pub async fn overview<C: ConnectionTrait>(
    db: &C,
    p: &JobSeeker,
) -> Result<PrivacyOverview, AppError> {
    let id = p.job_seeker_id;
    Ok(PrivacyOverview {
        profile: read_profile(db, p, id).await?,
        viewed_by: viewings(db, id).await?,
        requests: requests_of(db, id).await?,
    })
}

/// Files a request with the job seeker's own gemeente.
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &JobSeeker,
    kind: RequestKind,
    field: Option<Field>,
    details: &str,
) -> Result<i32, AppError> {
    let profile = p.own_profile(db).await?;
    let id = profile.id;
    let details =
        validate::free_text(details, "Toelichting").map_err(|m| AppError::invalid("details", m))?;
    match kind {
        RequestKind::Rectification if field.is_none() => {
            return Err(AppError::invalid(
                "field",
                "Kies welk gegeven gewijzigd moet worden.",
            ));
        }
        RequestKind::Objection | RequestKind::Rectification if details.is_empty() => {
            return Err(AppError::invalid(
                "details",
                "Schrijf kort wat er volgens jou anders moet.",
            ));
        }
        _ => {}
    }
    let open_same = privacy_request::Entity::find()
        .filter(privacy_request::Column::JobSeekerId.eq(id))
        .filter(privacy_request::Column::Kind.eq(kind.code()))
        .filter(privacy_request::Column::Status.eq(RequestStatus::Open.code()))
        .filter(match field {
            Some(f) => privacy_request::Column::Field.eq(f.code()),
            None => privacy_request::Column::Field.is_null(),
        })
        .one(db)
        .await?;
    if open_same.is_some() {
        return Err(AppError::invalid(
            "kind",
            "Je hebt dit verzoek al ingediend; de gemeente behandelt het.",
        ));
    }
    let now = Utc::now();
    let txn = crate::foundation::db::begin_write(db).await?;
    let row = privacy_request::ActiveModel {
        job_seeker_id: Set(id),
        municipality_id: Set(profile.municipality_id),
        kind: Set(kind.code().into()),
        field: Set(field.map(|f| f.code().to_string())),
        details: Set(details),
        status: Set(RequestStatus::Open.code().into()),
        decision_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        due_at: Set(deadline(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(p),
        Entry::profile("privacy_request", &profile, field.into_iter().collect()),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Restriction as self-service: a paused profile is invisible to employers and partners
/// from the next request on (scope only shows active profiles to them).
pub async fn set_paused<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &JobSeeker,
    paused: bool,
) -> Result<ProfileState, AppError> {
    let profile = p.own_profile(db).await?;
    let state = ProfileState::from_code(&profile.state).unwrap_or(ProfileState::Active);
    if state == ProfileState::ErasurePending {
        return Err(AppError::invalid(
            "state",
            "Je profiel wordt verwijderd; pauzeren is niet meer nodig.",
        ));
    }
    let new = if paused {
        ProfileState::Paused
    } else {
        ProfileState::Active
    };
    if new == state {
        // Nothing changes, so nothing is written or logged.
        return Ok(new);
    }
    let mut row: job_seeker::ActiveModel = profile.clone().into();
    row.state = Set(new.code().into());
    row.updated_at = Set(Utc::now());
    let txn = crate::foundation::db::begin_write(db).await?;
    row.update(&txn).await?;
    audit::record(
        &txn,
        Some(p),
        Entry::profile(
            if paused { "pause" } else { "resume" },
            &profile,
            FieldSet::EMPTY,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(new)
}

/// Everything stored about the job seeker, as documented JSON. Contains nothing about
/// other people: organisations are named, their staff are not.
pub async fn export<C: ConnectionTrait>(
    db: &C,
    p: &JobSeeker,
) -> Result<(serde_json::Value, job_seeker::Model), AppError> {
    use serde_json::{Map, Value, json};
    let model = p.own_profile(db).await?;
    crate::foundation::ratelimit::take_for_account(
        db,
        crate::foundation::ratelimit::EXPORTS_PER_ACCOUNT,
        p.user_id,
    )
    .await?;
    let id = model.id;
    let rec = record(db, model.clone()).await?;
    let user = app_user::Entity::find_by_id(model.user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let fields = policy::readable(Audience::JobSeeker, &Default::default());
    let view = crate::model::profile::project(&rec, Audience::JobSeeker, fields);

    let mut profile = Map::new();
    let mut docs = Map::new();
    let as_json = serde_json::to_value(&view).map_err(|_| AppError::Internal)?;
    for f in Field::ALL {
        docs.insert(f.code().into(), Value::String(f.label().into()));
        let value = match f {
            Field::Photo => model
                .photo_key
                .as_ref()
                .map(|_| json!(export_name(&model, "photo"))),
            Field::Video => model
                .video_key
                .as_ref()
                .map(|_| json!(export_name(&model, "video"))),
            _ => as_json.get(f.code()).cloned(),
        };
        profile.insert(f.code().into(), value.unwrap_or(Value::Null));
    }
    docs.insert(
        "photo".into(),
        json!("Foto: bestandsnaam van de foto in dit zip-bestand"),
    );
    docs.insert(
        "video".into(),
        json!("Video: bestandsnaam van de video in dit zip-bestand"),
    );
    docs.insert("work_capacity".into(), json!("Belastbaarheid: zitten, staan, lopen, bukken en tillen op een schaal van 0 (niet) tot 3, en uren per dag"));

    let invitations = invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.eq(id))
        .order_by_asc(invitation::Column::CreatedAt)
        .all(db)
        .await?;
    let mut invites = Vec::new();
    for i in invitations {
        let vacancy = vacancy::Entity::find_by_id(i.vacancy_id).one(db).await?;
        let employer = employer::Entity::find_by_id(i.employer_id).one(db).await?;
        invites.push(json!({
            "vacancy": vacancy.map(|v| v.title),
            "employer": employer.map(|e| e.name),
            "initiated_by": i.initiated_by,
            "message": i.message,
            "status": i.status,
            "outcome": i.outcome,
            "created_at": i.created_at,
        }));
    }
    let doc = json!({
        "format": "hallowerk-export/1",
        "exported_at": Utc::now(),
        "documentation": {
            "about": "Alle gegevens die HalloWerk over jou bewaart, in een machineleesbaar formaat (JSON). De velden van 'profile' staan in 'fields'.",
            "fields": Value::Object(docs),
            "processing_log": crate::access::processing_log::EXPORT_DOCUMENTATION,
        },
        "account": {
            "email": user.email,
            "created_at": user.created_at,
            "last_login_at": user.last_login_at,
        },
        "profile": Value::Object(profile),
        "profile_state": model.state,
        "work_capacity_consent": model.work_capacity_consent,
        "profile_created_at": model.created_at,
        "profile_updated_at": model.updated_at,
        "privacy_requests": requests_of(db, id).await?,
        "invitations": invites,
        "profile_views": viewings(db, id).await?,
        "processing_log": crate::access::processing_log::for_export(
            db,
            kernel::processing::DataSubject::JobSeeker(id),
        )
        .await?,
    });
    audit::record(db, Some(p), Entry::profile("export", &model, fields)).await?;
    Ok((doc, model))
}
