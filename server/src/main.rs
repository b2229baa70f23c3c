//! `server` — start HalloWerk (default); `server create-admin …` for the first administrator of
//! a new installation and `server add-admin …` for a further one (four eyes need two); `server totp-code` for the demo accounts' second-factor code;
//! `server generate …` and `server bench …` for synthetic data.

use server::demo::{bench, generate, load, seed};
use server::{clock, config::Config, db, jobs, mailer, web};
use service::foundation::media_store::DirStore;
use service::foundation::state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

fn usage() -> ! {
    eprintln!(
        "usage:\n  server                      start the web server\n  \
         server create-admin --email E --first-name F --last-name L   the first administrator\n  \
         server add-admin --email E --first-name F --last-name L      a further administrator\n  \
         server totp-code            the current second-factor code of the demo accounts\n  \
         server generate [--job-seekers N] [--vacancies M] [--seed S] [--national]\n  \
         server bench [--requests K] [--writes-per-second W]   (on data made by server generate --national)\n  \
         server load --addr 127.0.0.1:PORT [--clients C] [--seconds S] [--think-ms T] [--make-accounts]   (a running server on DATABASE_URL; --make-accounts on generated data)\n\n\
         Configuration comes from the environment: DATABASE_URL, PUBLIC_URL, HW_DEMO_DATA,\n\
         LEPTOS_SITE_ADDR, LEPTOS_SITE_ROOT, … (see README)."
    );
    std::process::exit(2)
}

fn flag(args: &[String], name: &str, default: usize) -> usize {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.replace('_', "").parse().ok())
            .unwrap_or_else(|| usage()),
        None => default,
    }
}

fn text_flag(args: &[String], name: &str) -> String {
    match args.iter().position(|a| a == name) {
        Some(i) => args.get(i + 1).cloned().unwrap_or_else(|| usage()),
        None => usage(),
    }
}

/// glibc raises its mmap threshold after a large block is freed, so from then on the 19 MiB
/// argon2 blocks of log-ins come from the heaps of the blocking threads and stay there:
/// `scripts/load` (200 clients, 60 s, demo data) measured a peak of 406 MB that way, and 94 MB
/// with the threshold fixed at 1 MiB (which also turns the adjustment off), as here.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fix_mmap_threshold() {
    // SAFETY: mallopt only changes a setting of the allocator, under its own lock.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fix_mmap_threshold() {}

#[tokio::main]
async fn main() {
    fix_mmap_threshold();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("totp-code") {
        // Needs no database: the demo secret is public (it exists only in demo data).
        let now = chrono::Utc::now().timestamp() as u64;
        match service::identity::second_factor::code_at(
            service::identity::second_factor::DEMO_SECRET,
            now,
        ) {
            Ok(code) => println!("{code}"),
            Err(e) => eprintln!("totp-code: {e}"),
        }
        return;
    }
    let config = Config::from_env().unwrap_or_else(|e| {
        eprintln!("configuration error: {e}");
        std::process::exit(2)
    });
    if let Err(e) = service::foundation::secret_box::set_key(config.secret_key) {
        eprintln!("secret key: {e}");
        std::process::exit(2)
    }
    let db = db::connect(&config.database_url).await.unwrap_or_else(|e| {
        eprintln!("cannot open database {}: {e}", config.database_url);
        std::process::exit(1)
    });
    match service::identity::second_factor::seal_stored(&db).await {
        Ok(0) => {}
        Ok(n) => println!("Sealed {n} second-factor secrets stored before secrets were sealed."),
        Err(e) => {
            eprintln!("cannot seal the stored second-factor secrets: {e}");
            std::process::exit(1)
        }
    }
    let media = Arc::new(DirStore::new(&config.media_dir).unwrap_or_else(|e| {
        eprintln!(
            "cannot use media directory {}: {e}",
            config.media_dir.display()
        );
        std::process::exit(1)
    }));
    if config.demo_data
        && seed::seed_if_empty(&db, media.as_ref())
            .await
            .expect("seeding demo data")
    {
        println!("Demo data created in {}", config.database_url);
    }
    if let Err(e) = seed::refuse_on_public_address(&db, &config.public_url).await {
        eprintln!("{e}");
        std::process::exit(1)
    }
    // A new release may say more or less in the privacy statement: record it as a version.
    if let Err(e) = service::model::privacy_statement::refresh_all(&db, chrono::Utc::now()).await {
        eprintln!("cannot bring the privacy statements up to date: {e}");
        std::process::exit(1)
    }

    match args.first().map(String::as_str) {
        None | Some("serve") => {}
        Some(command @ ("create-admin" | "add-admin")) => {
            let (first, last, email) = (
                text_flag(&args, "--first-name"),
                text_flag(&args, "--last-name"),
                text_flag(&args, "--email"),
            );
            let url = &config.public_url;
            let made = if command == "create-admin" {
                service::admin::accounts::create_first_admin(&db, &first, &last, &email, url).await
            } else {
                service::admin::accounts::add_admin(&db, &first, &last, &email, url).await
            };
            match made {
                Ok((_, link)) => println!(
                    "Administrator account created. Choose its password with this link (valid {} days, also e-mailed):\n{link}",
                    kernel::views::activation::ACTIVATION_DAYS
                ),
                Err(e) => {
                    eprintln!("{command}: {e}");
                    std::process::exit(1)
                }
            }
            return;
        }
        Some("generate") => {
            let started = Instant::now();
            let made = generate::generate(
                &db,
                flag(&args, "--job-seekers", 0),
                flag(&args, "--vacancies", 0),
                flag(&args, "--seed", 1) as u64,
                args.iter().any(|a| a == "--national"),
            )
            .await
            .expect("generating data");
            println!(
                "generated {} job seekers and {} vacancies in {:.1} s",
                made.job_seekers,
                made.vacancies,
                started.elapsed().as_secs_f64()
            );
            return;
        }
        Some("load") => {
            let addr = args
                .iter()
                .position(|a| a == "--addr")
                .and_then(|i| args.get(i + 1))
                .and_then(|a| a.parse().ok())
                .unwrap_or_else(|| usage());
            load::run(
                &db,
                &load::Options {
                    addr,
                    clients: flag(&args, "--clients", 200),
                    seconds: flag(&args, "--seconds", 60) as u64,
                    think_ms: flag(&args, "--think-ms", 2000) as u64,
                    make_accounts: args.iter().any(|a| a == "--make-accounts"),
                },
            )
            .await;
            return;
        }
        Some("bench") => {
            bench::run(
                &db,
                &config,
                &bench::Options {
                    requests: flag(&args, "--requests", 1000),
                    writes_per_second: flag(&args, "--writes-per-second", 5) as u64,
                },
            )
            .await;
            return;
        }
        Some(_) => usage(),
    }

    let logins = seed::demo_logins(&db).await.expect("reading demo accounts");
    if config.jobs {
        let mailer = config.smtp.as_ref().map(|c| {
            mailer::Mailer::new(c).unwrap_or_else(|e| {
                eprintln!("SMTP configuration: {e}");
                std::process::exit(2)
            })
        });
        if mailer.is_none() {
            println!("SMTP not configured (SMTP_HOST): outgoing mail is kept in the outbox table.");
        }
        jobs::Runner::new(
            db.clone(),
            media.clone(),
            Arc::new(clock::SystemClock),
            mailer,
        )
        .with_public_url(&config.public_url)
        .spawn(config.jobs_interval);
    }
    let addr = config.leptos.site_addr;
    let candidate_index = Arc::new(service::foundation::candidate_index::CandidateIndex::default());
    candidate_index.rebuild_in_background(db.clone());
    let app = web::router_behind(
        config.leptos.clone(),
        AppState {
            db,
            media,
            public_url: config.public_url.clone(),
            candidate_index,
        },
        config.trusted_proxies.clone(),
    );
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .unwrap_or_else(|e| {
            eprintln!("cannot listen on {addr}: {e}");
            std::process::exit(1)
        });
    seed::print_logins(&logins, &config.public_url);
    println!("HalloWerk listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .expect("server");
}
