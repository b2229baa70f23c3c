//! What the public algorithm page (`/algoritme`) and its Algoritmeregister export say about
//! filtering and matching. The field lists are derived from the code that filters
//! (`CandidateFilter::criteria`, `SORTABLE`) and matches (`SeekerFacts::FIELDS`), so the page
//! cannot claim a field is unused while the code uses it.

use crate::candidates::{CandidateFilter, SORTABLE};
use crate::matching::SeekerFacts;
use crate::policy::{Field, FieldSet};
use serde::{Deserialize, Serialize};

/// Every field the employer's candidate filter can look at: each criterion a filter can ask
/// for, and the sort orders.
pub fn filter_fields() -> FieldSet {
    SORTABLE
        .into_iter()
        .fold(CandidateFilter::everything().fields_used(), FieldSet::with)
}

/// Every field the comparison of a job seeker with a vacancy uses.
pub fn match_fields() -> FieldSet {
    SeekerFacts::FIELDS
        .into_iter()
        .fold(FieldSet::EMPTY, FieldSet::with)
}

/// The fields of a profile that neither filtering nor matching ever uses.
pub fn never_used() -> Vec<Field> {
    let used = filter_fields()
        .iter()
        .chain(match_fields().iter())
        .fold(FieldSet::EMPTY, FieldSet::with);
    Field::ALL
        .into_iter()
        .filter(|f| !used.contains(*f))
        .collect()
}

/// What a list shows of one person (the card), straight from the policy's card list, each
/// field with how much of it where that is not all: "Achternaam (alleen de eerste letter)".
pub fn card() -> Vec<String> {
    use crate::policy::{Audience, OnCard, on_card};
    Field::ALL
        .into_iter()
        .filter_map(|f| {
            on_card(Audience::Employer, f).map(|c| match c {
                OnCard::Whole => f.label().to_string(),
                part => format!("{} ({})", f.label(), part.label()),
            })
        })
        .collect()
}

/// The fields an employer reads only in an opened profile, never in a list.
pub fn opened_only() -> Vec<Field> {
    use crate::policy::{Audience, card_fields, ever_readable};
    let card = card_fields(Audience::Employer);
    ever_readable(Audience::Employer)
        .iter()
        .filter(|f| !card.contains(*f))
        .collect()
}

/// The Dutch labels of `fields`, in the policy table's order, as one sentence part.
pub fn labels(fields: impl IntoIterator<Item = Field>) -> String {
    let labels: Vec<&str> = fields.into_iter().map(Field::label).collect();
    match labels.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} en {last}", rest.join(", ")),
    }
}

/// The version of the Algoritmeregister publication standard the export follows.
pub const STANDARD_VERSION: &str = "1.0";

/// One registration in the fields of the Algoritmeregister publication standard 1.0
/// (MinBZK, `backend/app/schemas/config/v1_0.json`): one per gemeente that uses HalloWerk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub name: String,
    pub description_short: String,
    pub organization: String,
    pub category: Vec<String>,
    pub status: String,
    pub contact_email: String,
    pub website: String,
    pub publication_category: String,
    pub goal: String,
    pub proportionality: String,
    pub human_intervention: String,
    pub risks: String,
    pub lawful_basis: String,
    pub source_data: String,
    pub methods_and_models: String,
    pub provider: String,
    pub lang: String,
    pub standard_version: String,
}

/// The most characters the standard allows in each text field.
pub const LIMITS: [(&str, usize); 14] = [
    ("name", 100),
    ("description_short", 400),
    ("organization", 100),
    ("contact_email", 500),
    ("website", 500),
    ("goal", 2500),
    ("proportionality", 2500),
    ("human_intervention", 2500),
    ("risks", 2500),
    ("lawful_basis", 2500),
    ("source_data", 2500),
    ("methods_and_models", 5000),
    ("provider", 200),
    ("standard_version", 10),
];

/// What the page says in plain Dutch (B1), shared by the page and the export.
pub mod text {
    pub const NAME: &str = "Werkzoekenden en vacatures bij elkaar zoeken (HalloWerk)";
    pub const SHORT: &str = "Werkgevers zoeken in HalloWerk naar werkzoekenden die bij hun werk passen. Ze kiezen zelf filters, zoals een beroep of een gemeente. HalloWerk laat zien welke punten van een vacature bij iemand passen. Er is geen score en de computer beslist niets: mensen kiezen.";
    pub const GOAL: &str = "Werkzoekenden uit de gemeente en werkgevers uit de regio vinden elkaar sneller. Een werkgever ziet alleen werkzoekenden die hun profiel zichtbaar hebben gemaakt, en alleen de gegevens die de wet toestaat. De werkzoekende ziet welke vacatures bij hem of haar passen.";
    pub const PROPORTIONALITY: &str = "Het filter gebruikt alleen gegevens die de werkzoekende zelf invult over werk, en de doelgroep die de gemeente vastlegt. Gegevens die tot ongelijke behandeling kunnen leiden, zoals geboortedatum, geslacht en postcode, worden nooit gebruikt. Belastbaarheid wordt alleen gebruikt als de werkzoekende daar uitdrukkelijk toestemming voor gaf.";
    pub const HUMAN: &str = "HalloWerk neemt geen besluiten. De werkgever kiest zelf wie hij uitnodigt, de werkzoekende kiest zelf of hij of zij reageert, en de consulent van de gemeente kan meekijken. Een lijst is alleen gesorteerd op het aantal passende punten en op datum; er is geen verborgen score.";
    pub const RISKS: &str = "Een werkgever zou veel profielen kunnen bekijken zonder dat nodig is. Daarom ziet een werkgever alleen de gegevens die de wet toestaat, wordt elke keer dat een profiel wordt geopend vastgelegd, en kan de werkzoekende zien wie het profiel bekeek. Een werkzoekende kan het profiel op elk moment onzichtbaar maken.";
    pub const LAWFUL_BASIS: &str = "Participatiewet (re-integratie en arbeidsbemiddeling door de gemeente); Algemene verordening gegevensbescherming, artikel 6 lid 1 onder e en, voor belastbaarheid, artikel 9 lid 2 onder a (uitdrukkelijke toestemming).";
    pub const METHODS: &str = "Het filter zoekt met vaste regels: woorden in de tekst van het profiel, beroepen, gemeenten, doelgroepen, foto of video, en of iemand lichamelijk past bij de eisen van een vacature. De vergelijking met een vacature zet per punt in woorden of het past of niet (bijvoorbeeld 'Voorkeursberoep: Bakker'). Een vacature past als ten minste één voorkeur van de werkzoekende past. Er is geen zelflerend model en geen kunstmatige intelligentie.";
}

/// The registration of HalloWerk for `gemeente` (its name), with its contact address and the
/// site's address.
pub fn register_entry(gemeente: &str, contact_email: &str, public_url: &str) -> RegisterEntry {
    RegisterEntry {
        name: text::NAME.into(),
        description_short: text::SHORT.into(),
        organization: format!("Gemeente {gemeente}"),
        category: vec!["Werk".into(), "Sociale zekerheid".into()],
        status: "In gebruik".into(),
        contact_email: contact_email.into(),
        website: format!("{public_url}/algoritme"),
        publication_category: "Overige algoritmes".into(),
        goal: text::GOAL.into(),
        proportionality: text::PROPORTIONALITY.into(),
        human_intervention: text::HUMAN.into(),
        risks: text::RISKS.into(),
        lawful_basis: text::LAWFUL_BASIS.into(),
        source_data: format!(
            "Het filter van de werkgever gebruikt: {}. De vergelijking met een vacature gebruikt: {}. Nooit gebruikt: {}. Een lijst toont per persoon alleen: {}. Alleen in een geopend profiel, dat telt en wordt vastgelegd: {}.",
            labels(filter_fields().iter()),
            labels(match_fields().iter()),
            labels(never_used()),
            card().join(", "),
            labels(opened_only())
        ),
        methods_and_models: text::METHODS.into(),
        provider: "HalloWerk (open source)".into(),
        lang: "nld".into(),
        standard_version: STANDARD_VERSION.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_that_could_discriminate_are_never_used() {
        let never = never_used();
        for f in [
            Field::BirthDate,
            Field::Gender,
            Field::PostalCode,
            Field::ClientNumber,
            Field::Email,
            Field::Phone,
        ] {
            assert!(never.contains(&f), "{f:?}");
            assert!(!filter_fields().contains(f) && !match_fields().contains(f));
        }
        // And what is used is named: the keywords' fields, occupations, work capacity.
        for f in [
            Field::Interests,
            Field::PreferredOccupations,
            Field::WorkCapacity,
        ] {
            assert!(filter_fields().contains(f), "{f:?}");
        }
        assert!(match_fields().contains(Field::DesiredWork));
    }

    /// The fields each member of the employer's filter reads, written out by hand (not derived
    /// from `criteria`, which `filter_fields` uses). The filter is destructured without `..`: a
    /// new member does not compile until its fields are written here.
    fn filter_reads_by_hand() -> FieldSet {
        let CandidateFilter {
            q: _,
            occupations: _,
            municipalities: _,
            banenafspraak: _,
            praktijkroute: _,
            bbl: _,
            ondernemer: _,
            has_photo: _,
            has_video: _,
            fit_vacancy: _,
            sort: _,
            page: _,
        } = CandidateFilter::default();
        [
            // q: keywords over the four free texts.
            Field::Interests,
            Field::Talents,
            Field::Motivation,
            Field::DesiredWork,
            // occupations, municipalities.
            Field::PreferredOccupations,
            Field::Municipality,
            // banenafspraak, praktijkroute, bbl, ondernemer.
            Field::TargetBanenafspraak,
            Field::TargetPraktijkroute,
            Field::TargetBbl,
            Field::TargetOndernemer,
            // has_photo, has_video, fit_vacancy.
            Field::Photo,
            Field::Video,
            Field::WorkCapacity,
            // sort: by last name or first name. page: nothing.
            Field::LastName,
            Field::FirstName,
        ]
        .into_iter()
        .collect()
    }

    /// The fields each member of the matcher's facts is made of, written out by hand from the
    /// code that fills them (`service::job_seeker::my_vacancies::overview`, `service::employer::vacancies`), not from
    /// `SeekerFacts::FIELDS`. Destructured without `..`, like the filter.
    fn match_reads_by_hand() -> FieldSet {
        use crate::domain::TargetGroups;
        let SeekerFacts {
            occupation_ids: _,
            municipality_id: _,
            targets,
            work_capacity: _,
            desired_work: _,
        } = SeekerFacts::default();
        let TargetGroups {
            banenafspraak: _,
            praktijkroute: _,
            bbl: _,
            ondernemer: _,
        } = targets;
        [
            // occupation_ids, municipality_id.
            Field::PreferredOccupations,
            Field::Municipality,
            // targets: the four groups.
            Field::TargetBanenafspraak,
            Field::TargetPraktijkroute,
            Field::TargetBbl,
            Field::TargetOndernemer,
            // work_capacity.
            Field::WorkCapacity,
            // desired_work: the desired work and the interests, as one text.
            Field::DesiredWork,
            Field::Interests,
        ]
        .into_iter()
        .collect()
    }

    /// What the page says is used and never used is what the filter and the matcher read,
    /// compared with the lists written out by hand above and with the policy table's fields.
    #[test]
    fn the_page_names_exactly_the_fields_read() {
        assert_eq!(filter_fields(), filter_reads_by_hand());
        assert_eq!(match_fields(), match_reads_by_hand());
        // Never used, spelled out, in the policy table's order.
        let never = [
            Field::ClientNumber,
            Field::Email,
            Field::Gender,
            Field::BirthDate,
            Field::PostalCode,
            Field::Phone,
            Field::ConsultantNotes,
        ];
        assert_eq!(never_used(), never);
        // Used and never used split the policy table: every field is in exactly one of them.
        let used: FieldSet = filter_reads_by_hand()
            .iter()
            .chain(match_reads_by_hand().iter())
            .collect();
        for f in Field::ALL {
            assert!(used.contains(f) != never.contains(&f), "{f:?}");
        }
    }

    #[test]
    fn what_is_used_is_what_an_employer_may_read() {
        use crate::policy::{Audience, ReadContext, readable};
        let with_consent = readable(
            Audience::Employer,
            &ReadContext {
                work_capacity_consent: true,
                ..Default::default()
            },
        );
        assert!(filter_fields().is_subset(with_consent));
        assert!(match_fields().is_subset(with_consent));
    }

    #[test]
    fn the_export_keeps_to_the_standard() {
        let e = register_entry("Rotterdam", "werk@rotterdam.nl", "https://hallowerk.nl");
        let json = serde_json::to_value(&e).unwrap();
        for (field, max) in LIMITS {
            let v = json[field].as_str().unwrap_or_else(|| panic!("{field}"));
            assert!(!v.is_empty(), "{field} is empty");
            assert!(
                v.chars().count() <= max,
                "{field}: {} > {max}",
                v.chars().count()
            );
        }
        assert_eq!(json["lang"], "nld");
        assert!(["In ontwikkeling", "In gebruik", "Buiten gebruik"].contains(&e.status.as_str()));
        assert!(e.source_data.contains("Geboortedatum"), "{}", e.source_data);
        assert_eq!(labels([Field::Gender]), "Geslacht");
        assert_eq!(
            labels([Field::Gender, Field::Phone, Field::Email]),
            "Geslacht, Telefoonnummer en E-mailadres"
        );
    }
}
