//! The start page of a partner organisation: what changed this week in the data its agreement
//! shares, counted from the audit log's changes to profiles the partner may see now.
//!
//! A change counts only when it touched a field of the agreement: a profile whose phone number
//! changed is not counted for a partner without the phone number, or the count would tell it
//! something about a field it may not read. Nor does a change count that the partner could not
//! have seen happen: one made before its agreement took effect, or while the person had paused
//! their profile (the partner's list leaves them out then); counting those would date a change
//! the partner had no right to follow. Counts only; nobody is named, so nothing is audited.

use crate::access::caller::Partner;
use chrono::{DateTime, Duration, Utc};
use entity::audit_log;
use kernel::error::AppError;
use kernel::policy::FieldSet;
use kernel::views::today::{Today, WorkItem};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

/// Changes of the last this many days are counted.
pub const CHANGED_DAYS: i64 = 7;

/// The audit actions that write a profile's fields: a new profile, and a change by its owner or
/// by the gemeente (a form's fields, a photo or video, a confirmed e-mail address). An update's
/// entry names the fields whose value changed (`model::profile::changes`), not those a form
/// merely sent.
const WRITES: [&str; 2] = ["create", "update"];

/// The audit action of a job seeker ending their pause (`model::privacy::set_paused`).
const RESUME: &str = "resume";

pub async fn today<C: ConnectionTrait>(
    db: &C,
    p: &Partner,
    now: DateTime<Utc>,
) -> Result<Today, AppError> {
    let agreement = p.agreement_in_force(db).await?;
    let shared = Partner::readable_under(agreement.fields);
    let from = (now - Duration::days(CHANGED_DAYS)).max(agreement.since);
    let people = p.scope.people_ids(db).await?;
    // The profiles the partner may see now (the scope of its list), written since `from` with
    // a result of "ok" (a refused change wrote nothing).
    let writes: Vec<(Option<i32>, String, DateTime<Utc>)> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::JobSeekerId)
        .column(audit_log::Column::Fields)
        .column(audit_log::Column::At)
        .filter(audit_log::Column::Action.is_in(WRITES))
        .filter(audit_log::Column::Result.eq("ok"))
        .filter(audit_log::Column::At.gte(from))
        .filter(audit_log::Column::JobSeekerId.in_subquery(people.clone()))
        .into_tuple()
        .all(db)
        .await?;
    // When each of them last ended a pause in that time: what they changed before is not counted.
    let resumed: HashMap<i32, DateTime<Utc>> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::JobSeekerId)
        .column_as(audit_log::Column::At.max(), "at")
        .filter(audit_log::Column::Action.eq(RESUME))
        .filter(audit_log::Column::Result.eq("ok"))
        .filter(audit_log::Column::At.gte(from))
        .filter(audit_log::Column::JobSeekerId.in_subquery(people))
        .group_by(audit_log::Column::JobSeekerId)
        .into_tuple::<(Option<i32>, DateTime<Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, at)| id.map(|id| (id, at)))
        .collect();
    let changed: HashSet<i32> = writes
        .into_iter()
        .filter(|(_, fields, _)| {
            // An entry the policy cannot parse is not counted (it names no field we know).
            FieldSet::parse_codes(fields).is_ok_and(|f| f.intersects(shared))
        })
        .filter_map(|(id, _, at)| id.filter(|id| resumed.get(id).is_none_or(|r| at > *r)))
        .collect();
    Ok(Today::of(vec![WorkItem::new(
        changed.len() as u64,
        "gedeelde profielen met wijzigingen in de gedeelde gegevens, deze week",
        "/partner",
    )]))
}
