//! Rate limits, kept in the database so that every server instance counts the same hits:
//! fixed windows per (limit, key). Each guarded action is limited by its source (the client
//! address), by a global ceiling, and where an account is the target, by account *and* source
//! together: someone guessing a password from one address cannot lock the owner out from
//! another. Keys are stored only as hashes.
//!
//! An attempt is counted before it is checked (`take`: increment, then compare), so requests
//! sent at the same moment cannot all slip under the limit; a success may give its count back
//! (`Taken::give_back`), so limits on failures never count the owner's successful log-ins.

use chrono::{DateTime, TimeZone, Utc};
use entity::rate_limit;
use kernel::error::AppError;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

/// A limit: at most `max` hits per key in each window of `window_minutes`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub name: &'static str,
    pub max: i32,
    pub window_minutes: i64,
}

/// Failed log-ins for one e-mail address from one client address.
pub const LOGIN_FAILURES: Limit = Limit {
    name: "login_failures",
    max: 10,
    window_minutes: 15,
};
/// Failed log-ins from one client address, whatever the e-mail address.
pub const LOGIN_FAILURES_PER_CLIENT: Limit = Limit {
    name: "login_failures_client",
    max: 30,
    window_minutes: 15,
};
/// Failed log-ins, all clients together: the platform-wide ceiling on password guessing. Only
/// failures count, so nobody can use it to lock everyone out by logging in.
pub const LOGIN_FAILURES_GLOBAL: Limit = Limit {
    name: "login_failures_global",
    max: 600,
    window_minutes: 1,
};
/// Wrong codes of the second factor for one account from one client address.
pub const CODE_FAILURES: Limit = Limit {
    name: "code_failures",
    max: 5,
    window_minutes: 15,
};
/// Wrong codes for one account from all addresses together: guessing spread over many addresses
/// stays far below the million codes there are. Only someone who knows the password gets here.
pub const CODE_FAILURES_PER_ACCOUNT: Limit = Limit {
    name: "code_failures_account",
    max: 20,
    window_minutes: 15,
};
/// Wrong codes from one client address, whatever the account.
pub const CODE_FAILURES_PER_CLIENT: Limit = Limit {
    name: "code_failures_client",
    max: 20,
    window_minutes: 15,
};
/// Wrong codes, all clients together.
pub const CODE_FAILURES_GLOBAL: Limit = Limit {
    name: "code_failures_global",
    max: 600,
    window_minutes: 1,
};
pub const CONTACT_PER_CLIENT: Limit = Limit {
    name: "contact_client",
    max: 5,
    window_minutes: 10,
};
pub const CONTACT: Limit = Limit {
    name: "contact",
    max: 300,
    window_minutes: 10,
};
pub const REGISTRATION_PER_CLIENT: Limit = Limit {
    name: "registration_client",
    max: 5,
    window_minutes: 60,
};
pub const REGISTRATION: Limit = Limit {
    name: "registration",
    max: 200,
    window_minutes: 60,
};
/// Activation attempts (a token guessed, a password chosen) from one client address.
pub const ACTIVATION_PER_CLIENT: Limit = Limit {
    name: "activation_client",
    max: 20,
    window_minutes: 15,
};
pub const ACTIVATION: Limit = Limit {
    name: "activation",
    max: 600,
    window_minutes: 15,
};
/// Changes of e-mail address one account asks for in a day: each mails two addresses, one of
/// them chosen by the asker, so the mails cannot be turned against someone's inbox.
pub const EMAIL_CHANGES_PER_ACCOUNT: Limit = Limit {
    name: "email_changes_account",
    max: 5,
    window_minutes: 24 * 60,
};
/// Invitations one account sends in a day (to activate an account, or for a vacancy): each
/// mails someone else.
pub const INVITATIONS_PER_ACCOUNT: Limit = Limit {
    name: "invitations_account",
    max: 200,
    window_minutes: 24 * 60,
};
/// Password-reset requests from one client network, for one address, and all together: each
/// may mail a link, so the form cannot be turned against an inbox.
pub const PASSWORD_RESETS_PER_CLIENT: Limit = Limit {
    name: "password_resets_client",
    max: 10,
    window_minutes: 60,
};
/// Keyed by address and client network.
pub const PASSWORD_RESETS_PER_ADDRESS: Limit = Limit {
    name: "password_resets_address",
    max: 3,
    window_minutes: 60,
};
/// Keyed by address alone: the most reset mails one inbox gets in an hour.
pub const PASSWORD_RESET_MAILS_PER_ADDRESS: Limit = Limit {
    name: "password_reset_mails_address",
    max: 10,
    window_minutes: 60,
};
/// Keyed by address alone: the most privacy-request confirmation mails one inbox gets in an
/// hour, however many networks the form is sent from.
pub const PRIVACY_REQUEST_MAILS_PER_ADDRESS: Limit = Limit {
    name: "privacy_request_mails_address",
    max: 3,
    window_minutes: 60,
};
pub const PASSWORD_RESETS: Limit = Limit {
    name: "password_resets",
    max: 300,
    window_minutes: 60,
};
/// Downloads of one account's data export.
pub const EXPORTS_PER_ACCOUNT: Limit = Limit {
    name: "exports_account",
    max: 20,
    window_minutes: 60,
};

/// The key of a global ceiling.
/// Photo and video uploads of one account per day. One photo and one video are kept (at most
/// 5 and 50 MB, so 55 MB per person), and this bounds the work of replacing them.
pub const MEDIA_UPLOADS_PER_ACCOUNT: Limit = Limit {
    name: "media_uploads_account",
    max: 30,
    window_minutes: 24 * 60,
};

pub const GLOBAL: &str = "*";

impl Limit {
    fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let len = self.window_minutes * 60;
        Utc.timestamp_opt(now.timestamp().div_euclid(len) * len, 0)
            .single()
            .unwrap_or(now)
    }

    fn id(&self, key: &str, window: DateTime<Utc>) -> String {
        let mut h = Sha256::new();
        for part in [self.name, key, &window.timestamp().to_string()] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(h.finalize())
    }

    /// Counts one hit of `key` and returns the window's count after it: one statement (an
    /// insert, or an increment when the window's row exists, returning the new value), so hits
    /// at the same moment, on any instance, each get a count of their own.
    async fn count<C: ConnectionTrait>(
        &self,
        db: &C,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<i32, AppError> {
        let window = self.window_start(now);
        let upsert = Query::insert()
            .into_table(rate_limit::Entity)
            .columns([
                rate_limit::Column::Id,
                rate_limit::Column::Name,
                rate_limit::Column::WindowStart,
                rate_limit::Column::Hits,
            ])
            .values_panic([
                self.id(key, window).into(),
                self.name.into(),
                window.into(),
                1.into(),
            ])
            .on_conflict(
                OnConflict::column(rate_limit::Column::Id)
                    .value(
                        rate_limit::Column::Hits,
                        Expr::col((rate_limit::Entity, rate_limit::Column::Hits)).add(1),
                    )
                    .to_owned(),
            )
            .returning_col(rate_limit::Column::Hits)
            .to_owned();
        let row = db.query_one(&upsert).await?.ok_or(AppError::Internal)?;
        Ok(row.try_get::<i32>("", "hits")?)
    }

    /// Takes back one hit of `key` in the current window (never below zero).
    async fn give_back<C: ConnectionTrait>(
        &self,
        db: &C,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let window = self.window_start(now);
        rate_limit::Entity::update_many()
            .col_expr(
                rate_limit::Column::Hits,
                Expr::col(rate_limit::Column::Hits).sub(1),
            )
            .filter(rate_limit::Column::Id.eq(self.id(key, window)))
            .filter(rate_limit::Column::Hits.gt(0))
            .exec(db)
            .await?;
        Ok(())
    }
}

/// Counts one attempt against each of `limits` in turn, *then* compares: refuses
/// (`rate_limited`) at the first count now past its maximum. Because the count comes first and
/// is atomic, of many attempts sent at once at most `max` per window ever reach the check they
/// limit (a password, a code, a link), on either database and on every instance. A refused
/// attempt stays counted against the limit that refused it, and the limits after it are not
/// touched: callers list the narrowest first (account and client network, then client network,
/// then the platform-wide ceiling), so a client refused by its own limit cannot go on filling
/// the ceiling that everyone shares. The one way to apply a limit: there is no separate
/// "check" to forget to count after.
pub async fn take<C: ConnectionTrait>(db: &C, limits: &[(Limit, &str)]) -> Result<Taken, AppError> {
    let now = Utc::now();
    for (limit, key) in limits {
        if limit.count(db, key, now).await? > limit.max {
            return Err(AppError::RateLimited);
        }
    }
    Ok(Taken(now))
}

/// An attempt `take` counted, in the windows of its moment.
#[derive(Debug)]
pub struct Taken(DateTime<Utc>);

/// [`take`] for one limit keyed by an account (uploads, exports, invitations, changes of
/// address: work an account asks for, counted per account).
pub async fn take_for_account<C: ConnectionTrait>(
    db: &C,
    limit: Limit,
    user_id: i32,
) -> Result<Taken, AppError> {
    take(db, &[(limit, user_id.to_string().as_str())]).await
}

impl Taken {
    /// Gives the count back on `limits` (a subset of those taken): for an attempt that
    /// succeeded and should not count against limits on failures (a right password or code).
    pub async fn give_back<C: ConnectionTrait>(
        self,
        db: &C,
        limits: &[(Limit, &str)],
    ) -> Result<(), AppError> {
        for (limit, key) in limits {
            limit.give_back(db, key, self.0).await?;
        }
        Ok(())
    }
}

/// Windows that began more than the retention period ago (no limit is longer than that).
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(rate_limit::Entity::delete_many()
        .filter(
            rate_limit::Column::WindowStart.lt(kernel::retention::ATTEMPT_COUNT.period.cutoff(now)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_fixed_and_keys_are_hashed_apart() {
        let l = LOGIN_FAILURES;
        let t = Utc.with_ymd_and_hms(2026, 12, 3, 10, 7, 30).unwrap();
        assert_eq!(
            l.window_start(t),
            Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap()
        );
        let w = l.window_start(t);
        assert_ne!(l.id("a", w), l.id("b", w));
        assert_ne!(l.id("a", w), LOGIN_FAILURES_PER_CLIENT.id("a", w));
        assert_ne!(l.id("a", w), l.id("a", w + chrono::Duration::minutes(15)));
        assert!(!l.id("fatima@example.nl", w).contains("fatima"));
    }
}
