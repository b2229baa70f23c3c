//! The audit trail (SPEC §8, §6): every read of a person's data by someone else is one entry
//! about that person (lists, matches, partner lists, digests and media included), which the
//! person sees in "wie heeft mijn profiel bekeken" and their gemeente finds in its audit
//! search; every change writes its entry in the same transaction.

use crate::common;
use crate::common::{TestApp, fatima};
use axum::body::Body;
use chrono::{Duration, Utc};
use entity::{audit_log, contact_message, job_seeker, partner, region, saved_search, vacancy};
use http::{Request, StatusCode, header};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const BAKERY: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";
const BAKERY_ORG: &str = "Bakkerij Van der Linden";
const LOGISTICS: &str = "h.koster@logistiek.hallowerk-demo.nl";
const LOGISTICS_ORG: &str = "Logistiek Rijnmond BV";

/// The entries with this action, by this organisation.
async fn entries(app: &TestApp, action: &str, org: &str) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::ActorOrg.eq(org))
        .all(&app.db)
        .await
        .unwrap()
}

/// How many entries name this object.
async fn entries_on(app: &TestApp, action: &str, object_type: &str, id: i64) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::ObjectType.eq(object_type))
        .filter(audit_log::Column::ObjectId.eq(id as i32))
        .filter(audit_log::Column::Result.eq("ok"))
        .count(&app.db)
        .await
        .unwrap()
}

fn ids_of(items: &Value, path: &[&str]) -> Vec<i32> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let mut v = i;
            for p in path {
                v = &v[*p];
            }
            v.as_i64().unwrap() as i32
        })
        .collect()
}

/// Every entry is about one person shown, exactly once per person, with the person's gemeente.
async fn one_entry_per_person(app: &TestApp, found: &[audit_log::Model], shown: &[i32]) {
    let mut about: Vec<i32> = found
        .iter()
        .map(|e| e.job_seeker_id.expect("an entry names its person"))
        .collect();
    about.sort_unstable();
    let mut expected = shown.to_vec();
    expected.sort_unstable();
    assert_eq!(about, expected, "one entry per person shown, nobody else");
    for e in found {
        let js = job_seeker::Entity::find_by_id(e.job_seeker_id.unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(e.municipality_id, Some(js.municipality_id));
        assert_eq!(e.object_id, Some(js.id));
        assert_eq!(e.result, "ok");
        // Field codes, never values.
        kernel::policy::FieldSet::parse_codes(&e.fields)
            .unwrap_or_else(|f| panic!("not field codes: {f} in {}", e.fields));
    }
}

/// The organisations in the signed-in job seeker's privacy overview, with how they saw it.
async fn viewed_by(app: &TestApp, cookie: &str) -> Vec<(String, Vec<String>)> {
    let res = app.form(Some(cookie), "privacy/overview", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()["viewed_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["organisation"].as_str().unwrap().to_string(),
                v["ways"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn saw(list: &[(String, Vec<String>)], org: &str, way: &str) -> bool {
    list.iter()
        .any(|(o, ways)| o == org && ways.iter().any(|w| w == way))
}

/// The rows staff of the person's gemeente find for this client number and action.
async fn staff_search(app: &TestApp, gemeente: &str, client_number: &str, action: &str) -> Value {
    let staff = app
        .login(&app.email_of_role("staff", Some(gemeente)).await)
        .await;
    let res = app
        .form(
            Some(&staff),
            "audit/search",
            &[
                ("client_number", client_number),
                ("action", action),
                ("page", "0"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()
}

fn found_org(page: &Value, org: &str) -> bool {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["actor_org"] == org)
}

async fn get(app: &TestApp, uri: &str, cookie: &str) -> common::Response {
    app.request(
        Request::get(uri)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

async fn a_candidate_list_writes_one_entry_per_candidate_shown(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let employer = app.login(BAKERY).await;
    assert!(entries(app, "list", BAKERY_ORG).await.is_empty());
    assert!(!saw(
        &viewed_by(app, &me).await,
        BAKERY_ORG,
        "in een zoekresultaat of lijst"
    ));

    let res = app
        .json(
            Some(&employer),
            "candidates/search",
            json!({ "filter": { "page": 0 } }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let page = res.json();
    let shown = ids_of(&page["items"], &["id"]);
    assert!(shown.len() > 1, "a page of several candidates");
    let found = entries(app, "list", BAKERY_ORG).await;
    one_entry_per_person(app, &found, &shown).await;
    for e in &found {
        let j = job_seeker::Entity::find_by_id(e.job_seeker_id.unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(e.fields.contains("first_name"), "{}", e.fields);
        assert!(!e.fields.contains("birth_date"), "only what was shown");
        // A card: no contact or health data, whatever the person consented to.
        for never in ["work_capacity", "email", "phone"] {
            assert!(
                !e.fields.split(',').any(|f| f == never),
                "{never} named for {} ({})",
                j.id,
                e.fields
            );
        }
    }

    // Page on until Fatima is shown; she then sees the bakery, her gemeente finds it.
    let pages = page["pages"].as_u64().unwrap();
    let mut seen = shown.contains(&js.id);
    for p in 1..pages {
        if seen {
            break;
        }
        let res = app
            .json(
                Some(&employer),
                "candidates/search",
                json!({ "filter": { "page": p } }),
            )
            .await
            .json();
        seen = ids_of(&res["items"], &["id"]).contains(&js.id);
    }
    assert!(seen, "Fatima is an active candidate of the region");
    assert!(
        saw(
            &viewed_by(app, &me).await,
            BAKERY_ORG,
            "in een zoekresultaat of lijst"
        ),
        "{:?}",
        viewed_by(app, &me).await
    );
    let rows = staff_search(app, "Rotterdam", &js.client_number, "list").await;
    assert!(found_org(&rows, BAKERY_ORG), "{rows}");
    // No list entry without a person any more.
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("list"))
            .filter(audit_log::Column::ActorRole.eq("employer"))
            .filter(audit_log::Column::JobSeekerId.is_null())
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    // Opening one candidate: one read entry, shown to her as "profiel geopend".
    let res = app
        .form(
            Some(&employer),
            "candidates/get",
            &[("id", &js.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let reads = entries(app, "read", BAKERY_ORG).await;
    one_entry_per_person(app, &reads, &[js.id]).await;
    assert!(saw(
        &viewed_by(app, &me).await,
        BAKERY_ORG,
        "profiel geopend"
    ));
    // Grouped by organisation and day: one row for the bakery today, however many reads.
    let today: Vec<_> = viewed_by(app, &me)
        .await
        .into_iter()
        .filter(|(o, _)| o == BAKERY_ORG)
        .collect();
    assert_eq!(today.len(), 1, "{today:?}");
}

/// A new vacancy of the logistics employer in Fatima's first preferred occupation, opened.
async fn vacancy_for_fatima(app: &TestApp, employer: &str, js: &job_seeker::Model) -> i64 {
    let occupation = entity::job_seeker_occupation::Entity::find()
        .filter(entity::job_seeker_occupation::Column::JobSeekerId.eq(js.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("Fatima has a preferred occupation")
        .occupation_id;
    let res = app
        .json(
            Some(employer),
            "vacancies/save",
            json!({ "vacancy": { "id": null, "title": "Magazijnmedewerker", "description": "Orders klaarzetten.",
                "occupation_id": occupation, "municipality_id": js.municipality_id, "hours_per_week": 24,
                "demands": [0, 0, 0, 0, 0],
                "suits": { "banenafspraak": false, "praktijkroute": false, "bbl": false, "ondernemer": false } } }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json().as_i64().unwrap()
}

async fn vacancy_matches_write_one_entry_per_candidate_shown(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let employer = app.login(LOGISTICS).await;
    let id = vacancy_for_fatima(app, &employer, &js).await;
    assert!(entries(app, "match", LOGISTICS_ORG).await.is_empty());
    let res = app
        .form(
            Some(&employer),
            "vacancies/matches",
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let shown = ids_of(&res.json()["items"], &["candidate", "id"]);
    assert!(shown.contains(&js.id), "{shown:?}");
    one_entry_per_person(app, &entries(app, "match", LOGISTICS_ORG).await, &shown).await;
    assert!(saw(
        &viewed_by(app, &me).await,
        LOGISTICS_ORG,
        "bij een passende vacature"
    ));
    let rows = staff_search(app, "Rotterdam", &js.client_number, "match").await;
    assert!(found_org(&rows, LOGISTICS_ORG), "{rows}");
}

async fn a_partner_list_writes_one_entry_per_profile_on_the_page(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let org = partner::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .name;
    let cookie = app.login(&app.email_of_role("partner", None).await).await;
    let res = app
        .form(Some(&cookie), "partner/profiles", &[("page", "0")])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let first = res.json();
    let shown = ids_of(&first["items"], &["id"]);
    assert!(!shown.is_empty());
    let found = entries(app, "list", &org).await;
    one_entry_per_person(app, &found, &shown).await;
    assert!(found.iter().all(|e| e.actor_role == "partner"));

    let mut seen = shown.contains(&js.id);
    for p in 1..first["pages"].as_u64().unwrap() {
        if seen {
            break;
        }
        let page = app
            .form(
                Some(&cookie),
                "partner/profiles",
                &[("page", &p.to_string())],
            )
            .await
            .json();
        seen = ids_of(&page["items"], &["id"]).contains(&js.id);
    }
    assert!(
        seen,
        "Fatima (Rotterdam, active) is shared with the partner"
    );
    assert!(saw(
        &viewed_by(app, &me).await,
        &org,
        "in een zoekresultaat of lijst"
    ));
    let rows = staff_search(app, "Rotterdam", &js.client_number, "list").await;
    assert!(found_org(&rows, &org), "{rows}");
}

async fn a_media_read_by_an_employer_is_audited(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let res = app
        .request(
            Request::put("/media/profile/photo")
                .header(header::COOKIE, &me)
                .body(Body::from(server::demo::fake::avatar_png(5)))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let uri = format!("/media/profile/{}/photo", js.id);
    // The owner's own read is not "viewed by".
    let own = get(app, &uri, &me).await;
    assert_eq!(own.status, StatusCode::OK);
    let media = || async {
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("media"))
            .filter(audit_log::Column::JobSeekerId.eq(js.id))
            .all(&app.db)
            .await
            .unwrap()
    };
    assert!(media().await.is_empty());

    let employer = app.login(LOGISTICS).await;
    let res = get(app, &uri, &employer).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.bytes, own.bytes);
    let found = media().await;
    assert_eq!(found.len(), 1);
    let e = &found[0];
    assert_eq!(
        (e.actor_org.as_str(), e.fields.as_str(), e.result.as_str()),
        (LOGISTICS_ORG, "photo", "ok")
    );
    assert_eq!(e.municipality_id, Some(js.municipality_id));
    assert_eq!(
        e.origin.as_deref(),
        Some(app.client.ip().to_string().as_str())
    );
    assert!(saw(
        &viewed_by(app, &me).await,
        LOGISTICS_ORG,
        "foto of video bekeken"
    ));
    let rows = staff_search(app, "Rotterdam", &js.client_number, "media").await;
    assert!(found_org(&rows, LOGISTICS_ORG), "{rows}");

    // An employer of another region gets nothing, and the attempt is logged as denied.
    let delft = app.login("werkgever@delft.test.nl").await;
    assert_eq!(get(app, &uri, &delft).await.status, StatusCode::NOT_FOUND);
    let all = media().await;
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .any(|e| e.result == "denied" && e.actor_org == "Delftse Techniek BV")
    );
    assert!(
        !viewed_by(app, &me)
            .await
            .iter()
            .any(|(o, _)| o == "Delftse Techniek BV"),
        "a refused read showed nothing"
    );
}

async fn a_digest_names_each_person_in_the_audit_log(app: &TestApp) {
    let cookie = app.login(BAKERY).await;
    let res = app
        .json(
            Some(&cookie),
            "saved-searches/save",
            json!({ "name": "BBL", "filter": { "bbl": true }, "daily_digest": true }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let mut new = vec![];
    for (n, first) in ["Noor", "Sem"].iter().enumerate() {
        let client = format!("SDM-90{n}");
        let id = app
            .form(
                Some(&staff),
                "job-seekers/create",
                &[
                    ("client_number", &client),
                    ("first_name", first),
                    ("last_name", "Digest"),
                    ("email", &format!("{}@voorbeeld.nl", first.to_lowercase())),
                ],
            )
            .await
            .json()
            .as_i64()
            .unwrap() as i32;
        app.json(
            Some(&staff),
            "profile/update",
            json!({ "id": id, "changes": [{ "field": "target_bbl", "value": true }] }),
        )
        .await;
        new.push((id, client));
    }
    assert!(entries(app, "digest", BAKERY_ORG).await.is_empty());
    let sent = service::employer::saved_searches::send_digests(
        &app.db,
        Utc::now() + Duration::seconds(1),
        "https://hallowerk.example",
    )
    .await
    .unwrap();
    assert_eq!(sent, 1);
    let found = entries(app, "digest", BAKERY_ORG).await;
    let ids: Vec<i32> = new.iter().map(|(id, _)| *id).collect();
    one_entry_per_person(app, &found, &ids).await;
    assert!(
        found.iter().all(|e| e.fields == "first_name,last_name"),
        "a digest names, nothing more"
    );
    let rows = staff_search(app, "Schiedam", &new[0].1, "digest").await;
    assert_eq!(rows["total"], 1, "{rows}");
    assert!(found_org(&rows, BAKERY_ORG));
}

async fn every_change_writes_its_entry(app: &TestApp) {
    let (js, _) = fatima(app).await;
    let employer = app.login(LOGISTICS).await;

    // Vacancy: created, refused (no entry), edited, opened.
    let before = audit_log::Entity::find().count(&app.db).await.unwrap();
    let refused = app
        .json(
            Some(&employer),
            "vacancies/save",
            json!({ "vacancy": { "id": null, "title": "X", "description": "", "occupation_id": 1,
                "municipality_id": js.municipality_id, "hours_per_week": 24, "demands": [0, 0, 0, 0, 0],
                "suits": { "banenafspraak": false, "praktijkroute": false, "bbl": false, "ondernemer": false } } }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        audit_log::Entity::find().count(&app.db).await.unwrap(),
        before,
        "nothing stored, nothing logged"
    );
    let id = vacancy_for_fatima(app, &employer, &js).await;
    assert_eq!(entries_on(app, "create", "vacancy", id).await, 1);
    let v = vacancy::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut edit = json!({ "vacancy": { "id": id, "title": "Magazijnmedewerker (24 uur)", "description": "Orders klaarzetten.",
        "occupation_id": v.occupation_id, "municipality_id": v.municipality_id, "hours_per_week": 24,
        "demands": [0, 0, 0, 0, 0],
        "suits": { "banenafspraak": false, "praktijkroute": false, "bbl": false, "ondernemer": false } } });
    assert_eq!(
        app.json(Some(&employer), "vacancies/save", edit.clone())
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(entries_on(app, "update", "vacancy", id).await, 1);
    // Another organisation's edit changes nothing and logs no change.
    edit["vacancy"]["title"] = json!("Overgenomen");
    let bakery = app.login(BAKERY).await;
    assert_eq!(
        app.json(Some(&bakery), "vacancies/save", edit).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(entries_on(app, "update", "vacancy", id).await, 1);
    let sid = id.to_string();
    let res = app
        .form(
            Some(&employer),
            "vacancies/status",
            &[("id", &sid), ("status", "open")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(entries_on(app, "open", "vacancy", id).await, 1);
    let staff_rows = staff_search(app, "Rotterdam", "", "open").await;
    assert!(found_org(&staff_rows, LOGISTICS_ORG), "{staff_rows}");

    // Invitation: sent and withdrawn, each on Fatima's trail.
    let res = app
        .form(
            Some(&employer),
            "invitations/send",
            &[
                ("vacancy_id", &sid),
                ("job_seeker_id", &js.id.to_string()),
                ("message", "Kom je kennismaken?"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let invitation = res.json().as_i64().unwrap();
    let invites = entries(app, "invite", LOGISTICS_ORG).await;
    assert_eq!(invites.len(), 1);
    assert_eq!(invites[0].job_seeker_id, Some(js.id));
    // The organisation's invitation list names her: a read of her name.
    app.form(Some(&employer), "invitations/mine", &[]).await;
    assert!(
        entries(app, "list", LOGISTICS_ORG)
            .await
            .iter()
            .any(|e| e.job_seeker_id == Some(js.id) && e.fields == "first_name,last_name"),
    );
    let res = app
        .form(
            Some(&employer),
            "invitations/withdraw",
            &[("id", &invitation.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        entries_on(app, "withdraw_invitation", "invitation", invitation).await,
        1
    );
    let again = app
        .form(
            Some(&employer),
            "invitations/withdraw",
            &[("id", &invitation.to_string())],
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        entries_on(app, "withdraw_invitation", "invitation", invitation).await,
        1,
        "a refused change logs no change"
    );

    // Saved search: saved, deleted; someone else's delete logs nothing.
    let res = app
        .json(
            Some(&employer),
            "saved-searches/save",
            json!({ "name": "Orderpickers", "filter": { "q": "magazijn" }, "daily_digest": false }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let search = res.json().as_i64().unwrap();
    assert_eq!(
        entries_on(app, "save_search", "saved_search", search).await,
        1
    );
    let ss = search.to_string();
    assert_eq!(
        app.form(Some(&bakery), "saved-searches/delete", &[("id", &ss)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        entries_on(app, "delete_search", "saved_search", search).await,
        0
    );
    assert_eq!(
        app.form(Some(&employer), "saved-searches/delete", &[("id", &ss)])
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        entries_on(app, "delete_search", "saved_search", search).await,
        1
    );

    // Contact message handled by the region's staff.
    let rijnmond = region::Entity::find_by_id(app.municipality("Rotterdam").await.region_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let msg = contact_message::ActiveModel {
        region_id: Set(rijnmond.id),
        qualification: Set("werkgever".into()),
        first_name: Set("Joyce".into()),
        last_name: Set("Vraag".into()),
        email: Set("joyce@voorbeeld.nl".into()),
        phone: Set(None),
        message: Set("Hoe werkt het?".into()),
        status: Set("open".into()),
        reply_note: Set(None),
        handled_by: Set(None),
        handled_at: Set(None),
        received_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let res = app
        .form(
            Some(&staff),
            "contact/handle",
            &[("id", &msg.id.to_string()), ("reply_note", "Gebeld")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        entries_on(app, "handle", "contact_message", msg.id.into()).await,
        1
    );

    // Every administrator action.
    let admin = app.login(common::ADMIN_EMAIL).await;
    let ok = |res: common::Response| {
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        serde_json::from_str::<Value>(&res.body).unwrap_or(Value::Null)
    };
    let region_id = ok(app
        .form(
            Some(&admin),
            "admin/regions/create",
            &[("name", "Twente"), ("department_email", "")],
        )
        .await)
    .as_i64()
    .unwrap();
    assert_eq!(entries_on(app, "create", "region", region_id).await, 1);
    let gemeente = ok(app
        .form(
            Some(&admin),
            "admin/municipalities/create",
            &[("region_id", &region_id.to_string()), ("name", "Enschede")],
        )
        .await)
    .as_i64()
    .unwrap();
    assert_eq!(entries_on(app, "create", "municipality", gemeente).await, 1);
    let account = ok(app
        .form(
            Some(&admin),
            "admin/accounts/create-staff",
            &[
                ("municipality_id", &gemeente.to_string()),
                ("first_name", "Nieuw"),
                ("last_name", "Lid"),
                ("email", "nieuw@enschede.nl"),
            ],
        )
        .await)
    .as_i64()
    .unwrap();
    assert_eq!(
        entries_on(app, "create_account", "app_user", account).await,
        1
    );
    let partner_id = partner::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let partner_account = ok(app
        .form(
            Some(&admin),
            "admin/accounts/create-partner",
            &[
                ("partner_id", &partner_id.to_string()),
                ("first_name", "Piet"),
                ("last_name", "Partner"),
                ("email", "piet@maasstad.nl"),
            ],
        )
        .await)
    .as_i64()
    .unwrap();
    assert_eq!(
        entries_on(app, "create_account", "app_user", partner_account).await,
        1
    );
    let user = account.to_string();
    ok(app
        .form(
            Some(&admin),
            "admin/accounts/active",
            &[("user_id", &user), ("active", "false")],
        )
        .await);
    assert_eq!(
        entries_on(app, "deactivate_account", "app_user", account).await,
        1
    );
    ok(app
        .form(
            Some(&admin),
            "admin/accounts/active",
            &[("user_id", &user), ("active", "true")],
        )
        .await);
    assert_eq!(
        entries_on(app, "activate_account", "app_user", account).await,
        1
    );
    ok(app
        .form(Some(&admin), "admin/accounts/reset", &[("user_id", &user)])
        .await);
    assert_eq!(
        entries_on(app, "reset_account", "app_user", account).await,
        1
    );
    for (kind, id) in [("municipality", gemeente), ("region", region_id)] {
        ok(app
            .form(
                Some(&admin),
                "admin/places/active",
                &[("kind", kind), ("id", &id.to_string()), ("active", "false")],
            )
            .await);
        assert_eq!(entries_on(app, "deactivate", kind, id).await, 1, "{kind}");
        ok(app
            .form(
                Some(&admin),
                "admin/places/active",
                &[("kind", kind), ("id", &id.to_string()), ("active", "true")],
            )
            .await);
        assert_eq!(entries_on(app, "activate", kind, id).await, 1, "{kind}");
    }
}

/// While the audit log refuses every new entry, a change is refused too and leaves nothing:
/// the change and its entry are one transaction.
async fn no_change_without_its_entry(app: &TestApp) {
    let employer = app.login(LOGISTICS).await;
    let admin = app.login(common::ADMIN_EMAIL).await;
    let (js, _) = fatima(app).await;
    let block = match app.db.get_database_backend() {
        DbBackend::Postgres => vec![
            "CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_down()",
        ],
        _ => vec![
            "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END",
        ],
    };
    for sql in block {
        app.db.execute_unprepared(sql).await.unwrap();
    }
    let vacancies = vacancy::Entity::find().count(&app.db).await.unwrap();
    let occupation = entity::occupation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let res = app
        .json(
            Some(&employer),
            "vacancies/save",
            json!({ "vacancy": { "id": null, "title": "Zonder logboek", "description": "Mag niet bestaan.",
                "occupation_id": occupation, "municipality_id": js.municipality_id, "hours_per_week": 24,
                "demands": [0, 0, 0, 0, 0],
                "suits": { "banenafspraak": false, "praktijkroute": false, "bbl": false, "ondernemer": false } } }),
        )
        .await;
    assert!(res.status.is_server_error(), "{} {}", res.status, res.body);
    assert_eq!(
        vacancy::Entity::find().count(&app.db).await.unwrap(),
        vacancies
    );

    let res = app
        .json(
            Some(&employer),
            "saved-searches/save",
            json!({ "name": "Zonder logboek", "filter": {}, "daily_digest": false }),
        )
        .await;
    assert!(res.status.is_server_error(), "{}", res.body);
    assert_eq!(
        saved_search::Entity::find().count(&app.db).await.unwrap(),
        0
    );

    let res = app
        .form(
            Some(&admin),
            "admin/regions/create",
            &[("name", "Zonder logboek"), ("department_email", "")],
        )
        .await;
    assert!(res.status.is_server_error(), "{}", res.body);
    assert!(
        region::Entity::find()
            .filter(region::Column::Name.eq("Zonder logboek"))
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    // And no read is served without its entry.
    let res = app
        .json(
            Some(&employer),
            "candidates/search",
            json!({ "filter": {} }),
        )
        .await;
    assert!(res.status.is_server_error(), "{}", res.body);
    let names: BTreeSet<String> = app
        .all_job_seekers()
        .await
        .into_iter()
        .map(|j| j.last_name)
        .collect();
    assert!(!names.iter().any(|n| res.body.contains(n.as_str())));
}

/// The staff list of job seekers and the privacy queue name people too: one entry each.
async fn staff_lists_write_one_entry_per_person(app: &TestApp) {
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let org = "Gemeente Rotterdam";
    let res = app
        .form(
            Some(&staff),
            "job-seekers/list",
            &[("q", ""), ("page", "0")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let shown = ids_of(&res.json()["rows"], &["id"]);
    assert!(!shown.is_empty());
    let found: Vec<_> = entries(app, "list", org)
        .await
        .into_iter()
        .filter(|e| e.object_type == "job_seeker")
        .collect();
    one_entry_per_person(app, &found, &shown).await;
}

on_both_databases!(
    staff_lists_write_one_entry_per_person,
    a_candidate_list_writes_one_entry_per_candidate_shown,
    vacancy_matches_write_one_entry_per_candidate_shown,
    a_partner_list_writes_one_entry_per_profile_on_the_page,
    a_media_read_by_an_employer_is_audited,
    a_digest_names_each_person_in_the_audit_log,
    every_change_writes_its_entry,
    no_change_without_its_entry,
);
