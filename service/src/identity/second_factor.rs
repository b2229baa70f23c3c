//! The second factor of staff, partner users and administrators: TOTP (RFC 6238: six digits,
//! 30-second steps, HMAC-SHA-1, what every authenticator app supports). Enrolment at the first
//! log-in shows a QR code drawn here on the server (no outside service sees the secret) and the
//! secret as text; a first code confirms it and yields ten single-use recovery codes, of which
//! only hashes are kept. A code is accepted once (the account remembers the last time step
//! used). Losing the phone: a second person (an administrator, or a staff member of the same
//! gemeente) resets the factor and the next log-in enrols again.
//!
//! Completing the second step renews the session: the password-only session ends and a new,
//! complete one begins (`access::session::Stage`).

use crate::access::audit::{self, Entry};
use crate::access::principal::{Principal, principal_of};
use crate::access::scope::Scope;
use crate::access::session::{self, Stage};
use crate::foundation::ratelimit::{
    self, CODE_FAILURES, CODE_FAILURES_GLOBAL, CODE_FAILURES_PER_ACCOUNT, CODE_FAILURES_PER_CLIENT,
    GLOBAL,
};
use chrono::Utc;
use entity::{app_user, recovery_code};
use kernel::domain::Role;
use kernel::error::AppError;
use kernel::policy::FieldSet;
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, TOTP};

use kernel::views::auth::SecondStep;

/// The name an authenticator app shows beside the account.
pub const ISSUER: &str = "HalloWerk";
const STEP_SECS: u64 = 30;
const DIGITS: usize = 6;
pub const RECOVERY_CODES: usize = 10;
/// Recovery codes: twelve characters from an alphabet without look-alikes (no i, l, o, 0, 1),
/// about 59 bits each, shown in groups of four.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LEN: usize = 12;

/// The secret of the demo's staff, partner and administrator accounts (base32, 160 bits). Only
/// the embedded demo database uses it; start-up prints it, and `server totp-code` prints the
/// current code.
pub const DEMO_SECRET: &str = "HALLOWERKDEMOGEHEIMHALLOWERKDEMO";

fn totp(secret: &str, account: &str) -> Result<TOTP, AppError> {
    // No `?` on these errors: their messages can contain the secret.
    let bytes = totp_rs::Secret::Encoded(secret.to_string())
        .to_bytes()
        .map_err(|_| AppError::Internal)?;
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP_SECS,
        bytes,
        Some(ISSUER.into()),
        account.into(),
    )
    .map_err(|_| AppError::Internal)
}

/// The code of `secret` at `unix_secs` (the demo's `totp-code` sub-command and the tests).
pub fn code_at(secret: &str, unix_secs: u64) -> Result<String, AppError> {
    Ok(totp(secret, "demo")?.generate(unix_secs))
}

fn now_secs() -> u64 {
    Utc::now().timestamp().max(0) as u64
}

/// The time step a code belongs to: the current one, or one either side (clocks drift).
fn step_of(t: &TOTP, code: &str, now: u64) -> Option<u64> {
    let current = now / STEP_SECS;
    [current.saturating_sub(1), current, current + 1]
        .into_iter()
        .find(|s| t.check(code, s * STEP_SECS))
}

/// Accepts a time step once per account: one statement, so two instances receiving the same
/// code at the same moment cannot both accept it.
async fn claim_step<C: ConnectionTrait>(db: &C, user_id: i32, step: u64) -> Result<bool, AppError> {
    let step = step as i64;
    let res = app_user::Entity::update_many()
        .col_expr(app_user::Column::TotpLastStep, Expr::value(step))
        .filter(app_user::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(app_user::Column::TotpLastStep.is_null())
                .add(app_user::Column::TotpLastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// What a typed recovery code is compared by: lower case, letters and digits only.
fn normalise(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The stored id of a recovery code: SHA-256 of the account and the code.
fn recovery_id(user_id: i32, code: &str) -> String {
    let mut h = Sha256::new();
    h.update(user_id.to_string().as_bytes());
    h.update([0]);
    h.update(normalise(code).as_bytes());
    hex::encode(h.finalize())
}

fn new_recovery_code() -> String {
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..RECOVERY_LEN)
        .map(|_| RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Replaces the account's recovery codes with ten new ones and returns them (only now).
async fn replace_recovery_codes<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<Vec<String>, AppError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    recovery_code::Entity::insert_many(codes.iter().map(|c| recovery_code::ActiveModel {
        id: Set(recovery_id(user_id, c)),
        user_id: Set(user_id),
        used_at: Set(None),
    }))
    .exec_without_returning(db)
    .await?;
    Ok(codes)
}

/// Uses a recovery code of the account, once (one statement, as `claim_step`).
async fn use_recovery_code<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    code: &str,
) -> Result<bool, AppError> {
    let res = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(Utc::now()))
        .filter(recovery_code::Column::Id.eq(recovery_id(user_id, code)))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The unused recovery codes an account has left.
pub async fn recovery_codes_left<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

/// The account of a session awaiting its code (`Context::awaiting_code`).
async fn account<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<app_user::Model, AppError> {
    app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
        .ok_or(AppError::Unauthenticated)
}

fn wrong_code() -> AppError {
    AppError::invalid(
        "code",
        "Deze code klopt niet of is al gebruikt. Vul de nieuwste code uit je authenticator-app \
         in, of een van je herstelcodes.",
    )
}

/// An attempt at a code, counted before the code is checked (so codes sent at once cannot all
/// be tried): per account and client network, per account, per client network, and against the
/// platform-wide ceiling on wrong codes. A right code gives the counts back.
struct Attempt {
    keys: [String; 3],
    taken: ratelimit::Taken,
}

impl Attempt {
    async fn take<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Attempt, AppError> {
        let client = crate::foundation::client::client_network();
        let keys = [
            format!("{user_id}\u{0}{client}"),
            user_id.to_string(),
            client,
        ];
        let taken = ratelimit::take(db, &failure_limits(&keys)).await?;
        Ok(Attempt { keys, taken })
    }

    /// The code was right: it does not count as a failure. Called after the new session is
    /// committed, so a failure here is logged rather than answered (the log-in did succeed).
    async fn passed<C: ConnectionTrait>(self, db: &C) -> Result<(), AppError> {
        if let Err(e) = self.taken.give_back(db, &failure_limits(&self.keys)).await {
            tracing::warn!(error = %e, "giving back the count of a right code");
        }
        Ok(())
    }
}

fn failure_limits(keys: &[String; 3]) -> [(ratelimit::Limit, &str); 4] {
    [
        (CODE_FAILURES, keys[0].as_str()),
        (CODE_FAILURES_PER_ACCOUNT, keys[1].as_str()),
        (CODE_FAILURES_PER_CLIENT, keys[2].as_str()),
        (CODE_FAILURES_GLOBAL, GLOBAL),
    ]
}

/// A wrong code (already counted by its `Attempt`): audited; the error to answer with.
async fn refuse<C: ConnectionTrait>(db: &C, user_id: i32) -> AppError {
    let mut entry = Entry::new("login_code", "session", FieldSet::EMPTY).denied();
    entry.actor_user_id = Some(user_id);
    match audit::record(db, None, entry).await {
        Ok(_) => wrong_code(),
        Err(e) => e,
    }
}

/// The second step as the account awaiting it sees it: enrol (a new secret is made once and
/// kept until confirmed, so reloading the page shows the same QR code), or enter a code.
pub async fn step<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<SecondStep, AppError> {
    let user = account(db, user_id).await?;
    if user.totp_confirmed_at.is_some() {
        return Ok(SecondStep::Verify);
    }
    if user.totp_secret.is_none() {
        let fresh = totp_rs::Secret::Raw(rand::random::<[u8; 20]>().to_vec()).to_encoded();
        let totp_rs::Secret::Encoded(fresh) = fresh else {
            return Err(AppError::Internal);
        };
        // Only if no other request made one meanwhile. Stored sealed (`secret_box`).
        app_user::Entity::update_many()
            .col_expr(
                app_user::Column::TotpSecret,
                Expr::value(crate::foundation::secret_box::seal(&fresh)?),
            )
            .filter(app_user::Column::Id.eq(user_id))
            .filter(app_user::Column::TotpSecret.is_null())
            .exec(db)
            .await?;
    }
    let user = account(db, user_id).await?;
    let secret = crate::foundation::secret_box::open(&user.totp_secret.ok_or(AppError::Internal)?)?;
    let url = totp(&secret, &user.email)?.get_url();
    let svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|_| AppError::Internal)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build();
    // Inline in the page: the XML declaration has no place there.
    let qr_svg = match svg.find("<svg") {
        Some(start) => svg[start..].to_string(),
        None => svg,
    };
    Ok(SecondStep::Enrol { qr_svg, secret })
}

/// A completed second step: the new session's token (the old one has ended) and the role.
#[derive(Debug)]
pub struct Passed {
    pub token: String,
    pub role: Role,
    /// After an enrolment: the ten recovery codes, shown this once.
    pub recovery_codes: Vec<String>,
}

/// Confirms an enrolment with the first code from the app; returns the recovery codes.
pub async fn enrol<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: i32,
    old_token: &str,
    code: &str,
) -> Result<Passed, AppError> {
    let user = account(db, user_id).await?;
    let (Some(secret), None) = (&user.totp_secret, user.totp_confirmed_at) else {
        return Err(AppError::BadRequest);
    };
    let attempt = Attempt::take(db, user_id).await?;
    let t = totp(&crate::foundation::secret_box::open(secret)?, &user.email)?;
    let code = code.trim();
    let txn = crate::foundation::db::begin_write(db).await?;
    let accepted = match step_of(&t, code, now_secs()) {
        Some(step) => claim_step(&txn, user_id, step).await?,
        None => false,
    };
    if !accepted {
        txn.rollback().await?;
        return Err(refuse(db, user_id).await);
    }
    app_user::Entity::update_many()
        .col_expr(app_user::Column::TotpConfirmedAt, Expr::value(Utc::now()))
        .filter(app_user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    let recovery_codes = replace_recovery_codes(&txn, user_id).await?;
    let passed = complete(
        &txn,
        &user,
        old_token,
        "enrol_second_factor",
        recovery_codes,
    )
    .await?;
    txn.commit().await?;
    attempt.passed(db).await?;
    Ok(passed)
}

/// The second step of an enrolled account: a code from the app, or a recovery code.
pub async fn verify<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: i32,
    old_token: &str,
    code: &str,
) -> Result<Passed, AppError> {
    let user = account(db, user_id).await?;
    let (Some(secret), Some(_)) = (&user.totp_secret, user.totp_confirmed_at) else {
        return Err(AppError::BadRequest);
    };
    let attempt = Attempt::take(db, user_id).await?;
    let code = code.trim();
    let is_totp = code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit());
    let txn = crate::foundation::db::begin_write(db).await?;
    let accepted = if is_totp {
        let secret = crate::foundation::secret_box::open(secret)?;
        match step_of(&totp(&secret, &user.email)?, code, now_secs()) {
            Some(step) => claim_step(&txn, user_id, step).await?,
            None => false,
        }
    } else {
        use_recovery_code(&txn, user_id, code).await?
    };
    if !accepted {
        txn.rollback().await?;
        return Err(refuse(db, user_id).await);
    }
    let action = if is_totp {
        "login_code"
    } else {
        "login_recovery_code"
    };
    let passed = complete(&txn, &user, old_token, action, Vec::new()).await?;
    txn.commit().await?;
    attempt.passed(db).await?;
    Ok(passed)
}

/// Ends the password-only session and starts a complete one (the session id is renewed at
/// the second step), with its audit entry.
async fn complete<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
    old_token: &str,
    action: &'static str,
    recovery_codes: Vec<String>,
) -> Result<Passed, AppError> {
    let principal = principal_of(db, user).await?;
    session::destroy_session(db, old_token).await?;
    let token = session::create_session(db, user.id, Stage::Complete).await?;
    audit::record(
        db,
        Some(&principal),
        Entry::new(action, "session", FieldSet::EMPTY),
    )
    .await?;
    Ok(Passed {
        token,
        role: principal.role,
        recovery_codes,
    })
}

/// Resets another person's second factor (a lost phone): their secret, recovery codes and
/// sessions end, their next log-in enrols again, and they are mailed who did it. An
/// administrator resets any account with a second factor; a staff member those of their own
/// gemeente (colleagues and its partners' users) and the employers of their region. Nobody
/// resets their own: that takes a second person.
pub async fn reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Principal,
    user_id: i32,
) -> Result<(), AppError> {
    let txn = crate::foundation::db::begin_write(db).await?;
    let target = crate::identity::account_approval::other_account(
        &txn,
        p,
        user_id,
        "Je eigen tweede factor stelt een collega of beheerder opnieuw in, niet jijzelf.",
    )
    .await?;
    let role = Role::from_code(&target.role).ok_or(AppError::NotFound)?;
    let gemeente = crate::identity::account_approval::gemeente_of(&txn, &target).await?;
    let employer_region = match target.employer_id {
        Some(id) => entity::employer::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .map(|e| e.region_id),
        None => None,
    };
    let allowed = role.signs_in_with_second_factor()
        && match p.scope {
            Scope::Platform => true,
            Scope::Municipality {
                municipality_id,
                region_id,
            } => match role {
                Role::Employer => employer_region == Some(region_id),
                Role::Admin => false,
                _ => gemeente == Some(municipality_id),
            },
            _ => false,
        };
    if !allowed {
        return Err(AppError::NotFound);
    }
    app_user::Entity::update_many()
        .col_expr(app_user::Column::TotpSecret, Expr::value(None::<String>))
        .col_expr(
            app_user::Column::TotpConfirmedAt,
            Expr::value(None::<chrono::DateTime<Utc>>),
        )
        .col_expr(app_user::Column::TotpLastStep, Expr::value(None::<i64>))
        .filter(app_user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    session::end_sessions(&txn, user_id).await?;
    let by = match p.scope {
        Scope::Platform => format!("{}, beheerder van HalloWerk", p.name),
        _ => format!("{} ({})", p.name, p.organisation),
    };
    crate::foundation::mail::enqueue(
        &txn,
        &target.email,
        &crate::foundation::mail::Mail::SecondFactorReset {
            name: target.first_name.clone().unwrap_or_default(),
            by,
        },
    )
    .await?;
    let mut entry = Entry::object("reset_second_factor", "app_user", user_id);
    // The gemeente finds it in its own audit search.
    entry.municipality_id = gemeente;
    audit::record(&txn, Some(p), entry).await?;
    txn.commit().await?;
    Ok(())
}

/// Seals every second-factor secret still stored in plain text (kept from before secrets were
/// sealed); the server runs it at start-up, so no plain seed outlives an upgrade. Each value is
/// replaced only if unchanged meanwhile. Returns how many were sealed.
pub async fn seal_stored<C: ConnectionTrait>(db: &C) -> Result<u64, AppError> {
    // Only the unsealed ones are read ("v1." holds no LIKE wildcard): after the first start
    // with sealing, this finds nothing.
    let plain: Vec<(i32, String)> = app_user::Entity::find()
        .select_only()
        .column(app_user::Column::Id)
        .column(app_user::Column::TotpSecret)
        .filter(app_user::Column::TotpSecret.is_not_null())
        .filter(
            app_user::Column::TotpSecret
                .not_like(format!("{}%", crate::foundation::secret_box::PREFIX)),
        )
        .into_tuple::<(i32, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, s)| s.map(|s| (id, s)))
        .collect();
    let mut sealed = 0;
    for (id, secret) in plain {
        sealed += app_user::Entity::update_many()
            .col_expr(
                app_user::Column::TotpSecret,
                Expr::value(crate::foundation::secret_box::seal(&secret)?),
            )
            .filter(app_user::Column::Id.eq(id))
            .filter(app_user::Column::TotpSecret.eq(secret))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, with its 20-byte ASCII secret "12345678901234567890"
    /// (eight digits there; the last six digits are the six-digit code).
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        for (t, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code_at(secret, t).unwrap(), eight[2..], "at {t}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_only() {
        let t = totp(DEMO_SECRET, "x").unwrap();
        let now = 1_800_000_015;
        let step = now / STEP_SECS;
        let code = t.generate(now);
        assert_eq!(step_of(&t, &code, now), Some(step));
        assert_eq!(step_of(&t, &code, now + STEP_SECS), Some(step));
        assert_eq!(step_of(&t, &code, now - STEP_SECS), Some(step));
        assert_eq!(step_of(&t, &code, now + 2 * STEP_SECS), None);
        assert_eq!(step_of(&t, "000000x", now), None);
    }

    #[test]
    fn recovery_codes_are_typed_loosely_and_hashed_per_account() {
        let code = new_recovery_code();
        assert_eq!(code.len(), RECOVERY_LEN + 2);
        assert_eq!(
            recovery_id(7, &code),
            recovery_id(7, &code.to_uppercase().replace('-', " "))
        );
        assert_ne!(recovery_id(7, &code), recovery_id(8, &code));
        assert_ne!(new_recovery_code(), new_recovery_code());
    }
}
