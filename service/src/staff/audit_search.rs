//! "Auditlog" for municipal staff (BIO 8.15): who read or changed which profile of their own
//! gemeente, when, from where, with what result. Reads are logged per person (a list page is
//! one entry per person shown), so a client number finds every way that person was seen. Read-only: there is no other path to this table
//! than inserting (and the database refuses updates and deletes).

use kernel::error::AppError;
use kernel::views::audit_search::*;

use crate::access::caller::Staff;
use crate::foundation::paging;
use entity::{audit_log, job_seeker};
use kernel::policy::FieldSet;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Entries about the caller's gemeente, optionally about one client number or action.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    client_number: &str,
    action: &str,
    page: u32,
) -> Result<AuditPage, AppError> {
    let municipality_id = p.municipality_id;
    let mut query = audit_log::Entity::find()
        .filter(audit_log::Column::MunicipalityId.eq(municipality_id))
        .order_by_desc(audit_log::Column::Id);
    if !client_number.trim().is_empty() {
        let person = p
            .scope
            .people(db)
            .await?
            .filter(job_seeker::Column::ClientNumber.eq(client_number.trim()))
            .one(db)
            .await?;
        query = query.filter(audit_log::Column::JobSeekerId.eq(person.map(|p| p.id).unwrap_or(-1)));
    }
    if !action.trim().is_empty() {
        query = query.filter(audit_log::Column::Action.eq(action.trim()));
    }
    let page = paging::fetch(db, query, page, PAGE_SIZE).await?;
    Ok(AuditPage {
        total: page.total,
        page: page.page,
        pages: page.pages,
        rows: page
            .items
            .into_iter()
            .map(|e| AuditRow {
                at: e.at,
                actor_role: e.actor_role,
                actor_org: e.actor_org,
                action: e.action,
                object: match e.object_id {
                    Some(id) => format!("{} {id}", e.object_type),
                    None => e.object_type,
                },
                fields: FieldSet::parse_codes(&e.fields)
                    .map(|f| f.iter().map(|f| f.label()).collect::<Vec<_>>().join(", "))
                    .unwrap_or(e.fields),
                result: e.result,
                origin: e.origin,
            })
            .collect(),
    })
}
