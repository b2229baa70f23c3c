//! Log-in and log-out: argon2id passwords, server-side sessions in the database, and the
//! principal (role and row scope) an account acts as. `Context::require` is the guard.

use kernel::domain::Role;
use kernel::error::AppError;

use crate::access::audit::{self, Entry};
use crate::access::principal::{Principal, principal_of};
use crate::access::session::{Stage, create_session, destroy_session, end_sessions};
use crate::foundation::ratelimit::{
    self, GLOBAL, LOGIN_FAILURES, LOGIN_FAILURES_GLOBAL, LOGIN_FAILURES_PER_CLIENT,
};
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::Utc;
use entity::app_user;
use kernel::policy::FieldSet;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::sync::OnceLock;

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

/// An attempt at an account's password (a log-in, or the current password when changing it),
/// counted before the password is checked, so attempts sent at once cannot all be tried:
/// failures per address *and* client network (so guessing cannot lock the owner out from
/// elsewhere), per client network and platform-wide. A right password gives its counts back,
/// so a successful one never counts against anyone.
pub(crate) struct PasswordAttempt {
    /// Address and client network; client network.
    keys: [String; 2],
    taken: ratelimit::Taken,
}

impl PasswordAttempt {
    pub(crate) async fn take<C: ConnectionTrait>(db: &C, email: &str) -> Result<Self, AppError> {
        let client = crate::foundation::client::client_network();
        let keys = [format!("{email}\u{0}{client}"), client];
        let taken = ratelimit::take(db, &Self::limits(&keys)).await?;
        Ok(PasswordAttempt { keys, taken })
    }

    fn limits(keys: &[String; 2]) -> [(ratelimit::Limit, &str); 3] {
        [
            (LOGIN_FAILURES, keys[0].as_str()),
            (LOGIN_FAILURES_PER_CLIENT, keys[1].as_str()),
            (LOGIN_FAILURES_GLOBAL, GLOBAL),
        ]
    }

    /// The password was right: the attempt does not count as a failure.
    pub(crate) async fn passed<C: ConnectionTrait>(self, db: &C) -> Result<(), AppError> {
        self.taken.give_back(db, &Self::limits(&self.keys)).await
    }
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
    let attempt = PasswordAttempt::take(db, &email).await?;
    // The account that signs in with the address: at most one has a password (a unique index),
    // while accounts made for someone may share it until they are activated.
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .filter(app_user::Column::PasswordHash.is_not_null())
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
            let mut entry = Entry::new("login", "session", FieldSet::EMPTY).denied();
            if let Some(u) = &other {
                entry.subject = audit::account_subject(db, u).await;
            }
            entry.actor_user_id = other.map(|u| u.id);
            audit::record(db, None, entry).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    attempt.passed(db).await?;
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
    let stage = if principal.role.signs_in_with_second_factor() {
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
