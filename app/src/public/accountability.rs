//! Public accountability pages: how filtering and matching work (`/algoritme`, with its
//! Algoritmeregister data at `/algoritme.json`) and the accessibility statement
//! (`/toegankelijkheid`). The algorithm page's field lists come from `kernel::algorithm`, which
//! derives them from the filter and the matcher themselves.

use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, Table};
use kernel::algorithm::{self, text};
use kernel::matching::ORDER_EXPLAINED;
use kernel::policy::Field;
use leptos::prelude::*;

fn field_list(fields: Vec<Field>, testid: &'static str) -> impl IntoView {
    view! {
        <ul class="utrecht-unordered-list" data-testid=testid>
            {fields.into_iter().map(|f| view! { <li class="utrecht-unordered-list__item">{f.label()}</li> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn AlgorithmPage() -> impl IntoView {
    view! {
        <h1 class="utrecht-heading-1">"Hoe zoeken en vergelijken werken"</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{text::SHORT}</p>
        <h2 class="utrecht-heading-2">"Waarvoor"</h2>
        <p class="utrecht-paragraph">{text::GOAL}</p>
        <h2 class="utrecht-heading-2">"Welke gegevens het filter van de werkgever gebruikt"</h2>
        <p class="utrecht-paragraph">
            "Een werkgever kiest zelf filters. Het filter kijkt alleen naar deze gegevens, en alleen "
            "bij werkzoekenden die hun profiel zichtbaar maakten:"
        </p>
        {field_list(algorithm::filter_fields().iter().collect(), "filter-fields")}
        <h2 class="utrecht-heading-2">"Welke gegevens de vergelijking met een vacature gebruikt"</h2>
        {field_list(algorithm::match_fields().iter().collect(), "match-fields")}
        <p class="utrecht-paragraph">
            "Belastbaarheid telt alleen mee als de werkzoekende toestemming gaf om die aan werkgevers te laten zien."
        </p>
        <h2 class="utrecht-heading-2">"Wat een lijst van een persoon laat zien"</h2>
        <p class="utrecht-paragraph">
            "In elke lijst (zoeken, passende kandidaten bij een vacature, de dagelijkse e-mail) ziet een "
            "werkgever per persoon alleen wat nodig is om een eerste keuze te maken, op wat iemand kan:"
        </p>
        <ul class="utrecht-unordered-list" data-testid="card-fields">
            {algorithm::card().into_iter().map(|item| view! {
                <li class="utrecht-unordered-list__item">{item}</li>
            }).collect_view()}
        </ul>
        <p class="utrecht-paragraph">
            "Alleen in een geopend profiel, dat meetelt voor het dagelijkse maximum en wordt vastgelegd:"
        </p>
        {field_list(algorithm::opened_only(), "opened-only")}
        <h2 class="utrecht-heading-2">"Welke gegevens nooit worden gebruikt"</h2>
        <p class="utrecht-paragraph">"Deze gegevens spelen bij zoeken en vergelijken nooit een rol:"</p>
        {field_list(algorithm::never_used(), "never-used")}
        <h2 class="utrecht-heading-2">"Geen score, geen automatisch besluit"</h2>
        <p class="utrecht-paragraph">{text::HUMAN}</p>
        <p class="utrecht-paragraph">{ORDER_EXPLAINED}</p>
        <h2 class="utrecht-heading-2">"Afwegingen"</h2>
        <p class="utrecht-paragraph">{text::PROPORTIONALITY}</p>
        <h2 class="utrecht-heading-2">"Risico's en wat we eraan doen"</h2>
        <p class="utrecht-paragraph">{text::RISKS}</p>
        <h2 class="utrecht-heading-2">"Wettelijke basis"</h2>
        <p class="utrecht-paragraph">{text::LAWFUL_BASIS}</p>
        <h2 class="utrecht-heading-2">"Technische werking"</h2>
        <p class="utrecht-paragraph">{text::METHODS}</p>
        <p class="utrecht-paragraph">
            <a class="utrecht-link" href="/algoritme.json" rel="external">
                "Deze uitleg als gegevens voor het Algoritmeregister (JSON, publicatiestandaard "
                {algorithm::STANDARD_VERSION}")"
            </a>
        </p>
    }
}

/// The date of the accessibility statement and of the checks it rests on.
const STATEMENT_DATE: &str = "4 december 2026";

/// What does not yet meet WCAG 2.1 AA, found by our own checks (success criterion, what, plan).
const KNOWN_ISSUES: [(&str, &str, &str); 2] = [
    (
        "1.4.10 Reflow (AA)",
        "Op een scherm van 320 pixels breed (of bij 400% zoom) schuiven veel pagina's zijwaarts; de pagina's voor medewerkers tot 769 pixels breed.",
        "Pagina's passend maken voor kleine schermen (gepland in de volgende versie).",
    ),
    (
        "4.1.3 Statusberichten (AA)",
        "Niet elke opslagactie meldt het resultaat zo dat een schermlezer het voorleest.",
        "Elke bevestiging en foutmelding krijgt een rol die schermlezers voorlezen.",
    ),
];

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <h1 class="utrecht-heading-1">"Toegankelijkheidsverklaring"</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">
            "De gemeenten die HalloWerk gebruiken willen dat iedereen het kan gebruiken, ook mensen "
            "met een beperking. Deze verklaring gaat over de hele website HalloWerk, met alle pagina's "
            "voor werkzoekenden, werkgevers, medewerkers van de gemeente en partners."
        </p>
        <h2 class="utrecht-heading-2">"Status: eerste maatregelen genomen (C)"</h2>
        <p class="utrecht-paragraph">
            "HalloWerk voldoet nog niet volledig aan de eisen (WCAG 2.1 op niveau AA, zoals het Besluit "
            "digitale toegankelijkheid overheid vraagt). Een volledig onderzoek volgens de WCAG-EM-methode "
            "is nog niet gedaan; het is gepland binnen zes maanden na deze verklaring."
        </p>
        <h2 class="utrecht-heading-2">"Wat we hebben getest"</h2>
        <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">
                "De belangrijkste pagina's van elke rol worden bij elke wijziging automatisch getest met axe-core in de browser (Chromium); die test vindt op dit moment geen fouten. Zo'n automatische test vindt niet alle problemen."
            </li>
            <li class="utrecht-unordered-list__item">
                "De pagina's gebruiken de componenten van het NL Design System (Utrecht) voor formulieren, knoppen, tabellen en meldingen."
            </li>
            <li class="utrecht-unordered-list__item">{format!("Datum van deze verklaring en de laatste controle: {STATEMENT_DATE}.")}</li>
        </ul>
        <h2 class="utrecht-heading-2">"Wat nog niet goed is"</h2>
        <Table label="Wat nog niet goed is" caption="Bekende afwijkingen" testid="known-issues">
            <Head>
                    <HeaderCell>"Succescriterium"</HeaderCell>
                    <HeaderCell>"Wat er misgaat"</HeaderCell>
                    <HeaderCell>"Wat we doen"</HeaderCell>
            </Head>
            <Body>
                {KNOWN_ISSUES.into_iter().map(|(sc, what, plan)| view! {
                    <Row>
                        <Cell>{sc}</Cell>
                        <Cell>{what}</Cell>
                        <Cell>{plan}</Cell>
                    </Row>
                }).collect_view()}
            </Body>
        </Table>
        <h2 class="utrecht-heading-2">"Iets werkt niet voor u?"</h2>
        <p class="utrecht-paragraph">
            "Laat het ons weten via het "<a class="utrecht-link" href="/contact">"contactformulier"</a>
            ". U krijgt binnen 5 werkdagen een bevestiging en binnen 3 weken een antwoord."
        </p>
        <h2 class="utrecht-heading-2">"Niet tevreden met het antwoord?"</h2>
        <p class="utrecht-paragraph">
            "Dan kunt u een klacht indienen bij de Nationale ombudsman of bij de ombudsman van uw gemeente."
        </p>
    }
}
