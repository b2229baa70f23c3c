//! The page frame: skip link, header with role-aware navigation, footer; the start page and
//! the page for an unknown address.

use crate::identity::auth::{LogoutButton, current_user};
use crate::ui::button::ButtonLink;
use kernel::domain::Role;
use kernel::views::auth::Me;
use leptos::prelude::*;

/// The navigation items a role may use.
fn nav_items(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::JobSeeker => &[
            ("/vandaag", "Vandaag"),
            ("/mijn-profiel", "Mijn profiel"),
            ("/vacatures-voor-mij", "Vacatures voor mij"),
            ("/mijn-gegevens", "Mijn gegevens en privacy"),
        ],
        Role::Employer => &[
            ("/vandaag", "Vandaag"),
            ("/kandidaten", "Kandidaten"),
            ("/vacatures", "Vacatures"),
            ("/uitnodigingen", "Uitnodigingen"),
            ("/mijn-account", "Mijn account"),
        ],
        Role::Staff => &[
            ("/vandaag", "Vandaag"),
            ("/werkzoekenden", "Werkzoekenden"),
            ("/werkgevers", "Werkgevers"),
            ("/privacyverzoeken", "Privacyverzoeken"),
            ("/contactberichten", "Contactberichten"),
            ("/partners", "Partners"),
            ("/accounts", "Accounts"),
            ("/auditlog", "Auditlog"),
            ("/statistieken", "Statistieken"),
        ],
        Role::Partner => &[("/vandaag", "Vandaag"), ("/partner", "Gedeelde gegevens")],
        Role::Admin => &[("/vandaag", "Vandaag"), ("/beheer", "Beheer")],
    }
}

/// The main menu. On a small screen it folds behind a menu button (the links of staff alone
/// are some 850 px wide); the button is hidden on wider screens by the stylesheet.
#[component]
fn Nav(me: Option<Me>) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let open = RwSignal::new(false);
    // A chosen link closes the menu again.
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let link = move |href: &'static str, label: &'static str| {
        let current = move || (location.pathname.get().starts_with(href)).then_some("page");
        view! {
            <li class="utrecht-nav-bar__item">
                <a class="utrecht-nav-bar__link" href=href aria-current=current>{label}</a>
            </li>
        }
    };
    let links: Vec<(&'static str, &'static str)> = match &me {
        Some(me) => nav_items(me.role).to_vec(),
        None => vec![
            ("/werkgever-aanmelden", "Werkgever aanmelden"),
            ("/contact", "Contact"),
            ("/inloggen", "Inloggen"),
        ],
    };
    view! {
        <crate::ui::fold::FoldButton open controls="hw-menu" label="Menu" />
        <nav class="utrecht-nav-bar hw-nav hw-fold" class:hw-open=move || open.get() id="hw-menu" aria-label="Hoofdmenu">
            <ul class="utrecht-nav-bar__list">
                {links.into_iter().map(|(href, label)| link(href, label)).collect_view()}
            </ul>
        </nav>
        {me.map(|me| view! {
            <div class="hw-user">
                <span data-testid="signed-in-as">{format!("{} · {}", me.name, me.organisation)}</span>
                <LogoutButton />
            </div>
        })}
    }
}

#[component]
pub fn Frame(children: Children) -> impl IntoView {
    let me = Resource::new(|| (), |_| current_user());
    view! {
        <a class="utrecht-link utrecht-skip-link" href="#main">"Naar de inhoud"</a>
        <div class="utrecht-page-layout hw-page">
            <header class="utrecht-page-header hw-header">
                <a class="hw-logo" href="/">"HalloWerk"</a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let me = me.await.ok().flatten();
                        view! { <Nav me /> }
                    })}
                </Suspense>
            </header>
            <main class="utrecht-page-content hw-main" id="main" tabindex="-1">
                {children()}
            </main>
            <footer class="utrecht-page-footer hw-footer">
                <p class="utrecht-paragraph">
                    "HalloWerk brengt werkzoekenden en werkgevers samen, namens de gemeenten. "
                    "Geen profilering en geen automatische besluiten: mensen beslissen."
                </p>
                <nav aria-label="Over HalloWerk">
                    <ul class="utrecht-unordered-list hw-footer-links">
                        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/privacy">"Privacyverklaring"</a></li>
                        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/algoritme">"Hoe zoeken en vergelijken werken"</a></li>
                        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/toegankelijkheid">"Toegankelijkheid"</a></li>
                        <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/contact">"Contact"</a></li>
                    </ul>
                </nav>
            </footer>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    PageTitle::show("Pagina niet gevonden");
    mark_hydrated();
    view! {
        <h1 class="utrecht-heading-1">"Pagina niet gevonden"</h1>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/">"Naar de startpagina"</a></p>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <h1 class="utrecht-heading-1">"Welkom bij HalloWerk"</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">
            "HalloWerk is het afgeschermde platform van de gemeenten in jouw arbeidsmarktregio dat "
            "werkzoekenden en werkgevers met elkaar in contact brengt."
        </p>
        <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">"Werkzoekenden beheren hun eigen profiel en bepalen wat werkgevers zien."</li>
            <li class="utrecht-unordered-list__item">"Werkgevers vinden kandidaten in hun regio en nodigen hen uit."</li>
            <li class="utrecht-unordered-list__item">"Gemeenten begeleiden werkzoekenden en behandelen privacyverzoeken."</li>
        </ul>
        <p class="utrecht-paragraph">
            <ButtonLink href="/inloggen">"Inloggen"</ButtonLink>
        </p>
    }
}

/// Marks the document once the browser has hydrated the page shown (browser tests wait for
/// this before they click). Called by each page (`crate::pages`), not by `App`: a page's part of
/// the bundle loads while the rest hydrates, and an effect of `App` ran before the page's
/// buttons had their handlers.
pub fn mark_hydrated() {
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}

/// The title of the page shown, which the document's `<Title>` (in `App`, outside every lazy
/// part) shows. A page's title is set when the router chooses the page, in the main module,
/// before its part has loaded: a `<Title>` inside a lazily loaded page came too late for the
/// server's `<head>` on pages rendered after the signed-in user's menu, and left the document
/// without a `<title>` in the browser.
#[derive(Clone, Copy)]
pub struct PageTitle(pub RwSignal<&'static str>);

impl PageTitle {
    /// Shows `text` as the title of the page the router chose.
    pub fn show(text: &'static str) {
        if let Some(PageTitle(title)) = use_context::<PageTitle>() {
            title.set(text);
        }
    }
}
