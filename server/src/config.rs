//! Configuration from the environment (see README "Configuration").

use leptos::prelude::LeptosOptions;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`; default: `hallowerk.db` (SQLite) in the working directory.
    pub database_url: String,
    /// `PUBLIC_URL`; default `http://<LEPTOS_SITE_ADDR>`. `https://…` makes cookies `Secure`.
    pub public_url: String,
    /// Seed demo data into an empty database (see [`demo_data_wanted`]).
    pub demo_data: bool,
    /// `HW_MEDIA_DIR` (default `media` in the working directory): photo and video files.
    pub media_dir: std::path::PathBuf,
    /// `HW_JOBS` (default on): run the background jobs in this instance.
    pub jobs: bool,
    /// `HW_JOBS_INTERVAL_SECS` (default 30): how often the job runner looks for work.
    pub jobs_interval: std::time::Duration,
    /// `SMTP_*`: where mail goes; `None` keeps it in the outbox.
    pub smtp: Option<crate::mailer::SmtpConfig>,
    pub leptos: LeptosOptions,
    /// `HW_TRUSTED_PROXIES`: comma-separated addresses of reverse proxies whose
    /// `X-Forwarded-For` gives the client address (default none: the peer address is the client).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `HW_SECRET_KEY`, or the key file (see [`secret_key`]): seals secrets kept at rest.
    pub secret_key: [u8; service::foundation::secret_box::KEY_LEN],
}

fn switch(name: &str) -> bool {
    !matches!(
        std::env::var(name).as_deref(),
        Ok("0" | "false" | "no" | "off")
    )
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://hallowerk.db?mode=rwc";

/// Checks `PUBLIC_URL`: https, or plain http only for a site on this machine (session cookies
/// are `Secure` and `__Host-` prefixed behind https; on plain http anywhere else they would
/// travel unprotected).
pub fn check_public_url(url: &str) -> Result<(), String> {
    if url.starts_with("https://") {
        return Ok(());
    }
    if !url.starts_with("http://") {
        return Err(format!("PUBLIC_URL must start with https:// (is {url:?})"));
    }
    if on_this_machine(url) {
        Ok(())
    } else {
        Err(format!(
            "PUBLIC_URL {url:?} is plain http: only a site on localhost may run without https \
             (set PUBLIC_URL to the https:// address the site is reached at)"
        ))
    }
}

/// Whether the site at `url` is reached only from this machine (localhost, 127.x, [::1]), over
/// http or https: the only place the demo accounts, whose password is published, may work.
pub fn on_this_machine(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or_default();
    let host = rest.split('/').next().unwrap_or_default();
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    host == "localhost"
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|a| a.is_loopback())
}

/// Whether demo data (with its well-known log-ins) may be seeded into an empty database, from
/// `HW_DEMO_DATA` and `DATABASE_URL`. Demo data goes only into a database made for it: the
/// embedded default (`DATABASE_URL` unset, unless `HW_DEMO_DATA` is off) or a SQLite
/// `DATABASE_URL` with `HW_DEMO_DATA` explicitly on. Never PostgreSQL: asking for it there is
/// a configuration error, not something to ignore. Never for a site reached from elsewhere
/// (`public_url` not on this machine): its log-ins would be anyone's.
pub fn demo_data_wanted(
    hw_demo_data: Option<&str>,
    database_url: Option<&str>,
    public_url: &str,
) -> Result<bool, String> {
    let local = on_this_machine(public_url);
    let wanted = match hw_demo_data.map(str::trim) {
        None | Some("") => database_url.is_none() && local,
        Some("1" | "true" | "yes" | "on") => true,
        Some("0" | "false" | "no" | "off") => false,
        Some(other) => return Err(format!("HW_DEMO_DATA must be on or off, not {other:?}")),
    };
    if wanted && !local {
        return Err(format!(
            "HW_DEMO_DATA is on, but PUBLIC_URL {public_url:?} is reached from other machines: \
             the demo accounts' password is published, so demo data only runs on localhost"
        ));
    }
    let url = database_url.unwrap_or(DEFAULT_DATABASE_URL);
    if wanted && !url.starts_with("sqlite:") {
        return Err(
            "HW_DEMO_DATA is on, but demo data is only ever seeded into an embedded SQLite \
             database; for PostgreSQL create the first administrator with `server create-admin`"
                .into(),
        );
    }
    Ok(wanted)
}

pub const DEFAULT_SECRET_KEY_FILE: &str = "hallowerk-secret.key";

/// The installation's secret key (it seals the second-factor seeds in the database): from
/// `HW_SECRET_KEY` (64 hex digits), else from the file `HW_SECRET_KEY_FILE` (default
/// `hallowerk-secret.key` in the working directory). Only an embedded SQLite installation makes
/// that file itself on first start; a PostgreSQL installation runs several instances that must
/// share one key, so a missing key there is a configuration error rather than a new key.
pub fn secret_key(
    hw_secret_key: Option<&str>,
    key_file: &std::path::Path,
    database_url: &str,
) -> Result<[u8; service::foundation::secret_box::KEY_LEN], String> {
    use service::foundation::secret_box::{new_key_hex, parse_key};
    if let Some(hex) = hw_secret_key.filter(|v| !v.trim().is_empty()) {
        return parse_key(hex).map_err(|e| format!("HW_SECRET_KEY: {e}"));
    }
    match std::fs::read_to_string(key_file) {
        Ok(text) => parse_key(&text).map_err(|e| format!("{}: {e}", key_file.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !database_url.starts_with("sqlite:") {
                return Err(format!(
                    "no secret key: set HW_SECRET_KEY to 64 hex digits (e.g. `openssl rand -hex 32`), \
                     the same for every instance, or provide the key file {}",
                    key_file.display()
                ));
            }
            let hex = new_key_hex();
            write_private(key_file, &hex)
                .map_err(|e| format!("cannot create key file {}: {e}", key_file.display()))?;
            eprintln!(
                "Created secret key file {} (keep it with the database).",
                key_file.display()
            );
            parse_key(&hex)
        }
        Err(e) => Err(format!("cannot read key file {}: {e}", key_file.display())),
    }
}

/// Writes a new file that only its owner may read (never overwrites one).
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let leptos = leptos::prelude::get_configuration(None)
            .map_err(|e| format!("LEPTOS_* configuration: {e}"))?
            .leptos_options;
        let database_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string());
        let public_url = std::env::var("PUBLIC_URL")
            .unwrap_or_else(|_| format!("http://{}", leptos.site_addr))
            .trim_end_matches('/')
            .to_string();
        check_public_url(&public_url)?;
        Ok(Config {
            database_url: database_url.clone(),
            demo_data: demo_data_wanted(
                std::env::var("HW_DEMO_DATA").ok().as_deref(),
                std::env::var("DATABASE_URL").ok().as_deref(),
                &public_url,
            )?,
            public_url,
            jobs: switch("HW_JOBS"),
            jobs_interval: std::time::Duration::from_secs(
                std::env::var("HW_JOBS_INTERVAL_SECS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .filter(|s| *s > 0)
                    .unwrap_or(30),
            ),
            media_dir: std::env::var("HW_MEDIA_DIR")
                .unwrap_or_else(|_| "media".into())
                .into(),
            smtp: crate::mailer::SmtpConfig::from_env()?,
            trusted_proxies: std::env::var("HW_TRUSTED_PROXIES")
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse()
                        .map_err(|_| format!("HW_TRUSTED_PROXIES: {s:?} is not an IP address"))
                })
                .collect::<Result<_, _>>()?,
            secret_key: secret_key(
                std::env::var("HW_SECRET_KEY").ok().as_deref(),
                std::path::Path::new(
                    &std::env::var("HW_SECRET_KEY_FILE")
                        .unwrap_or_else(|_| DEFAULT_SECRET_KEY_FILE.into()),
                ),
                &database_url,
            )?,
            leptos,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{check_public_url, demo_data_wanted, secret_key};

    #[test]
    fn the_secret_key_is_made_only_for_an_embedded_database() {
        let dir = std::env::temp_dir().join(format!("hw-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("key");
        let _ = std::fs::remove_file(&file);
        let pg = "postgres://postgres@127.0.0.1:5432/hallowerk";
        // PostgreSQL without a key: refused, and no key file appears.
        assert!(secret_key(None, &file, pg).is_err());
        assert!(!file.exists());
        // The embedded database makes its key once, private to its owner, and keeps it.
        let made = secret_key(None, &file, "sqlite://x.db?mode=rwc").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "key file readable by others: {mode:o}");
        }
        assert_eq!(secret_key(None, &file, pg).unwrap(), made);
        // HW_SECRET_KEY wins over the file; a malformed one is an error, not ignored.
        let hex = "ab".repeat(32);
        assert_eq!(secret_key(Some(&hex), &file, pg).unwrap(), [0xab; 32]);
        assert!(secret_key(Some("abc"), &file, pg).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn plain_http_only_on_localhost() {
        for ok in [
            "https://hallowerk.example.nl",
            "http://127.0.0.1:3000",
            "http://localhost",
            "http://[::1]:8080",
        ] {
            assert_eq!(check_public_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "http://0.0.0.0:8080",
            "http://hallowerk.example.nl",
            "ftp://x",
        ] {
            assert!(check_public_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn demo_data_only_into_a_database_made_for_it() {
        let here = "http://127.0.0.1:3000";
        // The embedded default: the two-command demo.
        assert_eq!(demo_data_wanted(None, None, here), Ok(true));
        assert_eq!(demo_data_wanted(Some("0"), None, here), Ok(false));
        // Any database named explicitly: only when asked for, and only SQLite.
        let file = Some("sqlite:///tmp/x.db?mode=rwc");
        assert_eq!(demo_data_wanted(None, file, here), Ok(false));
        assert_eq!(demo_data_wanted(Some("1"), file, here), Ok(true));
        let pg = Some("postgres://postgres@127.0.0.1:5432/hallowerk");
        assert_eq!(demo_data_wanted(None, pg, here), Ok(false));
        assert_eq!(demo_data_wanted(Some("off"), pg, here), Ok(false));
        assert!(demo_data_wanted(Some("on"), pg, here).is_err());
        assert!(demo_data_wanted(Some("misschien"), None, here).is_err());
        // A public address: never, not even on the default SQLite file.
        let public = "https://werk.gemeente.nl";
        assert_eq!(demo_data_wanted(None, None, public), Ok(false));
        assert!(demo_data_wanted(Some("on"), None, public).is_err());
        assert!(demo_data_wanted(Some("on"), file, public).is_err());
        assert_eq!(demo_data_wanted(Some("off"), None, public), Ok(false));
        assert_eq!(
            demo_data_wanted(None, None, "https://localhost:8443"),
            Ok(true)
        );
    }

    #[test]
    fn only_localhost_is_this_machine() {
        use super::on_this_machine;
        for url in [
            "http://localhost:3000",
            "http://127.0.0.1:3999",
            "https://localhost",
            "http://[::1]:3000",
        ] {
            assert!(on_this_machine(url), "{url}");
        }
        for url in [
            "https://werk.gemeente.nl",
            "http://192.168.1.10:3000",
            "https://localhost.gemeente.nl",
            "https://127.0.0.1.nip.io",
        ] {
            assert!(!on_this_machine(url), "{url}");
        }
    }
}
