//! Account activation: a single-use link (valid 7 days) with which a new user — a job seeker
//! created by their gemeente, an approved employer — chooses a password.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const ACTIVATION_DAYS: i64 = 7;
pub const MIN_PASSWORD_LEN: usize = 12;
pub const MAX_PASSWORD_LEN: usize = 128;

/// Whether a link can still be used, and for which address (shown on the form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationInfo {
    pub email: String,
}

/// Password rules, shared by browser and server.
pub fn check_password(password: &str, repeat: &str, email: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(
            "password",
            format!(
                "Kies een wachtwoord van minstens {MIN_PASSWORD_LEN} tekens. Een zin van een paar woorden werkt goed."
            ),
        ));
    }
    if n > MAX_PASSWORD_LEN {
        return Err(AppError::invalid(
            "password",
            format!("Een wachtwoord mag hoogstens {MAX_PASSWORD_LEN} tekens zijn."),
        ));
    }
    if password.trim().to_lowercase() == email.trim().to_lowercase() {
        return Err(AppError::invalid(
            "password",
            "Je wachtwoord mag niet je e-mailadres zijn.",
        ));
    }
    if password != repeat {
        return Err(AppError::invalid(
            "password_repeat",
            "De twee wachtwoorden zijn niet gelijk.",
        ));
    }
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::audit::{self, Entry};
    use crate::auth::ssr::hash_password;
    use crate::mail::{self, Mail};
    use crate::policy::FieldSet;
    use chrono::{Duration, Utc};
    use entity::{activation_token, app_user, session};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
        TransactionSession, TransactionTrait,
    };
    use sha2::{Digest, Sha256};

    fn token_hash(token: &str) -> String {
        hex::encode(Sha256::digest(token.as_bytes()))
    }

    /// Creates a fresh link for `user` (earlier unused links stop working) and mails it with the
    /// plain activation template. Returns the token (tests follow the link; it is never shown to
    /// anyone else).
    pub async fn issue<C: ConnectionTrait>(
        db: &C,
        user: &app_user::Model,
        name: &str,
        public_url: &str,
    ) -> Result<String, AppError> {
        let name = name.to_string();
        issue_with(
            db,
            user,
            |link, days| Mail::Activation { name, link, days },
            public_url,
        )
        .await
    }

    /// As `issue`, with the mail built by `mail_for(link, days)`.
    pub async fn issue_with<C: ConnectionTrait>(
        db: &C,
        user: &app_user::Model,
        mail_for: impl FnOnce(String, i64) -> Mail,
        public_url: &str,
    ) -> Result<String, AppError> {
        activation_token::Entity::delete_many()
            .filter(activation_token::Column::UserId.eq(user.id))
            .filter(activation_token::Column::UsedAt.is_null())
            .exec(db)
            .await?;
        let token = hex::encode(rand::random::<[u8; 32]>());
        let now = Utc::now();
        activation_token::ActiveModel {
            id: Set(token_hash(&token)),
            user_id: Set(user.id),
            created_at: Set(now),
            expires_at: Set(now + Duration::days(ACTIVATION_DAYS)),
            used_at: Set(None),
        }
        .insert(db)
        .await?;
        let link = format!("{public_url}/activeren/{token}");
        mail::enqueue(db, &user.email, &mail_for(link, ACTIVATION_DAYS)).await?;
        Ok(token)
    }

    fn expired() -> AppError {
        AppError::invalid(
            "token",
            "Deze activatielink is verlopen of al gebruikt. Vraag je gemeente of werkgeverscontact om een nieuwe link.",
        )
    }

    async fn usable<C: ConnectionTrait>(
        db: &C,
        token: &str,
    ) -> Result<(activation_token::Model, app_user::Model), AppError> {
        let t = activation_token::Entity::find_by_id(token_hash(token))
            .one(db)
            .await?
            .filter(|t| t.used_at.is_none() && t.expires_at > Utc::now())
            .ok_or_else(expired)?;
        let user = app_user::Entity::find_by_id(t.user_id)
            .one(db)
            .await?
            .filter(|u| u.active)
            .ok_or_else(expired)?;
        Ok((t, user))
    }

    pub async fn info<C: ConnectionTrait>(db: &C, token: &str) -> Result<ActivationInfo, AppError> {
        let (_, user) = usable(db, token).await?;
        Ok(ActivationInfo { email: user.email })
    }

    /// Sets the password and uses up the link (all in one transaction).
    pub async fn redeem<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        token: &str,
        password: &str,
        repeat: &str,
    ) -> Result<(), AppError> {
        let (t, user) = usable(db, token).await?;
        check_password(password, repeat, &user.email)?;
        let hash = hash_password(password.to_string()).await?;
        let txn = crate::state::begin_write(db).await?;
        // Marking the link used only if it is still unused makes a double submit harmless.
        let claimed = activation_token::Entity::update_many()
            .col_expr(
                activation_token::Column::UsedAt,
                sea_orm::sea_query::Expr::value(Utc::now()),
            )
            .filter(activation_token::Column::Id.eq(t.id.clone()))
            .filter(activation_token::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Err(expired());
        }
        let mut row: app_user::ActiveModel = user.clone().into();
        row.password_hash = Set(Some(hash.as_phc().to_string()));
        row.update(&txn).await?;
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user.id))
            .exec(&txn)
            .await?;
        let mut entry = Entry::new("activate", "app_user", FieldSet::EMPTY);
        entry.actor_user_id = Some(user.id);
        entry.object_id = Some(user.id);
        audit::record(&txn, None, entry).await?;
        txn.commit().await?;
        Ok(())
    }
}

#[server(prefix = "/api", endpoint = "activation/info")]
pub async fn get_activation(token: String) -> Result<ActivationInfo, AppError> {
    ssr::info(&crate::state::db()?, &token).await
}

#[server(prefix = "/api", endpoint = "activation/redeem")]
pub async fn activate(
    token: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    ssr::redeem(&crate::state::db()?, &token, &password, &password_repeat).await
}

#[component]
pub fn ActivationPage() -> impl IntoView {
    use leptos_router::hooks::use_params_map;
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, get_activation);
    let activate = ServerAction::<Activate>::new();
    let result = activate.value();
    let error_for = move |field: &'static str| {
        Signal::derive(move || match result.get() {
            Some(Err(e)) => e.for_field(field),
            _ => None,
        })
    };
    view! {
        <h1 class="utrecht-heading-1">"Account activeren"</h1>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                    Ok(info) => view! {
                        <Show
                            when=move || matches!(result.get(), Some(Ok(())))
                            fallback=move || { let email = info.email.clone(); view! {
                                <p class="utrecht-paragraph">
                                    "Kies een wachtwoord voor " <strong>{email.clone()}</strong>
                                    {format!(". Gebruik minstens {MIN_PASSWORD_LEN} tekens; een zin van een paar woorden is sterk en makkelijk te onthouden.")}
                                </p>
                                <ActionForm action=activate attr:class="hw-form">
                                    {move || error_for("token").get().map(|e| view! {
                                        <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div>
                                    })}
                                    <input type="hidden" name="token" value=token() />
                                    <input type="hidden" name="username" autocomplete="username" value=email />
                                    <crate::contact::TextField id="activate-password" name="password" label="Nieuw wachtwoord" kind="password" autocomplete="new-password" error=error_for("password") />
                                    <crate::contact::TextField id="activate-password-repeat" name="password_repeat" label="Herhaal het wachtwoord" kind="password" autocomplete="new-password" error=error_for("password_repeat") />
                                    <button class="utrecht-button utrecht-button--primary-action" type="submit">"Wachtwoord opslaan"</button>
                                </ActionForm>
                            }}
                        >
                            <div class="utrecht-alert utrecht-alert--ok" role="status">
                                <p class="utrecht-paragraph">"Je account is geactiveerd. Je kunt nu inloggen."</p>
                            </div>
                            <p class="utrecht-paragraph"><a class="utrecht-link" href="/inloggen">"Naar inloggen"</a></p>
                        </Show>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
