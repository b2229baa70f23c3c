//! Platform administration ("Beheer"): regions and gemeenten. The platform administrator has no
//! job-seeker data at all: nothing here reads the job_seeker table.

use kernel::error::AppError;
use kernel::views::admin::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Admin;
use chrono::Utc;
use entity::{app_user, employer, municipality, region};
use kernel::domain::Role;
use kernel::validate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

/// Deactivates (or reactivates) a region or gemeente; nothing is deleted.
pub async fn set_place_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Admin,
    kind: &str,
    id: i32,
    active: bool,
) -> Result<(), AppError> {
    let action = if active { "activate" } else { "deactivate" };
    let txn = crate::foundation::db::begin_write(db).await?;
    let e = match kind {
        "region" => {
            let r = entity::region::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut row: entity::region::ActiveModel = r.into();
            row.active = Set(active);
            row.update(&txn).await?;
            Entry::object(action, "region", id)
        }
        "municipality" => {
            let m = municipality::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut row: municipality::ActiveModel = m.into();
            row.active = Set(active);
            row.update(&txn).await?;
            Entry::object(action, "municipality", id).in_municipality(id)
        }
        _ => return Err(AppError::BadRequest),
    };
    audit::record(&txn, Some(p), e).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn overview<C: ConnectionTrait>(db: &C) -> Result<Vec<RegionOverview>, AppError> {
    let regions = region::Entity::find()
        .order_by_asc(region::Column::Name)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(regions.len());
    for r in regions {
        let mut municipalities = Vec::new();
        for m in municipality::Entity::find()
            .filter(municipality::Column::RegionId.eq(r.id))
            .order_by_asc(municipality::Column::Name)
            .all(db)
            .await?
        {
            let staff_accounts = app_user::Entity::find()
                .filter(app_user::Column::Role.eq(Role::Staff.code()))
                .filter(app_user::Column::MunicipalityId.eq(m.id))
                .count(db)
                .await?;
            let active_staff = app_user::Entity::find()
                .filter(crate::identity::account_approval::approving_staff())
                .filter(app_user::Column::MunicipalityId.eq(m.id))
                .count(db)
                .await?;
            let partners = entity::partner::Entity::find()
                .filter(entity::partner::Column::MunicipalityId.eq(m.id))
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
            municipalities.push(MunicipalityOverview {
                id: m.id,
                name: m.name,
                active: m.active,
                partners,
                staff_accounts,
                active_staff,
            });
        }
        let employers = employer::Entity::find()
            .filter(employer::Column::RegionId.eq(r.id))
            .count(db)
            .await?;
        out.push(RegionOverview {
            id: r.id,
            name: r.name,
            active: r.active,
            department_email: r.department_email,
            municipalities,
            employers,
        });
    }
    Ok(out)
}

fn place_name(v: &str, field: &str) -> Result<String, AppError> {
    let v = v.trim();
    if v.is_empty() || v.chars().count() > 80 {
        return Err(AppError::invalid(
            field,
            "Vul een naam in van hoogstens 80 tekens.",
        ));
    }
    Ok(v.to_string())
}

pub async fn create_region<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Admin,
    name: &str,
    email: &str,
) -> Result<i32, AppError> {
    let name = place_name(name, "name")?;
    let email = match email.trim() {
        "" => None,
        e => Some(validate::email(e).map_err(|m| AppError::invalid("department_email", m))?),
    };
    if region::Entity::find()
        .filter(region::Column::Name.eq(&name))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::invalid(
            "name",
            "Er bestaat al een regio met deze naam.",
        ));
    }
    let txn = crate::foundation::db::begin_write(db).await?;
    let r = region::ActiveModel {
        name: Set(name),
        department_email: Set(email),
        created_at: Set(Utc::now()),
        // Set, not left to the column default: one SQLite test run got this column back as
        // NULL from the insert (RETURNING) and failed; the cause was not found.
        active: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, Some(p), Entry::object("create", "region", r.id)).await?;
    txn.commit().await?;
    Ok(r.id)
}

pub async fn create_municipality<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Admin,
    region_id: i32,
    name: &str,
) -> Result<i32, AppError> {
    let name = place_name(name, "name")?;
    if region::Entity::find_by_id(region_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(AppError::invalid("region_id", "Kies een bestaande regio."));
    }
    if municipality::Entity::find()
        .filter(municipality::Column::Name.eq(&name))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::invalid(
            "name",
            "Er bestaat al een gemeente met deze naam.",
        ));
    }
    let txn = crate::foundation::db::begin_write(db).await?;
    let m = municipality::ActiveModel {
        region_id: Set(region_id),
        name: Set(name),
        retention_months: Set(0),
        created_at: Set(Utc::now()),
        active: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(p),
        Entry::object("create", "municipality", m.id).in_municipality(m.id),
    )
    .await?;
    txn.commit().await?;
    Ok(m.id)
}
