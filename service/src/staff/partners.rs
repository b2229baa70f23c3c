//! Partners of a gemeente (the seed: Rotterdam shares data with a training institute): staff
//! register the organisation, its data-sharing agreement — exactly which profile fields, from
//! the policy's "per agreement" list, never work capacity — and its users. The agreement is
//! data the visibility policy reads; ending it ends all access at once. An agreement and the
//! log-in made with it open a gemeente's data to others, so a second staff member of the
//! gemeente confirms them (four eyes, SPEC §11) before either has effect.

use kernel::error::AppError;
use kernel::policy::Field;
use kernel::views::partners::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Staff;
use crate::access::scope::current_agreement;
use crate::identity::invited::{self, AccountOf, Invitee};
use chrono::{Duration, Utc};
use entity::{app_user, partner, partner_agreement};
use kernel::policy::{FieldSet, agreeable};
use kernel::validate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

fn agreed(fields: &[Field]) -> Result<FieldSet, AppError> {
    let set: FieldSet = fields.iter().copied().collect();
    if set.is_empty() {
        return Err(AppError::invalid(
            "fields",
            "Kies ten minste één gegeven dat de partner mag zien.",
        ));
    }
    if let Some(f) = set.iter().find(|f| !agreeable().contains(*f)) {
        return Err(AppError::invalid(
            "fields",
            format!("{} mag nooit met een partner gedeeld worden.", f.label()),
        ));
    }
    Ok(set)
}

pub async fn list<C: ConnectionTrait>(db: &C, p: &Staff) -> Result<Vec<PartnerView>, AppError> {
    let municipality_id = p.municipality_id;
    let mut out = Vec::new();
    for partner in partner::Entity::find()
        .filter(partner::Column::MunicipalityId.eq(municipality_id))
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?
    {
        let newest = partner_agreement::Entity::find()
            .filter(partner_agreement::Column::PartnerId.eq(partner.id))
            .order_by_desc(partner_agreement::Column::Id)
            .one(db)
            .await?;
        let agreement = match newest {
            // Waiting for a second staff member: shown with the fields it would share.
            Some(a) if a.confirmed_at.is_none() => {
                let proposer = match a.proposed_by {
                    Some(id) => app_user::Entity::find_by_id(id).one(db).await?,
                    None => None,
                };
                Some(AgreementView {
                    fields: FieldSet::parse_codes(&a.fields)
                        .map_err(|_| AppError::Internal)?
                        .iter()
                        .collect(),
                    valid_from: a.valid_from,
                    valid_until: a.valid_until,
                    awaiting_confirmation: Some(AwaitingConfirmation {
                        proposed_by: proposer
                            .as_ref()
                            .map(crate::access::principal::display_name)
                            .unwrap_or_default(),
                        by_caller: a.proposed_by == Some(p.user_id),
                    }),
                })
            }
            Some(a) => current_agreement(db, partner.id)
                .await?
                .map(|fields| AgreementView {
                    fields: fields.iter().collect(),
                    valid_from: a.valid_from,
                    valid_until: a.valid_until,
                    awaiting_confirmation: None,
                }),
            None => None,
        };
        let users = app_user::Entity::find()
            .filter(app_user::Column::PartnerId.eq(partner.id))
            .all(db)
            .await?
            .into_iter()
            .map(|u| crate::access::principal::name_and_email(&u))
            .collect();
        out.push(PartnerView {
            id: partner.id,
            name: partner.name,
            active: partner.active,
            agreement,
            users,
        });
    }
    Ok(out)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    new: NewPartner,
    public_url: &str,
) -> Result<i32, AppError> {
    let municipality_id = p.municipality_id;
    let name = new.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(AppError::invalid(
            "name",
            "Vul de naam van de partnerorganisatie in.",
        ));
    }
    let fields = agreed(&new.fields)?;
    let today = Utc::now().date_naive();
    if new.valid_until.is_some_and(|d| d < today) {
        return Err(AppError::invalid(
            "valid_until",
            "De einddatum ligt in het verleden.",
        ));
    }
    let first = validate::name(&new.user_first_name, "Voornaam")
        .map_err(|m| AppError::invalid("user_first_name", m))?;
    let last = validate::name(&new.user_last_name, "Achternaam")
        .map_err(|m| AppError::invalid("user_last_name", m))?;
    let email = validate::email(&new.user_email).map_err(|m| AppError::invalid("user_email", m))?;
    if invited::in_use_where_seen(db, &email, Some(p), None).await? {
        return Err(AppError::invalid(
            "user_email",
            "Er is al een account met dit e-mailadres.",
        ));
    }
    let now = Utc::now();
    let txn = crate::foundation::db::begin_write(db).await?;
    let partner = partner::ActiveModel {
        municipality_id: Set(municipality_id),
        name: Set(name),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Four eyes: the agreement waits for a second staff member of the gemeente (`confirm`), and
    // so does the log-in made with it (`awaiting_approval`, the accounts' own four-eyes rule).
    partner_agreement::ActiveModel {
        partner_id: Set(partner.id),
        fields: Set(fields.codes()),
        valid_from: Set(today),
        valid_until: Set(new.valid_until),
        created_at: Set(now),
        proposed_by: Set(Some(p.user_id)),
        confirmed_by: Set(None),
        confirmed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let user = invited::create(
        &txn,
        AccountOf::Partner {
            partner_id: partner.id,
        },
        Invitee {
            email,
            first_name: Some(first.clone()),
            last_name: Some(last),
            phone: None,
        },
        Some(p.user_id),
        true,
    )
    .await?;
    // The user may set a password now; signing in waits for the confirmation.
    crate::identity::activation::issue(&txn, &user, &first, public_url).await?;
    let mut entry = Entry::new("create_partner", "partner", fields);
    entry.object_id = Some(partner.id);
    entry.municipality_id = Some(municipality_id);
    audit::record(&txn, Some(p), entry).await?;
    txn.commit().await?;
    Ok(partner.id)
}

/// A second staff member of the gemeente confirms a partner's agreement that another one made,
/// with the log-ins made with it: from the commit the partner sees the agreed fields and the
/// published privacy statement names it. Nobody confirms their own agreement; another
/// gemeente's partner is `NotFound`.
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    partner_id: i32,
) -> Result<(), AppError> {
    let municipality_id = p.municipality_id;
    partner::Entity::find_by_id(partner_id)
        .filter(partner::Column::MunicipalityId.eq(municipality_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::foundation::db::begin_write(db).await?;
    // Only an agreement that still runs: one ended before anyone confirmed it stays ended.
    let today = Utc::now().date_naive();
    let waiting: Vec<_> = partner_agreement::Entity::find()
        .filter(partner_agreement::Column::PartnerId.eq(partner_id))
        .filter(partner_agreement::Column::ConfirmedAt.is_null())
        .all(&txn)
        .await?
        .into_iter()
        .filter(|a| a.valid_until.is_none_or(|d| d >= today))
        .collect();
    if waiting.is_empty() {
        txn.rollback().await?;
        return Err(AppError::invalid(
            "partner_id",
            "Deze afspraak is al bevestigd.",
        ));
    }
    if waiting.iter().any(|a| a.proposed_by == Some(p.user_id)) {
        txn.rollback().await?;
        return Err(AppError::invalid(
            "partner_id",
            "Je maakte deze afspraak zelf: een andere medewerker van de gemeente moet haar \
             bevestigen.",
        ));
    }
    let now = Utc::now();
    // One statement that checks what it changes: of two staff members confirming at once,
    // one does it and the other is told it was done.
    let confirmed = partner_agreement::Entity::update_many()
        .col_expr(
            partner_agreement::Column::ConfirmedBy,
            Expr::value(p.user_id),
        )
        .col_expr(partner_agreement::Column::ConfirmedAt, Expr::value(now))
        .filter(partner_agreement::Column::Id.is_in(waiting.iter().map(|a| a.id)))
        .filter(partner_agreement::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if confirmed.rows_affected != waiting.len() as u64 {
        txn.rollback().await?;
        return Err(AppError::invalid(
            "partner_id",
            "Deze afspraak is al bevestigd.",
        ));
    }
    // The log-ins staff made with the agreement; never one the confirmer made.
    let accounts = app_user::Entity::find()
        .filter(app_user::Column::PartnerId.eq(partner_id))
        .filter(app_user::Column::AwaitingApproval.eq(true))
        .filter(
            Condition::any()
                .add(app_user::Column::CreatedBy.is_null())
                .add(app_user::Column::CreatedBy.ne(p.user_id)),
        )
        .all(&txn)
        .await?;
    for account in &accounts {
        crate::identity::account_approval::approve_in(&txn, p, account.id, Some(municipality_id))
            .await?;
    }
    let mut entry = Entry::new("confirm_agreement", "partner", FieldSet::EMPTY);
    entry.object_id = Some(partner_id);
    entry.municipality_id = Some(municipality_id);
    audit::record(&txn, Some(p), entry).await?;
    // The published privacy statement names the partner from today.
    crate::model::privacy_statement::record_if_changed(&txn, municipality_id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Ends the agreement in force today: from now on the partner sees nothing.
pub async fn end_agreement<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    partner_id: i32,
) -> Result<(), AppError> {
    let municipality_id = p.municipality_id;
    partner::Entity::find_by_id(partner_id)
        .filter(partner::Column::MunicipalityId.eq(municipality_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let yesterday = Utc::now().date_naive() - Duration::days(1);
    // The agreements end together with their audit entry, or not at all.
    let txn = crate::foundation::db::begin_write(db).await?;
    for a in partner_agreement::Entity::find()
        .filter(partner_agreement::Column::PartnerId.eq(partner_id))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|a| a.valid_until.is_none_or(|d| d > yesterday))
    {
        let mut row: partner_agreement::ActiveModel = a.into();
        row.valid_until = Set(Some(yesterday));
        row.update(&txn).await?;
    }
    let mut entry = Entry::new("end_agreement", "partner", FieldSet::EMPTY);
    entry.object_id = Some(partner_id);
    entry.municipality_id = Some(municipality_id);
    audit::record(&txn, Some(p), entry).await?;
    crate::model::privacy_statement::record_if_changed(&txn, municipality_id, Utc::now()).await?;
    txn.commit().await?;
    Ok(())
}
