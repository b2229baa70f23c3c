//! Migrations that rebuild or re-key tables, run over data made before them, on both databases.

use crate::common::{self, Backend};
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
    async fn an_address_is_unique_only_among_accounts_that_sign_in() {
        super::an_address_is_unique_only_among_accounts_that_sign_in(
            crate::common::Backend::Sqlite,
        )
        .await;
    }
}

mod postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_address_is_unique_only_among_accounts_that_sign_in() {
        super::an_address_is_unique_only_among_accounts_that_sign_in(
            crate::common::Backend::Postgres,
        )
        .await;
    }
}
