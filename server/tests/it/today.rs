//! "Vandaag", the start page's work of the day (issue 36, item 1), over HTTP against a real
//! database: each count equals what the page it links to lists for the same caller (the same
//! service, scope and four-eyes rule), a gemeente counts only its own, and the page shows it.

use crate::common::{TestApp, fatima};
use chrono::{Duration, Utc};
use entity::{audit_log, invitation, job_seeker, partner_agreement, privacy_request, vacancy};
use http::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};

const ROTTERDAM_STAFF: &str = "a.jansen@rotterdam.hallowerk-demo.nl";

/// The count of the item whose label starts with `label` (0 when the page omits it).
fn count(today: &Value, label: &str) -> u64 {
    let items = today["items"].as_array().expect("items");
    let found: Vec<&Value> = items
        .iter()
        .filter(|i| i["label"].as_str().unwrap_or_default().starts_with(label))
        .collect();
    assert_eq!(found.len(), 1, "one item {label:?} in {today}");
    found[0]["count"].as_u64().expect("count")
}

async fn today(app: &TestApp, cookie: &str) -> Value {
    let res = app.form(Some(cookie), "today", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()
}

/// The region of a staff member's gemeente.
async fn me_region(app: &TestApp, staff: &entity::app_user::Model) -> i32 {
    entity::municipality::Entity::find_by_id(staff.municipality_id.expect("staff of a gemeente"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .region_id
}

/// The accounts an accounts page (`endpoint`) lists as ones the caller may approve.
async fn approvable(app: &TestApp, cookie: &str, endpoint: &str) -> u64 {
    let res = app
        .form(Some(cookie), endpoint, &[("q", ""), ("page", "0")])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{endpoint}: {}", res.body);
    res.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["may_approve"] == true)
        .count() as u64
}

/// An invitation for `v` to `js`, made by `by` ("employer" or "job_seeker"), in `status`
/// since `at`.
async fn invitation(
    app: &TestApp,
    v: &vacancy::Model,
    js: &job_seeker::Model,
    by: &str,
    status: &str,
    at: chrono::DateTime<Utc>,
) {
    invitation::ActiveModel {
        vacancy_id: Set(v.id),
        job_seeker_id: Set(js.id),
        employer_id: Set(v.employer_id),
        initiated_by: Set(by.into()),
        message: Set("Welkom".into()),
        status: Set(status.into()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// A request of a job seeker of Rotterdam, due at `due`.
async fn request_due(app: &TestApp, js: &job_seeker::Model, due: chrono::DateTime<Utc>) {
    privacy_request::ActiveModel {
        job_seeker_id: Set(js.id),
        municipality_id: Set(js.municipality_id),
        kind: Set("objection".into()),
        details: Set("Geen telefoontjes meer.".into()),
        status: Set("open".into()),
        created_at: Set(due - Duration::days(30)),
        due_at: Set(due),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn staff_counts_what_their_pages_list(app: &TestApp) {
    let staff = app.login(ROTTERDAM_STAFF).await;
    let schiedam = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let before = today(app, &staff).await;
    let schiedam_before = today(app, &schiedam).await;
    let (js, _) = fatima(app).await;
    let now = Utc::now();
    request_due(app, &js, now - Duration::days(2)).await;
    request_due(app, &js, now + Duration::days(3)).await;
    request_due(app, &js, now + Duration::days(20)).await;
    // Registrations and contact messages of the region, in every state the counts tell apart.
    let me = app.user(ROTTERDAM_STAFF).await.unwrap();
    let colleague = app
        .user(&app.email_of_role("staff", Some("Schiedam")).await)
        .await
        .unwrap();
    let rijnmond = me_region(app, &me).await;
    let other_region = entity::region::Entity::find()
        .filter(entity::region::Column::Id.ne(rijnmond))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a second region")
        .id;
    for (i, (region, status, approved_by)) in [
        (rijnmond, "pending", None),
        (rijnmond, "awaiting_second", Some(me.id)),
        (rijnmond, "awaiting_second", Some(colleague.id)),
        (rijnmond, "rejected", None),
        (other_region, "pending", None),
    ]
    .into_iter()
    .enumerate()
    {
        entity::employer_registration::ActiveModel {
            region_id: Set(region),
            organisation: Set(format!("Vandaag {i} BV")),
            first_name: Set("Vera".into()),
            last_name: Set("Vandaag".into()),
            email: Set(format!("vera{i}@vandaag.nl")),
            phone: Set("010 123 4567".into()),
            status: Set(status.into()),
            approved_by: Set(approved_by),
            approved_at: Set(approved_by.map(|_| now)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    for (region, status) in [
        (rijnmond, "open"),
        (rijnmond, "handled"),
        (other_region, "open"),
    ] {
        entity::contact_message::ActiveModel {
            region_id: Set(region),
            qualification: Set("overig".into()),
            first_name: Set("Karel".into()),
            last_name: Set("Contact".into()),
            email: Set("karel@voorbeeld.nl".into()),
            message: Set("Een vraag.".into()),
            status: Set(status.into()),
            received_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let after = today(app, &staff).await;
    // Of these: one registration to decide, one to confirm (a colleague's approval; not the
    // caller's own), one open message of the region.
    for (label, more) in [
        ("aanmeldingen van werkgevers", 1),
        ("goedgekeurde aanmeldingen", 1),
        ("open contactberichten", 1),
    ] {
        assert_eq!(
            count(&after, label),
            count(&before, label) + more,
            "{label}"
        );
    }
    const OVERDUE: &str = "privacyverzoeken over";
    const DUE: &str = "privacyverzoeken die deze week";
    assert_eq!(count(&after, OVERDUE), count(&before, OVERDUE) + 1);
    assert_eq!(count(&after, DUE), count(&before, DUE) + 1);
    assert_eq!(
        after["items"][0]["label"].as_str().unwrap(),
        "privacyverzoeken over de wettelijke termijn",
        "overdue work first: {after}"
    );
    // Another gemeente of the region counts its own job seekers' requests only (the region's
    // registrations and messages are the same work for both).
    let schiedam_after = today(app, &schiedam).await;
    for label in [OVERDUE, DUE] {
        assert_eq!(
            count(&schiedam_after, label),
            count(&schiedam_before, label)
        );
    }
    assert_eq!(
        count(&schiedam_after, "open contactberichten"),
        count(&after, "open contactberichten")
    );

    // Each count as its page lists it.
    let page = |endpoint: &'static str| {
        let staff = staff.clone();
        async move {
            let res = app.form(Some(&staff), endpoint, &[]).await;
            assert_eq!(res.status, StatusCode::OK, "{endpoint}: {}", res.body);
            res.json()
        }
    };
    let open = |rows: &Value, overdue: bool| {
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "open" && r["overdue"] == overdue)
            .filter(|r| {
                overdue || {
                    let due: chrono::DateTime<Utc> = r["due_at"].as_str().unwrap().parse().unwrap();
                    due < now + Duration::days(7)
                }
            })
            .count() as u64
    };
    let desk = page("privacy-desk/queue").await;
    let region = page("region-requests/queue").await;
    assert_eq!(
        count(&after, OVERDUE),
        open(&desk["requests"], true) + open(&region["requests"], true)
    );
    assert_eq!(
        count(&after, DUE),
        open(&desk["requests"], false) + open(&region["requests"], false)
    );
    let registrations = page("employers/desk").await["registrations"]["items"].clone();
    let registrations = registrations.as_array().unwrap();
    assert_eq!(
        count(&after, "aanmeldingen van werkgevers"),
        registrations
            .iter()
            .filter(|r| r["status"] == "pending")
            .count() as u64
    );
    assert_eq!(
        count(&after, "goedgekeurde aanmeldingen"),
        registrations
            .iter()
            .filter(|r| r["status"] == "awaiting_second")
            .filter(|r| r["first_approval"]["by_caller"] == false)
            .count() as u64
    );
    let inbox = page("contact/inbox").await;
    assert_eq!(
        count(&after, "open contactberichten"),
        inbox["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["handled"] == false)
            .count() as u64
    );
    assert_eq!(
        count(&after, "accounts die"),
        approvable(app, &staff, "accounts/list").await
    );
    let partners = page("partners/list").await;
    assert_eq!(
        count(&after, "partnerafspraken die op bevestiging"),
        partners
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["agreement"]["awaiting_confirmation"]["by_caller"] == false)
            .count() as u64
    );
}

async fn a_job_seeker_counts_invitations_to_answer_and_missing_fields(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let before = today(app, &me).await;
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Status.eq("open"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // Only an employer's invitation still open waits for her answer.
    for (by, status) in [
        ("employer", "sent"),
        ("employer", "declined"),
        ("job_seeker", "sent"),
    ] {
        invitation(app, &v, &js, by, status, Utc::now()).await;
    }
    let after = today(app, &me).await;
    const ANSWER: &str = "uitnodigingen van werkgevers";
    assert_eq!(count(&after, ANSWER), count(&before, ANSWER) + 1);
    let mine = app.form(Some(&me), "my-vacancies", &[]).await.json();
    assert_eq!(
        count(&after, "vacatures die bij je passen"),
        mine["matches"]["total"].as_u64().unwrap()
    );
    let profile = app.form(Some(&me), "profile/mine", &[]).await.json();
    let view: kernel::views::profile::ProfileView = serde_json::from_value(profile).unwrap();
    let missing = kernel::views::profile::missing_fields(&view).len() as u64;
    assert_eq!(count(&after, "onderdelen van je profiel"), missing);
    // Emptying a field she should fill in counts at once.
    let mut row: job_seeker::ActiveModel = js.clone().into();
    row.talents = Set(None);
    row.update(&app.db).await.unwrap();
    let emptied = today(app, &me).await;
    assert_eq!(
        count(&emptied, "onderdelen van je profiel"),
        missing + u64::from(js.talents.as_deref().is_some_and(|t| !t.trim().is_empty()))
    );
}

async fn an_administrator_counts_accounts_to_approve(app: &TestApp) {
    let admin = app.login(&app.email_of_role("admin", None).await).await;
    let t = today(app, &admin).await;
    assert_eq!(
        count(&t, "accounts die"),
        approvable(app, &admin, "admin/accounts").await
    );
    // Every demo gemeente has active staff, until Schiedam's are blocked; "Beheer" shows the
    // same.
    assert_eq!(count(&t, "actieve gemeenten zonder"), 0);
    let schiedam = app.municipality("Schiedam").await;
    entity::app_user::Entity::update_many()
        .col_expr(
            entity::app_user::Column::Active,
            sea_orm::sea_query::Expr::value(false),
        )
        .filter(entity::app_user::Column::MunicipalityId.eq(schiedam.id))
        .filter(entity::app_user::Column::Role.eq("staff"))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(
        count(&today(app, &admin).await, "actieve gemeenten zonder"),
        1
    );
    let regions = app.form(Some(&admin), "admin/regions", &[]).await.json();
    let shown: Vec<&Value> = regions
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["municipalities"].as_array().unwrap())
        .filter(|m| m["active"] == true && m["active_staff"] == 0)
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0]["name"], "Schiedam");
}

async fn an_employer_counts_interest_answers_new_candidates_and_what_is_left(app: &TestApp) {
    const BAKERY: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";
    let me = app.login(BAKERY).await;
    let p: service::access::caller::Employer = app.caller(BAKERY).await;
    // A saved search for everyone: nobody is new yet.
    let res = app
        .json(
            Some(&me),
            "saved-searches/save",
            serde_json::json!({ "name": "Iedereen", "filter": {}, "daily_digest": false }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    const NEW: &str = "nieuwe kandidaten voor je zoekopdracht \u{201c}Iedereen\u{201d}";
    const LEFT: &str = "profielen die je vandaag nog kunt openen";
    const INTEREST: &str = "kandidaten die interesse";
    const ANSWERED: &str = "uitnodigingen waarop";
    let before = today(app, &me).await;
    assert_eq!(count(&before, NEW), 0);
    let left = count(&before, LEFT);
    assert!(left > 0, "{before}");
    let item = |t: &Value, label: &str| -> Value {
        t["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["label"] == label)
            .cloned()
            .unwrap()
    };
    assert_eq!(item(&before, NEW)["href"], "/kandidaten");

    // Fatima (of the region) is new since the search was saved; she shows interest in one of
    // the bakery's vacancies; one invitation was answered today, one ten days ago.
    let (js, _) = fatima(app).await;
    let mut row: job_seeker::ActiveModel = js.clone().into();
    row.created_at = Set(Utc::now() + Duration::seconds(1));
    row.update(&app.db).await.unwrap();
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.eq(p.employer_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a vacancy of the bakery");
    let now = Utc::now();
    for (by, status, at) in [
        ("job_seeker", "sent", now),
        ("employer", "declined", now),
        ("employer", "accepted", now - Duration::days(10)),
    ] {
        invitation(app, &v, &js, by, status, at).await;
    }
    let after = today(app, &me).await;
    assert_eq!(count(&after, NEW), 1);
    assert_eq!(count(&after, INTEREST), count(&before, INTEREST) + 1);
    assert_eq!(count(&after, ANSWERED), count(&before, ANSWERED) + 1);
    // Opening a profile takes one of the day's openings; the start page charges nothing and
    // writes no count.
    assert_eq!(count(&after, LEFT), left);
    assert_eq!(
        entity::viewing_count::Entity::find()
            .filter(entity::viewing_count::Column::UserId.eq(p.user_id))
            .filter(entity::viewing_count::Column::Opened.gt(0))
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        0
    );
    let res = app
        .form(Some(&me), "candidates/get", &[("id", &js.id.to_string())])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(count(&today(app, &me).await, LEFT), left - 1);
}

/// Saves profile changes through the profile form's server function, as `cookie`'s holder.
async fn update_profile(app: &TestApp, cookie: &str, changes: Value) {
    let res = app.json(Some(cookie), "profile/update", changes).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// A change of one profile's desired work (a field the demo agreement shares).
fn desired_work(id: i32, work: &str) -> Value {
    json!({ "id": id, "changes": [{ "field": "desired_work", "value": work }] })
}

/// The count of shared profiles with changes on a partner's start page.
async fn changed(app: &TestApp, partner: &str) -> u64 {
    count(
        &today(app, partner).await,
        "gedeelde profielen met wijzigingen",
    )
}

/// The latest audit entry of a change to a profile.
async fn last_update(app: &TestApp, job_seeker_id: i32) -> audit_log::Model {
    audit_log::Entity::find()
        .filter(audit_log::Column::JobSeekerId.eq(job_seeker_id))
        .filter(audit_log::Column::Action.eq("update"))
        .order_by_desc(audit_log::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("an update entry")
}

/// A partner counts the profiles it shares whose shared data changed this week: a change to a
/// field outside its agreement is not counted (the count would tell it about that field), nor a
/// profile of another gemeente, and a person counts once however often they changed.
async fn a_partner_counts_changes_to_the_fields_it_shares(app: &TestApp) {
    let partner = app.login(&app.email_of_role("partner", None).await).await;
    let shared = app
        .form(Some(&partner), "partner/profiles", &[("page", "0")])
        .await
        .json();
    let fields: Vec<&str> = shared["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    // The demo agreement shares desired work, not interests.
    assert!(
        fields.contains(&"desired_work") && !fields.contains(&"interests"),
        "{fields:?}"
    );
    // A fresh database: nothing changed yet.
    assert_eq!(changed(app, &partner).await, 0);

    let (fatima, me) = fatima(app).await;
    // Her form sends its whole group ("about"): only interests changed, desired work was sent
    // as it was. The audit log names the changed field alone, and the partner counts nothing.
    update_profile(
        app,
        &me,
        json!({ "id": fatima.id, "changes": [
            { "field": "interests", "value": "Koken en fietsen" },
            { "field": "talents", "value": fatima.talents },
            { "field": "motivation", "value": fatima.motivation },
            { "field": "desired_work", "value": fatima.desired_work },
        ] }),
    )
    .await;
    let entry = last_update(app, fatima.id).await;
    assert_eq!(entry.fields, "interests");
    assert_eq!(changed(app, &partner).await, 0, "a field it does not share");

    // Someone of another gemeente (Schiedam's staff change one of theirs) is not counted either.
    let other = &app.job_seekers_of("Schiedam").await[0];
    let staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    update_profile(app, &staff, desired_work(other.id, "Bakker")).await;
    assert_eq!(changed(app, &partner).await, 0, "another gemeente");

    for work in ["Kok", "Kok in een grote keuken"] {
        update_profile(app, &me, desired_work(fatima.id, work)).await;
        assert_eq!(changed(app, &partner).await, 1, "one person, {work}");
    }
    // Another Rotterdam job seeker, whose consultant changes her desired work: two people.
    let second = app
        .job_seekers_of("Rotterdam")
        .await
        .into_iter()
        .find(|j| j.id != fatima.id && j.state == "active")
        .expect("a second active job seeker in Rotterdam");
    let staff = app.login(ROTTERDAM_STAFF).await;
    update_profile(app, &staff, desired_work(second.id, "Chauffeur")).await;
    assert_eq!(changed(app, &partner).await, 2, "two people");
}

/// Pauses or resumes a job seeker's profile, as her privacy page does.
async fn set_paused(app: &TestApp, cookie: &str, paused: bool) {
    let res = app
        .form(
            Some(cookie),
            "privacy/pause",
            &[("paused", &paused.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// Nor does a partner count a change it could not have seen happen: one made while the person
/// had paused their profile (the partner's list left her out), or before its agreement took
/// effect (here: confirmed just after the change, as when a new agreement replaces the old).
async fn a_partner_counts_no_change_made_during_a_pause_or_before_its_agreement(app: &TestApp) {
    let partner = app.login(&app.email_of_role("partner", None).await).await;
    let (fatima, me) = fatima(app).await;

    set_paused(app, &me, true).await;
    update_profile(app, &me, desired_work(fatima.id, "Kok")).await;
    assert_eq!(changed(app, &partner).await, 0, "while paused");
    set_paused(app, &me, false).await;
    assert_eq!(
        changed(app, &partner).await,
        0,
        "changed during the pause, counted after it"
    );
    update_profile(app, &me, desired_work(fatima.id, "Kok in een grote keuken")).await;
    assert_eq!(changed(app, &partner).await, 1, "changed after the pause");

    // The agreement takes effect just after that change (as when a new agreement replaces the
    // old): the change is no longer counted, a change after it is.
    let last = last_update(app, fatima.id).await;
    partner_agreement::Entity::update_many()
        .col_expr(
            partner_agreement::Column::ConfirmedAt,
            Expr::value(last.at + Duration::milliseconds(1)),
        )
        .filter(partner_agreement::Column::ConfirmedAt.is_not_null())
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(
        changed(app, &partner).await,
        0,
        "changed before the agreement took effect"
    );
    update_profile(app, &me, desired_work(fatima.id, "Kok, vier dagen")).await;
    assert_eq!(
        changed(app, &partner).await,
        1,
        "changed after the agreement took effect"
    );
}

on_both_databases!(
    an_employer_counts_interest_answers_new_candidates_and_what_is_left,
    staff_counts_what_their_pages_list,
    a_job_seeker_counts_invitations_to_answer_and_missing_fields,
    an_administrator_counts_accounts_to_approve,
    a_partner_counts_changes_to_the_fields_it_shares,
    a_partner_counts_no_change_made_during_a_pause_or_before_its_agreement,
);
