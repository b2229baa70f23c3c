//! HalloWerk's web app: pages, components and server functions, compiled for the server (`ssr`)
//! and the browser (`hydrate`). Widgets that know no feature in `ui`, the page frame in `shell`,
//! then the folders the service has too: `identity`, `model` (pages parts several audiences
//! share), `public`, and one folder per audience. A server function requires a role and
//! calls the `service` crate, where row scope, visibility policy and audit live; this crate has
//! no database dependency at all.

#![recursion_limit = "256"]

// Shared by every page, bottom to top; no folder names one above it, and no audience folder
// names another except `public` (scripts/check-layout).
pub mod error;
pub mod identity;
pub mod model;
pub mod pages;
pub mod public;
pub mod shell;
pub mod ui;
// One folder per audience.
pub mod admin;
pub mod employer;
pub mod job_seeker;
pub mod partner;
pub mod staff;

#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    Lazy,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around the app (server-rendered).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#cc0000" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="utrecht-theme utrecht-document utrecht-document--surface">
                <App />
            </body>
        </html>
    }
}

/// The Content-Security-Policy of a rendered page: scripts only from this origin or with this
/// response's nonce (Leptos puts it on its hydration scripts), no plugins, no `<base>`, no
/// framing. The live-reload socket of `cargo leptos watch` (`LEPTOS_WATCH`, the same switch
/// Leptos's `AutoReload` reads) is allowed only while watching, never in a built release.
pub fn content_security_policy(nonce: &str, watching: bool) -> String {
    let connect = if watching {
        "connect-src 'self' ws://127.0.0.1:* ws://localhost:*"
    } else {
        "connect-src 'self'"
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; \
         {connect}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
         form-action 'self'"
    )
}

/// Puts the page's Content-Security-Policy, with this response's nonce, on the response.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let csp = content_security_policy(&nonce.to_string(), std::env::var("LEPTOS_WATCH").is_ok());
    if let Ok(v) = http::HeaderValue::from_str(&csp) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

/// The pages only a signed-in person can use, as the router names them (`{id}`: any one
/// segment): a signed-out visitor who opens one is sent to log in first
/// (`server::web::sign_in_first`), which then ends on it (`kernel::views::auth::after_sign_in`),
/// instead of loading that audience's part of the bundle to be told to log in. Downloads and
/// other plain HTTP routes keep answering 401. The second step of a log-in is not here: its
/// visitor has a session, only not a complete one. The authorisation matrix (server tests)
/// opens every page signed out and fails for a page that asks to log in but is not listed.
pub const SIGNED_IN_PAGES: &[&str] = &[
    "/vandaag",
    "/wachtwoord-wijzigen",
    "/mijn-profiel",
    "/vacatures-voor-mij",
    "/mijn-gegevens",
    "/kandidaten",
    "/kandidaten/{id}",
    "/vacatures",
    "/vacatures/{id}",
    "/uitnodigingen",
    "/mijn-account",
    "/werkzoekenden",
    "/werkzoekenden/{id}",
    "/werkgevers",
    "/privacyverzoeken",
    "/contactberichten",
    "/partners",
    "/accounts",
    "/auditlog",
    "/statistieken",
    "/kijklimieten",
    "/privacyverklaring-beheren",
    "/partner",
    "/beheer",
];

/// `path` is one of [`SIGNED_IN_PAGES`] (`/vacatures/nieuw` and `/vacatures/12` are
/// `/vacatures/{id}`).
pub fn signed_in_only(path: &str) -> bool {
    SIGNED_IN_PAGES.iter().any(|pattern| {
        let (mut want, mut got) = (pattern.split('/'), path.split('/'));
        loop {
            match (want.next(), got.next()) {
                (None, None) => return true,
                (Some(w), Some(g)) if w == g || (w.starts_with('{') && !g.is_empty()) => {}
                _ => return false,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_for_signed_in_people_is_known_by_its_route() {
        for page in [
            "/vandaag",
            "/kandidaten",
            "/kandidaten/12",
            "/vacatures/nieuw",
            "/partner",
        ] {
            assert!(super::signed_in_only(page), "{page}");
        }
        for other in [
            "/",
            "/privacy",
            "/vandaagx",
            "/partnerx",
            "/kandidaten/",
            "/kandidaten/1/2",
            "/mijn-gegevens/export.json",
            "/inloggen/tweede-stap",
        ] {
            assert!(!super::signed_in_only(other), "{other}");
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let page_title = RwSignal::new("");
    provide_context(shell::frame::PageTitle(page_title));
    #[cfg(feature = "ssr")]
    set_content_security_policy();

    view! {
        <Stylesheet id="leptos" href="/pkg/hallowerk.css" />
        <Title text=move || page_title.get() formatter=|t: String| if t.is_empty() { "HalloWerk".to_string() } else { format!("{t} · HalloWerk") } />
        <Router>
            <shell::frame::Frame>
                <Routes fallback=shell::frame::NotFound>
                    <Route path=path!("/") view={Lazy::<pages::entry::Home>::new()} />
                    <Route path=path!("/vandaag") view={Lazy::<pages::signed_in::Vandaag>::new()} />
                    <Route path=path!("/inloggen") view={Lazy::<pages::entry::Inloggen>::new()} />
                    <Route path=path!("/inloggen/tweede-stap") view={Lazy::<pages::entry::InloggenTweedeStap>::new()} />
                    <Route path=path!("/mijn-profiel") view={Lazy::<pages::job_seekers::MijnProfiel>::new()} />
                    <Route path=path!("/kandidaten") view={Lazy::<pages::employers::Kandidaten>::new()} />
                    <Route path=path!("/kandidaten/:id") view={Lazy::<pages::employers::KandidatenIdItem>::new()} />
                    <Route path=path!("/vacatures") view={Lazy::<pages::employers::Vacatures>::new()} />
                    <Route path=path!("/vacatures/nieuw") view={Lazy::<pages::employers::VacaturesNieuw>::new()} />
                    <Route path=path!("/vacatures/:id") view={Lazy::<pages::employers::VacaturesIdItem>::new()} />
                    <Route path=path!("/mijn-account") view={Lazy::<pages::employers::MijnAccount>::new()} />
                    <Route path=path!("/uitnodigingen") view={Lazy::<pages::employers::Uitnodigingen>::new()} />
                    <Route path=path!("/werkzoekenden") view={Lazy::<pages::municipal_staff::Werkzoekenden>::new()} />
                    <Route path=path!("/werkzoekenden/:id") view={Lazy::<pages::municipal_staff::WerkzoekendenIdItem>::new()} />
                    <Route path=path!("/partner") view={Lazy::<pages::partners::Partner>::new()} />
                    <Route path=path!("/e-mailadres-bevestigen/:token") view={Lazy::<pages::mailed_links::EMailadresBevestigenTokenItem>::new()} />
                    <Route path=path!("/activeren/:token") view={Lazy::<pages::mailed_links::ActiverenTokenItem>::new()} />
                    <Route path=path!("/wachtwoord-herstellen/:token") view={Lazy::<pages::mailed_links::WachtwoordHerstellenTokenItem>::new()} />
                    <Route path=path!("/wachtwoord-vergeten") view={Lazy::<pages::mailed_links::WachtwoordVergeten>::new()} />
                    <Route path=path!("/wachtwoord-wijzigen") view={Lazy::<pages::signed_in::WachtwoordWijzigen>::new()} />
                    <Route path=path!("/vacatures-voor-mij") view={Lazy::<pages::job_seekers::VacaturesVoorMij>::new()} />
                    <Route path=path!("/mijn-gegevens") view={Lazy::<pages::job_seekers::MijnGegevens>::new()} />
                    <Route path=path!("/werkgever-aanmelden") view={Lazy::<pages::public_forms::WerkgeverAanmelden>::new()} />
                    <Route path=path!("/werkgevers") view={Lazy::<pages::municipal_staff::Werkgevers>::new()} />
                    <Route path=path!("/privacyverzoeken") view={Lazy::<pages::municipal_staff::Privacyverzoeken>::new()} />
                    <Route path=path!("/accounts") view={Lazy::<pages::municipal_staff::Accounts>::new()} />
                    <Route path=path!("/partners") view={Lazy::<pages::municipal_staff::Partners>::new()} />
                    <Route path=path!("/auditlog") view={Lazy::<pages::municipal_staff::Auditlog>::new()} />
                    <Route path=path!("/statistieken") view={Lazy::<pages::municipal_staff::Statistieken>::new()} />
                    <Route path=path!("/privacyverzoek-bevestigen/:token") view={Lazy::<pages::mailed_links::PrivacyverzoekBevestigenTokenItem>::new()} />
                    <Route path=path!("/contact") view={Lazy::<pages::public_forms::Contact>::new()} />
                    <Route path=path!("/algoritme") view={Lazy::<pages::statements::Algoritme>::new()} />
                    <Route path=path!("/toegankelijkheid") view={Lazy::<pages::statements::Toegankelijkheid>::new()} />
                    <Route path=path!("/privacy") view={Lazy::<pages::statements::Privacy>::new()} />
                    <Route path=path!("/privacyverklaring-beheren") view={Lazy::<pages::municipal_staff::PrivacyverklaringBeheren>::new()} />
                    <Route path=path!("/kijklimieten") view={Lazy::<pages::municipal_staff::Kijklimieten>::new()} />
                    <Route path=path!("/contactberichten") view={Lazy::<pages::municipal_staff::Contactberichten>::new()} />
                    <Route path=path!("/beheer") view={Lazy::<pages::administrators::Beheer>::new()} />
                </Routes>
            </shell::frame::Frame>
        </Router>
    }
}
