//! The employer's side over HTTP against a real database: vacancies, the candidate filter
//! (each criterion, and what may never be filtered or sorted on), explained matches,
//! invitations and saved searches with their daily digest.

use crate::common;
use crate::common::TestApp;
use chrono::{Duration, Utc};
use entity::{invitation, job_seeker, outbox, vacancy};
use http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, Set,
};
use serde_json::{Value, json};
use service::access::caller::Employer;
use std::collections::BTreeSet;

const BAKERY: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";
const LOGISTICS: &str = "h.koster@logistiek.hallowerk-demo.nl";

async fn ids(
    app: &TestApp,
    cookie: &str,
    filter: Value,
) -> Result<BTreeSet<i32>, common::Response> {
    let mut out = BTreeSet::new();
    let mut page = 0;
    loop {
        let mut f = filter.clone();
        f["page"] = json!(page);
        let res = app
            .json(Some(cookie), "candidates/search", json!({ "filter": f }))
            .await;
        if res.status != StatusCode::OK {
            return Err(res);
        }
        let v = res.json();
        out.extend(
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_i64().unwrap() as i32),
        );
        page += 1;
        if page >= v["pages"].as_u64().unwrap() {
            return Ok(out);
        }
    }
}

async fn active_in_region(app: &TestApp) -> Vec<job_seeker::Model> {
    let mut all = vec![];
    for g in ["Rotterdam", "Schiedam", "Vlaardingen"] {
        all.extend(
            app.job_seekers_of(g)
                .await
                .into_iter()
                .filter(|j| j.state == "active"),
        );
    }
    all
}

fn set_of(list: impl IntoIterator<Item = i32>) -> BTreeSet<i32> {
    list.into_iter().collect()
}

/// Keywords mean the same whether the in-process index answers (the employer's page) or SQL
/// does (saved searches, the index's fallback), on either database: words split at anything
/// but letters and digits, folded to lower case without accents, each keyword a prefix, no
/// stemming.
async fn keywords_fold_alike_in_the_index_and_in_sql(app: &TestApp) {
    use kernel::candidates::CandidateFilter;
    use service::search::filter::Search;
    let cookie = app.login(BAKERY).await;
    let p: Employer = app.caller(BAKERY).await;
    let active = active_in_region(app).await;
    let (a, b) = (&active[0], &active[1]);
    for (j, text) in [
        (a, "Crème brûlée bakken/koken; ÉÉN Łódź-reis, auto's"),
        (b, "werkt graag, WERKEN in de zorg"),
    ] {
        let mut row: job_seeker::ActiveModel = j.clone().into();
        row.interests = Set(Some(text.into()));
        row.update(&app.db).await.unwrap();
    }
    for (q, want) in [
        ("creme brulee", vec![a.id]),
        ("CRÈME", vec![a.id]),
        ("koken", vec![a.id]),
        ("bakken koken", vec![a.id]),
        ("een", vec![a.id]),
        ("łodz reis", vec![a.id]),
        ("łódź", vec![a.id]),
        ("auto s", vec![a.id]),
        ("werkt zorg", vec![b.id]),
        ("werken zorg", vec![b.id]),
        ("werk zorg", vec![b.id]),
        ("brulee zorg", vec![]),
        ("bakkenkoken", vec![]),
    ] {
        let indexed: BTreeSet<i32> = ids(app, &cookie, json!({ "q": q }))
            .await
            .unwrap()
            .into_iter()
            .filter(|id| *id == a.id || *id == b.id)
            .collect();
        assert_eq!(indexed, set_of(want.clone()), "index: {q}");
        let filter = CandidateFilter {
            q: q.into(),
            ..Default::default()
        };
        let by_sql: BTreeSet<i32> = Search::new(&app.db, &p, &filter)
            .await
            .unwrap()
            .sql_matches(&app.db, &p)
            .await
            .unwrap()
            .into_iter()
            .filter(|id| *id == a.id || *id == b.id)
            .collect();
        assert_eq!(by_sql, set_of(want), "SQL: {q}");
    }
}

async fn each_filter_narrows_to_exactly_the_right_candidates(app: &TestApp) {
    let cookie = app.login(BAKERY).await;
    let active = active_in_region(app).await;
    let everyone = set_of(active.iter().map(|j| j.id));
    assert_eq!(ids(app, &cookie, json!({})).await.unwrap(), everyone);

    // Keywords (full text, prefix while typing, diacritics folded).
    let target = &active[3];
    let mut row: job_seeker::ActiveModel = target.clone().into();
    row.interests = Set(Some("fietsen en zeilen op de Maas, café-cultuur".into()));
    row.update(&app.db).await.unwrap();
    assert_eq!(
        ids(app, &cookie, json!({ "q": "zeilen" })).await.unwrap(),
        set_of([target.id])
    );
    assert_eq!(
        ids(app, &cookie, json!({ "q": "zeil" })).await.unwrap(),
        set_of([target.id]),
        "prefix"
    );
    assert_eq!(
        ids(app, &cookie, json!({ "q": "cafe zeilen" }))
            .await
            .unwrap(),
        set_of([target.id]),
        "all words, diacritics"
    );
    assert!(
        ids(app, &cookie, json!({ "q": "zeilen xyzzy" }))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ids(app, &cookie, json!({ "q": "\" OR 1=1 --" }))
            .await
            .unwrap()
            .len(),
        0,
        "quotes and operators are not syntax"
    );

    // Target groups.
    let bbl = set_of(active.iter().filter(|j| j.target_bbl).map(|j| j.id));
    assert!(!bbl.is_empty());
    assert_eq!(
        ids(app, &cookie, json!({ "bbl": true })).await.unwrap(),
        bbl
    );
    let both = set_of(
        active
            .iter()
            .filter(|j| j.target_bbl && j.target_banenafspraak)
            .map(|j| j.id),
    );
    assert_eq!(
        ids(app, &cookie, json!({ "bbl": true, "banenafspraak": true }))
            .await
            .unwrap(),
        both
    );

    // Gemeenten.
    let schiedam = app.municipality("Schiedam").await.id;
    let in_schiedam = set_of(
        active
            .iter()
            .filter(|j| j.municipality_id == schiedam)
            .map(|j| j.id),
    );
    assert_eq!(
        ids(app, &cookie, json!({ "municipalities": [schiedam] }))
            .await
            .unwrap(),
        in_schiedam
    );

    // Occupations.
    let occ_of = entity::job_seeker_occupation::Entity::find()
        .filter(entity::job_seeker_occupation::Column::JobSeekerId.eq(target.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .occupation_id;
    let with_occ: BTreeSet<i32> = entity::job_seeker_occupation::Entity::find()
        .filter(entity::job_seeker_occupation::Column::OccupationId.eq(occ_of))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.job_seeker_id)
        .filter(|id| everyone.contains(id))
        .collect();
    assert!(with_occ.contains(&target.id));
    assert_eq!(
        ids(app, &cookie, json!({ "occupations": [occ_of] }))
            .await
            .unwrap(),
        with_occ
    );

    // Photo and video.
    let mut no_photo: job_seeker::ActiveModel = active[0].clone().into();
    no_photo.photo_key = Set(None);
    no_photo.update(&app.db).await.unwrap();
    let mut with_video: job_seeker::ActiveModel = active[1].clone().into();
    with_video.video_key = Set(Some("0".repeat(64)));
    with_video.update(&app.db).await.unwrap();
    let with_photo = ids(app, &cookie, json!({ "has_photo": true }))
        .await
        .unwrap();
    assert!(!with_photo.contains(&active[0].id) && with_photo.len() == everyone.len() - 1);
    assert_eq!(
        ids(app, &cookie, json!({ "has_video": true }))
            .await
            .unwrap(),
        set_of([active[1].id])
    );

    // Sorting by "last name" sorts by what a card shows of it, the initial, then the first
    // name: the order tells nothing the card does not. Checked against the rows.
    let last_names: std::collections::HashMap<i64, (String, String)> = app
        .all_job_seekers()
        .await
        .into_iter()
        .map(|j| {
            let initial = j
                .last_name
                .chars()
                .next()
                .unwrap()
                .to_uppercase()
                .to_string();
            (i64::from(j.id), (initial, j.first_name))
        })
        .collect();
    let res = app
        .json(
            Some(&cookie),
            "candidates/search",
            json!({ "filter": { "sort": "last_name" } }),
        )
        .await
        .json();
    let names: Vec<(String, String)> = res["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| last_names[&i["id"].as_i64().unwrap()].clone())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Sorted by name with few matches (found unordered, then sorted): every match, in order.
    let mut all = vec![];
    let mut page = 0;
    loop {
        let res = app
            .json(
                Some(&cookie),
                "candidates/search",
                json!({ "filter": { "sort": "last_name", "bbl": true, "page": page } }),
            )
            .await
            .json();
        all.extend(res["items"].as_array().unwrap().iter().map(|i| {
            let id = i["id"].as_i64().unwrap();
            (last_names[&id].clone(), id as i32)
        }));
        page += 1;
        if page >= res["pages"].as_u64().unwrap() {
            break;
        }
    }
    let ids_seen: BTreeSet<i32> = all.iter().map(|(_, id)| *id).collect();
    assert_eq!(ids_seen, bbl);
    // Ties (same initial and first name) by id, not by the hidden rest of the name.
    assert!(all.windows(2).all(|w| w[0] <= w[1]), "{all:?}");
}

async fn physical_fit_uses_only_consenting_candidates(app: &TestApp) {
    let cookie = app.login(LOGISTICS).await;
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Orderpicker"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let expected: BTreeSet<i32> = active_in_region(app)
        .await
        .into_iter()
        .filter(|j| {
            j.work_capacity_consent
                && [
                    (j.wc_sitting, v.pd_sitting),
                    (j.wc_standing, v.pd_standing),
                    (j.wc_walking, v.pd_walking),
                    (j.wc_bending, v.pd_bending),
                    (j.wc_lifting, v.pd_lifting),
                ]
                .iter()
                .all(|(cap, demand)| *demand == 0 || cap.unwrap_or(0) >= *demand)
                && i32::from(j.wc_hours_per_day.unwrap_or(0)) * 5 >= i32::from(v.hours_per_week)
        })
        .map(|j| j.id)
        .collect();
    let got = ids(app, &cookie, json!({ "fit_vacancy": v.id }))
        .await
        .unwrap();
    assert_eq!(got, expected);
    // Someone who fits but withdraws consent disappears from the result at once.
    if let Some(first) = got.iter().next() {
        let j = job_seeker::Entity::find_by_id(*first)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut row: job_seeker::ActiveModel = j.into();
        row.work_capacity_consent = Set(false);
        row.update(&app.db).await.unwrap();
        assert!(
            !ids(app, &cookie, json!({ "fit_vacancy": v.id }))
                .await
                .unwrap()
                .contains(first)
        );
    }
    // Another organisation's vacancy cannot be used.
    let bakery = app.login(BAKERY).await;
    let err = ids(app, &bakery, json!({ "fit_vacancy": v.id }))
        .await
        .unwrap_err();
    assert_eq!(err.status, StatusCode::NOT_FOUND);
}

async fn filters_and_sorts_on_hidden_fields_are_refused(app: &TestApp) {
    let cookie = app.login(BAKERY).await;
    for field in ["birth_date", "client_number", "gender", "postal_code"] {
        let res = app
            .json(
                Some(&cookie),
                "candidates/search",
                json!({ "filter": { "sort": field } }),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "field_not_readable".to_string()),
            "sort {field}"
        );
        assert_eq!(res.json()["field"], field);
    }
    for crafted in [
        json!({ "birth_date_before": "1990-01-01" }),
        json!({ "gender": "vrouw" }),
        json!({ "postal_code": "3011" }),
        json!({ "work_capacity": { "lifting": 3 } }),
    ] {
        let res = app
            .json(
                Some(&cookie),
                "candidates/search",
                json!({ "filter": crafted }),
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{crafted}");
    }
    let res = app
        .json(
            Some(&cookie),
            "candidates/search",
            json!({ "filter": { "sort": "interests" } }),
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::BAD_REQUEST,
        "readable but not sortable"
    );
}

async fn vacancies_belong_to_their_organisation(app: &TestApp) {
    let bakery = app.login(BAKERY).await;
    let logistics = app.login(LOGISTICS).await;
    let occupation = entity::occupation::Entity::find()
        .filter(entity::occupation::Column::Name.eq("Bakker"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let schiedam = app.municipality("Schiedam").await.id;
    let delft = app.municipality("Delft").await.id;
    let form = |title: &str, municipality: i32| {
        json!({ "vacancy": { "id": null, "title": title, "description": "Brood bakken in de nacht.", "occupation_id": occupation.id,
            "municipality_id": municipality, "hours_per_week": 32, "demands": [0, 3, 1, 2, 2],
            "suits": { "banenafspraak": true, "praktijkroute": false, "bbl": true, "ondernemer": false } } })
    };
    let res = app
        .json(Some(&bakery), "vacancies/save", form("B", schiedam))
        .await;
    assert_eq!(res.json()["field"], "title");
    let res = app
        .json(Some(&bakery), "vacancies/save", form("Nachtbakker", delft))
        .await;
    assert_eq!(
        res.json()["field"],
        "municipality_id",
        "a gemeente outside the region"
    );
    let res = app
        .json(
            Some(&bakery),
            "vacancies/save",
            form("Nachtbakker", schiedam),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let id = res.json().as_i64().unwrap() as i32;
    let v = vacancy::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (v.status.as_str(), v.pd_standing, v.suits_bbl),
        ("draft", 3, true)
    );
    assert_eq!(
        app.form(
            Some(&bakery),
            "vacancies/status",
            &[("id", &id.to_string()), ("status", "open")]
        )
        .await
        .status,
        StatusCode::OK
    );

    // Another organisation can neither read, edit, open/close, match nor invite with it.
    let sid = id.to_string();
    assert_eq!(
        app.form(Some(&logistics), "vacancies/get", &[("id", &sid)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut edit = form("Overgenomen", schiedam);
    edit["vacancy"]["id"] = json!(id);
    assert_eq!(
        app.json(Some(&logistics), "vacancies/save", edit)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.form(
            Some(&logistics),
            "vacancies/status",
            &[("id", &sid), ("status", "closed")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.form(Some(&logistics), "vacancies/matches", &[("id", &sid)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let someone = active_in_region(app).await[0].id.to_string();
    assert_eq!(
        app.form(
            Some(&logistics),
            "invitations/send",
            &[
                ("vacancy_id", &sid),
                ("job_seeker_id", &someone),
                ("message", "")
            ]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let v = vacancy::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (v.title.as_str(), v.status.as_str()),
        ("Nachtbakker", "open")
    );
    // Staff of the region read it; staff of another region do not.
    let staff = app
        .login(&app.email_of_role("staff", Some("Vlaardingen")).await)
        .await;
    assert_eq!(
        app.form(Some(&staff), "vacancies/get", &[("id", &sid)])
            .await
            .json()["title"],
        "Nachtbakker"
    );
    let delft_staff = app.login("staff@delft.test.nl").await;
    assert_eq!(
        app.form(Some(&delft_staff), "vacancies/get", &[("id", &sid)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let list = app.form(Some(&bakery), "vacancies/mine", &[]).await.json();
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["title"] != "Orderpicker"),
        "only the own organisation's"
    );
}

async fn matches_explain_themselves_without_hidden_data(app: &TestApp) {
    let cookie = app.login(LOGISTICS).await;
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Orderpicker"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = app
        .form(
            Some(&cookie),
            "vacancies/matches",
            &[("id", &v.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let m = res.json();
    assert!(
        m["order"]
            .as_str()
            .unwrap()
            .contains("aantal passende criteria")
    );
    let items = m["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let counts: Vec<usize> = items
        .iter()
        .map(|i| {
            i["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["met"] == true)
                .count()
        })
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "ordered by criteria met: {counts:?}"
    );
    for i in items {
        let cand = &i["candidate"];
        for hidden in ["client_number", "birth_date", "postal_code", "gender"] {
            assert!(cand.get(hidden).is_none());
        }
        let id = cand["id"].as_i64().unwrap() as i32;
        let j = job_seeker::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mentions_capacity = i["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["text"].as_str().unwrap().contains("belastbaar"));
        assert_eq!(
            mentions_capacity, j.work_capacity_consent,
            "work capacity is used only with consent ({id})"
        );
    }
}

async fn invitations_reach_the_job_seeker_and_the_gemeente(app: &TestApp) {
    let cookie = app.login(LOGISTICS).await;
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Heftruckchauffeur"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (fatima, js) = common::fatima_records(app).await;
    let args = |msg: &'static str| {
        [
            ("vacancy_id", v.id.to_string()),
            ("job_seeker_id", js.id.to_string()),
            ("message", msg.to_string()),
        ]
    };
    let a = args("Zin in een kennismaking?");
    let refs: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.form(Some(&cookie), "invitations/send", &refs).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let again = app.form(Some(&cookie), "invitations/send", &refs).await;
    assert_eq!(
        again.status,
        StatusCode::BAD_REQUEST,
        "one invitation per vacancy and candidate"
    );
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(fatima.email.clone()))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mail.kind, "invitation");
    assert!(
        mail.body_text.contains("Heftruckchauffeur")
            && mail.body_text.contains("Logistiek Rijnmond BV")
    );

    let me = app.login(&fatima.email).await;
    let mine = app.form(Some(&me), "my-vacancies", &[]).await.json();
    assert_eq!(
        mine["invitations"]["items"][0]["message"],
        "Zin in een kennismaking?"
    );
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let seen = app
        .form(
            Some(&staff),
            "job-seekers/invitations",
            &[("id", &js.id.to_string())],
        )
        .await
        .json();
    assert_eq!(seen[0]["vacancy_title"], "Heftruckchauffeur");
    let listed = app
        .form(Some(&cookie), "invitations/mine", &[])
        .await
        .json();
    assert_eq!(
        listed["items"][0]["candidate"],
        format!("{} {}", js.first_name, js.last_name)
    );

    // Withdraw while unanswered; then the job seeker can no longer answer.
    let inv = invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.eq(js.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        app.form(
            Some(&cookie),
            "invitations/withdraw",
            &[("id", &inv.id.to_string())]
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        app.form(
            Some(&me),
            "my-vacancies/respond",
            &[("id", &inv.id.to_string()), ("accept", "true")]
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    // Paused candidates and closed vacancies: no invitations.
    let paused = app
        .all_job_seekers()
        .await
        .into_iter()
        .find(|j| j.state == "paused")
        .unwrap();
    let res = app
        .form(
            Some(&cookie),
            "invitations/send",
            &[
                ("vacancy_id", &v.id.to_string()),
                ("job_seeker_id", &paused.id.to_string()),
                ("message", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    app.form(
        Some(&cookie),
        "vacancies/status",
        &[("id", &v.id.to_string()), ("status", "closed")],
    )
    .await;
    let other = active_in_region(app)
        .await
        .into_iter()
        .find(|j| j.id != js.id)
        .unwrap();
    let res = app
        .form(
            Some(&cookie),
            "invitations/send",
            &[
                ("vacancy_id", &v.id.to_string()),
                ("job_seeker_id", &other.id.to_string()),
                ("message", ""),
            ],
        )
        .await;
    assert_eq!(res.json()["field"], "vacancy_id");
}

async fn saved_searches_send_a_daily_digest_of_new_candidates(app: &TestApp) {
    let cookie = app.login(BAKERY).await;
    let res = app.json(Some(&cookie), "saved-searches/save", json!({ "name": "Bakkers met BBL", "filter": { "bbl": true, "sort": "birth_date" }, "daily_digest": true })).await;
    assert_eq!(
        res.status,
        StatusCode::FORBIDDEN,
        "a saved search obeys the same rules"
    );
    let res = app
        .json(
            Some(&cookie),
            "saved-searches/save",
            json!({ "name": "BBL", "filter": { "bbl": true }, "daily_digest": true }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        app.form(Some(&cookie), "saved-searches/list", &[])
            .await
            .json()[0]["name"],
        "BBL"
    );

    // A new BBL candidate joins (created by staff, target group set by staff).
    let staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let id = app
        .form(
            Some(&staff),
            "job-seekers/create",
            &[
                ("client_number", "SDM-777"),
                ("first_name", "Noor"),
                ("last_name", "Digest"),
                ("email", "noor@voorbeeld.nl"),
            ],
        )
        .await
        .json()
        .as_i64()
        .unwrap();
    app.json(Some(&staff), "profile/update", json!({ "id": id, "changes": [{ "field": "target_bbl", "value": true }, { "field": "birth_date", "value": "1999-04-01" }, { "field": "postal_code", "value": "3111 AB" }] })).await;
    // A second one, whom her consultant holds back (dual consent): in no mail either.
    let held = app
        .form(
            Some(&staff),
            "job-seekers/create",
            &[
                ("client_number", "SDM-778"),
                ("first_name", "Sam"),
                ("last_name", "Apart"),
                ("email", "sam@voorbeeld.nl"),
            ],
        )
        .await
        .json()
        .as_i64()
        .unwrap();
    app.json(
        Some(&staff),
        "profile/update",
        json!({ "id": held, "changes": [{ "field": "target_bbl", "value": true }] }),
    )
    .await;
    let res = app
        .form(
            Some(&staff),
            "job-seekers/hold-back",
            &[("id", &held.to_string()), ("reason", "Eerst een traject.")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let now = Utc::now() + Duration::seconds(1);
    let sent =
        service::employer::saved_searches::send_digests(&app.db, now, "https://hallowerk.example")
            .await
            .unwrap();
    assert_eq!(sent, 1);
    let mail = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("saved_search_digest"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mail.to_address, BAKERY);
    // A list: the card's name, first name and initial.
    assert!(mail.body_text.contains("Noor D."), "{}", mail.body_text);
    for hidden in [
        "Sam A.",
        "SDM-777",
        "1999",
        "3111",
        "Noor Digest",
        "noor@voorbeeld.nl",
    ] {
        assert!(
            !mail.body_text.contains(hidden) && !mail.body_html.contains(hidden),
            "{hidden} in digest"
        );
    }
    assert!(
        mail.body_text
            .contains("https://hallowerk.example/kandidaten?bbl=1")
    );
    // Not again the same day.
    assert_eq!(
        service::employer::saved_searches::send_digests(&app.db, now + Duration::hours(2), "x")
            .await
            .unwrap(),
        0
    );
    // Another employer of the same organisation cannot delete it.
    let saved_id = app
        .form(Some(&cookie), "saved-searches/list", &[])
        .await
        .json()[0]["id"]
        .to_string();
    let logistics = app.login(LOGISTICS).await;
    assert_eq!(
        app.form(
            Some(&logistics),
            "saved-searches/delete",
            &[("id", &saved_id)]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

/// Each saved search may mail a digest every day: an employer user keeps a bounded number.
async fn saved_searches_are_capped_per_user(app: &TestApp) {
    let cookie = app.login(BAKERY).await;
    let max = service::employer::saved_searches::MAX_SAVED_SEARCHES;
    let save = |i: u64| {
        let cookie = cookie.clone();
        async move {
            app.json(
                Some(&cookie),
                "saved-searches/save",
                json!({ "name": format!("Zoekopdracht {i}"), "filter": { "bbl": true }, "daily_digest": true }),
            )
            .await
        }
    };
    for i in 0..max {
        let res = save(i).await;
        assert_eq!(res.status, StatusCode::OK, "{i}: {}", res.body);
    }
    let res = save(max).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.code(), "invalid");
    assert!(res.body.contains("maximum"), "{}", res.body);
    let list = app.form(Some(&cookie), "saved-searches/list", &[]).await;
    assert_eq!(list.json().as_array().unwrap().len() as u64, max);
    // The cap is per user: another employer still saves.
    let other = app.login(LOGISTICS).await;
    let res = app
        .json(
            Some(&other),
            "saved-searches/save",
            json!({ "name": "Eigen", "filter": { "bbl": true }, "daily_digest": false }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// "Count, then insert" caps hold when the requests come at the same moment, on PostgreSQL
/// too (where each request would not see the others' uncommitted rows): with room for one more
/// saved search and one more vacancy, of ten saves sent at once exactly one succeeds.
async fn caps_hold_under_requests_sent_at_once(app: &TestApp) {
    let cookie = app.login(BAKERY).await;
    let max = service::employer::saved_searches::MAX_SAVED_SEARCHES;
    for i in 0..max - 1 {
        let res = app
            .json(
                Some(&cookie),
                "saved-searches/save",
                json!({ "name": format!("Zoekopdracht {i}"), "filter": { "bbl": true }, "daily_digest": false }),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{i}: {}", res.body);
    }
    let at_once = |endpoint: &'static str, args: Vec<serde_json::Value>| {
        let requests = args
            .into_iter()
            .map(|a| (app.client, common::json_request(Some(&cookie), endpoint, a)))
            .collect();
        app.all_at_once(requests)
    };
    let answers = at_once(
        "saved-searches/save",
        (0..10)
            .map(|i| json!({ "name": format!("Tegelijk {i}"), "filter": { "bbl": true }, "daily_digest": false }))
            .collect(),
    )
    .await;
    let saved = answers
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    assert_eq!(
        saved,
        1,
        "{:?}",
        answers.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert!(
        answers
            .iter()
            .all(|r| r.status == StatusCode::OK || r.code() == "invalid")
    );
    let list = app.form(Some(&cookie), "saved-searches/list", &[]).await;
    assert_eq!(list.json().as_array().unwrap().len() as u64, max);

    let limit = kernel::views::vacancies::MAX_UNCLOSED;
    let employer = app.user(BAKERY).await.unwrap().employer_id;
    let model = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.eq(employer))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the bakery has a vacancy");
    let unclosed = || async {
        vacancy::Entity::find()
            .filter(vacancy::Column::EmployerId.eq(model.employer_id))
            .filter(vacancy::Column::Status.ne("closed"))
            .count(&app.db)
            .await
            .unwrap()
    };
    for i in unclosed().await..limit - 1 {
        let mut row: vacancy::ActiveModel = model.clone().into();
        row.id = NotSet;
        row.title = Set(format!("Vacature {i:03}"));
        row.status = Set("draft".into());
        row.insert(&app.db).await.unwrap();
    }
    let form = |i: usize| {
        json!({ "vacancy": { "id": null, "title": format!("Tegelijk {i}"), "description": "Brood bakken.", "occupation_id": model.occupation_id,
            "municipality_id": model.municipality_id, "hours_per_week": 32, "demands": [0, 0, 0, 0, 0],
            "suits": { "banenafspraak": true, "praktijkroute": false, "bbl": false, "ondernemer": false } } })
    };
    let answers = at_once("vacancies/save", (0..10).map(form).collect()).await;
    let made = answers
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    assert_eq!(
        made,
        1,
        "{:?}",
        answers.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert_eq!(unclosed().await, limit);
}

/// An organisation has at most `MAX_UNCLOSED` draft or open vacancies (new ones and reopened
/// ones are refused beyond it, so the choice of vacancy when inviting stays bounded), and its
/// vacancy list is read 25 at a time, draft and open ones first.
async fn vacancies_are_capped_and_paged(app: &TestApp) {
    let bakery = app.login(BAKERY).await;
    let max = kernel::views::vacancies::MAX_UNCLOSED;
    // Any vacancy of the bakery serves as the model of the ones filling it up.
    let employer = entity::app_user::Entity::find()
        .filter(entity::app_user::Column::Email.eq(BAKERY))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .employer_id;
    let model = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.eq(employer))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the bakery has a vacancy");
    let unclosed = || async {
        vacancy::Entity::find()
            .filter(vacancy::Column::EmployerId.eq(model.employer_id))
            .filter(vacancy::Column::Status.ne("closed"))
            .count(&app.db)
            .await
            .unwrap()
    };
    // Fill up to the cap directly in the database, as drafts.
    for i in unclosed().await..max {
        let mut row: vacancy::ActiveModel = model.clone().into();
        row.id = NotSet;
        row.title = Set(format!("Vacature {i:03}"));
        row.status = Set("draft".into());
        row.insert(&app.db).await.unwrap();
    }
    assert_eq!(unclosed().await, max);
    let form = json!({ "vacancy": { "id": null, "title": "Nog een", "description": "Brood bakken.", "occupation_id": model.occupation_id,
        "municipality_id": model.municipality_id, "hours_per_week": 32, "demands": [0, 0, 0, 0, 0],
        "suits": { "banenafspraak": true, "praktijkroute": false, "bbl": false, "ondernemer": false } } });
    let res = app
        .json(Some(&bakery), "vacancies/save", form.clone())
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.code(), "invalid");
    assert!(res.body.contains("Sluit er een"), "{}", res.body);
    assert_eq!(unclosed().await, max, "nothing written");
    // Closing one makes room; reopening a closed one while full is refused too.
    let first = app.form(Some(&bakery), "vacancies/mine", &[]).await.json();
    let total = first["total"].as_u64().unwrap();
    assert!(total >= max);
    assert_eq!(first["items"].as_array().unwrap().len(), 25);
    let id = first["items"][0]["id"].to_string();
    let res = app
        .form(
            Some(&bakery),
            "vacancies/status",
            &[("id", &id), ("status", "closed")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = app.json(Some(&bakery), "vacancies/save", form).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = app
        .form(
            Some(&bakery),
            "vacancies/status",
            &[("id", &id), ("status", "open")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(
        vacancy::Entity::find_by_id(id.parse::<i32>().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .status,
        "closed"
    );
    // The list: every vacancy once over the pages, closed ones last.
    let mut seen = Vec::new();
    let mut statuses = Vec::new();
    assert_eq!(first["pages"].as_u64(), Some(total.div_ceil(25)));
    let now = app.form(Some(&bakery), "vacancies/mine", &[]).await.json();
    assert_eq!(now["total"].as_u64(), Some(total + 1));
    let pages = now["pages"].as_u64().unwrap();
    assert_eq!(pages, (total + 1).div_ceil(25));
    for page in 0..pages {
        let res = app
            .form(
                Some(&bakery),
                "vacancies/mine",
                &[("page", &page.to_string())],
            )
            .await
            .json();
        for v in res["items"].as_array().unwrap() {
            seen.push(v["id"].as_i64().unwrap());
            statuses.push(v["status"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(seen.len() as u64, total + 1);
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len() as u64, total + 1, "no vacancy twice");
    let first_closed = statuses.iter().position(|s| s == "closed").unwrap();
    assert!(
        statuses[first_closed..].iter().all(|s| s == "closed"),
        "closed ones last"
    );
    // The invitation choice holds the open ones only, bounded.
    let open = app.form(Some(&bakery), "vacancies/open", &[]).await.json();
    let open = open.as_array().unwrap();
    assert!(open.len() as u64 <= max);
    assert!(open.iter().all(|v| v["status"] == "open"));
}

/// With many job seekers a common keyword takes another query plan (walk the list, check the
/// matches) than a rare one; the result must be the same as a plain scan says. The employer's
/// page is answered by the candidate index, which never builds that plan: it is the SQL path
/// (a saved search's digest, the index's fallback), so that path is run and its plan checked.
async fn common_keywords_give_the_same_result_as_a_plain_scan(app: &TestApp) {
    use kernel::candidates::CandidateFilter;
    use sea_orm::sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};
    use sea_orm::{DbBackend, QueryTrait};
    use service::search::filter::{COMMON_KEYWORD, Search};
    // Only the common-word plan tests the id of every row (`dialect::row_test`: `id + 0`).
    const COMMON_PLAN: &str = r#""job_seeker"."id" + 0 IN (SELECT "rowid" FROM "job_seeker_fts""#;
    const RARE_PLAN: &str = r#""job_seeker"."id" IN (SELECT "rowid" FROM "job_seeker_fts""#;
    server::demo::generate::generate(&app.db, 16_000, 0, 3, false)
        .await
        .unwrap();
    let cookie = app.login(BAKERY).await;
    let mut places = vec![];
    for g in ["Rotterdam", "Schiedam", "Vlaardingen"] {
        places.push(app.municipality(g).await.id);
    }
    let has_word = |j: &job_seeker::Model| {
        [&j.interests, &j.talents, &j.motivation, &j.desired_work]
            .iter()
            .filter_map(|t| t.as_deref())
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .any(|w| w.to_lowercase().starts_with("kok"))
    };
    let everyone = app.all_job_seekers().await;
    let all_matches = everyone.iter().filter(|j| has_word(j)).count() as u64;
    assert!(
        all_matches > service::search::filter::COMMON_KEYWORD,
        "common enough for the other plan: {all_matches}"
    );
    let mut expected: Vec<job_seeker::Model> = everyone
        .into_iter()
        .filter(|j| j.state == "active" && places.contains(&j.municipality_id))
        .filter(|j| {
            [&j.interests, &j.talents, &j.motivation, &j.desired_work]
                .iter()
                .filter_map(|t| t.as_deref())
                .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
                .any(|w| w.to_lowercase().starts_with("kok"))
        })
        .collect();

    expected.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
    let res = app
        .json(
            Some(&cookie),
            "candidates/search",
            json!({ "filter": { "q": "kok" } }),
        )
        .await
        .json();
    let got: Vec<i64> = res["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    let want: Vec<i64> = expected.iter().take(20).map(|j| i64::from(j.id)).collect();
    assert_eq!(got, want);
    assert_eq!(res["total"], expected.len().min(1000));
    assert_eq!(res["more"], expected.len() > 1000);
    // Page 3 as well.
    let res = app
        .json(
            Some(&cookie),
            "candidates/search",
            json!({ "filter": { "q": "kok", "page": 2 } }),
        )
        .await
        .json();
    let got: Vec<i64> = res["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    let want: Vec<i64> = expected
        .iter()
        .skip(40)
        .take(20)
        .map(|j| i64::from(j.id))
        .collect();
    assert_eq!(got, want);

    // The SQL path: the keyword condition, whose plan depends on how common the words are.
    let p: Employer = app.caller(BAKERY).await;
    let filter = |q: &str| CandidateFilter {
        q: q.into(),
        ..Default::default()
    };
    let backend = app.db.get_database_backend();
    let sql_of = |select: sea_orm::Select<job_seeker::Entity>| match backend {
        DbBackend::Postgres => select.into_query().to_string(PostgresQueryBuilder),
        _ => select.into_query().to_string(SqliteQueryBuilder),
    };
    let common = sql_of(
        service::search::filter::query(&app.db, &p, &filter("kok"))
            .await
            .unwrap(),
    );
    if backend == DbBackend::Sqlite {
        // Common by the count the plan choice itself makes (the full-text index, capped).
        let query = service::foundation::dialect::text_query(backend, "kok").unwrap();
        let count =
            service::foundation::dialect::text_match_count(&app.db, query, COMMON_KEYWORD + 1)
                .await
                .unwrap();
        assert!(
            u64::try_from(count).unwrap() > COMMON_KEYWORD,
            "the full-text index finds {count}"
        );
        assert!(
            common.contains(COMMON_PLAN),
            "not the common-word plan: {common}"
        );
        // And a rare word does not take it.
        let rare = sql_of(
            service::search::filter::query(&app.db, &p, &filter("zzzgeenwoord"))
                .await
                .unwrap(),
        );
        assert!(
            rare.contains(RARE_PLAN) && !rare.contains(COMMON_PLAN),
            "not the rare-word plan: {rare}"
        );
    } else {
        // PostgreSQL has one plan for every word.
        assert!(
            common.contains("@@ to_tsquery('simple', 'kok:*')"),
            "{common}"
        );
    }
    // That plan finds what the plain scan finds, in the list's order (capped as the page is).
    let sql = Search::new(&app.db, &p, &filter("kok"))
        .await
        .unwrap()
        .sql_matches(&app.db, &p)
        .await
        .unwrap();
    let want: Vec<i32> = expected.iter().take(1001).map(|j| j.id).collect();
    assert_eq!(sql, want);
}

/// The benchmark generator gives its vacancies to organisations of its own, a few each, and
/// leaves the demo organisations (and the id sequences) fit for normal use.
async fn generated_vacancies_belong_to_generated_organisations(app: &TestApp) {
    use sea_orm::PaginatorTrait;
    let demo_ids: Vec<i32> = entity::employer::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    let demo_vacancies = vacancy::Entity::find().count(&app.db).await.unwrap();
    server::demo::generate::generate(&app.db, 50, 45, 5, false)
        .await
        .unwrap();
    let employers = entity::employer::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(
        employers.len(),
        demo_ids.len() + 5,
        "45 vacancies, ten per organisation"
    );
    let vacancies = vacancy::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(vacancies.len() as u64, demo_vacancies + 45);
    let of_demo = vacancies
        .iter()
        .filter(|v| demo_ids.contains(&v.employer_id))
        .count();
    assert_eq!(
        of_demo as u64, demo_vacancies,
        "no generated vacancy for a demo organisation"
    );
    for v in &vacancies {
        let e = employers
            .iter()
            .find(|e| e.id == v.employer_id)
            .expect("its organisation");
        let m = entity::municipality::Entity::find_by_id(v.municipality_id)
            .one(&app.db)
            .await
            .unwrap()
            .expect("gemeente");
        assert_eq!(
            m.region_id, e.region_id,
            "a vacancy lies in its organisation's region"
        );
    }
    // The id sequences moved past the generated rows (PostgreSQL): a new organisation fits.
    entity::employer::ActiveModel {
        region_id: Set(employers[0].region_id),
        name: Set("Na het genereren".into()),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("insert after generating");
}

/// The in-process candidate index finds exactly the matches SQL finds, for the benchmark's
/// mix of filters, and keeps doing so after writes made behind its back (straight to the
/// database, as another server instance would): a pause, a rename, a photo removed, consent
/// withdrawn, texts rewritten (one twice), a new job seeker, an erasure.
async fn the_candidate_index_agrees_with_sql_through_every_write(app: &TestApp) {
    use kernel::candidates::CandidateFilter;
    use service::foundation::candidate_index::{CandidateIndex, Order};
    use service::search::filter::Search;
    server::demo::generate::generate(&app.db, 3000, 40, 7, false)
        .await
        .unwrap();
    let p: Employer = app.caller(BAKERY).await;
    let (employer_id, region_id) = (p.employer_id, p.region_id);
    // Words of the generator's own texts here, so that most filters find someone: this test
    // is about agreement, not speed.
    let words = server::demo::fake::INTERESTS
        .iter()
        .chain(server::demo::fake::DESIRED_WORK)
        .chain(server::demo::fake::TALENTS)
        .flat_map(|s| s.split_whitespace())
        .filter(|w| w.chars().count() >= 4)
        .map(String::from)
        .collect();
    let mix = server::demo::bench::Mix::of_employer(&app.db, employer_id, region_id, words).await;
    let mut filters = server::demo::bench::filter_mix(7, 150, &mix);
    for sort in ["last_name", "first_name"] {
        filters.push(CandidateFilter {
            sort: Some(sort.into()),
            ..Default::default()
        });
    }
    filters.push(CandidateFilter::default());
    // Rebuilds start at once here (in production at most one per 30 s).
    let index = std::sync::Arc::new(CandidateIndex::new(std::time::Duration::ZERO));
    let everyone = Search::new(&app.db, &p, &CandidateFilter::default())
        .await
        .unwrap()
        .index_criteria(&app.db, &p)
        .await
        .unwrap()
        .expect("an employer has a reach");
    assert!(
        index
            .matches(&app.db, &everyone, 10, None)
            .await
            .unwrap()
            .is_none(),
        "not built yet: the search goes to SQL and the index is built beside it"
    );
    index.settled().await;
    let agree = |stage: &'static str| {
        let (index, p, filters) = (&index, &p, &filters);
        async move {
            let mut nonempty = 0;
            for f in filters {
                let search = Search::new(&app.db, p, f).await.unwrap();
                let c = search
                    .index_criteria(&app.db, p)
                    .await
                    .unwrap()
                    .expect("an employer has a reach");
                let got = match index.matches(&app.db, &c, 1001, None).await.unwrap() {
                    Some(got) => got,
                    None => {
                        // Only a name order waits for a new base (someone new or renamed).
                        assert_ne!(c.order, Order::Recent, "{stage}: {f:?}");
                        index.settled().await;
                        index
                            .matches(&app.db, &c, 1001, None)
                            .await
                            .unwrap()
                            .expect("answered once the new base is in")
                    }
                };
                let want = search.sql_matches(&app.db, p).await.unwrap();
                assert_eq!(got, want, "{stage}: {f:?}");
                nonempty += usize::from(!want.is_empty());
            }
            assert!(
                nonempty > filters.len() / 2,
                "{stage}: most filters match someone"
            );
        }
    };
    agree("built").await;

    // The first of the list by name and by date, changed straight in the database.
    let first = Search::new(&app.db, &p, &CandidateFilter::default())
        .await
        .unwrap()
        .sql_matches(&app.db, &p)
        .await
        .unwrap();
    let rows = |i: usize| {
        let id = first[i];
        async move {
            job_seeker::Entity::find_by_id(id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let mut paused: job_seeker::ActiveModel = rows(0).await.into();
    paused.state = Set("paused".into());
    paused.clone().update(&app.db).await.unwrap();
    let mut renamed: job_seeker::ActiveModel = rows(1).await.into();
    renamed.last_name = Set("Aaaberg".into());
    renamed.update(&app.db).await.unwrap();
    let mut no_photo: job_seeker::ActiveModel = rows(2).await.into();
    no_photo.photo_key = Set(None);
    no_photo.update(&app.db).await.unwrap();
    let mut withdrawn: job_seeker::ActiveModel = rows(3).await.into();
    withdrawn.work_capacity_consent = Set(false);
    withdrawn.update(&app.db).await.unwrap();
    // Texts: the mix's keywords are the generator's words, so these move people in and out.
    let mut rewritten: job_seeker::ActiveModel = rows(5).await.into();
    rewritten.interests = Set(Some("zeilen en roeien".into()));
    rewritten.motivation = Set(None);
    rewritten.desired_work = Set(Some("techniek".into()));
    rewritten.update(&app.db).await.unwrap();
    let mut twice: job_seeker::ActiveModel = rows(6).await.into();
    twice.talents = Set(Some("nauwkeurig".into()));
    twice.clone().update(&app.db).await.unwrap();
    agree("after updates").await;
    twice.talents = Set(Some("creatief, zorgzaam".into()));
    twice.interests = Set(Some("koken en bakken".into()));
    twice.update(&app.db).await.unwrap();
    agree("after a second text edit").await;

    let erased = rows(4).await;
    service::model::erasure::erase_now(&app.db, app.media().as_ref(), erased, "test", Utc::now())
        .await
        .unwrap();
    server::demo::generate::generate(&app.db, 30, 0, 8, false)
        .await
        .unwrap();
    let mut unpaused = paused.clone();
    unpaused.state = Set("active".into());
    unpaused.update(&app.db).await.unwrap();
    agree("after an erasure, newcomers and a return").await;

    // The feed keeps a day of changes.
    use sea_orm::ConnectionTrait;
    use service::foundation::candidate_index::prune_changes;
    assert_eq!(prune_changes(&app.db).await.unwrap(), 0);
    app.db
        .execute_unprepared(
            "UPDATE job_seeker_change SET at = '2000-01-01 00:00:00' \
             WHERE seq = (SELECT MIN(seq) FROM job_seeker_change)",
        )
        .await
        .unwrap();
    assert_eq!(prune_changes(&app.db).await.unwrap(), 1);
    agree("after pruning").await;

    // A write the feed never reports (here: its entry deleted at once) leaves the index stale;
    // the SQL check of the page's rows still keeps that person out, and the index is rebuilt.
    let feed_misses = async |id: i32| {
        app.db
            .execute_unprepared(&format!(
                "DELETE FROM job_seeker_change WHERE job_seeker_id = {id}"
            ))
            .await
            .unwrap();
    };
    let everyone = CandidateFilter::default();
    // Each search a request of its own: its caller read with it, the feed's head too.
    let search = async |f: &CandidateFilter| {
        let p: Employer = app.caller(BAKERY).await;
        service::search::candidates::search(&app.db, &index, &p, f)
            .await
            .unwrap()
    };
    let top = search(&everyone).await;
    let hidden = top.items[0].id;
    let mut row: job_seeker::ActiveModel = job_seeker::Entity::find_by_id(hidden)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.state = Set("paused".into());
    row.update(&app.db).await.unwrap();
    feed_misses(hidden).await;
    let after = search(&everyone).await;
    assert!(after.items.iter().all(|c| c.id != hidden), "never shown");
    let ids = |page: &kernel::candidates::CandidatePage| -> Vec<i32> {
        page.items.iter().map(|c| c.id).collect()
    };
    assert_eq!(ids(&after)[..19], ids(&top)[1..], "the others move up");
    // The search that met the stale entry started a new base beside it.
    index.settled().await;
    agree("after a write the feed missed").await;

    // The same for a text: someone no longer found by a word they removed, though the index
    // still lists it for them.
    let sailor = top.items[1].id;
    let mut row: job_seeker::ActiveModel = job_seeker::Entity::find_by_id(sailor)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.interests = Set(Some("zeilen".into()));
    row.clone().update(&app.db).await.unwrap();
    let zeilen = CandidateFilter {
        q: "zeilen".into(),
        ..Default::default()
    };
    let found = search(&zeilen).await;
    assert!(
        found.items.iter().any(|c| c.id == sailor),
        "found by the word"
    );
    let stale_before = index.stale_found();
    row.interests = Set(Some("roeien".into()));
    row.update(&app.db).await.unwrap();
    feed_misses(sailor).await;
    let after = search(&zeilen).await;
    assert!(
        after.items.iter().all(|c| c.id != sailor),
        "not found by a word removed"
    );
    assert_eq!(
        index.stale_found(),
        stale_before + 1,
        "and the index rebuilt"
    );
    index.settled().await;
    agree("after a text edit the feed missed").await;
}

/// A write that commits while a search runs, after the search's view of the change feed and
/// before the page's rows are read, is caught up with at once: the page leaves the person out
/// and stays in the index's order, and no new base is read. (Before, every such write sent the
/// search to SQL and the index into a full rebuild: at 1,000,000 job seekers ten seconds of a
/// core, under writes several a minute.) The search's view of the feed is either its head as
/// read with the session, when the index is there already, or the index's own read of the
/// feed, when it is behind; both windows are tried: a write after the session read, and a
/// write made from inside the search, right after its read of the feed, on a connection of
/// its own.
async fn a_write_during_a_search_is_caught_up_without_a_rebuild(app: &TestApp) {
    use kernel::candidates::{CandidateFilter, CandidatePage};
    use service::foundation::candidate_index::CandidateIndex;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI32, Ordering};
    let index = Arc::new(CandidateIndex::new(std::time::Duration::ZERO));
    index.rebuild(&app.db).await.unwrap();
    let everyone = CandidateFilter::default();
    let search = async |db: &sea_orm::DatabaseConnection, p: &Employer| {
        service::search::candidates::search(db, &index, p, &everyone)
            .await
            .unwrap()
    };
    let p: Employer = app.caller(BAKERY).await;
    let top = search(&app.db, &p).await;
    assert!(top.items.len() >= 5, "{top:?}");
    let ids = |page: &CandidatePage| -> Vec<i32> { page.items.iter().map(|c| c.id).collect() };
    let pause = async |db: &sea_orm::DatabaseConnection, id: i32| {
        let mut row: job_seeker::ActiveModel = job_seeker::Entity::find_by_id(id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .into();
        row.state = Set("paused".into());
        row.update(db).await.unwrap();
    };
    // The others move up, in order, and the count follows.
    let leaves_out = |after: &CandidatePage, hidden: &[i32]| {
        for h in hidden {
            assert!(!ids(after).contains(h), "{h} never shown");
        }
        let expected: Vec<i32> = ids(&top)
            .into_iter()
            .filter(|i| !hidden.contains(i))
            .collect();
        let n = expected.len().min(after.items.len());
        assert_eq!(
            ids(after)[..n],
            expected[..n],
            "the others move up, in order"
        );
        assert_eq!(after.total, top.total - hidden.len() as u64);
    };

    // After the session read: `p` still holds the feed's head from before the write, which
    // the index is at, so the search asks the index without reading the feed.
    let first = top.items[1].id;
    pause(&app.db, first).await;
    leaves_out(&search(&app.db, &p).await, &[first]);

    // After the index's read of the feed: a write the session's head names (so the index is
    // behind and reads the feed), then one made right after that read.
    let third = top.items[3].id;
    pause(&app.db, third).await;
    let p: Employer = app.caller(BAKERY).await;
    // The job seeker to pause once the search has read the feed (0: none).
    let to_pause = Arc::new(AtomicI32::new(0));
    let mut racing = app.db.clone();
    let (plain, armed) = (app.db.clone(), to_pause.clone());
    racing.set_metric_callback(move |info| {
        if !info.statement.sql.contains("job_seeker_change") {
            return;
        }
        let id = armed.swap(0, Ordering::SeqCst);
        if id == 0 {
            return;
        }
        let plain = plain.clone();
        tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(async move {
                let mut row: job_seeker::ActiveModel = job_seeker::Entity::find_by_id(id)
                    .one(&plain)
                    .await
                    .unwrap()
                    .unwrap()
                    .into();
                row.state = Set("paused".into());
                row.update(&plain).await.unwrap();
            })
        });
    });
    let second = top.items[2].id;
    to_pause.store(second, Ordering::SeqCst);
    let after = search(&racing, &p).await;
    assert_eq!(
        to_pause.load(Ordering::SeqCst),
        0,
        "the write was made mid-search"
    );
    leaves_out(&after, &[first, second, third]);
    assert_eq!(index.stale_found(), 0, "caught up, not rebuilt");
}

on_both_databases!(
    keywords_fold_alike_in_the_index_and_in_sql,
    the_candidate_index_agrees_with_sql_through_every_write,
    a_write_during_a_search_is_caught_up_without_a_rebuild,
    generated_vacancies_belong_to_generated_organisations,
    common_keywords_give_the_same_result_as_a_plain_scan,
    each_filter_narrows_to_exactly_the_right_candidates,
    physical_fit_uses_only_consenting_candidates,
    filters_and_sorts_on_hidden_fields_are_refused,
    vacancies_belong_to_their_organisation,
    matches_explain_themselves_without_hidden_data,
    invitations_reach_the_job_seeker_and_the_gemeente,
    saved_searches_send_a_daily_digest_of_new_candidates,
    caps_hold_under_requests_sent_at_once,
    saved_searches_are_capped_per_user,
    vacancies_are_capped_and_paged,
);
