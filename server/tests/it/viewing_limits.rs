//! Limits on mass viewing (SPEC §10, after the 2024 werk.nl incident) over HTTP against a real
//! database: daily ceilings per account and organisation on opened profiles and listed
//! candidates, a warning before, a block past it with an alert to the region's staff, and
//! staff lifting it. Ceilings are set small here through the staff page's own server function.

use crate::common;
use crate::common::{TestApp, fatima};
use entity::{
    app_user, audit_log, employer, job_seeker, outbox, processing_log, vacancy, viewing_block,
    viewing_count,
};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

async fn staff_of(app: &TestApp, gemeente: &str) -> String {
    app.login(&app.email_of_role("staff", Some(gemeente)).await)
        .await
}

async fn set_limits(app: &TestApp, staff: &str, limits: [u32; 4]) -> common::Response {
    let v: Vec<String> = limits.iter().map(u32::to_string).collect();
    app.form(
        Some(staff),
        "viewing-limits/set",
        &[
            ("account_opened", &v[0]),
            ("organisation_opened", &v[1]),
            ("account_listed", &v[2]),
            ("organisation_listed", &v[3]),
        ],
    )
    .await
}

async fn open(app: &TestApp, cookie: &str, id: i32) -> common::Response {
    app.form(Some(cookie), "candidates/get", &[("id", &id.to_string())])
        .await
}

async fn search(app: &TestApp, cookie: &str) -> common::Response {
    app.json(Some(cookie), "candidates/search", json!({ "filter": {} }))
        .await
}

/// A second contact person of the demo bakery, signed in.
async fn colleague(app: &TestApp, first: &app_user::Model) -> String {
    let mut other: app_user::ActiveModel = first.clone().into();
    other.id = sea_orm::ActiveValue::NotSet;
    other.email = Set("collega@bakkerij.example".into());
    other.first_name = Set(Some("Carla".into()));
    other.insert(&app.db).await.unwrap();
    app.login("collega@bakkerij.example").await
}

/// Active job seekers the demo bakery may open (of its region, Rotterdam's), some with a
/// photo.
async fn candidates(app: &TestApp) -> Vec<job_seeker::Model> {
    let region = app.municipality("Rotterdam").await.region_id;
    let gemeenten: Vec<i32> = entity::municipality::Entity::find()
        .filter(entity::municipality::Column::RegionId.eq(region))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    let people: Vec<job_seeker::Model> = app
        .all_job_seekers()
        .await
        .into_iter()
        .filter(|j| j.state == "active" && gemeenten.contains(&j.municipality_id))
        .collect();
    assert!(
        people.len() >= 8,
        "the demo region's candidates: {}",
        people.len()
    );
    people
}

/// How many people the account opened today, as charged.
async fn opened_today(app: &TestApp, email: &str) -> i32 {
    let user = app.user(email).await.unwrap();
    viewing_count::Entity::find()
        .filter(viewing_count::Column::UserId.eq(user.id))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|c| c.opened)
        .sum()
}

/// The organisation's ceiling holds when its accounts open profiles at the same moment, on
/// PostgreSQL too (where each charge would not see the others' uncommitted counts): four
/// colleagues each opening two people at once, with room for four in the organisation, get
/// exactly four profiles, and exactly four are counted.
async fn the_organisation_ceiling_holds_for_colleagues_opening_at_once(app: &TestApp) {
    let rotterdam = staff_of(app, "Rotterdam").await;
    // Each account may open 3 (two each stays within it); the organisation 4.
    let res = set_limits(app, &rotterdam, [3, 4, 1000, 2000]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let first = app
        .user(&app.email_of_role("employer", None).await)
        .await
        .unwrap();
    let mut cookies = vec![app.login(&first.email).await];
    for i in 1..4 {
        let mut other: app_user::ActiveModel = first.clone().into();
        other.id = sea_orm::ActiveValue::NotSet;
        other.email = Set(format!("collega{i}@bakkerij.example"));
        other.insert(&app.db).await.unwrap();
        cookies.push(app.login(&format!("collega{i}@bakkerij.example")).await);
    }
    let people = candidates(app).await;
    let requests = people[..8]
        .iter()
        .enumerate()
        .map(|(i, person)| {
            (
                app.client,
                common::form_request(
                    Some(&cookies[i % 4]),
                    "candidates/get",
                    &[("id", &person.id.to_string())],
                ),
            )
        })
        .collect();
    let answers = app.all_at_once(requests).await;
    let shown = answers
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    assert_eq!(
        shown,
        4,
        "{:?}",
        answers.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert!(
        answers
            .iter()
            .all(|r| r.status == StatusCode::OK || r.code() == "viewing_limit")
    );
    let rows = viewing_count::Entity::find()
        .filter(viewing_count::Column::EmployerId.eq(first.employer_id.unwrap()))
        .all(&app.db)
        .await
        .unwrap();
    // Each account's row, and the organisation's total (account 0), which is their sum.
    let (total, accounts): (Vec<_>, Vec<_>) = rows.iter().partition(|c| c.user_id == 0);
    let counted: i32 = accounts.iter().map(|c| c.opened).sum();
    assert_eq!(counted, 4);
    assert_eq!(
        total.iter().map(|c| c.opened).collect::<Vec<_>>(),
        [4],
        "{rows:?}"
    );
}

async fn opening_profiles_stops_at_the_ceiling_until_staff_lift_it(app: &TestApp) {
    let rotterdam = staff_of(app, "Rotterdam").await;
    // Account: 5 opened profiles a day; organisation: 6.
    let res = set_limits(app, &rotterdam, [5, 6, 1000, 2000]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let email = app.email_of_role("employer", None).await;
    let bakery = app.login(&email).await;
    let people = candidates(app).await;

    for (i, person) in people[..5].iter().enumerate() {
        let res = open(app, &bakery, person.id).await;
        assert_eq!(res.status, StatusCode::OK, "opening {i}: {}", res.body);
        let notice = &res.json()["notice"];
        // From 80% of the ceiling (4 of 5) the employer is warned.
        assert_eq!(notice.is_string(), i + 1 >= 4, "opening {i}: {notice}");
        assert_eq!(res.json()["candidate"]["id"], person.id);
    }
    // A person counts once a day: opening the first one again costs nothing.
    let again = open(app, &bakery, people[0].id).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(opened_today(app, &email).await, 5);
    let res = open(app, &bakery, people[5].id).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(res.code(), "viewing_limit");
    assert!(res.json()["message"].as_str().unwrap().contains("daggrens"));
    // Nothing of the profile left the server, and the refused opening is not counted as read.
    assert!(!res.body.contains(&people[5].first_name));
    assert_eq!(opened_today(app, &email).await, 5);
    // Blocked, not even a person opened earlier today is shown again.
    let res = open(app, &bakery, people[0].id).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);

    // One block, audited, and one alert to the region's desk (not one per refused request).
    let _ = open(app, &bakery, people[6].id).await;
    let blocks = viewing_block::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].measure, "opened");
    let alerts = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("viewing_limit_reached"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(alerts.len(), 1);
    assert!(alerts[0].subject.contains("Kijklimiet bereikt"));
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("viewing_blocked"))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );

    // The organisation's other account has one opening left of the organisation's six.
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let carla = colleague(app, &user).await;
    assert_eq!(open(app, &carla, people[0].id).await.status, StatusCode::OK);
    assert_eq!(
        open(app, &carla, people[1].id).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );

    // Staff of another region see no block of Rotterdam's region and cannot lift it.
    let page = app
        .form(Some(&rotterdam), "viewing-limits/page", &[])
        .await
        .json();
    let ids: Vec<i64> = page["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{page}");
    let delft = app.login("staff@delft.test.nl").await;
    let other = app
        .form(Some(&delft), "viewing-limits/page", &[])
        .await
        .json();
    assert_eq!(other["blocks"], json!([]));
    let account_block = blocks[0].id.to_string();
    let res = app
        .form(
            Some(&delft),
            "viewing-limits/lift",
            &[("block_id", &account_block)],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // An employer cannot lift its own block.
    let res = app
        .form(
            Some(&bakery),
            "viewing-limits/lift",
            &[("block_id", &account_block)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // Lifting both blocks gives one more day's allowance; four eyes: one staff member asks,
    // a second one of the region lifts, the asker cannot.
    let schiedam = staff_of(app, "Schiedam").await;
    let lift = |staff: &str, id: i64| {
        let staff = staff.to_string();
        async move {
            app.form(
                Some(&staff),
                "viewing-limits/lift",
                &[("block_id", &id.to_string())],
            )
            .await
        }
    };
    for &id in &ids {
        let res = lift(&rotterdam, id).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.json(), json!("Requested"));
        let res = lift(&rotterdam, id).await;
        assert_eq!(
            res.status,
            StatusCode::BAD_REQUEST,
            "the asker lifts: {}",
            res.body
        );
    }
    // Asked for only: still blocked.
    assert_eq!(
        open(app, &bakery, people[7].id).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    for &id in &ids {
        let res = lift(&schiedam, id).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.json(), json!("Lifted"));
    }
    assert_eq!(
        open(app, &bakery, people[7].id).await.status,
        StatusCode::OK
    );
    // Each step in the log of every gemeente of the region, for each block.
    let gemeenten = region_gemeenten(app).await;
    for action in ["request_lift_viewing_block", "lift_viewing_block"] {
        let mut expected: Vec<i32> = gemeenten.iter().chain(&gemeenten).copied().collect();
        expected.sort();
        assert_eq!(in_region_logs(app, action).await, expected, "{action}");
    }
}

async fn listed_candidates_count_too_and_other_regions_are_not_touched(app: &TestApp) {
    let rotterdam = staff_of(app, "Rotterdam").await;
    let bakery = app.login(&app.email_of_role("employer", None).await).await;
    let first = search(app, &bakery).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.json()["notice"], json!(null));
    let per_page = first.json()["items"].as_array().unwrap().len() as u32;
    assert!(per_page > 1);
    // Room for two pages of rows today (the first one above is already counted).
    let res = set_limits(app, &rotterdam, [100, 100, 2 * per_page, 2 * per_page]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let second = search(app, &bakery).await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.json()["notice"].is_string());
    // Each card listed has its audit entry and its row in the processing log, written with
    // the charge (on PostgreSQL in the charge's one statement)…
    let written = async || {
        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("list"))
            .count(&app.db)
            .await
            .unwrap();
        let log = processing_log::Entity::find()
            .filter(processing_log::Column::Name.eq("list"))
            .count(&app.db)
            .await
            .unwrap();
        (audit, log)
    };
    let two_pages = u64::from(2 * per_page);
    assert_eq!(written().await, (two_pages, two_pages));
    let third = search(app, &bakery).await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!third.body.contains("\"items\""));
    // …and a refused list, which shows nobody, leaves none.
    assert_eq!(written().await, (two_pages, two_pages));
    let block = viewing_block::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(block.measure, "listed");
    // Opening profiles is a ceiling of its own.
    let (fatima, _) = fatima(app).await;
    assert_eq!(open(app, &bakery, fatima.id).await.status, StatusCode::OK);

    // The block is the region's, for its staff to see and lift.
    let employer = employer::Entity::find_by_id(block.employer_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(block.region_id, employer.region_id);
}

async fn ceilings_are_checked_and_only_staff_set_them(app: &TestApp) {
    let rotterdam = staff_of(app, "Rotterdam").await;
    let page = app
        .form(Some(&rotterdam), "viewing-limits/page", &[])
        .await
        .json();
    assert_eq!(page["is_default"], true);
    assert_eq!(page["limits"]["account_opened"], 200);
    let res = set_limits(app, &rotterdam, [0, 10, 10, 10]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json()["field"], "account_opened");
    let res = set_limits(app, &rotterdam, [10, 5, 10, 10]).await;
    assert_eq!(res.json()["field"], "organisation_opened");
    let res = set_limits(app, &rotterdam, [10, 10, 10, 10_000_001]).await;
    assert_eq!(res.json()["field"], "organisation_listed");
    // Nothing was stored by the refused ones.
    let page = app
        .form(Some(&rotterdam), "viewing-limits/page", &[])
        .await
        .json();
    assert_eq!(page["is_default"], true);
    let bakery = app.login(&app.email_of_role("employer", None).await).await;
    let res = set_limits(app, &bakery, [1_000_000, 1_000_000, 1, 1]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(
        set_limits(app, &rotterdam, [7, 8, 9, 10]).await.status,
        StatusCode::OK
    );
    let page = app
        .form(Some(&rotterdam), "viewing-limits/page", &[])
        .await
        .json();
    assert_eq!(page["is_default"], false);
    assert_eq!(
        page["limits"],
        json!({ "account_opened": 7, "organisation_opened": 8, "account_listed": 9, "organisation_listed": 10 })
    );
    // A decision for the region is in the audit log of each of its gemeenten.
    assert_eq!(
        in_region_logs(app, "set_viewing_limits").await,
        region_gemeenten(app).await
    );
}

/// The gemeenten of Rotterdam's region.
async fn region_gemeenten(app: &TestApp) -> Vec<i32> {
    let region = app.municipality("Rotterdam").await.region_id;
    let mut ids: Vec<i32> = entity::municipality::Entity::find()
        .filter(entity::municipality::Column::RegionId.eq(region))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    ids.sort();
    ids
}

/// The gemeenten in whose audit log `action` stands, one entry each.
async fn in_region_logs(app: &TestApp, action: &str) -> Vec<i32> {
    let mut ids: Vec<i32> = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|e| e.municipality_id.expect("an entry of a gemeente"))
        .collect();
    ids.sort();
    ids
}

async fn limits_page(app: &TestApp, staff: &str) -> serde_json::Value {
    app.form(Some(staff), "viewing-limits/page", &[])
        .await
        .json()
}

async fn confirm(app: &TestApp, staff: &str, id: &str) -> common::Response {
    app.form(
        Some(staff),
        "viewing-limits/confirm",
        &[("proposal_id", id)],
    )
    .await
}

/// Four eyes (SPEC §11): ceilings above the defaults open more data to employers, so one staff
/// member's setting waits until a second one of the region confirms it; nobody confirms their
/// own, another region cannot; lowering stays immediate.
async fn raising_ceilings_above_the_default_needs_a_second_staff_member(app: &TestApp) {
    let rotterdam = staff_of(app, "Rotterdam").await;
    let schiedam = staff_of(app, "Schiedam").await;
    let delft = app.login("staff@delft.test.nl").await;
    assert_eq!(
        app.municipality("Schiedam").await.region_id,
        app.municipality("Rotterdam").await.region_id
    );

    let res = set_limits(app, &rotterdam, [500, 2000, 10000, 40000]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), json!("AwaitingSecond"));
    let page = limits_page(app, &rotterdam).await;
    assert_eq!(page["is_default"], true, "not in force: {page}");
    assert_eq!(page["limits"]["account_opened"], 200);
    assert_eq!(page["pending"]["limits"]["account_opened"], 500);
    assert_eq!(page["pending"]["mine"], true);
    let id = page["pending"]["id"].to_string();

    // One person alone: no effect.
    let res = confirm(app, &rotterdam, &id).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(
        res.json()["message"]
            .as_str()
            .unwrap()
            .contains("eigen voorstel")
    );
    let res = confirm(app, &delft, &id).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert_eq!(limits_page(app, &rotterdam).await["is_default"], true);

    // A second staff member of the region: in force.
    assert_eq!(limits_page(app, &schiedam).await["pending"]["mine"], false);
    let res = confirm(app, &schiedam, &id).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let page = limits_page(app, &rotterdam).await;
    assert_eq!(page["limits"]["account_opened"], 500);
    assert_eq!(page["pending"], json!(null));
    // Both decisions are in the log of every gemeente of the region.
    let gemeenten = region_gemeenten(app).await;
    assert!(gemeenten.len() > 1);
    assert_eq!(
        in_region_logs(app, "propose_viewing_limits").await,
        gemeenten
    );
    assert_eq!(
        in_region_logs(app, "confirm_viewing_limits").await,
        gemeenten
    );
    // Confirmed once; the same proposal cannot be confirmed again.
    assert_eq!(
        confirm(app, &schiedam, &id).await.status,
        StatusCode::NOT_FOUND
    );

    // Lowering is immediate, and drops a higher setting still waiting.
    let res = set_limits(app, &rotterdam, [900, 2000, 10000, 40000]).await;
    assert_eq!(res.json(), json!("AwaitingSecond"));
    let res = set_limits(app, &rotterdam, [100, 200, 1000, 2000]).await;
    assert_eq!(res.json(), json!("Applied"));
    let page = limits_page(app, &rotterdam).await;
    assert_eq!(page["limits"]["account_opened"], 100);
    assert_eq!(page["pending"], json!(null));
}

async fn media(app: &TestApp, cookie: &str, id: i32) -> common::Response {
    app.get(Some(cookie), &format!("/media/profile/{id}/photo"))
        .await
}

async fn invite(app: &TestApp, cookie: &str, vacancy: i32, id: i32) -> common::Response {
    app.form(
        Some(cookie),
        "invitations/send",
        &[
            ("vacancy_id", &vacancy.to_string()),
            ("job_seeker_id", &id.to_string()),
            ("message", "Zin in een kennismaking?"),
        ],
    )
    .await
}

/// The page, a photo fetched by id and an invitation each open a person against the one daily
/// budget; past it each of them is refused before anything of the person leaves.
async fn every_channel_that_opens_a_person_is_charged(app: &TestApp) {
    let rotterdam = staff_of(app, "Rotterdam").await;
    let res = set_limits(app, &rotterdam, [4, 100, 1000, 2000]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let email = app.email_of_role("employer", None).await;
    let bakery = app.login(&email).await;
    let me = app.user(&email).await.unwrap();
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.eq(me.employer_id.unwrap()))
        .filter(vacancy::Column::Status.eq("open"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an open vacancy of the bakery");
    let people = candidates(app).await;
    // Four with a photo (stored as an upload stores it).
    let store = app.media();
    let mut with_photo = Vec::new();
    for (i, person) in people[..4].iter().enumerate() {
        let key = service::foundation::media_store::new_key();
        store
            .put(&key, server::demo::fake::avatar_png(i as u32))
            .await
            .unwrap();
        let mut row: job_seeker::ActiveModel = person.clone().into();
        row.photo_key = sea_orm::Set(Some(key));
        with_photo.push(row.update(&app.db).await.unwrap());
    }
    // Two more, for invitations.
    let others = &people[4..6];

    // The page of one person, then their photo: one person, one charge.
    assert_eq!(
        open(app, &bakery, with_photo[0].id).await.status,
        StatusCode::OK
    );
    let res = media(app, &bakery, with_photo[0].id).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(opened_today(app, &email).await, 1);
    // A photo fetched by id, without the page, opens that person.
    assert_eq!(
        media(app, &bakery, with_photo[1].id).await.status,
        StatusCode::OK
    );
    assert_eq!(opened_today(app, &email).await, 2);
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("media"))
            .filter(audit_log::Column::JobSeekerId.eq(with_photo[1].id))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
    // So does an invitation.
    let res = invite(app, &bakery, v.id, others[0].id).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(opened_today(app, &email).await, 3);
    assert_eq!(
        open(app, &bakery, with_photo[2].id).await.status,
        StatusCode::OK
    );
    assert_eq!(opened_today(app, &email).await, 4);

    // The budget is spent: a new person's photo, an invitation and a page are refused, and
    // nothing of them is sent or stored.
    let res = media(app, &bakery, with_photo[3].id).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(res.code(), "viewing_limit");
    let res = invite(app, &bakery, v.id, others[1].id).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(
        entity::invitation::Entity::find()
            .filter(entity::invitation::Column::JobSeekerId.eq(others[1].id))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    // Blocked now: even the photo of a person opened earlier today stays on the server.
    let res = media(app, &bakery, with_photo[0].id).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(opened_today(app, &email).await, 4);
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("media"))
            .filter(audit_log::Column::JobSeekerId.eq(with_photo[3].id))
            .count(&app.db)
            .await
            .unwrap(),
        0,
        "a refused photo is not recorded as seen"
    );
}

on_both_databases!(
    raising_ceilings_above_the_default_needs_a_second_staff_member,
    every_channel_that_opens_a_person_is_charged,
    opening_profiles_stops_at_the_ceiling_until_staff_lift_it,
    the_organisation_ceiling_holds_for_colleagues_opening_at_once,
    listed_candidates_count_too_and_other_regions_are_not_touched,
    ceilings_are_checked_and_only_staff_set_them,
);
