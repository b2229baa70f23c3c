//! Log-in, log-out and "who am I": the pages and server functions, and the session cookie.
//! Passwords and log-in are in `service::identity::auth`, sessions and principals in `service::access`;
//! the guard is `state::caller`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::TextBox;
use crate::ui::field::FormField;
use kernel::error::AppError;
use kernel::views::auth::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::state::context;
    use kernel::domain::Role;
    use kernel::error::AppError;
    use kernel::views::auth::{HOME_PATH, SECOND_STEP_PATH};
    use leptos::prelude::use_context;
    use service::access::session::{SESSION_HOURS, Stage, destroy_session, session_cookie_name};
    pub use service::identity::auth::*;

    /// Sets (or, with an empty value and age 0, clears) the session cookie on the response:
    /// `__Host-` prefixed and `Secure` behind https (plain http is allowed only for a site on
    /// localhost), never readable by scripts, and `SameSite=Strict` for the roles that see
    /// many people's data, so no link from another site arrives signed in.
    pub(crate) fn set_cookie(value: &str, max_age_secs: i64, strict: bool) -> Result<(), AppError> {
        let secure = context()?.state.cookies_secure();
        let cookie = format!(
            "{}={value}; Path=/; HttpOnly; SameSite={}; Max-Age={max_age_secs}{}",
            session_cookie_name(secure),
            if strict { "Strict" } else { "Lax" },
            if secure { "; Secure" } else { "" },
        );
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.append_header(
                http::header::SET_COOKIE,
                http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?,
            );
        }
        Ok(())
    }

    /// Signs in with the password; returns where to go next: the start page of the role, or
    /// the second step (staff, partner users and administrators).
    pub async fn login_with_cookie(email: String, password: String) -> Result<String, AppError> {
        let cx = context()?;
        let done = login(cx.db(), email, password, cx.token()).await?;
        let strict = done.role.handles_many_people();
        match done.stage {
            Stage::AwaitingCode => {
                set_cookie(&done.token, 3600, strict)?;
                Ok(SECOND_STEP_PATH.to_string())
            }
            Stage::Complete => {
                set_cookie(&done.token, SESSION_HOURS * 3600, strict)?;
                Ok(HOME_PATH.to_string())
            }
        }
    }

    /// The cookie of the complete session that a second step started.
    pub fn complete_cookie(token: &str, role: Role) -> Result<(), AppError> {
        set_cookie(token, SESSION_HOURS * 3600, role.handles_many_people())
    }

    pub async fn logout_with_cookie() -> Result<(), AppError> {
        let cx = context()?;
        if let Some(token) = cx.token() {
            destroy_session(cx.db(), token).await?;
        }
        set_cookie("", 0, false)
    }

    /// Ends every session of the signed-in user (on every device), this one included.
    pub async fn logout_everywhere_with_cookie() -> Result<(), AppError> {
        let (cx, me) = crate::state::caller_any(Role::ALL).await?;
        logout_everywhere(cx.db(), &me).await?;
        set_cookie("", 0, false)
    }
}

/// Signs in with the password; returns the start page of the user's role, or the second step.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<String, AppError> {
    ssr::login_with_cookie(email, password).await
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    ssr::logout_with_cookie().await
}

/// Signs out on every device: ends all sessions of this account.
#[server(prefix = "/api", endpoint = "logout-everywhere")]
pub async fn logout_everywhere() -> Result<(), AppError> {
    ssr::logout_everywhere_with_cookie().await
}

/// The signed-in user, or `None`.
#[server(prefix = "/api", endpoint = "me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    Ok(crate::state::context()?.principal().await?.map(|p| Me {
        name: p.name,
        role: p.role,
        organisation: p.organisation,
    }))
}

/// The page a signed-out visitor asked for before being sent to log in (`?terug=`), if any:
/// read in the browser only, where the log-in goes on (read from `location` rather than the
/// router's query map, which would tie the log-in's part of the bundle to the parts that use it).
pub fn asked_for() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        window()
            .location()
            .search()
            .ok()
            .and_then(|q| kernel::views::auth::asked_for_in(&q))
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// Full page load to `path`: after log-in/out every part of the page must be rebuilt for the
/// new user, so a client-side route change is not enough.
pub fn hard_navigate(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let value = login.value();
    let back = asked_for();
    // A link from another site (a mail opened in webmail) arrives without the session cookie of
    // staff, partners and administrators (SameSite=Strict), so the server sent the browser here
    // although its session runs; a request from this page carries the cookie: ask, and go on.
    #[cfg(feature = "hydrate")]
    if let Some(back) = back.clone() {
        leptos::task::spawn_local(async move {
            if let Ok(Some(_)) = current_user().await {
                hard_navigate(&kernel::views::auth::after_sign_in(
                    kernel::views::auth::HOME_PATH,
                    Some(&back),
                ));
            }
        });
    }
    Effect::new(move |_| {
        if let Some(Ok(path)) = value.get() {
            hard_navigate(&kernel::views::auth::after_sign_in(&path, back.as_deref()));
        }
    });
    let error = move || match value.get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <h1 class="utrecht-heading-1">"Inloggen"</h1>
        <p class="utrecht-paragraph">
            "Log in met het e-mailadres en wachtwoord van je HalloWerk-account."
        </p>
        <ActionForm action=login attr:class="utrecht-form hw-form">
            {move || {
                error()
                    .map(|e| {
                        view! {
                            <Alert tone=Tone::Error>
                                <p class="utrecht-paragraph">{e}</p>
                            </Alert>
                        }
                    })
            }}
            <FormField id="login-email" label="E-mailadres">
                <TextBox name="email" kind="email" autocomplete="username" />
            </FormField>
            <FormField id="login-password" label="Wachtwoord">
                <TextBox name="password" kind="password" autocomplete="current-password" />
            </FormField>
            <Button appearance=Appearance::Primary
                attr:disabled=move || login.pending().get()
            >
                "Inloggen"
            </Button>
        </ActionForm>
        <p class="utrecht-paragraph">
            <a class="utrecht-link" href="/wachtwoord-vergeten">"Wachtwoord vergeten?"</a>
        </p>
    }
}

/// The log-out buttons in the header: this session, or every session of the account (a
/// phone left signed in somewhere).
#[component]
pub fn LogoutButton() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let everywhere = ServerAction::<LogoutEverywhere>::new();
    let (done, done_everywhere) = (logout.value(), everywhere.value());
    Effect::new(move |_| {
        if matches!(done.get(), Some(Ok(()))) || matches!(done_everywhere.get(), Some(Ok(()))) {
            hard_navigate("/");
        }
    });
    view! {
        <ActionForm action=logout attr:class="hw-logout">
            <Button appearance=Appearance::Secondary>
                "Uitloggen"
            </Button>
        </ActionForm>
        <a class="utrecht-link hw-logout" href="/wachtwoord-wijzigen">"Wachtwoord wijzigen"</a>
        <ActionForm action=everywhere attr:class="hw-logout">
            <Button appearance=Appearance::Subtle
                attr:title="Beëindigt je sessies op alle apparaten"
            >
                "Overal uitloggen"
            </Button>
        </ActionForm>
    }
}
