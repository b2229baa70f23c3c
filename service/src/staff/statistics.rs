//! "Statistieken": aggregates only, never a list of people — active job seekers per target
//! group, invitations and placements per month, contact requests by qualification (and region).
//! Shown as accessible SVG bar charts, each with the same numbers as a table, and as CSV.

use kernel::error::AppError;
use kernel::views::statistics::*;

use crate::access::caller::Staff;
use chrono::{Datelike, Months, NaiveDate, Utc};
use entity::{contact_archive, contact_message, invitation, job_seeker, municipality, region};
use kernel::domain::{Outcome, ProfileState, Qualification};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use std::collections::BTreeMap;

fn month_key(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

pub async fn compute<C: ConnectionTrait>(db: &C, p: &Staff) -> Result<Stats, AppError> {
    let municipality_id = p.municipality_id;
    let m = municipality::Entity::find_by_id(municipality_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let r = region::Entity::find_by_id(m.region_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;

    let people = p.scope.people(db).await?;
    let active = || {
        people
            .clone()
            .filter(job_seeker::Column::State.eq(ProfileState::Active.code()))
    };
    let mut groups = vec![Bar {
        label: "Alle actieve werkzoekenden".into(),
        value: active().count(db).await?,
    }];
    for (label, col) in [
        ("Banenafspraak", job_seeker::Column::TargetBanenafspraak),
        ("Praktijkroute", job_seeker::Column::TargetPraktijkroute),
        ("BBL", job_seeker::Column::TargetBbl),
        ("Ondernemer", job_seeker::Column::TargetOndernemer),
    ] {
        groups.push(Bar {
            label: label.into(),
            value: active().filter(col.eq(true)).count(db).await?,
        });
    }

    // The last twelve months, oldest first.
    let today = Utc::now().date_naive();
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month");
    let months: Vec<String> = (0..12)
        .rev()
        .map(|k| month_key(first - Months::new(k)))
        .collect();
    let own_people: Vec<i32> = people
        .select_only()
        .column(job_seeker::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut invited: BTreeMap<String, u64> = months.iter().map(|m| (m.clone(), 0)).collect();
    let mut placed = invited.clone();
    for inv in invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.is_in(own_people))
        .all(db)
        .await?
    {
        if let Some(n) = invited.get_mut(&month_key(inv.created_at.date_naive())) {
            *n += 1;
        }
        if inv.outcome.as_deref() == Some(Outcome::Placed.code())
            && let Some(n) = placed.get_mut(&month_key(inv.updated_at.date_naive()))
        {
            *n += 1;
        }
    }
    let to_bars = |m: BTreeMap<String, u64>| {
        m.into_iter()
            .map(|(label, value)| Bar { label, value })
            .collect()
    };

    // Contact requests of the region: open messages plus the anonymous archive.
    let mut contacts: BTreeMap<&str, u64> =
        Qualification::ALL.iter().map(|q| (q.code(), 0)).collect();
    for m in contact_message::Entity::find()
        .filter(contact_message::Column::RegionId.eq(r.id))
        .all(db)
        .await?
    {
        *contacts
            .entry(Qualification::from_code(&m.qualification).map_or("overig", |q| q.code()))
            .or_default() += 1;
    }
    for a in contact_archive::Entity::find()
        .filter(contact_archive::Column::RegionId.eq(r.id))
        .all(db)
        .await?
    {
        *contacts
            .entry(Qualification::from_code(&a.qualification).map_or("overig", |q| q.code()))
            .or_default() += 1;
    }
    let contact_bars = Qualification::ALL
        .iter()
        .map(|q| Bar {
            label: q.label().into(),
            value: contacts.get(q.code()).copied().unwrap_or(0),
        })
        .collect();

    Ok(Stats {
        municipality: m.name,
        region: r.name.clone(),
        series: vec![
            Series {
                title: "Actieve werkzoekenden per doelgroep".into(),
                bars: groups,
            },
            Series {
                title: "Uitnodigingen per maand".into(),
                bars: to_bars(invited),
            },
            Series {
                title: "Plaatsingen per maand".into(),
                bars: to_bars(placed),
            },
            Series {
                title: format!("Contactverzoeken per kwalificatie (regio {})", r.name),
                bars: contact_bars,
            },
        ],
    })
}
