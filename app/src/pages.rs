//! The app's pages as the router loads them, in parts of the browser bundle: one part per
//! audience (the way in, the pages mailed links open, the public forms, the public statements, the start page and password
//! change of everyone signed in, and one part each for job seekers, employers, staff, partners
//! and administrators). The
//! first page a browser opens loads the router, the frame and its audience's part, not the staff
//! console, the administration or the statement editor (issue 36, item 4). The server renders
//! the same pages as before.
//!
//! One part per audience, not per page: with a part per page, wasm-split made a shared chunk for
//! every set of pages that shares code, and a first page loaded 100–180 chunks of a few KB, each
//! a request with its own headers and its own import table. A person moves between the pages of
//! their own audience; one part holds what they use.

use crate::*;
use leptos::prelude::*;
use leptos_router::LazyRoute;
use shell::frame::PageTitle;

/// One part of the bundle: a module named after the audience, with a route type per page (its
/// title is shown when the router chooses it, in the main module) and one lazily loaded function
/// that draws any page of the part. `$preload` is the name `#[lazy]` gives the function that
/// loads the part ahead of a click (`__preload_` and the part's name).
macro_rules! part {
    ($(#[$doc:meta])* $part:ident, $preload:ident { $($name:ident $title:literal { $($page:tt)* })* }) => {
        $(#[$doc])*
        pub mod $part {
            use super::*;

            #[derive(Clone, Copy)]
            pub enum Page { $($name),* }

            #[leptos::lazy]
            fn $part(page: Page) -> AnyView {
                shell::frame::mark_hydrated();
                match page {
                    $(Page::$name => view! { $($page)* }.into_any(),)*
                }
            }

            $(
                pub struct $name;

                impl LazyRoute for $name {
                    fn data() -> Self {
                        PageTitle::show($title);
                        Self
                    }

                    async fn view(_this: Self) -> AnyView {
                        $part(Page::$name).await
                    }

                    async fn preload() {
                        #[cfg(target_arch = "wasm32")]
                        $preload().await;
                    }
                }
            )*
        }
    };
}

part!(
    /// The way in: the home page and logging in.
    entry, __preload_entry {
        Home "Werk vinden in jouw regio" { <shell::frame::HomePage /> }
        Inloggen "Inloggen" { <identity::auth::LoginPage /> }
        InloggenTweedeStap "Inloggen: tweede stap" { <identity::second_factor::SecondStepPage /> }
    }
);

part!(
    /// The pages a mailed link opens (activating an account, a new password, confirming an
    /// e-mail address or a privacy request), and asking for such a link.
    mailed_links, __preload_mailed_links {
        EMailadresBevestigenTokenItem "Nieuw e-mailadres bevestigen" { <identity::email_change::ConfirmEmailPage /> }
        ActiverenTokenItem "Account activeren" { <identity::activation::ActivationPage /> }
        WachtwoordHerstellenTokenItem "Nieuw wachtwoord kiezen" { <identity::activation::ActivationPage reset=true /> }
        WachtwoordVergeten "Wachtwoord vergeten" { <identity::password::ForgotPasswordPage /> }
        PrivacyverzoekBevestigenTokenItem "Privacyverzoek bevestigen" { <public::contact::ConfirmPrivacyRequestPage /> }
    }
);

part!(
    /// The public forms: contact (privacy requests are filed through it too), and an employer's
    /// registration.
    public_forms, __preload_public_forms {
        WerkgeverAanmelden "Aanmelden als werkgever" { <staff::employers::RegisterEmployerPage /> }
        Contact "Contact" { <public::contact::ContactPage /> }
    }
);

part!(
    /// The public statements: privacy, accessibility, and how searching and comparing work.
    statements, __preload_statements {
        Algoritme "Hoe zoeken en vergelijken werken" { <public::accountability::AlgorithmPage /> }
        Toegankelijkheid "Toegankelijkheidsverklaring" { <public::accountability::AccessibilityPage /> }
        Privacy "Privacyverklaring" { <public::privacy_statement::PrivacyStatementPage /> }
    }
);

part!(
    /// What every signed-in person has: the start page with the day's work, and changing one's
    /// password.
    signed_in, __preload_signed_in {
        Vandaag "Vandaag" { <shell::today::TodayPage /> }
        WachtwoordWijzigen "Wachtwoord wijzigen" { <identity::password::ChangePasswordPage /> }
    }
);

part!(
    /// A job seeker's own profile, vacancies and privacy page.
    job_seekers, __preload_job_seekers {
        MijnProfiel "Mijn profiel" { <job_seeker::profile::MyProfilePage /> }
        VacaturesVoorMij "Vacatures voor mij" { <job_seeker::my_vacancies::MyVacanciesPage /> }
        MijnGegevens "Mijn gegevens en privacy" { <model::privacy::PrivacyPage /> }
    }
);

part!(
    /// An employer's candidates, vacancies, invitations and account.
    employers, __preload_employers {
        Kandidaten "Kandidaten" { <employer::candidates::CandidatesPage /> }
        KandidatenIdItem "Kandidaat" { <employer::candidates::CandidateDetailPage /> }
        Vacatures "Vacatures" { <employer::vacancies::VacanciesPage /> }
        VacaturesNieuw "Nieuwe vacature" { <employer::vacancies::VacancyEditPage /> }
        VacaturesIdItem "Vacature" { <employer::vacancies::VacancyEditPage /> }
        MijnAccount "Mijn account" { <employer::my_account::MyAccountPage /> }
        Uitnodigingen "Uitnodigingen" { <employer::invitations::EmployerInvitationsPage /> }
    }
);

part!(
    /// The municipal console.
    municipal_staff, __preload_municipal_staff {
        Werkzoekenden "Werkzoekenden" { <staff::job_seekers::JobSeekersPage /> }
        WerkzoekendenIdItem "Werkzoekende" { <staff::job_seekers::JobSeekerDetailPage /> }
        Werkgevers "Werkgevers" { <staff::employers::EmployerDeskPage /> }
        Privacyverzoeken "Privacyverzoeken" { <staff::privacy_desk::PrivacyDeskPage /> }
        Accounts "Accounts" { <identity::accounts::AccountsPage /> }
        Partners "Partners" { <staff::partners::PartnersPage /> }
        Auditlog "Auditlog" { <staff::audit_search::AuditPage /> }
        Statistieken "Statistieken" { <staff::statistics::StatisticsPage /> }
        PrivacyverklaringBeheren "Privacyverklaring publiceren" { <public::privacy_statement::PublishStatementPage /> }
        Kijklimieten "Kijklimieten" { <staff::viewing_limits::ViewingLimitsPage /> }
        Contactberichten "Contactberichten" { <public::contact::ContactInboxPage /> }
    }
);

part!(
    /// What a partner organisation sees of the data its agreement shares.
    partners, __preload_partners {
        Partner "Gedeelde gegevens" { <partner::shared_profiles::PartnerPage /> }
    }
);

part!(
    /// The platform administration.
    administrators, __preload_administrators {
        Beheer "Beheer" { <admin::places::AdminPage /> }
    }
);
