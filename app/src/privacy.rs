//! "Mijn gegevens en privacy" (SPEC §6): the job seeker sees everything stored about them and who
//! viewed their profile, downloads it all, pauses their profile, and files requests with their
//! gemeente (each with the legal one-month deadline).

use crate::domain::{ProfileState, RequestKind, RequestStatus};
use crate::error::AppError;
use crate::policy::Field;
use crate::profile::ProfileView;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivacyRequestView {
    pub id: i32,
    pub kind: RequestKind,
    pub field: Option<Field>,
    pub details: String,
    pub status: RequestStatus,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

impl PrivacyRequestView {
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        self.status == RequestStatus::Open && self.due_at < now
    }
}

/// Who looked at the profile: an organisation on a day (from the audit log). One row per
/// organisation and day, not per entry: a search page, the photos on it and the profile
/// opened from it are one visit to the person, told apart in `ways`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewing {
    pub organisation: String,
    pub day: NaiveDate,
    /// How many times that day (each audited read counts once).
    pub times: u32,
    /// How it saw the profile, in words ("profiel geopend", "in een zoekresultaat of lijst").
    #[serde(default)]
    pub ways: Vec<String>,
}

/// A read action of the audit log in words, for the job seeker.
pub fn way_label(action: &str) -> &'static str {
    match action {
        "read" => "profiel geopend",
        "list" => "in een zoekresultaat of lijst",
        "match" => "bij een passende vacature",
        "digest" => "in een e-mail met nieuwe kandidaten",
        "media" => "foto of video bekeken",
        "export" => "gegevens gedownload",
        _ => "bekeken",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivacyOverview {
    pub profile: ProfileView,
    pub viewed_by: Vec<Viewing>,
    pub requests: Vec<PrivacyRequestView>,
}

/// The legal deadline of a request: one month after receipt (AVG art. 12(3)).
pub fn deadline(received: DateTime<Utc>) -> DateTime<Utc> {
    received
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(received)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::policy::{self, Audience, FieldSet};
    use crate::profile::ssr::{read_profile, record};
    use crate::scope::Scope;
    use crate::validate;
    use entity::{app_user, audit_log, employer, invitation, job_seeker, privacy_request, vacancy};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
        TransactionSession, TransactionTrait,
    };
    use std::collections::{BTreeMap, BTreeSet};

    pub fn own_profile_id(p: &Principal) -> Result<i32, AppError> {
        match p.scope {
            Scope::OwnProfile { job_seeker_id, .. } => Ok(job_seeker_id),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The job seeker's own profile, through the scope like every other read.
    pub async fn own_profile<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
    ) -> Result<job_seeker::Model, AppError> {
        p.scope
            .profile(db, own_profile_id(p)?)
            .await?
            .ok_or(AppError::NotFound)
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
    /// owner (opened, in a list or match, named in a digest, photo or video). Grouped by
    /// organisation and day (newest first) so that one search session is one row, not twenty.
    pub async fn viewings<C: ConnectionTrait>(
        db: &C,
        job_seeker_id: i32,
    ) -> Result<Vec<Viewing>, AppError> {
        let reads = audit_log::Entity::find()
            .filter(audit_log::Column::JobSeekerId.eq(job_seeker_id))
            .filter(audit_log::Column::Action.is_in(audit::READS))
            .filter(audit_log::Column::Result.eq("ok"))
            .filter(audit_log::Column::ActorRole.ne(crate::domain::Role::JobSeeker.code()))
            .order_by_desc(audit_log::Column::At)
            .all(db)
            .await?;
        let mut per_day: BTreeMap<(NaiveDate, String), (u32, BTreeSet<&'static str>)> =
            BTreeMap::new();
        for r in reads {
            let (times, ways) = per_day.entry((r.at.date_naive(), r.actor_org)).or_default();
            *times += 1;
            ways.insert(way_label(&r.action));
        }
        Ok(per_day
            .into_iter()
            .rev()
            .map(|((day, organisation), (times, ways))| Viewing {
                organisation,
                day,
                times,
                ways: ways.into_iter().map(String::from).collect(),
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
        p: &Principal,
    ) -> Result<PrivacyOverview, AppError> {
        let id = own_profile_id(p)?;
        Ok(PrivacyOverview {
            profile: read_profile(db, p, id).await?,
            viewed_by: viewings(db, id).await?,
            requests: requests_of(db, id).await?,
        })
    }

    /// Files a request with the job seeker's own gemeente.
    pub async fn submit<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        kind: RequestKind,
        field: Option<Field>,
        details: &str,
    ) -> Result<i32, AppError> {
        let profile = own_profile(db, p).await?;
        let id = profile.id;
        let details = validate::free_text(details, "Toelichting")
            .map_err(|m| AppError::invalid("details", m))?;
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
        let txn = crate::state::begin_write(db).await?;
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
        p: &Principal,
        paused: bool,
    ) -> Result<ProfileState, AppError> {
        let profile = own_profile(db, p).await?;
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
        let txn = crate::state::begin_write(db).await?;
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
        p: &Principal,
    ) -> Result<(serde_json::Value, job_seeker::Model), AppError> {
        use serde_json::{Map, Value, json};
        let model = own_profile(db, p).await?;
        let id = model.id;
        let rec = record(db, model.clone()).await?;
        let user = app_user::Entity::find_by_id(model.user_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let fields = policy::readable(Audience::JobSeeker, &Default::default());
        let view = crate::profile::ssr::project(&rec, Audience::JobSeeker, fields);

        let mut profile = Map::new();
        let mut docs = Map::new();
        let as_json = serde_json::to_value(&view).map_err(|_| AppError::Internal)?;
        for f in Field::ALL {
            docs.insert(f.code().into(), Value::String(f.label().into()));
            let value = match f {
                Field::Photo => model
                    .photo_key
                    .as_ref()
                    .map(|_| json!(crate::media::export_name(&model, "photo"))),
                Field::Video => model
                    .video_key
                    .as_ref()
                    .map(|_| json!(crate::media::export_name(&model, "video"))),
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
        });
        audit::record(db, Some(p), Entry::profile("export", &model, fields)).await?;
        Ok((doc, model))
    }
}

#[server(prefix = "/api", endpoint = "privacy/overview")]
pub async fn my_privacy() -> Result<PrivacyOverview, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::JobSeeker]).await?;
    ssr::overview(&crate::state::db()?, &me).await
}

#[server(prefix = "/api", endpoint = "privacy/request")]
pub async fn submit_privacy_request(
    kind: String,
    field: Option<String>,
    details: String,
) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::JobSeeker]).await?;
    let kind = RequestKind::from_code(&kind)
        .ok_or_else(|| AppError::invalid("kind", "Kies het soort verzoek."))?;
    let field = match field.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(
            Field::from_code(code)
                .ok_or_else(|| AppError::invalid("field", "Onbekend gegeven."))?,
        ),
    };
    ssr::submit(&crate::state::db()?, &me, kind, field, &details).await
}

#[server(prefix = "/api", endpoint = "privacy/pause")]
pub async fn set_paused(paused: bool) -> Result<ProfileState, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::JobSeeker]).await?;
    ssr::set_paused(&crate::state::db()?, &me, paused).await
}

#[component]
fn RequestList(requests: Vec<PrivacyRequestView>) -> impl IntoView {
    if requests.is_empty() {
        return view! { <p class="utrecht-paragraph">"Je hebt nog geen verzoeken ingediend."</p> }
            .into_any();
    }
    view! {
        <table class="utrecht-table" data-testid="privacy-requests">
            <caption class="utrecht-table__caption">"Mijn verzoeken"</caption>
            <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">"Verzoek"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Ingediend"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Uiterlijk beantwoord"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody class="utrecht-table__body">
                {requests.into_iter().map(|r| {
                    let what = match r.field {
                        Some(f) => format!("{}: {}", r.kind.label(), f.label()),
                        None => r.kind.label().to_string(),
                    };
                    let status = match &r.decision_reason {
                        Some(reason) => format!("{} — {reason}", r.status.label()),
                        None => r.status.label().to_string(),
                    };
                    view! {
                        <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell">{what}</td>
                            <td class="utrecht-table__cell">{r.created_at.format("%d-%m-%Y").to_string()}</td>
                            <td class="utrecht-table__cell">{r.due_at.format("%d-%m-%Y").to_string()}</td>
                            <td class="utrecht-table__cell">{status}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let request = ServerAction::<SubmitPrivacyRequest>::new();
    let pause = ServerAction::<SetPaused>::new();
    let overview = Resource::new(
        move || (request.version().get(), pause.version().get()),
        |_| my_privacy(),
    );
    let request_error = move |field: &'static str| {
        Signal::derive(move || match request.value().get() {
            Some(Err(e)) => e.for_field(field).or_else(|| {
                (field == "kind" && !matches!(e, AppError::Invalid { .. })).then(|| e.to_string())
            }),
            _ => None,
        })
    };
    let pause_error = move || match pause.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <h1 class="utrecht-heading-1">"Mijn gegevens en privacy"</h1>
        <p class="utrecht-paragraph">
            "Jouw gemeente is verantwoordelijk voor je gegevens in HalloWerk. Hier zie je alles wat we over je bewaren, "
            "wie je profiel heeft bekeken, en kun je je rechten uitoefenen. De gemeente beantwoordt een verzoek binnen een maand."
        </p>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                    Ok(o) => {
                        let paused = o.profile.state == Some(ProfileState::Paused);
                        let state = o.profile.state.map(|s| s.label()).unwrap_or_default();
                        let viewed = o.viewed_by.clone();
                        view! {
                            <section class="hw-section" aria-labelledby="pause-heading">
                                <h2 class="utrecht-heading-2" id="pause-heading">"Profiel pauzeren"</h2>
                                <p class="utrecht-paragraph" data-testid="profile-state">"Status van je profiel: " <strong>{state}</strong></p>
                                <p class="utrecht-paragraph">"Een gepauzeerd profiel is meteen onzichtbaar voor werkgevers en partners. Je gemeente ziet het wel."</p>
                                <ActionForm action=pause>
                                    <input type="hidden" name="paused" value=(!paused).to_string() />
                                    {move || pause_error().map(|e| view! { <p class="utrecht-form-field-error-message" role="alert">{e}</p> })}
                                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                                        {if paused { "Profiel weer zichtbaar maken" } else { "Profiel pauzeren" }}
                                    </button>
                                </ActionForm>
                            </section>

                            <section class="hw-section" aria-labelledby="access-heading">
                                <h2 class="utrecht-heading-2" id="access-heading">"Inzage: alles wat we bewaren"</h2>
                                <crate::profile::ProfileFields view=o.profile.clone() />
                                <h3 class="utrecht-heading-3">"Wie heeft je profiel bekeken"</h3>
                                <p class="utrecht-paragraph">"Per organisatie en per dag: ook als je profiel alleen in een zoekresultaat, bij een vacature of in een e-mail stond, of als iemand je foto of video bekeek."</p>
                                {if viewed.is_empty() {
                                    view! { <p class="utrecht-paragraph">"Nog niemand buiten jezelf heeft je profiel bekeken."</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="utrecht-table" data-testid="viewed-by">
                                            <caption class="utrecht-table__caption">"Bekeken door"</caption>
                                            <thead class="utrecht-table__header">
                                                <tr class="utrecht-table__row">
                                                    <th class="utrecht-table__header-cell" scope="col">"Organisatie"</th>
                                                    <th class="utrecht-table__header-cell" scope="col">"Datum"</th>
                                                    <th class="utrecht-table__header-cell" scope="col">"Hoe"</th>
                                                    <th class="utrecht-table__header-cell" scope="col">"Aantal keer"</th>
                                                </tr>
                                            </thead>
                                            <tbody class="utrecht-table__body">
                                                {viewed.into_iter().map(|v| view! {
                                                    <tr class="utrecht-table__row">
                                                        <td class="utrecht-table__cell">{v.organisation}</td>
                                                        <td class="utrecht-table__cell">{v.day.format("%d-%m-%Y").to_string()}</td>
                                                        <td class="utrecht-table__cell">{v.ways.join(", ")}</td>
                                                        <td class="utrecht-table__cell">{v.times}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </section>

                            <section class="hw-section" aria-labelledby="export-heading">
                                <h2 class="utrecht-heading-2" id="export-heading">"Je gegevens downloaden"</h2>
                                <p class="utrecht-paragraph">"Een bestand met al je gegevens, om te bewaren of aan een andere organisatie te geven. Het JSON-bestand legt zelf uit wat elk gegeven is."</p>
                                <ul class="utrecht-unordered-list">
                                    <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/mijn-gegevens/export.zip" download>"Alles als zip (gegevens en foto/video)"</a></li>
                                    <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/mijn-gegevens/export.json" download>"Alleen de gegevens (JSON)"</a></li>
                                </ul>
                            </section>

                            <section class="hw-section" aria-labelledby="requests-heading">
                                <h2 class="utrecht-heading-2" id="requests-heading">"Een verzoek indienen bij je gemeente"</h2>
                                <ActionForm action=request attr:class="hw-form">
                                    <div class="utrecht-form-field">
                                        <label class="utrecht-form-label" for="request-kind">"Soort verzoek"</label>
                                        {move || request_error("kind").get().map(|e| view! { <p class="utrecht-form-field-error-message" role="alert">{e}</p> })}
                                        <select class="utrecht-select utrecht-select--html-select" id="request-kind" name="kind">
                                            {[RequestKind::Erasure, RequestKind::Objection, RequestKind::Rectification, RequestKind::Access, RequestKind::Portability, RequestKind::Restriction]
                                                .into_iter()
                                                .map(|k| view! { <option value=k.code()>{k.label()}</option> })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="utrecht-form-field">
                                        <label class="utrecht-form-label" for="request-field">"Over welk gegeven (bij rectificatie)"</label>
                                        {move || request_error("field").get().map(|e| view! { <p class="utrecht-form-field-error-message" role="alert">{e}</p> })}
                                        <select class="utrecht-select utrecht-select--html-select" id="request-field" name="field">
                                            <option value="">"—"</option>
                                            {Field::ALL.into_iter().map(|f| view! { <option value=f.code()>{f.label()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="utrecht-form-field utrecht-form-field--textarea">
                                        <label class="utrecht-form-label" for="request-details">"Toelichting"</label>
                                        {move || request_error("details").get().map(|e| view! { <p class="utrecht-form-field-error-message" role="alert">{e}</p> })}
                                        <p class="utrecht-form-field-description">{crate::validate::SPECIAL_CATEGORIES_WARNING}</p>
                                        <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="request-details" name="details" rows="4"></textarea>
                                    </div>
                                    <button class="utrecht-button utrecht-button--primary-action" type="submit">"Verzoek indienen"</button>
                                </ActionForm>
                                <RequestList requests=o.requests.clone() />
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
