//! The start page of a platform administrator: gemeenten nobody can act for and accounts that
//! wait for an approval, counted by the services of the "Beheer" page. No personal data.

use crate::access::caller::Admin;
use crate::admin::{accounts, places};
use kernel::error::AppError;
use kernel::views::today::{Today, WorkItem};
use sea_orm::ConnectionTrait;

pub async fn today<C: ConnectionTrait>(db: &C, p: &Admin) -> Result<Today, AppError> {
    // Active gemeenten of active regions without active staff (as "Beheer" shows them): nobody
    // there handles its job seekers' requests or approves its new accounts.
    let unstaffed = places::overview(db)
        .await?
        .iter()
        .filter(|r| r.active)
        .flat_map(|r| r.municipalities.iter())
        .filter(|m| m.active && m.active_staff == 0)
        .count() as u64;
    Ok(Today::of(vec![
        WorkItem::new(
            accounts::awaiting_my_approval(db, p).await?,
            "accounts die op jouw goedkeuring wachten",
            "/beheer",
        ),
        WorkItem::new(
            unstaffed,
            "actieve gemeenten zonder actieve medewerker",
            "/beheer",
        ),
    ]))
}
