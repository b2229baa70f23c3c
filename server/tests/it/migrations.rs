//! Migrations that rebuild or re-key tables, run over data made before them, on both databases.

use crate::common::{self, Backend, strings};
use chrono::{Duration, Utc};
use entity::{app_user, session};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait, Set};

/// A database of its own, empty, and how to reach it.
async fn blank(backend: Backend) -> String {
    let n = rand::random::<u32>();
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("hallowerk-migrate-{n}.db"));
            format!("sqlite://{}?mode=rwc", path.display())
        }
        Backend::Postgres => {
            let admin_url = common::postgres_base_url();
            let admin = common::pg_admin(&admin_url).await;
            let name = format!("hw_migrate_{}_{n}", std::process::id());
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            common::pg_url(&admin_url, &name)
        }
    }
}

fn account(email: &str, password: Option<&str>) -> app_user::ActiveModel {
    app_user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(password.map(str::to_string)),
        role: Set("job_seeker".into()),
        active: Set(true),
        created_at: Set(Utc::now()),
        awaiting_approval: Set(false),
        ..Default::default()
    }
}

/// m20261206_000009: an address is unique among accounts that can sign in only. On SQLite the
/// table is rebuilt; what points at an account (here a session) survives it, ids go on
/// counting, and two accounts that sign in still cannot share an address.
async fn an_address_is_unique_only_among_accounts_that_sign_in(backend: Backend) {
    let url = blank(backend).await;
    // Every migration before m20261206_000009, then the server's own start migrates the rest.
    let before = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261206_000009_unique_address_for_sign_in")
        .expect("the migration is listed") as u32;
    let ada = {
        let db = Database::connect(&url).await.unwrap();
        Migrator::up(&db, Some(before)).await.unwrap();
        let ada = account("ada@voorbeeld.nl", Some("hash"))
            .insert(&db)
            .await
            .unwrap();
        // The newest account was erased: its id must never be given out again.
        let erased = account("weg@voorbeeld.nl", Some("hash"))
            .insert(&db)
            .await
            .unwrap();
        app_user::Entity::delete_by_id(erased.id)
            .exec(&db)
            .await
            .unwrap();
        session::ActiveModel {
            id: Set("s".repeat(64)),
            user_id: Set(ada.id),
            created_at: Set(Utc::now()),
            expires_at: Set(Utc::now() + Duration::hours(1)),
            last_seen_at: Set(None),
            login_complete: Set(true),
        }
        .insert(&db)
        .await
        .unwrap();
        assert!(
            account("ada@voorbeeld.nl", None).insert(&db).await.is_err(),
            "before: unique among all accounts"
        );
        db.close().await.unwrap();
        (ada.id, erased.id)
    };
    let (ada, erased) = ada;
    let db = server::db::connect(&url).await.expect("migrates");
    assert_eq!(
        session::Entity::find().count(&db).await.unwrap(),
        1,
        "the session pointing at the account survived"
    );
    // An account made for someone may carry the address until it is activated…
    let invited = account("ada@voorbeeld.nl", None).insert(&db).await.unwrap();
    assert!(
        invited.id > erased && erased > ada,
        "ids go on after the highest ever given: {} after {erased}",
        invited.id
    );
    // …and activating it is refused while another account signs in with it.
    let mut activate: app_user::ActiveModel = invited.into();
    activate.password_hash = Set(Some("other".into()));
    let refused = activate.update(&db).await.unwrap_err();
    assert!(
        matches!(
            refused.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        ),
        "{refused:?}"
    );
    if backend == Backend::Sqlite {
        let fk = db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "PRAGMA foreign_keys",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index::<i32>(0)
            .unwrap();
        assert_eq!(fk, 1, "the application's connections enforce foreign keys");
    }
    db.close().await.unwrap();
    drop_blank(&url).await;
}

async fn drop_blank(url: &str) {
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .and_then(|p| p.split('?').next())
    {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
    } else if let Some((_, name)) = url.rsplit_once('/') {
        let admin = common::pg_admin(&common::postgres_base_url()).await;
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
            .await;
    }
}

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_old_database_upgrades_with_its_data_intact() {
        super::an_old_database_upgrades_with_its_data_intact(crate::common::Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_address_is_unique_only_among_accounts_that_sign_in() {
        super::an_address_is_unique_only_among_accounts_that_sign_in(
            crate::common::Backend::Sqlite,
        )
        .await;
    }
}

mod postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_old_database_upgrades_with_its_data_intact() {
        super::an_old_database_upgrades_with_its_data_intact(crate::common::Backend::Postgres)
            .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_address_is_unique_only_among_accounts_that_sign_in() {
        super::an_address_is_unique_only_among_accounts_that_sign_in(
            crate::common::Backend::Postgres,
        )
        .await;
    }
}

/// The last migration as of commit 60e2e6f (a database made then has exactly these).
const AS_OF_60E2E6F: &str = "m20261204_000003_create_viewing_limits";

/// One connection (ATTACH and session settings hold per connection).
async fn one_connection(url: &str) -> sea_orm::DatabaseConnection {
    let mut options = sea_orm::ConnectOptions::new(url.to_string());
    options.max_connections(1).min_connections(1);
    Database::connect(options).await.unwrap()
}

/// The application's tables (not the migrator's, not SQLite's own or the full-text index's).
async fn tables(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        }
        _ => {
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
             ORDER BY tablename"
        }
    };
    strings(db, sql)
        .await
        .into_iter()
        .filter(|t| t != "seaql_migrations" && !t.starts_with("job_seeker_fts"))
        .collect()
}

/// The columns of `table` a row can be given (not generated ones).
async fn columns(db: &sea_orm::DatabaseConnection, table: &str) -> Vec<String> {
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => {
            format!("SELECT name FROM pragma_table_xinfo('{table}') WHERE hidden = 0 ORDER BY cid")
        }
        _ => format!(
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema = \
             current_schema() AND table_name = '{table}' AND is_generated = 'NEVER' \
             ORDER BY ordinal_position"
        ),
    };
    strings(db, &sql).await
}

/// [`columns`] quoted, for an INSERT or SELECT list.
async fn column_list(db: &sea_orm::DatabaseConnection, table: &str) -> String {
    columns(db, table)
        .await
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rows an upgrade derives from the data it found: left out where values are compared, and
/// checked on their own. The organisations' day totals (m20261207_000002).
const DERIVED: [(&str, &str); 1] = [("viewing_count", "user_id = 0")];

/// Every value of every column of `tables` (but the `DERIVED` rows), each column's values
/// sorted, as text.
async fn values(
    db: &sea_orm::DatabaseConnection,
    of: &[(String, Vec<String>)],
) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for (table, cols) in of {
        let rows = DERIVED
            .iter()
            .find(|(t, _)| t == table)
            .map_or(String::new(), |(_, derived)| {
                format!(" WHERE NOT ({derived})")
            });
        for c in cols {
            let sql = match db.get_database_backend() {
                sea_orm::DbBackend::Sqlite => format!(
                    "SELECT CASE WHEN \"{c}\" IS NULL THEN 'NULL' ELSE hex(\"{c}\") END FROM \"{table}\"{rows}"
                ),
                _ => format!(
                    "SELECT coalesce(encode(convert_to(\"{c}\"::text, 'UTF8'), 'hex'), 'NULL') FROM \"{table}\"{rows}"
                ),
            };
            let mut v = strings(db, &sql).await;
            v.sort();
            out.push((table.clone(), c.clone(), v));
        }
    }
    out
}

/// One row in each table the demo world leaves empty (in the newest schema, where the rows
/// are made): what a running HalloWerk holds after a day of use.
async fn fill_every_table(app: &common::TestApp) {
    use entity::*;
    let db = &app.db;
    let now = Utc::now();
    let today = now.date_naive();
    let (fatima, js) = common::fatima_records(app).await;
    let contact = app
        .user("j.vanderlinden@bakkerij.hallowerk-demo.nl")
        .await
        .unwrap();
    let employer_id = contact.employer_id.unwrap();
    let m = app.municipality("Rotterdam").await;
    let vacancy = vacancy::Entity::find().one(db).await.unwrap().unwrap();
    let token = |n: &str| format!("{n}{}", "0".repeat(64 - n.len()));
    activation_token::ActiveModel {
        id: Set(token("a")),
        user_id: Set(fatima.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(7)),
        used_at: Set(None),
    }
    .insert(db)
    .await
    .unwrap();
    let message = contact_message::ActiveModel {
        region_id: Set(m.region_id),
        qualification: Set("overig".into()),
        first_name: Set("Kees".into()),
        last_name: Set("Vraag".into()),
        email: Set("kees@voorbeeld.nl".into()),
        phone: Set(Some("06 1234 5678".into())),
        message: Set("Een vraag.".into()),
        status: Set("open".into()),
        reply_note: Set(None),
        handled_by: Set(None),
        handled_at: Set(None),
        received_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    contact_archive::ActiveModel {
        region_id: Set(m.region_id),
        qualification: Set("werkgever".into()),
        received_month: Set(today),
        message_id: Set(message.id + 1000),
        archived_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    email_change::ActiveModel {
        id: Set(token("e")),
        user_id: Set(fatima.id),
        new_email: Set("fatima@nieuw.nl".into()),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(24)),
        used_at: Set(None),
    }
    .insert(db)
    .await
    .unwrap();
    employer_registration::ActiveModel {
        region_id: Set(m.region_id),
        organisation: Set("Nieuw BV".into()),
        first_name: Set("Nina".into()),
        last_name: Set("Nieuw".into()),
        email: Set("nina@nieuw.nl".into()),
        phone: Set("010 123 4567".into()),
        status: Set("pending".into()),
        reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        employer_id: Set(None),
        approved_by: Set(None),
        approved_at: Set(None),
        joins_employer_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    erased_profile::ActiveModel {
        municipality_id: Set(m.id),
        reason: Set("request".into()),
        erased_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    invitation::ActiveModel {
        vacancy_id: Set(vacancy.id),
        job_seeker_id: Set(js.id),
        employer_id: Set(vacancy.employer_id),
        initiated_by: Set("employer".into()),
        message: Set("Kom eens praten.".into()),
        status: Set("pending".into()),
        outcome: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    job_lock::ActiveModel {
        name: Set("purge_contact_messages".into()),
        locked_by: Set(None),
        locked_until: Set(None),
        last_run_at: Set(Some(now)),
    }
    .insert(db)
    .await
    .unwrap();
    outbox::ActiveModel {
        kind: Set("contact_routed".into()),
        to_address: Set("regio@voorbeeld.nl".into()),
        subject: Set("Vraag".into()),
        body_text: Set("Een vraag.".into()),
        body_html: Set("<p>Een vraag.</p>".into()),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    privacy_request::ActiveModel {
        job_seeker_id: Set(js.id),
        municipality_id: Set(js.municipality_id),
        kind: Set("objection".into()),
        field: Set(None),
        details: Set("Bezwaar.".into()),
        status: Set("open".into()),
        decision_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        due_at: Set(now + Duration::days(30)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    rate_limit::ActiveModel {
        id: Set(token("r")),
        name: Set("login".into()),
        window_start: Set(now),
        hits: Set(1),
    }
    .insert(db)
    .await
    .unwrap();
    recovery_code::ActiveModel {
        id: Set(token("c")),
        user_id: Set(contact.id),
        used_at: Set(None),
    }
    .insert(db)
    .await
    .unwrap();
    saved_search::ActiveModel {
        user_id: Set(contact.id),
        employer_id: Set(employer_id),
        name: Set("Bakkers".into()),
        filter: Set("{\"q\":\"bakken\"}".into()),
        daily_digest: Set(true),
        last_digest_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    session::ActiveModel {
        id: Set(token("s")),
        user_id: Set(contact.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(8)),
        last_seen_at: Set(Some(now)),
        login_complete: Set(true),
    }
    .insert(db)
    .await
    .unwrap();
    viewing_block::ActiveModel {
        day: Set(today),
        employer_id: Set(employer_id),
        user_id: Set(contact.id),
        measure: Set("opened".into()),
        region_id: Set(m.region_id),
        created_at: Set(now),
        lifted_at: Set(None),
        lifted_by: Set(None),
        lift_requested_by: Set(None),
        lift_requested_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    // Two days (the upgrade totals each day on its own).
    for (day, opened, listed) in [(today, 3, 40), (today - Duration::days(1), 5, 70)] {
        viewing_count::ActiveModel {
            day: Set(day),
            user_id: Set(contact.id),
            employer_id: Set(employer_id),
            opened: Set(opened),
            listed: Set(listed),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    viewing_limit::ActiveModel {
        region_id: Set(m.region_id),
        account_opened: Set(50),
        organisation_opened: Set(200),
        account_listed: Set(1000),
        organisation_listed: Set(4000),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();
    privacy_statement_version::ActiveModel {
        municipality_id: Set(m.id),
        version: Set(1),
        published_at: Set(now),
        published_by: Set(None),
        change_note: Set("Eerste versie.".into()),
        contact: Set("privacy@rotterdam.nl".into()),
        addition: Set(String::new()),
        document: Set("Privacyverklaring".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    service::access::audit::record(
        db,
        None,
        service::access::audit::Entry::profile("read", &js, kernel::policy::FieldSet::EMPTY),
    )
    .await
    .unwrap();
}

/// A database made by the migrations as of commit 60e2e6f, with data in every one of its 29
/// tables (the demo world the tests start from and a row of each kind it lacks, copied column
/// by column), migrated by the server's start to the newest schema: every value it held is
/// still there.
async fn an_old_database_upgrades_with_its_data_intact(backend: Backend) {
    let app = common::TestApp::start(backend).await;
    fill_every_table(&app).await;
    let url = blank(backend).await;
    let old_count = Migrator::migrations()
        .iter()
        .position(|m| m.name() == AS_OF_60E2E6F)
        .expect("listed") as u32
        + 1;
    let old = one_connection(&url).await;
    Migrator::up(&old, Some(old_count)).await.unwrap();
    let mut old_tables = Vec::new();
    for t in tables(&old).await {
        // Tables the migrations fill themselves (the occupation list) have their data.
        let n = strings(&old, &format!("SELECT CAST(count(*) AS TEXT) FROM \"{t}\""))
            .await
            .remove(0);
        if n == "0" {
            old_tables.push(t);
        }
    }
    assert!(old_tables.len() > 20, "{old_tables:?}");
    // Rows go in whatever order the tables come: keys and triggers are checked by the data's
    // source, which is a consistent database.
    match backend {
        Backend::Sqlite => {
            let source = strings(
                &app.db,
                "SELECT file FROM pragma_database_list WHERE name = 'main'",
            )
            .await
            .remove(0);
            old.execute_unprepared("PRAGMA foreign_keys = OFF")
                .await
                .unwrap();
            old.execute_unprepared(&format!("ATTACH DATABASE '{source}' AS src"))
                .await
                .unwrap();
            for t in &old_tables {
                let cols = column_list(&old, t).await;
                // Triggers may have filled it from rows copied before (the change feed).
                old.execute_unprepared(&format!("DELETE FROM main.\"{t}\""))
                    .await
                    .unwrap();
                old.execute_unprepared(&format!(
                    "INSERT INTO main.\"{t}\" ({cols}) SELECT {cols} FROM src.\"{t}\""
                ))
                .await
                .unwrap_or_else(|e| panic!("{t}: {e}"));
            }
            old.execute_unprepared("DETACH DATABASE src").await.unwrap();
        }
        Backend::Postgres => {
            old.execute_unprepared("SET session_replication_role = replica")
                .await
                .unwrap();
            for t in &old_tables {
                let cols = column_list(&old, t).await;
                for row in strings(
                    &app.db,
                    &format!("SELECT row_to_json(x)::text FROM \"{t}\" x"),
                )
                .await
                {
                    old.execute_raw(sea_orm::Statement::from_sql_and_values(
                        sea_orm::DbBackend::Postgres,
                        format!(
                            "INSERT INTO \"{t}\" ({cols}) SELECT {cols} FROM \
                             json_populate_record(NULL::\"{t}\", $1::json)"
                        ),
                        [row.into()],
                    ))
                    .await
                    .unwrap_or_else(|e| panic!("{t}: {e}"));
                }
            }
            // Sequences go on after the copied ids, as in a database that made them itself.
            for t in &old_tables {
                if columns(&old, t).await.iter().any(|c| c == "id") {
                    let _ = old
                        .execute_unprepared(&format!(
                            "SELECT setval(pg_get_serial_sequence('\"{t}\"', 'id'), \
                             coalesce(max(id), 0) + 1, false) FROM \"{t}\""
                        ))
                        .await;
                }
            }
        }
    }
    let mut shape = Vec::new();
    let mut empty = Vec::new();
    for t in &tables(&old).await {
        let n = strings(&old, &format!("SELECT CAST(count(*) AS TEXT) FROM \"{t}\""))
            .await
            .remove(0);
        if n == "0" {
            empty.push(t.clone());
        }
        shape.push((t.clone(), columns(&old, t).await));
    }
    assert!(empty.is_empty(), "tables without data: {empty:?}");
    let before = values(&old, &shape).await;
    old.close().await.unwrap();

    let db = server::db::connect(&url).await.expect("migrates");
    let after = values(&db, &shape).await;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a, "{}.{} changed in the upgrade", b.0, b.1);
    }
    // The derived rows: each organisation's day total is the sum of its accounts' counts.
    let day_of = |rows: &str| {
        format!(
            "SELECT CAST(day AS TEXT) || ' ' || CAST(employer_id AS TEXT) || ' ' || \
             CAST(SUM(opened) AS TEXT) || ' ' || CAST(SUM(listed) AS TEXT) \
             FROM viewing_count WHERE {rows} GROUP BY day, employer_id ORDER BY 1"
        )
    };
    let accounts = strings(&db, &day_of("user_id <> 0")).await;
    assert_eq!(accounts.len(), 2, "two days to total: {accounts:?}");
    assert_eq!(strings(&db, &day_of("user_id = 0")).await, accounts);
    // New counts take ids after the copied ones (PostgreSQL's sequence was set past them).
    let last = entity::viewing_count::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .max()
        .unwrap();
    let next = entity::viewing_count::ActiveModel {
        day: Set(Utc::now().date_naive() + Duration::days(1)),
        user_id: Set(0),
        employer_id: Set(1),
        ..Default::default()
    }
    .insert(&db)
    .await
    .expect("a new count after the upgrade");
    assert!(next.id > last, "{} after {last}", next.id);
    db.close().await.unwrap();
    drop_blank(&url).await;
}
