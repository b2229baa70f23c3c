//! Transparent matching between a vacancy and a job seeker: a list of criteria in words, each
//! met or not. No hidden score: lists are ordered by the number of criteria met, then by date.
//! The caller decides which facts go in, through the visibility policy: an employer's matcher
//! never receives work capacity without the job seeker's consent.

use crate::domain::{Dimension, TargetGroups, WorkCapacity};
use crate::policy::Field;
use serde::{Deserialize, Serialize};

/// What matching may know about a vacancy.
#[derive(Clone, Debug, PartialEq)]
pub struct VacancyFacts {
    pub occupation_id: i32,
    pub occupation: String,
    pub municipality_id: i32,
    pub municipality: String,
    pub hours_per_week: u8,
    /// Physical demands on the work-capacity scale (0 = not required).
    pub demands: [u8; 5],
    pub suits: TargetGroups,
    /// Title and description, for matching desired work.
    pub text: String,
}

/// What matching may know about a job seeker (already filtered by the policy).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SeekerFacts {
    pub occupation_ids: Vec<i32>,
    pub municipality_id: i32,
    pub targets: TargetGroups,
    /// `None` when the reader may not use it (employer without consent) or it is not filled.
    pub work_capacity: Option<WorkCapacity>,
    pub desired_work: String,
}

impl SeekerFacts {
    /// The profile fields these facts are made of (`desired_work` holds the desired work and
    /// the interests), each through the reader's policy: what the algorithm page lists as used
    /// by matching.
    pub const FIELDS: [Field; 9] = [
        Field::PreferredOccupations,
        Field::Municipality,
        Field::TargetBanenafspraak,
        Field::TargetPraktijkroute,
        Field::TargetBbl,
        Field::TargetOndernemer,
        Field::WorkCapacity,
        Field::DesiredWork,
        Field::Interests,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub met: bool,
    /// Dutch, e.g. "Voorkeursberoep: Bakker".
    pub text: String,
    /// A preference of the job seeker (occupation, kind of work, target group) rather than a
    /// condition; a match needs at least one met preference.
    pub preference: bool,
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(String::from)
        .collect()
}

/// The criteria of `vacancy` for `seeker`, in a fixed order.
pub fn criteria(v: &VacancyFacts, s: &SeekerFacts) -> Vec<Criterion> {
    let mut out = Vec::new();
    let mut push = |met: bool, text: String, preference: bool| {
        out.push(Criterion {
            met,
            text,
            preference,
        })
    };

    push(
        s.occupation_ids.contains(&v.occupation_id),
        format!("Voorkeursberoep: {}", v.occupation),
        true,
    );
    let text = v.text.to_lowercase();
    let shared: Vec<String> = words(&s.desired_work)
        .into_iter()
        .filter(|w| text.contains(w.as_str()))
        .collect();
    push(
        !shared.is_empty(),
        if shared.is_empty() {
            "Soort werk: geen overeenkomst met de gewenste werkzaamheden".into()
        } else {
            format!("Soort werk: \"{}\"", shared.join("\", \""))
        },
        true,
    );
    for (seeker, suits, label) in [
        (
            s.targets.banenafspraak,
            v.suits.banenafspraak,
            "Banenafspraak",
        ),
        (
            s.targets.praktijkroute,
            v.suits.praktijkroute,
            "Praktijkroute",
        ),
        (s.targets.bbl, v.suits.bbl, "BBL"),
        (s.targets.ondernemer, v.suits.ondernemer, "Ondernemer"),
    ] {
        if seeker {
            push(suits, format!("Geschikt voor doelgroep {label}"), true);
        }
    }
    push(
        s.municipality_id == v.municipality_id,
        format!("Werkplek in de eigen gemeente ({})", v.municipality),
        false,
    );
    if let Some(wc) = s.work_capacity {
        let too_much: Vec<&str> = Dimension::ALL
            .iter()
            .zip(v.demands)
            .filter(|(d, demand)| *demand > 0 && wc.level(**d).unwrap_or(0) < *demand)
            .map(|(d, _)| d.label())
            .collect();
        push(
            too_much.is_empty(),
            if too_much.is_empty() {
                "Past bij de belastbaarheid".into()
            } else {
                format!(
                    "Vraagt meer dan de belastbaarheid: {}",
                    too_much.join(", ").to_lowercase()
                )
            },
            false,
        );
        if let Some(h) = wc.hours_per_day {
            push(
                u32::from(v.hours_per_week) <= u32::from(h) * 5,
                format!(
                    "{} uur per week (belastbaar {h} uur per dag)",
                    v.hours_per_week
                ),
                false,
            );
        }
    }
    out
}

/// A vacancy matches when at least one preference is met.
pub fn is_match(c: &[Criterion]) -> bool {
    c.iter().any(|c| c.preference && c.met)
}

pub fn met_count(c: &[Criterion]) -> usize {
    c.iter().filter(|c| c.met).count()
}

pub const ORDER_EXPLAINED: &str = "Gesorteerd op aantal passende criteria, dan op datum (nieuwste eerst). Er is geen verborgen score.";

#[cfg(test)]
mod tests {
    use super::*;

    fn vacancy() -> VacancyFacts {
        VacancyFacts {
            occupation_id: 7,
            occupation: "Bakker".into(),
            municipality_id: 1,
            municipality: "Schiedam".into(),
            hours_per_week: 24,
            demands: [0, 3, 2, 2, 2],
            suits: TargetGroups {
                bbl: true,
                ..Default::default()
            },
            text: "Medewerker bakkerij: brood bakken in de ochtend".into(),
        }
    }

    #[test]
    fn criteria_in_words() {
        let s = SeekerFacts {
            occupation_ids: vec![7],
            municipality_id: 2,
            targets: TargetGroups {
                bbl: true,
                banenafspraak: true,
                ..Default::default()
            },
            work_capacity: Some(WorkCapacity {
                sitting: Some(1),
                standing: Some(3),
                walking: Some(3),
                bending: Some(1),
                lifting: Some(3),
                hours_per_day: Some(4),
            }),
            desired_work: "iets met brood bakken".into(),
        };
        let c = criteria(&vacancy(), &s);
        let texts: Vec<(bool, &str)> = c.iter().map(|c| (c.met, c.text.as_str())).collect();
        assert_eq!(
            texts,
            vec![
                (true, "Voorkeursberoep: Bakker"),
                (true, "Soort werk: \"brood\", \"bakken\""),
                (false, "Geschikt voor doelgroep Banenafspraak"),
                (true, "Geschikt voor doelgroep BBL"),
                (false, "Werkplek in de eigen gemeente (Schiedam)"),
                (false, "Vraagt meer dan de belastbaarheid: bukken"),
                (false, "24 uur per week (belastbaar 4 uur per dag)"),
            ]
        );
        assert!(is_match(&c));
        assert_eq!(met_count(&c), 3);
    }

    #[test]
    fn without_work_capacity_nothing_is_said_about_it() {
        let s = SeekerFacts {
            occupation_ids: vec![],
            municipality_id: 1,
            ..Default::default()
        };
        let c = criteria(&vacancy(), &s);
        assert!(c.iter().all(|c| !c.text.contains("belastbaar")));
        assert!(!is_match(&c), "only the gemeente matches: not a preference");
    }
}
