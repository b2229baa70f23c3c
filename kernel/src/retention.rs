//! How long HalloWerk keeps each kind of personal data it holds for a while only (SPEC §11:
//! "everything personal has a stated retention period"), as data. The self-running clean-up
//! (`server::jobs`) takes its cut-offs from these rules, the links take their lifetimes from
//! them, and `/privacy` prints the same rules as a table, so the statement cannot promise a
//! period the code does not keep.
//!
//! Job seekers' profiles are not here: the gemeente keeps them under the Participatiewet, and
//! erases them on request or at the end of the legal period it sets (its retention setting).

use crate::views::activation::{ACTIVATION_DAYS, ADDRESS_CHANGE_HOURS, RESET_LINK_HOURS};
use chrono::{DateTime, Duration, Months, Utc};

/// A length of time as people say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Hours(u32),
    Days(u32),
    Months(u32),
}

impl Period {
    /// The moment this period after `t` ends.
    pub fn after(self, t: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Period::Hours(h) => t + Duration::hours(h.into()),
            Period::Days(d) => t + Duration::days(d.into()),
            Period::Months(m) => t.checked_add_months(Months::new(m)).unwrap_or(t),
        }
    }

    /// What began at or before this moment has lasted the period at `now`.
    pub fn cutoff(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Period::Hours(h) => now - Duration::hours(h.into()),
            Period::Days(d) => now - Duration::days(d.into()),
            // Out of range only near the start of time: then nothing is old enough.
            Period::Months(m) => now
                .checked_sub_months(Months::new(m))
                .unwrap_or(DateTime::<Utc>::MIN_UTC),
        }
    }

    /// In Dutch words: "1 uur", "7 dagen", "1 maand".
    pub fn words(self) -> String {
        let (n, one, many) = match self {
            Period::Hours(n) => (n, "uur", "uur"),
            Period::Days(n) => (n, "dag", "dagen"),
            Period::Months(n) => (n, "maand", "maanden"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// One kind of data, how long it is kept and what happens then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// What is kept, naming the personal data in it.
    pub what: &'static str,
    pub period: Period,
    /// From which moment the period counts.
    pub from: &'static str,
    /// What happens at its end.
    pub then: &'static str,
}

pub const CONTACT_MESSAGE: Rule = Rule {
    what: "Een bericht via het contactformulier (naam, e-mailadres, telefoonnummer en bericht)",
    period: Period::Months(1),
    from: "na ontvangst",
    then: "De persoonsgegevens worden verwijderd; alleen kwalificatie, regio en maand van ontvangst blijven voor het archief.",
};

pub const REGISTRATION_DECIDED: Rule = Rule {
    what: "De aanmelding van een werkgever (naam, zakelijk e-mailadres en telefoonnummer van de contactpersoon)",
    period: Period::Months(1),
    from: "na het besluit over de aanmelding",
    then: "De aanmelding wordt verwijderd. Na goedkeuring staan de gegevens van de contactpersoon in diens account; het besluit zelf blijft in het logboek.",
};

pub const REGISTRATION_UNDECIDED: Rule = Rule {
    what: "Een aanmelding van een werkgever waarover nog niet (volledig) is besloten",
    period: Period::Months(3),
    from: "na de aanmelding",
    then: "De aanmelding vervalt en wordt verwijderd; de werkgever kan zich opnieuw aanmelden.",
};

/// Long enough to show the Autoriteit Persoonsgegevens how a request was handled.
pub const SUBJECT_REQUEST_DECIDED: Rule = Rule {
    what: "Een privacyverzoek van een contactpersoon van een werkgever of via het contactformulier (naam, e-mailadres, organisatie en toelichting)",
    period: Period::Months(12),
    from: "na het besluit",
    then: "Het verzoek wordt verwijderd; dat erover besloten is, en door wie, blijft in het logboek.",
};

/// The confirmation link of a privacy request through the contact form works this long.
pub const UNCONFIRMED_REQUEST: Rule = Rule {
    what: "Een privacyverzoek via het contactformulier dat nog niet bevestigd is (naam, e-mailadres, regio en toelichting)",
    period: Period::Hours(24),
    from: "na het indienen",
    then: "De bevestigingslink werkt niet meer en het verzoek wordt verwijderd.",
};

pub const ACTIVATION_LINK: Rule = Rule {
    what: "Een link om een account te activeren",
    period: Period::Days(ACTIVATION_DAYS as u32),
    from: "na verzending",
    then: "De link werkt niet meer en wordt verwijderd, en ook zodra hij gebruikt is.",
};

pub const RESET_LINK: Rule = Rule {
    what: "Een link om een nieuw wachtwoord te kiezen",
    period: Period::Hours(RESET_LINK_HOURS as u32),
    from: "na verzending",
    then: "De link werkt niet meer en wordt verwijderd, en ook zodra hij gebruikt is.",
};

pub const ADDRESS_CHANGE: Rule = Rule {
    what: "Een nieuw e-mailadres dat nog bevestigd moet worden",
    period: Period::Hours(ADDRESS_CHANGE_HOURS as u32),
    from: "na de wijziging",
    then: "De bevestigingslink werkt niet meer en het nieuwe adres wordt verwijderd, en ook zodra het bevestigd is.",
};

/// The longest any session may go unused, in hours.
pub const SESSION_IDLE_HOURS: u32 = 2;

/// A session unused for [`SESSION_IDLE_HOURS`] is gone; roles that see many people's data have a shorter
/// limit (`service::access::session::idle_limit`).
pub const SESSION: Rule = Rule {
    what: "Een inlogsessie (wie er ingelogd is)",
    period: Period::Hours(SESSION_IDLE_HOURS),
    from: "na het laatste gebruik (voor medewerkers, partners en beheerders 30 minuten)",
    then: "De sessie wordt verwijderd; wie verder wil, logt opnieuw in.",
};

pub const SENT_MAIL: Rule = Rule {
    what: "Een e-mail die HalloWerk verstuurde (adres en inhoud)",
    period: Period::Days(30),
    from: "na aanmaak",
    then: "De e-mail wordt verwijderd. Een e-mail over een verzoek van iemand wiens profiel gewist is, wordt direct na verzending verwijderd.",
};

/// Only today's counts are read (the daily viewing ceilings, SPEC §3).
pub const VIEWING_COUNTS: Rule = Rule {
    what: "Welke profielen een werkgeversaccount opende en hoeveel kandidaten het zag, voor de daglimieten",
    period: Period::Days(1),
    from: "na de dag zelf",
    then: "De tellers worden verwijderd; dat een profiel geopend is, blijft in het logboek.",
};

/// No limit counts over a longer window than this.
pub const ATTEMPT_COUNT: Rule = Rule {
    what: "Tellers die pogingen begrenzen (inloggen, formulieren), met een onomkeerbare code van e-mailadres of netwerk",
    period: Period::Days(1),
    from: "na het begin van het tijdvak",
    then: "De teller wordt verwijderd.",
};

/// How many days the link to an answer works ([`ANSWER_LINK`]).
pub const ANSWER_LINK_DAYS: u32 = 14;

/// The answer to a granted request for access or a copy, by someone without a profile: it is
/// put together when the link is opened, so nothing of it is kept but the link.
pub const ANSWER_LINK: Rule = Rule {
    what: "De link naar het antwoord op je verzoek om inzage of overdracht (als je geen profiel hebt)",
    period: Period::Days(ANSWER_LINK_DAYS),
    from: "na het besluit",
    then: "De link werkt niet meer. Het antwoord zelf wordt niet bewaard: het wordt samengesteld als je de link opent.",
};

/// The processing log (Logboek Dataverwerkingen, `kernel::processing`): what "wie heeft mijn
/// profiel bekeken" and the register's accountability read. The gemeente's own audit log is
/// kept under its retention setting.
pub const PROCESSING_LOG: Rule = Rule {
    what: "Het logboek dataverwerkingen: wie welke gegevens van jou inzag of wijzigde, wanneer en voor welk doel (verwerkingsactiviteit)",
    period: Period::Months(12),
    from: "na de verwerking",
    then: "De regel wordt verwijderd.",
};

/// Every rule, in the order `/privacy` shows them.
pub const ALL: [Rule; 14] = [
    CONTACT_MESSAGE,
    REGISTRATION_DECIDED,
    REGISTRATION_UNDECIDED,
    SUBJECT_REQUEST_DECIDED,
    UNCONFIRMED_REQUEST,
    ACTIVATION_LINK,
    RESET_LINK,
    ADDRESS_CHANGE,
    ANSWER_LINK,
    SESSION,
    SENT_MAIL,
    VIEWING_COUNTS,
    PROCESSING_LOG,
    ATTEMPT_COUNT,
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn periods_read_as_people_say_them() {
        assert_eq!(Period::Hours(1).words(), "1 uur");
        assert_eq!(Period::Hours(24).words(), "24 uur");
        assert_eq!(Period::Days(1).words(), "1 dag");
        assert_eq!(Period::Days(7).words(), "7 dagen");
        assert_eq!(Period::Months(1).words(), "1 maand");
        assert_eq!(Period::Months(3).words(), "3 maanden");
    }

    #[test]
    fn a_cutoff_is_the_start_of_what_just_lasted_the_period() {
        let now = Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0).unwrap();
        for p in [Period::Hours(24), Period::Days(7), Period::Months(1)] {
            let cut = p.cutoff(now);
            assert!(p.after(cut) <= now, "{p:?}");
            assert!(p.after(cut + Duration::days(1)) > now, "{p:?}");
        }
        // A month before 31 March is the last day of February.
        assert_eq!(
            Period::Months(1).cutoff(now),
            Utc.with_ymd_and_hms(2026, 2, 28, 12, 0, 0).unwrap()
        );
    }

    #[test]
    fn the_links_keep_the_lifetimes_they_are_made_with() {
        assert_eq!(ACTIVATION_LINK.period, Period::Days(ACTIVATION_DAYS as u32));
        assert_eq!(RESET_LINK.period, Period::Hours(RESET_LINK_HOURS as u32));
        assert_eq!(
            ADDRESS_CHANGE.period,
            Period::Hours(ADDRESS_CHANGE_HOURS as u32)
        );
    }

    #[test]
    fn every_rule_is_listed_once() {
        for (i, r) in ALL.iter().enumerate() {
            assert!(!r.what.is_empty() && !r.then.is_empty());
            assert!(ALL[i + 1..].iter().all(|o| o.what != r.what), "{}", r.what);
        }
    }
}
