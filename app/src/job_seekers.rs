//! Municipal staff's "Werkzoekenden": the job seekers of their own gemeente, with full profiles.

use crate::domain::ProfileState;
use crate::error::AppError;
use crate::profile::ProfileView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line of the staff list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobSeekerRow {
    pub id: i32,
    pub client_number: String,
    pub name: String,
    pub state: ProfileState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobSeekerList {
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub rows: Vec<JobSeekerRow>,
}

pub const PAGE_SIZE: u64 = 25;

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::paging;
    use crate::policy::{self, Audience, Field, FieldSet, ReadContext};
    use entity::job_seeker;
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

    /// The columns of the list, which must all be readable by the caller.
    const LIST_FIELDS: [Field; 3] = [Field::ClientNumber, Field::FirstName, Field::LastName];

    pub async fn list<C: ConnectionTrait>(
        db: &C,
        principal: &Principal,
        q: &str,
        page: u32,
    ) -> Result<JobSeekerList, AppError> {
        let readable = policy::readable(principal.audience(), &ReadContext::default());
        let shown: FieldSet = LIST_FIELDS.into_iter().collect();
        if !shown.is_subset(readable) || principal.audience() != Audience::Municipality {
            return Err(AppError::Forbidden);
        }
        let mut cond = Condition::all();
        for word in q.split_whitespace().take(4) {
            let pattern = format!("%{}%", word.to_lowercase().replace(['%', '_'], ""));
            let mut any =
                Condition::any().add(job_seeker::Column::ClientNumber.like(pattern.clone()));
            for col in [job_seeker::Column::FirstName, job_seeker::Column::LastName] {
                any = any.add(Expr::expr(Func::lower(Expr::col(col))).like(pattern.clone()));
            }
            cond = cond.add(any);
        }
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
            page.rows.iter().map(|m| Entry::profile("list", m, shown)),
        )
        .await?;
        let rows = page
            .rows
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
        media: &dyn crate::media::MediaStore,
        me: &Principal,
        id: i32,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
        use sea_orm::TransactionSession;
        if me.scope.profile(db, id).await?.is_none() {
            return Err(crate::profile::ssr::deny(db, me, id).await?);
        }
        let now = chrono::Utc::now();
        let txn = crate::state::begin_write(db).await?;
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
            let at = crate::erasure::schedule(&txn, profile, months as u32, now).await?;
            txn.commit().await?;
            Ok(Some(at))
        } else {
            audit::record(
                &txn,
                Some(me),
                Entry::profile("erase", &profile, FieldSet::EMPTY),
            )
            .await?;
            let files = crate::erasure::erase_in(&txn, profile, "closed", now).await?;
            txn.commit().await?;
            crate::erasure::delete_files(media, files).await;
            Ok(None)
        }
    }

    /// Invitations and interest of one job seeker of the caller's gemeente.
    pub async fn invitations_of<C: ConnectionTrait>(
        db: &C,
        me: &Principal,
        id: i32,
    ) -> Result<Vec<crate::invitations::InvitationView>, AppError> {
        use entity::invitation;
        let Some(profile) = me.scope.profile(db, id).await? else {
            return Err(crate::profile::ssr::deny(db, me, id).await?);
        };
        let rows = invitation::Entity::find()
            .filter(invitation::Column::JobSeekerId.eq(profile.id))
            .order_by_desc(invitation::Column::CreatedAt)
            .all(db)
            .await?;
        crate::invitations::ssr::views(db, rows, None).await
    }
}

#[cfg(feature = "ssr")]
pub mod changes {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::Principal;
    use crate::policy::{self, Field, FieldSet};
    use crate::scope::Scope;
    use crate::validate;
    use chrono::Utc;
    use entity::{app_user, job_seeker};
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
        p: &Principal,
        new: NewJobSeeker,
    ) -> Result<job_seeker::Model, AppError> {
        let Scope::Municipality {
            municipality_id, ..
        } = p.scope
        else {
            return Err(AppError::Forbidden);
        };
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
        if app_user::Entity::find()
            .filter(app_user::Column::Email.eq(&email))
            .one(db)
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "email",
                "Er is al een account met dit e-mailadres.",
            ));
        }
        let now = Utc::now();
        let txn = crate::state::begin_write(db).await?;
        let user = app_user::ActiveModel {
            email: Set(email),
            password_hash: Set(None),
            role: Set(crate::domain::Role::JobSeeker.code().into()),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
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
        p: &Principal,
        id: i32,
        public_url: &str,
    ) -> Result<String, AppError> {
        let Some(profile) = p.scope.profile(db, id).await? else {
            return Err(crate::profile::ssr::deny(db, p, id).await?);
        };
        if p.audience() != crate::policy::Audience::Municipality {
            return Err(AppError::Forbidden);
        }
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
        let txn = crate::state::begin_write(db).await?;
        let token =
            crate::activation::ssr::issue(&txn, &user, &profile.first_name, public_url).await?;
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
        p: &Principal,
        invitation_id: i32,
        outcome: &str,
    ) -> Result<(), AppError> {
        use crate::domain::Outcome;
        use entity::invitation;
        let outcome = Outcome::from_code(outcome)
            .ok_or_else(|| AppError::invalid("outcome", "Kies een uitkomst."))?;
        let row = invitation::Entity::find_by_id(invitation_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let Some(profile) = p.scope.profile(db, row.job_seeker_id).await? else {
            return Err(AppError::NotFound);
        };
        let txn = crate::state::begin_write(db).await?;
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
}

/// Creates a job seeker in the caller's gemeente; with `invite` the activation link is sent.
#[server(prefix = "/api", endpoint = "job-seekers/create")]
pub async fn create_job_seeker(
    client_number: String,
    first_name: String,
    last_name: String,
    email: String,
    invite: Option<String>,
) -> Result<i32, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    let state = crate::state::state()?;
    let new = changes::NewJobSeeker {
        client_number,
        first_name,
        last_name,
        email,
    };
    let profile = changes::create(&state.db, &me, new).await?;
    if invite.is_some() {
        changes::invite(&state.db, &me, profile.id, &state.public_url).await?;
    }
    Ok(profile.id)
}

/// Sends (again) the activation link to a job seeker of the caller's gemeente.
#[server(prefix = "/api", endpoint = "job-seekers/invite")]
pub async fn invite_job_seeker(id: i32) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    let state = crate::state::state()?;
    changes::invite(&state.db, &me, id, &state.public_url)
        .await
        .map(|_| ())
}

/// Closes a profile: erased after the gemeente's retention period (hidden until then), or at
/// once when the gemeente keeps none. Returns the planned erasure moment, if any. The close, its
/// effect and its audit entry are one transaction; media files go after the commit.
#[server(prefix = "/api", endpoint = "job-seekers/close")]
pub async fn close_job_seeker(id: i32) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    let state = crate::state::state()?;
    ssr::close(&state.db, state.media.as_ref(), &me, id).await
}

/// Invitations and interest of one job seeker of the caller's gemeente.
#[server(prefix = "/api", endpoint = "job-seekers/invitations")]
pub async fn job_seeker_invitations(
    id: i32,
) -> Result<Vec<crate::invitations::InvitationView>, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    ssr::invitations_of(&crate::state::db()?, &me, id).await
}

/// The gemeente records what came of an invitation (e.g. placed).
#[server(prefix = "/api", endpoint = "job-seekers/outcome")]
pub async fn record_outcome(invitation_id: i32, outcome: String) -> Result<(), AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    changes::record_outcome(&crate::state::db()?, &me, invitation_id, &outcome).await
}

/// Job seekers of the caller's own gemeente, searchable by name or client number.
#[server(prefix = "/api", endpoint = "job-seekers/list")]
pub async fn list_job_seekers(q: String, page: u32) -> Result<JobSeekerList, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    ssr::list(&crate::state::db()?, &me, &q, page).await
}

/// The full profile of one job seeker of the caller's gemeente (audited).
#[server(prefix = "/api", endpoint = "job-seekers/get")]
pub async fn get_job_seeker(id: i32) -> Result<ProfileView, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    crate::profile::ssr::read_profile(&crate::state::db()?, &me, id).await
}

#[component]
pub fn JobSeekersPage() -> impl IntoView {
    use leptos_router::hooks::{use_navigate, use_query_map};
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let page = Memo::new(move |_| {
        query
            .read()
            .get("pagina")
            .and_then(|p| p.parse::<u32>().ok())
            .map_or(0, |p| p.saturating_sub(1))
    });
    let list = Resource::new(
        move || (q.get(), page.get()),
        |(q, page)| list_job_seekers(q, page),
    );
    let navigate = use_navigate();
    let href = |q: &str, page: u32| {
        let mut parts = vec![];
        if !q.is_empty() {
            parts.push(format!("q={}", crate::candidates::urlencode(q)));
        }
        if page > 0 {
            parts.push(format!("pagina={}", page + 1));
        }
        if parts.is_empty() {
            "/werkzoekenden".to_string()
        } else {
            format!("/werkzoekenden?{}", parts.join("&"))
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        navigate(
            &href(&value, 0),
            leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let create = ServerAction::<CreateJobSeeker>::new();
    let created = create.value();
    let error_for = move |field: &'static str| {
        Signal::derive(move || match created.get() {
            Some(Err(e)) => e.for_field(field),
            _ => None,
        })
    };
    Effect::new(move |_| {
        if let Some(Ok(id)) = created.get() {
            crate::auth::hard_navigate(&format!("/werkzoekenden/{id}"));
        }
    });
    view! {
        <h1 class="utrecht-heading-1">"Werkzoekenden"</h1>
        <p class="utrecht-paragraph">"Alle werkzoekenden van jouw gemeente."</p>
        <details class="hw-section">
            <summary class="utrecht-button utrecht-button--secondary-action">"Werkzoekende toevoegen"</summary>
            <ActionForm action=create attr:class="hw-form">
                <crate::contact::TextField id="new-client-number" name="client_number" label="Gemeentelijk klantnummer" error=error_for("client_number") />
                <crate::contact::TextField id="new-first-name" name="first_name" label="Voornaam" error=error_for("first_name") />
                <crate::contact::TextField id="new-last-name" name="last_name" label="Achternaam" error=error_for("last_name") />
                <crate::contact::TextField id="new-email" name="email" label="E-mailadres" kind="email" error=error_for("email") />
                <div class="utrecht-form-field utrecht-form-field--checkbox">
                    <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="new-invite" name="invite" checked />
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for="new-invite">"Stuur direct een activatielink"</label>
                </div>
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Toevoegen"</button>
            </ActionForm>
        </details>
        <form class="hw-filter" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="utrecht-form-field utrecht-form-field--text">
                <label class="utrecht-form-label" for="search-q">"Zoek op naam of klantnummer"</label>
                <input
                    class="utrecht-textbox utrecht-textbox--html-input"
                    id="search-q"
                    type="search"
                    autocomplete="off"
                    prop:value=move || q.get()
                    on:input=on_input
                />
            </div>
        </form>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let q = q.get_untracked();
                        let prev = (list.page > 0).then(|| href(&q, list.page - 1));
                        let next = (list.page + 1 < list.pages).then(|| href(&q, list.page + 1));
                        view! {
                            <p class="utrecht-paragraph" role="status" aria-live="polite">
                                {format!("{} werkzoekenden", list.total)}
                            </p>
                            <table class="utrecht-table" data-testid="job-seeker-table">
                                <caption class="utrecht-table__caption">"Werkzoekenden van de gemeente"</caption>
                                <thead class="utrecht-table__header">
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="col">"Naam"</th>
                                        <th class="utrecht-table__header-cell" scope="col">"Klantnummer"</th>
                                        <th class="utrecht-table__header-cell" scope="col">"Status"</th>
                                    </tr>
                                </thead>
                                <tbody class="utrecht-table__body">
                                    {list.rows.into_iter().map(|r| view! {
                                        <tr class="utrecht-table__row">
                                            <td class="utrecht-table__cell">
                                                <a class="utrecht-link" href=format!("/werkzoekenden/{}", r.id)>{r.name}</a>
                                            </td>
                                            <td class="utrecht-table__cell">{r.client_number}</td>
                                            <td class="utrecht-table__cell">{r.state.label()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <crate::layout::Pager page=list.page pages=list.pages prev next />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn JobSeekerDetailPage() -> impl IntoView {
    use crate::domain::Outcome;
    use crate::policy::Audience;
    use leptos_router::hooks::use_params_map;
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let invite = ServerAction::<InviteJobSeeker>::new();
    let close = ServerAction::<CloseJobSeeker>::new();
    let outcome = ServerAction::<RecordOutcome>::new();
    let profile = Resource::new(
        move || (id(), close.version().get()),
        |(id, _)| get_job_seeker(id),
    );
    let invitations = Resource::new(
        move || (id(), outcome.version().get()),
        |(id, _)| job_seeker_invitations(id),
    );
    let notice = move || {
        if let Some(r) = invite.value().get() {
            return Some(match r {
                Ok(()) => view! { <p class="utrecht-paragraph" role="status">"De activatielink is verstuurd."</p> }.into_any(),
                Err(e) => view! { <p class="utrecht-form-field-error-message" role="alert">{e.to_string()}</p> }.into_any(),
            });
        }
        close.value().get().map(|r| match r {
            Ok(Some(at)) => view! { <p class="utrecht-paragraph" role="status">{format!("Het profiel is gesloten en wordt op {} verwijderd.", at.format("%d-%m-%Y"))}</p> }.into_any(),
            Ok(None) => view! { <p class="utrecht-paragraph" role="status">"Het profiel is verwijderd."</p> }.into_any(),
            Err(e) => view! { <p class="utrecht-form-field-error-message" role="alert">{e.to_string()}</p> }.into_any(),
        })
    };
    view! {
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/werkzoekenden">"← Terug naar werkzoekenden"</a></p>
        {notice}
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(view) => {
                        let name = view.full_name();
                        let state = view.state.map(|s| s.label()).unwrap_or_default();
                        let (pid, pid2) = (view.id.to_string(), view.id.to_string());
                        view! {
                            <h1 class="utrecht-heading-1">{name}</h1>
                            <p class="utrecht-paragraph">"Status: " <strong data-testid="job-seeker-state">{state}</strong></p>
                            <div class="utrecht-button-group">
                                <ActionForm action=invite>
                                    <input type="hidden" name="id" value=pid />
                                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Activatielink sturen"</button>
                                </ActionForm>
                                <ActionForm action=close>
                                    <input type="hidden" name="id" value=pid2 />
                                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Profiel sluiten"</button>
                                </ActionForm>
                            </div>
                            {view.photo_url.clone().map(|u| view! { <img class="hw-photo" src=u alt="Profielfoto" width="160" /> })}
                            <crate::profile_edit::ProfileEditor initial=view audience=Audience::Municipality />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <section class="hw-section" aria-labelledby="invitations-heading">
            <h2 class="utrecht-heading-2" id="invitations-heading">"Uitnodigingen en interesse"</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = invitations.await.unwrap_or_default();
                    if list.is_empty() {
                        return view! { <p class="utrecht-paragraph">"Nog geen uitnodigingen."</p> }.into_any();
                    }
                    view! {
                        <ul class="hw-cards hw-cards--wide" data-testid="staff-invitations">
                            {list.into_iter().map(|i| {
                                let select_id = format!("outcome-{}", i.id);
                                view! {
                                    <li class="hw-card">
                                        <h3 class="utrecht-heading-3">{format!("{} — {}", i.vacancy_title, i.employer)}</h3>
                                        <p class="utrecht-paragraph">
                                            {if i.by_employer { "Uitnodiging van de werkgever" } else { "Interesse van de werkzoekende" }}
                                            {format!(" · {} · {}", i.created_at.format("%d-%m-%Y"), i.status.label())}
                                            {i.outcome.map(|o| format!(" · uitkomst: {}", o.label()))}
                                        </p>
                                        <ActionForm action=outcome attr:class="hw-form hw-form--inline">
                                            <input type="hidden" name="invitation_id" value=i.id.to_string() />
                                            <div class="utrecht-form-field">
                                                <label class="utrecht-form-label" for=select_id.clone()>"Uitkomst"</label>
                                                <select class="utrecht-select utrecht-select--html-select" id=select_id name="outcome">
                                                    {Outcome::ALL.iter().map(|o| view! { <option value=o.code() selected=i.outcome == Some(*o)>{o.label()}</option> }).collect_view()}
                                                </select>
                                            </div>
                                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Uitkomst vastleggen"</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
