//! `server bench`: the candidate-filter benchmark. Generates N job seekers and M vacancies,
//! then runs a fixed mix of filter requests through the same code as the server function
//! (session lookup, scope, policy checks, query, projection, audit entry) and, in the same run,
//! the bare SQL of the same filters. Prints p50/p95/p99 of both, their ratio, and memory.

use crate::demo::fake;
use entity::{app_user, municipality, occupation, vacancy};
use kernel::candidates::CandidateFilter;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    Statement,
};
use service::access::session::{Stage, create_session, principal_from_headers};
use service::foundation::media_store::DirStore;
use std::time::{Duration, Instant};

pub struct Options {
    pub job_seekers: usize,
    pub vacancies: usize,
    pub requests: usize,
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak and current resident memory of this process, in MB (Linux).
pub fn memory_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
            .unwrap_or(0.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// The fixed mix of filters an employer of the demo region might send while typing and ticking.
pub async fn filter_mix(
    db: &DatabaseConnection,
    employer_id: i32,
    region_id: i32,
    n: usize,
) -> Vec<CandidateFilter> {
    let mut rng = StdRng::seed_from_u64(7);
    let places: Vec<i32> = municipality::Entity::find()
        .filter(municipality::Column::RegionId.eq(region_id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    let occupations: Vec<i32> = occupation::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    let own_open: Vec<i32> = vacancy::Entity::find()
        .select_only()
        .column(vacancy::Column::Id)
        .filter(vacancy::Column::EmployerId.eq(employer_id))
        .filter(vacancy::Column::Status.eq("open"))
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    let words: Vec<String> = fake::INTERESTS
        .iter()
        .chain(fake::DESIRED_WORK)
        .chain(fake::TALENTS)
        .flat_map(|s| s.split_whitespace())
        .filter(|w| w.chars().count() >= 4)
        .map(String::from)
        .collect();
    (0..n)
        .map(|_| {
            let mut f = CandidateFilter::default();
            let k: f64 = rng.random();
            if k < 0.5 {
                let count = if k < 0.3 { 1 } else { 2 };
                f.q = (0..count)
                    .map(|_| {
                        let w = words.choose(&mut rng).unwrap();
                        // A word as it is being typed: a prefix of 3 letters or more.
                        let len = rng.random_range(3..=w.chars().count());
                        w.chars().take(len).collect::<String>()
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            f.banenafspraak = rng.random_bool(0.2);
            f.praktijkroute = rng.random_bool(0.1);
            f.bbl = rng.random_bool(0.15);
            f.ondernemer = rng.random_bool(0.05);
            if rng.random_bool(0.2) {
                let k = rng.random_range(1..=2);
                f.municipalities = places.choose_multiple(&mut rng, k).copied().collect();
            }
            if rng.random_bool(0.2) {
                let k = rng.random_range(1..=3);
                f.occupations = occupations.choose_multiple(&mut rng, k).copied().collect();
            }
            f.has_photo = rng.random_bool(0.1);
            f.has_video = rng.random_bool(0.05);
            if rng.random_bool(0.1) {
                f.fit_vacancy = own_open.choose(&mut rng).copied();
            }
            if rng.random_bool(0.1) {
                f.sort = Some("last_name".into());
            }
            if rng.random_bool(0.3) {
                f.page = rng.random_range(1..=5);
            }
            f
        })
        .collect()
}

pub async fn run(db: &DatabaseConnection, o: &Options) {
    let media = DirStore::new(
        std::env::temp_dir().join(format!("hallowerk-bench-media-{}", std::process::id())),
    )
    .expect("media dir");
    crate::demo::seed::seed_if_empty(db, &media)
        .await
        .expect("demo data");
    let started = Instant::now();
    let made = crate::demo::generate::generate(db, o.job_seekers, o.vacancies, 1, false)
        .await
        .expect("generating");
    let generated = started.elapsed();
    let (peak_after_generate, _) = memory_mb();
    println!(
        "generated {} job seekers and {} vacancies in {:.1} s ({} backend)",
        made.job_seekers,
        made.vacancies,
        generated.as_secs_f64(),
        match db.get_database_backend() {
            sea_orm::DbBackend::Postgres => "PostgreSQL",
            _ => "SQLite",
        }
    );

    // Signed in as the demo bakery's contact, exactly like a browser with a session cookie.
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq("j.vanderlinden@bakkerij.hallowerk-demo.nl"))
        .one(db)
        .await
        .unwrap()
        .expect("demo employer");
    let token = create_session(db, user.id, Stage::Complete)
        .await
        .expect("session");
    let mut headers = http::HeaderMap::new();
    headers.insert(
        http::header::COOKIE,
        format!("hw_session={token}").parse().unwrap(),
    );
    let p = employer_of(db, &headers).await;
    let (employer_id, region_id) = (p.employer_id, p.region_id);
    // The bench measures the filter, not the ceiling on mass viewing: its region allows it all
    // (each request is still counted, as in production).
    lift_viewing_limits(db, region_id).await;
    let filters = filter_mix(db, employer_id, region_id, o.requests).await;

    // The bare SQL of every filter, built before timing: the one statement that finds the
    // (capped) matches in order, from which the count and the page follow.
    let backend = db.get_database_backend();
    let mut bare: Vec<Statement> = Vec::new();
    for f in &filters {
        let q = service::search::filter::query(db, &p, f)
            .await
            .expect("valid filter");
        bare.push(backend.build(&service::search::filter::capped_ids_statement(&q)));
    }

    // One index, as one server instance has.
    let index =
        std::sync::Arc::new(service::foundation::candidate_index::CandidateIndex::default());
    let took = index
        .rebuild(db)
        .await
        .expect("building the candidate index");
    let warm = service::search::candidates::search(db, &index, &p, &CandidateFilter::default())
        .await
        .unwrap();
    println!(
        "building the in-process candidate index: {:.0} ms; {} candidates",
        ms(took),
        warm.total
    );
    // Warm up caches the same way for both.
    for (f, stmt) in filters.iter().zip(&bare).take(20) {
        let p = employer_of(db, &headers).await;
        service::search::candidates::search(db, &index, &p, f)
            .await
            .unwrap();
        db.query_all_raw(stmt.clone()).await.unwrap();
    }

    let mut full = Vec::with_capacity(filters.len());
    let mut sql = Vec::with_capacity(filters.len());
    let mut total_found = 0u64;
    // Interleaved, so both see the same machine state.
    for (f, stmt) in filters.iter().zip(&bare) {
        let t = Instant::now();
        let p = employer_of(db, &headers).await;
        let result = service::search::candidates::search(db, &index, &p, f)
            .await
            .unwrap();
        full.push(t.elapsed());
        total_found += result.total;

        let t = Instant::now();
        db.query_all_raw(stmt.clone()).await.unwrap();
        sql.push(t.elapsed());
    }
    // The slowest filters, to see where the time goes.
    let mut slowest: Vec<(Duration, &CandidateFilter)> =
        full.iter().copied().zip(&filters).collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    full.sort();
    sql.sort();
    let (peak, rss) = memory_mb();
    println!(
        "{} filter requests (mean {} matching candidates of {} in the region)",
        filters.len(),
        total_found / filters.len() as u64,
        o.job_seekers
    );
    println!("                    p50       p95       p99");
    for (name, d) in [("server function", &full), ("bare SQL", &sql)] {
        println!(
            "{name:<16} {:>7.2} ms {:>7.2} ms {:>7.2} ms",
            ms(percentile(d, 50)),
            ms(percentile(d, 95)),
            ms(percentile(d, 99))
        );
    }
    println!(
        "ratio (server function / bare SQL): p50 {:.2}×, p95 {:.2}×",
        ms(percentile(&full, 50)) / ms(percentile(&sql, 50)),
        ms(percentile(&full, 95)) / ms(percentile(&sql, 95))
    );
    println!("slowest filters:");
    for (d, f) in slowest.iter().take(8) {
        println!(
            "  {:>7.2} ms  {}",
            ms(*d),
            serde_json::to_string(f).unwrap_or_default()
        );
    }
    println!(
        "memory: peak {peak:.0} MB (peak after generating {peak_after_generate:.0} MB), now {rss:.0} MB"
    );
}

/// Raises a region's viewing ceilings to the most staff may set (benchmarks and load tests
/// measure the server, not the ceiling; every request is still counted).
pub async fn lift_viewing_limits(db: &DatabaseConnection, region_id: i32) {
    use sea_orm::ActiveModelTrait;
    let max = kernel::views::viewing_limits::MAX_LIMIT as i32;
    entity::viewing_limit::Entity::delete_by_id(region_id)
        .exec(db)
        .await
        .expect("viewing limits for the bench");
    entity::viewing_limit::ActiveModel {
        region_id: sea_orm::Set(region_id),
        account_opened: sea_orm::Set(max),
        organisation_opened: sea_orm::Set(max),
        account_listed: sea_orm::Set(max),
        organisation_listed: sea_orm::Set(max),
        updated_at: sea_orm::Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
    .expect("viewing limits for the bench");
}

/// The employer a request with these headers stands for, resolved as each request resolves it.
async fn employer_of(
    db: &DatabaseConnection,
    headers: &http::HeaderMap,
) -> service::access::caller::Employer {
    let p = principal_from_headers(db, headers).await.unwrap().unwrap();
    service::access::caller::typed(p).expect("the bench signs in as an employer")
}
