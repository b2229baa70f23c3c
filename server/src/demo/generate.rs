//! Bulk generator for benchmarks: N synthetic job seekers spread over the gemeenten (evenly, or
//! nationally by size),
//! and M vacancies of new synthetic organisations (about ten each, as real employers have), all
//! inserted in large batches inside one transaction.

use crate::demo::fake::{self, Place};
use crate::demo::seed::job_seeker_model;
use chrono::Utc;
use entity::{
    app_user, employer, job_seeker, job_seeker_occupation, municipality, occupation, vacancy,
};
use kernel::domain::{Role, VacancyStatus};
use rand::distr::Distribution;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryOrder, QuerySelect,
    Set,
};

const BATCH: usize = 500;
const VACANCIES_PER_EMPLOYER: usize = 10;

#[derive(Debug, Default, Clone, Copy)]
pub struct Generated {
    pub job_seekers: usize,
    pub vacancies: usize,
}

async fn max_id<E: EntityTrait, C: ConnectionTrait>(db: &C, col: E::Column) -> Result<i32, DbErr>
where
    E::Model: Sync,
{
    let v: Option<i32> = E::find()
        .select_only()
        .column(col)
        .order_by_desc(col)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(v.unwrap_or(0))
}

/// `national`: first make the 35 regions and about 340 gemeenten of the country
/// (`demo::national`) and spread the job seekers over them by size; otherwise evenly over the
/// gemeenten there are.
pub async fn generate(
    db: &DatabaseConnection,
    job_seekers: usize,
    vacancies: usize,
    seed: u64,
    national: bool,
) -> Result<Generated, DbErr> {
    let weighted = if national {
        crate::demo::national::ensure(db).await?
    } else {
        municipality::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m, 1.0))
            .collect()
    };
    let weights: Vec<f64> = weighted.iter().map(|(_, w)| *w).collect();
    let municipalities: Vec<municipality::Model> = weighted.into_iter().map(|(m, _)| m).collect();
    let occupations: Vec<i32> = occupation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    if municipalities.is_empty() {
        return Err(DbErr::Custom(
            "generate needs gemeenten: seed the demo data first".into(),
        ));
    }
    let places: Vec<Place> = municipalities
        .iter()
        .map(|m| Place {
            municipality_id: m.id,
            prefix: "GEN",
            postcodes: (1011, 9999),
        })
        .collect();
    let mut rng = StdRng::seed_from_u64(seed);
    let pick = rand::distr::weighted::WeightedIndex::new(&weights)
        .map_err(|e| DbErr::Custom(format!("gemeente weights: {e}")))?;
    let now = Utc::now();
    let txn = service::foundation::db::begin_write(db).await?;
    let first_user = max_id::<app_user::Entity, _>(&txn, app_user::Column::Id).await? + 1;
    let first_seeker = max_id::<job_seeker::Entity, _>(&txn, job_seeker::Column::Id).await? + 1;

    let mut done = 0;
    while done < job_seekers {
        let n = BATCH.min(job_seekers - done);
        let mut users = Vec::with_capacity(n);
        let mut seekers = Vec::with_capacity(n);
        let mut links = Vec::with_capacity(n * 2);
        for i in 0..n {
            let k = (done + i) as i32;
            let user_id = first_user + k;
            let seeker_id = first_seeker + k;
            let place = &places[pick.sample(&mut rng)];
            let mut f = fake::profile(&mut rng, seeker_id as u32, place, "bench.hallowerk-demo.nl");
            f.client_number = format!("GEN-{seeker_id:07}");
            users.push(app_user::ActiveModel {
                id: Set(user_id),
                email: Set(f.email.clone()),
                password_hash: Set(None),
                role: Set(Role::JobSeeker.code().into()),
                municipality_id: Set(None),
                employer_id: Set(None),
                partner_id: Set(None),
                first_name: Set(None),
                last_name: Set(None),
                phone: Set(None),
                active: Set(true),
                created_at: Set(now),
                last_login_at: Set(None),
                totp_secret: Set(None),
                totp_confirmed_at: Set(None),
                totp_last_step: Set(None),
                created_by: Set(None),
                awaiting_approval: Set(false),
                approved_by: Set(None),
            });
            let mut model = job_seeker_model(&f, user_id, place.municipality_id, now);
            model.id = Set(seeker_id);
            // Spread "last updated" so ordering by it is realistic.
            model.updated_at = Set(now - chrono::Duration::minutes(rng.random_range(0..500_000)));
            seekers.push(model);
            let picks = rng.random_range(1..=3);
            for o in occupations.choose_multiple(&mut rng, picks) {
                links.push(job_seeker_occupation::ActiveModel {
                    job_seeker_id: Set(seeker_id),
                    occupation_id: Set(*o),
                });
            }
        }
        app_user::Entity::insert_many(users).exec(&txn).await?;
        job_seeker::Entity::insert_many(seekers).exec(&txn).await?;
        job_seeker_occupation::Entity::insert_many(links)
            .exec(&txn)
            .await?;
        done += n;
    }

    // The organisations that offer the vacancies. (Giving 20,000 vacancies to the two demo
    // organisations would make their pages list 10,000 open vacancies each.)
    let first_employer = max_id::<employer::Entity, _>(&txn, employer::Column::Id).await? + 1;
    let organisations = vacancies.div_ceil(VACANCIES_PER_EMPLOYER);
    // Organisations are where the people are: a region in proportion to its gemeenten's size.
    let mut employers = Vec::with_capacity(organisations);
    for k in 0..organisations {
        employers.push(employer::Model {
            id: first_employer + k as i32,
            region_id: municipalities[pick.sample(&mut rng)].region_id,
            name: format!("Gegenereerde werkgever {}", k + 1),
            active: true,
            created_at: now,
        });
    }
    for chunk in employers.chunks(BATCH) {
        employer::Entity::insert_many(chunk.iter().map(|e| employer::ActiveModel {
            id: Set(e.id),
            region_id: Set(e.region_id),
            name: Set(e.name.clone()),
            active: Set(e.active),
            created_at: Set(e.created_at),
        }))
        .exec(&txn)
        .await?;
    }

    let mut made = 0;
    while made < vacancies {
        let n = BATCH.min(vacancies - made);
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let e = employers.choose(&mut rng).expect("employers");
            let m = municipalities
                .iter()
                .filter(|m| m.region_id == e.region_id)
                .collect::<Vec<_>>()
                .choose(&mut rng)
                .map(|m| m.id)
                .unwrap_or(municipalities[0].id);
            let level = |rng: &mut StdRng| rng.random_range(0..=3i16);
            rows.push(vacancy::ActiveModel {
                employer_id: Set(e.id),
                title: Set(format!("Vacature {}", rng.random_range(1000..9999))),
                description: Set("Gegenereerde vacature voor prestatiemetingen.".into()),
                occupation_id: Set(*occupations.choose(&mut rng).expect("occupations")),
                municipality_id: Set(m),
                hours_per_week: Set(rng.random_range(8..=40)),
                pd_sitting: Set(level(&mut rng)),
                pd_standing: Set(level(&mut rng)),
                pd_walking: Set(level(&mut rng)),
                pd_bending: Set(level(&mut rng)),
                pd_lifting: Set(level(&mut rng)),
                suits_banenafspraak: Set(rng.random_bool(0.3)),
                suits_praktijkroute: Set(rng.random_bool(0.2)),
                suits_bbl: Set(rng.random_bool(0.2)),
                suits_ondernemer: Set(rng.random_bool(0.05)),
                status: Set(VacancyStatus::Open.code().into()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
        vacancy::Entity::insert_many(rows).exec(&txn).await?;
        made += n;
    }

    if txn.get_database_backend() == DbBackend::Postgres {
        // Explicit ids bypass the sequences: move them past the new rows.
        for table in ["app_user", "job_seeker", "employer"] {
            txn.query_one(&service::foundation::dialect::move_id_sequence(table))
                .await?;
        }
    }
    txn.commit().await?;
    // Fresh statistics, so the query planner knows the new distribution.
    db.execute_unprepared("ANALYZE").await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Fold the bulk insert back into the database file: a large WAL slows every read.
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
    }
    Ok(Generated {
        job_seekers,
        vacancies,
    })
}
