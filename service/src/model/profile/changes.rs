//! Changes to a job-seeker profile: every change names its policy field and is checked
//! against the caller's write list and validated before anything is written; all or nothing.

use super::{FieldChange, ProfileView, deny, record, view_for};
use crate::access::audit::{self, Entry};
use crate::access::caller::JobSeeker;
use crate::access::principal::Principal;
use crate::identity::invited;
use chrono::Utc;
use entity::{app_user, job_seeker, job_seeker_occupation, occupation};
use kernel::error::AppError;
use kernel::policy::{self, Field, FieldSet};
use kernel::validate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

/// The job seeker's own consent to show work capacity; withdrawal takes effect at once.
pub async fn set_consent<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &JobSeeker,
    consent: bool,
) -> Result<bool, AppError> {
    let profile = p.own_profile(db).await?;
    let mut row: job_seeker::ActiveModel = profile.clone().into();
    row.work_capacity_consent = Set(consent);
    row.updated_at = Set(Utc::now());
    let action = if consent {
        "consent_given"
    } else {
        "consent_withdrawn"
    };
    let txn = crate::foundation::db::begin_write(db).await?;
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
/// the policy's write list and validated before anything is written; all or nothing. A new
/// e-mail address, asked by the job seeker or by staff, is not written here but confirmed by a
/// link sent to it (`email_change`; `public_url` makes the link).
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    principal: &Principal,
    id: i32,
    changes: Vec<FieldChange>,
    public_url: &str,
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
    let mut requested_email = None;
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
                // Whoever asks, the address changes only through a link sent to it, so that
                // the answer never tells whether the address has an account somewhere. Staff
                // may hear "in use" only where they see that account already: a job seeker of
                // their own gemeente.
                if principal.audience() != policy::Audience::JobSeeker
                    && invited::in_use_where_seen(db, &v, Some(principal), Some(model.user_id))
                        .await?
                {
                    return Err(invalid(
                        f,
                        "Dit e-mailadres hoort al bij een ander account dat je kunt zien.".into(),
                    ));
                }
                requested_email = Some(v);
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

    let txn = crate::foundation::db::begin_write(db).await?;
    let old = model;
    let model = row.update(&txn).await?;
    // The audit entry names the fields whose value changed, not every field the form sent (a
    // form sends its whole group): the person's overview and a partner's count of changes
    // (`partner::today`) read it, and a field sent unchanged beside a changed one outside an
    // agreement would tell a partner that something it may not read changed.
    changed = changed
        .iter()
        .filter(|f| row_differs(*f, &old, &model))
        .collect();
    if let Some(ids) = new_occupations {
        let before: Vec<i32> = job_seeker_occupation::Entity::find()
            .filter(job_seeker_occupation::Column::JobSeekerId.eq(model.id))
            .order_by_asc(job_seeker_occupation::Column::OccupationId)
            .all(&txn)
            .await?
            .into_iter()
            .map(|o| o.occupation_id)
            .collect();
        if before == ids {
            changed = changed
                .iter()
                .filter(|f| *f != Field::PreferredOccupations)
                .collect();
        } else {
            set_occupations(&txn, model.id, &ids).await?;
        }
    }
    if let Some(email) = requested_email {
        let user = app_user::Entity::find_by_id(model.user_id)
            .one(&txn)
            .await?
            .ok_or(AppError::Internal)?;
        if email != user.email {
            let name = format!("{} {}", model.first_name, model.last_name);
            crate::identity::email_change::request(&txn, &user, &name, &email, public_url).await?;
        }
        // Not changed yet: its confirmation is audited as the change.
        changed = changed
            .iter()
            .filter(|f| *f != Field::Email)
            .fold(FieldSet::EMPTY, FieldSet::with);
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

/// Whether `f` holds another value in `new` than in `old`, for the fields kept on the profile's
/// row. The others are compared where they are written (occupations above; a new e-mail
/// address is audited when its link is followed) or are not written here at all.
fn row_differs(f: Field, old: &job_seeker::Model, new: &job_seeker::Model) -> bool {
    let capacity = |m: &job_seeker::Model| {
        (
            m.wc_sitting,
            m.wc_standing,
            m.wc_walking,
            m.wc_bending,
            m.wc_lifting,
            m.wc_hours_per_day,
        )
    };
    match f {
        Field::ClientNumber => old.client_number != new.client_number,
        Field::FirstName => old.first_name != new.first_name,
        Field::LastName => old.last_name != new.last_name,
        Field::Gender => old.gender != new.gender,
        Field::BirthDate => old.birth_date != new.birth_date,
        Field::PostalCode => old.postal_code != new.postal_code,
        Field::Phone => old.phone != new.phone,
        Field::TargetBanenafspraak => old.target_banenafspraak != new.target_banenafspraak,
        Field::TargetPraktijkroute => old.target_praktijkroute != new.target_praktijkroute,
        Field::TargetBbl => old.target_bbl != new.target_bbl,
        Field::TargetOndernemer => old.target_ondernemer != new.target_ondernemer,
        Field::Interests => old.interests != new.interests,
        Field::Talents => old.talents != new.talents,
        Field::Motivation => old.motivation != new.motivation,
        Field::DesiredWork => old.desired_work != new.desired_work,
        Field::WorkCapacity => capacity(old) != capacity(new),
        Field::Email
        | Field::PreferredOccupations
        | Field::Municipality
        | Field::Photo
        | Field::Video
        | Field::ConsultantNotes => true,
    }
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
