//! The types of `auth` that the service returns and the browser shows.

use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// What the browser may know about the signed-in user (for the navigation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub role: Role,
    pub organisation: String,
}

/// Where a completed log-in goes: the work of the day ("Vandaag"), the start page of every
/// role, which shows each role its own.
pub const HOME_PATH: &str = "/vandaag";

/// Where a log-in goes next: the role's start page, or the second step (staff, partner users
/// and administrators, who sign in with a code from an authenticator app as well).
pub const SECOND_STEP_PATH: &str = "/inloggen/tweede-stap";

/// The query parameter that carries, through the log-in, the page a signed-out visitor asked
/// for (`/inloggen?terug=/vacatures-voor-mij`), so the log-in ends there.
pub const RETURN_PARAM: &str = "terug";

/// `path` as a place to return to after the log-in: a path of this site (one leading `/`, no
/// scheme, host or backslash, no control character), or `None`, so a link someone else made
/// cannot send a person to another site once signed in.
pub fn safe_return(path: &str) -> Option<&str> {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 1000
        && !path.chars().any(|c| c == '\\' || c.is_control());
    ok.then_some(path)
}

/// The log-in page of a signed-out visitor who asked for `path` (a path and query of this site).
pub fn login_for(path: &str) -> String {
    format!("/inloggen?{RETURN_PARAM}={}", encode(path))
}

/// Where to go once the log-in answered `next` (the start page, or the second step) for a
/// visitor who asked for `back`: the page asked for instead of the start page, and the second
/// step carrying it on.
pub fn after_sign_in(next: &str, back: Option<&str>) -> String {
    match back.and_then(safe_return) {
        Some(back) if next == HOME_PATH => back.to_string(),
        Some(back) if next == SECOND_STEP_PATH => {
            format!("{SECOND_STEP_PATH}?{RETURN_PARAM}={}", encode(back))
        }
        _ => next.to_string(),
    }
}

/// The page asked for, from the query string of the log-in page (`?terug=…`, as
/// `location.search` gives it), decoded; `None` without one or when it is not valid UTF-8.
pub fn asked_for_in(search: &str) -> Option<String> {
    let value = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(RETURN_PARAM)?.strip_prefix('='))?;
    decode(value)
}

/// Undoes percent-encoding (and `+` for a space, as forms write it).
fn decode(s: &str) -> Option<String> {
    let (b, mut out) = (s.as_bytes(), Vec::with_capacity(s.len()));
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes everything but unreserved characters and `/`, for a query value.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The second step of a log-in, as the signed-in-with-password user sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecondStep {
    /// First log-in: add HalloWerk to an authenticator app, then confirm with a code.
    Enrol {
        /// The `otpauth://` URI as a QR code (SVG, drawn on the server).
        qr_svg: String,
        /// The same secret as text (base32), for typing it in.
        secret: String,
    },
    /// Enrolled: a code from the app, or one of the recovery codes.
    Verify,
}

/// The outcome of a confirmed enrolment: the ten recovery codes, shown this once (only their
/// hashes are kept), and where to go next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolled {
    pub recovery_codes: Vec<String>,
    pub home: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_of_this_site_is_returned_to() {
        for ok in [
            "/vacatures-voor-mij",
            "/kandidaten?q=lassen&pagina=2",
            "/werkzoekenden/12",
        ] {
            assert_eq!(safe_return(ok), Some(ok));
        }
        for bad in [
            "",
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "evil",
            "/a\nb",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_return(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_page_asked_for_replaces_the_start_page_and_rides_along_the_second_step() {
        let back = Some("/kandidaten?q=las sen&x=1");
        assert_eq!(after_sign_in(HOME_PATH, back), "/kandidaten?q=las sen&x=1");
        assert_eq!(
            after_sign_in(SECOND_STEP_PATH, back),
            "/inloggen/tweede-stap?terug=/kandidaten%3Fq%3Dlas%20sen%26x%3D1"
        );
        assert_eq!(after_sign_in(HOME_PATH, None), HOME_PATH);
        assert_eq!(after_sign_in(HOME_PATH, Some("//evil.example")), HOME_PATH);
        assert_eq!(
            after_sign_in(SECOND_STEP_PATH, Some("https://evil.example")),
            SECOND_STEP_PATH
        );
        assert_eq!(login_for("/mijn-profiel"), "/inloggen?terug=/mijn-profiel");
        // What the log-in page reads back is what was sent.
        let sent = login_for("/kandidaten?q=las sen&x=1");
        let search = sent.split_once('?').unwrap().1;
        assert_eq!(
            asked_for_in(search).as_deref(),
            Some("/kandidaten?q=las sen&x=1")
        );
        assert_eq!(
            asked_for_in("?a=1&terug=%2Fvandaag").as_deref(),
            Some("/vandaag")
        );
        assert_eq!(asked_for_in("?terugx=/a"), None);
        assert_eq!(asked_for_in("?terug=%zz"), None);
        assert_eq!(asked_for_in("?terug=%C3%A9").as_deref(), Some("é"));
        assert_eq!(asked_for_in("?terug=%C3"), None);
        assert_eq!(asked_for_in(""), None);
        // Encoded, another site is still refused once decoded.
        for sneaky in [
            "?terug=%2F%2Fevil.example",
            "?terug=%2F%5Cevil.example",
            "?terug=%2F%09%2Fevil.example",
            "?terug=https%3A%2F%2Fevil.example",
        ] {
            let back = asked_for_in(sneaky);
            assert!(back.is_some(), "{sneaky}");
            assert_eq!(
                after_sign_in(HOME_PATH, back.as_deref()),
                HOME_PATH,
                "{sneaky}"
            );
        }
    }
}
