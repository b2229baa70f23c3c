//! The processing log after the Logboek Dataverwerkingen standard (SPEC §10, issue 34 item 4),
//! over HTTP against a real database: one row per person per operation with the activity of
//! the register and the request's W3C trace (continued from `traceparent`), refused and failed
//! operations kept in a transaction of their own, a failed log write failing the operation,
//! subjects without a profile, its retention, and "wie heeft mijn profiel bekeken" reading it.

use crate::common;
use crate::common::{TestApp, fatima};
use chrono::{Duration, Utc};
use entity::{audit_log, job_seeker, processing_log};
use http::{HeaderValue, StatusCode};
use kernel::policy::FieldSet;
use kernel::processing::{DataSubject, MATCHING, PRIVACY_RIGHTS, Status};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use server::clock::ManualClock;
use server::jobs::Runner;
use service::access::audit::{self, Entry};
use service::foundation::trace::{TRACE, Trace};
use std::collections::BTreeSet;
use std::sync::Arc;

const BAKERY: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";
const BAKERY_ORG: &str = "Bakkerij Van der Linden";
const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN: &str = "00f067aa0ba902b7";

async fn rows(app: &TestApp, subject: DataSubject) -> Vec<processing_log::Model> {
    service::access::processing_log::of_subject(&app.db, subject)
        .await
        .unwrap()
}

async fn rows_by(app: &TestApp, org: &str, name: &str) -> Vec<processing_log::Model> {
    processing_log::Entity::find()
        .filter(processing_log::Column::ActorOrg.eq(org))
        .filter(processing_log::Column::Name.eq(name))
        .all(&app.db)
        .await
        .unwrap()
}

/// The audit log's refusals concerning this job seeker.
async fn refusals_audited(app: &TestApp, job_seeker_id: i32) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::JobSeekerId.eq(job_seeker_id))
        .filter(audit_log::Column::Result.eq("denied"))
        .count(&app.db)
        .await
        .unwrap()
}

/// One candidate list is one trace (the caller's, from its `traceparent`), one operation
/// (one span under the request's), and one row per person shown, under the matching activity.
/// A request without a valid header starts a trace of its own.
async fn one_request_is_one_trace_with_a_row_per_person(app: &TestApp) {
    let employer = app.login(BAKERY).await;
    let mut req = common::json_request(
        Some(&employer),
        "candidates/search",
        json!({ "filter": { "page": 0 } }),
    );
    req.headers_mut().insert(
        "traceparent",
        HeaderValue::from_str(&format!("00-{TRACE_ID}-{CALLER_SPAN}-01")).unwrap(),
    );
    let res = app.request(req).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let shown: BTreeSet<i32> = res.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap() as i32)
        .collect();
    assert!(shown.len() > 1, "a page of several candidates");

    let logged = rows_by(app, BAKERY_ORG, "list").await;
    assert_eq!(logged.len(), shown.len(), "one row per person, no sampling");
    let subjects: BTreeSet<i32> = logged
        .iter()
        .map(|r| {
            assert_eq!(r.subject_type, "job_seeker");
            r.subject_id
        })
        .collect();
    assert_eq!(subjects, shown);
    let span = &logged[0].span_id;
    for r in &logged {
        assert_eq!(r.trace_id, TRACE_ID, "the caller's trace continues");
        assert_eq!(&r.span_id, span, "one operation");
        assert_eq!(r.span_id.len(), 16);
        assert_ne!(r.span_id, CALLER_SPAN);
        let parent = r.parent_span_id.as_deref().unwrap();
        assert_ne!(
            parent, CALLER_SPAN,
            "under this server's span for the request"
        );
        assert_ne!(parent, r.span_id);
        assert_eq!(r.activity_id, MATCHING.id);
        assert_eq!(r.status_code, Status::Ok as i16);
        assert_eq!(r.actor_role, "employer");
        assert!(r.start_time <= r.end_time);
    }
    // The audit log has its own entry per person too (the gemeente's view of the same reads).
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("list"))
        .filter(audit_log::Column::ActorOrg.eq(BAKERY_ORG))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited as usize, shown.len());

    // Without a header (and with a malformed one) each request has a trace of its own.
    for header in [None, Some("00-zz-00f067aa0ba902b7-01")] {
        let mut req = common::json_request(
            Some(&employer),
            "candidates/search",
            json!({ "filter": { "page": 0 } }),
        );
        if let Some(h) = header {
            req.headers_mut()
                .insert("traceparent", HeaderValue::from_static(h));
        }
        assert_eq!(app.request(req).await.status, StatusCode::OK);
    }
    let traces: BTreeSet<String> = rows_by(app, BAKERY_ORG, "list")
        .await
        .into_iter()
        .map(|r| r.trace_id)
        .collect();
    assert_eq!(traces.len(), 3, "{traces:?}");
    assert!(traces.iter().all(|t| t.len() == 32));
}

/// A refused change is logged (status error) although nothing was changed, and the person's
/// overview shows no reads of their own; a staff read shows there, with its purpose.
async fn refusals_are_logged_and_the_overview_reads_the_log(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let res = app
        .json(
            Some(&me),
            "profile/update",
            json!({ "id": js.id, "changes": [{ "field": "client_number", "value": "X-1" }] }),
        )
        .await;
    assert_eq!(res.code(), "field_not_writable", "{}", res.body);
    let logged = rows(app, DataSubject::JobSeeker(js.id)).await;
    let refused: Vec<_> = logged.iter().filter(|r| r.name == "update").collect();
    assert_eq!(refused.len(), 1, "{logged:?}");
    assert_eq!(refused[0].status_code, Status::Error as i16);
    assert_eq!(refused[0].actor_role, "job_seeker");
    assert_eq!(refusals_audited(app, js.id).await, 1);

    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let res = app
        .form(
            Some(&staff),
            "job-seekers/get",
            &[("id", &js.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let overview = app.form(Some(&me), "privacy/overview", &[]).await.json();
    let viewed = overview["viewed_by"].as_array().unwrap();
    assert_eq!(viewed.len(), 1, "{viewed:?}");
    assert_eq!(viewed[0]["organisation"], "Gemeente Rotterdam");
    assert_eq!(viewed[0]["ways"], json!(["profiel geopend"]));
    assert_eq!(viewed[0]["purposes"], json!([MATCHING.name]));

    // The person's download holds their log, each row with its activity and trace.
    let res = app.get(Some(&me), "/mijn-gegevens/export.json").await;
    assert_eq!(res.status, StatusCode::OK);
    let log = res.json()["processing_log"].as_array().unwrap().clone();
    assert!(
        log.iter().any(|e| e["action"] == "read"
            && e["processing_activity_id"] == MATCHING.id
            && e["by_organisation"] == "Gemeente Rotterdam"
            && e["trace_id"].as_str().unwrap().len() == 32),
        "{log:?}"
    );
    assert!(log.iter().any(|e| e["status"] == "error"));

    // After its retention the log is gone, and so is the overview's row; the audit log stays.
    let clock = ManualClock::new(Utc::now() + Duration::days(366));
    let runner = Runner::new(app.db.clone(), app.media(), Arc::new(clock.clone()), None);
    assert!(runner.run_due().await.unwrap().log_purged >= 2);
    assert!(rows(app, DataSubject::JobSeeker(js.id)).await.is_empty());
    // (Her session ended with the year; she signs in again.)
    let (_, me) = fatima(app).await;
    let overview = app.form(Some(&me), "privacy/overview", &[]).await.json();
    assert_eq!(overview["viewed_by"], json!([]), "{overview}");
    assert!(
        audit_log::Entity::find()
            .filter(audit_log::Column::JobSeekerId.eq(js.id))
            .filter(audit_log::Column::Action.eq("read"))
            .count(&app.db)
            .await
            .unwrap()
            >= 1
    );
}

/// When the log cannot be written, the change it describes is not made either. The database
/// refuses every log row by a trigger (renaming the table would not do on SQLite: it renames
/// the table in the trigger that writes the log rows too).
async fn a_failed_log_write_fails_the_operation(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let (refuse, allow) = match app.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => (
            "CREATE FUNCTION refuse_log_row() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'log write refused'; END $$; \
             CREATE TRIGGER refuse_log_row BEFORE INSERT ON processing_log \
             FOR EACH ROW EXECUTE FUNCTION refuse_log_row();",
            "DROP TRIGGER refuse_log_row ON processing_log; DROP FUNCTION refuse_log_row();",
        ),
        _ => (
            "CREATE TRIGGER refuse_log_row BEFORE INSERT ON processing_log \
             BEGIN SELECT RAISE(ABORT, 'log write refused'); END;",
            "DROP TRIGGER refuse_log_row;",
        ),
    };
    app.db.execute_unprepared(refuse).await.unwrap();
    let res = app
        .json(
            Some(&me),
            "profile/update",
            json!({ "id": js.id, "changes": [{ "field": "phone", "value": "06 9999 0000" }] }),
        )
        .await;
    app.db.execute_unprepared(allow).await.unwrap();
    assert_eq!(
        res.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        res.body
    );
    let after = job_seeker::Entity::find_by_id(js.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.phone, js.phone, "the change rolled back with its log");
    assert!(
        rows(app, DataSubject::JobSeeker(js.id))
            .await
            .iter()
            .all(|r| r.name != "update"),
        "nothing logged as done"
    );
}

/// Inside one request (its trace in scope, as the router sets it): a refusal made in a
/// transaction that rolls back, and an operation whose transaction rolls back, are both
/// written when the request ends, in a transaction of their own; what committed is not
/// written twice.
async fn refused_and_failed_operations_survive_a_rollback(app: &TestApp) {
    use sea_orm::TransactionTrait;
    let (_, js) = common::fatima_records(app).await;
    let staff = app
        .principal(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let trace = Trace::new(Utc::now());
    let db = app.db.clone();
    TRACE
        .scope(trace.clone(), async {
            // Committed.
            let txn = db.begin().await.unwrap();
            audit::record(
                &txn,
                Some(&staff),
                Entry::profile("read", &js, FieldSet::EMPTY),
            )
            .await
            .unwrap();
            txn.commit().await.unwrap();
            // Refused, then rolled back.
            let txn = db.begin().await.unwrap();
            audit::record(
                &txn,
                Some(&staff),
                Entry::profile("update", &js, FieldSet::EMPTY).denied(),
            )
            .await
            .unwrap();
            drop(txn);
            // Carried out, then rolled back (a later step of the operation failed).
            let txn = db.begin().await.unwrap();
            audit::record(
                &txn,
                Some(&staff),
                Entry::profile("erase", &js, FieldSet::EMPTY),
            )
            .await
            .unwrap();
            drop(txn);
        })
        .await;
    let of_trace = || async {
        let mut r: Vec<(String, i16)> = processing_log::Entity::find()
            .filter(processing_log::Column::TraceId.eq(&trace.trace_id))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.name, r.status_code))
            .collect();
        r.sort();
        r
    };
    assert_eq!(of_trace().await, vec![("read".to_string(), 1)]);
    service::access::processing_log::settle(&app.db, &trace, true)
        .await
        .unwrap();
    assert_eq!(
        of_trace().await,
        vec![
            ("erase".to_string(), Status::Error as i16),
            ("read".to_string(), Status::Ok as i16),
            ("update".to_string(), Status::Error as i16),
        ]
    );
    let erase = processing_log::Entity::find()
        .filter(processing_log::Column::TraceId.eq(&trace.trace_id))
        .filter(processing_log::Column::Name.eq("erase"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(erase.activity_id, PRIVACY_RIGHTS.id);
    // The refusal's audit entry survived its transaction as well.
    assert_eq!(refusals_audited(app, js.id).await, 1);
    // Settling again writes nothing more.
    service::access::processing_log::settle(&app.db, &trace, true)
        .await
        .unwrap();
    assert_eq!(of_trace().await.len(), 3);
}

/// People without a profile are data subjects too: an employer's contact person (their own
/// account changes) and a contact-form sender (staff reading the inbox) get their rows.
async fn subjects_without_a_profile_are_logged(app: &TestApp) {
    let employer = app.login(BAKERY).await;
    let contact = app.user(BAKERY).await.unwrap();
    let res = app
        .form(
            Some(&employer),
            "my-account/update",
            &[
                ("first_name", "Joke"),
                ("last_name", "Zwanenburg"),
                ("phone", "010 123 4567"),
                ("email", BAKERY),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let mine = rows(app, DataSubject::EmployerContact(contact.id)).await;
    let updated: Vec<_> = mine.iter().filter(|r| r.name == "update_account").collect();
    assert_eq!(updated.len(), 1, "{mine:?}");
    assert_eq!(
        updated[0].activity_id,
        kernel::processing::EMPLOYER_ACCOUNTS.id
    );
    // Signing in is a processing of the account's data too; a refused attempt as well.
    assert!(
        mine.iter()
            .any(|r| r.name.starts_with("login") && r.status_code == 1),
        "{mine:?}"
    );
    let res = app
        .form(
            None,
            "login",
            &[("email", BAKERY), ("password", "fout-wachtwoord")],
        )
        .await;
    assert_ne!(res.status, StatusCode::OK);
    let mine = rows(app, DataSubject::EmployerContact(contact.id)).await;
    let refused: Vec<_> = mine
        .iter()
        .filter(|r| r.name == "login" && r.status_code == Status::Error as i16)
        .collect();
    assert_eq!(refused.len(), 1, "{mine:?}");
    assert_eq!(refused[0].activity_id, kernel::processing::SECURITY.id);

    // A message through the contact form, read by staff of its region.
    let rijnmond = entity::region::Entity::find()
        .filter(entity::region::Column::Name.eq("Rijnmond"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let started = (Utc::now() - Duration::seconds(10))
        .timestamp_millis()
        .to_string();
    let res = app
        .form(
            None,
            "contact/submit",
            &[
                ("first_name", "Kees"),
                ("last_name", "Vraag"),
                ("email", "kees@voorbeeld.nl"),
                ("phone", "06 1234 5678"),
                ("qualification", "overig"),
                ("region_id", &rijnmond.id.to_string()),
                ("message", "Hoe werkt HalloWerk voor mij?"),
                ("website", ""),
                ("started", &started),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let message = entity::contact_message::Entity::find()
        .filter(entity::contact_message::Column::Email.eq("kees@voorbeeld.nl"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("stored");
    let received = rows(app, DataSubject::ContactMessage(message.id)).await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(
        (received[0].name.as_str(), received[0].actor_role.as_str()),
        ("receive", "anonymous")
    );
    let staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let res = app.form(Some(&staff), "contact/inbox", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let read = rows(app, DataSubject::ContactMessage(message.id)).await;
    assert_eq!(read.len(), 2, "{read:?}");
    // Newest first.
    assert_eq!(read[0].name, "list");
    assert_eq!(read[0].actor_role, "staff");
    assert!(
        read.iter()
            .all(|r| r.activity_id == kernel::processing::CONTACT.id)
    );

    // Staff of the region open the employer desk: each contact person of an organisation on
    // the page is in their own log.
    let res = app.form(Some(&staff), "employers/desk", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let contacts: Vec<i64> = res.json()["organisations"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["contacts"].as_array().unwrap().clone())
        .map(|c| c["user_id"].as_i64().unwrap())
        .collect();
    assert!(!contacts.is_empty());
    for id in contacts {
        let theirs = rows(app, DataSubject::EmployerContact(id as i32)).await;
        assert!(
            theirs
                .iter()
                .any(|r| r.name == "list" && r.actor_role == "staff"),
            "{id}: {theirs:?}"
        );
    }
}

/// The write path's two forms leave the same rows. On SQLite a batch of audit entries and
/// their log rows is one insert into the view `audit_entry`, whose trigger writes both tables
/// (migration m20261207_000003: one statement where a plain insert writes one table); on
/// PostgreSQL it is two plain multi-row inserts. The same batch written both ways on the same
/// database stores the same entries and log rows, ids aside, in the same order: entries with
/// and without a data subject, a person named twice (one log row), an actor's own account, a
/// refusal, NULLs, times and text. On PostgreSQL both forms are the plain one.
async fn a_batch_through_the_view_equals_plain_inserts(app: &TestApp) {
    use sea_orm::{QueryOrder, QuerySelect};
    let actor = app.principal(BAKERY).await;
    let seekers = job_seeker::Entity::find()
        .order_by_asc(job_seeker::Column::Id)
        .limit(2)
        .all(&app.db)
        .await
        .unwrap();
    let entries = [
        Entry::profile("list", &seekers[0], FieldSet::EMPTY),
        Entry::profile(
            "list",
            &seekers[1],
            FieldSet::parse_codes("first_name,phone").unwrap(),
        ),
        Entry::profile("list", &seekers[0], FieldSet::EMPTY),
        Entry::object("update", "vacancy", 7),
        Entry::new("login", "session", FieldSet::EMPTY),
        Entry::profile("read", &seekers[1], FieldSet::EMPTY).denied(),
    ];
    let last = |t| async move {
        app.db
            .query_one(
                &sea_orm::sea_query::Query::select()
                    .expr(sea_orm::sea_query::Expr::cust("COALESCE(MAX(id), 0)"))
                    .from(sea_orm::sea_query::Alias::new(t))
                    .to_owned(),
            )
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index::<i64>(0)
            .unwrap()
    };
    let (audit_before, log_before) = (last("audit_log").await, last("processing_log").await);
    // With an actor, and without one (a refused log-in of a known account: NULLs in the log).
    let anonymous = [Entry::profile("read", &seekers[0], FieldSet::EMPTY).denied()];
    let backend = app.db.get_database_backend();
    for (actor, entries) in [(Some(&actor), &entries[..]), (None, &anonymous[..])] {
        let mut batch = audit::Batch::of(actor, entries.iter().cloned());
        let mut plain = batch.clone();
        let inserts = batch.inserts(backend);
        let expected = if backend == sea_orm::DbBackend::Sqlite {
            1
        } else {
            2
        };
        assert_eq!(inserts.len(), expected, "statements for one batch");
        for insert in inserts {
            app.db.execute(&insert).await.unwrap();
        }
        for insert in plain.inserts(sea_orm::DbBackend::Postgres) {
            app.db.execute(&insert).await.unwrap();
        }
    }
    let audit: Vec<_> = audit_log::Entity::find()
        .filter(audit_log::Column::Id.gt(audit_before))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| audit_log::Model { id: 0, ..r })
        .collect();
    let log: Vec<_> = processing_log::Entity::find()
        .filter(processing_log::Column::Id.gt(log_before))
        .order_by_asc(processing_log::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| processing_log::Model { id: 0, ..r })
        .collect();
    assert_eq!(audit.len(), 14, "{audit:#?}");
    assert_eq!(audit[..6], audit[6..12]);
    assert_eq!(audit[12], audit[13]);
    // The two listings of seekers[0] are one processing; the vacancy is no one's data; the
    // session is the actor's own (an employer's contact person).
    assert_eq!(log.len(), 10, "{log:#?}");
    assert_eq!(log[..4], log[4..8]);
    assert_eq!(log[8], log[9]);
    assert_eq!(log[8].actor_user_id, None);
    assert_eq!(
        log[..4].iter().map(|r| r.subject_id).collect::<Vec<_>>(),
        [seekers[0].id, seekers[1].id, actor.user_id, seekers[1].id]
    );
    assert_eq!(log[3].status_code, Status::Error as i16);
    assert_eq!(audit[5].result, "denied");
    assert_eq!(audit[1].fields, "first_name,phone");
    if backend != sea_orm::DbBackend::Sqlite {
        return;
    }
    // As SQLite stores them, not only as they read back: each value with its storage class.
    let stored = |table: &'static str, after: i64| async move {
        let columns: Vec<String> = app
            .db
            .query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                format!("SELECT name FROM pragma_table_info('{table}') WHERE name <> 'id'"),
            ))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get_by_index::<String>(0).unwrap())
            .collect();
        let quoted = columns
            .iter()
            .map(|c| format!("typeof({c}) || ':' || quote({c})"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows: Vec<String> = app
            .db
            .query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                format!("SELECT {quoted} FROM {table} WHERE id > {after} ORDER BY id"),
            ))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get_by_index::<String>(0).unwrap())
            .collect();
        (columns, rows)
    };
    let (audit_columns, audit_rows) = stored("audit_log", audit_before).await;
    assert_eq!(audit_rows[..6], audit_rows[6..12]);
    assert_eq!(audit_rows[12], audit_rows[13]);
    let (log_columns, log_rows) = stored("processing_log", log_before).await;
    assert_eq!(log_rows[..4], log_rows[4..8]);
    assert_eq!(log_rows[8], log_rows[9]);
    // The view names every column of both tables but the ids: the entries', then the log's.
    let view_columns: Vec<String> = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT name FROM pragma_table_info('audit_entry')",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    let expected: Vec<String> = audit_columns
        .iter()
        .cloned()
        .chain(log_columns.iter().map(|c| format!("log_{c}")))
        .collect();
    assert_eq!(view_columns, expected);
}

on_both_databases!(
    a_batch_through_the_view_equals_plain_inserts,
    one_request_is_one_trace_with_a_row_per_person,
    refusals_are_logged_and_the_overview_reads_the_log,
    a_failed_log_write_fails_the_operation,
    refused_and_failed_operations_survive_a_rollback,
    subjects_without_a_profile_are_logged,
);
