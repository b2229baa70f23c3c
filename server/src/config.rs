//! Configuration from the environment (see README "Configuration").

use leptos::prelude::LeptosOptions;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`; default: `hallowerk.db` (SQLite) in the working directory.
    pub database_url: String,
    /// `PUBLIC_URL`; default `http://<LEPTOS_SITE_ADDR>`. `https://…` makes cookies `Secure`.
    pub public_url: String,
    /// `HW_DEMO_DATA` (default on): seed demo data into an empty database.
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
}

fn switch(name: &str) -> bool {
    !matches!(
        std::env::var(name).as_deref(),
        Ok("0" | "false" | "no" | "off")
    )
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://hallowerk.db?mode=rwc";

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
        Ok(Config {
            database_url,
            public_url,
            demo_data: switch("HW_DEMO_DATA"),
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
            leptos,
        })
    }
}
