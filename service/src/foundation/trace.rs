//! The W3C Trace Context (<https://www.w3.org/TR/trace-context/>) of the request being
//! handled, for the processing log (Logboek Dataverwerkingen): every entry of one request
//! carries its trace id, so a person's overview and an auditor can tell which entries belong to
//! one operation. A caller that sends a valid `traceparent` header (a gemeente's system calling
//! the API) continues its own trace; otherwise the request starts one.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

tokio::task_local! {
    /// The trace of the request being handled, set by the router's outermost middleware for
    /// the request's own task (server functions, media, downloads).
    pub static TRACE: Trace;
}

/// One request's trace.
#[derive(Clone, Debug)]
pub struct Trace {
    /// 16 bytes, lower-case hex.
    pub trace_id: String,
    /// This server's span for the request, 8 bytes hex: the parent of every operation logged.
    pub span_id: String,
    /// The caller's span, from its `traceparent`.
    pub parent_id: Option<String>,
    pub started: DateTime<Utc>,
    /// Log rows held until the request ends (see [`Held`]).
    pub held: Arc<Held>,
}

/// What the processing log keeps of a request outside its transactions, written when the
/// request ends in a transaction of its own (`access::processing_log::settle`).
#[derive(Debug, Default)]
pub struct Held {
    /// Refused operations: their audit and log rows must stay even when the request's
    /// transaction rolls back with the refusal.
    pub refused: Mutex<Refused>,
    /// The log rows written inside the request's transactions: if the request fails, those
    /// whose transaction rolled back are written again with status "error".
    pub written: Mutex<Vec<entity::processing_log::ActiveModel>>,
}

#[derive(Debug, Default)]
pub struct Refused {
    pub audit: Vec<entity::audit_log::ActiveModel>,
    pub log: Vec<entity::processing_log::ActiveModel>,
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && s.bytes().any(|b| b != b'0')
}

/// A fresh span id (8 random bytes, hex).
pub fn new_span_id() -> String {
    hex::encode(rand::random::<[u8; 8]>())
}

impl Trace {
    /// A new trace, for work that no request started (the scheduled jobs) or a request without
    /// a valid `traceparent`.
    pub fn new(now: DateTime<Utc>) -> Self {
        Trace {
            trace_id: hex::encode(rand::random::<[u8; 16]>()),
            span_id: new_span_id(),
            parent_id: None,
            started: now,
            held: Arc::default(),
        }
    }

    /// The trace of a request with this `traceparent` header (version 00:
    /// `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`); a header that does not parse,
    /// or has an all-zero id, is ignored as the standard asks, and a new trace starts.
    pub fn from_traceparent(header: Option<&str>, now: DateTime<Utc>) -> Self {
        let mut trace = Trace::new(now);
        let parts: Vec<&str> = header.unwrap_or_default().trim().split('-').collect();
        // A later version may add fields after these four; version 00 has exactly four.
        let known = parts.len() == 4 || (parts.len() > 4 && parts[0] != "00");
        if known
            && let [version, trace_id, parent_id, flags, ..] = parts[..]
            && version.len() == 2
            && version
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            && version != "ff"
            && is_hex(trace_id, 32)
            && is_hex(parent_id, 16)
            && flags.len() == 2
            && flags
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            trace.trace_id = trace_id.to_string();
            trace.parent_id = Some(parent_id.to_string());
        }
        trace
    }

    /// The trace of the current request: its task's, else `fallback` (a principal made for
    /// the request, for page resources rendered on tasks of their own), else a new one.
    pub fn current(fallback: Option<&Trace>) -> Trace {
        TRACE
            .try_with(Clone::clone)
            .ok()
            .or_else(|| fallback.cloned())
            .unwrap_or_else(|| Trace::new(Utc::now()))
    }

    /// Whether this is the trace of the request whose task runs this code: only then will
    /// [`Held`] rows be written when the request ends.
    pub fn is_request_task(&self) -> bool {
        TRACE
            .try_with(|t| Arc::ptr_eq(&t.held, &self.held))
            .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::Trace;
    use chrono::Utc;

    #[test]
    fn a_valid_traceparent_is_continued_and_anything_else_starts_a_trace() {
        let now = Utc::now();
        let t = Trace::from_traceparent(
            Some("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            now,
        );
        assert_eq!(t.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(t.parent_id.as_deref(), Some("00f067aa0ba902b7"));
        assert_ne!(t.span_id, "00f067aa0ba902b7");
        assert_eq!(t.span_id.len(), 16);
        for bad in [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",
            "nonsense",
        ] {
            let t = Trace::from_traceparent(Some(bad), now);
            assert_ne!(t.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736", "{bad}");
            assert_eq!(t.trace_id.len(), 32);
            assert_eq!(t.parent_id, None, "{bad}");
        }
        let a = Trace::from_traceparent(None, now);
        let b = Trace::from_traceparent(None, now);
        assert_ne!(a.trace_id, b.trace_id);
    }
}
