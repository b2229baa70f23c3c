//! The start page of a staff member: the work of the day in their gemeente and region, each
//! item counted by the service of the page where it is done (its own query, scope and
//! four-eyes rule), so the start page never promises what that page does not show. Counts
//! only: nobody's data is shown here, so nothing is audited.

use crate::access::caller::Staff;
use crate::identity::account_approval;
use crate::model::contact_messages;
use crate::staff::{employers, partners, privacy_desk, region_requests};
use chrono::{DateTime, Utc};
use kernel::error::AppError;
use kernel::views::today::{Today, WorkItem};
use sea_orm::ConnectionTrait;

/// "This week": requests due within this many days count as due soon.
pub const DUE_SOON_DAYS: i64 = 7;
/// Agreements ending within this many days are shown, so a renewal can be agreed in time.
pub const AGREEMENT_ENDS_DAYS: i64 = 30;

pub async fn today<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    now: DateTime<Utc>,
) -> Result<Today, AppError> {
    let requests = privacy_desk::deadlines(db, p, now, DUE_SOON_DAYS).await?
        + region_requests::deadlines(db, p, now, DUE_SOON_DAYS).await?;
    let (first, second) = employers::waiting_for(db, p).await?;
    let partners = partners::list(db, p).await?;
    let agreements = partners.iter().filter_map(|p| p.agreement.as_ref());
    let to_confirm = agreements
        .clone()
        .filter(|a| {
            a.awaiting_confirmation
                .as_ref()
                .is_some_and(|w| !w.by_caller)
        })
        .count() as u64;
    let ends_by = (now + chrono::Duration::days(AGREEMENT_ENDS_DAYS)).date_naive();
    let ending = agreements
        .filter(|a| a.awaiting_confirmation.is_none())
        .filter(|a| a.valid_until.is_some_and(|u| u <= ends_by))
        .count() as u64;
    Ok(Today::of(vec![
        WorkItem::new(
            requests.overdue,
            "privacyverzoeken over de wettelijke termijn",
            "/privacyverzoeken",
        )
        .overdue(),
        WorkItem::new(
            requests.due_soon,
            "privacyverzoeken die deze week aflopen",
            "/privacyverzoeken",
        ),
        WorkItem::new(
            first,
            "aanmeldingen van werkgevers die op een beslissing wachten",
            "/werkgevers",
        ),
        WorkItem::new(
            second,
            "goedgekeurde aanmeldingen die op een tweede collega wachten",
            "/werkgevers",
        ),
        WorkItem::new(
            contact_messages::open_in_region(db, p.region_id).await?,
            "open contactberichten",
            "/contactberichten",
        ),
        WorkItem::new(
            account_approval::awaiting_my_approval(db, p).await?,
            "accounts die op goedkeuring wachten",
            "/accounts",
        ),
        WorkItem::new(
            to_confirm,
            "partnerafspraken die op bevestiging wachten",
            "/partners",
        ),
        WorkItem::new(
            ending,
            &format!("partnerafspraken die binnen {AGREEMENT_ENDS_DAYS} dagen aflopen"),
            "/partners",
        ),
    ]))
}
