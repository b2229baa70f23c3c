//! Server-side sessions in the database: the cookie, its lifetime, and who a session stands for.

use crate::access::principal::{
    Organisation, Principal, organisation_in, principal_with, with_organisation,
};
use chrono::{Duration, Utc};
use entity::{app_user, session};
use kernel::domain::Role;
use kernel::error::AppError;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect, QueryTrait, Set,
};

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
/// The stored id of a session token: its SHA-256 (the token itself is never stored).
pub fn session_id(token: &str) -> String {
    crate::foundation::link_token::stored(token)
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
pub const LONGEST_IDLE_HOURS: i64 = kernel::retention::SESSION_IDLE_HOURS as i64;

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
    let token = crate::foundation::link_token::new();
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

/// Ends every session of the account but the one of `keep` (the caller's own, after a change
/// of password).
pub async fn end_other_sessions<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    keep: &str,
) -> Result<u64, AppError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.ne(session_id(keep)))
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn destroy_session<C: ConnectionTrait>(db: &C, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(session_id(token))
        .exec(db)
        .await?;
    Ok(())
}

/// What a session read finds: its account, whether its log-in is complete, and an employer
/// account's organisation.
struct SessionUser {
    user: app_user::Model,
    complete: bool,
    organisation: Option<Organisation>,
}

/// The user of a valid session token, and whether its log-in is complete: not past its
/// absolute end, not unused for longer than the user's role allows, and of an active account. A
/// session found too old is deleted; a live one is recorded as used (at most once a minute).
async fn session_user<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<SessionUser>, AppError> {
    // The session, its account and (for an employer) the organisation, its region and its
    // reach, in one query.
    let mut query = session::Entity::find_by_id(session_id(token))
        .select_also(app_user::Entity)
        .join(
            sea_orm::JoinType::LeftJoin,
            crate::foundation::db::join_on::<session::Entity, app_user::Entity>(
                session::Column::UserId,
                app_user::Column::Id,
            ),
        )
        .into_query();
    with_organisation(&mut query, db.get_database_backend());
    let Some(row) = db.query_one(&query).await? else {
        return Ok(None);
    };
    // The column prefixes `select_also` gives the two models.
    let s = session::Model::from_query_result(&row, "A_")?;
    let user = app_user::Model::from_query_result_optional(&row, "B_")?;
    let Some(user) = user.filter(|u| u.active && !u.awaiting_approval) else {
        return Ok(None);
    };
    let organisation = organisation_in(&row)?;
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
    Ok(Some(SessionUser {
        user,
        complete: s.login_complete,
        organisation,
    }))
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
    /// Signed in: the principal every guard checks (boxed: it is large, the other is an id).
    In(Box<Principal>),
    /// A staff member, partner user or administrator who gave the password; the code of the
    /// second factor is still to come. No principal exists for them yet, so no guard lets them
    /// past: they reach only the second step.
    AwaitingCode { user_id: i32 },
}

pub async fn signed_for_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<Signed>, AppError> {
    let Some(SessionUser {
        user,
        complete,
        organisation,
    }) = session_user(db, token).await?
    else {
        return Ok(None);
    };
    let role = Role::from_code(&user.role).ok_or(AppError::Internal)?;
    if role.signs_in_with_second_factor() && !complete {
        return Ok(Some(Signed::AwaitingCode { user_id: user.id }));
    }
    Ok(Some(Signed::In(Box::new(
        principal_with(db, &user, organisation).await?,
    ))))
}

/// The principal of a session whose log-in is complete.
pub async fn principal_for_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<Principal>, AppError> {
    Ok(match signed_for_token(db, token).await? {
        Some(Signed::In(p)) => Some(*p),
        Some(Signed::AwaitingCode { .. }) | None => None,
    })
}
