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
                    <Route path=path!("/vandaag") view=|| view! { <Title text="Vandaag" /><shell::today::TodayPage /> } />
                    <Route path=path!("/inloggen") view=|| view! { <Title text="Inloggen" /><identity::auth::LoginPage /> } />
                    <Route path=path!("/inloggen/tweede-stap") view=|| view! { <Title text="Inloggen: tweede stap" /><identity::second_factor::SecondStepPage /> } />
                    <Route path=path!("/mijn-profiel") view=|| view! { <Title text="Mijn profiel" /><job_seeker::profile::MyProfilePage /> } />
                    <Route path=path!("/kandidaten") view=|| view! { <Title text="Kandidaten" /><employer::candidates::CandidatesPage /> } />
                    <Route path=path!("/kandidaten/:id") view=|| view! { <Title text="Kandidaat" /><employer::candidates::CandidateDetailPage /> } />
                    <Route path=path!("/vacatures") view=|| view! { <Title text="Vacatures" /><employer::vacancies::VacanciesPage /> } />
                    <Route path=path!("/vacatures/nieuw") view=|| view! { <Title text="Nieuwe vacature" /><employer::vacancies::VacancyEditPage /> } />
                    <Route path=path!("/vacatures/:id") view=|| view! { <Title text="Vacature" /><employer::vacancies::VacancyEditPage /> } />
                    <Route path=path!("/mijn-account") view=|| view! { <Title text="Mijn account" /><employer::my_account::MyAccountPage /> } />
                    <Route path=path!("/uitnodigingen") view=|| view! { <Title text="Uitnodigingen" /><employer::invitations::EmployerInvitationsPage /> } />
                    <Route path=path!("/werkzoekenden") view=|| view! { <Title text="Werkzoekenden" /><staff::job_seekers::JobSeekersPage /> } />
                    <Route path=path!("/werkzoekenden/:id") view=|| view! { <Title text="Werkzoekende" /><staff::job_seekers::JobSeekerDetailPage /> } />
                    <Route path=path!("/partner") view=|| view! { <Title text="Gedeelde gegevens" /><partner::shared_profiles::PartnerPage /> } />
                    <Route path=path!("/e-mailadres-bevestigen/:token") view=|| view! { <Title text="Nieuw e-mailadres bevestigen" /><identity::email_change::ConfirmEmailPage /> } />
                    <Route path=path!("/activeren/:token") view=|| view! { <Title text="Account activeren" /><identity::activation::ActivationPage /> } />
                    <Route path=path!("/wachtwoord-herstellen/:token") view=|| view! { <Title text="Nieuw wachtwoord kiezen" /><identity::activation::ActivationPage reset=true /> } />
                    <Route path=path!("/wachtwoord-vergeten") view=|| view! { <Title text="Wachtwoord vergeten" /><identity::password::ForgotPasswordPage /> } />
                    <Route path=path!("/wachtwoord-wijzigen") view=|| view! { <Title text="Wachtwoord wijzigen" /><identity::password::ChangePasswordPage /> } />
                    <Route path=path!("/vacatures-voor-mij") view=|| view! { <Title text="Vacatures voor mij" /><job_seeker::my_vacancies::MyVacanciesPage /> } />
                    <Route path=path!("/mijn-gegevens") view=|| view! { <Title text="Mijn gegevens en privacy" /><model::privacy::PrivacyPage /> } />
                    <Route path=path!("/werkgever-aanmelden") view=|| view! { <Title text="Aanmelden als werkgever" /><staff::employers::RegisterEmployerPage /> } />
                    <Route path=path!("/werkgevers") view=|| view! { <Title text="Werkgevers" /><staff::employers::EmployerDeskPage /> } />
                    <Route path=path!("/privacyverzoeken") view=|| view! { <Title text="Privacyverzoeken" /><staff::privacy_desk::PrivacyDeskPage /> } />
                    <Route path=path!("/accounts") view=|| view! { <Title text="Accounts" /><identity::accounts::AccountsPage /> } />
                    <Route path=path!("/partners") view=|| view! { <Title text="Partners" /><staff::partners::PartnersPage /> } />
                    <Route path=path!("/auditlog") view=|| view! { <Title text="Auditlog" /><staff::audit_search::AuditPage /> } />
                    <Route path=path!("/statistieken") view=|| view! { <Title text="Statistieken" /><staff::statistics::StatisticsPage /> } />
                    <Route path=path!("/privacyverzoek-bevestigen/:token") view=|| view! { <Title text="Privacyverzoek bevestigen" /><public::contact::ConfirmPrivacyRequestPage /> } />
                    <Route path=path!("/contact") view=|| view! { <Title text="Contact" /><public::contact::ContactPage /> } />
                    <Route path=path!("/algoritme") view=|| view! { <Title text="Hoe zoeken en vergelijken werken" /><public::accountability::AlgorithmPage /> } />
                    <Route path=path!("/toegankelijkheid") view=|| view! { <Title text="Toegankelijkheidsverklaring" /><public::accountability::AccessibilityPage /> } />
                    <Route path=path!("/privacy") view=|| view! { <Title text="Privacyverklaring" /><public::privacy_statement::PrivacyStatementPage /> } />
                    <Route path=path!("/privacyverklaring-beheren") view=|| view! { <Title text="Privacyverklaring publiceren" /><public::privacy_statement::PublishStatementPage /> } />
                    <Route path=path!("/kijklimieten") view=|| view! { <Title text="Kijklimieten" /><staff::viewing_limits::ViewingLimitsPage /> } />
                    <Route path=path!("/contactberichten") view=|| view! { <Title text="Contactberichten" /><public::contact::ContactInboxPage /> } />
                    <Route path=path!("/beheer") view=|| view! { <Title text="Beheer" /><admin::places::AdminPage /> } />
                </Routes>
            </shell::frame::Frame>
        </Router>
    }
}
