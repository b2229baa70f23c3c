//! The start page of a job seeker: invitations to answer, the vacancies that match, what the
//! profile still misses and their own open requests, each counted by the service of the page
//! where it is done.

use crate::access::caller::JobSeeker;
use crate::job_seeker::my_vacancies;
use crate::model::{privacy, profile};
use kernel::domain::RequestStatus;
use kernel::error::AppError;
use kernel::views::today::{Today, WorkItem};
use sea_orm::ConnectionTrait;

pub async fn today<C: ConnectionTrait>(db: &C, p: &JobSeeker) -> Result<Today, AppError> {
    let missing = kernel::views::profile::missing_fields(&profile::read_own(db, p).await?);
    let open_requests = privacy::requests_of(db, p.job_seeker_id)
        .await?
        .iter()
        .filter(|r| r.status == RequestStatus::Open)
        .count() as u64;
    Ok(Today::of(vec![
        WorkItem::new(
            my_vacancies::to_answer(db, p).await?,
            "uitnodigingen van werkgevers om op te reageren",
            "/vacatures-voor-mij",
        ),
        WorkItem::new(
            my_vacancies::match_count(db, p).await?,
            "vacatures die bij je passen",
            "/vacatures-voor-mij",
        ),
        WorkItem::new(
            missing.len() as u64,
            "onderdelen van je profiel die nog niet zijn ingevuld",
            "/mijn-profiel",
        ),
        WorkItem::new(
            open_requests,
            "verzoeken aan je gemeente die nog lopen",
            "/mijn-gegevens",
        ),
    ]))
}
