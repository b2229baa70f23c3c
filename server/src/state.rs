//! The router's state: what every handler of this server instance can reach. Its own module so
//! the router (`web`) and the HTTP handlers it mounts (`media`) both import it and not each
//! other.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use service::foundation::state::AppState;

#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`HW_TRUSTED_PROXIES`).
    pub trusted_proxies: std::sync::Arc<Vec<std::net::IpAddr>>,
}
