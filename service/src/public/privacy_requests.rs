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
use crate::foundation::link_token;
use crate::foundation::mail::{self, Mail};
use entity::{app_user, employer, outbox, privacy_request, subject_request};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

/// The page that confirms a request (the token follows).
pub const CONFIRM_PATH: &str = "/privacyverzoek-bevestigen";

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
    let token = link_token::new();
    let filed = subject_request::ActiveModel {
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
        confirm_token: Set(Some(link_token::stored(&token))),
        confirmed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Stored: the sender's first processing (the confirmation link is the next).
    let mut entry = Entry::new("file_subject_request", "subject_request", FieldSet::EMPTY)
        .about(kernel::processing::DataSubject::ContactRequest(filed.id));
    entry.object_id = Some(filed.id);
    audit::record(db, None, entry).await?;
    let hours = (UNCONFIRMED_REQUEST.period.after(now) - now).num_hours();
    mail::enqueue(
        db,
        &f.email,
        &Mail::PrivacyRequestConfirm {
            name: f.first_name,
            request: kernel::views::my_account::request_label(f.kind).to_string(),
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

/// The account that signs in with `email`, if any: only an activated account, whose owner
/// proved the address is theirs (an account made for someone may carry a mistyped address).
async fn signing_in_with<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<app_user::Model>, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .filter(app_user::Column::PasswordHash.is_not_null())
        .one(db)
        .await?)
}

/// Confirms a request with the token of its mailed link and puts it in the right queue with
/// its one-month deadline: whoever the confirmed address signs in as, whatever they ticked on
/// the form. Guessing tokens is limited as for activation links. The answer is the same
/// wherever the request went.
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
) -> Result<(), AppError> {
    link_token::count_lookup(db).await?;
    let now = Utc::now();
    let hash = link_token::stored(token);
    let txn = crate::foundation::db::begin_write(db).await?;
    let request = subject_request::Entity::find()
        .filter(subject_request::Column::ConfirmToken.eq(hash.clone()))
        .filter(subject_request::Column::Status.eq(RequestStatus::Unconfirmed.code()))
        .one(&txn)
        .await?
        .filter(|r| r.due_at > now)
        .ok_or_else(unusable)?;
    // Used once: of two clicks at the same moment only one takes the token.
    let taken = subject_request::Entity::update_many()
        .col_expr(
            subject_request::Column::ConfirmToken,
            Expr::value(None::<String>),
        )
        .filter(subject_request::Column::Id.eq(request.id))
        .filter(subject_request::Column::ConfirmToken.eq(hash))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(unusable());
    }
    let kind = RequestKind::from_code(&request.kind).unwrap_or(RequestKind::Objection);
    let due = kernel::views::privacy::deadline(now);
    // The link did its work: the mail that carried it (the asker's name and request) goes.
    outbox::Entity::delete_many()
        .filter(outbox::Column::Kind.eq(crate::foundation::mail::PRIVACY_REQUEST_CONFIRM))
        .filter(outbox::Column::ToAddress.eq(&request.email))
        .filter(outbox::Column::BodyText.contains(token))
        .exec(&txn)
        .await?;
    let account = signing_in_with(&txn, &request.email).await?;
    let role = account.as_ref().and_then(|u| Role::from_code(&u.role));

    // A job seeker's request belongs to their own gemeente, the controller of their data:
    // their own profile, through their own scope.
    if let (Some(u), Some(Role::JobSeeker)) = (&account, role) {
        let them = crate::access::principal::principal_of(&txn, u).await?;
        if let Some(profile) = them.scope.people(&txn).await?.one(&txn).await? {
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
    }

    // An employer's contact person: their organisation's region, tied to the account (so a
    // granted erasure erases it).
    let mut row: subject_request::ActiveModel = request.clone().into();
    if let (Some(u), Some(Role::Employer)) = (&account, role)
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
    let tied_to = match &row.user_id {
        Set(user_id) => *user_id,
        _ => request.user_id,
    };
    row.update(&txn).await?;
    let mut entry = Entry::new(
        "confirm_subject_request",
        "subject_request",
        FieldSet::EMPTY,
    )
    .about(kernel::processing::DataSubject::of_request(
        tied_to, request.id,
    ));
    entry.object_id = Some(request.id);
    audit::record(&txn, None, entry).await?;
    txn.commit().await?;
    Ok(())
}
