//! The audit log (BIO 8.15): who read or changed which profile, when, from where, with what
//! result. Entries name the policy fields involved, never their values. Append-only: this module
//! has an insert path and read paths, nothing else.

use crate::access::principal::Principal;
use chrono::Utc;
use entity::audit_log;
use kernel::error::AppError;
use kernel::policy::FieldSet;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The actions that show (some of) a person's data to the actor. A job seeker's "wie heeft mijn
/// profiel bekeken" lists these entries by others; each names one person.
pub const READS: [&str; 6] = ["read", "list", "match", "digest", "media", "export"];

/// One thing that happened.
#[derive(Clone, Debug)]
pub struct Entry {
    pub action: &'static str,
    pub object_type: &'static str,
    pub object_id: Option<i32>,
    pub job_seeker_id: Option<i32>,
    pub municipality_id: Option<i32>,
    pub fields: FieldSet,
    pub denied: bool,
    /// Only for events without a principal (a failed log-in of a known account).
    pub actor_user_id: Option<i32>,
}

impl Entry {
    pub fn new(action: &'static str, object_type: &'static str, fields: FieldSet) -> Self {
        Entry {
            action,
            object_type,
            object_id: None,
            job_seeker_id: None,
            municipality_id: None,
            fields,
            denied: false,
            actor_user_id: None,
        }
    }

    /// An entry about an object other than a profile (a vacancy, an account, a region).
    pub fn object(action: &'static str, object_type: &'static str, id: i32) -> Self {
        Entry {
            object_id: Some(id),
            ..Entry::new(action, object_type, FieldSet::EMPTY)
        }
    }

    /// The entry is about this object of a profile (e.g. an invitation), not the profile row.
    pub fn on(mut self, object_type: &'static str, id: i32) -> Self {
        self.object_type = object_type;
        self.object_id = Some(id);
        self
    }

    /// The gemeente whose staff find this entry in their audit search.
    pub fn in_municipality(mut self, municipality_id: i32) -> Self {
        self.municipality_id = Some(municipality_id);
        self
    }

    /// An entry about one job-seeker profile.
    pub fn profile(
        action: &'static str,
        profile: &entity::job_seeker::Model,
        fields: FieldSet,
    ) -> Self {
        Entry {
            object_id: Some(profile.id),
            job_seeker_id: Some(profile.id),
            municipality_id: Some(profile.municipality_id),
            ..Entry::new(action, "job_seeker", fields)
        }
    }

    pub fn denied(mut self) -> Self {
        self.denied = true;
        self
    }
}

/// The client address of the current request, if known: the request's own task (server
/// functions, media, downloads) or, for page resources rendered on their own tasks, the
/// principal made for the request.
fn origin(actor: Option<&Principal>) -> Option<String> {
    match crate::foundation::client::CLIENT.try_with(Clone::clone) {
        Ok(Some(ip)) => Some(ip),
        _ => actor.and_then(|p| p.origin.clone()),
    }
}

fn row(
    actor: Option<&Principal>,
    entry: Entry,
    at: chrono::DateTime<Utc>,
    origin: &Option<String>,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(at),
        actor_user_id: Set(actor.map(|p| p.user_id).or(entry.actor_user_id)),
        actor_role: Set(actor
            .map(|p| p.role.code())
            .unwrap_or("anonymous")
            .to_string()),
        actor_org: Set(actor.map(|p| p.organisation.clone()).unwrap_or_default()),
        action: Set(entry.action.to_string()),
        object_type: Set(entry.object_type.to_string()),
        object_id: Set(entry.object_id),
        job_seeker_id: Set(entry.job_seeker_id),
        municipality_id: Set(entry.municipality_id),
        fields: Set(entry.fields.codes()),
        result: Set(if entry.denied { "denied" } else { "ok" }.to_string()),
        origin: Set(origin.clone()),
        ..Default::default()
    }
}

/// Appends one entry. Pass the transaction of the change it describes, so that the change and
/// its entry are stored together or not at all.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Principal>,
    entry: Entry,
) -> Result<(), AppError> {
    row(actor, entry, Utc::now(), &origin(actor))
        .insert(db)
        .await?;
    Ok(())
}

/// Appends many entries (one per person on a page) in one multi-row insert.
pub async fn record_many<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Principal>,
    entries: impl IntoIterator<Item = Entry>,
) -> Result<(), AppError> {
    let (at, origin) = (Utc::now(), origin(actor));
    let rows: Vec<_> = entries
        .into_iter()
        .map(|e| row(actor, e, at, &origin))
        .collect();
    audit_log::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A decision that concerns every gemeente of a region (employer access, the region's viewing
/// ceilings and blocks): `entry` once in each gemeente's log, so every controller finds it.
pub async fn record_in_region<C: ConnectionTrait>(
    db: &C,
    actor: &Principal,
    region_id: i32,
    entry: Entry,
) -> Result<(), AppError> {
    let gemeenten = entity::municipality::Entity::find()
        .filter(entity::municipality::Column::RegionId.eq(region_id))
        .all(db)
        .await?;
    record_many(
        db,
        Some(actor),
        gemeenten
            .iter()
            .map(|m| entry.clone().in_municipality(m.id)),
    )
    .await
}
