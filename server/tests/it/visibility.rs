//! The visibility policy and row scope, end to end over HTTP against a real database: what each
//! audience's responses contain, and what they must never contain.

use crate::common;
use crate::common::TestApp;
use entity::job_seeker;
use http::StatusCode;
use kernel::domain::ProfileState;
use kernel::policy::{self, Audience, Field};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Every candidate on every page of an employer's unfiltered search.
async fn all_candidates(app: &TestApp, cookie: &str) -> (Vec<Value>, String) {
    let mut items = Vec::new();
    let mut bodies = String::new();
    let mut page = 0;
    loop {
        let res = app
            .json(
                Some(cookie),
                "candidates/search",
                json!({ "filter": { "page": page } }),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let v = res.json();
        items.extend(v["items"].as_array().unwrap().iter().cloned());
        bodies.push_str(&res.body);
        page += 1;
        if page >= v["pages"].as_u64().unwrap() {
            break;
        }
    }
    (items, bodies)
}

/// The JSON keys of a card in a list an employer receives: the policy's card list (as the card's
/// key names) plus the id.
fn card_keys() -> BTreeSet<String> {
    let mut keys: BTreeSet<String> = ["id".to_string()].into();
    for f in policy::card_fields(Audience::Employer).iter() {
        keys.insert(match f {
            Field::LastName => "last_initial".into(),
            Field::Photo => "has_photo".into(),
            Field::Video => "has_video".into(),
            other => other.code().into(),
        });
    }
    keys
}

fn values_never_shown_to_employers(js: &job_seeker::Model) -> Vec<String> {
    let mut v = vec![js.client_number.clone()];
    v.extend(js.postal_code.clone());
    v.extend(js.birth_date.map(|d| d.to_string()));
    v
}

/// What an opened profile may show but no list an employer receives may carry, as it would
/// appear in JSON: every job seeker's e-mail address (their account's) and phone number.
async fn values_never_listed(app: &TestApp, seekers: &[job_seeker::Model]) -> Vec<String> {
    let mut v = Vec::new();
    for js in seekers {
        let user = entity::app_user::Entity::find_by_id(js.user_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        v.push(format!("\"{}\"", user.email));
        v.extend(js.phone.iter().map(|p| format!("\"{p}\"")));
    }
    v
}

/// Keys no list an employer receives may have: contact, media and health data.
const NEVER_LISTED_KEYS: [&str; 7] = [
    "\"email\"",
    "\"phone\"",
    "\"photo_url\"",
    "\"video_url\"",
    "\"work_capacity\"",
    "\"last_name\"",
    "/media/",
];

fn assert_no_contact_media_or_health(body: &str, never: &[String], what: &str) {
    for key in NEVER_LISTED_KEYS {
        assert!(!body.contains(key), "{what} carries {key}");
    }
    for value in never {
        assert!(!body.contains(value), "{what} carries {value}");
    }
}

async fn employer_response_lacks_hidden_fields(app: &TestApp) {
    let email = app.email_of_role("employer", None).await;
    let cookie = app.login(&email).await;
    let (items, bodies) = all_candidates(app, &cookie).await;
    assert!(!items.is_empty(), "the demo region has active candidates");

    let allowed = card_keys();
    let seekers = app.all_job_seekers().await;
    for item in &items {
        let keys: BTreeSet<String> = item.as_object().unwrap().keys().cloned().collect();
        assert!(
            keys.is_subset(&allowed),
            "unexpected keys {:?}",
            keys.difference(&allowed).collect::<Vec<_>>()
        );
        let id = item["id"].as_i64().unwrap() as i32;
        let js = seekers.iter().find(|s| s.id == id).unwrap();
        // The card's forms: the initial, and whether media exist (never the media).
        assert_eq!(
            item["last_initial"].as_str(),
            js.last_name
                .chars()
                .next()
                .map(|c| format!("{}.", c.to_uppercase()))
                .as_deref(),
            "candidate {id}"
        );
        assert_eq!(item["has_photo"], js.photo_key.is_some(), "candidate {id}");
    }
    let never = values_never_listed(app, &seekers).await;
    assert!(
        never.len() > seekers.len(),
        "the demo job seekers have phone numbers"
    );
    assert_no_contact_media_or_health(&bodies, &never, "the candidate list");
    // Not even the values may appear anywhere in the response bytes.
    for js in &seekers {
        for secret in values_never_shown_to_employers(js) {
            assert!(
                !bodies.contains(&secret),
                "value {secret} of job seeker {} leaked",
                js.id
            );
        }
    }
    // Nor in the matches of any of the organisation's vacancies.
    let open = app.form(Some(&cookie), "vacancies/mine", &[]).await;
    assert_eq!(open.status, StatusCode::OK, "{}", open.body);
    let mut matched = 0;
    for v in open.json()["items"].as_array().unwrap() {
        let id = v["id"].to_string();
        let res = app
            .form(Some(&cookie), "vacancies/matches", &[("id", &id)])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        for m in res.json()["items"].as_array().unwrap() {
            matched += 1;
            let keys: BTreeSet<String> = m["candidate"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            assert!(keys.is_subset(&allowed), "match keys {keys:?}");
        }
        assert_no_contact_media_or_health(&res.body, &never, "a vacancy's matches");
    }
    assert!(matched > 0, "the demo employer's vacancies have matches");
    // Also when opening one non-consenting candidate.
    let no_consent = items
        .iter()
        .map(|i| i["id"].as_i64().unwrap() as i32)
        .find(|id| {
            !seekers
                .iter()
                .find(|s| s.id == *id)
                .unwrap()
                .work_capacity_consent
        })
        .expect("a candidate without consent");
    let res = app
        .form(
            Some(&cookie),
            "candidates/get",
            &[("id", &no_consent.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let opened = &res.json()["candidate"];
    assert_eq!(opened["id"], no_consent);
    assert!(opened.get("work_capacity").is_none());
    assert!(opened.get("birth_date").is_none());
    // Opened, the profile shows what the policy lets employers read, contact data included.
    let js = seekers.iter().find(|s| s.id == no_consent).unwrap();
    let user = entity::app_user::Entity::find_by_id(js.user_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(opened["email"], user.email.as_str());
    assert_eq!(opened["last_name"], js.last_name.as_str());
}

async fn withdrawing_consent_hides_work_capacity_at_once(app: &TestApp) {
    let email = app.email_of_role("employer", None).await;
    let cookie = app.login(&email).await;
    let js = app
        .job_seekers_of("Rotterdam")
        .await
        .into_iter()
        .find(|s| s.work_capacity_consent && s.state == "active")
        .expect("a consenting active job seeker");
    let id = js.id.to_string();
    let args = [("id", id.as_str())];
    let get = || app.form(Some(&cookie), "candidates/get", &args);
    assert!(
        get().await.json()["candidate"]
            .get("work_capacity")
            .is_some()
    );
    let mut row: job_seeker::ActiveModel = js.clone().into();
    row.work_capacity_consent = Set(false);
    row.update(&app.db).await.unwrap();
    let opened = get().await.json();
    assert_eq!(opened["candidate"]["id"], js.id);
    assert!(opened["candidate"].get("work_capacity").is_none());
}

async fn paused_job_seekers_are_invisible_to_employers(app: &TestApp) {
    let email = app.email_of_role("employer", None).await;
    let cookie = app.login(&email).await;
    let (items, _) = all_candidates(app, &cookie).await;
    let shown: BTreeSet<i32> = items
        .iter()
        .map(|i| i["id"].as_i64().unwrap() as i32)
        .collect();
    let seekers = app.all_job_seekers().await;
    let paused: Vec<_> = seekers
        .iter()
        .filter(|s| s.state == ProfileState::Paused.code())
        .collect();
    assert!(!paused.is_empty(), "the demo data has paused job seekers");
    for p in &paused {
        assert!(!shown.contains(&p.id), "paused {} listed", p.id);
        let res = app
            .form(
                Some(&cookie),
                "candidates/get",
                &[("id", &p.id.to_string())],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "paused {} readable by id",
            p.id
        );
    }
    // Exactly the active job seekers of the region are shown (no other region, nobody missing).
    let mut expected = BTreeSet::new();
    for name in ["Rotterdam", "Schiedam", "Vlaardingen"] {
        for s in app.job_seekers_of(name).await {
            if s.state == ProfileState::Active.code() {
                expected.insert(s.id);
            }
        }
    }
    assert_eq!(shown, expected);

    // Pausing takes effect on the very next request.
    let victim = *shown.iter().next().unwrap();
    let js = job_seeker::Entity::find_by_id(victim)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: job_seeker::ActiveModel = js.into();
    row.state = Set(ProfileState::Paused.code().into());
    row.update(&app.db).await.unwrap();
    let (after, _) = all_candidates(app, &cookie).await;
    assert!(
        after
            .iter()
            .all(|i| i["id"].as_i64().unwrap() as i32 != victim)
    );
}

async fn employers_never_see_other_regions(app: &TestApp) {
    let cookie = app.login("werkgever@delft.test.nl").await;
    let (items, _) = all_candidates(app, &cookie).await;
    let delft: BTreeSet<i32> = app
        .job_seekers_of("Delft")
        .await
        .iter()
        .map(|s| s.id)
        .collect();
    let shown: BTreeSet<i32> = items
        .iter()
        .map(|i| i["id"].as_i64().unwrap() as i32)
        .collect();
    assert_eq!(shown, delft);
    let rotterdam = app.job_seekers_of("Rotterdam").await[0].id;
    let res = app
        .form(
            Some(&cookie),
            "candidates/get",
            &[("id", &rotterdam.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

async fn staff_see_only_their_own_gemeente(app: &TestApp) {
    let email = app.email_of_role("staff", Some("Schiedam")).await;
    let cookie = app.login(&email).await;
    let mut listed = BTreeSet::new();
    let mut page = 0;
    loop {
        let res = app
            .form(
                Some(&cookie),
                "job-seekers/list",
                &[("q", ""), ("page", &page.to_string())],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let v = res.json();
        for r in v["rows"].as_array().unwrap() {
            listed.insert(r["id"].as_i64().unwrap() as i32);
        }
        page += 1;
        if page >= v["pages"].as_u64().unwrap() {
            break;
        }
    }
    let own: BTreeSet<i32> = app
        .job_seekers_of("Schiedam")
        .await
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        listed, own,
        "exactly the own gemeente, paused ones included"
    );

    // By id: own gemeente gives the full profile; another gemeente (same region) is refused.
    let mine = *own.iter().next().unwrap();
    let res = app
        .form(
            Some(&cookie),
            "job-seekers/get",
            &[("id", &mine.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let v = res.json();
    for f in [
        "client_number",
        "birth_date",
        "postal_code",
        "gender",
        "work_capacity",
    ] {
        assert!(v.get(f).is_some(), "staff see {f}");
    }
    let other = app.job_seekers_of("Rotterdam").await[0].clone();
    let res = app
        .form(
            Some(&cookie),
            "job-seekers/get",
            &[("id", &other.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(!res.body.contains(&other.client_number) && !res.body.contains(&other.last_name));
    // Searching for the other gemeente's client number finds nothing.
    let res = app
        .form(
            Some(&cookie),
            "job-seekers/list",
            &[("q", &other.client_number), ("page", "0")],
        )
        .await;
    assert_eq!(res.json()["total"], 0);
    // Nor can staff change it.
    let res = app
        .json(
            Some(&cookie),
            "profile/update",
            json!({ "id": other.id, "changes": [{ "field": "first_name", "value": "X" }] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

async fn job_seeker_reads_only_own_profile(app: &TestApp) {
    let seekers = app.job_seekers_of("Rotterdam").await;
    let me = &seekers[0];
    let other = &seekers[2];
    let cookie = app.login(&app.login_email_of(me).await).await;
    let res = app.form(Some(&cookie), "profile/mine", &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    let v = res.json();
    assert_eq!(v["id"], me.id);
    assert_eq!(v["client_number"], me.client_number.as_str());
    for endpoint in ["job-seekers/get", "candidates/get"] {
        let res = app
            .form(Some(&cookie), endpoint, &[("id", &other.id.to_string())])
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{endpoint}");
        assert!(!res.body.contains(&other.last_name));
    }
    let res = app
        .json(
            Some(&cookie),
            "profile/update",
            json!({ "id": other.id, "changes": [{ "field": "first_name", "value": "Gekaapt" }] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let still = job_seeker::Entity::find_by_id(other.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.first_name, other.first_name);
}

async fn writes_follow_the_policy(app: &TestApp) {
    let me = app.job_seekers_of("Vlaardingen").await[0].clone();
    let cookie = app.login(&app.login_email_of(&me).await).await;
    // A field the job seeker may write.
    let res = app
        .json(
            Some(&cookie),
            "profile/update",
            json!({ "id": me.id, "changes": [
            { "field": "interests", "value": "fietsen en koken" },
            { "field": "postal_code", "value": "3131ab" }
        ] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json()["postal_code"], "3131 AB");
    // Gemeente-only fields, by crafted request: refused, and nothing of the request written.
    for (field, value) in [
        ("client_number", json!("HACK-1")),
        ("target_banenafspraak", json!(true)),
    ] {
        let res = app
            .json(
                Some(&cookie),
                "profile/update",
                json!({ "id": me.id, "changes": [
                { "field": "first_name", "value": "Nieuw" },
                { "field": field, "value": value }
            ] }),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{field}");
        assert_eq!(res.code(), "field_not_writable");
        assert_eq!(res.json()["field"], field);
    }
    // A field nobody writes does not even exist as a change.
    let res = app
        .json(
            Some(&cookie),
            "profile/update",
            json!({ "id": me.id, "changes": [{ "field": "municipality", "value": 1 }] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let row = job_seeker::Entity::find_by_id(me.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.first_name, me.first_name, "no half-written update");
    assert_eq!(row.client_number, me.client_number);
    assert_eq!(row.target_banenafspraak, me.target_banenafspraak);
    assert_eq!(row.interests.as_deref(), Some("fietsen en koken"));

    // Bad input: a clear message for the field, nothing stored.
    let res = app
        .json(
            Some(&cookie),
            "profile/update",
            json!({ "id": me.id, "changes": [
            { "field": "interests", "value": "anders" },
            { "field": "motivation", "value": "mijn bsn is 111222333" }
        ] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json()["field"], "motivation");
    assert!(
        res.json()["message"]
            .as_str()
            .unwrap()
            .contains("burgerservicenummer")
    );
    let row = job_seeker::Entity::find_by_id(me.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.interests.as_deref(), Some("fietsen en koken"));

    // Staff of the gemeente may write the client number and target groups.
    let staff = app
        .login(&app.email_of_role("staff", Some("Vlaardingen")).await)
        .await;
    let res = app
        .json(
            Some(&staff),
            "profile/update",
            json!({ "id": me.id, "changes": [
            { "field": "client_number", "value": "VLD-777777" },
            { "field": "target_bbl", "value": true }
        ] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let row = job_seeker::Entity::find_by_id(me.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.client_number, "VLD-777777");
    assert!(row.target_bbl);

    // Employers write nothing.
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    let res = app
        .json(
            Some(&employer),
            "profile/update",
            json!({ "id": me.id, "changes": [{ "field": "first_name", "value": "X" }] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

async fn admin_sees_no_job_seeker_data(app: &TestApp) {
    let cookie = app.login(common::ADMIN_EMAIL).await;
    let res = app.form(Some(&cookie), "admin/regions", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("Rijnmond") && res.body.contains("Delft"));
    for js in app.all_job_seekers().await {
        for value in [&js.first_name, &js.last_name, &js.client_number] {
            assert!(
                !res.body.contains(value.as_str()),
                "{value} in admin overview"
            );
        }
    }
    let some = app.all_job_seekers().await[0].id.to_string();
    for (endpoint, args) in [
        ("job-seekers/list", vec![("q", ""), ("page", "0")]),
        ("job-seekers/get", vec![("id", some.as_str())]),
        ("candidates/get", vec![("id", some.as_str())]),
        ("profile/mine", vec![]),
        ("partner/profiles", vec![("page", "0")]),
    ] {
        let res = app.form(Some(&cookie), endpoint, &args).await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "{endpoint}: {}",
            res.body
        );
    }
    let res = app
        .json(Some(&cookie), "candidates/search", json!({ "filter": {} }))
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

async fn partner_sees_exactly_the_agreed_fields(app: &TestApp) {
    let cookie = app.login(&app.email_of_role("partner", None).await).await;
    let res = app
        .form(Some(&cookie), "partner/profiles", &[("page", "0")])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let v = res.json();
    let fields: BTreeSet<String> = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "target_bbl",
        "desired_work",
        "preferred_occupations",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(fields, expected);
    let rotterdam_active: BTreeSet<i32> = app
        .job_seekers_of("Rotterdam")
        .await
        .iter()
        .filter(|s| s.state == "active")
        .map(|s| s.id)
        .collect();
    let mut allowed_keys = expected.clone();
    allowed_keys.extend(["id".to_string(), "visible".to_string()]);
    let mut seen = BTreeSet::new();
    for item in v["items"].as_array().unwrap() {
        seen.insert(item["id"].as_i64().unwrap() as i32);
        for key in item.as_object().unwrap().keys() {
            assert!(allowed_keys.contains(key), "partner got {key}");
        }
    }
    assert_eq!(seen, rotterdam_active);
    for js in app.all_job_seekers().await {
        assert!(!v.to_string().contains(&js.client_number));
    }
}

/// A gemeente the administrator deactivates takes its job seekers out of every employer's
/// search and reads at once, and its partners lose access.
async fn job_seekers_of_a_deactivated_gemeente_are_invisible(app: &TestApp) {
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    let schiedam = app.municipality("Schiedam").await;
    let someone = app
        .job_seekers_of("Schiedam")
        .await
        .into_iter()
        .find(|j| j.state == "active")
        .expect("an active Schiedam job seeker");
    let (before, _) = all_candidates(app, &employer).await;
    let in_schiedam = |items: &[Value]| {
        items
            .iter()
            .filter(|i| i["municipality"] == "Schiedam")
            .count()
    };
    assert!(in_schiedam(&before) > 0);
    let admin = app.login(common::ADMIN_EMAIL).await;
    let res = app
        .form(
            Some(&admin),
            "admin/places/active",
            &[
                ("kind", "municipality"),
                ("id", &schiedam.id.to_string()),
                ("active", "false"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let (after, bodies) = all_candidates(app, &employer).await;
    assert_eq!(in_schiedam(&after), 0);
    assert_eq!(after.len(), before.len() - in_schiedam(&before));
    assert!(!bodies.contains(&someone.client_number));
    let res = app
        .form(
            Some(&employer),
            "candidates/get",
            &[("id", &someone.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

/// Dual consent (SPEC §10): a profile the consultant holds back is in no employer response, by
/// any channel, from the moment it is held back; the job seeker reads the reason; released, it
/// is back.
async fn held_back_profiles_appear_in_no_employer_response(app: &TestApp) {
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let bakery = app.login(&app.email_of_role("employer", None).await).await;
    let (fatima, fatima_cookie) = common::fatima(app).await;
    let id = fatima.id.to_string();
    let listed = |items: &[Value]| items.iter().any(|i| i["id"] == fatima.id);
    assert!(
        listed(&all_candidates(app, &bakery).await.0),
        "shown before"
    );

    // A reason is required: the job seeker reads it.
    let res = app
        .form(
            Some(&staff),
            "job-seekers/hold-back",
            &[("id", &id), ("reason", " ")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.json()["field"], "reason");
    assert!(
        listed(&all_candidates(app, &bakery).await.0),
        "nothing changed"
    );

    let reason = "Eerst een traject bij de gemeente.";
    let res = app
        .form(
            Some(&staff),
            "job-seekers/hold-back",
            &[("id", &id), ("reason", reason)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    // At once gone from every employer channel: the list, the profile, its photo, an
    // invitation, and every vacancy's matches.
    let (items, bodies) = all_candidates(app, &bakery).await;
    assert!(!listed(&items) && !items.is_empty());
    // Not even her name, anywhere in the list's bytes.
    assert!(!bodies.contains(&format!("\"first_name\":\"{}\"", fatima.first_name)));
    let res = app
        .form(Some(&bakery), "candidates/get", &[("id", &id)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    let res = app
        .get(Some(&bakery), &format!("/media/profile/{id}/photo"))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let mine = app.form(Some(&bakery), "vacancies/mine", &[]).await.json();
    let vacancies: Vec<String> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].to_string())
        .collect();
    assert!(!vacancies.is_empty());
    for v in &vacancies {
        let res = app
            .form(Some(&bakery), "vacancies/matches", &[("id", v)])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(
            !res.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["candidate"]["id"] == fatima.id),
            "matched while held back"
        );
        let res = app
            .form(
                Some(&bakery),
                "invitations/send",
                &[
                    ("vacancy_id", v),
                    ("job_seeker_id", &id),
                    ("message", "Hallo"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    }

    // She reads why; her gemeente sees it too; an employer never gets the field.
    let me = app
        .form(Some(&fatima_cookie), "profile/mine", &[])
        .await
        .json();
    assert_eq!(me["held_back"]["reason"], reason);
    let hers = app
        .form(Some(&staff), "job-seekers/get", &[("id", &id)])
        .await
        .json();
    assert_eq!(hers["held_back"]["reason"], reason);

    // Released: shown again, and both decisions are in her audit trail.
    let res = app
        .form(Some(&staff), "job-seekers/release", &[("id", &id)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(listed(&all_candidates(app, &bakery).await.0), "shown again");
    let opened = app
        .form(Some(&bakery), "candidates/get", &[("id", &id)])
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert!(opened.json()["candidate"].get("held_back").is_none());
    let me = app
        .form(Some(&fatima_cookie), "profile/mine", &[])
        .await
        .json();
    assert!(me.get("held_back").is_none());
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    for action in ["hold_back", "release"] {
        let n = entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Action.eq(action))
            .filter(entity::audit_log::Column::JobSeekerId.eq(fatima.id))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(n, 1, "{action}");
    }
}

/// Consultant notes (SPEC §3), a field of the policy: her gemeente writes and reads them, she
/// reads them in her overview and export, no employer or partner ever receives them.
async fn consultant_notes_follow_the_policy(app: &TestApp) {
    let staff_email = app.email_of_role("staff", Some("Rotterdam")).await;
    let staff = app.login(&staff_email).await;
    let (fatima, fatima_cookie) = common::fatima(app).await;
    let id = fatima.id.to_string();
    let note = |text: &'static str| {
        let (staff, id) = (staff.clone(), id.clone());
        async move {
            app.form(
                Some(&staff),
                "job-seekers/note",
                &[("id", &id), ("text", text)],
            )
            .await
        }
    };
    // The BSN guard of every free text: refused, nothing stored.
    let res = note("BSN 111222333 genoteerd").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.json()["field"], "consultant_notes");
    let text = "Gesprek gehad over een werkervaringsplaats bij een bakkerij.";
    let res = note(text).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    // Her gemeente reads it, dated and with its author.
    let hers = app
        .form(Some(&staff), "job-seekers/get", &[("id", &id)])
        .await
        .json();
    let notes = hers["consultant_notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{hers}");
    assert_eq!(notes[0]["text"], text);
    let author = app.principal(&staff_email).await.name;
    assert_eq!(notes[0]["author"], author.as_str());
    assert!(notes[0]["at"].is_string());
    // She reads it in her overview and her export.
    let mine = app
        .form(Some(&fatima_cookie), "profile/mine", &[])
        .await
        .json();
    assert_eq!(mine["consultant_notes"][0]["text"], text);
    let export = app
        .get(Some(&fatima_cookie), "/mijn-gegevens/export.json")
        .await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.body.contains(text), "not in the export");

    // No employer response carries it: not the list, not the opened profile.
    let bakery = app.login(&app.email_of_role("employer", None).await).await;
    let (_, bodies) = all_candidates(app, &bakery).await;
    assert!(!bodies.contains(text));
    let opened = app
        .form(Some(&bakery), "candidates/get", &[("id", &id)])
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert!(!opened.body.contains(text) && !opened.body.contains("consultant_notes"));
    // Nor the partner's, whatever an agreement could name.
    assert!(!policy::agreeable().contains(Field::ConsultantNotes));
    let partner = app.login(&app.email_of_role("partner", None).await).await;
    let shared = app
        .form(Some(&partner), "partner/profiles", &[("page", "0")])
        .await;
    assert_eq!(shared.status, StatusCode::OK);
    assert!(!shared.body.contains(text) && !shared.body.contains("consultant_notes"));

    // The change is in her audit trail, naming the field.
    use sea_orm::{ColumnTrait, QueryFilter};
    let entries = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("update"))
        .filter(entity::audit_log::Column::JobSeekerId.eq(fatima.id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        entries.iter().any(|e| e.fields == "consultant_notes"),
        "{entries:?}"
    );
}

on_both_databases!(
    job_seekers_of_a_deactivated_gemeente_are_invisible,
    consultant_notes_follow_the_policy,
    held_back_profiles_appear_in_no_employer_response,
    employer_response_lacks_hidden_fields,
    withdrawing_consent_hides_work_capacity_at_once,
    paused_job_seekers_are_invisible_to_employers,
    employers_never_see_other_regions,
    staff_see_only_their_own_gemeente,
    job_seeker_reads_only_own_profile,
    writes_follow_the_policy,
    admin_sees_no_job_seeker_data,
    partner_sees_exactly_the_agreed_fields,
);
