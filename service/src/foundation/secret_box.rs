//! Secrets kept at rest (the TOTP seeds of the second factor): sealed with XChaCha20-Poly1305
//! under the installation's key, so a copy of the database (a backup, a dump, a stolen disk)
//! holds no usable second factor. The key comes from the configuration (`HW_SECRET_KEY`, or the
//! key file the server makes on first start), never from the database.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use kernel::error::AppError;
use std::sync::OnceLock;

/// The length of the key: 256 bits, written as 64 hex digits.
pub const KEY_LEN: usize = 32;
/// Marks a sealed value (and its format, should it ever change).
pub(crate) const PREFIX: &str = "v1.";
/// Binds a sealed value to its use: a sealed TOTP seed is nothing else.
const CONTEXT: &[u8] = b"hallowerk totp secret";

static KEY: OnceLock<[u8; KEY_LEN]> = OnceLock::new();

/// Sets the installation's key, once per process (a second call with the same key is fine).
pub fn set_key(key: [u8; KEY_LEN]) -> Result<(), String> {
    let set = KEY.get_or_init(|| key);
    if *set == key {
        Ok(())
    } else {
        Err("the secret key is already set to another value".into())
    }
}

/// A key from its 64 hex digits.
pub fn parse_key(hex_digits: &str) -> Result<[u8; KEY_LEN], String> {
    hex::decode(hex_digits.trim())
        .ok()
        .and_then(|b| <[u8; KEY_LEN]>::try_from(b).ok())
        .ok_or_else(|| format!("a secret key is {} hex digits", 2 * KEY_LEN))
}

/// A new random key, as hex (for a key file).
pub fn new_key_hex() -> String {
    hex::encode(rand::random::<[u8; KEY_LEN]>())
}

fn cipher() -> Result<XChaCha20Poly1305, AppError> {
    let Some(key) = KEY.get() else {
        tracing::error!("no secret key configured (HW_SECRET_KEY)");
        return Err(AppError::Internal);
    };
    Ok(XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(
        key,
    )))
}

/// `plain`, sealed for storage: `v1.` and hex of a random nonce and the ciphertext.
pub fn seal(plain: &str) -> Result<String, AppError> {
    let nonce: [u8; 24] = rand::random();
    let sealed = cipher()?
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain.as_bytes(),
                aad: CONTEXT,
            },
        )
        .map_err(|_| AppError::Internal)?;
    Ok(format!(
        "{PREFIX}{}{}",
        hex::encode(nonce),
        hex::encode(sealed)
    ))
}

/// Whether `stored` is sealed (and not a value kept from before secrets were sealed).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

/// The plain value of what [`seal`] made. A value without the prefix was stored before secrets
/// were sealed and is returned as it is, until `second_factor::seal_stored` seals it at the
/// next start.
pub fn open(stored: &str) -> Result<String, AppError> {
    let Some(body) = stored.strip_prefix(PREFIX) else {
        return Ok(stored.to_string());
    };
    let bytes = hex::decode(body).map_err(|_| AppError::Internal)?;
    if bytes.len() < 24 {
        return Err(AppError::Internal);
    }
    let (nonce, sealed) = bytes.split_at(24);
    let plain = cipher()?
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: CONTEXT,
            },
        )
        .map_err(|_| {
            // A wrong key (another installation's) or a changed value: never a guess.
            tracing::error!("a sealed secret does not open with this installation's key");
            AppError::Internal
        })?;
    String::from_utf8(plain).map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_and_hide_the_secret() {
        set_key([9; KEY_LEN]).unwrap();
        let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        let a = seal(secret).unwrap();
        let b = seal(secret).unwrap();
        assert!(a.starts_with(PREFIX) && !a.contains(secret));
        assert_ne!(a, b, "a fresh nonce each time");
        assert_eq!(open(&a).unwrap(), secret);
        assert_eq!(
            open(secret).unwrap(),
            secret,
            "a value stored before sealing"
        );
        // One changed digit and it no longer opens.
        let mut changed = a.clone().into_bytes();
        let last = changed.len() - 1;
        changed[last] = if changed[last] == b'0' { b'1' } else { b'0' };
        assert!(open(std::str::from_utf8(&changed).unwrap()).is_err());
        assert!(set_key([8; KEY_LEN]).is_err(), "the key is set once");
    }

    #[test]
    fn keys_are_64_hex_digits() {
        assert_eq!(parse_key(&"ab".repeat(32)).unwrap(), [0xab; 32]);
        assert!(parse_key("abc").is_err());
        assert!(parse_key(&"zz".repeat(32)).is_err());
        assert_eq!(parse_key(&new_key_hex()).unwrap().len(), KEY_LEN);
    }
}
