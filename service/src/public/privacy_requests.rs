//! Privacy requests through the contact form (SPEC §11, the statement's "Wil je gebruik maken
//! van jouw privacy rechten?"): anyone can make one, but it counts only once the link mailed to
//! the given address is opened, so nobody acts on someone else's data by typing their address.
//! Nothing is shown before or after: the answer is the same whether or not the address has an
//! account. Confirmed, a job seeker's request goes to their own gemeente's queue, an employer
//! contact's to their organisation's region, anyone else's to the region they chose; the
//! decision is mailed to the confirmed address only.

use chrono::{DateTime, Utc};
use kernel::domain::{Qualification, RequestKind, RequestStatus, Role, Subject};
use kernel::error::AppError;
use kernel::policy::FieldSet;
use kernel::retention::UNCONFIRMED_REQUEST;

use crate::access::audit::{self, Entry};
use crate::foundation::client::client_network;
use crate::foundation::mail::{self, Mail};
use crate::foundation::ratelimit::{self, ACTIVATION, ACTIVATION_PER_CLIENT, GLOBAL};
use entity::{app_user, employer, privacy_request, subject_request};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// The page that confirms a request (the token follows).
pub const CONFIRM_PATH: &str = "/privacyverzoek-bevestigen";

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A request as the contact form gave it, validated.
pub struct Filed {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub qualification: Qualification,
    pub region_id: i32,
    pub kind: RequestKind,
    pub details: String,
}

/// Stores the request unconfirmed and mails the confirmation link to its address, in the
/// caller's transaction (the contact form counted it against its limits already).
pub async fn file<C: ConnectionTrait>(
    db: &C,
    f: Filed,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let token = hex::encode(rand::random::<[u8; 32]>());
    subject_request::ActiveModel {
        region_id: Set(f.region_id),
        subject: Set(Subject::ContactSender.code().into()),
        user_id: Set(None),
        first_name: Set(f.first_name.clone()),
        last_name: Set(f.last_name),
        email: Set(f.email.clone()),
        organisation: Set(String::new()),
        qualification: Set(Some(f.qualification.code().into())),
        kind: Set(f.kind.code().into()),
        details: Set(f.details),
        status: Set(RequestStatus::Unconfirmed.code().into()),
        decision_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        due_at: Set(UNCONFIRMED_REQUEST.period.after(now)),
        confirm_token: Set(Some(token_hash(&token))),
        confirmed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let hours = (UNCONFIRMED_REQUEST.period.after(now) - now).num_hours();
    mail::enqueue(
        db,
        &f.email,
        &Mail::PrivacyRequestConfirm {
            name: f.first_name,
            request: f.kind.label().to_string(),
            link: format!("{public_url}{CONFIRM_PATH}/{token}"),
            hours,
        },
    )
    .await?;
    Ok(())
}

fn unusable() -> AppError {
    AppError::invalid(
        "token",
        "Deze link is verlopen of al gebruikt. Dien je verzoek zo nodig opnieuw in via het contactformulier.",
    )
}

/// The account that signs in with `email` in `role`, if any.
async fn signing_in_as<C: ConnectionTrait>(
    db: &C,
    email: &str,
    role: Role,
) -> Result<Option<app_user::Model>, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .filter(app_user::Column::Role.eq(role.code()))
        .filter(app_user::Column::PasswordHash.is_not_null())
        .filter(app_user::Column::Active.eq(true))
        .one(db)
        .await?)
}

/// Confirms a request with the token of its mailed link and puts it in the right queue with
/// its one-month deadline. Guessing tokens is limited as for activation links. The answer is
/// the same wherever the request went.
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
) -> Result<(), AppError> {
    let client = client_network();
    ratelimit::take(
        db,
        &[
            (ACTIVATION_PER_CLIENT, client.as_str()),
            (ACTIVATION, GLOBAL),
        ],
    )
    .await?;
    let now = Utc::now();
    let txn = crate::foundation::db::begin_write(db).await?;
    let request = subject_request::Entity::find()
        .filter(subject_request::Column::ConfirmToken.eq(token_hash(token)))
        .filter(subject_request::Column::Status.eq(RequestStatus::Unconfirmed.code()))
        .one(&txn)
        .await?
        .filter(|r| r.due_at > now)
        .ok_or_else(unusable)?;
    let kind = RequestKind::from_code(&request.kind).unwrap_or(RequestKind::Objection);
    let qualification = request
        .qualification
        .as_deref()
        .and_then(Qualification::from_code);
    let due = kernel::views::privacy::deadline(now);

    // A job seeker's request belongs to their own gemeente, the controller of their data.
    let seeker = match qualification {
        Some(Qualification::JobSeeker) => {
            match signing_in_as(&txn, &request.email, Role::JobSeeker).await? {
                // Their own profile, through their own scope.
                Some(u) => {
                    let them = crate::access::principal::principal_of(&txn, &u).await?;
                    them.scope.people(&txn).await?.one(&txn).await?
                }
                None => None,
            }
        }
        _ => None,
    };
    if let Some(profile) = seeker {
        privacy_request::ActiveModel {
            job_seeker_id: Set(profile.id),
            municipality_id: Set(profile.municipality_id),
            kind: Set(kind.code().into()),
            field: Set(None),
            details: Set(request.details.clone()),
            status: Set(RequestStatus::Open.code().into()),
            decision_reason: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(now),
            due_at: Set(due),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        subject_request::Entity::delete_by_id(request.id)
            .exec(&txn)
            .await?;
        let mut entry = Entry::profile("privacy_request", &profile, FieldSet::EMPTY);
        entry.object_type = "privacy_request";
        audit::record(&txn, None, entry).await?;
        txn.commit().await?;
        return Ok(());
    }

    // An employer's contact person: their organisation's region, tied to the account (so a
    // granted erasure erases it).
    let contact = match qualification {
        Some(Qualification::Employer) => {
            signing_in_as(&txn, &request.email, Role::Employer).await?
        }
        _ => None,
    };
    let mut row: subject_request::ActiveModel = request.clone().into();
    if let Some(u) = contact
        && let Some(org) = match u.employer_id {
            Some(id) => employer::Entity::find_by_id(id).one(&txn).await?,
            None => None,
        }
    {
        row.subject = Set(Subject::EmployerContact.code().into());
        row.user_id = Set(Some(u.id));
        row.organisation = Set(org.name);
        row.region_id = Set(org.region_id);
    }
    row.status = Set(RequestStatus::Open.code().into());
    row.confirm_token = Set(None);
    row.confirmed_at = Set(Some(now));
    row.due_at = Set(due);
    row.update(&txn).await?;
    let mut entry = Entry::new(
        "confirm_subject_request",
        "subject_request",
        FieldSet::EMPTY,
    );
    entry.object_id = Some(request.id);
    audit::record(&txn, None, entry).await?;
    txn.commit().await?;
    Ok(())
}
