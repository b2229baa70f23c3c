//! Demo data, seeded on first start into an empty database: one labour-market region with three
//! gemeenten, staff, a platform administrator, two employers with vacancies, a partner with a
//! data-sharing agreement, and 30 job seekers with every field filled (the photo is a generated
//! placeholder portrait; video is left empty: there is no honest way to fake one).

use crate::demo::fake::{self, Place};
use chrono::{Duration, Utc};
use entity::{
    app_user, employer, job_seeker, municipality, occupation, partner, partner_agreement, region,
    vacancy,
};
use kernel::domain::{ProfileState, Role, VacancyStatus};
use kernel::policy::{Field, FieldSet};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use service::foundation::media_store::{MediaStore, new_key};
use service::identity::auth::hash_password;
use service::identity::second_factor;

/// The password of every demo account (printed at start-up; demo only).
pub const DEMO_PASSWORD: &str = "HalloWerk-demo-2026";
pub const DEMO_DOMAIN: &str = "hallowerk-demo.nl";
pub const ADMIN_EMAIL: &str = "beheer@hallowerk-demo.nl";

/// (role label, e-mail) of the accounts worth trying.
pub type Login = (&'static str, String);

const STAFF: &[(&str, &str, &str)] = &[
    ("Rotterdam", "Anouk", "Jansen"),
    ("Rotterdam", "Mehmet", "Bakker"),
    ("Schiedam", "Sanne", "Visser"),
    ("Schiedam", "Rachid", "Smit"),
    ("Vlaardingen", "Petra", "Mulder"),
    ("Vlaardingen", "Kees", "de Boer"),
];

fn staff_email(first: &str, last: &str, gemeente: &str) -> String {
    format!(
        "{}.{}@{}.{DEMO_DOMAIN}",
        first.chars().next().unwrap_or('x').to_lowercase(),
        last.replace(' ', "").to_lowercase(),
        gemeente.to_lowercase()
    )
}

/// Seeds the demo data if the database has no regions yet. Returns whether it seeded.
pub async fn seed_if_empty(db: &DatabaseConnection, media: &dyn MediaStore) -> Result<bool, DbErr> {
    if region::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let hash = hash_password(DEMO_PASSWORD.to_string())
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?
        .as_phc()
        .to_string();
    let txn = service::foundation::db::begin_write(db).await?;
    seed(&txn, &hash, media).await?;
    txn.commit().await?;
    Ok(true)
}

async fn seed<C: ConnectionTrait>(db: &C, hash: &str, media: &dyn MediaStore) -> Result<(), DbErr> {
    let now = Utc::now();
    let region = region::ActiveModel {
        name: Set("Rijnmond".into()),
        department_email: Set(Some(format!(
            "werkgeversservicepunt@rijnmond.{DEMO_DOMAIN}"
        ))),
        created_at: Set(now),
        active: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let mut places = Vec::new();
    for (name, prefix, postcodes, retention) in [
        ("Rotterdam", "RTM", (3011, 3089), 12),
        ("Schiedam", "SDM", (3111, 3125), 0),
        ("Vlaardingen", "VLD", (3131, 3138), 0),
    ] {
        let m = municipality::ActiveModel {
            region_id: Set(region.id),
            name: Set(name.into()),
            retention_months: Set(retention),
            created_at: Set(now),
            active: Set(true),
            ..Default::default()
        }
        .insert(db)
        .await?;
        places.push((
            name,
            Place {
                municipality_id: m.id,
                prefix,
                postcodes,
            },
        ));
    }
    let place = |name: &str| places.iter().find(|(n, _)| *n == name).expect("gemeente").1;

    // Staff, partner and administrator accounts are enrolled in the second factor with the
    // demo secret (printed at start-up), so the demo needs no phone.
    let demo_secret = service::foundation::secret_box::seal(second_factor::DEMO_SECRET)
        .map_err(|_| DbErr::Custom("no secret key to seal the demo TOTP secret".into()))?;
    let user = |email: String, role: Role| app_user::ActiveModel {
        email: Set(email),
        password_hash: Set(Some(hash.to_string())),
        role: Set(role.code().into()),
        active: Set(true),
        created_at: Set(now),
        totp_secret: Set(role
            .signs_in_with_second_factor()
            .then(|| demo_secret.clone())),
        totp_confirmed_at: Set(role.signs_in_with_second_factor().then_some(now)),
        ..Default::default()
    };

    for (gemeente, first, last) in STAFF {
        app_user::ActiveModel {
            municipality_id: Set(Some(place(gemeente).municipality_id)),
            first_name: Set(Some((*first).into())),
            last_name: Set(Some((*last).into())),
            ..user(staff_email(first, last, gemeente), Role::Staff)
        }
        .insert(db)
        .await?;
    }
    app_user::ActiveModel {
        first_name: Set(Some("Beheerder".into())),
        last_name: Set(Some("HalloWerk".into())),
        ..user(ADMIN_EMAIL.into(), Role::Admin)
    }
    .insert(db)
    .await?;

    // Employers, each with a contact person.
    let mut employers = Vec::new();
    for (name, first, last, email, phone) in [
        (
            "Bakkerij Van der Linden",
            "Jeroen",
            "van der Linden",
            format!("j.vanderlinden@bakkerij.{DEMO_DOMAIN}"),
            "0104567890",
        ),
        (
            "Logistiek Rijnmond BV",
            "Hanneke",
            "Koster",
            format!("h.koster@logistiek.{DEMO_DOMAIN}"),
            "0107654321",
        ),
    ] {
        let e = employer::ActiveModel {
            region_id: Set(region.id),
            name: Set(name.into()),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        app_user::ActiveModel {
            employer_id: Set(Some(e.id)),
            first_name: Set(Some(first.into())),
            last_name: Set(Some(last.into())),
            phone: Set(Some(phone.into())),
            ..user(email, Role::Employer)
        }
        .insert(db)
        .await?;
        employers.push(e.id);
    }

    let occupations = occupation::Entity::find().all(db).await?;
    let occ = |name: &str| {
        occupations
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.id)
            .unwrap_or_else(|| panic!("occupation {name} in the taxonomy"))
    };
    // (employer, title, description, occupation, gemeente, hours, demands [sit, stand, walk,
    //  bend, lift], suits [banenafspraak, praktijkroute, bbl, ondernemer], status)
    let vacancies = [
        (
            0,
            "Medewerker bakkerij (ochtend)",
            "Je helpt vanaf 5 uur 's ochtends bij het bakken van brood en banket. Geen ervaring nodig: we leiden je op.",
            "Bakker",
            "Schiedam",
            24,
            [0, 3, 2, 2, 2],
            [true, false, true, false],
            VacancyStatus::Open,
        ),
        (
            0,
            "Verkoopmedewerker winkel",
            "Klanten helpen in onze winkel aan de Nieuwe Binnenweg, kassa en vakken vullen.",
            "Verkoopmedewerker",
            "Rotterdam",
            20,
            [0, 3, 1, 1, 1],
            [false, true, false, false],
            VacancyStatus::Open,
        ),
        (
            1,
            "Orderpicker",
            "Orders verzamelen in ons distributiecentrum, in een vast team met vaste begeleider.",
            "Magazijnmedewerker",
            "Vlaardingen",
            32,
            [0, 2, 3, 2, 3],
            [true, false, false, false],
            VacancyStatus::Open,
        ),
        (
            1,
            "Heftruckchauffeur",
            "Laden en lossen met de heftruck; het certificaat haal je bij ons.",
            "Heftruckchauffeur",
            "Rotterdam",
            38,
            [3, 1, 1, 1, 1],
            [false, false, true, false],
            VacancyStatus::Open,
        ),
        (
            1,
            "Administratief medewerker planning",
            "Ritten plannen en contact met chauffeurs en klanten.",
            "Transportplanner",
            "Rotterdam",
            24,
            [3, 0, 0, 0, 0],
            [true, true, false, false],
            VacancyStatus::Draft,
        ),
    ];
    for (e, title, description, occupation, gemeente, hours, pd, suits, status) in vacancies {
        vacancy::ActiveModel {
            employer_id: Set(employers[e]),
            title: Set(title.into()),
            description: Set(description.into()),
            occupation_id: Set(occ(occupation)),
            municipality_id: Set(place(gemeente).municipality_id),
            hours_per_week: Set(hours),
            pd_sitting: Set(pd[0]),
            pd_standing: Set(pd[1]),
            pd_walking: Set(pd[2]),
            pd_bending: Set(pd[3]),
            pd_lifting: Set(pd[4]),
            suits_banenafspraak: Set(suits[0]),
            suits_praktijkroute: Set(suits[1]),
            suits_bbl: Set(suits[2]),
            suits_ondernemer: Set(suits[3]),
            status: Set(status.code().into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    // The seed's data sharing: Rotterdam shares with a training institute.
    let p = partner::ActiveModel {
        municipality_id: Set(place("Rotterdam").municipality_id),
        name: Set("Opleidingsinstituut Maasstad".into()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let agreed: FieldSet = [
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Phone,
        Field::TargetBbl,
        Field::DesiredWork,
        Field::PreferredOccupations,
    ]
    .into_iter()
    .collect();
    partner_agreement::ActiveModel {
        partner_id: Set(p.id),
        fields: Set(agreed.codes()),
        valid_from: Set((now - Duration::days(30)).date_naive()),
        valid_until: Set(None),
        created_at: Set(now),
        // The demo's agreement counts as confirmed by two staff members.
        confirmed_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    app_user::ActiveModel {
        partner_id: Set(Some(p.id)),
        first_name: Set(Some("Wendy".into())),
        last_name: Set(Some("Verbeek".into())),
        ..user(format!("opleidingen@maasstad.{DEMO_DOMAIN}"), Role::Partner)
    }
    .insert(db)
    .await?;

    // 30 job seekers: 12 in Rotterdam, 9 in Schiedam, 9 in Vlaardingen.
    let mut rng = StdRng::seed_from_u64(2026);
    let occupation_ids: Vec<i32> = occupations.iter().map(|o| o.id).collect();
    let mut n = 0;
    for (gemeente, count) in [("Rotterdam", 12), ("Schiedam", 9), ("Vlaardingen", 9)] {
        for _ in 0..count {
            let mut f = fake::profile(&mut rng, n, &place(gemeente), DEMO_DOMAIN);
            // The first demo job seeker is active and shares work capacity; the second is paused.
            // They have fixed names, so the README and the browser tests can use them.
            if n == 0 {
                (f.paused, f.consent) = (false, true);
                (f.first_name, f.last_name) = ("Fatima".into(), "El Amrani".into());
                f.email = format!("fatima.elamrani@{DEMO_DOMAIN}");
            } else if n == 1 {
                f.paused = true;
                (f.first_name, f.last_name) = ("Daan".into(), "de Vries".into());
                f.email = format!("daan.devries@{DEMO_DOMAIN}");
            }
            n += 1;
            let u = user(f.email.clone(), Role::JobSeeker).insert(db).await?;
            let mut model = job_seeker_model(&f, u.id, place(gemeente).municipality_id, now);
            // A generated portrait, so employers see what a full profile looks like.
            let key = new_key();
            media
                .put(&key, fake::avatar_png(n))
                .await
                .map_err(|e| DbErr::Custom(format!("storing demo photo: {e}")))?;
            model.photo_key = Set(Some(key));
            let js = model.insert(db).await?;
            let picks = rand::Rng::random_range(&mut rng, 1..=3);
            let mut chosen: Vec<i32> = occupation_ids
                .choose_multiple(&mut rng, picks)
                .copied()
                .collect();
            chosen.sort_unstable();
            service::model::profile::set_occupations(db, js.id, &chosen)
                .await
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
    }
    Ok(())
}

/// The profile row for a generated person.
pub fn job_seeker_model(
    f: &fake::FakeProfile,
    user_id: i32,
    municipality_id: i32,
    now: chrono::DateTime<Utc>,
) -> job_seeker::ActiveModel {
    let state = if f.paused {
        ProfileState::Paused
    } else {
        ProfileState::Active
    };
    job_seeker::ActiveModel {
        user_id: Set(user_id),
        municipality_id: Set(municipality_id),
        client_number: Set(f.client_number.clone()),
        first_name: Set(f.first_name.clone()),
        last_name: Set(f.last_name.clone()),
        gender: Set(Some(f.gender.into())),
        birth_date: Set(Some(f.birth_date)),
        postal_code: Set(Some(f.postal_code.clone())),
        phone: Set(Some(f.phone.clone())),
        target_banenafspraak: Set(f.targets[0]),
        target_praktijkroute: Set(f.targets[1]),
        target_bbl: Set(f.targets[2]),
        target_ondernemer: Set(f.targets[3]),
        interests: Set(Some(f.interests.clone())),
        talents: Set(Some(f.talents.clone())),
        motivation: Set(Some(f.motivation.clone())),
        desired_work: Set(Some(f.desired_work.clone())),
        photo_key: Set(None),
        video_key: Set(None),
        wc_sitting: Set(Some(f.work_capacity[0])),
        wc_standing: Set(Some(f.work_capacity[1])),
        wc_walking: Set(Some(f.work_capacity[2])),
        wc_bending: Set(Some(f.work_capacity[3])),
        wc_lifting: Set(Some(f.work_capacity[4])),
        wc_hours_per_day: Set(Some(f.work_capacity[5])),
        work_capacity_consent: Set(f.consent),
        state: Set(state.code().into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// The demo log-ins, if this database holds the demo data.
/// Refuses a database that holds demo accounts (their password is printed for everyone) when
/// the site is reached from other machines: demo data is seeded only for a local `PUBLIC_URL`,
/// and a demo database started later with a public one must not open either.
pub async fn refuse_on_public_address<C: sea_orm::ConnectionTrait>(
    db: &C,
    public_url: &str,
) -> Result<(), String> {
    if crate::config::on_this_machine(public_url) {
        return Ok(());
    }
    let demo = app_user::Entity::find()
        .filter(app_user::Column::Email.ends_with(DEMO_DOMAIN))
        .one(db)
        .await
        .map_err(|e| format!("cannot read the accounts: {e}"))?;
    match demo {
        None => Ok(()),
        Some(_) => Err(format!(
            "this database holds the demo accounts, whose password is published, and PUBLIC_URL \
             {public_url:?} is reached from other machines: HalloWerk does not start. Use a \
             database without demo data (a new DATABASE_URL, HW_DEMO_DATA=off) for a public site."
        )),
    }
}

pub async fn demo_logins(db: &DatabaseConnection) -> Result<Vec<Login>, DbErr> {
    if app_user::Entity::find()
        .filter(app_user::Column::Email.eq(ADMIN_EMAIL))
        .one(db)
        .await?
        .is_none()
    {
        return Ok(vec![]);
    }
    let mut logins: Vec<Login> = vec![("Platformbeheerder", ADMIN_EMAIL.into())];
    for (gemeente, first, last) in STAFF.iter().step_by(2) {
        logins.push(("Gemeente (consulent)", staff_email(first, last, gemeente)));
    }
    for u in app_user::Entity::find()
        .filter(app_user::Column::Role.is_in([Role::Employer.code(), Role::Partner.code()]))
        .all(db)
        .await?
    {
        logins.push((
            if u.role == Role::Employer.code() {
                "Werkgever"
            } else {
                "Partner"
            },
            u.email,
        ));
    }
    let seekers = job_seeker::Entity::find()
        .order_by_asc(job_seeker::Column::Id)
        .paginate(db, 2)
        .fetch_page(0)
        .await?;
    for s in seekers {
        if let Some(u) = app_user::Entity::find_by_id(s.user_id).one(db).await? {
            let label = if s.state == ProfileState::Paused.code() {
                "Werkzoekende (gepauzeerd)"
            } else {
                "Werkzoekende"
            };
            logins.push((label, u.email));
        }
    }
    Ok(logins)
}

pub fn print_logins(logins: &[Login], public_url: &str) {
    if logins.is_empty() {
        return;
    }
    println!();
    println!("HalloWerk demo: open {public_url} and log in with password {DEMO_PASSWORD}");
    for (role, email) in logins {
        println!("  {role:<28} {email}");
    }
    println!("  (all 30 demo job seekers use the same password)");
    println!(
        "Everyone but job seekers logs in with a second step: a code from an authenticator \
         app\nwith the secret {} (add it by hand), or print the current code with `server totp-code`.",
        second_factor::DEMO_SECRET
    );
    println!();
}
