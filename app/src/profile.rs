//! The job-seeker profile: the view types every audience receives (built only through the
//! visibility policy), the write path (checked against the same policy), and "Mijn profiel".

use crate::domain::{Gender, Occupation, ProfileState, WorkCapacity};
use crate::error::AppError;
use crate::policy::Field;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A profile as the job seeker, their gemeente or a partner sees it. A value is present only if
/// the policy lets this reader see that field (and it is filled); `visible` lists the fields the
/// reader may see, so the UI can tell "empty" from "not yours to see". Hidden fields are not
/// serialised at all.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileView {
    pub id: i32,
    pub visible: Vec<Field>,
    /// Only for the job seeker and their gemeente.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ProfileState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
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
    /// URL of the authorising media handler, never a public file path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_capacity: Option<WorkCapacity>,
    /// Shown with work capacity, to those who may read work capacity regardless of consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_capacity_consent: Option<bool>,
}

impl ProfileView {
    pub fn sees(&self, f: Field) -> bool {
        self.visible.contains(&f)
    }
    pub fn full_name(&self) -> String {
        format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or_default(),
            self.last_name.as_deref().unwrap_or_default()
        )
        .trim()
        .to_string()
    }
}

/// One change to one field. The variant names the policy field it writes; there is no variant
/// for fields nobody writes (gemeente) or that have their own path (photo, video, consent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum FieldChange {
    ClientNumber(String),
    FirstName(String),
    LastName(String),
    Email(String),
    Gender(Option<Gender>),
    BirthDate(Option<NaiveDate>),
    PostalCode(Option<String>),
    Phone(Option<String>),
    TargetBanenafspraak(bool),
    TargetPraktijkroute(bool),
    TargetBbl(bool),
    TargetOndernemer(bool),
    Interests(Option<String>),
    Talents(Option<String>),
    Motivation(Option<String>),
    DesiredWork(Option<String>),
    PreferredOccupations(Vec<i32>),
    WorkCapacity(WorkCapacity),
}

impl FieldChange {
    pub fn field(&self) -> Field {
        match self {
            FieldChange::ClientNumber(_) => Field::ClientNumber,
            FieldChange::FirstName(_) => Field::FirstName,
            FieldChange::LastName(_) => Field::LastName,
            FieldChange::Email(_) => Field::Email,
            FieldChange::Gender(_) => Field::Gender,
            FieldChange::BirthDate(_) => Field::BirthDate,
            FieldChange::PostalCode(_) => Field::PostalCode,
            FieldChange::Phone(_) => Field::Phone,
            FieldChange::TargetBanenafspraak(_) => Field::TargetBanenafspraak,
            FieldChange::TargetPraktijkroute(_) => Field::TargetPraktijkroute,
            FieldChange::TargetBbl(_) => Field::TargetBbl,
            FieldChange::TargetOndernemer(_) => Field::TargetOndernemer,
            FieldChange::Interests(_) => Field::Interests,
            FieldChange::Talents(_) => Field::Talents,
            FieldChange::Motivation(_) => Field::Motivation,
            FieldChange::DesiredWork(_) => Field::DesiredWork,
            FieldChange::PreferredOccupations(_) => Field::PreferredOccupations,
            FieldChange::WorkCapacity(_) => Field::WorkCapacity,
        }
    }
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::domain::{Occupation, ProfileState};
    use crate::policy::{self, Audience, FieldSet, ReadContext};
    use crate::scope::{self, Scope};
    use crate::validate;
    use chrono::Utc;
    use entity::{app_user, job_seeker, job_seeker_occupation, municipality, occupation};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
        TransactionSession, TransactionTrait,
    };
    use std::collections::HashMap;

    /// The job seeker's own consent to show work capacity; withdrawal takes effect at once.
    pub async fn set_consent<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        consent: bool,
    ) -> Result<bool, AppError> {
        let profile = crate::privacy::ssr::own_profile(db, p).await?;
        let mut row: job_seeker::ActiveModel = profile.clone().into();
        row.work_capacity_consent = Set(consent);
        row.updated_at = Set(Utc::now());
        let action = if consent {
            "consent_given"
        } else {
            "consent_withdrawn"
        };
        let txn = crate::state::begin_write(db).await?;
        row.update(&txn).await?;
        audit::record(
            &txn,
            Some(p),
            Entry::profile(action, &profile, FieldSet::EMPTY.with(Field::WorkCapacity)),
        )
        .await?;
        txn.commit().await?;
        Ok(consent)
    }

    /// Everything stored about one job seeker, gathered from its tables. Server-only: it has
    /// no `Serialize`; only `project` turns it into something that can leave the server.
    #[derive(Clone, Debug)]
    pub struct ProfileRecord {
        pub model: job_seeker::Model,
        pub email: String,
        pub municipality: String,
        pub occupations: Vec<Occupation>,
    }

    /// Loads the records of several profiles with a fixed number of queries.
    pub async fn records<C: ConnectionTrait>(
        db: &C,
        models: Vec<job_seeker::Model>,
    ) -> Result<Vec<ProfileRecord>, AppError> {
        let user_ids: Vec<i32> = models.iter().map(|m| m.user_id).collect();
        let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
        let emails: HashMap<i32, String> = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(user_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.email))
            .collect();
        let municipalities: HashMap<i32, String> = municipality::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
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
                model,
            })
            .collect())
    }

    /// The preferred occupations of several profiles, by profile id, sorted by name.
    pub async fn occupations_of<C: ConnectionTrait>(
        db: &C,
        job_seeker_ids: Vec<i32>,
    ) -> Result<HashMap<i32, Vec<Occupation>>, AppError> {
        let links = job_seeker_occupation::Entity::find()
            .filter(job_seeker_occupation::Column::JobSeekerId.is_in(job_seeker_ids))
            .all(db)
            .await?;
        let occ_ids: Vec<i32> = links.iter().map(|l| l.occupation_id).collect();
        let occs: HashMap<i32, Occupation> = occupation::Entity::find()
            .filter(occupation::Column::Id.is_in(occ_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| {
                (
                    o.id,
                    Occupation {
                        id: o.id,
                        isco: o.isco_code,
                        name: o.name,
                    },
                )
            })
            .collect();
        let mut out: HashMap<i32, Vec<Occupation>> = HashMap::new();
        for l in links {
            if let Some(o) = occs.get(&l.occupation_id) {
                out.entry(l.job_seeker_id).or_default().push(o.clone());
            }
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
            target_banenafspraak: pick(Field::TargetBanenafspraak)
                .then_some(m.target_banenafspraak),
            target_praktijkroute: pick(Field::TargetPraktijkroute)
                .then_some(m.target_praktijkroute),
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
            preferred_occupations: pick(Field::PreferredOccupations)
                .then(|| rec.occupations.clone()),
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

    fn invalid(f: Field, msg: String) -> AppError {
        AppError::invalid(f.code(), msg)
    }

    fn optional<T>(
        v: Option<String>,
        check: impl Fn(&str) -> Result<T, String>,
        f: Field,
    ) -> Result<Option<T>, AppError> {
        match v.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => check(s).map(Some).map_err(|m| invalid(f, m)),
        }
    }

    /// Applies `changes` to the profile `id` for `principal`. Every change is checked against
    /// the policy's write list and validated before anything is written; all or nothing.
    pub async fn update<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        principal: &Principal,
        id: i32,
        changes: Vec<FieldChange>,
    ) -> Result<ProfileView, AppError> {
        let audience = principal.audience();
        let Some(model) = principal.scope.profile(db, id).await? else {
            return Err(deny(db, principal, id).await?);
        };
        let writable = policy::writable(audience);
        if let Some(refused) = changes.iter().find(|c| !writable.contains(c.field())) {
            audit::record(
                db,
                Some(principal),
                Entry::profile("update", &model, FieldSet::EMPTY.with(refused.field())).denied(),
            )
            .await?;
            return Err(AppError::FieldNotWritable {
                field: refused.field().code().into(),
            });
        }

        let today = Utc::now().date_naive();
        let mut row: job_seeker::ActiveModel = model.clone().into();
        let mut new_email = None;
        let mut new_occupations = None;
        let mut changed = FieldSet::EMPTY;
        for change in changes {
            let f = change.field();
            changed.insert(f);
            match change {
                FieldChange::ClientNumber(v) => {
                    let v = v.trim().to_string();
                    if v.is_empty() || v.len() > 32 {
                        return Err(invalid(
                            f,
                            "Vul een klantnummer in (hoogstens 32 tekens).".into(),
                        ));
                    }
                    let taken = job_seeker::Entity::find()
                        .filter(job_seeker::Column::MunicipalityId.eq(model.municipality_id))
                        .filter(job_seeker::Column::ClientNumber.eq(&v))
                        .filter(job_seeker::Column::Id.ne(model.id))
                        .one(db)
                        .await?
                        .is_some();
                    if taken {
                        return Err(invalid(
                            f,
                            "Dit klantnummer is al in gebruik in deze gemeente.".into(),
                        ));
                    }
                    row.client_number = Set(v);
                }
                FieldChange::FirstName(v) => {
                    row.first_name = Set(validate::name(&v, f.label()).map_err(|m| invalid(f, m))?)
                }
                FieldChange::LastName(v) => {
                    row.last_name = Set(validate::name(&v, f.label()).map_err(|m| invalid(f, m))?)
                }
                FieldChange::Email(v) => {
                    let v = validate::email(&v).map_err(|m| invalid(f, m))?;
                    let taken = app_user::Entity::find()
                        .filter(app_user::Column::Email.eq(&v))
                        .filter(app_user::Column::Id.ne(model.user_id))
                        .one(db)
                        .await?
                        .is_some();
                    if taken {
                        return Err(invalid(f, "Dit e-mailadres is al in gebruik.".into()));
                    }
                    new_email = Some(v);
                }
                FieldChange::Gender(v) => row.gender = Set(v.map(|g| g.code().to_string())),
                FieldChange::BirthDate(v) => {
                    row.birth_date = Set(v
                        .map(|d| validate::birth_date(d, today))
                        .transpose()
                        .map_err(|m| invalid(f, m))?)
                }
                FieldChange::PostalCode(v) => {
                    row.postal_code = Set(optional(v, validate::postal_code, f)?)
                }
                FieldChange::Phone(v) => row.phone = Set(optional(v, validate::phone, f)?),
                FieldChange::TargetBanenafspraak(v) => row.target_banenafspraak = Set(v),
                FieldChange::TargetPraktijkroute(v) => row.target_praktijkroute = Set(v),
                FieldChange::TargetBbl(v) => row.target_bbl = Set(v),
                FieldChange::TargetOndernemer(v) => row.target_ondernemer = Set(v),
                FieldChange::Interests(v) => {
                    row.interests = Set(optional(v, |s| validate::free_text(s, f.label()), f)?)
                }
                FieldChange::Talents(v) => {
                    row.talents = Set(optional(v, |s| validate::free_text(s, f.label()), f)?)
                }
                FieldChange::Motivation(v) => {
                    row.motivation = Set(optional(v, |s| validate::free_text(s, f.label()), f)?)
                }
                FieldChange::DesiredWork(v) => {
                    row.desired_work = Set(optional(v, |s| validate::free_text(s, f.label()), f)?)
                }
                FieldChange::PreferredOccupations(ids) => {
                    let mut ids = ids;
                    ids.sort_unstable();
                    ids.dedup();
                    if ids.len() > 10 {
                        return Err(invalid(f, "Kies hoogstens 10 voorkeursberoepen.".into()));
                    }
                    let known = occupation::Entity::find()
                        .filter(occupation::Column::Id.is_in(ids.clone()))
                        .all(db)
                        .await?
                        .len();
                    if known != ids.len() {
                        return Err(invalid(f, "Kies beroepen uit de lijst.".into()));
                    }
                    new_occupations = Some(ids);
                }
                FieldChange::WorkCapacity(wc) => {
                    wc.validate().map_err(|m| invalid(f, m))?;
                    let i = |v: Option<u8>| v.map(i16::from);
                    row.wc_sitting = Set(i(wc.sitting));
                    row.wc_standing = Set(i(wc.standing));
                    row.wc_walking = Set(i(wc.walking));
                    row.wc_bending = Set(i(wc.bending));
                    row.wc_lifting = Set(i(wc.lifting));
                    row.wc_hours_per_day = Set(i(wc.hours_per_day));
                }
            }
        }
        row.updated_at = Set(Utc::now());

        let txn = crate::state::begin_write(db).await?;
        let model = row.update(&txn).await?;
        if let Some(email) = new_email {
            let user = app_user::ActiveModel {
                id: Set(model.user_id),
                email: Set(email),
                ..Default::default()
            };
            user.update(&txn).await?;
        }
        if let Some(ids) = new_occupations {
            set_occupations(&txn, model.id, &ids).await?;
        }
        audit::record(
            &txn,
            Some(principal),
            Entry::profile("update", &model, changed),
        )
        .await?;
        txn.commit().await?;

        let rec = record(db, model).await?;
        view_for(db, principal, &rec).await
    }

    pub async fn set_occupations<C: ConnectionTrait>(
        db: &C,
        job_seeker_id: i32,
        ids: &[i32],
    ) -> Result<(), AppError> {
        job_seeker_occupation::Entity::delete_many()
            .filter(job_seeker_occupation::Column::JobSeekerId.eq(job_seeker_id))
            .exec(db)
            .await?;
        if !ids.is_empty() {
            job_seeker_occupation::Entity::insert_many(ids.iter().map(|o| {
                job_seeker_occupation::ActiveModel {
                    job_seeker_id: Set(job_seeker_id),
                    occupation_id: Set(*o),
                }
            }))
            .exec(db)
            .await?;
        }
        Ok(())
    }
}

/// The signed-in job seeker's own profile: every field of SPEC §3.
#[server(prefix = "/api", endpoint = "profile/mine")]
pub async fn my_profile() -> Result<ProfileView, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    use crate::scope::Scope;
    let me = require(&[Role::JobSeeker]).await?;
    let Scope::OwnProfile { job_seeker_id, .. } = me.scope else {
        return Err(AppError::Forbidden);
    };
    ssr::read_profile(&crate::state::db()?, &me, job_seeker_id).await
}

/// Changes fields of a profile: the job seeker their own, staff those of their gemeente; each
/// field only if the policy lets the caller write it.
#[server(prefix = "/api", endpoint = "profile/update", input = leptos::server_fn::codec::Json)]
pub async fn update_profile(id: i32, changes: Vec<FieldChange>) -> Result<ProfileView, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::JobSeeker, Role::Staff]).await?;
    ssr::update(&crate::state::db()?, &me, id, changes).await
}

/// A labelled row of a profile: the value, "niet ingevuld", or nothing if not visible.
#[component]
pub fn FieldRow(view: ProfileView, field: Field, value: Option<String>) -> impl IntoView {
    view.sees(field).then(|| {
        view! {
            <div class="utrecht-data-list__item">
                <dt class="utrecht-data-list__item-key">{field.label()}</dt>
                <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
                    {value.unwrap_or_else(|| "niet ingevuld".into())}
                </dd>
            </div>
        }
    })
}

fn yes_no(v: Option<bool>) -> Option<String> {
    v.map(|b| if b { "Ja" } else { "Nee" }.to_string())
}

/// All visible fields of a profile as a data list (used by every audience's detail page).
#[component]
pub fn ProfileFields(view: ProfileView) -> impl IntoView {
    use crate::domain::Dimension;
    let v = view.clone();
    let occupations = v
        .preferred_occupations
        .clone()
        .filter(|o| !o.is_empty())
        .map(|o| {
            o.iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        });
    let wc = v.work_capacity.map(|wc| {
        let mut parts: Vec<String> = Dimension::ALL
            .iter()
            .filter_map(|d| {
                wc.level(*d)
                    .map(|l| format!("{}: {}", d.label(), d.level_label(l)))
            })
            .collect();
        if let Some(h) = wc.hours_per_day {
            parts.push(format!("{h} uur per dag"));
        }
        parts.join("; ")
    });
    let consent = v.work_capacity_consent.map(|c| {
        if c {
            "Ja, zichtbaar voor werkgevers"
        } else {
            "Nee, niet zichtbaar voor werkgevers"
        }
        .to_string()
    });
    let rows: Vec<(Field, Option<String>)> = vec![
        (Field::ClientNumber, v.client_number.clone()),
        (Field::FirstName, v.first_name.clone()),
        (Field::LastName, v.last_name.clone()),
        (Field::Email, v.email.clone()),
        (Field::Gender, v.gender.map(|g| g.label().to_string())),
        (
            Field::BirthDate,
            v.birth_date.map(|d| d.format("%d-%m-%Y").to_string()),
        ),
        (Field::PostalCode, v.postal_code.clone()),
        (Field::Phone, v.phone.clone()),
        (Field::Municipality, v.municipality.clone()),
        (Field::TargetBanenafspraak, yes_no(v.target_banenafspraak)),
        (Field::TargetPraktijkroute, yes_no(v.target_praktijkroute)),
        (Field::TargetBbl, yes_no(v.target_bbl)),
        (Field::TargetOndernemer, yes_no(v.target_ondernemer)),
        (Field::Interests, v.interests.clone()),
        (Field::Talents, v.talents.clone()),
        (Field::Motivation, v.motivation.clone()),
        (Field::DesiredWork, v.desired_work.clone()),
        (Field::PreferredOccupations, occupations),
        (Field::WorkCapacity, wc),
    ];
    let photo = v.photo_url.clone();
    view! {
        {photo.map(|url| view! {
            <img class="hw-photo" src=url alt=format!("Foto van {}", v.full_name()) width="160" />
        })}
        <dl class="utrecht-data-list utrecht-data-list--html-dl">
            {rows
                .into_iter()
                .map(|(field, value)| view! { <FieldRow view=view.clone() field value /> })
                .collect_view()}
            {consent.map(|c| view! {
                <div class="utrecht-data-list__item">
                    <dt class="utrecht-data-list__item-key">"Belastbaarheid delen met werkgevers"</dt>
                    <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{c}</dd>
                </div>
            })}
        </dl>
    }
}

#[component]
pub fn MyProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| my_profile());
    view! {
        <h1 class="utrecht-heading-1">"Mijn profiel"</h1>
        <p class="utrecht-paragraph">
            "Dit zijn alle gegevens die jouw gemeente in HalloWerk over jou bewaart. "
            "Werkgevers zien alleen je naam, contactgegevens, gemeente, doelgroepen, interesses, "
            "voorkeuren en foto of video; je belastbaarheid alleen als je daar toestemming voor geeft."
        </p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(view) => {
                        let state = view.state.map(|s| s.label()).unwrap_or_default();
                        view! {
                            <p class="utrecht-paragraph">
                                "Status van je profiel: " <strong>{state}</strong>
                                " · " <a class="utrecht-link" href="/mijn-gegevens">"Pauzeren, downloaden of een verzoek indienen"</a>
                            </p>
                            <crate::profile_edit::ProfileEditor initial=view />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The job seeker's consent to show work capacity to employers (Art. 9 AVG): only they can
/// give or withdraw it, and withdrawal takes effect at once.
#[server(prefix = "/api", endpoint = "profile/consent")]
pub async fn set_work_capacity_consent(consent: bool) -> Result<bool, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::JobSeeker]).await?;
    ssr::set_consent(&crate::state::db()?, &me, consent).await
}
