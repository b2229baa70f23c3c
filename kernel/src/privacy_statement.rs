//! The privacy statement the site publishes at `/privacy` (SPEC §10): the seed's text
//! (`kernel/seed/privacyverklaring-hallowerk.txt`), with its field tables generated from the
//! visibility policy and, per gemeente, its data-sharing partners read from the agreements. So
//! the page can never say a field is hidden from employers while the policy shows it.
//!
//! The statement is built as a plain document (sections of paragraphs, lists and tables). A
//! published version stores that document whole, so an old version reads as it was published
//! even after the code or the agreements changed.

use crate::policy::{Audience, Field, Read, rule};
use serde::{Deserialize, Serialize};

/// A whole statement, as shown and as stored with a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub title: String,
    pub sections: Vec<Section>,
}

/// A heading (level 2 for the parts, 3 for the questions in a part) and what follows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub level: u8,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
    /// A list of terms, each with its explanation (the rights of data subjects).
    Terms(Vec<(String, Vec<String>)>),
    Table {
        caption: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl Document {
    /// All text of the document, one string (for tests and for comparing versions by eye).
    pub fn text(&self) -> String {
        let mut out = vec![self.title.clone()];
        for s in &self.sections {
            out.push(s.heading.clone());
            for b in &s.blocks {
                match b {
                    Block::Paragraph(p) => out.push(p.clone()),
                    Block::List(items) => out.extend(items.iter().cloned()),
                    Block::Terms(terms) => {
                        for (t, d) in terms {
                            out.push(t.clone());
                            out.extend(d.iter().cloned());
                        }
                    }
                    Block::Table {
                        caption,
                        header,
                        rows,
                    } => {
                        out.push(caption.clone());
                        out.push(header.join(" | "));
                        out.extend(rows.iter().map(|r| r.join(" | ")));
                    }
                }
            }
        }
        out.join("\n")
    }
}

/// A partner organisation with an agreement in force, and the fields it names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedWith {
    pub partner: String,
    pub fields: Vec<Field>,
}

/// What a gemeente adds to the statement itself (published by its staff).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GemeenteText {
    /// How to reach the gemeente about privacy (its privacy officer or desk).
    pub contact: String,
    /// A paragraph of its own, shown before the general parts.
    pub addition: String,
}

/// Longest contact text and addition a gemeente may publish, and longest change note.
pub const MAX_CONTACT: usize = 1000;
pub const MAX_ADDITION: usize = 4000;
pub const MAX_NOTE: usize = 300;

/// The gemeente a statement is for, with what it shares and adds; `None` is the general
/// statement shown before a visitor chooses their gemeente.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForGemeente {
    pub name: String,
    pub partners: Vec<SharedWith>,
    pub text: GemeenteText,
}

/// The seed's field tables: each profile field in exactly one of them (a unit test checks
/// that a new field cannot be left out of the statement).
pub const TABLES: [(&str, &[Field]); 5] = [
    (
        "Gegevens bij het aanmaken van een profiel",
        &[
            Field::ClientNumber,
            Field::FirstName,
            Field::LastName,
            Field::Email,
            Field::Gender,
            Field::BirthDate,
            Field::PostalCode,
            Field::Phone,
            Field::Municipality,
        ],
    ),
    (
        "Gegevens over doelgroepen",
        &[
            Field::TargetBanenafspraak,
            Field::TargetPraktijkroute,
            Field::TargetBbl,
            Field::TargetOndernemer,
        ],
    ),
    (
        "Verdere gegevens uit jouw profiel",
        &[
            Field::Interests,
            Field::Talents,
            Field::Motivation,
            Field::DesiredWork,
            Field::PreferredOccupations,
            Field::Photo,
            Field::Video,
        ],
    ),
    ("Gegevens over belastbaarheid", &[Field::WorkCapacity]),
    (
        "Gegevens die jouw consulent vastlegt",
        &[Field::ConsultantNotes],
    ),
];

/// What a table cell says about whether `audience` sees `field`: straight from the policy.
pub fn visibility(audience: Audience, field: Field) -> &'static str {
    match rule(audience, field) {
        None => "Nee",
        Some(Read::Always) => "Ja",
        Some(Read::WithConsent) => "Alleen met jouw toestemming",
        Some(Read::PerAgreement) => "Alleen als de afspraak met de partner dit noemt",
    }
}

/// What a table cell says about whether employers see `field` in a list (the card), from the
/// policy's card list.
pub fn in_lists(field: Field) -> String {
    use crate::policy::{OnCard, on_card};
    match on_card(Audience::Employer, field) {
        Some(OnCard::Whole) => "Ja".into(),
        Some(part) => format!("Ja, {}", part.label()),
        None if rule(Audience::Employer, field).is_some() => {
            "Nee, alleen in een geopend profiel".into()
        }
        None => "Nee".into(),
    }
}

/// One sentence for a form: which of `fields` employers see and which only the gemeente sees,
/// from the policy (so a form cannot promise less visibility than the code gives).
pub fn who_sees(fields: &[Field]) -> String {
    use crate::algorithm::labels;
    use crate::policy::ever_readable;
    let employers = ever_readable(Audience::Employer);
    let (shown, hidden): (Vec<Field>, Vec<Field>) =
        fields.iter().partition(|f| employers.contains(**f));
    let mut out = Vec::new();
    if !shown.is_empty() {
        out.push(format!("Werkgevers zien: {}.", labels(shown)));
    }
    if !hidden.is_empty() {
        out.push(format!("Alleen je gemeente ziet: {}.", labels(hidden)));
    }
    out.join(" ")
}

fn table(caption: &str, fields: &[Field]) -> Block {
    Block::Table {
        caption: caption.to_string(),
        header: vec![
            "Persoonsgegeven".into(),
            "Zichtbaar voor gemeente".into(),
            "Zichtbaar voor werkgevers".into(),
            "In lijsten voor werkgevers".into(),
            "Zichtbaar voor partners van de gemeente".into(),
        ],
        rows: fields
            .iter()
            .map(|f| {
                vec![
                    f.label().to_string(),
                    visibility(Audience::Municipality, *f).to_string(),
                    visibility(Audience::Employer, *f).to_string(),
                    in_lists(*f),
                    visibility(Audience::Partner, *f).to_string(),
                ]
            })
            .collect(),
    }
}

fn p(s: &str) -> Block {
    Block::Paragraph(s.to_string())
}

fn list(items: &[&str]) -> Block {
    Block::List(items.iter().map(|s| s.to_string()).collect())
}

fn section(level: u8, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        level,
        heading: heading.to_string(),
        blocks,
    }
}

const PURPOSE_Q: &str = "Voor welk doel verwerken wij jouw gegevens?";
const DATA_Q: &str = "Welke persoonsgegevens verwerken wij?";
const BASIS_Q: &str = "Op basis waarvan mag de gemeente jouw gegevens verwerken?";
const SHARING_Q: &str = "Wanneer delen wij jouw persoonsgegevens met derden?";
const BASIS: &str = "De gemeente mag jouw persoonsgegevens niet zomaar verzamelen en gebruiken. Hiervoor is een grondslag vereist. In de AVG (Algemene Verordening Gegevensbescherming) zijn de grondslagen vastgelegd. Voor HalloWerk is dit de uitvoering van twee wettelijke taken, namelijk de Participatiewet en de wet Structuur Uitvoeringsorganisatie Werk en Inkomen (SUWI).";

/// Who a gemeente shares job seekers' data with, from its agreements in force.
fn sharing(gemeente: Option<&ForGemeente>) -> Vec<Block> {
    let mut blocks = vec![p(
        "Jouw eigen gemeente deelt alleen gegevens met derden als dat noodzakelijk is voor de matching via HalloWerk. Gemeenten sluiten verwerkersovereenkomsten met ICT-partijen en andere derden.",
    )];
    match gemeente {
        None => blocks.push(p(
            "Met welke organisaties jouw gemeente gegevens deelt, en welke gegevens, staat in de privacyverklaring van jouw gemeente. Kies hieronder jouw gemeente.",
        )),
        Some(g) if g.partners.is_empty() => blocks.push(p(&format!(
            "Gemeente {} deelt via HalloWerk geen gegevens met andere organisaties.",
            g.name
        ))),
        Some(g) => {
            blocks.push(p(&format!(
                "Gemeente {} deelt nog gegevens met de volgende organisaties, en alleen de gegevens die de afspraak met die organisatie noemt. Belastbaarheid deelt de gemeente nooit.",
                g.name
            )));
            blocks.push(Block::Table {
                caption: format!("Organisaties waarmee gemeente {} gegevens deelt", g.name),
                header: vec!["Organisatie".into(), "Gegevens die zij mogen zien".into()],
                rows: g
                    .partners
                    .iter()
                    .map(|s| {
                        vec![
                            s.partner.clone(),
                            crate::algorithm::labels(s.fields.iter().copied()),
                        ]
                    })
                    .collect(),
            });
        }
    }
    blocks
}

/// The whole statement, for one gemeente or in general.
pub fn build(gemeente: Option<&ForGemeente>) -> Document {
    let mut sections = Vec::new();
    let mut intro = vec![p(
        "De gemeente is verantwoordelijk voor de verwerking van persoonsgegevens. In deze privacyverklaring informeert de gemeente jou over de verwerking van persoonsgegevens. Wij beschrijven hoe en voor welk doel de gemeente jouw persoonsgegevens verwerkt, hoe jij jouw privacyrechten kunt uitoefenen en andere informatie die voor jou relevant kan zijn.",
    )];
    if let Some(g) = gemeente {
        intro.insert(
            0,
            p(&format!(
                "Dit is de privacyverklaring van gemeente {} voor HalloWerk.",
                g.name
            )),
        );
        if !g.text.addition.trim().is_empty() {
            intro.push(p(g.text.addition.trim()));
        }
    }
    sections.push(section(2, "Over deze privacyverklaring", intro));

    let basis = || vec![p(BASIS)];
    // Werkzoekenden
    sections.push(section(2, "Werkzoekenden", vec![]));
    sections.push(section(
        3,
        PURPOSE_Q,
        vec![p(
            "Binnen ‘HalloWerk’ worden door jouw gemeente de persoonsgegevens verwerkt, die nodig zijn voor het doel om werkzoekenden te matchen op vacatures bij werkgevers. Dit gebeurt via een digitaal (afgeschermd) platform.",
        )],
    ));
    let [basic, targets, further, capacity, notes] = TABLES;
    sections.push(section(
        3,
        DATA_Q,
        vec![
            p("Voor bovenstaand doel, worden verschillende persoonsgegevens verwerkt."),
            p("Bij het aanmaken van een profiel worden de volgende persoonsgegevens verwerkt:"),
            table(basic.0, basic.1),
            p("Ook worden de volgende gegevens inzake ‘doelgroepen’ mogelijk verwerkt:"),
            table(targets.0, targets.1),
            p(
                "Verdere persoonsgegevens uit jouw profiel, die wij verwerken, als ze door jou zijn ingevuld, zijn o.a.:",
            ),
            table(further.0, further.1),
            p(
                "Van belang is dat je bij het aanvullen van je profiel geen bijzondere persoonsgegevens, zoals je BSN, medische geschiedenis, strafrechtelijke verleden, godsdienst en andere gegevens in HalloWerk plaatst.",
            ),
            p(
                "Wel kunnen er gegevens worden verwerkt die aangeven in hoeverre je beperkingen hebt om te werken. Hierbij kunnen we minimale gezondheidsgegevens van jouw verwerken, denk hierbij bijvoorbeeld aan belastbaarheid van fysiek werk (zitten, staan, bukken e.d.).",
            ),
            table(capacity.0, capacity.1),
            p(
                "Je consulent kan gedateerde notities over jouw begeleiding vastleggen, met zijn of haar naam erbij. Jij kunt ze inzien en downloaden; werkgevers en partners zien ze nooit. Ze worden verwijderd met je profiel.",
            ),
            table(notes.0, notes.1),
        ],
    ));
    sections.push(section(3, BASIS_Q, basis()));
    sections.push(section(3, SHARING_Q, sharing(gemeente)));
    sections.push(section(
        3,
        "Welke bewaartermijn hanteren wij?",
        vec![p(
            "Alle informatie, data of documenten die jouw gemeente vastlegt, bewaart de gemeente volgens de wettelijk vastgestelde bewaartermijn behorend bij de Participatiewet.",
        )],
    ));

    // Werkgevers
    sections.push(section(2, "Werkgevers", vec![]));
    sections.push(section(
        3,
        PURPOSE_Q,
        vec![p(
            "HalloWerk is bedoeld om werkzoekenden te matchen op een vacature van een werkgever.",
        )],
    ));
    sections.push(section(
        3,
        DATA_Q,
        vec![
            p(
                "In HalloWerk moet, voor het aanmaken van een account, de werkgever een contactformulier invullen en daarbij de volgende persoonsgegevens invullen:",
            ),
            list(&[
                "Voornaam en achternaam van de contactpersoon werkgever",
                "Zakelijk e-mailadres van contactpersoon werkgever",
                "Zakelijk telefoonnummer van contactpersoon werkgever",
            ]),
            p(
                "Als contactpersoon zie, verbeter en download je deze gegevens zelf op Mijn account. Daar vraag je ook om verwijdering van je account of maak je bezwaar; de gemeenten van je regio behandelen dat binnen een maand. De vacatures van je organisatie dragen je naam niet en blijven na verwijdering bestaan.",
            ),
        ],
    ));
    sections.push(section(3, BASIS_Q, basis()));
    sections.push(section(
        3,
        "Welke bewaartermijn hanteren wij?",
        vec![p(
            "Alle informatie, data of documenten die jouw gemeente vastlegt, bewaart de gemeente volgens de wettelijk vastgestelde bewaartermijn.",
        )],
    ));

    // Contactformulier
    sections.push(section(2, "Contactformulier", vec![]));
    sections.push(section(
        3,
        PURPOSE_Q,
        vec![p(
            "Het doel is om antwoord te kunnen geven op vragen die personen hebben over HalloWerk. Deze vragen kunnen via het contactformulier worden gesteld.",
        )],
    ));
    sections.push(section(
        3,
        DATA_Q,
        vec![
            p(
                "De persoonsgegevens die verwerkt worden bij het invullen van het contactformulier zijn:",
            ),
            list(&[
                "Voornaam",
                "Achternaam",
                "E-mailadres",
                "Telefoonnummer",
                "Kwalificatie persoon (werkzoekende/werkgever/overig)",
                "Regio",
            ]),
        ],
    ));
    sections.push(section(
        3,
        BASIS_Q,
        vec![p(
            "HalloWerk verwerkt jouw persoonsgegevens om de aanvraag die je via het contactformulier indient te behandelen. Om jouw bericht uit het contactformulier te beantwoorden is het noodzakelijk om jouw persoonsgegevens automatisch door te sturen naar de afdeling van de regio die je hebt ingevuld.",
        )],
    ));
    sections.push(section(
        3,
        SHARING_Q,
        vec![p("Wij delen geen persoonsgegevens met derden.")],
    ));
    sections.push(section(
        3,
        "Bewaartermijn",
        vec![
            p(
                "De persoonsgegevens uit het contactformulier worden na ontvangst voor een maand bewaard. Deze bewaartermijn is nodig om ervoor te zorgen dat er voldoende tijd is voor een juiste afhandeling van jouw verzoek.",
            ),
            p(
                "Na een maand worden jouw persoonsgegevens uit de database verwijderd. Voor archiveringsdoeleinden worden wel de volgende gegevens bewaard:",
            ),
            list(&["Kwalificatie aanvrager (werkzoekende/werkgever/overig)", "Regio"]),
        ],
    ));

    // For everyone
    sections.push(section(
        2,
        "Geautomatiseerde besluitvorming en profilering",
        vec![p(
            "Het systeem van HalloWerk past geen profilering toe en neemt geen automatische besluiten over zaken die voor jou (aanzienlijke) gevolgen kunnen hebben.",
        )],
    ));
    sections.push(section(
        2,
        "Beveiligen persoonsgegevens",
        vec![
            p(
                "Binnen HalloWerk zijn de benodigde maatregelen getroffen om jouw persoonsgegevens te beschermen. Hiermee voorkomen we onder andere misbruik, verlies, onbevoegde toegang, ongewenste openbaarmaking en ongeoorloofde wijzigingen van jouw persoonsgegevens.",
            ),
            p(
                "Gemeenten moeten aan de z.g. “Baseline Informatiebeveiliging van de Overheid” (BIO) voldoen. HalloWerk voldoet aan de “Baseline Informatiebeveiliging van de Overheid” (BIO), doordat de bedrijven die de ICT-ondersteuning leveren van HalloWerk allemaal aantoonbaar voldoen aan de ISO 27001 normen. Dit is een wereldwijde standaard voor informatiebeveiliging.",
            ),
        ],
    ));
    sections.push(section(2, "Verwerkingsactiviteiten", processing_register()));
    sections.push(section(
        2,
        "Bewaartermijnen in HalloWerk",
        retention_periods(),
    ));
    sections.push(section(2, "Rechten van betrokkenen", rights()));
    sections.push(section(
        2,
        "Wil je gebruik maken van jouw privacy rechten?",
        vec![p(
            "Dien je verzoek in via het contactformulier HalloWerk of het daarvoor bedoelde loket van jouw gemeente of het contactformulier van HalloWerk. De gemeente behoudt zich het recht voor additionele informatie te vragen ter verificatie van jouw identiteit bij het inroepen van deze rechten.",
        )],
    ));
    sections.push(section(
        2,
        "Klacht indienen",
        vec![
            p(
                "Als je vragen hebt of een klacht wil indienen over het gebruik van jouw persoonsgegevens kun je contact opnemen via het contactformulier op de website van HalloWerk.",
            ),
            p(
                "Als je echter vindt dat wij jou niet op de juiste manier helpen met betrekking tot het verwerken van je persoonsgegevens, dan kun je contact opnemen met de Autoriteit Persoonsgegevens om een klacht in te dienen. Zie hierover\u{a0}de website van de AP.",
            ),
        ],
    ));
    sections.push(section(
        2,
        "Wijziging privacyverklaring",
        vec![p(
            "Deze privacyverklaring kan worden gewijzigd. In dat geval wordt de laatste versie van de privacyverklaring op deze webpagina gepubliceerd.",
        )],
    ));
    let mut contact = vec![p(
        "Bij vragen over privacy kun je contact opnemen via het contactformulier op de website van HalloWerk.",
    )];
    if let Some(g) = gemeente.filter(|g| !g.text.contact.trim().is_empty()) {
        contact.push(p(&format!(
            "Gemeente {} is over privacy ook zo te bereiken: {}",
            g.name,
            g.text.contact.trim()
        )));
    }
    sections.push(section(2, "Contact", contact));
    Document {
        title: match gemeente {
            Some(g) => format!("Privacyverklaring HalloWerk, gemeente {}", g.name),
            None => "Privacyverklaring HalloWerk".to_string(),
        },
        sections,
    }
}

/// The register of `kernel::processing`, with the ids the processing log names.
fn processing_register() -> Vec<Block> {
    vec![
        p(
            "Dit zijn de verwerkingen van persoonsgegevens in HalloWerk. Elke verwerking heeft een vast kenmerk; wie jouw gegevens inziet of wijzigt, wordt vastgelegd met dat kenmerk.",
        ),
        Block::Table {
            caption: "Register van verwerkingsactiviteiten".into(),
            header: vec![
                "Kenmerk".into(),
                "Verwerking".into(),
                "Doel".into(),
                "Van wie".into(),
                "Grondslag".into(),
            ],
            rows: crate::processing::REGISTER
                .iter()
                .map(|a| {
                    vec![
                        a.id.to_string(),
                        a.name.to_string(),
                        a.purpose.to_string(),
                        a.subjects.to_string(),
                        a.basis.to_string(),
                    ]
                })
                .collect(),
        },
    ]
}

/// The periods of `kernel::retention`, as the clean-up keeps them.
fn retention_periods() -> Vec<Block> {
    vec![
        p(
            "Wat HalloWerk maar een tijd nodig heeft, verwijdert het systeem zelf, elk uur, na de termijn hieronder. Je profiel als werkzoekende en je account als werkgever blijven bewaard zolang je HalloWerk gebruikt; je kunt vragen ze te verwijderen (zie je rechten hieronder).",
        ),
        Block::Table {
            caption: "Hoe lang HalloWerk gegevens bewaart".into(),
            header: vec!["Gegevens".into(), "Bewaartermijn".into(), "Daarna".into()],
            rows: crate::retention::ALL
                .iter()
                .map(|r| {
                    vec![
                        r.what.to_string(),
                        format!("{} {}", r.period.words(), r.from),
                        r.then.to_string(),
                    ]
                })
                .collect(),
        },
    ]
}

fn rights() -> Vec<Block> {
    let right = |t: &str, d: &[&str]| (t.to_string(), d.iter().map(|s| s.to_string()).collect());
    vec![
        p(
            "Omdat HalloWerk persoonsgegevens van jou verwerkt, heb je een aantal rechten. Je kunt op grond van de Algemene Verordening Gegevensbescherming (AVG) een beroep doen op de volgende rechten:",
        ),
        Block::Terms(vec![
            right(
                "Recht van inzage in uw persoonsgegevens",
                &[
                    "Je hebt het recht om in te zien welke persoonsgegevens jouw gemeente in het kader van HalloWerk van jou verwerkt.",
                    "Je kunt een beroep op het recht van inzage doen. Je dient je voldoende te kunnen identificeren om dit recht te kunnen uitoefenen.",
                ],
            ),
            right(
                "Recht op rectificatie",
                &[
                    "Wanneer je eigen gemeente persoonsgegevens van jou verwerkt voor HalloWerk die onvolledig of onjuist zijn, heb je het recht om dit te rectificeren. Op jouw verzoek zal je gemeente de persoonsgegevens waar nodig aanvullen en/of aanpassen.",
                ],
            ),
            right(
                "Recht op gegevenswissing",
                &[
                    "Wanneer je je gehele profiel wil laten verwijderen, dan kun je dat verzoek indienen bij je eigen gemeente. Persoonsgegevens kunnen dan alleen worden verwijderd als er geen wettelijke bewaringstermijn geldt.",
                ],
            ),
            right(
                "Recht op beperking van de verwerking",
                &[
                    "Je kunt de verwerking van jouw persoonsgegevens (tijdelijk) stopzetten. Dit is alleen mogelijk onder bepaalde voorwaarden, bijvoorbeeld wanneer je van mening bent dat de gegevensverwerking door HalloWerk onrechtmatig is. Je kunt jouw verzoek indienen bij je eigen gemeente",
                ],
            ),
            right(
                "Recht van bezwaar",
                &[
                    "Bij een vermoeden dat persoonsgegevens voor een ander doel worden gebruikt dan waarvoor ze worden verwerkt, kun je hierover een klacht indienen bij je eigen gemeente.",
                ],
            ),
            right(
                "Recht op dataportabiliteit",
                &[
                    "Doordat je zelf persoonsgegevens aan ons verstrekt heb je recht op de overdraagbaarheid van jouw persoonsgegevens. Dit houdt in dat je eigen gemeente op verzoek jouw gegevens aan een andere verwerkingsverantwoordelijke kan verstrekken.",
                ],
            ),
        ]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::ever_readable;

    const SEED: &str = include_str!("../seed/privacyverklaring-hallowerk.txt");

    /// The seed's lines that the site shows otherwise: its tables (generated from the policy,
    /// checked below) and its one gemeente-specific sentence (generated from the agreements).
    fn seed_prose() -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut in_table = false;
        for line in SEED.lines() {
            let line = line.trim().trim_start_matches('•').trim();
            if line.starts_with("PersoonsgegevenZichtbaar") {
                in_table = true;
            } else if line.is_empty() {
                in_table = false;
            } else if !in_table && !line.starts_with("Gemeente Rotterdam deelt") {
                out.push(line);
            }
        }
        out
    }

    #[test]
    fn every_sentence_of_the_seed_is_published() {
        let text = build(None).text();
        let missing: Vec<_> = seed_prose()
            .into_iter()
            .filter(|l| !text.contains(l))
            .collect();
        assert!(missing.is_empty(), "not in the statement: {missing:#?}");
        assert!(seed_prose().len() > 60, "the seed was read");
    }

    #[test]
    fn the_tables_hold_every_field_once() {
        for f in Field::ALL {
            let n = TABLES.iter().filter(|(_, fs)| fs.contains(&f)).count();
            assert_eq!(n, 1, "{f:?} is in {n} tables");
        }
    }

    #[test]
    fn the_tables_say_what_the_policy_says() {
        let doc = build(None);
        let rows: Vec<Vec<String>> = doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Table { rows, header, .. } if header[0] == "Persoonsgegeven" => {
                    Some(rows.clone())
                }
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(rows.len(), Field::ALL.len());
        for f in Field::ALL {
            let row = rows.iter().find(|r| r[0] == f.label()).unwrap();
            // "Nee" exactly where the policy never lets the audience read the field.
            assert_eq!(
                row[2] == "Nee",
                !ever_readable(Audience::Employer).contains(f),
                "{f:?}"
            );
            assert_eq!(
                row[1] == "Nee",
                !ever_readable(Audience::Municipality).contains(f)
            );
            // Lists: "Ja" exactly for the policy's card fields.
            assert_eq!(
                row[3].starts_with("Ja"),
                crate::policy::card_fields(Audience::Employer).contains(f),
                "{f:?} in lists"
            );
            assert_eq!(
                row[4] == "Nee",
                !ever_readable(Audience::Partner).contains(f)
            );
        }
        // The seed's own cells, as a second opinion on the policy.
        let cell = |f: Field| rows.iter().find(|r| r[0] == f.label()).unwrap()[2].clone();
        assert_eq!(cell(Field::BirthDate), "Nee");
        assert_eq!(cell(Field::ClientNumber), "Nee");
        assert_eq!(cell(Field::Phone), "Ja");
        assert_eq!(cell(Field::WorkCapacity), "Alleen met jouw toestemming");
    }

    #[test]
    fn the_statement_states_every_retention_period_of_the_code() {
        let text = build(None).text();
        for r in crate::retention::ALL {
            let row = format!("{} | {} {} | {}", r.what, r.period.words(), r.from, r.then);
            assert!(text.contains(&row), "missing: {row}");
        }
    }

    #[test]
    fn the_statement_publishes_the_register_of_processing_activities() {
        let text = build(None).text();
        for a in crate::processing::REGISTER {
            let row = format!("{} | {} | {}", a.id, a.name, a.purpose);
            assert!(text.contains(&row), "missing: {row}");
        }
    }

    #[test]
    fn a_form_says_who_sees_its_fields_as_the_policy_does() {
        let sentence = who_sees(&[Field::FirstName, Field::BirthDate, Field::Phone]);
        assert_eq!(
            sentence,
            "Werkgevers zien: Voornaam en Telefoonnummer. Alleen je gemeente ziet: Geboortedatum."
        );
    }

    #[test]
    fn a_gemeente_statement_names_its_partners_and_its_own_text() {
        let g = ForGemeente {
            name: "Rotterdam".into(),
            partners: vec![SharedWith {
                partner: "Opleidingsinstituut Zuid".into(),
                fields: vec![Field::FirstName, Field::Email],
            }],
            text: GemeenteText {
                contact: "privacy@rotterdam.example".into(),
                addition: "Rotterdam werkt samen met het Leerwerkloket.".into(),
            },
        };
        let text = build(Some(&g)).text();
        assert!(text.contains("Opleidingsinstituut Zuid | Voornaam en E-mailadres"));
        assert!(text.contains("privacy@rotterdam.example"));
        assert!(text.contains("Leerwerkloket"));
        let none = ForGemeente {
            partners: vec![],
            ..g
        };
        assert!(
            build(Some(&none))
                .text()
                .contains("deelt via HalloWerk geen gegevens")
        );
    }
}
