//! The bulk generator's national data (issue 35, item 4): the 35 labour-market regions, about
//! 340 gemeenten of unequal size, job seekers spread by size and vacancies over the country.

use crate::common::TestApp;
use entity::{job_seeker, municipality, region, vacancy};
use sea_orm::EntityTrait;
use server::demo::national::{GEMEENTEN, REGIONS};
use std::collections::HashMap;

async fn national_data_covers_the_country_unevenly(app: &TestApp) {
    let before = job_seeker::Entity::find().all(&app.db).await.unwrap().len();
    let made = server::demo::generate::generate(&app.db, 6_000, 2_000, 11, true)
        .await
        .unwrap();
    assert_eq!((made.job_seekers, made.vacancies), (6_000, 2_000));
    let regions = region::Entity::find().all(&app.db).await.unwrap();
    for name in REGIONS {
        assert!(regions.iter().any(|r| r.name == name), "{name}");
    }
    let gemeenten = municipality::Entity::find().all(&app.db).await.unwrap();
    assert!(
        (GEMEENTEN..GEMEENTEN + 40).contains(&gemeenten.len()),
        "{} gemeenten",
        gemeenten.len()
    );
    let region_of: HashMap<i32, i32> = gemeenten.iter().map(|m| (m.id, m.region_id)).collect();
    let seekers = job_seeker::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(seekers.len(), before + 6_000);
    let mut per_gemeente: HashMap<i32, usize> = HashMap::new();
    for s in &seekers {
        *per_gemeente.entry(s.municipality_id).or_default() += 1;
    }
    // Unequal sizes: the largest gemeente holds many times the median one.
    let mut sizes: Vec<usize> = gemeenten
        .iter()
        .map(|m| per_gemeente.get(&m.id).copied().unwrap_or(0))
        .collect();
    sizes.sort_unstable();
    let (median, largest) = (sizes[sizes.len() / 2], sizes[sizes.len() - 1]);
    assert!(
        largest >= 10 * median.max(1),
        "largest {largest}, median {median}"
    );
    // Every region has job seekers and vacancies in its gemeenten.
    let mut seekers_in: HashMap<i32, usize> = HashMap::new();
    for (m, n) in &per_gemeente {
        *seekers_in.entry(region_of[m]).or_default() += n;
    }
    let vacancies = vacancy::Entity::find().all(&app.db).await.unwrap();
    let regions_with_vacancies: std::collections::HashSet<i32> = vacancies
        .iter()
        .map(|v| region_of[&v.municipality_id])
        .collect();
    for r in regions
        .iter()
        .filter(|r| REGIONS.contains(&r.name.as_str()))
    {
        assert!(
            seekers_in.get(&r.id).copied().unwrap_or(0) > 0,
            "{}",
            r.name
        );
    }
    assert!(
        regions_with_vacancies.len() >= 30,
        "{}",
        regions_with_vacancies.len()
    );
}

on_both_databases!(national_data_covers_the_country_unevenly);
