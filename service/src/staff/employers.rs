//! Employers joining HalloWerk: the public registration form, the pending registrations that
//! staff of the chosen region approve (two of them: four eyes) or reject, and the staff's read-only overview of the
//! region's organisations and vacancies. Approval creates a new organisation or adds a contact
//! person to an existing one that staff pick explicitly (a name match alone never joins: anyone
//! could register as "Gemeentewerken BV"); the existing contacts are told, and the new contact
//! gets an activation link.

use chrono::Utc;
use kernel::error::AppError;
use kernel::views::employers::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::Staff;
use crate::foundation::client::client_network;
use crate::foundation::mail::{self, Mail};
use crate::foundation::paging::{self};
use crate::foundation::ratelimit::{self, GLOBAL, REGISTRATION, REGISTRATION_PER_CLIENT};
use crate::identity::invited::{self, AccountOf, Invitee};
use entity::{app_user, employer, employer_registration, municipality, region, vacancy};
use kernel::domain::VacancyStatus;
use kernel::validate;
use kernel::views::paging::PAGE_SIZE;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

pub const PENDING: &str = "pending";
/// Approved by one staff member; waits for a second one of the region (four eyes).
pub const AWAITING_SECOND: &str = "awaiting_second";
pub const APPROVED: &str = "approved";
pub const REJECTED: &str = "rejected";

pub struct Registration {
    pub organisation: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub region_id: String,
}

/// What a registration led to. The caller answers both alike.
#[derive(Debug, PartialEq, Eq)]
pub enum Registered {
    /// A new registration for staff to decide on.
    New(i32),
    /// The address already has an account or a registration under way; its owner was mailed.
    KnownAddress,
}

pub async fn register<C: ConnectionTrait>(
    db: &C,
    r: Registration,
    public_url: &str,
) -> Result<Registered, AppError> {
    let organisation = r.organisation.trim().to_string();
    if organisation.is_empty() || organisation.chars().count() > 120 {
        return Err(AppError::invalid(
            "organisation",
            "Vul de naam van je organisatie in (hoogstens 120 tekens).",
        ));
    }
    let first_name = validate::name(&r.first_name, "Voornaam")
        .map_err(|m| AppError::invalid("first_name", m))?;
    let last_name = validate::name(&r.last_name, "Achternaam")
        .map_err(|m| AppError::invalid("last_name", m))?;
    let email = validate::email(&r.email).map_err(|m| AppError::invalid("email", m))?;
    let phone = validate::phone(&r.phone).map_err(|m| AppError::invalid("phone", m))?;
    let region = match r.region_id.trim().parse::<i32>() {
        Ok(id) => region::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|r| r.active),
        Err(_) => None,
    }
    .ok_or_else(|| {
        AppError::invalid(
            "region_id",
            "Kies de regio waar je organisatie werkzoekenden zoekt.",
        )
    })?;
    // A valid registration counts before anything is looked up, stored or mailed (increment,
    // then compare), known address or not, so the two answers cost the same.
    let client = client_network();
    ratelimit::take(
        db,
        &[
            (REGISTRATION_PER_CLIENT, client.as_str()),
            (REGISTRATION, GLOBAL),
        ],
    )
    .await?;
    // A known address (an account, or a registration under way) gets exactly the answer a new
    // one gets, so the form cannot be used to find out who has an account; the owner of the
    // address is told by mail instead.
    let account = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let pending = employer_registration::Entity::find()
        .filter(employer_registration::Column::Email.eq(&email))
        .filter(employer_registration::Column::Status.is_in([PENDING, AWAITING_SECOND]))
        .one(db)
        .await?;
    if account.is_some() || pending.is_some() {
        crate::foundation::mail::enqueue(
            db,
            &email,
            &crate::foundation::mail::Mail::RegistrationForKnownAddress {
                pending: account.is_none(),
                login_link: format!("{public_url}/inloggen"),
            },
        )
        .await?;
        return Ok(Registered::KnownAddress);
    }
    let row = employer_registration::ActiveModel {
        region_id: Set(region.id),
        organisation: Set(organisation),
        first_name: Set(first_name),
        last_name: Set(last_name),
        email: Set(email),
        phone: Set(phone),
        status: Set(PENDING.into()),
        reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        employer_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Registered::New(row.id))
}

/// The organisation among `orgs` whose name is `name` up to case and surrounding spaces (the
/// oldest, should there be several). Compared in Rust: SQLite's `lower()` folds only A-Z,
/// so "Étoile" and "étoile" would differ there and slip past the question.
fn same_name<'a>(orgs: &'a [employer::Model], name: &str) -> Option<&'a employer::Model> {
    let wanted = name.trim().to_lowercase();
    orgs.iter()
        .filter(|e| e.name.trim().to_lowercase() == wanted)
        .min_by_key(|e| e.id)
}

async fn existing_employer<C: ConnectionTrait>(
    db: &C,
    region_id: i32,
    name: &str,
) -> Result<Option<employer::Model>, AppError> {
    // A region has few organisations.
    let orgs = employer::Entity::find()
        .filter(employer::Column::RegionId.eq(region_id))
        .all(db)
        .await?;
    Ok(same_name(&orgs, name).cloned())
}

/// Whether an organisation of the region named as `name` came into being after `since` (the
/// first approval; any, when unknown). Not only the oldest of the name: the first approver may
/// have chosen a new organisation over an existing one, which does not cover a later twin.
async fn twin_since<C: ConnectionTrait>(
    db: &C,
    region_id: i32,
    name: &str,
    since: Option<chrono::DateTime<Utc>>,
) -> Result<bool, AppError> {
    let mut orgs = employer::Entity::find().filter(employer::Column::RegionId.eq(region_id));
    if let Some(since) = since {
        orgs = orgs.filter(employer::Column::CreatedAt.gt(since));
    }
    Ok(same_name(&orgs.all(db).await?, name).is_some())
}

/// The registrations of the caller's region that wait for a decision: what the desk lists and
/// the start page counts.
fn waiting(p: &Staff) -> sea_orm::Select<employer_registration::Entity> {
    employer_registration::Entity::find()
        .filter(employer_registration::Column::RegionId.eq(p.region_id))
        .filter(employer_registration::Column::Status.is_in([PENDING, AWAITING_SECOND]))
}

/// How many registrations wait for the caller: for a first decision, and for a second staff
/// member to confirm one another approved (not the caller's own).
pub async fn waiting_for<C: ConnectionTrait>(db: &C, p: &Staff) -> Result<(u64, u64), AppError> {
    use sea_orm::PaginatorTrait;
    let first = waiting(p)
        .filter(employer_registration::Column::Status.eq(PENDING))
        .count(db)
        .await?;
    let second = waiting(p)
        .filter(employer_registration::Column::Status.eq(AWAITING_SECOND))
        .filter(
            sea_orm::Condition::any()
                .add(employer_registration::Column::ApprovedBy.is_null())
                .add(employer_registration::Column::ApprovedBy.ne(p.user_id)),
        )
        .count(db)
        .await?;
    Ok((first, second))
}

/// Page `registrations_page` of the registrations waiting for a decision and page
/// `organisations_page` of the region's organisations. Each list is read a page at a time and
/// the page's contacts and vacancies in one query each, so the desk stays one size however large
/// the region grows.
pub async fn desk<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    registrations_page: u32,
    organisations_page: u32,
) -> Result<EmployerDesk, AppError> {
    let region_id = p.region_id;
    let pending = waiting(p)
        .order_by_asc(employer_registration::Column::CreatedAt)
        .order_by_asc(employer_registration::Column::Id);
    let regs = paging::fetch(db, pending, registrations_page, PAGE_SIZE).await?;
    let registration_ids: Vec<i32> = regs.items.iter().map(|r| r.id).collect();
    // The region's organisations, for the same-name question and the choice of organisation
    // to join (read only when a registration waits on this page).
    let names: Vec<employer::Model> = if regs.items.is_empty() {
        Vec::new()
    } else {
        employer::Entity::find()
            .filter(employer::Column::RegionId.eq(region_id))
            .all(db)
            .await?
    };
    let approvers: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(regs.items.iter().filter_map(|r| r.approved_by)))
        .all(db)
        .await?
        .iter()
        .map(|u| (u.id, crate::access::principal::display_name(u)))
        .collect();
    let registrations = regs.map(|r| {
        let same_name_organisation = same_name(&names, &r.organisation).map(|e| e.id);
        let first_approval = match (r.approved_by, r.approved_at) {
            (Some(by), Some(at)) => Some(FirstApproval {
                by: approvers.get(&by).cloned().unwrap_or_default(),
                at,
                by_caller: by == p.user_id,
                joins: r.joins_employer_id.and_then(|id| {
                    names
                        .iter()
                        .find(|e| e.id == id)
                        .map(|e| OrganisationChoice {
                            id: e.id,
                            name: e.name.clone(),
                        })
                }),
            }),
            _ => None,
        };
        RegistrationRow {
            choices: choices(&names, &r.organisation, same_name_organisation),
            id: r.id,
            organisation: r.organisation,
            contact: format!("{} {}", r.first_name, r.last_name),
            email: r.email,
            phone: r.phone,
            status: r.status,
            reason: r.reason,
            created_at: r.created_at,
            same_name_organisation,
            first_approval,
        }
    });

    let orgs = employer::Entity::find()
        .filter(employer::Column::RegionId.eq(region_id))
        .order_by_asc(employer::Column::Name)
        .order_by_asc(employer::Column::Id);
    let orgs = paging::fetch(db, orgs, organisations_page, PAGE_SIZE).await?;
    let ids: Vec<i32> = orgs.items.iter().map(|e| e.id).collect();
    let mut contacts: HashMap<i32, Vec<ContactPerson>> = HashMap::new();
    let people = app_user::Entity::find()
        .filter(app_user::Column::EmployerId.is_in(ids.clone()))
        .order_by_asc(app_user::Column::Email)
        .all(db)
        .await?;
    // Staff read the contact persons of the waiting registrations and of the organisations on
    // this page: one entry per person, in one write.
    audit::record_many(
        db,
        Some(p),
        registration_ids
            .iter()
            .map(|id| registration_entry("list", *id))
            .chain(people.iter().map(|u| {
                Entry::object("list", "app_user", u.id)
                    .about(kernel::processing::DataSubject::EmployerContact(u.id))
            }))
            .map(|e| e.in_municipality(p.municipality_id)),
    )
    .await?;
    for u in people {
        contacts
            .entry(u.employer_id.unwrap_or_default())
            .or_default()
            .push(ContactPerson {
                user_id: u.id,
                label: crate::access::principal::name_and_email(&u),
                second_factor: u.totp_confirmed_at.is_some(),
            });
    }
    let municipalities: HashMap<i32, String> = municipality::Entity::find()
        .filter(municipality::Column::RegionId.eq(region_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let mut vacancies: HashMap<i32, (usize, Vec<VacancySummary>)> = HashMap::new();
    for v in vacancy::Entity::find()
        .filter(vacancy::Column::EmployerId.is_in(ids))
        .order_by_desc(vacancy::Column::CreatedAt)
        .order_by_desc(vacancy::Column::Id)
        .all(db)
        .await?
    {
        let (count, shown) = vacancies.entry(v.employer_id).or_default();
        *count += 1;
        if shown.len() < VACANCIES_SHOWN {
            shown.push(VacancySummary {
                id: v.id,
                title: v.title,
                municipality: municipalities
                    .get(&v.municipality_id)
                    .cloned()
                    .unwrap_or_default(),
                status: VacancyStatus::from_code(&v.status).unwrap_or(VacancyStatus::Draft),
                hours_per_week: v.hours_per_week,
            });
        }
    }
    let organisations = orgs.map(|e| {
        let (vacancy_count, shown) = vacancies.remove(&e.id).unwrap_or_default();
        OrganisationView {
            contacts: contacts.remove(&e.id).unwrap_or_default(),
            id: e.id,
            name: e.name,
            vacancies: shown,
            vacancy_count,
        }
    });
    Ok(EmployerDesk {
        registrations,
        organisations,
    })
}

/// The organisations a registration for `name` may join: the same-name one first, then those
/// whose name shares a word of three letters or more with it, by name; at most [`MAX_CHOICES`].
fn choices(orgs: &[employer::Model], name: &str, same: Option<i32>) -> Vec<OrganisationChoice> {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_string)
            .collect()
    };
    let wanted = words(name);
    let mut similar: Vec<&employer::Model> = orgs
        .iter()
        .filter(|e| Some(e.id) != same && words(&e.name).iter().any(|w| wanted.contains(w)))
        .collect();
    similar.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    same.and_then(|id| orgs.iter().find(|e| e.id == id))
        .into_iter()
        .chain(similar)
        .take(MAX_CHOICES)
        .map(|e| OrganisationChoice {
            id: e.id,
            name: e.name.clone(),
        })
        .collect()
}

/// Where an approved contact person goes: a new organisation, or one the staff picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// Staff did not choose (allowed only when no organisation of the same name exists).
    Unchosen,
    New,
    Existing(i32),
}

impl Join {
    /// The form's value: "" (not chosen), "new", or an organisation id.
    pub fn parse(value: &str) -> Result<Join, AppError> {
        match value.trim() {
            "" => Ok(Join::Unchosen),
            "new" => Ok(Join::New),
            v => v.parse().map(Join::Existing).map_err(|_| {
                AppError::invalid("organisation", "Kies een organisatie uit de lijst.")
            }),
        }
    }
}

/// What a decision on a registration did. `Approved` carries the activation token (tests follow
/// it; it is only ever mailed to the contact person).
#[derive(Debug, PartialEq, Eq)]
pub enum Decided {
    Rejected,
    AwaitingSecond,
    Approved(String),
    Reopened,
}

impl Decided {
    pub fn view(&self) -> RegistrationDecision {
        match self {
            Decided::Rejected => RegistrationDecision::Rejected,
            Decided::AwaitingSecond => RegistrationDecision::AwaitingSecond,
            Decided::Approved(_) => RegistrationDecision::Approved,
            Decided::Reopened => RegistrationDecision::Reopened,
        }
    }
}

fn already_decided() -> AppError {
    AppError::invalid("id", "Over deze aanmelding is al besloten.")
}

/// A staff member of the registration's region decides on it. Opening a region's candidates to
/// a new contact person takes two people (SPEC §11): the first approval only records who gave
/// it and where the contact goes; a second staff member of the region confirms it, and only then
/// do the organisation (when new), the account and the activation link exist. Nobody confirms
/// their own approval. One person may reject, also an approval waiting for confirmation.
/// Each decision is in the audit log of every gemeente of the region.
pub async fn decide<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    id: i32,
    approve: bool,
    reason: &str,
    join: Join,
    public_url: &str,
) -> Result<Decided, AppError> {
    let reg = employer_registration::Entity::find_by_id(id)
        .filter(employer_registration::Column::RegionId.eq(p.region_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let reason = reason.trim().to_string();
    match (reg.status.as_str(), approve) {
        (PENDING | AWAITING_SECOND, false) => reject(db, p, reg, reason).await,
        (PENDING, true) => approve_first(db, p, reg, reason, join).await,
        (AWAITING_SECOND, true) => confirm(db, p, reg, reason, public_url).await,
        _ => Err(already_decided()),
    }
}

/// Moves registration `id` from status `from` to what `set` says, in one statement that checks
/// the status it changes: of two staff members deciding at once, on either database, one
/// succeeds and the other is told it was decided already.
async fn transition<C: ConnectionTrait>(
    txn: &C,
    id: i32,
    from: &str,
    set: employer_registration::ActiveModel,
) -> Result<(), AppError> {
    let moved = employer_registration::Entity::update_many()
        .set(set)
        .filter(employer_registration::Column::Id.eq(id))
        .filter(employer_registration::Column::Status.eq(from))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(already_decided());
    }
    Ok(())
}

fn registration_entry(action: &'static str, id: i32) -> Entry {
    Entry::object(action, "employer_registration", id)
        .about(kernel::processing::DataSubject::EmployerRegistration(id))
}

async fn reject<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    reg: employer_registration::Model,
    reason: String,
) -> Result<Decided, AppError> {
    if reason.chars().count() < 5 {
        return Err(AppError::invalid(
            "reason",
            "Geef een reden voor de afwijzing; de aanmelder krijgt die te lezen.",
        ));
    }
    let txn = crate::foundation::db::begin_write(db).await?;
    transition(
        &txn,
        reg.id,
        &reg.status,
        employer_registration::ActiveModel {
            status: Set(REJECTED.into()),
            reason: Set(Some(reason.clone())),
            decided_by: Set(Some(p.user_id)),
            decided_at: Set(Some(Utc::now())),
            ..Default::default()
        },
    )
    .await?;
    mail::enqueue(
        &txn,
        &reg.email,
        &Mail::EmployerRejected {
            name: reg.first_name.clone(),
            organisation: reg.organisation.clone(),
            reason,
        },
    )
    .await?;
    audit::record_in_region(
        &txn,
        p,
        p.region_id,
        registration_entry("reject_employer", reg.id),
    )
    .await?;
    txn.commit().await?;
    Ok(Decided::Rejected)
}

/// Refuses an approval for an address that meanwhile has an account the staff member sees
/// (one they do not see is answered as free: `invited::in_use_where_seen`).
async fn address_still_free<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    reg: &employer_registration::Model,
) -> Result<(), AppError> {
    if invited::in_use_where_seen(db, &reg.email, Some(p), None).await? {
        return Err(AppError::invalid(
            "id",
            "Er bestaat inmiddels al een account met dit e-mailadres.",
        ));
    }
    Ok(())
}

/// The active organisation `org_id` of the region, which an approved contact may join.
async fn joinable<C: ConnectionTrait>(
    db: &C,
    region_id: i32,
    org_id: i32,
) -> Result<employer::Model, AppError> {
    employer::Entity::find_by_id(org_id)
        .filter(employer::Column::RegionId.eq(region_id))
        .filter(employer::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("organisation", "Kies een organisatie uit de lijst."))
}

/// The first of two approvals: where the contact goes is settled now, nothing is created yet.
async fn approve_first<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    reg: employer_registration::Model,
    reason: String,
    join: Join,
) -> Result<Decided, AppError> {
    address_still_free(db, p, &reg).await?;
    let region_id = p.region_id;
    let joins = match join {
        Join::Unchosen
            if existing_employer(db, region_id, &reg.organisation)
                .await?
                .is_some() =>
        {
            return Err(AppError::invalid(
                "organisation",
                "Er bestaat al een organisatie met deze naam in de regio. Kies of de aanmelder \
                 contactpersoon wordt van die organisatie, of dat er een nieuwe organisatie komt.",
            ));
        }
        Join::Unchosen | Join::New => None,
        // Only an active organisation of the caller's own region; any other id is refused.
        Join::Existing(org_id) => Some(joinable(db, region_id, org_id).await?.id),
    };
    let txn = crate::foundation::db::begin_write(db).await?;
    transition(
        &txn,
        reg.id,
        PENDING,
        employer_registration::ActiveModel {
            status: Set(AWAITING_SECOND.into()),
            reason: Set((!reason.is_empty()).then_some(reason)),
            approved_by: Set(Some(p.user_id)),
            approved_at: Set(Some(Utc::now())),
            joins_employer_id: Set(joins),
            ..Default::default()
        },
    )
    .await?;
    audit::record_in_region(
        &txn,
        p,
        region_id,
        registration_entry("approve_employer", reg.id),
    )
    .await?;
    txn.commit().await?;
    Ok(Decided::AwaitingSecond)
}

/// The second approval, by another staff member of the region: the organisation (when new),
/// the contact's account and the activation link come into being.
async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    reg: employer_registration::Model,
    reason: String,
    public_url: &str,
) -> Result<Decided, AppError> {
    if reg.approved_by == Some(p.user_id) {
        return Err(AppError::invalid(
            "id",
            "Je keurde deze aanmelding zelf goed: een andere medewerker van de regio moet de \
             goedkeuring bevestigen.",
        ));
    }
    address_still_free(db, p, &reg).await?;
    let region_id = p.region_id;
    let now = Utc::now();
    // The first approver weighed the region's organisations as they were then. One of the same
    // name that came since (another registration confirmed meanwhile) was not weighed: rather
    // than make a twin, the registration goes back to the desk to be decided again.
    let txn = crate::foundation::db::begin_write(db).await?;
    // Confirmations of a region take turns, so two registrations of one new organisation
    // confirmed at the same moment cannot both make it (the second sees the first's).
    crate::foundation::db::lock::<entity::region::Entity, _>(&txn, region_id).await?;
    if reg.joins_employer_id.is_none()
        && twin_since(&txn, region_id, &reg.organisation, reg.approved_at).await?
    {
        transition(
            &txn,
            reg.id,
            AWAITING_SECOND,
            employer_registration::ActiveModel {
                status: Set(PENDING.into()),
                approved_by: Set(None),
                approved_at: Set(None),
                joins_employer_id: Set(None),
                ..Default::default()
            },
        )
        .await?;
        audit::record_in_region(
            &txn,
            p,
            region_id,
            registration_entry("reopen_employer", reg.id),
        )
        .await?;
        txn.commit().await?;
        return Ok(Decided::Reopened);
    }
    let mut decided = employer_registration::ActiveModel {
        status: Set(APPROVED.into()),
        decided_by: Set(Some(p.user_id)),
        decided_at: Set(Some(now)),
        ..Default::default()
    };
    if !reason.is_empty() {
        decided.reason = Set(Some(reason));
    }
    transition(&txn, reg.id, AWAITING_SECOND, decided).await?;
    let joined = match reg.joins_employer_id {
        Some(org_id) => Some(joinable(&txn, region_id, org_id).await?),
        None => None,
    };
    let org = match joined.clone() {
        Some(e) => e,
        None => {
            employer::ActiveModel {
                region_id: Set(region_id),
                name: Set(reg.organisation.clone()),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    employer_registration::ActiveModel {
        id: Set(reg.id),
        employer_id: Set(Some(org.id)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let user = invited::create(
        &txn,
        AccountOf::Employer {
            employer_id: org.id,
        },
        Invitee {
            email: reg.email.clone(),
            first_name: Some(reg.first_name.clone()),
            last_name: Some(reg.last_name.clone()),
            phone: Some(reg.phone.clone()),
        },
        None,
        false,
    )
    .await?;
    if joined.is_some() {
        // The organisation's current contacts learn that someone joined them, so a
        // mistaken or fraudulent addition does not go unnoticed.
        let contacts = app_user::Entity::find()
            .filter(app_user::Column::EmployerId.eq(org.id))
            .filter(app_user::Column::Id.ne(user.id))
            .filter(app_user::Column::Active.eq(true))
            .all(&txn)
            .await?;
        for c in contacts {
            mail::enqueue(
                &txn,
                &c.email,
                &Mail::EmployerContactAdded {
                    name: c.first_name.unwrap_or_default(),
                    organisation: org.name.clone(),
                    contact: format!("{} {} ({})", reg.first_name, reg.last_name, reg.email),
                },
            )
            .await?;
        }
    }
    let token = crate::identity::activation::issue_with(
        &txn,
        &user,
        |link, days| Mail::EmployerApproved {
            name: reg.first_name.clone(),
            organisation: org.name.clone(),
            link,
            days,
        },
        public_url,
    )
    .await?;
    audit::record_in_region(
        &txn,
        p,
        region_id,
        registration_entry("confirm_employer", reg.id),
    )
    .await?;
    txn.commit().await?;
    Ok(Decided::Approved(token))
}
