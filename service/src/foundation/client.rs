//! The client address of the request being handled, for the audit log and per-client limits.

tokio::task_local! {
    /// The client address of the request being handled. The router's outermost middleware
    /// sets it for every request, so each entry carries it whichever handler writes it (server
    /// function, media read, export download) without that handler having to remember.
    pub static CLIENT: Option<String>;
}

/// The client address of the current request (for per-client limits), as the router's
/// outermost middleware made it known.
pub fn client_key() -> String {
    CLIENT
        .try_with(Clone::clone)
        .ok()
        .flatten()
        .unwrap_or_else(|| "unknown".into())
}
