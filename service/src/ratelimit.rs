//! Fixed-window rate limits kept in memory (per server instance): enough to slow down password
//! guessing and form spam without a shared store. Each limit is a named static.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Limit {
    pub max: u32,
    pub window: Duration,
    hits: Mutex<HashMap<String, (u32, DateTime<Utc>)>>,
}

impl Limit {
    pub fn new(max: u32, window_minutes: i64) -> Self {
        Limit {
            max,
            window: Duration::minutes(window_minutes),
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `key` has used up its allowance in the current window.
    pub fn exceeded(&self, key: &str) -> bool {
        let now = Utc::now();
        let hits = self.hits.lock().expect("rate-limit lock");
        hits.get(key)
            .is_some_and(|(n, since)| *n >= self.max && now - *since < self.window)
    }

    /// Counts one hit for `key`.
    pub fn hit(&self, key: &str) {
        let now = Utc::now();
        let mut hits = self.hits.lock().expect("rate-limit lock");
        if hits.len() > 100_000 {
            // Bound memory: forget windows that have ended.
            hits.retain(|_, (_, since)| now - *since < self.window);
        }
        let entry = hits.entry(key.to_string()).or_insert((0, now));
        if now - entry.1 >= self.window {
            *entry = (0, now);
        }
        entry.0 += 1;
    }
}

/// The client address of the current request (for per-client limits), as the router's
/// outermost middleware made it known (`audit::CLIENT`).
pub fn client_key() -> String {
    crate::audit::CLIENT
        .try_with(Clone::clone)
        .ok()
        .flatten()
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_within_a_window() {
        let l = Limit::new(3, 10);
        for _ in 0..3 {
            assert!(!l.exceeded("a"));
            l.hit("a");
        }
        assert!(l.exceeded("a"));
        assert!(!l.exceeded("b"));
    }
}
