//! The secret of a link that is mailed or set as a cookie (activation, password reset, change of
//! address, contact-form privacy request, session): 32 random bytes, hex-encoded. Only its
//! SHA-256 is stored, so a copy of the database opens nothing.

use crate::foundation::client::client_network;
use crate::foundation::ratelimit::{self, ACTIVATION, ACTIVATION_PER_CLIENT, GLOBAL};
use kernel::error::AppError;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

/// A fresh token for a link (shown once: in the mail or the cookie).
pub fn new() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// What is stored of `token`, and looked up when the link is used.
pub fn stored(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Counts one look-up of a mailed link's token against the limits on trying tokens (per client
/// network and overall), before the look-up: a token cannot be guessed, but trying costs.
pub async fn count_lookup<C: ConnectionTrait>(db: &C) -> Result<(), AppError> {
    let client = client_network();
    ratelimit::take(
        db,
        &[
            (ACTIVATION_PER_CLIENT, client.as_str()),
            (ACTIVATION, GLOBAL),
        ],
    )
    .await?;
    Ok(())
}
