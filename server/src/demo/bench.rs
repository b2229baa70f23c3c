//! `server bench`: the candidate filter measured through the path employers take (issue 35,
//! item 5). It serves the app on a loopback port of its own and sends each filter request
//! as the browser does: HTTP with a session cookie, JSON to the server function, session,
//! caller, scope, policy check, index, page rows, cards, charge and audit. Each request is a
//! sample, an error or a timeout included (at its time).
//!
//! On data made beforehand (`server generate --national`, kept by `scripts/bench`), it runs
//! four scenarios: an employer of the smallest region and of the largest, each alone and
//! fifty at once (each of the fifty its own account). Keywords come from a word list of its own
//! (`words`), also as prefixes while typing; both name sorts, deep pages and every filter
//! are asked. While each scenario runs, job seekers edit their profiles and pause or resume,
//! and staff add new job seekers, over the same HTTP path.
//!
//! Beside each lone employer's request, in the same run, the limit of this design: a bare
//! scan of the same index with the criteria prepared beforehand, plus reading the page's rows
//! by id (`search::candidates::bare_page`). It prints p50/p95/p99, the ratio to that limit,
//! the index build time and this process's memory (server and bench together).
//!
//! The accounts it uses (employer contacts, one staff member) are made directly in the
//! database, as staff would register them, with sessions made as a completed log-in makes
//! them: log-ins are not what is measured. The regions' viewing ceilings are lifted to the
//! most staff may set, so the ceiling does not refuse the bench; every request is still
//! counted and audited.

use super::{http, words};
use crate::config::Config;
use entity::{app_user, employer, job_seeker, municipality, occupation, region, vacancy};
use kernel::candidates::CandidateFilter;
use kernel::domain::Role;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use service::access::caller::Employer;
use service::access::session::{Stage, create_session, principal_from_headers};
use service::foundation::candidate_index::{CandidateIndex, Criteria};
use service::foundation::media_store::DirStore;
use service::foundation::state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Options {
    /// Filter requests per scenario.
    pub requests: usize,
    /// Writes per second while a scenario runs.
    pub writes_per_second: u64,
}

/// Employers at once in the busy scenarios.
const MANY: usize = 50;
/// A request without an answer after this long counts as a sample of this long, and an error.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Job seekers whose sessions the writers use.
const WRITERS: usize = 200;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50/p95/p99 of `samples`, sorted in place.
fn quantiles(samples: &mut [Duration]) -> [f64; 3] {
    samples.sort();
    [0.50, 0.95, 0.99].map(|p| ms(percentile(samples, p)))
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

/// Raises a region's viewing ceilings to the most staff may set (benchmarks and load tests
/// measure the server, not the ceiling; every request is still counted).
pub async fn lift_viewing_limits(db: &DatabaseConnection, region_id: i32) {
    let max = kernel::views::viewing_limits::MAX_LIMIT as i32;
    entity::viewing_limit::Entity::delete_by_id(region_id)
        .exec(db)
        .await
        .expect("viewing limits for the bench");
    entity::viewing_limit::ActiveModel {
        region_id: Set(region_id),
        account_opened: Set(max),
        organisation_opened: Set(max),
        account_listed: Set(max),
        organisation_listed: Set(max),
        updated_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
    .expect("viewing limits for the bench");
}

/// A region the bench measures in, with its employers' sessions.
struct Region {
    id: i32,
    name: String,
    job_seekers: i64,
    gemeenten: Vec<i32>,
    accounts: Vec<Account>,
}

/// An employer contact signed in: the cookie, and the caller it stands for (to prepare the
/// bare scan's criteria exactly as the request will).
struct Account {
    cookie: String,
    caller: Employer,
    mix: Mix,
}

/// Job seekers per region (every state), largest first.
pub(super) async fn region_sizes(db: &DatabaseConnection) -> Vec<(i32, i64)> {
    let stmt = Query::select()
        .column((municipality::Entity, municipality::Column::RegionId))
        .expr(Func::count(Expr::col((
            job_seeker::Entity,
            job_seeker::Column::Id,
        ))))
        .from(job_seeker::Entity)
        .inner_join(
            municipality::Entity,
            Expr::col((job_seeker::Entity, job_seeker::Column::MunicipalityId))
                .equals((municipality::Entity, municipality::Column::Id)),
        )
        .group_by_col((municipality::Entity, municipality::Column::RegionId))
        .to_owned();
    let mut sizes: Vec<(i32, i64)> = db
        .query_all(&stmt)
        .await
        .expect("job seekers per region")
        .iter()
        .map(|r| {
            (
                r.try_get_by_index(0).expect("region"),
                r.try_get_by_index(1).expect("count"),
            )
        })
        .collect();
    sizes.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    sizes
}

/// The account with this e-mail address, made if it is not there yet.
pub(super) async fn account(
    db: &DatabaseConnection,
    email: &str,
    role: Role,
    employer_id: Option<i32>,
    municipality_id: Option<i32>,
) -> app_user::Model {
    if let Some(u) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await
        .expect("reading an account")
    {
        return u;
    }
    let now = chrono::Utc::now();
    app_user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(None),
        role: Set(role.code().into()),
        municipality_id: Set(municipality_id),
        employer_id: Set(employer_id),
        partner_id: Set(None),
        first_name: Set(Some("Bench".into())),
        last_name: Set(Some(format!("Account {email}"))),
        phone: Set(None),
        active: Set(true),
        created_at: Set(now),
        last_login_at: Set(None),
        totp_secret: Set(None),
        totp_confirmed_at: Set(Some(now)),
        totp_last_step: Set(None),
        created_by: Set(None),
        awaiting_approval: Set(false),
        approved_by: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("making a bench account")
}

/// A session as a completed log-in makes it; the cookie pair.
pub(super) async fn session(db: &DatabaseConnection, user_id: i32) -> String {
    let token = create_session(db, user_id, Stage::Complete)
        .await
        .expect("session");
    format!("{}={token}", service::access::session::SESSION_COOKIE)
}

async fn employer_caller(db: &DatabaseConnection, cookie: &str) -> Employer {
    let mut headers = ::http::HeaderMap::new();
    headers.insert(::http::header::COOKIE, cookie.parse().expect("cookie"));
    let p = principal_from_headers(db, &headers)
        .await
        .expect("session lookup")
        .expect("a signed-in employer");
    service::access::caller::typed(p).expect("the bench signs in as an employer")
}

/// The region with its gemeenten and `MANY` employer contacts (spread over its organisations).
async fn region(db: &DatabaseConnection, id: i32, job_seekers: i64) -> Option<Region> {
    let organisations = employer::Entity::find()
        .filter(employer::Column::RegionId.eq(id))
        .filter(employer::Column::Active.eq(true))
        .order_by_asc(employer::Column::Id)
        .limit(MANY as u64)
        .all(db)
        .await
        .expect("organisations");
    if organisations.is_empty() {
        return None;
    }
    let name = region::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("region")
        .map(|r| r.name)
        .unwrap_or_default();
    // The region's gemeenten and the occupations are the same for every account: read once.
    let shared = Mix::of_employer(db, organisations[0].id, id, typed_words()).await;
    let mut accounts: Vec<Account> = Vec::new();
    for k in 0..MANY {
        let org = &organisations[k % organisations.len()];
        let email = format!("bench.{k}.r{id}@bench.hallowerk-demo.nl");
        let user = account(db, &email, Role::Employer, Some(org.id), None).await;
        let cookie = session(db, user.id).await;
        let caller = employer_caller(db, &cookie).await;
        let mix = Mix {
            own_open_vacancies: open_vacancies(db, org.id).await,
            ..shared.clone()
        };
        accounts.push(Account {
            cookie,
            caller,
            mix,
        });
    }
    lift_viewing_limits(db, id).await;
    Some(Region {
        id,
        name,
        job_seekers,
        gemeenten: shared.gemeenten,
        accounts,
    })
}

/// What a mix of filters picks from: the employer's gemeenten, occupations and open
/// vacancies, and the words typed.
#[derive(Clone)]
pub struct Mix {
    pub gemeenten: Vec<i32>,
    pub occupations: Vec<i32>,
    pub own_open_vacancies: Vec<i32>,
    pub words: Vec<String>,
}

impl Mix {
    /// The mix of an employer of `region_id`, typing `words`.
    pub async fn of_employer(
        db: &DatabaseConnection,
        employer_id: i32,
        region_id: i32,
        words: Vec<String>,
    ) -> Mix {
        Mix {
            gemeenten: municipality::Entity::find()
                .filter(municipality::Column::RegionId.eq(region_id))
                .order_by_asc(municipality::Column::Id)
                .all(db)
                .await
                .expect("gemeenten")
                .into_iter()
                .map(|m| m.id)
                .collect(),
            occupations: occupation::Entity::find()
                .all(db)
                .await
                .expect("occupations")
                .into_iter()
                .map(|o| o.id)
                .collect(),
            own_open_vacancies: open_vacancies(db, employer_id).await,
            words,
        }
    }
}

/// The open vacancies of an organisation (what a physical-fit filter may name).
async fn open_vacancies(db: &DatabaseConnection, employer_id: i32) -> Vec<i32> {
    vacancy::Entity::find()
        .select_only()
        .column(vacancy::Column::Id)
        .filter(vacancy::Column::EmployerId.eq(employer_id))
        .filter(vacancy::Column::Status.eq("open"))
        .into_tuple()
        .all(db)
        .await
        .expect("vacancies")
}

/// The bench's own word list ([`words::WORDS`]), not the generator's.
fn typed_words() -> Vec<String> {
    words::WORDS.iter().map(|w| w.to_string()).collect()
}

/// Filters an employer might send while typing and ticking: keywords (whole, or as a prefix
/// being typed), every criterion, both name sorts and deep pages.
pub fn filter_mix(seed: u64, n: usize, mix: &Mix) -> Vec<CandidateFilter> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let mut f = CandidateFilter::default();
            let k: f64 = rng.random();
            if k < 0.6 && !mix.words.is_empty() {
                let count = if k < 0.45 { 1 } else { 2 };
                f.q = (0..count)
                    .map(|_| {
                        let w = mix.words.choose(&mut rng).expect("words");
                        let len = w.chars().count();
                        if len > 3 && rng.random_bool(0.4) {
                            w.chars().take(rng.random_range(3..len)).collect()
                        } else {
                            w.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            f.banenafspraak = rng.random_bool(0.2);
            f.praktijkroute = rng.random_bool(0.1);
            f.bbl = rng.random_bool(0.15);
            f.ondernemer = rng.random_bool(0.05);
            f.has_photo = rng.random_bool(0.1);
            f.has_video = rng.random_bool(0.05);
            if rng.random_bool(0.2) {
                let k = rng.random_range(1..=3);
                f.municipalities = mix
                    .gemeenten
                    .choose_multiple(&mut rng, k)
                    .copied()
                    .collect();
            }
            if rng.random_bool(0.2) {
                let k = rng.random_range(1..=3);
                f.occupations = mix
                    .occupations
                    .choose_multiple(&mut rng, k)
                    .copied()
                    .collect();
            }
            if rng.random_bool(0.1) {
                f.fit_vacancy = mix.own_open_vacancies.choose(&mut rng).copied();
            }
            f.sort = match rng.random_range(0..10) {
                0 | 1 => Some("last_name".into()),
                2 => Some("first_name".into()),
                _ => None,
            };
            f.page = match rng.random_range(0..10) {
                0..5 => 0,
                5..8 => rng.random_range(1..5),
                _ => rng.random_range(5..60),
            };
            f
        })
        .collect()
}

/// One filter request over HTTP; how long it took and whether a page came back.
async fn request(addr: SocketAddr, cookie: &str, filter: &CandidateFilter) -> (Duration, bool) {
    let body = serde_json::json!({ "filter": filter }).to_string();
    let req = http::post(
        addr,
        "/api/candidates/search",
        Some(cookie),
        "application/json",
        &body,
    );
    let t = Instant::now();
    match tokio::time::timeout(TIMEOUT, http::exchange(addr, &req)).await {
        Ok(Err(_)) => (t.elapsed(), false),
        Ok(Ok(response)) => {
            let ok = http::status(&response) == Some(200)
                && serde_json::from_str::<serde_json::Value>(http::body(&response))
                    .is_ok_and(|v| v["items"].is_array());
            (t.elapsed(), ok)
        }
        Err(_) => (TIMEOUT, false),
    }
}

/// What the writers did while a scenario ran.
#[derive(Default)]
struct Writes {
    took: Vec<Duration>,
    errors: usize,
    /// The first refusal: request line, status and the start of the body.
    first_error: Option<String>,
}

/// Job seekers edit, pause and resume; staff add new job seekers: `per_second` writes over
/// HTTP until `stop`.
async fn write_while(
    addr: SocketAddr,
    seekers: Arc<Vec<(i32, String)>>,
    staff: Arc<String>,
    per_second: u64,
    seed: u64,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> Writes {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut paused = vec![false; seekers.len()];
    let mut writes = Writes::default();
    if per_second == 0 || seekers.is_empty() {
        return writes;
    }
    let gap = Duration::from_millis(1000 / per_second);
    let run = std::process::id();
    let mut n = 0u64;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        n += 1;
        let k = rng.random_range(0..seekers.len());
        let (id, cookie) = &seekers[k];
        let form = |pairs: &[(&str, &str)]| serde_urlencoded::to_string(pairs).expect("form");
        let req = match rng.random_range(0..10) {
            0..6 => {
                let words: Vec<&str> = words::WORDS.choose_multiple(&mut rng, 3).copied().collect();
                let body = serde_json::json!({
                    "id": id,
                    "changes": [{ "field": "interests", "value": words.join(", ") }],
                });
                http::post(
                    addr,
                    "/api/profile/update",
                    Some(cookie),
                    "application/json",
                    &body.to_string(),
                )
            }
            6..8 => {
                paused[k] = !paused[k];
                let to = if paused[k] { "true" } else { "false" };
                http::post(
                    addr,
                    "/api/privacy/pause",
                    Some(cookie),
                    "application/x-www-form-urlencoded",
                    &form(&[("paused", to)]),
                )
            }
            _ => {
                let number = format!("B{run}-{seed}-{n}");
                let email = format!("nieuw.{run}.{seed}.{n}@bench.hallowerk-demo.nl");
                http::post(
                    addr,
                    "/api/job-seekers/create",
                    Some(&staff),
                    "application/x-www-form-urlencoded",
                    &form(&[
                        ("client_number", &number),
                        ("first_name", "Nieuwe"),
                        ("last_name", &letters(run as u64 * 1_000_000 + n)),
                        ("email", &email),
                    ]),
                )
            }
        };
        let t = Instant::now();
        let outcome = match tokio::time::timeout(TIMEOUT, http::exchange(addr, &req)).await {
            Ok(Ok(response)) if http::status(&response) == Some(200) => Ok(()),
            Ok(Ok(response)) => Err(format!(
                "{} {:?}",
                http::status(&response).unwrap_or(0),
                http::body(&response).chars().take(200).collect::<String>()
            )),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("no answer in time".into()),
        };
        writes.took.push(t.elapsed());
        if let Err(e) = outcome {
            writes.errors += 1;
            let what = req.lines().next().unwrap_or_default().to_string();
            writes.first_error.get_or_insert(format!("{what}: {e}"));
        }
        tokio::time::sleep(gap.saturating_sub(t.elapsed())).await;
    }
    // Leave nobody paused: the kept data stays as it was made.
    for (k, (_, cookie)) in seekers.iter().enumerate() {
        if paused[k] {
            let req = http::post(
                addr,
                "/api/privacy/pause",
                Some(cookie),
                "application/x-www-form-urlencoded",
                "paused=false",
            );
            let _ = http::exchange(addr, &req).await;
        }
    }
    writes
}

/// A made-up surname for the number `n` (names take letters only).
fn letters(mut n: u64) -> String {
    let mut name = String::from("Nieuw");
    loop {
        name.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return name;
        }
    }
}

/// One scenario's samples.
struct Outcome {
    requests: Vec<Duration>,
    errors: usize,
    /// Each answered request beside its bare scan, where the index could answer that.
    pairs: Vec<(Duration, Duration)>,
    /// Requests whose bare scan the index could not answer (a name order waiting for a base).
    bare_missing: usize,
    /// Bare scans whose rows could not be read.
    bare_failed: usize,
    writes: Writes,
    seconds: f64,
}

struct Run<'a> {
    db: &'a DatabaseConnection,
    addr: SocketAddr,
    index: Arc<CandidateIndex>,
    seekers: Arc<Vec<(i32, String)>>,
    staff: Arc<String>,
    o: &'a Options,
}

impl Run<'_> {
    async fn scenario(&self, region: &Region, clients: usize, seed: u64) -> Outcome {
        let per_client = self.o.requests.div_ceil(clients);
        let lists: Vec<Vec<CandidateFilter>> = region
            .accounts
            .iter()
            .take(clients)
            .enumerate()
            .map(|(k, account)| {
                let seed = if clients == 1 {
                    seed
                } else {
                    seed * 1000 + k as u64
                };
                filter_mix(seed, per_client, &account.mix)
            })
            .collect();
        // The bare scan's criteria (occupation ids included; keywords are looked up in the
        // index's own lists during the scan, as in a search) are prepared before the clock and
        // the writers start: preparing is not what is measured, and writes piling up meanwhile
        // would meet the first request all at once.
        let mut prepared: Vec<Option<Criteria>> = Vec::new();
        if clients == 1 {
            for f in &lists[0] {
                prepared.push(self.criteria(&region.accounts[0].caller, f).await);
            }
        }
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writer = tokio::spawn(write_while(
            self.addr,
            self.seekers.clone(),
            self.staff.clone(),
            self.o.writes_per_second,
            seed,
            stop.clone(),
        ));
        let started = Instant::now();
        let mut bare_time = Duration::ZERO;
        let mut outcome = Outcome {
            requests: Vec::new(),
            errors: 0,
            pairs: Vec::new(),
            bare_missing: 0,
            bare_failed: 0,
            writes: Writes::default(),
            seconds: 0.0,
        };
        if clients == 1 {
            // Alone: each request, then the bare limit of the same filter, interleaved so both
            // see the same machine and the same writes.
            let account = &region.accounts[0];
            for (f, c) in lists[0].iter().zip(&prepared) {
                let (took, ok) = request(self.addr, &account.cookie, f).await;
                outcome.requests.push(took);
                outcome.errors += usize::from(!ok);
                let Some(c) = c else {
                    outcome.bare_missing += 1;
                    continue;
                };
                let t = Instant::now();
                let bare =
                    service::search::candidates::bare_page(self.db, &self.index, c, f.page).await;
                bare_time += t.elapsed();
                match bare {
                    Ok(Some(_)) if ok => outcome.pairs.push((took, t.elapsed())),
                    Ok(Some(_)) => {}
                    Ok(None) => outcome.bare_missing += 1,
                    Err(_) => outcome.bare_failed += 1,
                }
            }
        } else {
            let mut tasks = tokio::task::JoinSet::new();
            for (list, account) in lists.into_iter().zip(&region.accounts) {
                let (addr, cookie) = (self.addr, account.cookie.clone());
                tasks.spawn(async move {
                    let mut samples = Vec::with_capacity(list.len());
                    for f in &list {
                        samples.push(request(addr, &cookie, f).await);
                    }
                    samples
                });
            }
            for samples in tasks.join_all().await {
                for (took, ok) in samples {
                    outcome.requests.push(took);
                    outcome.errors += usize::from(!ok);
                }
            }
        }
        // Requests per second of the requests alone (the bare scans between them left out).
        outcome.seconds = (started.elapsed() - bare_time).as_secs_f64();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        outcome.writes = writer.await.expect("writer");
        outcome
    }

    /// The index criteria of `f` for this caller, prepared as the request prepares them.
    async fn criteria(&self, caller: &Employer, f: &CandidateFilter) -> Option<Criteria> {
        let search = service::search::filter::Search::new(self.db, caller, f)
            .await
            .ok()?;
        search.index_criteria(self.db, caller).await.ok()?
    }
}

pub async fn run(db: &DatabaseConnection, config: &Config, o: &Options) {
    let backend = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "PostgreSQL",
        _ => "SQLite",
    };
    let sizes = region_sizes(db).await;
    let total: i64 = sizes.iter().map(|(_, n)| n).sum();
    if total < 1000 {
        eprintln!(
            "server bench measures data made beforehand: run `server generate --national \
             --job-seekers N --vacancies M` on this database first (scripts/bench does)"
        );
        std::process::exit(2);
    }
    let vacancies = vacancy::Entity::find().count(db).await.expect("vacancies");
    // The largest region, and the smallest that has organisations.
    let mut largest = None;
    for (id, n) in &sizes {
        if let Some(r) = region(db, *id, *n).await {
            largest = Some(r);
            break;
        }
    }
    let mut smallest = None;
    for (id, n) in sizes.iter().rev() {
        if let Some(r) = region(db, *id, *n).await {
            smallest = Some(r);
            break;
        }
    }
    let (Some(largest), Some(smallest)) = (largest, smallest) else {
        eprintln!("server bench needs organisations in the regions (generate vacancies)");
        std::process::exit(2);
    };

    // Writers: job seekers of the largest region with an account, and staff of its first
    // gemeente who adds new ones.
    let writers_query = Query::select()
        .column(job_seeker::Column::Id)
        .column(job_seeker::Column::UserId)
        .from(job_seeker::Entity)
        .and_where(Expr::col(job_seeker::Column::MunicipalityId).is_in(largest.gemeenten.clone()))
        .and_where(Expr::col(job_seeker::Column::State).eq("active"))
        .order_by(job_seeker::Column::Id, sea_orm::Order::Desc)
        .limit(WRITERS as u64)
        .to_owned();
    let mut seekers = Vec::new();
    for r in db.query_all(&writers_query).await.expect("job seekers") {
        let id: i32 = r.try_get_by_index(0).expect("id");
        let user: i32 = r.try_get_by_index(1).expect("user");
        seekers.push((id, session(db, user).await));
    }
    let staff_user = account(
        db,
        &format!("bench.staff.r{}@bench.hallowerk-demo.nl", largest.id),
        Role::Staff,
        None,
        Some(largest.gemeenten[0]),
    )
    .await;
    let staff = session(db, staff_user.id).await;
    // The server, as `server` starts it, on a loopback port of its own.
    let media = Arc::new(
        DirStore::new(std::env::temp_dir().join(format!("hallowerk-bench-{}", std::process::id())))
            .expect("media dir"),
    );
    let index = Arc::new(CandidateIndex::default());
    let built = index
        .rebuild(db)
        .await
        .expect("building the candidate index");
    let (_, after_build) = memory_mb();
    let app = crate::web::router_behind(
        config.leptos.clone(),
        AppState {
            db: db.clone(),
            media,
            public_url: config.public_url.clone(),
            candidate_index: index.clone(),
        },
        Vec::new(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("server")
    });

    println!(
        "{backend}: {total} job seekers, {vacancies} vacancies, {} regions; candidate index \
         built in {:.0} ms (memory then {after_build:.0} MB)",
        sizes.len(),
        ms(built)
    );
    println!(
        "largest region {} ({} job seekers), smallest with organisations {} ({}); {} writes/s \
         while each scenario runs; viewing ceilings of both regions lifted to the highest staff \
         may set",
        largest.name, largest.job_seekers, smallest.name, smallest.job_seekers, o.writes_per_second
    );
    let run = Run {
        db,
        addr,
        index: index.clone(),
        seekers: Arc::new(seekers),
        staff: Arc::new(staff),
        o,
    };
    // Warm up: the first requests of a fresh process pay for caches the others share.
    for f in filter_mix(99, 20, &largest.accounts[0].mix) {
        request(addr, &largest.accounts[0].cookie, &f).await;
    }
    println!(
        "{:<28} {:>7} {:>6} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8} {:>6}  {:>6} {:>6} {:>6}",
        "scenario (requests/s)",
        "samples",
        "errors",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "bare p50",
        "bare p95",
        "bare p99",
        "×p95",
        "writes",
        "w.err",
        "w.p99"
    );
    let mut seed = 1;
    for region in [&smallest, &largest] {
        for clients in [1, MANY] {
            seed += 1;
            let mut out = run.scenario(region, clients, seed).await;
            let [p50, p95, p99] = quantiles(&mut out.requests);
            // The ratio over the same requests: those answered that had a bare figure.
            let (mut paired, mut bare): (Vec<Duration>, Vec<Duration>) =
                out.pairs.iter().copied().unzip();
            let ratio = (!bare.is_empty()).then(|| quantiles(&mut paired)[1]);
            let bare = (!bare.is_empty()).then(|| quantiles(&mut bare));
            let [_, _, w99] = quantiles(&mut out.writes.took);
            let size = if std::ptr::eq(region, &largest) {
                "largest"
            } else {
                "smallest"
            };
            let label = format!(
                "{size}, {clients} at once ({:.0})",
                out.requests.len() as f64 / out.seconds
            );
            let cell = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
            println!(
                "{label:<28} {:>7} {:>6} {p50:>8.2} {p95:>8.2} {p99:>8.2}   {:>8} {:>8} {:>8} {:>6}  {:>6} {:>6} {w99:>6.1}",
                out.requests.len(),
                out.errors,
                cell(bare.map(|b| b[0])),
                cell(bare.map(|b| b[1])),
                cell(bare.map(|b| b[2])),
                cell(ratio.zip(bare).map(|(r, b)| r / b[1])),
                out.writes.took.len(),
                out.writes.errors,
            );
            if let Some(e) = &out.writes.first_error {
                println!("  first refused write: {e}");
            }
            if out.bare_missing + out.bare_failed > 0 {
                println!(
                    "  ({} requests had no bare figure: the index could not answer {} of them \
                     bare, and reading the rows failed for {}; ×p95 is over the {} others)",
                    out.bare_missing + out.bare_failed,
                    out.bare_missing,
                    out.bare_failed,
                    out.pairs.len()
                );
            }
        }
    }
    let (peak, now) = memory_mb();
    println!("memory of this process (server and bench): peak {peak:.0} MB, now {now:.0} MB");
}
