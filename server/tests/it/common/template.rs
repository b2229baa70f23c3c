//! The seeded database every test starts from, built once per test run and copied per test.
//!
//! Why: migrating and seeding took 0.25 s (SQLite) to 0.5 s (PostgreSQL) of every test's
//! ~0.7 s / ~1.7 s, for the same rows each time. Once per run, not once per build: the demo
//! data is dated "now", and a template from yesterday would age the rows that tests of
//! deadlines and retention count from.
//!
//! A run is nextest's run (`NEXTEST_RUN_ID`; a process per test) or, under plain `cargo test`,
//! the process. The test processes of one run take turns on a lock file to build it; a
//! template is visible under its final name only when complete (a file or database renamed
//! at the end), so a test never copies half of one.

use super::Backend;
use sea_orm::ConnectionTrait;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Templates of runs older than this are removed when a new run builds its own.
const STALE_AFTER: Duration = Duration::from_secs(3 * 3600);

/// A built template: a seeded SQLite file or PostgreSQL database, and its media files.
pub struct Template {
    /// The SQLite file to copy, or the PostgreSQL database to use as `TEMPLATE`.
    pub source: Source,
    /// The media files the seed wrote (the demo photos the rows point at).
    pub media: PathBuf,
}

pub enum Source {
    SqliteFile(PathBuf),
    PgDatabase(String),
}

fn run_key() -> String {
    let raw = std::env::var("NEXTEST_RUN_ID")
        .unwrap_or_else(|_| format!("p{}-{}", std::process::id(), *super::RUN_STAMP));
    raw.chars()
        .filter(char::is_ascii_alphanumeric)
        .take(24)
        .collect::<String>()
        .to_lowercase()
}

fn epoch_secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

/// This run's template for `backend`, built by the first test of the run that asks.
pub async fn for_run(backend: Backend) -> Template {
    let kind = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "pg",
    };
    let key = run_key();
    let dir = std::env::temp_dir().join(format!("hallowerk-template-{kind}-{key}"));
    let lock_path = std::env::temp_dir().join(format!("hallowerk-template-{kind}-{key}.lock"));
    // `File::lock` blocks the thread: off the runtime's threads.
    let lock = tokio::task::spawn_blocking(move || {
        let f = std::fs::File::create(&lock_path).expect("template lock file");
        f.lock().expect("template lock");
        f
    })
    .await
    .unwrap();
    let pg_name = format!("hw_tpl_{key}");
    let ready = dir.join("ready");
    if !ready.exists() {
        remove_stale(backend).await;
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        match backend {
            Backend::Sqlite => build_sqlite(&dir).await,
            Backend::Postgres => build_pg(&dir, &pg_name).await,
        }
        std::fs::write(&ready, epoch_secs(SystemTime::now()).to_string()).unwrap();
    }
    drop(lock);
    Template {
        source: match backend {
            Backend::Sqlite => Source::SqliteFile(dir.join("seed.db")),
            Backend::Postgres => Source::PgDatabase(pg_name),
        },
        media: dir.join("media"),
    }
}

/// Migrates and seeds `url`'s database, with its media files in `dir/media`.
async fn seed(url: &str, dir: &Path) -> sea_orm::DatabaseConnection {
    let db = server::db::connect(url).await.expect("connect and migrate");
    let media = service::foundation::media_store::DirStore::new(dir.join("media")).unwrap();
    server::demo::seed::seed_if_empty(&db, &media)
        .await
        .expect("demo data");
    super::add_second_region(&db).await;
    db
}

async fn build_sqlite(dir: &Path) {
    let building = dir.join("building.db");
    let db = seed(&format!("sqlite://{}?mode=rwc", building.display()), dir).await;
    // One self-contained file (no -wal beside it), written under its final name in one go.
    let out = dir.join("seed.db");
    let quoted = out
        .to_str()
        .expect("a UTF-8 temporary folder")
        .replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await
        .expect("VACUUM INTO");
    db.close().await.unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", building.display()));
    }
}

async fn build_pg(dir: &Path, name: &str) {
    let admin_url = super::postgres_base_url();
    let admin = super::pg_admin(&admin_url).await;
    let building = format!("{name}_building");
    for db in [name, building.as_str()] {
        drop_pg(&admin, db).await;
    }
    // The build time goes on the database itself, so a later run finds and removes it by age
    // even when this machine's temporary folder is gone.
    let built = epoch_secs(SystemTime::now());
    for sql in [
        format!("CREATE DATABASE {building}"),
        format!("COMMENT ON DATABASE {building} IS '{built}'"),
    ] {
        admin.execute_unprepared(&sql).await.unwrap();
    }
    let db = seed(&super::pg_url(&admin_url, &building), dir).await;
    // Statistics now, so autovacuum has no reason to connect to the template later.
    db.execute_unprepared("ANALYZE").await.unwrap();
    // A template may have no other session when it is copied; this pool has no task of its
    // own (no candidate index), so closing it ends every connection.
    db.close().await.unwrap();
    // Marked a template that takes no connections (as template0): nobody's stray session can
    // make the copies fail.
    for sql in [
        format!("ALTER DATABASE {building} RENAME TO {name}"),
        format!("ALTER DATABASE {name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"),
    ] {
        admin.execute_unprepared(&sql).await.unwrap();
    }
    let _ = admin.close().await;
}

/// Drops a template database (it must stop being a template first).
async fn drop_pg(admin: &sea_orm::DatabaseConnection, db: &str) {
    let _ = admin
        .execute_unprepared(&format!("ALTER DATABASE {db} WITH IS_TEMPLATE false"))
        .await;
    let _ = admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .await;
}

/// Removes the templates of earlier runs (older than `STALE_AFTER`, so a run still going
/// beside this one keeps its own).
async fn remove_stale(backend: Backend) {
    let now = SystemTime::now();
    let prefix = match backend {
        Backend::Sqlite => "hallowerk-template-sqlite-",
        Backend::Postgres => "hallowerk-template-pg-",
    };
    for entry in std::fs::read_dir(std::env::temp_dir())
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(prefix) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if !old {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            let _ = std::fs::remove_dir_all(&path);
        } else {
            let _ = std::fs::remove_file(&path);
        }
    }
    if backend == Backend::Postgres {
        // The databases by the build time on each (half-built ones included).
        let admin = super::pg_admin(&super::postgres_base_url()).await;
        let rows = admin
            .query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '') AS built \
                 FROM pg_database WHERE datname LIKE 'hw\\_tpl\\_%'",
            ))
            .await
            .unwrap_or_default();
        let now = epoch_secs(now);
        for row in rows {
            let (Ok(db), Ok(built)) = (
                row.try_get::<String>("", "datname"),
                row.try_get::<String>("", "built"),
            ) else {
                continue;
            };
            // No time on it yet: one being made this instant (the time follows the CREATE);
            // otherwise a template from before build times were noted.
            if built.is_empty() && db.ends_with("_building") {
                continue;
            }
            let age = now.saturating_sub(built.parse().unwrap_or(0));
            if age > STALE_AFTER.as_secs() {
                drop_pg(&admin, &db).await;
            }
        }
        let _ = admin.close().await;
    }
}

/// Copies the template's media files into a test's own folder.
pub fn copy_media(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let entries = std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("the template's media at {} ({e})", from.display()));
    for entry in entries.flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_media(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
