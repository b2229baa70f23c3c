//! Log-in and log-out: argon2id passwords, server-side sessions in the database, and the
//! principal (role and row scope) an account acts as. `Context::require` is the guard.

use crate::domain::Role;
use crate::error::AppError;
pub use kernel::views::auth::*;

use crate::audit::{self, Entry};
use crate::foundation::ratelimit::{
    self, GLOBAL, LOGIN_ATTEMPTS, LOGIN_FAILURES, LOGIN_FAILURES_PER_CLIENT,
};
use crate::policy::FieldSet;
use crate::scope::Scope;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, Utc};
use entity::{app_user, employer, job_seeker, municipality, partner, session};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// The session cookie on plain http (only for a site on localhost, see `Config`).
pub const SESSION_COOKIE: &str = "hw_session";
/// The session cookie behind https: the `__Host-` prefix makes the browser accept it only
/// with `Secure`, `Path=/` and no `Domain`, so no other host (a subdomain, a network attacker on
/// plain http) can set or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-hw_session";
/// Absolute session lifetime; after this the user logs in again, however active.
pub const SESSION_HOURS: i64 = 12;
/// A session's last use is written at most once a minute, not on every request.
const SEEN_EVERY_SECS: i64 = 60;
pub const MIN_PASSWORD_LEN: usize = 12;

/// An argon2id hash in PHC format. Deliberately not `Serialize` and with a redacted
/// `Debug`: it cannot end up in a response or a log line.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn from_phc(phc: String) -> Self {
        PasswordHash(phc)
    }
    pub fn as_phc(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(…)")
    }
}

/// OWASP (2023) argon2id parameters: m = 19 MiB, t = 2, p = 1.
fn argon2() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters"),
    )
}

/// At most this many argon2 hashes run at once (each takes 19 MiB and a core for a moment), so
/// a flood of log-ins queues instead of exhausting memory and CPU; the global log-in ceiling
/// bounds the queue.
pub const MAX_CONCURRENT_HASHES: usize = 2;
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(MAX_CONCURRENT_HASHES);

/// Hashes off the async runtime: argon2 is deliberately slow.
pub async fn hash_password(password: String) -> Result<PasswordHash, AppError> {
    let _permit = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || hash_password_blocking(&password))
        .await
        .map_err(|_| AppError::Internal)?
}

pub fn hash_password_blocking(password: &str) -> Result<PasswordHash, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| PasswordHash(h.to_string()))
        .map_err(|_| AppError::Internal)
}

/// Verifies off the async runtime. Without a stored hash (unknown user, account not yet
/// activated) a dummy hash is checked, so timing does not reveal which accounts exist.
pub async fn verify_password(password: String, hash: Option<PasswordHash>) -> bool {
    static DUMMY: OnceLock<PasswordHash> = OnceLock::new();
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        let (hash, real) = match hash {
            Some(h) => (h, true),
            None => (
                DUMMY
                    .get_or_init(|| {
                        hash_password_blocking("not-a-real-password").expect("dummy hash")
                    })
                    .clone(),
                false,
            ),
        };
        let Ok(parsed) = argon2::PasswordHash::new(hash.as_phc()) else {
            return false;
        };
        argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && real
    })
    .await
    .unwrap_or(false)
}

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The stored id of a session token: its SHA-256 (the token itself is never stored).
pub fn session_id(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The name of the session cookie: `__Host-` prefixed behind https.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The longest a session of any role may go unused.
pub const LONGEST_IDLE_HOURS: i64 = 2;

/// How long a session may go unused: 30 minutes for the roles that see many people's data
/// (staff, partner, administrator), two hours for job seekers and employers.
pub fn idle_limit(role: Role) -> Duration {
    match role {
        Role::Staff | Role::Partner | Role::Admin => Duration::minutes(30),
        Role::JobSeeker | Role::Employer => Duration::hours(LONGEST_IDLE_HOURS),
    }
}

/// How far a session's log-in got. Staff, partner users and administrators first get an
/// `AwaitingCode` session (after the password), which reaches nothing but the second step;
/// everyone's log-in ends in a `Complete` one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    AwaitingCode,
    Complete,
}

/// A session waiting for its second factor lasts this long: the code is at hand, or the log-in
/// starts over.
const SECOND_STEP_MINUTES: i64 = 10;

/// Creates a session and returns the cookie token (only its hash is stored).
pub async fn create_session<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    stage: Stage,
) -> Result<String, AppError> {
    let token: [u8; 32] = rand::random();
    let token = hex::encode(token);
    let now = Utc::now();
    let (complete, lifetime) = match stage {
        Stage::AwaitingCode => (false, Duration::minutes(SECOND_STEP_MINUTES)),
        Stage::Complete => (true, Duration::hours(SESSION_HOURS)),
    };
    session::ActiveModel {
        id: Set(session_id(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + lifetime),
        last_seen_at: Set(Some(now)),
        login_complete: Set(complete),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Ends every session of a user: log out everywhere, activation, a reset, blocking an account.
pub async fn end_sessions<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<u64, AppError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Ends every session of the signed-in user, this one included, with its audit entry.
pub async fn logout_everywhere<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    p: &Principal,
) -> Result<u64, AppError> {
    use sea_orm::TransactionSession;
    let txn = crate::foundation::db::begin_write(db).await?;
    let ended = end_sessions(&txn, p.user_id).await?;
    audit::record(
        &txn,
        Some(p),
        Entry::new("logout_everywhere", "session", FieldSet::EMPTY),
    )
    .await?;
    txn.commit().await?;
    Ok(ended)
}

pub async fn destroy_session<C: ConnectionTrait>(db: &C, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(session_id(token))
        .exec(db)
        .await?;
    Ok(())
}

/// The user of a valid session token, and whether its log-in is complete: not past its
/// absolute end, not unused for longer than the user's role allows, and of an active account. A
/// session found too old is deleted; a live one is recorded as used (at most once a minute).
pub async fn session_user<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<(app_user::Model, bool)>, AppError> {
    let Some(s) = session::Entity::find_by_id(session_id(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(user) = app_user::Entity::find_by_id(s.user_id)
        .one(db)
        .await?
        .filter(|u| u.active && !u.awaiting_approval)
    else {
        return Ok(None);
    };
    let now = Utc::now();
    let seen = s.last_seen_at.unwrap_or(s.created_at);
    let idle = Role::from_code(&user.role)
        .map(idle_limit)
        .unwrap_or(Duration::minutes(30));
    if s.expires_at <= now || now - seen > idle {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    if (now - seen).num_seconds() >= SEEN_EVERY_SECS {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(s.id))
            .exec(db)
            .await?;
    }
    Ok(Some((user, s.login_complete)))
}

/// The session token in a `Cookie` header (for plain axum handlers too). Behind https only the
/// `__Host-` cookie counts: an unprefixed one could have been set by another host.
pub fn session_token(headers: &http::HeaderMap, secure: bool) -> Option<String> {
    let name = session_cookie_name(secure);
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
}

/// A signed-in user: identity, role and row scope, all from the server-side session.
#[derive(Clone, Debug)]
pub struct Principal {
    pub user_id: i32,
    pub role: Role,
    pub scope: Scope,
    pub name: String,
    pub organisation: String,
    /// The client address of the request this principal was made for (for the audit log;
    /// page resources rendered on the server run outside the request's task).
    pub origin: Option<String>,
}

impl Principal {
    pub fn audience(&self) -> crate::policy::Audience {
        self.scope.audience()
    }
}

async fn region_active<C: ConnectionTrait>(db: &C, region_id: i32) -> Result<bool, AppError> {
    Ok(entity::region::Entity::find_by_id(region_id)
        .one(db)
        .await?
        .is_some_and(|r| r.active))
}

/// Builds the principal (role and scope) of an account.
pub async fn principal_of<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
) -> Result<Principal, AppError> {
    let role = Role::from_code(&user.role).ok_or(AppError::Internal)?;
    let own_name = || display_name(user);
    let missing = || {
        tracing::error!(user = user.id, "account without its organisation");
        AppError::Internal
    };
    let (scope, name, organisation) = match role {
        Role::JobSeeker => {
            let p = job_seeker::Entity::find()
                .filter(job_seeker::Column::UserId.eq(user.id))
                .one(db)
                .await?
                .ok_or_else(missing)?;
            let m = municipality::Entity::find_by_id(p.municipality_id)
                .one(db)
                .await?
                .ok_or_else(missing)?;
            (
                Scope::OwnProfile {
                    job_seeker_id: p.id,
                    municipality_id: p.municipality_id,
                },
                format!("{} {}", p.first_name, p.last_name),
                format!("Gemeente {}", m.name),
            )
        }
        Role::Staff => {
            let m = municipality::Entity::find_by_id(user.municipality_id.ok_or_else(missing)?)
                .one(db)
                .await?
                .ok_or_else(missing)?;
            // Staff of a deactivated gemeente (or region) no longer work in HalloWerk.
            if !m.active || !region_active(db, m.region_id).await? {
                return Err(AppError::Forbidden);
            }
            (
                Scope::Municipality {
                    municipality_id: m.id,
                    region_id: m.region_id,
                },
                own_name(),
                format!("Gemeente {}", m.name),
            )
        }
        Role::Employer => {
            let e = employer::Entity::find_by_id(user.employer_id.ok_or_else(missing)?)
                .one(db)
                .await?
                .filter(|e| e.active)
                .ok_or(AppError::Forbidden)?;
            if !region_active(db, e.region_id).await? {
                return Err(AppError::Forbidden);
            }
            (
                Scope::Organisation {
                    employer_id: e.id,
                    region_id: e.region_id,
                },
                own_name(),
                e.name,
            )
        }
        Role::Partner => {
            let p = partner::Entity::find_by_id(user.partner_id.ok_or_else(missing)?)
                .one(db)
                .await?
                .filter(|p| p.active)
                .ok_or(AppError::Forbidden)?;
            let m = municipality::Entity::find_by_id(p.municipality_id)
                .one(db)
                .await?
                .ok_or_else(missing)?;
            // A deactivated gemeente or region shares nothing any more.
            if !m.active || !region_active(db, m.region_id).await? {
                return Err(AppError::Forbidden);
            }
            (
                Scope::Partner {
                    partner_id: p.id,
                    municipality_id: p.municipality_id,
                },
                own_name(),
                p.name,
            )
        }
        Role::Admin => (
            Scope::Platform,
            own_name(),
            "HalloWerk platformbeheer".into(),
        ),
    };
    Ok(Principal {
        user_id: user.id,
        role,
        scope,
        name,
        organisation,
        origin: None,
    })
}

/// The signed-in user of a plain-http request's `Cookie` header (the benchmark and tests; the
/// web layer uses the request's `Context`).
pub async fn principal_from_headers<C: ConnectionTrait>(
    db: &C,
    headers: &http::HeaderMap,
) -> Result<Option<Principal>, AppError> {
    match session_token(headers, false) {
        Some(token) => principal_for_token(db, &token).await,
        None => Ok(None),
    }
}

/// Who a session stands for.
#[derive(Clone, Debug)]
pub enum Signed {
    /// Signed in: the principal every guard checks.
    In(Principal),
    /// A staff member, partner user or administrator who gave the password; the code of the
    /// second factor is still to come. No principal exists for them yet, so no guard lets them
    /// past: they reach only the second step.
    AwaitingCode { user_id: i32 },
}

pub async fn signed_for_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<Signed>, AppError> {
    let Some((user, complete)) = session_user(db, token).await? else {
        return Ok(None);
    };
    let role = Role::from_code(&user.role).ok_or(AppError::Internal)?;
    if role.handles_many_people() && !complete {
        return Ok(Some(Signed::AwaitingCode { user_id: user.id }));
    }
    Ok(Some(Signed::In(principal_of(db, &user).await?)))
}

/// The principal of a session whose log-in is complete.
pub async fn principal_for_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<Principal>, AppError> {
    Ok(match signed_for_token(db, token).await? {
        Some(Signed::In(p)) => Some(p),
        Some(Signed::AwaitingCode { .. }) | None => None,
    })
}

/// A password log-in: the session's token (for the cookie), the account's role, and how far the
/// log-in got (staff, partner users and administrators go on to the second step).
#[derive(Debug)]
pub struct LoggedIn {
    pub token: String,
    pub role: Role,
    pub stage: Stage,
}

/// Signs in with the password: rate-limited per address, ends the session the browser presented
/// (`old_token`, so the session id is renewed at log-in) and starts a new one, complete or
/// awaiting the code of the second factor.
pub async fn login<C: ConnectionTrait>(
    db: &C,
    email: String,
    password: String,
    old_token: Option<&str>,
) -> Result<LoggedIn, AppError> {
    let email = normalise_email(&email);
    // Failures count per address *and* client (so guessing cannot lock the owner out from
    // elsewhere) and per client; every attempt counts against the global ceiling.
    let client = crate::foundation::client::client_key();
    let account = format!("{email}\u{0}{client}");
    let failures = [
        (LOGIN_FAILURES, account.as_str()),
        (LOGIN_FAILURES_PER_CLIENT, client.as_str()),
    ];
    ratelimit::check(db, &failures).await?;
    ratelimit::take(db, &[(LOGIN_ATTEMPTS, GLOBAL)]).await?;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let hash = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .map(PasswordHash::from_phc);
    let verified = verify_password(password, hash).await;
    let user = match user {
        Some(u) if verified && u.active => u,
        other => {
            ratelimit::hit(db, &failures).await?;
            let mut entry = Entry::new("login", "session", FieldSet::EMPTY).denied();
            entry.actor_user_id = other.map(|u| u.id);
            audit::record(db, None, entry).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    // The password is right, so the owner may know why it does not open yet (four eyes).
    if user.awaiting_approval {
        return Err(AppError::invalid(
            "email",
            "Je account wacht nog op goedkeuring door een medewerker van je gemeente. Je krijgt \
             toegang zodra die het account heeft goedgekeurd.",
        ));
    }
    // Refuses an account whose organisation no longer works in HalloWerk.
    let principal = principal_of(db, &user).await?;
    let stage = if principal.role.handles_many_people() {
        Stage::AwaitingCode
    } else {
        Stage::Complete
    };
    // Renew the session id at log-in: drop whatever session the browser presented.
    if let Some(old) = old_token {
        destroy_session(db, old).await?;
    }
    let token = create_session(db, user.id, stage).await?;
    let mut active: app_user::ActiveModel = user.into();
    active.last_login_at = Set(Some(Utc::now()));
    active.update(db).await?;
    let action = match stage {
        Stage::AwaitingCode => "login_password",
        Stage::Complete => "login",
    };
    audit::record(
        db,
        Some(&principal),
        Entry::new(action, "session", FieldSet::EMPTY),
    )
    .await?;
    Ok(LoggedIn {
        token,
        role: principal.role,
        stage,
    })
}

/// A person's name as it shows: "first last", either part possibly missing.
pub fn display_name(u: &app_user::Model) -> String {
    format!(
        "{} {}",
        u.first_name.as_deref().unwrap_or_default(),
        u.last_name.as_deref().unwrap_or_default()
    )
    .trim()
    .to_string()
}

/// A contact person in a list: "first last (e-mail address)".
pub fn name_and_email(u: &app_user::Model) -> String {
    format!("{} ({})", display_name(u), u.email)
}
