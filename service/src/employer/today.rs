//! The start page of an employer's contact person: interest shown in the organisation's
//! vacancies, invitations answered this week, new candidates per saved search, and how many
//! profiles the account may still open today, each counted by the service of the page where
//! it is dealt with. Counts only: nobody is named, so nothing is charged or audited.

use crate::access::caller::Employer;
use crate::employer::{invitations, saved_searches};
use crate::model::viewing_limits;
use chrono::{DateTime, Duration, Utc};
use kernel::error::AppError;
use kernel::views::today::{Today, WorkItem};
use kernel::views::viewing_limits::Measure;
use sea_orm::ConnectionTrait;

/// Invitations answered within this many days are shown.
pub const ANSWERED_DAYS: i64 = 7;

pub async fn today<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
    now: DateTime<Utc>,
) -> Result<Today, AppError> {
    let (interest, answered) =
        invitations::waiting_and_answered(db, p, now - Duration::days(ANSWERED_DAYS)).await?;
    let mut items = vec![
        WorkItem::new(
            interest,
            "kandidaten die interesse tonen in je vacatures",
            "/uitnodigingen",
        ),
        WorkItem::new(
            answered,
            "uitnodigingen waarop deze week is gereageerd",
            "/uitnodigingen",
        ),
    ];
    for (search, new) in saved_searches::new_candidates(db, p).await? {
        items.push(
            WorkItem::new(
                new,
                &format!(
                    "nieuwe kandidaten voor je zoekopdracht \u{201c}{}\u{201d}",
                    search.name
                ),
                &format!("/kandidaten{}", search.filter.to_query()),
            )
            .capped(saved_searches::NEW_CANDIDATES_CAP),
        );
    }
    items.push(WorkItem::new(
        viewing_limits::left_today(db, p, Measure::Opened, now).await?,
        "profielen die je vandaag nog kunt openen",
        "/kandidaten",
    ));
    Ok(Today::of(items))
}
