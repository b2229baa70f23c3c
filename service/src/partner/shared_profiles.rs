//! Partner organisations: the fields named in their data-sharing agreement, for the active job
//! seekers of that one gemeente. The agreement is data read by the visibility policy.

use kernel::error::AppError;
use kernel::views::partner::*;

use crate::access::audit::{self, Entry};
use crate::access::principal::Principal;
use crate::access::scope::{Scope, current_agreement};
use crate::foundation::paging;
use crate::model::profile::{project, records};
use entity::job_seeker;
use kernel::policy::{self, Audience, ReadContext};
use sea_orm::{ConnectionTrait, QueryOrder};

pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    page: u32,
) -> Result<SharedProfileList, AppError> {
    let Scope::Partner { partner_id, .. } = principal.scope else {
        return Err(AppError::Forbidden);
    };
    // Without an agreement in force a partner has no access at all (not an empty list).
    let agreement = current_agreement(db, partner_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let ctx = ReadContext {
        work_capacity_consent: false,
        agreement,
    };
    let fields = policy::readable(Audience::Partner, &ctx);
    let query = principal
        .scope
        .people(db)
        .await?
        .order_by_asc(job_seeker::Column::Id);
    let page = paging::fetch(db, query, page, PAGE_SIZE).await?;
    let recs = records(db, page.items).await?;
    // One entry per profile on the page (one insert): each person sees the partner in
    // their "wie heeft mijn profiel bekeken", their gemeente in its audit search.
    audit::record_many(
        db,
        Some(principal),
        recs.iter()
            .map(|rec| Entry::profile("list", &rec.model, fields)),
    )
    .await?;
    let items = recs
        .iter()
        .map(|rec| project(rec, Audience::Partner, fields))
        .collect();
    Ok(SharedProfileList {
        fields: fields.iter().collect(),
        total: page.total,
        page: page.page,
        pages: page.pages,
        items,
    })
}
