//! The initial schema: regions, gemeenten, organisations, users, job-seeker profiles (every field
//! of SPEC §3 and nothing more), occupations, vacancies, sessions and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from_table: &'static str,
    from_col: &'static str,
    to_table: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from_table}_{from_col}"))
        .from(from_table, from_col)
        .to(to_table, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn index(table: &'static str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(format!("idx_{table}_{}", cols.join("_")))
        .table(table);
    for c in cols {
        idx.col(*c);
    }
    if unique {
        idx.unique();
    }
    idx.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("region")
                    .col(pk_auto("id"))
                    .col(string_uniq("name"))
                    // Department address for routed contact messages (optional).
                    .col(string_null("department_email"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("municipality")
                    .col(pk_auto("id"))
                    .col(integer("region_id"))
                    .col(string_uniq("name"))
                    // Months a closed profile is kept before erasure (legal retention).
                    .col(integer("retention_months").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("municipality", "region_id", "region"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("employer")
                    .col(pk_auto("id"))
                    .col(integer("region_id"))
                    .col(string("name"))
                    .col(boolean("active").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("employer", "region_id", "region"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("partner")
                    .col(pk_auto("id"))
                    .col(integer("municipality_id"))
                    .col(string("name"))
                    .col(boolean("active").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("partner", "municipality_id", "municipality"))
                    .to_owned(),
            )
            .await?;

        // A data-sharing agreement: which profile fields (policy codes) a partner may read,
        // and for how long. Read by the visibility policy as data.
        manager
            .create_table(
                Table::create()
                    .table("partner_agreement")
                    .col(pk_auto("id"))
                    .col(integer("partner_id"))
                    .col(text("fields"))
                    .col(date("valid_from"))
                    .col(date_null("valid_until"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("partner_agreement", "partner_id", "partner"))
                    .to_owned(),
            )
            .await?;

        // Accounts of every role. Job seekers' names live in their profile (one place per
        // datum); for other roles first/last name and phone are the contact details.
        manager
            .create_table(
                Table::create()
                    .table("app_user")
                    .col(pk_auto("id"))
                    .col(string_uniq("email"))
                    .col(string_null("password_hash"))
                    .col(string("role"))
                    .col(integer_null("municipality_id"))
                    .col(integer_null("employer_id"))
                    .col(integer_null("partner_id"))
                    .col(string_null("first_name"))
                    .col(string_null("last_name"))
                    .col(string_null("phone"))
                    .col(boolean("active").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .foreign_key(&mut fk("app_user", "municipality_id", "municipality"))
                    .foreign_key(&mut fk("app_user", "employer_id", "employer"))
                    .foreign_key(&mut fk("app_user", "partner_id", "partner"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("occupation")
                    .col(pk_auto("id"))
                    .col(string_len("isco_code", 4))
                    .col(string_uniq("name"))
                    .to_owned(),
            )
            .await?;

        // The job-seeker profile: exactly the fields of SPEC §3 (e-mail is the account's
        // login address in `app_user`), plus the profile state.
        manager
            .create_table(
                Table::create()
                    .table("job_seeker")
                    .col(pk_auto("id"))
                    .col(integer_uniq("user_id"))
                    .col(integer("municipality_id"))
                    .col(string("client_number"))
                    .col(string("first_name"))
                    .col(string("last_name"))
                    .col(string_null("gender"))
                    .col(date_null("birth_date"))
                    .col(string_null("postal_code"))
                    .col(string_null("phone"))
                    .col(boolean("target_banenafspraak").default(false))
                    .col(boolean("target_praktijkroute").default(false))
                    .col(boolean("target_bbl").default(false))
                    .col(boolean("target_ondernemer").default(false))
                    .col(text_null("interests"))
                    .col(text_null("talents"))
                    .col(text_null("motivation"))
                    .col(text_null("desired_work"))
                    .col(string_null("photo_key"))
                    .col(string_null("video_key"))
                    .col(small_integer_null("wc_sitting"))
                    .col(small_integer_null("wc_standing"))
                    .col(small_integer_null("wc_walking"))
                    .col(small_integer_null("wc_bending"))
                    .col(small_integer_null("wc_lifting"))
                    .col(small_integer_null("wc_hours_per_day"))
                    .col(boolean("work_capacity_consent").default(false))
                    .col(string("state"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("job_seeker", "user_id", "app_user"))
                    .foreign_key(&mut fk("job_seeker", "municipality_id", "municipality"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "job_seeker",
                &["municipality_id", "client_number"],
                true,
            ))
            .await?;
        manager
            .create_index(index("job_seeker", &["state", "municipality_id"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("job_seeker_occupation")
                    .col(integer("job_seeker_id"))
                    .col(integer("occupation_id"))
                    .primary_key(Index::create().col("job_seeker_id").col("occupation_id"))
                    .foreign_key(
                        &mut fk("job_seeker_occupation", "job_seeker_id", "job_seeker")
                            .on_delete(ForeignKeyAction::Cascade)
                            .to_owned(),
                    )
                    .foreign_key(&mut fk(
                        "job_seeker_occupation",
                        "occupation_id",
                        "occupation",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "job_seeker_occupation",
                &["occupation_id", "job_seeker_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("vacancy")
                    .col(pk_auto("id"))
                    .col(integer("employer_id"))
                    .col(string("title"))
                    .col(text("description"))
                    .col(integer("occupation_id"))
                    .col(integer("municipality_id"))
                    .col(small_integer("hours_per_week"))
                    .col(small_integer("pd_sitting").default(0))
                    .col(small_integer("pd_standing").default(0))
                    .col(small_integer("pd_walking").default(0))
                    .col(small_integer("pd_bending").default(0))
                    .col(small_integer("pd_lifting").default(0))
                    .col(boolean("suits_banenafspraak").default(false))
                    .col(boolean("suits_praktijkroute").default(false))
                    .col(boolean("suits_bbl").default(false))
                    .col(boolean("suits_ondernemer").default(false))
                    .col(string("status"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("vacancy", "employer_id", "employer"))
                    .foreign_key(&mut fk("vacancy", "occupation_id", "occupation"))
                    .foreign_key(&mut fk("vacancy", "municipality_id", "municipality"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("vacancy", &["employer_id", "status"], false))
            .await?;

        // Server-side sessions: the id is the SHA-256 of the cookie token, so a copy of this
        // table cannot be replayed as cookies.
        manager
            .create_table(
                Table::create()
                    .table("session")
                    .col(string_len("id", 64).primary_key())
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(
                        &mut fk("session", "user_id", "app_user")
                            .on_delete(ForeignKeyAction::Cascade)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("session", &["user_id"], false))
            .await?;
        manager
            .create_index(index("session", &["expires_at"], false))
            .await?;

        // Append-only (BIO 8.15): the code has insert and select paths only.
        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(integer_null("actor_user_id"))
                    .col(string("actor_role"))
                    .col(string("actor_org"))
                    .col(string("action"))
                    .col(string("object_type"))
                    .col(integer_null("object_id"))
                    // The profile concerned, so a job seeker can see who viewed it.
                    .col(integer_null("job_seeker_id"))
                    .col(integer_null("municipality_id"))
                    // Policy field codes read or changed; never the values.
                    .col(text("fields"))
                    .col(string("result"))
                    .col(string_null("origin"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("audit_log", &["job_seeker_id", "at"], false))
            .await?;
        manager
            .create_index(index("audit_log", &["municipality_id", "at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "audit_log",
            "session",
            "vacancy",
            "job_seeker_occupation",
            "job_seeker",
            "occupation",
            "app_user",
            "partner_agreement",
            "partner",
            "employer",
            "municipality",
            "region",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
