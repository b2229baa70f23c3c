//! Service tests without HTTP: the service functions (`service::…`) are called
//! directly with a principal built from a database account, on SQLite and on PostgreSQL, and
//! their effect is checked against the database with plain entity queries.

use crate::common;
use crate::common::{ADMIN_EMAIL, TestApp, fatima_records};
use chrono::Utc;
use entity::{
    app_user, audit_log, employer, employer_registration, invitation, job_seeker, municipality,
    outbox, vacancy,
};
use kernel::domain::{InvitationStatus, ProfileState};
use kernel::error::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set,
};
use service::access::caller::{Employer, JobSeeker, Staff, typed};
use service::access::principal::{Principal, principal_of};
use service::access::scope::Scope;
use service::staff::employers::{Decided, Join, Registered, Registration, decide, register};
use std::collections::BTreeSet;

const BAKERY_CONTACT: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";
const BAKERY: &str = "Bakkerij Van der Linden";

async fn staff_of(app: &TestApp, gemeente: &str) -> Staff {
    app.caller(&app.email_of_role("staff", Some(gemeente)).await)
        .await
}

/// The ids the scope lets this principal see.
async fn visible(app: &TestApp, p: &Principal) -> BTreeSet<i32> {
    p.scope
        .people(&app.db)
        .await
        .unwrap()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|j| j.id)
        .collect()
}

fn ids(rows: &[job_seeker::Model]) -> BTreeSet<i32> {
    rows.iter().map(|j| j.id).collect()
}

/// What an employer of `region_id` should see, computed without the scope: active job seekers
/// of the region's active gemeenten.
async fn expected_for_employer(app: &TestApp, region_id: i32) -> BTreeSet<i32> {
    let gemeenten: Vec<i32> = municipality::Entity::find()
        .filter(municipality::Column::RegionId.eq(region_id))
        .filter(municipality::Column::Active.eq(true))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    job_seeker::Entity::find()
        .filter(job_seeker::Column::MunicipalityId.is_in(gemeenten))
        .filter(job_seeker::Column::State.eq("active"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|j| j.id)
        .collect()
}

async fn audit_count(app: &TestApp, action: &str, job_seeker_id: i32) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::JobSeekerId.eq(job_seeker_id))
        .count(&app.db)
        .await
        .unwrap()
}

async fn state_of(app: &TestApp, id: i32) -> String {
    job_seeker::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .state
}

async fn the_scope_yields_exactly_the_rows_of_each_role(app: &TestApp) {
    // Staff: every job seeker of their own gemeente, whatever the state.
    let rotterdam_staff = staff_of(app, "Rotterdam").await;
    let rotterdam = app.job_seekers_of("Rotterdam").await;
    assert!(
        rotterdam.iter().any(|j| j.state != "active"),
        "the demo data has a paused job seeker in Rotterdam"
    );
    assert_eq!(visible(app, &rotterdam_staff).await, ids(&rotterdam));
    let schiedam_staff = staff_of(app, "Schiedam").await;
    let schiedam = app.job_seekers_of("Schiedam").await;
    assert_eq!(visible(app, &schiedam_staff).await, ids(&schiedam));

    // Employer: the active job seekers of the active gemeenten of the organisation's region.
    let bakery = app.principal(BAKERY_CONTACT).await;
    let Scope::Organisation { region_id, .. } = bakery.scope else {
        panic!("an employer has an organisation scope: {:?}", bakery.scope);
    };
    let expected = expected_for_employer(app, region_id).await;
    assert!(expected.len() > 10, "the region has candidates");
    let seen = visible(app, &bakery).await;
    assert_eq!(seen, expected);
    let delft = ids(&app.job_seekers_of("Delft").await);
    assert!(seen.is_disjoint(&delft), "no one of another region");
    let paused = rotterdam.iter().find(|j| j.state != "active").unwrap();
    assert_eq!(
        bakery.scope.profile(&app.db, paused.id).await.unwrap(),
        None
    );
    let (fatima_user, fatima) = fatima_records(app).await;
    assert_eq!(
        bakery
            .scope
            .profile(&app.db, fatima.id)
            .await
            .unwrap()
            .map(|j| j.id),
        Some(fatima.id)
    );

    // Job seeker: their own row only; another gemeente's staff: not even by id.
    let me = principal_of(&app.db, &fatima_user).await.unwrap();
    assert_eq!(visible(app, &me).await, BTreeSet::from([fatima.id]));
    assert_eq!(
        schiedam_staff
            .scope
            .profile(&app.db, fatima.id)
            .await
            .unwrap(),
        None
    );

    // The platform administrator: no job-seeker rows at all.
    let admin = app.principal(ADMIN_EMAIL).await;
    assert_eq!(admin.scope, Scope::Platform);
    assert_eq!(
        admin
            .scope
            .people(&app.db)
            .await
            .unwrap()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    // Deactivating Schiedam hides its people from the region's employers at once, but not
    // from the scope of Schiedam's staff (whose accounts can no longer sign in, though).
    let m = app.municipality("Schiedam").await;
    let mut row: municipality::ActiveModel = m.into();
    row.active = Set(false);
    row.update(&app.db).await.unwrap();
    let after = visible(app, &bakery).await;
    assert_eq!(after, expected_for_employer(app, region_id).await);
    let schiedam_ids = ids(&schiedam);
    assert!(after.is_disjoint(&schiedam_ids));
    assert_eq!(
        after,
        seen.difference(&schiedam_ids)
            .copied()
            .collect::<BTreeSet<_>>(),
        "only Schiedam's people vanished"
    );
    assert_eq!(visible(app, &schiedam_staff).await, schiedam_ids);
    let user = app
        .user(&app.email_of_role("staff", Some("Schiedam")).await)
        .await
        .unwrap();
    assert_eq!(
        principal_of(&app.db, &user).await.err(),
        Some(AppError::Forbidden)
    );
}

async fn pending(app: &TestApp, region_id: i32, organisation: &str, email: &str) -> i32 {
    // Inserted directly: `register` counts against one shared per-client limit outside a
    // request, so each test calls it once at most.
    employer_registration::ActiveModel {
        region_id: Set(region_id),
        organisation: Set(organisation.into()),
        first_name: Set("Bram".into()),
        last_name: Set("Hoekstra".into()),
        email: Set(email.into()),
        phone: Set("0611112222".into()),
        status: Set("pending".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn mails_of_kind(app: &TestApp, kind: &str) -> BTreeSet<String> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(kind))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.to_address)
        .collect()
}

/// An organisation of the same name that comes into the region between the first approval and
/// its confirmation was not weighed by the first approver: the confirmation makes no twin but
/// puts the registration back on the desk, where it is decided again.
async fn a_twin_organisation_since_the_first_approval_sends_it_back(app: &TestApp) {
    let staff = staff_of(app, "Rotterdam").await;
    let region_id = staff.scope.region_id().unwrap();
    let id = register(
        &app.db,
        Registration {
            organisation: "Groentehal Noord".into(),
            first_name: "Ilse".into(),
            last_name: "Bos".into(),
            email: "ilse@groentehal.test.nl".into(),
            phone: "06 1234 5678".into(),
            region_id: region_id.to_string(),
        },
        "http://localhost",
    )
    .await
    .expect("registered");
    let Registered::New(id) = id else {
        panic!("a new registration, not {id:?}");
    };
    let first = decide(
        &app.db,
        &staff,
        id,
        true,
        "",
        Join::Unchosen,
        "http://localhost",
    )
    .await
    .expect("approved once: no organisation of that name yet");
    assert_eq!(first, Decided::AwaitingSecond);
    // Meanwhile a colleague's registration for the same organisation was confirmed.
    let twin = employer::ActiveModel {
        region_id: Set(region_id),
        name: Set("Groentehal Noord".into()),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let employers_before = employer::Entity::find().count(&app.db).await.unwrap();
    let second_staff = staff_of(app, "Schiedam").await;
    let confirm = |join: Join| {
        decide(
            &app.db,
            &second_staff,
            id,
            true,
            "",
            join,
            "http://localhost",
        )
    };
    assert_eq!(confirm(Join::Unchosen).await.unwrap(), Decided::Reopened);
    assert_eq!(
        employer::Entity::find().count(&app.db).await.unwrap(),
        employers_before,
        "no twin made"
    );
    assert!(app.user("ilse@groentehal.test.nl").await.is_none());
    let reg = employer_registration::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (reg.status.as_str(), reg.approved_by),
        ("pending", None),
        "open again"
    );
    // Decided again, by anyone of the region: now the choice is asked for, and made.
    let again = decide(
        &app.db,
        &second_staff,
        id,
        true,
        "",
        Join::Unchosen,
        "http://localhost",
    )
    .await;
    assert!(
        matches!(&again, Err(AppError::Invalid { field, .. }) if field == "organisation"),
        "{again:?}"
    );
    let again = decide(
        &app.db,
        &second_staff,
        id,
        true,
        "",
        Join::Existing(twin.id),
        "http://localhost",
    )
    .await
    .unwrap();
    assert_eq!(again, Decided::AwaitingSecond);
    let confirmed = decide(
        &app.db,
        &staff,
        id,
        true,
        "",
        Join::Unchosen,
        "http://localhost",
    )
    .await
    .unwrap();
    assert!(matches!(confirmed, Decided::Approved(_)), "{confirmed:?}");
    let user = app.user("ilse@groentehal.test.nl").await.unwrap();
    assert_eq!(user.employer_id, Some(twin.id));
}

/// A rejected registration is kept a month after the decision, one nobody decided on lapses
/// after three months, and then the self-running purge deletes them; a change of address goes
/// once it was confirmed or ran out (24 hours). The periods are `kernel::retention`'s, which
/// `/privacy` states. Tested with a controllable clock; the purge is idempotent.
async fn decided_and_lapsed_registrations_and_spent_address_changes_are_purged_in_time(
    app: &TestApp,
) {
    use kernel::retention::{REGISTRATION_DECIDED, REGISTRATION_UNDECIDED};
    use server::clock::ManualClock;
    use server::jobs::Runner;
    let staff = staff_of(app, "Rotterdam").await;
    let region_id = staff.scope.region_id().unwrap();
    let registered = |organisation: &'static str, email: &'static str| {
        let region_id = region_id.to_string();
        async move {
            let r = register(
                &app.db,
                Registration {
                    organisation: organisation.into(),
                    first_name: "Tom".into(),
                    last_name: "Vos".into(),
                    email: email.into(),
                    phone: "06 1234 5678".into(),
                    region_id,
                },
                "http://localhost",
            )
            .await
            .unwrap();
            let Registered::New(id) = r else {
                panic!("a new registration: {r:?}");
            };
            id
        }
    };
    let id = registered("Schoonmaak Snel", "tom@schoonmaak.test.nl").await;
    let forgotten = registered("Glasbewassing Helder", "tom@helder.test.nl").await;
    // Today's viewing counts of an employer account: which profile it opened.
    let bakery = app
        .user("j.vanderlinden@bakkerij.hallowerk-demo.nl")
        .await
        .unwrap();
    let (_, js) = fatima_records(app).await;
    let today = Utc::now().date_naive();
    entity::viewing_opened::ActiveModel {
        day: Set(today),
        user_id: Set(bakery.id),
        job_seeker_id: Set(js.id),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let viewing = || async {
        entity::viewing_opened::Entity::find()
            .filter(entity::viewing_opened::Column::UserId.eq(bakery.id))
            .count(&app.db)
            .await
            .unwrap()
    };
    let rejected = decide(
        &app.db,
        &staff,
        id,
        false,
        "Geen werkgever in de regio.",
        Join::Unchosen,
        "http://localhost",
    )
    .await
    .unwrap();
    assert_eq!(rejected, Decided::Rejected);
    // A change of address Fatima asked for and never confirmed.
    let (user, js) = fatima_records(app).await;
    let cookie = app.login(&user.email).await;
    let res = app
        .json(
            Some(&cookie),
            "profile/update",
            serde_json::json!({ "id": js.id, "changes": [{ "field": "email", "value": "fatima.later@voorbeeld.nl" }] }),
        )
        .await;
    assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
    let changes = || async {
        entity::email_change::Entity::find()
            .count(&app.db)
            .await
            .unwrap()
    };
    let registration = |id: i32| async move {
        employer_registration::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(changes().await, 1);

    let clock = ManualClock::new(Utc::now() + chrono::Duration::hours(1));
    let runner = Runner::new(
        app.db.clone(),
        app.media(),
        std::sync::Arc::new(clock.clone()),
        None,
    );
    let report = runner.run_due().await.unwrap();
    assert_eq!(
        (report.address_changes_purged, report.registrations_purged),
        (0, 0),
        "the link still works, the decision is fresh"
    );
    assert_eq!(viewing().await, 1, "today's counts are read");
    clock.advance(chrono::Duration::days(1));
    assert_eq!(runner.run_due().await.unwrap().address_changes_purged, 1);
    assert_eq!(changes().await, 0);
    assert!(registration(id).await.is_some(), "kept within the month");
    clock.set(REGISTRATION_DECIDED.period.after(Utc::now()) + chrono::Duration::hours(1));
    assert_eq!(runner.run_due().await.unwrap().registrations_purged, 1);
    assert!(registration(id).await.is_none());
    assert_eq!(viewing().await, 0, "old viewing counts are gone");
    assert!(
        registration(forgotten).await.is_some(),
        "an undecided one waits longer"
    );
    clock.set(REGISTRATION_UNDECIDED.period.after(Utc::now()) + chrono::Duration::hours(1));
    assert_eq!(runner.run_due().await.unwrap().registrations_purged, 1);
    assert!(registration(forgotten).await.is_none());
    // The decision stays in the audit log.
    assert!(
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("reject_employer"))
            .count(&app.db)
            .await
            .unwrap()
            > 0
    );
    clock.advance(chrono::Duration::hours(2));
    let report = runner.run_due().await.unwrap();
    assert_eq!(
        (report.address_changes_purged, report.registrations_purged),
        (0, 0)
    );
}

async fn a_registration_joins_an_existing_organisation_only_by_choice(app: &TestApp) {
    let staff = staff_of(app, "Rotterdam").await;
    let region_id = staff.scope.region_id().unwrap();
    let bakery = employer::Entity::find()
        .filter(employer::Column::Name.eq(BAKERY))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // A second active contact and an inactive one: only the active ones are told.
    let now = Utc::now();
    for (email, active) in [
        ("m.dekker@bakkerij.test.nl", true),
        ("oud@bakkerij.test.nl", false),
    ] {
        app_user::ActiveModel {
            email: Set(email.into()),
            role: Set("employer".into()),
            employer_id: Set(Some(bakery.id)),
            first_name: Set(Some("Contact".into())),
            active: Set(active),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let told: BTreeSet<String> = [BAKERY_CONTACT, "m.dekker@bakkerij.test.nl"]
        .map(String::from)
        .into();

    // The same name in other capitals and with spaces around it.
    let email = "nora.pieters@bakkerij.test.nl";
    let id = register(
        &app.db,
        Registration {
            organisation: "  BAKKERIJ van der linden ".into(),
            first_name: "Nora".into(),
            last_name: "Pieters".into(),
            email: email.into(),
            phone: "06 1234 5678".into(),
            region_id: region_id.to_string(),
        },
        "http://localhost",
    )
    .await
    .expect("registered");
    let Registered::New(id) = id else {
        panic!("a new address makes a new registration, not {id:?}");
    };

    // Staff did not choose: refused, and nothing was created.
    let res = decide(
        &app.db,
        &staff,
        id,
        true,
        "",
        Join::Unchosen,
        "http://localhost",
    )
    .await;
    assert!(
        matches!(&res, Err(AppError::Invalid { field, .. }) if field == "organisation"),
        "{res:?}"
    );
    assert!(app.user(email).await.is_none(), "no account yet");
    let reg = employer_registration::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reg.status, "pending");
    assert!(
        mails_of_kind(app, "employer_contact_added")
            .await
            .is_empty()
    );
    let employers_before = employer::Entity::find().count(&app.db).await.unwrap();

    // Staff chose the existing organisation and a second staff member of the region confirmed:
    // the contact joins it, its active contacts are told.
    let first = decide(
        &app.db,
        &staff,
        id,
        true,
        "",
        Join::Existing(bakery.id),
        "http://localhost",
    )
    .await
    .expect("approved once");
    assert_eq!(first, Decided::AwaitingSecond);
    assert!(
        app.user(email).await.is_none(),
        "no account before the second approval"
    );
    assert!(
        mails_of_kind(app, "employer_contact_added")
            .await
            .is_empty()
    );
    let second_staff = staff_of(app, "Schiedam").await;
    // The confirmation confirms the first choice; a choice sent along is not a new one.
    let confirmed = decide(
        &app.db,
        &second_staff,
        id,
        true,
        "",
        Join::New,
        "http://localhost",
    )
    .await
    .expect("confirmed");
    assert!(
        matches!(&confirmed, Decided::Approved(token) if !token.is_empty()),
        "an activation token for the new contact: {confirmed:?}"
    );
    let user = app.user(email).await.expect("account created");
    assert_eq!(user.employer_id, Some(bakery.id));
    assert_eq!(user.role, "employer");
    let reg = employer_registration::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (reg.status.as_str(), reg.employer_id),
        ("approved", Some(bakery.id))
    );
    assert_eq!(mails_of_kind(app, "employer_contact_added").await, told);
    let added = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("employer_contact_added"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(added, 2, "one mail per active contact");
    assert_eq!(
        employer::Entity::find().count(&app.db).await.unwrap(),
        employers_before,
        "no new organisation"
    );
    // A decision is final.
    let again = decide(&app.db, &staff, id, true, "", Join::New, "http://localhost").await;
    assert!(
        matches!(&again, Err(AppError::Invalid { field, .. }) if field == "id"),
        "{again:?}"
    );

    // Another registration under the same name: an organisation of another region cannot be
    // picked, and "new" makes a second organisation of that name.
    let second = "bram.hoekstra@andere-bakkerij.test.nl";
    let id2 = pending(app, region_id, BAKERY, second).await;
    let delft = employer::Entity::find()
        .filter(employer::Column::Name.eq("Delftse Techniek BV"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = decide(
        &app.db,
        &staff,
        id2,
        true,
        "",
        Join::Existing(delft.id),
        "http://localhost",
    )
    .await;
    assert!(
        matches!(&res, Err(AppError::Invalid { field, .. }) if field == "organisation"),
        "{res:?}"
    );
    assert!(app.user(second).await.is_none());
    for who in [&staff, &second_staff] {
        decide(&app.db, who, id2, true, "", Join::New, "http://localhost")
            .await
            .expect("approved as a new organisation");
    }
    let same_name: Vec<employer::Model> = employer::Entity::find()
        .filter(employer::Column::RegionId.eq(region_id))
        .filter(employer::Column::Name.eq(BAKERY))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(same_name.len(), 2, "two organisations of that name");
    let new_org = same_name.iter().find(|e| e.id != bakery.id).unwrap();
    assert_eq!(
        app.user(second).await.unwrap().employer_id,
        Some(new_org.id)
    );
    assert_eq!(
        mails_of_kind(app, "employer_contact_added").await,
        told,
        "a new organisation has no one to tell"
    );
}

/// The same-name check is case-insensitive for every letter, not only ASCII: an organisation
/// whose name starts with a capital É is the same organisation as one spelt with é.
async fn the_same_name_check_ignores_case_beyond_ascii(app: &TestApp) {
    let staff = staff_of(app, "Rotterdam").await;
    let region_id = staff.scope.region_id().unwrap();
    employer::ActiveModel {
        region_id: Set(region_id),
        name: Set("Étoile Schoonmaak BV".into()),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let email = "s.bos@etoile.test.nl";
    let id = pending(app, region_id, "étoile schoonmaak bv", email).await;
    let before = employer::Entity::find().count(&app.db).await.unwrap();
    let res = decide(
        &app.db,
        &staff,
        id,
        true,
        "",
        Join::Unchosen,
        "http://localhost",
    )
    .await;
    assert!(
        matches!(&res, Err(AppError::Invalid { field, .. }) if field == "organisation"),
        "staff must choose, but got {res:?}"
    );
    assert!(app.user(email).await.is_none(), "no account yet");
    assert_eq!(
        employer::Entity::find().count(&app.db).await.unwrap(),
        before,
        "no second organisation"
    );
    // A deactivated organisation cannot be chosen: its contacts could never sign in.
    let etoile = employer::Entity::find()
        .filter(employer::Column::Name.eq("Étoile Schoonmaak BV"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut off: employer::ActiveModel = etoile.clone().into();
    off.active = Set(false);
    off.update(&app.db).await.unwrap();
    let res = decide(
        &app.db,
        &staff,
        id,
        true,
        "",
        Join::Existing(etoile.id),
        "http://localhost",
    )
    .await;
    assert!(
        matches!(&res, Err(AppError::Invalid { field, .. }) if field == "organisation"),
        "{res:?}"
    );
    assert!(app.user(email).await.is_none());
}

async fn answering_an_invitation_twice_changes_it_once(app: &TestApp) {
    let (user, js) = fatima_records(app).await;
    let me: JobSeeker = typed(principal_of(&app.db, &user).await.unwrap()).unwrap();
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Verkoopmedewerker winkel"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let sent = invitation::ActiveModel {
        vacancy_id: Set(v.id),
        job_seeker_id: Set(js.id),
        employer_id: Set(v.employer_id),
        initiated_by: Set("employer".into()),
        message: Set("Kom je kennismaken?".into()),
        status: Set("sent".into()),
        outcome: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let entries = || async {
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("respond_invitation"))
            .filter(audit_log::Column::ObjectType.eq("invitation"))
            .filter(audit_log::Column::ObjectId.eq(sent.id))
            .all(&app.db)
            .await
            .unwrap()
    };
    let status = || async {
        invitation::Entity::find_by_id(sent.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .status
    };

    let first = service::job_seeker::my_vacancies::respond(&app.db, &me, sent.id, true).await;
    assert_eq!(first, Ok(InvitationStatus::Accepted));
    assert_eq!(status().await, "accepted");
    let logged = entries().await;
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].job_seeker_id, Some(js.id));
    assert_eq!(logged[0].actor_user_id, Some(user.id));

    // The second answer (even a different one) is refused and changes nothing.
    let second = service::job_seeker::my_vacancies::respond(&app.db, &me, sent.id, false).await;
    assert!(
        matches!(&second, Err(AppError::Invalid { field, .. }) if field == "id"),
        "{second:?}"
    );
    assert_eq!(status().await, "accepted");
    assert_eq!(entries().await.len(), 1);

    // A caller holding a stale copy (read while still "sent") cannot move it either: the
    // change is conditional in the database, not only on the row read before.
    let moved = service::model::invitations::transition(
        &app.db,
        &me,
        &sent,
        InvitationStatus::Declined,
        "respond_invitation",
    )
    .await;
    assert_eq!(moved, Ok(false));
    assert_eq!(status().await, "accepted");
    assert_eq!(entries().await.len(), 1);

    // Someone else's invitation does not exist for this job seeker.
    let other = app
        .job_seekers_of("Rotterdam")
        .await
        .into_iter()
        .find(|j| j.id != js.id)
        .unwrap();
    let theirs = invitation::ActiveModel {
        vacancy_id: Set(v.id),
        job_seeker_id: Set(other.id),
        employer_id: Set(v.employer_id),
        initiated_by: Set("employer".into()),
        message: Set(String::new()),
        status: Set("sent".into()),
        outcome: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    assert_eq!(
        service::job_seeker::my_vacancies::respond(&app.db, &me, theirs.id, true).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        invitation::Entity::find_by_id(theirs.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .status,
        "sent"
    );
}

async fn pausing_is_one_change_with_its_audit_entry(app: &TestApp) {
    let (user, js) = fatima_records(app).await;
    assert_eq!(js.state, "active");
    let me: JobSeeker = typed(principal_of(&app.db, &user).await.unwrap()).unwrap();
    let bakery = app.principal(BAKERY_CONTACT).await;
    assert!(visible(app, &bakery).await.contains(&js.id));
    let all_entries = || async {
        audit_log::Entity::find()
            .filter(audit_log::Column::JobSeekerId.eq(js.id))
            .select_only()
            .column(audit_log::Column::Id)
            .into_tuple::<i64>()
            .all(&app.db)
            .await
            .unwrap()
            .len()
    };
    let (pauses, resumes, total) = (
        audit_count(app, "pause", js.id).await,
        audit_count(app, "resume", js.id).await,
        all_entries().await,
    );

    // Pausing: the state changes, one entry is written, employers lose sight of the profile.
    let res = service::model::privacy::set_paused(&app.db, &me, true).await;
    assert_eq!(res, Ok(ProfileState::Paused));
    assert_eq!(state_of(app, js.id).await, "paused");
    assert_eq!(audit_count(app, "pause", js.id).await, pauses + 1);
    assert_eq!(all_entries().await, total + 1, "exactly one new entry");
    assert!(!visible(app, &bakery).await.contains(&js.id));
    assert_eq!(bakery.scope.profile(&app.db, js.id).await.unwrap(), None);
    // Their own gemeente still sees them.
    let staff = staff_of(app, "Rotterdam").await;
    assert!(visible(app, &staff).await.contains(&js.id));
    // Pausing again changes nothing, so nothing is logged.
    let res = service::model::privacy::set_paused(&app.db, &me, true).await;
    assert_eq!(res, Ok(ProfileState::Paused));
    assert_eq!(all_entries().await, total + 1);

    // Resuming restores both.
    let res = service::model::privacy::set_paused(&app.db, &me, false).await;
    assert_eq!(res, Ok(ProfileState::Active));
    assert_eq!(state_of(app, js.id).await, "active");
    assert_eq!(audit_count(app, "resume", js.id).await, resumes + 1);
    assert_eq!(audit_count(app, "pause", js.id).await, pauses + 1);
    assert_eq!(all_entries().await, total + 2);
    assert!(visible(app, &bakery).await.contains(&js.id));
}

/// A search is its terms: the policy check resolves each criterion once, and the digest
/// query (`search::query`) is the same search in SQL, inside the employer's scope.
async fn a_search_is_its_checked_terms(app: &TestApp) {
    use kernel::candidates::{CandidateFilter, Target};
    use service::search::filter::{Search, Term, query};
    let bakery: Employer = app.caller(BAKERY_CONTACT).await;
    let employer_id = bakery.employer_id;
    let own = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.eq(employer_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the bakery has a vacancy");
    let other = vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.ne(employer_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("another organisation has a vacancy");

    let filter = CandidateFilter {
        q: "bakker".into(),
        bbl: true,
        has_photo: true,
        fit_vacancy: Some(own.id),
        ..Default::default()
    };
    let search = Search::new(&app.db, &bakery, &filter).await.unwrap();
    let demand = |d: i16| (d > 0).then_some(d);
    assert_eq!(
        search.terms,
        vec![
            Term::Keywords("bakker".into()),
            Term::Target(Target::Bbl),
            Term::HasPhoto,
            Term::Fit([
                demand(own.pd_sitting),
                demand(own.pd_standing),
                demand(own.pd_walking),
                demand(own.pd_bending),
                demand(own.pd_lifting),
                Some((own.hours_per_week + 4) / 5),
            ]),
        ]
    );

    // Another organisation's vacancy, a sort on a field employers never read, and a search
    // box longer than a search box are refused before any query runs.
    let theirs = CandidateFilter {
        fit_vacancy: Some(other.id),
        ..Default::default()
    };
    assert!(Search::new(&app.db, &bakery, &theirs).await.is_err());
    let by_birth = CandidateFilter {
        sort: Some("birth_date".into()),
        ..Default::default()
    };
    assert!(matches!(
        Search::new(&app.db, &bakery, &by_birth).await,
        Err(AppError::FieldNotReadable { field }) if field == "birth_date"
    ));
    let long = CandidateFilter {
        q: "a".repeat(service::search::filter::MAX_KEYWORDS_LEN + 1),
        ..Default::default()
    };
    assert!(matches!(
        Search::new(&app.db, &bakery, &long).await,
        Err(AppError::Invalid { field, .. }) if field == "q"
    ));

    // Every row the digest query finds is in the employer's scope and meets each row term.
    let everyone = query(&app.db, &bakery, &CandidateFilter::default())
        .await
        .unwrap()
        .all(&app.db)
        .await
        .unwrap();
    assert!(!everyone.is_empty());
    assert_eq!(ids(&everyone), visible(app, &bakery).await);
    let with_photo = CandidateFilter {
        has_photo: true,
        banenafspraak: true,
        ..Default::default()
    };
    let found = query(&app.db, &bakery, &with_photo)
        .await
        .unwrap()
        .all(&app.db)
        .await
        .unwrap();
    let expected: BTreeSet<i32> = everyone
        .iter()
        .filter(|j| j.photo_key.is_some() && j.target_banenafspraak)
        .map(|j| j.id)
        .collect();
    assert_eq!(ids(&found), expected);
}

/// The media service: only the owner stores or removes a photo, each change is one write
/// with its audit entry, and a read by an employer is audited on the person.
async fn media_changes_and_reads_are_audited(app: &TestApp) {
    use kernel::views::media::MediaKind;
    use service::model::media::{self};
    let store = app.media();
    let (user, js) = fatima_records(app).await;
    let me = principal_of(&app.db, &user).await.unwrap();
    let bakery = app.principal(BAKERY_CONTACT).await;
    let updates = audit_count(app, "update", js.id).await;
    let png = server::demo::fake::avatar_png(3);

    // An employer cannot store a photo (not in its write list), and a text file is no photo.
    assert!(matches!(
        media::upload(
            &app.db,
            store.as_ref(),
            &bakery,
            MediaKind::Photo,
            png.clone()
        )
        .await,
        Err(AppError::FieldNotWritable { .. })
    ));
    assert!(matches!(
        media::upload(
            &app.db,
            store.as_ref(),
            &me,
            MediaKind::Photo,
            b"hallo".to_vec()
        )
        .await,
        Err(AppError::Invalid { .. })
    ));
    assert_eq!(audit_count(app, "update", js.id).await, updates);

    let url = media::upload(&app.db, store.as_ref(), &me, MediaKind::Photo, png.clone())
        .await
        .unwrap()
        .expect("a url");
    let key = job_seeker::Entity::find_by_id(js.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .photo_key
        .expect("stored");
    assert!(url.starts_with(&format!("/media/profile/{}/photo", js.id)));
    // Stored re-encoded (an opaque photo becomes JPEG), not as uploaded.
    let stored = store.get(&key).await.unwrap();
    assert_eq!(kernel::views::media::sniff(&stored), Some("image/jpeg"));
    assert_eq!(audit_count(app, "update", js.id).await, updates + 1);

    let reads = audit_count(app, "media", js.id).await;
    let served = media::read(
        &app.db,
        store.as_ref(),
        &bakery,
        js.id,
        MediaKind::Photo,
        None,
    )
    .await
    .unwrap();
    assert_eq!(common::read_served(served).await, (stored, "image/jpeg"));
    assert_eq!(audit_count(app, "media", js.id).await, reads + 1);
    // The owner's own read is not a read by someone else.
    media::read(&app.db, store.as_ref(), &me, js.id, MediaKind::Photo, None)
        .await
        .unwrap();
    assert_eq!(audit_count(app, "media", js.id).await, reads + 1);

    media::remove(&app.db, store.as_ref(), &me, MediaKind::Photo)
        .await
        .unwrap();
    assert!(store.get(&key).await.is_err(), "the file is gone");
    assert_eq!(audit_count(app, "update", js.id).await, updates + 2);
    assert!(matches!(
        media::read(
            &app.db,
            store.as_ref(),
            &bakery,
            js.id,
            MediaKind::Photo,
            None
        )
        .await
        .map(|_| ()),
        Err(AppError::NotFound)
    ));
}

/// Uploads at the same moment each replace exactly the file before them: afterwards every
/// stored file is some profile's photo or video, and every such key has its file.
async fn uploads_at_once_leave_no_file_behind(app: &TestApp) {
    use kernel::views::media::MediaKind;
    use service::model::media::{self};
    let store = app.media();
    let (user, js) = fatima_records(app).await;
    let me = principal_of(&app.db, &user).await.unwrap();
    let upload = |n: u32| {
        let store = store.clone();
        let me = me.clone();
        async move {
            media::upload(
                &app.db,
                store.as_ref(),
                &me,
                MediaKind::Photo,
                server::demo::fake::avatar_png(n),
            )
            .await
        }
    };
    let (a, b, c, d) = tokio::join!(upload(1), upload(2), upload(3), upload(4));
    for r in [a, b, c, d] {
        // A busy database may refuse one with a clear conflict; none may fail otherwise.
        assert!(
            matches!(r, Ok(Some(_)) | Err(AppError::Conflict { .. })),
            "{r:?}"
        );
    }
    let keys: BTreeSet<String> = job_seeker::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|m| [m.photo_key, m.video_key])
        .flatten()
        .collect();
    let files: BTreeSet<String> = common::media_files(&app.media_dir)
        .into_iter()
        .map(|(path, _)| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, keys, "stored files and the keys that refer to them");
    let photo = job_seeker::Entity::find_by_id(js.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .photo_key;
    assert!(photo.is_some_and(|k| files.contains(&k)));
}

/// `server create-admin`: the first administrator of an installation gets an account without
/// a password and an activation link (mailed and returned), audited without an actor; once an
/// administrator exists the command is refused and creates nothing.
async fn the_first_administrator_is_created_once(app: &TestApp) {
    use service::admin::accounts::create_first_admin;
    let email = "eerste.beheerder@example.nl";
    // The demo has an administrator: refused, nothing written.
    let res = create_first_admin(&app.db, "Eva", "de Boer", email, "https://hw.example").await;
    assert!(matches!(res, Err(AppError::Invalid { .. })), "{res:?}");
    assert!(app.user(email).await.is_none());

    // Without one (the demo administrator's role changed in the database), it works once.
    let mut demo: app_user::ActiveModel = app.user(ADMIN_EMAIL).await.unwrap().into();
    demo.role = Set("staff".into());
    demo.update(&app.db).await.unwrap();
    let (id, link) = create_first_admin(&app.db, "Eva", "de Boer", email, "https://hw.example")
        .await
        .unwrap();
    assert!(link.starts_with("https://hw.example/activeren/"), "{link}");
    let user = app.user(email).await.unwrap();
    assert_eq!((user.id, user.role.as_str()), (id, "admin"));
    assert!(
        user.password_hash.is_none(),
        "the password is chosen through the link"
    );
    let mailed = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(email))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        mailed.iter().any(|m| m.body_text.contains(&link)),
        "the link is mailed too"
    );
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("create_account"))
        .filter(audit_log::Column::ObjectId.eq(id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("audited");
    assert_eq!(entry.actor_user_id, None);
    // A second call is refused.
    let res = create_first_admin(
        &app.db,
        "Piet",
        "Bos",
        "tweede@example.nl",
        "https://hw.example",
    )
    .await;
    assert!(res.is_err());
    assert!(app.user("tweede@example.nl").await.is_none());
}

/// `server add-admin`: a further administrator, only once there is a first one (so a fresh
/// installation cannot skip `create-admin`); with a password link, audited without an actor.
async fn a_further_administrator_is_added_on_the_server(app: &TestApp) {
    use service::admin::accounts::add_admin;
    let email = "tweede.beheerder@example.nl";
    let (id, link) = add_admin(&app.db, "Bram", "Vos", email, "https://hw.example")
        .await
        .unwrap();
    assert!(link.starts_with("https://hw.example/activeren/"), "{link}");
    let user = app.user(email).await.unwrap();
    assert_eq!((user.id, user.role.as_str()), (id, "admin"));
    assert!(user.password_hash.is_none());
    // The same address twice: refused, nothing more written.
    let res = add_admin(&app.db, "Bram", "Vos", email, "https://hw.example").await;
    assert!(matches!(res, Err(AppError::Invalid { .. })), "{res:?}");
    // Without any administrator, the first comes from create-admin.
    for admin in app_user::Entity::find()
        .filter(app_user::Column::Role.eq("admin"))
        .all(&app.db)
        .await
        .unwrap()
    {
        let mut a: app_user::ActiveModel = admin.into();
        a.role = Set("staff".into());
        a.update(&app.db).await.unwrap();
    }
    let res = add_admin(
        &app.db,
        "Piet",
        "Bos",
        "derde@example.nl",
        "https://hw.example",
    )
    .await;
    assert!(matches!(res, Err(AppError::Invalid { .. })), "{res:?}");
    assert!(app.user("derde@example.nl").await.is_none());
}

on_both_databases!(
    a_further_administrator_is_added_on_the_server,
    the_scope_yields_exactly_the_rows_of_each_role,
    a_registration_joins_an_existing_organisation_only_by_choice,
    a_twin_organisation_since_the_first_approval_sends_it_back,
    decided_and_lapsed_registrations_and_spent_address_changes_are_purged_in_time,
    the_same_name_check_ignores_case_beyond_ascii,
    answering_an_invitation_twice_changes_it_once,
    pausing_is_one_change_with_its_audit_entry,
    a_search_is_its_checked_terms,
    media_changes_and_reads_are_audited,
    the_first_administrator_is_created_once,
    uploads_at_once_leave_no_file_behind,
);
