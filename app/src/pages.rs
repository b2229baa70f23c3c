//! The app's pages as the router loads them: each in a part of the browser bundle of its own
//! (a Leptos lazy route, split out of the WASM by scripts/build-site), so the first page a
//! browser opens loads the router, the frame and that page, not the staff console, the
//! administration or the statement editor (issue 36, item 4). The server renders them as before.

use crate::*;
use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};
use shell::frame::PageTitle;

/// One page: its title and its component, the part that is loaded when the page is first opened.
macro_rules! page {
    ($name:ident, $title:expr, $($page:tt)*) => {
        pub struct $name;
        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                if let Some(PageTitle(title)) = use_context::<PageTitle>() {
                    title.set($title);
                }
                Self
            }
            fn view(_this: Self) -> AnyView {
                shell::frame::mark_hydrated();
                view! { $($page)* }.into_any()
            }
        }
    };
}

page!(Home, "Werk vinden in jouw regio", <shell::frame::HomePage />);
page!(Vandaag, "Vandaag", <shell::today::TodayPage />);
page!(Inloggen, "Inloggen", <identity::auth::LoginPage />);
page!(InloggenTweedeStap, "Inloggen: tweede stap", <identity::second_factor::SecondStepPage />);
page!(MijnProfiel, "Mijn profiel", <job_seeker::profile::MyProfilePage />);
page!(Kandidaten, "Kandidaten", <employer::candidates::CandidatesPage />);
page!(KandidatenIdItem, "Kandidaat", <employer::candidates::CandidateDetailPage />);
page!(Vacatures, "Vacatures", <employer::vacancies::VacanciesPage />);
page!(VacaturesNieuw, "Nieuwe vacature", <employer::vacancies::VacancyEditPage />);
page!(VacaturesIdItem, "Vacature", <employer::vacancies::VacancyEditPage />);
page!(MijnAccount, "Mijn account", <employer::my_account::MyAccountPage />);
page!(Uitnodigingen, "Uitnodigingen", <employer::invitations::EmployerInvitationsPage />);
page!(Werkzoekenden, "Werkzoekenden", <staff::job_seekers::JobSeekersPage />);
page!(WerkzoekendenIdItem, "Werkzoekende", <staff::job_seekers::JobSeekerDetailPage />);
page!(Partner, "Gedeelde gegevens", <partner::shared_profiles::PartnerPage />);
page!(EMailadresBevestigenTokenItem, "Nieuw e-mailadres bevestigen", <identity::email_change::ConfirmEmailPage />);
page!(ActiverenTokenItem, "Account activeren", <identity::activation::ActivationPage />);
page!(WachtwoordHerstellenTokenItem, "Nieuw wachtwoord kiezen", <identity::activation::ActivationPage reset=true />);
page!(WachtwoordVergeten, "Wachtwoord vergeten", <identity::password::ForgotPasswordPage />);
page!(WachtwoordWijzigen, "Wachtwoord wijzigen", <identity::password::ChangePasswordPage />);
page!(VacaturesVoorMij, "Vacatures voor mij", <job_seeker::my_vacancies::MyVacanciesPage />);
page!(MijnGegevens, "Mijn gegevens en privacy", <model::privacy::PrivacyPage />);
page!(WerkgeverAanmelden, "Aanmelden als werkgever", <staff::employers::RegisterEmployerPage />);
page!(Werkgevers, "Werkgevers", <staff::employers::EmployerDeskPage />);
page!(Privacyverzoeken, "Privacyverzoeken", <staff::privacy_desk::PrivacyDeskPage />);
page!(Accounts, "Accounts", <identity::accounts::AccountsPage />);
page!(Partners, "Partners", <staff::partners::PartnersPage />);
page!(Auditlog, "Auditlog", <staff::audit_search::AuditPage />);
page!(Statistieken, "Statistieken", <staff::statistics::StatisticsPage />);
page!(PrivacyverzoekBevestigenTokenItem, "Privacyverzoek bevestigen", <public::contact::ConfirmPrivacyRequestPage />);
page!(Contact, "Contact", <public::contact::ContactPage />);
page!(Algoritme, "Hoe zoeken en vergelijken werken", <public::accountability::AlgorithmPage />);
page!(Toegankelijkheid, "Toegankelijkheidsverklaring", <public::accountability::AccessibilityPage />);
page!(Privacy, "Privacyverklaring", <public::privacy_statement::PrivacyStatementPage />);
page!(PrivacyverklaringBeheren, "Privacyverklaring publiceren", <public::privacy_statement::PublishStatementPage />);
page!(Kijklimieten, "Kijklimieten", <staff::viewing_limits::ViewingLimitsPage />);
page!(Contactberichten, "Contactberichten", <public::contact::ContactInboxPage />);
page!(Beheer, "Beheer", <admin::places::AdminPage />);
