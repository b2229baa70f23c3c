//! Partner organisations: the fields named in their data-sharing agreement, for the active job
//! seekers of that one gemeente. The agreement is data read by the visibility policy.

use kernel::error::AppError;
use kernel::views::partner::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Partner;
use crate::foundation::paging;
use crate::model::profile::{project, records};
use entity::job_seeker;
use kernel::policy::Audience;
use sea_orm::{ConnectionTrait, QueryOrder};

pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Partner,
    page: u32,
) -> Result<SharedProfileList, AppError> {
    let fields = principal.readable(db).await?;
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
