//! Employers joining HalloWerk: the public registration form, the pending registrations that
//! staff of the chosen region approve or reject, and the staff's read-only overview of the
//! region's organisations and vacancies. Approval creates a new organisation or adds a contact
//! person to an existing one that staff pick explicitly (a name match alone never joins: anyone
//! could register as "Gemeentewerken BV"); the existing contacts are told, and the new contact
//! gets an activation link.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationRow {
    pub id: i32,
    pub organisation: String,
    pub contact: String,
    pub email: String,
    pub phone: String,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// An organisation of this name already exists in the region: staff must choose between
    /// joining it and creating a new one.
    pub same_name_organisation: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancySummary {
    pub id: i32,
    pub title: String,
    pub municipality: String,
    pub status: crate::domain::VacancyStatus,
    pub hours_per_week: i16,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub id: i32,
    pub name: String,
    pub contacts: Vec<String>,
    pub vacancies: Vec<VacancySummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmployerDesk {
    pub registrations: Vec<RegistrationRow>,
    pub organisations: Vec<OrganisationView>,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::domain::{Role, VacancyStatus};
    use crate::mail::{self, Mail};
    use crate::policy::FieldSet;
    use crate::ratelimit::{Limit, client_key};
    use crate::validate;
    use entity::{app_user, employer, employer_registration, municipality, region, vacancy};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
        TransactionSession, TransactionTrait,
    };
    use std::collections::HashMap;
    use std::sync::OnceLock;

    pub const PENDING: &str = "pending";
    pub const APPROVED: &str = "approved";
    pub const REJECTED: &str = "rejected";

    fn registrations() -> &'static Limit {
        static LIMIT: OnceLock<Limit> = OnceLock::new();
        LIMIT.get_or_init(|| Limit::new(5, 60))
    }

    pub struct Registration {
        pub organisation: String,
        pub first_name: String,
        pub last_name: String,
        pub email: String,
        pub phone: String,
        pub region_id: String,
    }

    pub async fn register<C: ConnectionTrait>(db: &C, r: Registration) -> Result<i32, AppError> {
        let client = client_key();
        if registrations().exceeded(&client) {
            return Err(AppError::RateLimited);
        }
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
        if app_user::Entity::find()
            .filter(app_user::Column::Email.eq(&email))
            .one(db)
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "email",
                "Met dit e-mailadres bestaat al een account. Log in, of kies een ander zakelijk e-mailadres.",
            ));
        }
        let pending = employer_registration::Entity::find()
            .filter(employer_registration::Column::Email.eq(&email))
            .filter(employer_registration::Column::Status.eq(PENDING))
            .one(db)
            .await?;
        if pending.is_some() {
            return Err(AppError::invalid(
                "email",
                "Er loopt al een aanmelding met dit e-mailadres. De gemeente behandelt die zo snel mogelijk.",
            ));
        }
        registrations().hit(&client);
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
        Ok(row.id)
    }

    fn region_of(p: &Principal) -> Result<i32, AppError> {
        match p.scope {
            crate::scope::Scope::Municipality { region_id, .. } => Ok(region_id),
            _ => Err(AppError::Forbidden),
        }
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

    pub async fn desk<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<EmployerDesk, AppError> {
        let region_id = region_of(p)?;
        let regs = employer_registration::Entity::find()
            .filter(employer_registration::Column::RegionId.eq(region_id))
            .order_by_desc(employer_registration::Column::CreatedAt)
            .all(db)
            .await?;
        // The region's organisations, read once: for the same-name question and the overview.
        let orgs = employer::Entity::find()
            .filter(employer::Column::RegionId.eq(region_id))
            .order_by_asc(employer::Column::Name)
            .all(db)
            .await?;
        let mut registrations = Vec::new();
        for r in regs {
            let same_name_organisation = (r.status == PENDING)
                .then(|| same_name(&orgs, &r.organisation).map(|e| e.id))
                .flatten();
            registrations.push(RegistrationRow {
                id: r.id,
                organisation: r.organisation,
                contact: format!("{} {}", r.first_name, r.last_name),
                email: r.email,
                phone: r.phone,
                status: r.status,
                reason: r.reason,
                created_at: r.created_at,
                same_name_organisation,
            });
        }
        let municipalities: HashMap<i32, String> = municipality::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        let mut organisations = Vec::new();
        for e in orgs {
            let contacts = app_user::Entity::find()
                .filter(app_user::Column::EmployerId.eq(e.id))
                .all(db)
                .await?
                .into_iter()
                .map(|u| {
                    format!(
                        "{} {} ({})",
                        u.first_name.unwrap_or_default(),
                        u.last_name.unwrap_or_default(),
                        u.email
                    )
                })
                .collect();
            let vacancies = vacancy::Entity::find()
                .filter(vacancy::Column::EmployerId.eq(e.id))
                .order_by_desc(vacancy::Column::CreatedAt)
                .all(db)
                .await?
                .into_iter()
                .map(|v| VacancySummary {
                    id: v.id,
                    title: v.title,
                    municipality: municipalities
                        .get(&v.municipality_id)
                        .cloned()
                        .unwrap_or_default(),
                    status: VacancyStatus::from_code(&v.status).unwrap_or(VacancyStatus::Draft),
                    hours_per_week: v.hours_per_week,
                })
                .collect();
            organisations.push(OrganisationView {
                id: e.id,
                name: e.name,
                contacts,
                vacancies,
            });
        }
        Ok(EmployerDesk {
            registrations,
            organisations,
        })
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

    /// Approves or rejects a pending registration of the caller's region. Returns the activation
    /// token on approval (tests follow it; it is only ever mailed to the contact person).
    pub async fn decide<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        id: i32,
        approve: bool,
        reason: &str,
        join: Join,
        public_url: &str,
    ) -> Result<Option<String>, AppError> {
        let region_id = region_of(p)?;
        let reg = employer_registration::Entity::find_by_id(id)
            .filter(employer_registration::Column::RegionId.eq(region_id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        if reg.status != PENDING {
            return Err(AppError::invalid(
                "id",
                "Over deze aanmelding is al besloten.",
            ));
        }
        let reason = reason.trim().to_string();
        let now = Utc::now();
        let mut entry = Entry::new(
            if approve {
                "approve_employer"
            } else {
                "reject_employer"
            },
            "employer_registration",
            FieldSet::EMPTY,
        );
        entry.object_id = Some(reg.id);
        if !approve {
            if reason.chars().count() < 5 {
                return Err(AppError::invalid(
                    "reason",
                    "Geef een reden voor de afwijzing; de aanmelder krijgt die te lezen.",
                ));
            }
            let txn = crate::state::begin_write(db).await?;
            let mut row: employer_registration::ActiveModel = reg.clone().into();
            row.status = Set(REJECTED.into());
            row.reason = Set(Some(reason.clone()));
            row.decided_by = Set(Some(p.user_id));
            row.decided_at = Set(Some(now));
            row.update(&txn).await?;
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
            audit::record(&txn, Some(p), entry).await?;
            txn.commit().await?;
            return Ok(None);
        }
        if app_user::Entity::find()
            .filter(app_user::Column::Email.eq(&reg.email))
            .one(db)
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "id",
                "Er bestaat inmiddels al een account met dit e-mailadres.",
            ));
        }
        let txn = crate::state::begin_write(db).await?;
        let same_name = existing_employer(&txn, region_id, &reg.organisation).await?;
        let joined = match join {
            Join::Unchosen if same_name.is_some() => {
                return Err(AppError::invalid(
                    "organisation",
                    "Er bestaat al een organisatie met deze naam in de regio. Kies of de aanmelder \
                     contactpersoon wordt van die organisatie, of dat er een nieuwe organisatie komt.",
                ));
            }
            Join::Unchosen | Join::New => None,
            // Only an active organisation of the caller's own region; any other id is refused.
            Join::Existing(org_id) => Some(
                employer::Entity::find_by_id(org_id)
                    .filter(employer::Column::RegionId.eq(region_id))
                    .filter(employer::Column::Active.eq(true))
                    .one(&txn)
                    .await?
                    .ok_or_else(|| {
                        AppError::invalid("organisation", "Kies een organisatie uit de lijst.")
                    })?,
            ),
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
        let user = app_user::ActiveModel {
            email: Set(reg.email.clone()),
            password_hash: Set(None),
            role: Set(Role::Employer.code().into()),
            employer_id: Set(Some(org.id)),
            first_name: Set(Some(reg.first_name.clone())),
            last_name: Set(Some(reg.last_name.clone())),
            phone: Set(Some(reg.phone.clone())),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut row: employer_registration::ActiveModel = reg.clone().into();
        row.status = Set(APPROVED.into());
        row.reason = Set((!reason.is_empty()).then_some(reason));
        row.decided_by = Set(Some(p.user_id));
        row.decided_at = Set(Some(now));
        row.employer_id = Set(Some(org.id));
        row.update(&txn).await?;
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
        let token = crate::activation::ssr::issue_with(
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
        audit::record(&txn, Some(p), entry).await?;
        txn.commit().await?;
        Ok(Some(token))
    }
}

#[server(prefix = "/api", endpoint = "employers/register")]
pub async fn register_employer(
    organisation: String,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    region_id: String,
) -> Result<i32, AppError> {
    let db = crate::state::db()?;
    ssr::register(
        &db,
        ssr::Registration {
            organisation,
            first_name,
            last_name,
            email,
            phone,
            region_id,
        },
    )
    .await
}

#[server(prefix = "/api", endpoint = "employers/desk")]
pub async fn get_employer_desk() -> Result<EmployerDesk, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    ssr::desk(&crate::state::db()?, &me).await
}

/// `decision` is "approve" or "reject"; rejection needs a reason. `organisation` ("new" or an
/// organisation id) says where an approved contact goes; it must be given when an
/// organisation of the same name exists.
#[server(prefix = "/api", endpoint = "employers/decide")]
pub async fn decide_registration(
    id: i32,
    decision: String,
    reason: String,
    #[server(default)] organisation: String,
) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            return Err(AppError::invalid(
                "decision",
                "Kies goedkeuren of afwijzen.",
            ));
        }
    };
    let join = ssr::Join::parse(&organisation)?;
    let state = crate::state::state()?;
    ssr::decide(
        &state.db,
        &me,
        id,
        approve,
        &reason,
        join,
        &state.public_url,
    )
    .await
    .map(|_| ())
}

#[component]
pub fn RegisterEmployerPage() -> impl IntoView {
    use crate::contact::{TextField, contact_regions};
    let register = ServerAction::<RegisterEmployer>::new();
    let regions = Resource::new(|| (), |_| contact_regions());
    let result = register.value();
    let error_for = move |field: &'static str| {
        Signal::derive(move || match result.get() {
            Some(Err(e)) => e.for_field(field),
            _ => None,
        })
    };
    let general = move || match result.get() {
        Some(Err(e)) if !matches!(e, AppError::Invalid { .. }) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <h1 class="utrecht-heading-1">"Aanmelden als werkgever"</h1>
        <p class="utrecht-paragraph">
            "Zoek je medewerkers via de gemeenten in je regio? Meld je organisatie aan. Een medewerker van de regio "
            "beoordeelt je aanmelding; daarna krijg je een e-mail om je account te activeren."
        </p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                let regions = regions.await.unwrap_or_default();
                view! {
                    <Show
                        when=move || matches!(result.get(), Some(Ok(_)))
                        fallback=move || {
                            let regions = regions.clone();
                            view! {
                                <ActionForm action=register attr:class="hw-form">
                                    {move || general().map(|e| view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div> })}
                                    <TextField id="reg-organisation" name="organisation" label="Naam van de organisatie" autocomplete="organization" error=error_for("organisation") />
                                    <TextField id="reg-first-name" name="first_name" label="Voornaam contactpersoon" autocomplete="given-name" error=error_for("first_name") />
                                    <TextField id="reg-last-name" name="last_name" label="Achternaam contactpersoon" autocomplete="family-name" error=error_for("last_name") />
                                    <TextField id="reg-email" name="email" label="Zakelijk e-mailadres" kind="email" autocomplete="email" error=error_for("email") />
                                    <TextField id="reg-phone" name="phone" label="Zakelijk telefoonnummer" kind="tel" autocomplete="tel" error=error_for("phone") />
                                    <div class="utrecht-form-field">
                                        <label class="utrecht-form-label" for="reg-region">"Regio"</label>
                                        {move || error_for("region_id").get().map(|e| view! { <p class="utrecht-form-field-error-message">{e}</p> })}
                                        <select class="utrecht-select utrecht-select--html-select" id="reg-region" name="region_id" required>
                                            <option value="">"Kies een regio"</option>
                                            {regions.into_iter().map(|r| view! { <option value=r.id.to_string()>{r.name}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <button class="utrecht-button utrecht-button--primary-action" type="submit">"Aanmelding versturen"</button>
                                </ActionForm>
                            }
                        }
                    >
                        <div class="utrecht-alert utrecht-alert--ok" role="status">
                            <p class="utrecht-paragraph">"Bedankt voor je aanmelding. Je krijgt een e-mail zodra de regio erover heeft besloten."</p>
                        </div>
                    </Show>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EmployerDeskPage() -> impl IntoView {
    let decide = ServerAction::<DecideRegistration>::new();
    let desk = Resource::new(move || decide.version().get(), |_| get_employer_desk());
    view! {
        <h1 class="utrecht-heading-1">"Werkgevers"</h1>
        {move || match decide.value().get() {
            Some(Err(e)) => Some(view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e.to_string()}</p></div> }),
            _ => None,
        }}
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match desk.await {
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                    Ok(d) => {
                        let pending: Vec<_> = d.registrations.iter().filter(|r| r.status == "pending").cloned().collect();
                        let orgs: Vec<(i32, String)> = d.organisations.iter().map(|o| (o.id, o.name.clone())).collect();
                        view! {
                            <section class="hw-section" aria-labelledby="registrations-heading">
                                <h2 class="utrecht-heading-2" id="registrations-heading">"Aanmeldingen"</h2>
                                {if pending.is_empty() {
                                    view! { <p class="utrecht-paragraph">"Er zijn geen aanmeldingen die op een besluit wachten."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="hw-cards hw-cards--wide" data-testid="registrations">
                                            {pending.into_iter().map(|r| {
                                                let id = r.id;
                                                let same = r.same_name_organisation;
                                                let orgs = orgs.clone();
                                                view! {
                                                    <li class="hw-card">
                                                        <h3 class="utrecht-heading-3">{r.organisation.clone()}</h3>
                                                        <p class="utrecht-paragraph">{format!("{} · {} · {} · aangemeld {}", r.contact, r.email, r.phone, r.created_at.format("%d-%m-%Y"))}</p>
                                                        {same.is_some().then(|| view! { <p class="utrecht-paragraph">"Er bestaat al een organisatie met deze naam in de regio. Kies hieronder of de aanmelder daar contactpersoon wordt; de huidige contactpersonen krijgen dan bericht."</p> })}
                                                        <ActionForm action=decide attr:class="hw-form">
                                                            <input type="hidden" name="id" value=id.to_string() />
                                                            <div class="utrecht-form-field">
                                                                <label class="utrecht-form-label" for=format!("reg-org-{id}")>"Organisatie bij goedkeuren"</label>
                                                                <select class="utrecht-select utrecht-select--html-select" id=format!("reg-org-{id}") name="organisation">
                                                                    {same.is_some().then(|| view! { <option value="" selected>"Kies…"</option> })}
                                                                    <option value="new" selected=same.is_none()>{format!("Nieuwe organisatie: {}", r.organisation)}</option>
                                                                    {orgs.into_iter().map(|(oid, name)| {
                                                                        let label = if Some(oid) == same { format!("Contactpersoon van {name} (zelfde naam)") } else { format!("Contactpersoon van {name}") };
                                                                        view! { <option value=oid.to_string()>{label}</option> }
                                                                    }).collect_view()}
                                                                </select>
                                                            </div>
                                                            <div class="utrecht-form-field utrecht-form-field--textarea">
                                                                <label class="utrecht-form-label" for=format!("reg-reason-{id}")>"Reden (verplicht bij afwijzen)"</label>
                                                                <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=format!("reg-reason-{id}") name="reason" rows="2"></textarea>
                                                            </div>
                                                            <div class="utrecht-button-group">
                                                                <button class="utrecht-button utrecht-button--primary-action" type="submit" name="decision" value="approve">"Goedkeuren"</button>
                                                                <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="decision" value="reject">"Afwijzen"</button>
                                                            </div>
                                                        </ActionForm>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <section class="hw-section" aria-labelledby="organisations-heading">
                                <h2 class="utrecht-heading-2" id="organisations-heading">"Organisaties en vacatures in de regio"</h2>
                                {d.organisations.into_iter().map(|o| view! {
                                    <article class="hw-card">
                                        <h3 class="utrecht-heading-3">{o.name}</h3>
                                        <p class="utrecht-paragraph">"Contactpersonen: " {o.contacts.join(", ")}</p>
                                        <ul class="utrecht-unordered-list">
                                            {o.vacancies.into_iter().map(|v| view! {
                                                <li class="utrecht-unordered-list__item">{format!("{} — {} · {} uur · {}", v.title, v.municipality, v.hours_per_week, v.status.label())}</li>
                                            }).collect_view()}
                                        </ul>
                                    </article>
                                }).collect_view()}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
