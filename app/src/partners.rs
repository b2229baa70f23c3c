//! Partners of a gemeente (the seed: Rotterdam shares data with a training institute): staff
//! register the organisation, its data-sharing agreement — exactly which profile fields, from
//! the policy's "per agreement" list, never work capacity — and its users. The agreement is
//! data the visibility policy reads; ending it ends all access at once.

use crate::error::AppError;
use crate::policy::Field;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreementView {
    pub fields: Vec<Field>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerView {
    pub id: i32,
    pub name: String,
    pub active: bool,
    pub agreement: Option<AgreementView>,
    pub users: Vec<String>,
}

/// A new partner with its agreement and first user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewPartner {
    pub name: String,
    pub fields: Vec<Field>,
    pub valid_until: Option<NaiveDate>,
    pub user_first_name: String,
    pub user_last_name: String,
    pub user_email: String,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::domain::Role;
    use crate::policy::{FieldSet, agreeable};
    use crate::privacy_desk::ssr::own_municipality;
    use crate::scope::current_agreement;
    use crate::validate;
    use chrono::{Duration, Utc};
    use entity::{app_user, partner, partner_agreement};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
        TransactionSession, TransactionTrait,
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

    pub async fn list<C: ConnectionTrait>(
        db: &C,
        p: &Principal,
    ) -> Result<Vec<PartnerView>, AppError> {
        let municipality_id = own_municipality(p)?;
        let mut out = Vec::new();
        for partner in partner::Entity::find()
            .filter(partner::Column::MunicipalityId.eq(municipality_id))
            .order_by_asc(partner::Column::Name)
            .all(db)
            .await?
        {
            let current = partner_agreement::Entity::find()
                .filter(partner_agreement::Column::PartnerId.eq(partner.id))
                .order_by_desc(partner_agreement::Column::Id)
                .one(db)
                .await?;
            let in_force = current_agreement(db, partner.id).await?;
            let agreement = match (current, in_force) {
                (Some(a), Some(fields)) => Some(AgreementView {
                    fields: fields.iter().collect(),
                    valid_from: a.valid_from,
                    valid_until: a.valid_until,
                }),
                _ => None,
            };
            let users = app_user::Entity::find()
                .filter(app_user::Column::PartnerId.eq(partner.id))
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
        p: &Principal,
        new: NewPartner,
        public_url: &str,
    ) -> Result<i32, AppError> {
        let municipality_id = own_municipality(p)?;
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
        let email =
            validate::email(&new.user_email).map_err(|m| AppError::invalid("user_email", m))?;
        if app_user::Entity::find()
            .filter(app_user::Column::Email.eq(&email))
            .one(db)
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "user_email",
                "Er is al een account met dit e-mailadres.",
            ));
        }
        let now = Utc::now();
        let txn = crate::state::begin_write(db).await?;
        let partner = partner::ActiveModel {
            municipality_id: Set(municipality_id),
            name: Set(name),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        partner_agreement::ActiveModel {
            partner_id: Set(partner.id),
            fields: Set(fields.codes()),
            valid_from: Set(today),
            valid_until: Set(new.valid_until),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let user = app_user::ActiveModel {
            email: Set(email),
            password_hash: Set(None),
            role: Set(Role::Partner.code().into()),
            partner_id: Set(Some(partner.id)),
            first_name: Set(Some(first.clone())),
            last_name: Set(Some(last)),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        crate::activation::ssr::issue(&txn, &user, &first, public_url).await?;
        let mut entry = Entry::new("create_partner", "partner", fields);
        entry.object_id = Some(partner.id);
        entry.municipality_id = Some(municipality_id);
        audit::record(&txn, Some(p), entry).await?;
        txn.commit().await?;
        Ok(partner.id)
    }

    /// Ends the agreement in force today: from now on the partner sees nothing.
    pub async fn end_agreement<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        p: &Principal,
        partner_id: i32,
    ) -> Result<(), AppError> {
        let municipality_id = own_municipality(p)?;
        partner::Entity::find_by_id(partner_id)
            .filter(partner::Column::MunicipalityId.eq(municipality_id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let yesterday = Utc::now().date_naive() - Duration::days(1);
        // The agreements end together with their audit entry, or not at all.
        let txn = crate::state::begin_write(db).await?;
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
        txn.commit().await?;
        Ok(())
    }
}

#[server(prefix = "/api", endpoint = "partners/list")]
pub async fn list_partners() -> Result<Vec<PartnerView>, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    ssr::list(&crate::state::db()?, &me).await
}

#[server(prefix = "/api", endpoint = "partners/create", input = leptos::server_fn::codec::Json)]
pub async fn create_partner(partner: NewPartner) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    let state = crate::state::state()?;
    ssr::create(&state.db, &me, partner, &state.public_url).await
}

#[server(prefix = "/api", endpoint = "partners/end-agreement")]
pub async fn end_agreement(partner_id: i32) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    ssr::end_agreement(&crate::state::db()?, &me, partner_id).await
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let end = ServerAction::<EndAgreement>::new();
    let create = Action::new(|p: &NewPartner| {
        let p = p.clone();
        async move { create_partner(p).await }
    });
    let partners = Resource::new(
        move || (end.version().get(), create.version().get()),
        |_| list_partners(),
    );
    let name = RwSignal::new(String::new());
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<Field>::new());
    let error = move || match create.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(NewPartner {
            name: name.get_untracked(),
            fields: chosen.get_untracked(),
            valid_until: NaiveDate::parse_from_str(&until.get_untracked(), "%Y-%m-%d").ok(),
            user_first_name: first.get_untracked(),
            user_last_name: last.get_untracked(),
            user_email: email.get_untracked(),
        });
    };
    view! {
        <h1 class="utrecht-heading-1">"Partners"</h1>
        <p class="utrecht-paragraph">"Organisaties waarmee de gemeente gegevens deelt. Een partner ziet alleen de gegevens uit de overeenkomst, van actieve werkzoekenden, zolang de overeenkomst loopt. Belastbaarheid wordt nooit gedeeld."</p>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match partners.await {
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                    Ok(list) => view! {
                        <ul class="hw-cards hw-cards--wide" data-testid="partners">
                            {list.into_iter().map(|p| view! {
                                <li class="hw-card">
                                    <h2 class="utrecht-heading-3">{p.name.clone()}</h2>
                                    {match p.agreement.clone() {
                                        Some(a) => view! {
                                            <p class="utrecht-paragraph">
                                                {format!("Overeenkomst sinds {}{}: ", a.valid_from.format("%d-%m-%Y"), a.valid_until.map(|d| format!(" tot en met {}", d.format("%d-%m-%Y"))).unwrap_or_default())}
                                                {a.fields.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ")}
                                            </p>
                                            <ActionForm action=end>
                                                <input type="hidden" name="partner_id" value=p.id.to_string() />
                                                <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Overeenkomst beëindigen"</button>
                                            </ActionForm>
                                        }.into_any(),
                                        None => view! { <p class="utrecht-paragraph">"Geen lopende overeenkomst: deze partner ziet niets."</p> }.into_any(),
                                    }}
                                    <p class="utrecht-paragraph">"Gebruikers: " {p.users.join(", ")}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Transition>
        <section class="hw-section" aria-labelledby="new-partner-heading">
            <h2 class="utrecht-heading-2" id="new-partner-heading">"Partner toevoegen"</h2>
            <form class="hw-form" on:submit=on_submit>
                {move || error().map(|e| view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div> })}
                {move || matches!(create.value().get(), Some(Ok(_))).then(|| view! { <p class="utrecht-paragraph" role="status">"Partner toegevoegd; de gebruiker krijgt een activatielink."</p> })}
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="partner-name">"Naam van de organisatie"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="partner-name" bind:value=name required />
                </div>
                <fieldset class="utrecht-form-fieldset">
                    <legend class="utrecht-form-fieldset__legend">"Gegevens in de overeenkomst"</legend>
                    {crate::policy::agreeable().iter().map(|f| {
                        let id = format!("agree-{}", f.code());
                        view! {
                            <div class="utrecht-form-field utrecht-form-field--checkbox">
                                <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=id.clone()
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { c.retain(|x| *x != f); if on { c.push(f) } });
                                    } />
                                <label class="utrecht-form-label utrecht-form-label--checkbox" for=id>{f.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="partner-until">"Einddatum van de overeenkomst (optioneel)"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="partner-until" type="date" bind:value=until />
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="partner-first">"Voornaam gebruiker"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="partner-first" bind:value=first required />
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="partner-last">"Achternaam gebruiker"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="partner-last" bind:value=last required />
                </div>
                <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for="partner-email">"E-mailadres gebruiker"</label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id="partner-email" type="email" bind:value=email required />
                </div>
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Partner toevoegen"</button>
            </form>
        </section>
    }
}
