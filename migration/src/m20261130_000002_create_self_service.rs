//! Job-seeker self-service: activation links, privacy requests (AVG rights with their legal
//! deadline), and invitations / expressions of interest between vacancies and job seekers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    table: &'static str,
    col: &'static str,
    to: &'static str,
    cascade: bool,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(table, col)
        .to(to, "id")
        .on_delete(if cascade {
            ForeignKeyAction::Cascade
        } else {
            ForeignKeyAction::Restrict
        })
        .to_owned()
}

fn index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(format!("idx_{table}_{}", cols.join("_")))
        .table(table);
    for c in cols {
        idx.col(*c);
    }
    idx.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Single-use links to set a password (activation, reset); only a hash is stored.
        manager
            .create_table(
                Table::create()
                    .table("activation_token")
                    .col(string_len("id", 64).primary_key())
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("activation_token", "user_id", "app_user", true))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("activation_token", &["user_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("privacy_request")
                    .col(pk_auto("id"))
                    .col(integer("job_seeker_id"))
                    .col(integer("municipality_id"))
                    // access / rectification / erasure / restriction / objection / portability
                    .col(string("kind"))
                    // For rectification: the policy field concerned.
                    .col(string_null("field"))
                    .col(text("details"))
                    // open / granted / rejected
                    .col(string("status"))
                    .col(text_null("decision_reason"))
                    .col(integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    // The legal deadline: one month after receipt (AVG art. 12(3)).
                    .col(timestamp_with_time_zone("due_at"))
                    .foreign_key(&mut fk(
                        "privacy_request",
                        "job_seeker_id",
                        "job_seeker",
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "privacy_request",
                &["municipality_id", "status", "due_at"],
            ))
            .await?;
        manager
            .create_index(index("privacy_request", &["job_seeker_id"]))
            .await?;

        // An employer's invitation for a vacancy, or a job seeker's interest in one.
        manager
            .create_table(
                Table::create()
                    .table("invitation")
                    .col(pk_auto("id"))
                    .col(integer("vacancy_id"))
                    .col(integer("job_seeker_id"))
                    .col(integer("employer_id"))
                    // employer (an invitation) / job_seeker (interest shown)
                    .col(string("initiated_by"))
                    .col(text("message"))
                    // sent / accepted / declined / withdrawn
                    .col(string("status"))
                    // Recorded by the gemeente: placed / not_placed / …
                    .col(string_null("outcome"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("invitation", "vacancy_id", "vacancy", true))
                    .foreign_key(&mut fk("invitation", "job_seeker_id", "job_seeker", true))
                    .foreign_key(&mut fk("invitation", "employer_id", "employer", false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("invitation", &["job_seeker_id", "status"]))
            .await?;
        manager
            .create_index(index("invitation", &["vacancy_id", "job_seeker_id"]))
            .await?;
        manager
            .create_index(index("invitation", &["employer_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["invitation", "privacy_request", "activation_token"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
