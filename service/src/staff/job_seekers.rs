//! Municipal staff's "Werkzoekenden": the job seekers of their own gemeente, with full profiles.

use kernel::domain::ProfileState;
use kernel::error::AppError;
use kernel::views::job_seekers::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Staff;
use crate::foundation::paging;
use entity::job_seeker;
use kernel::policy::{self, Audience, Field, FieldSet, ReadContext};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The columns of the list, which must all be readable by the caller.
const LIST_FIELDS: [Field; 3] = [Field::ClientNumber, Field::FirstName, Field::LastName];

pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Staff,
    q: &str,
    page: u32,
) -> Result<JobSeekerList, AppError> {
    let readable = policy::readable(principal.audience(), &ReadContext::default());
    let shown: FieldSet = LIST_FIELDS.into_iter().collect();
    if !shown.is_subset(readable) || principal.audience() != Audience::Municipality {
        return Err(AppError::Forbidden);
    }
    let cond = paging::words(
        q,
        &[
            job_seeker::Column::ClientNumber,
            job_seeker::Column::FirstName,
            job_seeker::Column::LastName,
        ],
    )?;
    let query = principal
        .scope
        .people(db)
        .await?
        .filter(cond)
        .order_by_asc(job_seeker::Column::LastName)
        .order_by_asc(job_seeker::Column::FirstName)
        .order_by_asc(job_seeker::Column::Id);
    let page = paging::fetch(db, query, page, PAGE_SIZE).await?;
    // One entry per person on the page: each sees their gemeente's list read.
    audit::record_many(
        db,
        Some(principal),
        page.items.iter().map(|m| Entry::profile("list", m, shown)),
    )
    .await?;
    let rows = page
        .items
        .into_iter()
        .map(|m| JobSeekerRow {
            id: m.id,
            client_number: m.client_number,
            name: format!("{} {}", m.first_name, m.last_name),
            state: ProfileState::from_code(&m.state).unwrap_or(ProfileState::Active),
        })
        .collect();
    Ok(JobSeekerList {
        total: page.total,
        page: page.page,
        pages: page.pages,
        rows,
    })
}

/// Closes a profile of the caller's gemeente: erased after the gemeente's retention period
/// (hidden until then), or at once when it keeps none. The close, its effect and its audit
/// entry are one transaction; media files go after the commit.
pub async fn close<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    media: &dyn crate::foundation::media_store::MediaStore,
    me: &Staff,
    id: i32,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
    use sea_orm::TransactionSession;
    if me.scope.profile(db, id).await?.is_none() {
        return Err(crate::model::profile::deny(db, me, id).await?);
    }
    let now = chrono::Utc::now();
    let txn = crate::foundation::db::begin_write(db).await?;
    // Read inside the transaction: it may have been closed or erased meanwhile.
    let profile = me
        .scope
        .profile(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let months = entity::municipality::Entity::find_by_id(profile.municipality_id)
        .one(&txn)
        .await?
        .map(|m| m.retention_months)
        .unwrap_or(0);
    if months > 0 {
        audit::record(
            &txn,
            Some(me),
            Entry::profile("close", &profile, FieldSet::EMPTY),
        )
        .await?;
        let at = crate::model::erasure::schedule(&txn, profile, months as u32, now).await?;
        txn.commit().await?;
        Ok(Some(at))
    } else {
        audit::record(
            &txn,
            Some(me),
            Entry::profile("erase", &profile, FieldSet::EMPTY),
        )
        .await?;
        let files = crate::model::erasure::erase_in(&txn, profile, "closed", now).await?;
        txn.commit().await?;
        crate::model::erasure::delete_files(media, files).await;
        Ok(None)
    }
}

/// Invitations and interest of one job seeker of the caller's gemeente.
pub async fn invitations_of<C: ConnectionTrait>(
    db: &C,
    me: &Staff,
    id: i32,
) -> Result<Vec<kernel::views::invitations::InvitationView>, AppError> {
    use entity::invitation;
    let Some(profile) = me.scope.profile(db, id).await? else {
        return Err(crate::model::profile::deny(db, me, id).await?);
    };
    let rows = invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.eq(profile.id))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db)
        .await?;
    audit::record(
        db,
        Some(me),
        Entry::profile("read_invitations", &profile, FieldSet::EMPTY),
    )
    .await?;
    crate::model::invitations::views(db, rows, None).await
}

pub mod changes {
    use super::*;
    use crate::access::audit::{self, Entry};
    use crate::access::caller::Staff;
    use crate::identity::invited::{self, AccountOf, Invitee};
    use chrono::Utc;
    use entity::{app_user, job_seeker};
    use kernel::policy::{self, Field, FieldSet};
    use kernel::validate;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
        TransactionSession, TransactionTrait,
    };

    pub struct NewJobSeeker {
        pub client_number: String,
        pub first_name: String,
        pub last_name: String,
        pub email: String,
    }

    /// Creates a profile (and its not-yet-activated account) in the caller's own gemeente.
    pub async fn create<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Staff,
        new: NewJobSeeker,
    ) -> Result<job_seeker::Model, AppError> {
        let municipality_id = p.municipality_id;
        let fields: FieldSet = [
            Field::ClientNumber,
            Field::FirstName,
            Field::LastName,
            Field::Email,
        ]
        .into_iter()
        .collect();
        if let Some(f) = fields
            .iter()
            .find(|f| !policy::writable(p.audience()).contains(*f))
        {
            return Err(AppError::FieldNotWritable {
                field: f.code().into(),
            });
        }
        let client_number = new.client_number.trim().to_string();
        if client_number.is_empty() || client_number.len() > 32 {
            return Err(AppError::invalid(
                "client_number",
                "Vul een klantnummer in (hoogstens 32 tekens).",
            ));
        }
        let first_name = validate::name(&new.first_name, "Voornaam")
            .map_err(|m| AppError::invalid("first_name", m))?;
        let last_name = validate::name(&new.last_name, "Achternaam")
            .map_err(|m| AppError::invalid("last_name", m))?;
        let email = validate::email(&new.email).map_err(|m| AppError::invalid("email", m))?;
        let taken = p
            .scope
            .people(db)
            .await?
            .filter(job_seeker::Column::ClientNumber.eq(&client_number))
            .one(db)
            .await?;
        if taken.is_some() {
            return Err(AppError::invalid(
                "client_number",
                "Dit klantnummer is al in gebruik in deze gemeente.",
            ));
        }
        if invited::in_use_where_seen(db, &email, Some(p), None).await? {
            return Err(AppError::invalid(
                "email",
                "Er is al een account met dit e-mailadres.",
            ));
        }
        let now = Utc::now();
        let txn = crate::foundation::db::begin_write(db).await?;
        // The names live on the profile row, not on the account.
        let user = invited::create(
            &txn,
            AccountOf::JobSeeker,
            Invitee {
                email,
                first_name: None,
                last_name: None,
                phone: None,
            },
            None,
            false,
        )
        .await?;
        let profile = job_seeker::ActiveModel {
            user_id: Set(user.id),
            municipality_id: Set(municipality_id),
            client_number: Set(client_number),
            first_name: Set(first_name),
            last_name: Set(last_name),
            state: Set(ProfileState::Active.code().into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(&txn, Some(p), Entry::profile("create", &profile, fields)).await?;
        txn.commit().await?;
        Ok(profile)
    }

    /// Sends (or re-sends) the activation link of a job seeker of the caller's gemeente.
    pub async fn invite<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Staff,
        id: i32,
        public_url: &str,
    ) -> Result<String, AppError> {
        let Some(profile) = p.scope.profile(db, id).await? else {
            return Err(crate::model::profile::deny(db, p, id).await?);
        };
        let user = app_user::Entity::find_by_id(profile.user_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        if user.password_hash.is_some() {
            return Err(AppError::invalid(
                "id",
                "Deze werkzoekende heeft het account al geactiveerd.",
            ));
        }
        let txn = crate::foundation::db::begin_write(db).await?;
        // Each invitation mails someone: counted per account and day before it is sent.
        crate::foundation::ratelimit::take_for_account(
            &txn,
            crate::foundation::ratelimit::INVITATIONS_PER_ACCOUNT,
            p.user_id,
        )
        .await?;
        let token =
            crate::identity::activation::issue(&txn, &user, &profile.first_name, public_url)
                .await?;
        audit::record(
            &txn,
            Some(p),
            Entry::profile("invite", &profile, FieldSet::EMPTY.with(Field::Email)),
        )
        .await?;
        txn.commit().await?;
        Ok(token)
    }

    /// The gemeente records what came of an invitation of one of its job seekers.
    pub async fn record_outcome<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Staff,
        invitation_id: i32,
        outcome: &str,
    ) -> Result<(), AppError> {
        use entity::invitation;
        use kernel::domain::Outcome;
        let outcome = Outcome::from_code(outcome)
            .ok_or_else(|| AppError::invalid("outcome", "Kies een uitkomst."))?;
        let row = invitation::Entity::find_by_id(invitation_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let Some(profile) = p.scope.profile(db, row.job_seeker_id).await? else {
            return Err(AppError::NotFound);
        };
        let txn = crate::foundation::db::begin_write(db).await?;
        let mut active: invitation::ActiveModel = row.into();
        active.outcome = Set(Some(outcome.code().into()));
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
        let entry = Entry::profile("record_outcome", &profile, FieldSet::EMPTY)
            .on("invitation", invitation_id);
        audit::record(&txn, Some(p), entry).await?;
        txn.commit().await?;
        Ok(())
    }
    /// Adds a dated note of the caller to a profile of their gemeente (SPEC §3: consultant
    /// notes, a field of the policy table: the gemeente writes, the job seeker reads, employers
    /// and partners never). The same guard as every free text: no BSN. Note and audit entry are
    /// one transaction.
    pub async fn add_note<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Staff,
        id: i32,
        text: &str,
    ) -> Result<(), AppError> {
        use entity::consultant_note;
        if !policy::writable(p.audience()).contains(Field::ConsultantNotes) {
            return Err(AppError::FieldNotWritable {
                field: Field::ConsultantNotes.code().into(),
            });
        }
        let text = validate::free_text(text, "Notitie")
            .map_err(|m| AppError::invalid(Field::ConsultantNotes.code(), m))?;
        if text.chars().count() < 2 {
            return Err(AppError::invalid(
                Field::ConsultantNotes.code(),
                "Schrijf een notitie.",
            ));
        }
        let txn = crate::foundation::db::begin_write(db).await?;
        let Some(profile) = p.scope.profile(&txn, id).await? else {
            txn.rollback().await?;
            return Err(crate::model::profile::deny(db, p, id).await?);
        };
        consultant_note::ActiveModel {
            job_seeker_id: Set(profile.id),
            author_id: Set(Some(p.user_id)),
            author: Set(p.name.clone()),
            body: Set(text),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            Some(p),
            Entry::profile(
                "update",
                &profile,
                FieldSet::EMPTY.with(Field::ConsultantNotes),
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The longest reason for holding a profile back.
    pub const MAX_HOLD_BACK_REASON: usize = 500;

    /// Dual consent (SPEC §10): the consultant holds a profile of their gemeente back from
    /// employers (`Some(reason)`) or shows it again (`None`). From the commit on, no employer
    /// list, profile, photo, video, invitation or mail shows the person; the job seeker sees
    /// the reason in their overview. The decision and its audit entry are one transaction.
    pub async fn hold_back<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Staff,
        id: i32,
        reason: Option<&str>,
    ) -> Result<(), AppError> {
        let reason = match reason {
            None => None,
            Some(r) => {
                let r =
                    validate::free_text(r, "Reden").map_err(|m| AppError::invalid("reason", m))?;
                if r.chars().count() < 5 {
                    return Err(AppError::invalid(
                        "reason",
                        "Schrijf kort op waarom het profiel niet zichtbaar is voor werkgevers; \
                         de werkzoekende leest deze reden.",
                    ));
                }
                if r.chars().count() > MAX_HOLD_BACK_REASON {
                    return Err(AppError::invalid(
                        "reason",
                        format!("De reden mag hoogstens {MAX_HOLD_BACK_REASON} tekens zijn."),
                    ));
                }
                Some(r)
            }
        };
        let txn = crate::foundation::db::begin_write(db).await?;
        let Some(profile) = p.scope.profile(&txn, id).await? else {
            txn.rollback().await?;
            return Err(crate::model::profile::deny(db, p, id).await?);
        };
        let action = if reason.is_some() {
            "hold_back"
        } else {
            "release"
        };
        let mut row: job_seeker::ActiveModel = profile.clone().into();
        row.held_back_at = Set(reason.as_ref().map(|_| Utc::now()));
        row.held_back_by = Set(reason.as_ref().map(|_| p.user_id));
        row.held_back_reason = Set(reason);
        row.update(&txn).await?;
        audit::record(
            &txn,
            Some(p),
            Entry::profile(action, &profile, FieldSet::EMPTY),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
