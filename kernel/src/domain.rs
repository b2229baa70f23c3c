//! Small shared value types (compiled for server and browser), each with its database code and
//! its Dutch label in one place.

use serde::{Deserialize, Serialize};

macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable code stored in the database and used in the API.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            /// The Dutch label shown in the UI.
            pub const fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

coded_enum!(
    /// Every user has exactly one role.
    Role {
        JobSeeker => ("job_seeker", "Werkzoekende"),
        Employer => ("employer", "Werkgever"),
        Staff => ("staff", "Gemeente"),
        Partner => ("partner", "Partner"),
        Admin => ("admin", "Beheerder"),
    }
);

impl Role {
    /// The roles that see many people's data (or manage those who do): they sign in with a
    /// second factor, and their sessions are short and never follow a link from another site.
    pub const fn handles_many_people(self) -> bool {
        matches!(self, Role::Staff | Role::Partner | Role::Admin)
    }

    /// The roles that sign in with a second factor (TOTP): those who handle many people, and
    /// employers, who open profiles with the contact data of many people. Job seekers, who see
    /// only their own data, sign in with a password.
    pub const fn signs_in_with_second_factor(self) -> bool {
        !matches!(self, Role::JobSeeker)
    }
}

coded_enum!(
    Gender {
        Female => ("vrouw", "Vrouw"),
        Male => ("man", "Man"),
        Other => ("anders", "Anders / X"),
        Unknown => ("onbekend", "Zeg ik liever niet"),
    }
);

coded_enum!(
    /// Profile state: only `Active` profiles are visible to employers and partners.
    ProfileState {
        Active => ("active", "Actief"),
        Paused => ("paused", "Gepauzeerd"),
        ErasurePending => ("erasure_pending", "Wordt verwijderd"),
    }
);

coded_enum!(
    /// Who sent a contact-form message (kept in the anonymous archive).
    Qualification {
        JobSeeker => ("werkzoekende", "Werkzoekende"),
        Employer => ("werkgever", "Werkgever"),
        Other => ("overig", "Overig"),
    }
);

coded_enum!(
    /// The AVG rights a job seeker can invoke (SPEC §6).
    RequestKind {
        Access => ("access", "Inzage"),
        Rectification => ("rectification", "Rectificatie (wijziging)"),
        Erasure => ("erasure", "Verwijdering van mijn profiel"),
        Restriction => ("restriction", "Beperking van de verwerking"),
        Objection => ("objection", "Bezwaar"),
        Portability => ("portability", "Overdracht van mijn gegevens"),
    }
);

coded_enum!(
    /// Who a request in a region's queue is from: a data subject who is not a gemeente's job
    /// seeker (SPEC §10).
    Subject {
        EmployerContact => ("employer_contact", "Contactpersoon van een werkgever"),
        ContactSender => ("contact_sender", "Via het contactformulier"),
    }
);

coded_enum!(
    /// `Unconfirmed`: a contact-form request whose mailed link was not opened yet (never shown
    /// to staff).
    RequestStatus {
        Unconfirmed => ("unconfirmed", "Wacht op bevestiging"),
        Open => ("open", "In behandeling"),
        Granted => ("granted", "Toegekend"),
        Rejected => ("rejected", "Afgewezen"),
    }
);

coded_enum!(
    InvitationStatus {
        Sent => ("sent", "Verstuurd"),
        Accepted => ("accepted", "Geaccepteerd"),
        Declined => ("declined", "Afgewezen"),
        Withdrawn => ("withdrawn", "Ingetrokken"),
    }
);

coded_enum!(
    /// What came of an invitation, recorded by the gemeente.
    Outcome {
        Placed => ("placed", "Geplaatst"),
        Trial => ("trial", "Proefplaatsing"),
        NotPlaced => ("not_placed", "Niet geplaatst"),
    }
);

coded_enum!(
    VacancyStatus {
        Draft => ("draft", "Concept"),
        Open => ("open", "Open"),
        Closed => ("closed", "Gesloten"),
    }
);

/// The four target groups (doelgroepen) of SPEC §3.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetGroups {
    pub banenafspraak: bool,
    pub praktijkroute: bool,
    pub bbl: bool,
    pub ondernemer: bool,
}

impl TargetGroups {
    /// Dutch labels of the groups that apply.
    pub fn labels(&self) -> Vec<&'static str> {
        [
            (self.banenafspraak, "Banenafspraak"),
            (self.praktijkroute, "Praktijkroute"),
            (self.bbl, "BBL"),
            (self.ondernemer, "Ondernemer"),
        ]
        .into_iter()
        .filter_map(|(on, label)| on.then_some(label))
        .collect()
    }
}

/// One physical dimension of work capacity (and of a vacancy's physical demands), on a fixed
/// four-step scale. A candidate fits a demand when their level is at least the demanded level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dimension {
    Sitting,
    Standing,
    Walking,
    Bending,
    Lifting,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Sitting,
        Dimension::Standing,
        Dimension::Walking,
        Dimension::Bending,
        Dimension::Lifting,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            Dimension::Sitting => "Zitten",
            Dimension::Standing => "Staan",
            Dimension::Walking => "Lopen",
            Dimension::Bending => "Bukken",
            Dimension::Lifting => "Tillen",
        }
    }

    /// What each step of the scale (0..=3) means for this dimension.
    pub const fn level_label(self, level: u8) -> &'static str {
        match (self, level) {
            (Dimension::Lifting, 0) => "niet",
            (Dimension::Lifting, 1) => "tot 5 kg",
            (Dimension::Lifting, 2) => "tot 15 kg",
            (Dimension::Lifting, _) => "meer dan 15 kg",
            (Dimension::Bending, 0) => "niet",
            (Dimension::Bending, 1) => "af en toe",
            (Dimension::Bending, 2) => "regelmatig",
            (Dimension::Bending, _) => "vaak",
            (_, 0) => "niet",
            (_, 1) => "kort (tot 1 uur per dag)",
            (_, 2) => "deel van de dag (tot 4 uur)",
            (_, _) => "hele dag",
        }
    }
}

/// The highest step of the physical scale.
pub const MAX_LEVEL: u8 = 3;
/// The allowed values for "hours per day".
pub const HOURS_PER_DAY: [u8; 4] = [2, 4, 6, 8];

/// Work capacity (belastbaarheid): health data (Art. 9 AVG). Each value is `None` until filled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCapacity {
    pub sitting: Option<u8>,
    pub standing: Option<u8>,
    pub walking: Option<u8>,
    pub bending: Option<u8>,
    pub lifting: Option<u8>,
    pub hours_per_day: Option<u8>,
}

impl WorkCapacity {
    pub fn level(&self, d: Dimension) -> Option<u8> {
        match d {
            Dimension::Sitting => self.sitting,
            Dimension::Standing => self.standing,
            Dimension::Walking => self.walking,
            Dimension::Bending => self.bending,
            Dimension::Lifting => self.lifting,
        }
    }

    pub fn set_level(&mut self, d: Dimension, v: Option<u8>) {
        match d {
            Dimension::Sitting => self.sitting = v,
            Dimension::Standing => self.standing = v,
            Dimension::Walking => self.walking = v,
            Dimension::Bending => self.bending = v,
            Dimension::Lifting => self.lifting = v,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == WorkCapacity::default()
    }

    /// Checks the fixed scales; returns the Dutch message for the first value out of range.
    pub fn validate(&self) -> Result<(), String> {
        for d in Dimension::ALL {
            if let Some(l) = self.level(d)
                && l > MAX_LEVEL
            {
                return Err(format!("{}: kies een waarde van de schaal.", d.label()));
            }
        }
        if let Some(h) = self.hours_per_day
            && !HOURS_PER_DAY.contains(&h)
        {
            return Err("Uren per dag: kies 2, 4, 6 of 8 uur.".into());
        }
        Ok(())
    }
}

/// An occupation from the curated taxonomy (ISCO-08 coded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occupation {
    pub id: i32,
    pub isco: String,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(*r));
        }
        for s in ProfileState::ALL {
            assert_eq!(ProfileState::from_code(s.code()), Some(*s));
        }
        assert_eq!(Gender::from_code("x"), None);
    }

    #[test]
    fn work_capacity_scales_are_checked() {
        let mut wc = WorkCapacity {
            sitting: Some(3),
            hours_per_day: Some(6),
            ..Default::default()
        };
        assert!(wc.validate().is_ok());
        wc.lifting = Some(4);
        assert!(wc.validate().unwrap_err().starts_with("Tillen"));
        wc.lifting = None;
        wc.hours_per_day = Some(5);
        assert!(wc.validate().is_err());
    }

    #[test]
    fn target_group_labels() {
        let t = TargetGroups {
            banenafspraak: true,
            bbl: true,
            ..Default::default()
        };
        assert_eq!(t.labels(), vec!["Banenafspraak", "BBL"]);
    }
}
