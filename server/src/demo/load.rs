//! `server load`: a load test of a running server over loopback HTTP (issue 35, item 6).
//! Many clients at once, each pausing about `think` between requests (at random, 0 to twice
//! that), over the paths people take: public pages, log-ins of job seekers, the employer's
//! candidate filter with keywords from a word list of its own, and opening profiles. Every
//! request is a sample, an error or timeout included (at its time); it prints per kind the
//! count, errors and p50/p95/p99, and requests per second.
//!
//! It reads the database (`DATABASE_URL`, the server's) to find demo accounts, and it lifts the
//! viewing ceilings of the employers' regions to the most staff may set, as a region would for
//! a load test, and says so: the test measures the server, not the ceiling. On generated
//! national data (`--make-accounts`, which has no demo accounts that can sign in) it first
//! makes them in that database, and says so: an employer account with a session as a completed
//! log-in makes it for an organisation of each region, and the demo password for some active
//! generated job seekers, whose log-ins are then the log-in share.

use super::http;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Options {
    /// `127.0.0.1:port` (loopback only).
    pub addr: std::net::SocketAddr,
    pub clients: usize,
    pub seconds: u64,
    pub think_ms: u64,
    /// Make the accounts in the database first (generated data has no demo accounts).
    pub make_accounts: bool,
}

/// Job seekers given the demo password by `--make-accounts`, for the log-in share.
const SEEKERS_SIGNING_IN: u64 = 200;

/// On generated data: an employer account with a completed session for the first active
/// organisation of each region (`load.r{region}@bench.hallowerk-demo.nl`), and the demo password
/// for the first active job seekers. Returns the sessions and the regions.
async fn make_accounts(db: &DatabaseConnection) -> (Vec<String>, Vec<i32>) {
    use entity::{app_user, employer, job_seeker};
    use sea_orm::sea_query::{Expr, Query};
    use sea_orm::{PaginatorTrait, QueryOrder};
    // It gives accounts a known password and sessions without a log-in: only where every
    // account is a generated or demo one (their addresses are all under hallowerk-demo.nl).
    let real = app_user::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(app_user::Column::Email.like("%@hallowerk-demo.nl"))
                .add(app_user::Column::Email.like("%.hallowerk-demo.nl"))
                .not(),
        )
        .count(db)
        .await
        .expect("counting accounts");
    if real > 0 {
        eprintln!(
            "server load --make-accounts refuses: {real} account(s) in this database are not \
             generated or demo accounts (it would give people a known password)"
        );
        std::process::exit(2);
    }
    let (mut sessions, mut regions) = (Vec::new(), Vec::new());
    for (region, _) in super::bench::region_sizes(db).await {
        let Some(org) = employer::Entity::find()
            .filter(employer::Column::RegionId.eq(region))
            .filter(employer::Column::Active.eq(true))
            .order_by_asc(employer::Column::Id)
            .one(db)
            .await
            .expect("organisations")
        else {
            continue;
        };
        let email = format!("load.r{region}@bench.hallowerk-demo.nl");
        let user = super::bench::account(
            db,
            &email,
            kernel::domain::Role::Employer,
            Some(org.id),
            None,
        )
        .await;
        sessions.push(super::bench::session(db, user.id).await);
        regions.push(region);
    }
    let hash = service::identity::auth::hash_password_blocking(super::seed::DEMO_PASSWORD)
        .expect("hashing the demo password");
    let seekers = Query::select()
        .column(job_seeker::Column::UserId)
        .from(job_seeker::Entity)
        .and_where(job_seeker::Column::State.eq("active"))
        .order_by(job_seeker::Column::Id, sea_orm::Order::Asc)
        .limit(SEEKERS_SIGNING_IN)
        .to_owned();
    app_user::Entity::update_many()
        .col_expr(app_user::Column::PasswordHash, Expr::value(hash.as_phc()))
        .filter(app_user::Column::Id.in_subquery(seekers))
        .exec(db)
        .await
        .expect("giving job seekers the demo password");
    (sessions, regions)
}

const PAGES: &[&str] = &[
    "/",
    "/vacatures",
    "/privacy",
    "/algoritme",
    "/toegankelijkheid",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Page,
    LogIn,
    Filter,
    Open,
}

struct Sample {
    kind: Kind,
    took: Duration,
    ok: bool,
}

/// A response: status and body (0: no answer within 10 s).
async fn send(addr: std::net::SocketAddr, request: String) -> (u16, String) {
    match tokio::time::timeout(Duration::from_secs(10), http::exchange(addr, &request)).await {
        Ok(Ok(response)) => (
            http::status(&response).unwrap_or(0),
            http::body(&response).to_string(),
        ),
        _ => (0, String::new()),
    }
}

/// A server function's path.
fn api(endpoint: &str) -> String {
    format!("/api/{endpoint}")
}

/// Signs in over HTTP (with the demo second factor where the role has one); the cookie.
async fn sign_in(addr: std::net::SocketAddr, email: &str, second_factor: bool) -> Option<String> {
    let form = |args: &[(&str, &str)]| serde_urlencoded::to_string(args).unwrap();
    let body = form(&[("email", email), ("password", super::seed::DEMO_PASSWORD)]);
    let raw = post_raw(addr, "login", None, &body).await?;
    let cookie = http::session_cookie(&raw)?;
    if !second_factor {
        return Some(cookie);
    }
    let code = service::identity::second_factor::code_at(
        service::identity::second_factor::DEMO_SECRET,
        chrono::Utc::now().timestamp() as u64,
    )
    .ok()?;
    let raw = post_raw(
        addr,
        "second-factor/verify",
        Some(&cookie),
        &form(&[("code", &code)]),
    )
    .await?;
    http::session_cookie(&raw)
}

/// A form POST; the whole response when it is a 200.
async fn post_raw(
    addr: std::net::SocketAddr,
    endpoint: &str,
    cookie: Option<&str>,
    body: &str,
) -> Option<String> {
    let request = http::post(
        addr,
        &api(endpoint),
        cookie,
        "application/x-www-form-urlencoded",
        body,
    );
    let response = http::exchange(addr, &request).await.ok()?;
    (http::status(&response) == Some(200)).then_some(response)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

pub async fn run(db: &DatabaseConnection, o: &Options) {
    use entity::app_user;
    if !o.addr.ip().is_loopback() {
        eprintln!("server load runs against this machine only (127.0.0.1 or ::1)");
        std::process::exit(2);
    }
    let employers = app_user::Entity::find()
        .filter(app_user::Column::Role.eq("employer"))
        .filter(app_user::Column::Active.eq(true))
        .filter(app_user::Column::PasswordHash.is_not_null())
        .filter(app_user::Column::TotpConfirmedAt.is_not_null())
        .all(db)
        .await
        .expect("employer accounts");
    let (mut sessions, mut regions) = if o.make_accounts {
        make_accounts(db).await
    } else {
        (Vec::new(), Vec::new())
    };
    for e in employers.iter().filter(|_| !o.make_accounts) {
        let Some(employer) = entity::employer::Entity::find_by_id(e.employer_id.unwrap_or(0))
            .one(db)
            .await
            .expect("employer")
            .filter(|e| e.active)
        else {
            continue;
        };
        if let Some(cookie) = sign_in(o.addr, &e.email, true).await {
            sessions.push(cookie);
            if !regions.contains(&employer.region_id) {
                regions.push(employer.region_id);
            }
        }
    }
    let seekers: Vec<String> = app_user::Entity::find()
        .filter(app_user::Column::Role.eq("job_seeker"))
        .filter(app_user::Column::Active.eq(true))
        .filter(app_user::Column::PasswordHash.is_not_null())
        .all(db)
        .await
        .expect("job-seeker accounts")
        .into_iter()
        .map(|u| u.email)
        .collect();
    if sessions.is_empty() || seekers.is_empty() {
        eprintln!("no demo employer or job-seeker account could sign in (is the demo seeded?)");
        std::process::exit(1);
    }
    for r in &regions {
        super::bench::lift_viewing_limits(db, *r).await;
    }
    if o.make_accounts {
        println!(
            "made in this database first: an employer account with a completed session for an \
             organisation of each of {} regions (load.r…@bench.hallowerk-demo.nl), and the demo \
             password for {} active generated job seekers",
            regions.len(),
            SEEKERS_SIGNING_IN
        );
    }
    println!(
        "load test: {} clients for {} s, think time ~{} ms; {} employer sessions, {} job-seeker \
         accounts; viewing ceilings of {} region(s) lifted to the highest staff may set",
        o.clients,
        o.seconds,
        o.think_ms,
        sessions.len(),
        seekers.len(),
        regions.len()
    );

    let samples = Arc::new(Mutex::new(Vec::<Sample>::new()));
    let sessions = Arc::new(sessions);
    let seekers = Arc::new(seekers);
    let started = Instant::now();
    let end = started + Duration::from_secs(o.seconds);
    let mut tasks = tokio::task::JoinSet::new();
    for client in 0..o.clients {
        let (samples, sessions, seekers) = (samples.clone(), sessions.clone(), seekers.clone());
        let (addr, think) = (o.addr, o.think_ms);
        tasks.spawn(async move {
            let mut rng = StdRng::seed_from_u64(client as u64);
            let cookie = sessions[client % sessions.len()].clone();
            let mut seen: Vec<i64> = Vec::new();
            // Clients start spread over the first think time.
            tokio::time::sleep(Duration::from_millis(rng.random_range(0..=think.max(1)))).await;
            while Instant::now() < end {
                let pick: f64 = rng.random();
                let (kind, request) = if pick < 0.1 {
                    let email = seekers.choose(&mut rng).unwrap();
                    let body = serde_urlencoded::to_string([
                        ("email", email.as_str()),
                        ("password", super::seed::DEMO_PASSWORD),
                    ])
                    .unwrap();
                    let r = http::post(
                        addr,
                        &api("login"),
                        None,
                        "application/x-www-form-urlencoded",
                        &body,
                    );
                    (Kind::LogIn, r)
                } else if pick < 0.4 {
                    (
                        Kind::Page,
                        http::get(addr, PAGES.choose(&mut rng).unwrap(), None),
                    )
                } else if pick < 0.8 || seen.is_empty() {
                    let words = rng.random_range(0..=2);
                    let q: Vec<&str> = (0..words)
                        .map(|_| *super::words::WORDS.choose(&mut rng).unwrap())
                        .collect();
                    let filter = serde_json::json!({ "filter": {
                        "q": q.join(" "),
                        "banenafspraak": rng.random_bool(0.2),
                        "bbl": rng.random_bool(0.1),
                        "has_photo": rng.random_bool(0.1),
                        "sort": if rng.random_bool(0.2) { Some("last_name") } else { None },
                        "page": if rng.random_bool(0.1) { rng.random_range(1..20) } else { 0 },
                    }});
                    let r = http::post(
                        addr,
                        &api("candidates/search"),
                        Some(&cookie),
                        "application/json",
                        &filter.to_string(),
                    );
                    (Kind::Filter, r)
                } else {
                    let id = seen.choose(&mut rng).unwrap().to_string();
                    let body = serde_urlencoded::to_string([("id", id.as_str())]).unwrap();
                    let r = http::post(
                        addr,
                        &api("candidates/get"),
                        Some(&cookie),
                        "application/x-www-form-urlencoded",
                        &body,
                    );
                    (Kind::Open, r)
                };
                let t = Instant::now();
                let (status, body) = send(addr, request).await;
                let took = t.elapsed();
                if kind == Kind::Filter
                    && status == 200
                    && let Ok(page) = serde_json::from_str::<serde_json::Value>(&body)
                {
                    seen = page["items"]
                        .as_array()
                        .map(|items| items.iter().filter_map(|c| c["id"].as_i64()).collect())
                        .unwrap_or_default();
                }
                samples.lock().unwrap().push(Sample {
                    kind,
                    took,
                    ok: status == 200,
                });
                let pause = rng.random_range(0..=2 * think);
                tokio::time::sleep(Duration::from_millis(pause)).await;
            }
        });
    }
    tasks.join_all().await;
    let elapsed = started.elapsed();
    let samples = std::mem::take(&mut *samples.lock().unwrap());
    let mut by_kind: HashMap<Option<Kind>, Vec<&Sample>> = HashMap::new();
    for s in &samples {
        by_kind.entry(Some(s.kind)).or_default().push(s);
        by_kind.entry(None).or_default().push(s);
    }
    let mut kinds: Vec<_> = by_kind.keys().copied().collect();
    kinds.sort();
    println!(
        "{:<10} {:>8} {:>7} {:>9} {:>9} {:>9}",
        "kind", "requests", "errors", "p50 ms", "p95 ms", "p99 ms"
    );
    for k in kinds {
        let list = &by_kind[&k];
        let mut times: Vec<Duration> = list.iter().map(|s| s.took).collect();
        times.sort();
        let ms = |p| percentile(&times, p).as_secs_f64() * 1000.0;
        println!(
            "{:<10} {:>8} {:>7} {:>9.1} {:>9.1} {:>9.1}",
            k.map_or("all".to_string(), |k| format!("{k:?}")),
            list.len(),
            list.iter().filter(|s| !s.ok).count(),
            ms(0.50),
            ms(0.95),
            ms(0.99)
        );
    }
    println!(
        "{:.1} requests/s over {:.1} s",
        samples.len() as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
}
