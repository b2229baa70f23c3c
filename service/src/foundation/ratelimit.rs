//! Rate limits, kept in the database so that every server instance counts the same hits:
//! fixed windows per (limit, key). Each guarded action is limited by its source (the client
//! address), by a global ceiling, and where an account is the target, by account *and* source
//! together: someone guessing a password from one address cannot lock the owner out from
//! another. Keys are stored only as hashes.

use chrono::{DateTime, TimeZone, Utc};
use entity::rate_limit;
use kernel::error::AppError;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
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
/// Every log-in attempt, all clients together: the ceiling on password hashing work.
pub const LOGIN_ATTEMPTS: Limit = Limit {
    name: "login_attempts",
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
/// Every code attempt, all clients together.
pub const CODE_ATTEMPTS: Limit = Limit {
    name: "code_attempts",
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

    /// The hits of `key` in the current window.
    pub async fn hits<C: ConnectionTrait>(
        &self,
        db: &C,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<i32, AppError> {
        let window = self.window_start(now);
        Ok(rate_limit::Entity::find_by_id(self.id(key, window))
            .one(db)
            .await?
            .map_or(0, |r| r.hits))
    }

    /// Counts one hit of `key` (one statement: an insert, or an increment when the window's
    /// row exists, so instances hitting at the same moment never lose a count).
    pub async fn hit<C: ConnectionTrait>(
        &self,
        db: &C,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let window = self.window_start(now);
        rate_limit::Entity::insert(rate_limit::ActiveModel {
            id: Set(self.id(key, window)),
            name: Set(self.name.into()),
            window_start: Set(window),
            hits: Set(1),
        })
        .on_conflict(
            OnConflict::column(rate_limit::Column::Id)
                .value(
                    rate_limit::Column::Hits,
                    Expr::col((rate_limit::Entity, rate_limit::Column::Hits)).add(1),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        Ok(())
    }
}

/// Refuses (`rate_limited`) when any of `limits` is used up for its key.
pub async fn check<C: ConnectionTrait>(db: &C, limits: &[(Limit, &str)]) -> Result<(), AppError> {
    let now = Utc::now();
    for (limit, key) in limits {
        if limit.hits(db, key, now).await? >= limit.max {
            return Err(AppError::RateLimited);
        }
    }
    Ok(())
}

/// Counts one hit against each of `limits`.
pub async fn hit<C: ConnectionTrait>(db: &C, limits: &[(Limit, &str)]) -> Result<(), AppError> {
    let now = Utc::now();
    for (limit, key) in limits {
        limit.hit(db, key, now).await?;
    }
    Ok(())
}

/// `check`, then one hit against each limit: for actions counted whether or not they succeed.
pub async fn take<C: ConnectionTrait>(db: &C, limits: &[(Limit, &str)]) -> Result<(), AppError> {
    check(db, limits).await?;
    hit(db, limits).await
}

/// Windows that ended more than a day ago (no limit is longer than that).
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::WindowStart.lt(now - chrono::Duration::days(1)))
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
