//! HalloWerk's web app: pages, components and server functions, compiled for the server (`ssr`)
//! and the browser (`hydrate`). One module per feature. A server function requires a role and
//! calls the `service` crate, where row scope, visibility policy and audit live; this crate has
//! no database dependency at all.

#![recursion_limit = "256"]

// The browser-safe kernel, under the names the features have always used.

pub mod accountability;
pub mod accounts;
pub mod activation;
pub mod admin;
pub mod admin_accounts;
pub mod audit_search;
pub mod auth;
pub mod candidates;
pub mod contact;
pub mod email_change;
pub mod employer_invitations;
pub mod employers;
pub mod error;
pub mod job_seekers;
pub mod media;
pub mod my_vacancies;
pub mod occupations;
pub mod partner;
pub mod partners;
pub mod privacy;
pub mod privacy_desk;
pub mod privacy_statement;
pub mod profile;
pub mod profile_edit;
pub mod saved_searches;
pub mod second_factor;
pub mod shell;
pub mod statistics;
pub mod ui;
pub mod vacancies;
pub mod viewing_limits;

#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // Marks the document once the browser has hydrated it (browser tests wait for this).
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/hallowerk.css" />
        <Title formatter=|t: String| if t.is_empty() { "HalloWerk".to_string() } else { format!("{t} · HalloWerk") } />
        <Router>
            <shell::frame::Frame>
                <Routes fallback=shell::frame::NotFound>
                    <Route path=path!("/") view=|| view! { <Title text="Werk vinden in jouw regio" /><shell::frame::HomePage /> } />
                    <Route path=path!("/inloggen") view=|| view! { <Title text="Inloggen" /><auth::LoginPage /> } />
                    <Route path=path!("/inloggen/tweede-stap") view=|| view! { <Title text="Inloggen: tweede stap" /><second_factor::SecondStepPage /> } />
                    <Route path=path!("/mijn-profiel") view=|| view! { <Title text="Mijn profiel" /><profile::MyProfilePage /> } />
                    <Route path=path!("/kandidaten") view=|| view! { <Title text="Kandidaten" /><candidates::CandidatesPage /> } />
                    <Route path=path!("/kandidaten/:id") view=|| view! { <Title text="Kandidaat" /><candidates::CandidateDetailPage /> } />
                    <Route path=path!("/vacatures") view=|| view! { <Title text="Vacatures" /><vacancies::VacanciesPage /> } />
                    <Route path=path!("/vacatures/nieuw") view=|| view! { <Title text="Nieuwe vacature" /><vacancies::VacancyEditPage /> } />
                    <Route path=path!("/vacatures/:id") view=|| view! { <Title text="Vacature" /><vacancies::VacancyEditPage /> } />
                    <Route path=path!("/uitnodigingen") view=|| view! { <Title text="Uitnodigingen" /><employer_invitations::EmployerInvitationsPage /> } />
                    <Route path=path!("/werkzoekenden") view=|| view! { <Title text="Werkzoekenden" /><job_seekers::JobSeekersPage /> } />
                    <Route path=path!("/werkzoekenden/:id") view=|| view! { <Title text="Werkzoekende" /><job_seekers::JobSeekerDetailPage /> } />
                    <Route path=path!("/partner") view=|| view! { <Title text="Gedeelde gegevens" /><partner::PartnerPage /> } />
                    <Route path=path!("/e-mailadres-bevestigen/:token") view=|| view! { <Title text="Nieuw e-mailadres bevestigen" /><email_change::ConfirmEmailPage /> } />
                    <Route path=path!("/activeren/:token") view=|| view! { <Title text="Account activeren" /><activation::ActivationPage /> } />
                    <Route path=path!("/vacatures-voor-mij") view=|| view! { <Title text="Vacatures voor mij" /><my_vacancies::MyVacanciesPage /> } />
                    <Route path=path!("/mijn-gegevens") view=|| view! { <Title text="Mijn gegevens en privacy" /><privacy::PrivacyPage /> } />
                    <Route path=path!("/werkgever-aanmelden") view=|| view! { <Title text="Aanmelden als werkgever" /><employers::RegisterEmployerPage /> } />
                    <Route path=path!("/werkgevers") view=|| view! { <Title text="Werkgevers" /><employers::EmployerDeskPage /> } />
                    <Route path=path!("/privacyverzoeken") view=|| view! { <Title text="Privacyverzoeken" /><privacy_desk::PrivacyDeskPage /> } />
                    <Route path=path!("/accounts") view=|| view! { <Title text="Accounts" /><accounts::AccountsPage /> } />
                    <Route path=path!("/partners") view=|| view! { <Title text="Partners" /><partners::PartnersPage /> } />
                    <Route path=path!("/auditlog") view=|| view! { <Title text="Auditlog" /><audit_search::AuditPage /> } />
                    <Route path=path!("/statistieken") view=|| view! { <Title text="Statistieken" /><statistics::StatisticsPage /> } />
                    <Route path=path!("/contact") view=|| view! { <Title text="Contact" /><contact::ContactPage /> } />
                    <Route path=path!("/algoritme") view=|| view! { <Title text="Hoe zoeken en vergelijken werken" /><accountability::AlgorithmPage /> } />
                    <Route path=path!("/toegankelijkheid") view=|| view! { <Title text="Toegankelijkheidsverklaring" /><accountability::AccessibilityPage /> } />
                    <Route path=path!("/privacy") view=|| view! { <Title text="Privacyverklaring" /><privacy_statement::PrivacyStatementPage /> } />
                    <Route path=path!("/privacyverklaring-beheren") view=|| view! { <Title text="Privacyverklaring publiceren" /><privacy_statement::PublishStatementPage /> } />
                    <Route path=path!("/kijklimieten") view=|| view! { <Title text="Kijklimieten" /><viewing_limits::ViewingLimitsPage /> } />
                    <Route path=path!("/contactberichten") view=|| view! { <Title text="Contactberichten" /><contact::ContactInboxPage /> } />
                    <Route path=path!("/beheer") view=|| view! { <Title text="Beheer" /><admin::AdminPage /> } />
                </Routes>
            </shell::frame::Frame>
        </Router>
    }
}
