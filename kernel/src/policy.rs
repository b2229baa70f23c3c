//! The visibility policy: SPEC §3 ("who may read or write each personal-data field") as one
//! table of data. Every view, filter, export and audit entry asks this module; nothing else in
//! the code decides which personal field an audience receives.
//!
//! Deny by default: an audience reads or writes a field only if the field is listed for it below.
//! Read and write lists are kept apart. Row scope (whose profile) is decided elsewhere, in
//! `scope`; this table only says *which fields*.

use serde::{Deserialize, Serialize};

/// A personal-data field of a job-seeker profile (SPEC §3, "code name").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ClientNumber,
    FirstName,
    LastName,
    Email,
    Gender,
    BirthDate,
    PostalCode,
    Phone,
    Municipality,
    TargetBanenafspraak,
    TargetPraktijkroute,
    TargetBbl,
    TargetOndernemer,
    Interests,
    Talents,
    Motivation,
    DesiredWork,
    PreferredOccupations,
    Photo,
    Video,
    WorkCapacity,
    /// Dated notes of the consultant, each with its author (SPEC §3).
    ConsultantNotes,
}

impl Field {
    pub const ALL: [Field; 22] = [
        Field::ClientNumber,
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Gender,
        Field::BirthDate,
        Field::PostalCode,
        Field::Phone,
        Field::Municipality,
        Field::TargetBanenafspraak,
        Field::TargetPraktijkroute,
        Field::TargetBbl,
        Field::TargetOndernemer,
        Field::Interests,
        Field::Talents,
        Field::Motivation,
        Field::DesiredWork,
        Field::PreferredOccupations,
        Field::Photo,
        Field::Video,
        Field::WorkCapacity,
        Field::ConsultantNotes,
    ];

    /// The stable code name, as in SPEC §3 and in API error codes.
    pub const fn code(self) -> &'static str {
        match self {
            Field::ClientNumber => "client_number",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::Gender => "gender",
            Field::BirthDate => "birth_date",
            Field::PostalCode => "postal_code",
            Field::Phone => "phone",
            Field::Municipality => "municipality",
            Field::TargetBanenafspraak => "target_banenafspraak",
            Field::TargetPraktijkroute => "target_praktijkroute",
            Field::TargetBbl => "target_bbl",
            Field::TargetOndernemer => "target_ondernemer",
            Field::Interests => "interests",
            Field::Talents => "talents",
            Field::Motivation => "motivation",
            Field::DesiredWork => "desired_work",
            Field::PreferredOccupations => "preferred_occupations",
            Field::Photo => "photo",
            Field::Video => "video",
            Field::WorkCapacity => "work_capacity",
            Field::ConsultantNotes => "consultant_notes",
        }
    }

    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The Dutch label shown in the UI.
    pub const fn label(self) -> &'static str {
        match self {
            Field::ClientNumber => "Gemeentelijk klantnummer",
            Field::FirstName => "Voornaam",
            Field::LastName => "Achternaam",
            Field::Email => "E-mailadres",
            Field::Gender => "Geslacht",
            Field::BirthDate => "Geboortedatum",
            Field::PostalCode => "Postcode",
            Field::Phone => "Telefoonnummer",
            Field::Municipality => "Gemeente",
            Field::TargetBanenafspraak => "Banenafspraak (doelgroepregister)",
            Field::TargetPraktijkroute => "Praktijkroute",
            Field::TargetBbl => "BBL",
            Field::TargetOndernemer => "Ondernemer",
            Field::Interests => "Interesses",
            Field::Talents => "Talenten",
            Field::Motivation => "Motivatie",
            Field::DesiredWork => "Soort werk",
            Field::PreferredOccupations => "Voorkeursberoepen",
            Field::Photo => "Foto",
            Field::Video => "Video",
            Field::WorkCapacity => "Belastbaarheid",
            Field::ConsultantNotes => "Notities van de consulent",
        }
    }

    const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// Who is asking. Row scope (own profile, own gemeente, own region) is not part of this:
/// an audience only says which *fields* may be seen once the row is in scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The job seeker, about their own profile.
    JobSeeker,
    /// Municipal staff of the job seeker's own gemeente.
    Municipality,
    Employer,
    /// An organisation with a data-sharing agreement with the job seeker's gemeente.
    Partner,
    /// The platform administrator: no job-seeker personal data at all.
    Admin,
}

impl Audience {
    pub const ALL: [Audience; 5] = [
        Audience::JobSeeker,
        Audience::Municipality,
        Audience::Employer,
        Audience::Partner,
        Audience::Admin,
    ];
}

/// The condition under which a listed field may be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    Always,
    /// Only if the job seeker gave explicit consent (Art. 9 AVG, work capacity).
    WithConsent,
    /// Only if the partner's data-sharing agreement names the field.
    PerAgreement,
}

/// How a field may appear on a card: one person in a list (SPEC §3, "Lists show less than an
/// opened profile"). A field without a card rule is only in an opened profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnCard {
    /// The value as it is.
    Whole,
    /// Only its first letter ("E."), for the last name.
    Initial,
    /// A short excerpt of a free text.
    Excerpt,
    /// Only whether there is one (photo, video).
    Presence,
}

impl OnCard {
    /// How `/privacy` and `/algoritme` say it (Dutch).
    pub const fn label(self) -> &'static str {
        match self {
            OnCard::Whole => "helemaal",
            OnCard::Initial => "alleen de eerste letter",
            OnCard::Excerpt => "een kort fragment",
            OnCard::Presence => "alleen of er een is",
        }
    }
}

/// The read and write lists of one audience, and what of its reads may appear on a list card.
#[derive(Debug)]
pub struct Rules {
    pub audience: Audience,
    pub read: &'static [(Field, Read)],
    pub write: &'static [Field],
    /// The fields a list shows of one person, and how (only for audiences that get cards).
    pub card: &'static [(Field, OnCard)],
}

use Field::*;
use Read::*;

/// SPEC §3. Everything not listed is denied.
pub const POLICY: [Rules; 5] = [
    Rules {
        audience: Audience::JobSeeker,
        read: &[
            (ClientNumber, Always),
            (FirstName, Always),
            (LastName, Always),
            (Email, Always),
            (Gender, Always),
            (BirthDate, Always),
            (PostalCode, Always),
            (Phone, Always),
            (Municipality, Always),
            (TargetBanenafspraak, Always),
            (TargetPraktijkroute, Always),
            (TargetBbl, Always),
            (TargetOndernemer, Always),
            (Interests, Always),
            (Talents, Always),
            (Motivation, Always),
            (DesiredWork, Always),
            (PreferredOccupations, Always),
            (Photo, Always),
            (Video, Always),
            (WorkCapacity, Always),
            // In the access overview and the export; never written by the job seeker.
            (ConsultantNotes, Always),
        ],
        write: &[
            FirstName,
            LastName,
            Email,
            Gender,
            BirthDate,
            PostalCode,
            Phone,
            Interests,
            Talents,
            Motivation,
            DesiredWork,
            PreferredOccupations,
            Photo,
            Video,
            WorkCapacity,
        ],
        card: &[],
    },
    Rules {
        audience: Audience::Municipality,
        read: &[
            (ClientNumber, Always),
            (FirstName, Always),
            (LastName, Always),
            (Email, Always),
            (Gender, Always),
            (BirthDate, Always),
            (PostalCode, Always),
            (Phone, Always),
            (Municipality, Always),
            (TargetBanenafspraak, Always),
            (TargetPraktijkroute, Always),
            (TargetBbl, Always),
            (TargetOndernemer, Always),
            (Interests, Always),
            (Talents, Always),
            (Motivation, Always),
            (DesiredWork, Always),
            (PreferredOccupations, Always),
            (Photo, Always),
            (Video, Always),
            (WorkCapacity, Always),
            (ConsultantNotes, Always),
        ],
        write: &[
            ClientNumber,
            FirstName,
            LastName,
            Email,
            Gender,
            BirthDate,
            PostalCode,
            Phone,
            TargetBanenafspraak,
            TargetPraktijkroute,
            TargetBbl,
            TargetOndernemer,
            Interests,
            Talents,
            Motivation,
            DesiredWork,
            PreferredOccupations,
            WorkCapacity,
            ConsultantNotes,
        ],
        card: &[],
    },
    Rules {
        audience: Audience::Employer,
        read: &[
            (FirstName, Always),
            (LastName, Always),
            (Email, Always),
            (Phone, Always),
            (Municipality, Always),
            (TargetBanenafspraak, Always),
            (TargetPraktijkroute, Always),
            (TargetBbl, Always),
            (TargetOndernemer, Always),
            (Interests, Always),
            (Talents, Always),
            (Motivation, Always),
            (DesiredWork, Always),
            (PreferredOccupations, Always),
            (Photo, Always),
            (Video, Always),
            (WorkCapacity, WithConsent),
        ],
        write: &[],
        // A first choice is made on what people can do, not on how they look or how to
        // reach them: no e-mail, phone, photo, video or work capacity in any list.
        card: &[
            (FirstName, OnCard::Whole),
            (LastName, OnCard::Initial),
            (Municipality, OnCard::Whole),
            (TargetBanenafspraak, OnCard::Whole),
            (TargetPraktijkroute, OnCard::Whole),
            (TargetBbl, OnCard::Whole),
            (TargetOndernemer, OnCard::Whole),
            (Interests, OnCard::Excerpt),
            (Talents, OnCard::Excerpt),
            (DesiredWork, OnCard::Whole),
            (PreferredOccupations, OnCard::Whole),
            (Photo, OnCard::Presence),
            (Video, OnCard::Presence),
        ],
    },
    Rules {
        audience: Audience::Partner,
        read: &[
            (ClientNumber, PerAgreement),
            (FirstName, PerAgreement),
            (LastName, PerAgreement),
            (Email, PerAgreement),
            (Gender, PerAgreement),
            (BirthDate, PerAgreement),
            (PostalCode, PerAgreement),
            (Phone, PerAgreement),
            (Municipality, PerAgreement),
            (TargetBanenafspraak, PerAgreement),
            (TargetPraktijkroute, PerAgreement),
            (TargetBbl, PerAgreement),
            (TargetOndernemer, PerAgreement),
            (Interests, PerAgreement),
            (Talents, PerAgreement),
            (Motivation, PerAgreement),
            (DesiredWork, PerAgreement),
            (PreferredOccupations, PerAgreement),
            (Photo, PerAgreement),
            (Video, PerAgreement),
            // Work capacity: never, whatever an agreement says.
        ],
        write: &[],
        card: &[],
    },
    Rules {
        audience: Audience::Admin,
        read: &[],
        write: &[],
        card: &[],
    },
];

/// A set of fields (a bit set: cheap to copy, compute and compare).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FieldSet(u32);

impl FieldSet {
    pub const EMPTY: FieldSet = FieldSet(0);

    pub fn contains(self, f: Field) -> bool {
        self.0 & f.bit() != 0
    }
    pub fn insert(&mut self, f: Field) {
        self.0 |= f.bit();
    }
    pub fn with(mut self, f: Field) -> Self {
        self.insert(f);
        self
    }
    pub fn is_subset(self, other: FieldSet) -> bool {
        self.0 & !other.0 == 0
    }
    /// Some field is in both sets.
    pub fn intersects(self, other: FieldSet) -> bool {
        self.0 & other.0 != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.contains(*f))
    }
    /// Comma-separated codes, for the audit log and the database.
    pub fn codes(self) -> String {
        self.iter().map(Field::code).collect::<Vec<_>>().join(",")
    }
    /// Parses comma-separated codes; unknown codes are an error (never silently dropped).
    pub fn parse_codes(s: &str) -> Result<FieldSet, String> {
        s.split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .try_fold(FieldSet::EMPTY, |set, c| {
                Field::from_code(c)
                    .map(|f| set.with(f))
                    .ok_or_else(|| c.to_string())
            })
    }
}

impl FromIterator<Field> for FieldSet {
    fn from_iter<I: IntoIterator<Item = Field>>(iter: I) -> Self {
        iter.into_iter().fold(FieldSet::EMPTY, FieldSet::with)
    }
}

impl std::fmt::Debug for FieldSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter().map(Field::code)).finish()
    }
}

/// The facts about one profile (and one reader) that the read conditions depend on.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadContext {
    /// The job seeker consented to show work capacity to employers.
    pub work_capacity_consent: bool,
    /// For partners: the fields named in the current data-sharing agreement.
    pub agreement: FieldSet,
}

fn rules(audience: Audience) -> &'static Rules {
    POLICY
        .iter()
        .find(|r| r.audience == audience)
        .expect("every audience has a row in POLICY")
}

/// The condition under which `audience` reads `field`, or `None`: never.
pub fn rule(audience: Audience, field: Field) -> Option<Read> {
    rules(audience)
        .read
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, r)| *r)
}

/// The fields `audience` may read of a profile, given the consent and agreement facts.
pub fn readable(audience: Audience, ctx: &ReadContext) -> FieldSet {
    rules(audience)
        .read
        .iter()
        .filter(|(field, read)| match read {
            Read::Always => true,
            Read::WithConsent => ctx.work_capacity_consent,
            Read::PerAgreement => ctx.agreement.contains(*field),
        })
        .map(|(field, _)| *field)
        .collect()
}

/// The fields `audience` may read under the most permissive condition (consent given, every
/// field agreed). Anything outside this set can never reach that audience.
pub fn ever_readable(audience: Audience) -> FieldSet {
    rules(audience).read.iter().map(|(f, _)| *f).collect()
}

/// The fields `audience` may read without any condition (no consent, no agreement needed).
pub fn readable_unconditionally(audience: Audience) -> FieldSet {
    readable(audience, &ReadContext::default())
}

/// How `field` may appear on a card `audience` receives in a list, or `None`: not at all.
pub fn on_card(audience: Audience, field: Field) -> Option<OnCard> {
    rules(audience)
        .card
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, c)| *c)
}

/// The fields a card `audience` receives in a list may show (in the form `on_card` says).
pub fn card_fields(audience: Audience) -> FieldSet {
    rules(audience).card.iter().map(|(f, _)| *f).collect()
}

/// The fields `audience` may write.
pub fn writable(audience: Audience) -> FieldSet {
    rules(audience).write.iter().copied().collect()
}

/// The fields a data-sharing agreement may name.
pub fn agreeable() -> FieldSet {
    ever_readable(Audience::Partner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_intersect_only_when_they_share_a_field() {
        let names = FieldSet::EMPTY.with(Field::FirstName).with(Field::LastName);
        assert!(names.intersects(FieldSet::EMPTY.with(Field::LastName).with(Field::Phone)));
        assert!(!names.intersects(FieldSet::EMPTY.with(Field::Phone)));
        assert!(!names.intersects(FieldSet::EMPTY));
    }

    /// SPEC §3, transcribed literally (code names; "per agreement" and the consent rule spelled
    /// out). The test parses this text, so the table and the code are compared cell by cell.
    const SPEC_TABLE: &str = "
| field                 | job seeker | gemeente | employer | partner       |
| client_number         | R          | RW       | —        | per agreement |
| first_name            | RW         | RW       | R        | per agreement |
| last_name             | RW         | RW       | R        | per agreement |
| email                 | RW         | RW       | R        | per agreement |
| gender                | RW         | RW       | —        | per agreement |
| birth_date            | RW         | RW       | —        | per agreement |
| postal_code           | RW         | RW       | —        | per agreement |
| phone                 | RW         | RW       | R        | per agreement |
| municipality          | R          | R        | R        | per agreement |
| target_banenafspraak  | R          | RW       | R        | per agreement |
| target_praktijkroute  | R          | RW       | R        | per agreement |
| target_bbl            | R          | RW       | R        | per agreement |
| target_ondernemer     | R          | RW       | R        | per agreement |
| interests             | RW         | RW       | R        | per agreement |
| talents               | RW         | RW       | R        | per agreement |
| motivation            | RW         | RW       | R        | per agreement |
| desired_work          | RW         | RW       | R        | per agreement |
| preferred_occupations | RW         | RW       | R        | per agreement |
| photo                 | RW         | R        | R        | per agreement |
| video                 | RW         | R        | R        | per agreement |
| work_capacity         | RW         | RW       | R with consent | never   |
| consultant_notes      | R          | RW       | —        | never         |
";

    /// What one cell of the SPEC table grants: (read under no condition, read with consent,
    /// read per agreement, write).
    fn cell(text: &str) -> (bool, bool, bool, bool) {
        match text {
            "R" => (true, false, false, false),
            "RW" => (true, false, false, true),
            "—" | "never" => (false, false, false, false),
            "R with consent" => (false, true, false, false),
            "per agreement" => (false, false, true, false),
            other => panic!("unknown cell {other:?}"),
        }
    }

    #[test]
    fn policy_matches_the_spec_table_cell_by_cell() {
        let audiences = [
            Audience::JobSeeker,
            Audience::Municipality,
            Audience::Employer,
            Audience::Partner,
        ];
        let mut seen = FieldSet::EMPTY;
        let rows: Vec<&str> = SPEC_TABLE.lines().filter(|l| l.starts_with('|')).collect();
        for row in &rows[1..] {
            let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
            let field = Field::from_code(cells[0]).expect("known field");
            seen.insert(field);
            for (i, audience) in audiences.iter().enumerate() {
                let (always, consent, agreement, write) = cell(cells[i + 1]);
                let none = ReadContext::default();
                let with_consent = ReadContext {
                    work_capacity_consent: true,
                    agreement: FieldSet::EMPTY,
                };
                let with_agreement = ReadContext {
                    work_capacity_consent: false,
                    agreement: FieldSet::from_iter(Field::ALL),
                };
                let ctx = format!("{field:?} × {audience:?}");
                assert_eq!(
                    readable(*audience, &none).contains(field),
                    always,
                    "{ctx} read"
                );
                assert_eq!(
                    readable(*audience, &with_consent).contains(field),
                    always || consent,
                    "{ctx} read with consent"
                );
                assert_eq!(
                    readable(*audience, &with_agreement).contains(field),
                    always || agreement,
                    "{ctx} read per agreement"
                );
                assert_eq!(writable(*audience).contains(field), write, "{ctx} write");
            }
        }
        assert_eq!(
            seen,
            FieldSet::from_iter(Field::ALL),
            "every field is in the table"
        );
    }

    /// SPEC §3 "Lists show less than an opened profile", transcribed: the employer's card.
    const SPEC_CARD: [(Field, OnCard); 13] = [
        (Field::FirstName, OnCard::Whole),
        (Field::LastName, OnCard::Initial),
        (Field::Municipality, OnCard::Whole),
        (Field::TargetBanenafspraak, OnCard::Whole),
        (Field::TargetPraktijkroute, OnCard::Whole),
        (Field::TargetBbl, OnCard::Whole),
        (Field::TargetOndernemer, OnCard::Whole),
        (Field::DesiredWork, OnCard::Whole),
        (Field::PreferredOccupations, OnCard::Whole),
        (Field::Interests, OnCard::Excerpt),
        (Field::Talents, OnCard::Excerpt),
        (Field::Photo, OnCard::Presence),
        (Field::Video, OnCard::Presence),
    ];

    #[test]
    fn the_employer_card_is_the_spec_card() {
        for f in Field::ALL {
            let spec = SPEC_CARD.iter().find(|(g, _)| *g == f).map(|(_, c)| *c);
            assert_eq!(on_card(Audience::Employer, f), spec, "{f:?}");
        }
    }

    #[test]
    fn a_card_shows_no_contact_media_or_health_data() {
        for a in Audience::ALL {
            let card = card_fields(a);
            // Only what the audience reads without any condition: never consent-bound health
            // data, never anything that depends on an agreement.
            assert!(
                card.is_subset(readable_unconditionally(a)),
                "{a:?}: {}",
                card.codes()
            );
            for f in [Field::Email, Field::Phone, Field::WorkCapacity] {
                assert!(!card.contains(f), "{a:?} card holds {f:?}");
            }
            for f in [Field::Photo, Field::Video] {
                assert!(
                    matches!(on_card(a, f), None | Some(OnCard::Presence)),
                    "{a:?} card shows {f:?} itself"
                );
            }
        }
        assert!(card_fields(Audience::Partner).is_empty());
    }

    #[test]
    fn admin_gets_nothing() {
        let all = ReadContext {
            work_capacity_consent: true,
            agreement: FieldSet::from_iter(Field::ALL),
        };
        assert!(readable(Audience::Admin, &all).is_empty());
        assert!(writable(Audience::Admin).is_empty());
    }

    #[test]
    fn every_audience_has_exactly_one_row() {
        for a in Audience::ALL {
            assert_eq!(
                POLICY.iter().filter(|r| r.audience == a).count(),
                1,
                "{a:?}"
            );
        }
    }

    #[test]
    fn partner_never_reads_work_capacity_even_if_agreed() {
        let ctx = ReadContext {
            work_capacity_consent: true,
            agreement: FieldSet::EMPTY.with(Field::WorkCapacity),
        };
        assert!(!readable(Audience::Partner, &ctx).contains(Field::WorkCapacity));
        assert!(!agreeable().contains(Field::WorkCapacity));
    }

    #[test]
    fn codes_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_code(f.code()), Some(f));
        }
        let set = FieldSet::EMPTY.with(Field::Email).with(Field::Photo);
        assert_eq!(set.codes(), "email,photo");
        assert_eq!(FieldSet::parse_codes("email, photo"), Ok(set));
        assert_eq!(FieldSet::parse_codes("email,bsn"), Err("bsn".to_string()));
    }
}
