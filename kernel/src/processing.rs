//! The register of HalloWerk's processing activities (verwerkingsactiviteiten, AVG art. 30), as
//! data: one per purpose the privacy statement names, each with a stable id. `/privacy`
//! publishes the register; the processing log after the Logboek Dataverwerkingen standard
//! (`service::access::processing_log`) names an activity by this id in every entry, as the
//! standard's `dpl.core.processing_activity_id`. An id never changes meaning and is never
//! reused: a purpose that ends keeps its id out of use.
//!
//! Also here, because the log and the person's own overview must agree on them: whose data an
//! entry is about ([`DataSubject`]), the status of an operation ([`Status`]) and which
//! activity an audited action serves ([`activity_of`]).

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

/// The kinds of person whose data HalloWerk processes (the statement's three kinds of data
/// subject; a contact-form sender is known by their message or their request, not an account).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataSubject {
    /// A job seeker, by profile id.
    JobSeeker(i32),
    /// An employer's contact person, by account id.
    EmployerContact(i32),
    /// Someone who used the contact form, by the id of their message.
    ContactMessage(i32),
    /// Someone who filed a privacy request through the contact form, by the request's id.
    ContactRequest(i32),
    /// The contact person named in an employer's registration, before (or without) an account.
    EmployerRegistration(i32),
}

impl DataSubject {
    /// The standard's `dpl.core.data_subject_id_type`, as stored.
    pub fn kind(self) -> &'static str {
        match self {
            DataSubject::JobSeeker(_) => "job_seeker",
            DataSubject::EmployerContact(_) => "employer_contact",
            DataSubject::ContactMessage(_) => "contact_message",
            DataSubject::ContactRequest(_) => "contact_request",
            DataSubject::EmployerRegistration(_) => "employer_registration",
        }
    }

    /// The standard's `dpl.core.data_subject_id`.
    pub fn id(self) -> i32 {
        match self {
            DataSubject::JobSeeker(id)
            | DataSubject::EmployerContact(id)
            | DataSubject::ContactMessage(id)
            | DataSubject::ContactRequest(id)
            | DataSubject::EmployerRegistration(id) => id,
        }
    }

    /// The person of a request filed by someone who is not a job seeker: the employer contact
    /// whose account it is tied to, else the sender of the contact form.
    pub fn of_request(user_id: Option<i32>, request_id: i32) -> Self {
        user_id.map_or(
            DataSubject::ContactRequest(request_id),
            DataSubject::EmployerContact,
        )
    }

    pub fn from_stored(kind: &str, id: i32) -> Option<Self> {
        Some(match kind {
            "job_seeker" => DataSubject::JobSeeker(id),
            "employer_contact" => DataSubject::EmployerContact(id),
            "contact_message" => DataSubject::ContactMessage(id),
            "contact_request" => DataSubject::ContactRequest(id),
            "employer_registration" => DataSubject::EmployerRegistration(id),
            _ => return None,
        })
    }
}

/// The outcome of an operation, as the standard's `status_code` (OpenTelemetry's numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Carried out.
    Ok = 1,
    /// Refused (no right to it) or failed (the change was rolled back): nothing was shown or
    /// changed, but the attempt concerned the person.
    Error = 2,
}

/// The activity an audited action serves, from the action and the kind of object (the names
/// `access::audit` entries carry). One table, so every entry of the same action lands under the
/// same purpose.
pub fn activity_of(action: &str, object_type: &str) -> Activity {
    match (action, object_type) {
        // The rights of the AVG, by the person or by staff on their request.
        (
            "privacy_request"
            | "decide_privacy_request"
            | "schedule_erasure"
            | "erase"
            | "export"
            | "export_account"
            | "file_subject_request"
            | "confirm_subject_request"
            | "decide_subject_request",
            _,
        )
        | (_, "privacy_request" | "subject_request") => PRIVACY_RIGHTS,
        (_, "contact_message") => CONTACT,
        // Signing in, second factors, passwords, refused calls: security.
        (
            "login"
            | "login_code"
            | "change_password"
            | "request_password_reset"
            | "reset_second_factor"
            | "logout_everywhere"
            | "access",
            _,
        )
        | (_, "session" | "server_function") => SECURITY,
        (_, "app_user" | "employer_registration" | "employer" | "saved_search") => {
            EMPLOYER_ACCOUNTS
        }
        // Profiles, lists, matches, invitations, media: matching.
        _ => MATCHING,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_land_under_their_purpose() {
        assert_eq!(activity_of("list", "job_seeker"), MATCHING);
        assert_eq!(activity_of("invite", "invitation"), MATCHING);
        assert_eq!(activity_of("export", "job_seeker"), PRIVACY_RIGHTS);
        assert_eq!(activity_of("erase", "job_seeker"), PRIVACY_RIGHTS);
        assert_eq!(activity_of("handle", "contact_message"), CONTACT);
        assert_eq!(activity_of("update_account", "app_user"), EMPLOYER_ACCOUNTS);
        assert_eq!(activity_of("login", "session"), SECURITY);
        assert_eq!(
            activity_of("decide_subject_request", "subject_request"),
            PRIVACY_RIGHTS
        );
    }

    #[test]
    fn subjects_survive_storage() {
        for s in [
            DataSubject::JobSeeker(3),
            DataSubject::EmployerContact(4),
            DataSubject::ContactMessage(5),
            DataSubject::ContactRequest(6),
            DataSubject::EmployerRegistration(7),
        ] {
            assert_eq!(DataSubject::from_stored(s.kind(), s.id()), Some(s));
        }
        assert_eq!(DataSubject::from_stored("staff", 1), None);
    }

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
