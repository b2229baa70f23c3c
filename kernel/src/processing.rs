//! The register of HalloWerk's processing activities (verwerkingsactiviteiten, AVG art. 30), as
//! data: one per purpose the privacy statement names, each with a stable id. `/privacy`
//! publishes the register; the processing log after the Logboek Dataverwerkingen standard
//! (issue 34, item 4, still to come) names an activity by this id in every entry, as the
//! standard's `dpl.core.processing_activity_id`. An id never changes meaning and is never
//! reused: a purpose that ends keeps its id out of use.

/// One processing activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Activity {
    /// Stable id, as logged.
    pub id: &'static str,
    pub name: &'static str,
    pub purpose: &'static str,
    /// Whose data (the statement's kinds of data subject).
    pub subjects: &'static str,
    pub basis: &'static str,
}

const LAW: &str =
    "Uitvoering van een wettelijke taak: Participatiewet en wet SUWI (AVG art. 6 lid 1 onder e)";

pub const MATCHING: Activity = Activity {
    id: "hw-va-01",
    name: "Werkzoekenden matchen op vacatures",
    purpose: "Werkzoekenden en werkgevers met elkaar in contact brengen: profielen bijhouden, kandidaten tonen aan werkgevers van de regio, uitnodigingen en hun uitkomst.",
    subjects: "Werkzoekenden",
    basis: LAW,
};

pub const EMPLOYER_ACCOUNTS: Activity = Activity {
    id: "hw-va-02",
    name: "Werkgevers toelaten en hun accounts bijhouden",
    purpose: "Aanmeldingen van werkgevers beoordelen en de accounts van hun contactpersonen bijhouden, zodat zij vacatures kunnen plaatsen en kandidaten kunnen vinden.",
    subjects: "Contactpersonen van werkgevers",
    basis: LAW,
};

pub const CONTACT: Activity = Activity {
    id: "hw-va-03",
    name: "Vragen via het contactformulier beantwoorden",
    purpose: "Antwoord geven op vragen over HalloWerk; het bericht gaat naar de afdeling van de gekozen regio.",
    subjects: "Wie het contactformulier gebruikt",
    basis: "Behandeling van de aanvraag die je via het contactformulier indient (AVG art. 6 lid 1 onder e)",
};

pub const PRIVACY_RIGHTS: Activity = Activity {
    id: "hw-va-04",
    name: "Privacyrechten uitvoeren",
    purpose: "Verzoeken om inzage, rectificatie, verwijdering, beperking, bezwaar en overdracht behandelen binnen de wettelijke termijn.",
    subjects: "Werkzoekenden, contactpersonen van werkgevers en wie het contactformulier gebruikt",
    basis: "Wettelijke verplichting (AVG art. 6 lid 1 onder c, art. 12 tot en met 22)",
};

pub const SECURITY: Activity = Activity {
    id: "hw-va-05",
    name: "Beveiligen en verantwoorden",
    purpose: "Inloggen met een tweede stap, misbruik begrenzen en vastleggen wie welke gegevens inzag of wijzigde, zodat de gemeente dat kan verantwoorden en jij het kunt zien.",
    subjects: "Iedereen met een account",
    basis: "Wettelijke verplichting tot beveiliging (AVG art. 5 lid 1 onder f en art. 32; BIO)",
};

/// The register, in the order `/privacy` shows it.
pub const REGISTER: [Activity; 5] = [
    MATCHING,
    EMPLOYER_ACCOUNTS,
    CONTACT,
    PRIVACY_RIGHTS,
    SECURITY,
];

/// The activity of an id, as a log entry names it.
pub fn by_id(id: &str) -> Option<Activity> {
    REGISTER.iter().copied().find(|a| a.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_stable_in_form() {
        for (i, a) in REGISTER.iter().enumerate() {
            assert!(
                a.id.starts_with("hw-va-") && a.id.len() == 8,
                "{}: ids are hw-va-NN",
                a.id
            );
            assert!(REGISTER[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
            assert_eq!(by_id(a.id), Some(*a));
        }
        assert_eq!(by_id("hw-va-99"), None);
    }

    #[test]
    fn every_kind_of_data_subject_of_the_statement_has_an_activity() {
        for subject in [
            "Werkzoekenden",
            "Contactpersonen van werkgevers",
            "contactformulier",
        ] {
            assert!(
                REGISTER.iter().any(|a| a.subjects.contains(subject)),
                "{subject}"
            );
        }
    }
}
