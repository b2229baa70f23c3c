//! The employer's candidate search as data: the view an employer receives, the filter with its
//! query-string codec, and the keyword rules shared by the SQL search and the in-memory index.

use crate::domain::{Occupation, WorkCapacity};
use crate::policy::{Field, FieldSet};
use crate::views::profile::ProfileView;
use serde::{Deserialize, Serialize};

/// A candidate as an employer sees it. The type has no field for client number, gender, birth
/// date or postcode: those can never reach an employer. Work capacity is present only when the
/// job seeker consented (and filled it in).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateView {
    pub id: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_banenafspraak: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_praktijkroute: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_bbl: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ondernemer: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interests: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talents: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_work: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_occupations: Option<Vec<Occupation>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_capacity: Option<WorkCapacity>,
    /// The fields this employer may see of this candidate, decided on the server by the policy;
    /// pages show exactly these and never choose for themselves.
    #[serde(default)]
    pub visible: Vec<Field>,
}

/// The labels of the target groups an opened profile or a card shows as set (banenafspraak,
/// praktijkroute, BBL, ondernemer; an absent flag counts as not set).
fn target_labels(flags: [Option<bool>; 4]) -> Vec<&'static str> {
    let [banenafspraak, praktijkroute, bbl, ondernemer] = flags.map(|f| f.unwrap_or(false));
    crate::domain::TargetGroups {
        banenafspraak,
        praktijkroute,
        bbl,
        ondernemer,
    }
    .labels()
}

impl CandidateView {
    pub fn full_name(&self) -> String {
        format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or_default(),
            self.last_name.as_deref().unwrap_or_default()
        )
        .trim()
        .to_string()
    }

    pub fn target_labels(&self) -> Vec<&'static str> {
        target_labels([
            self.target_banenafspraak,
            self.target_praktijkroute,
            self.target_bbl,
            self.target_ondernemer,
        ])
    }
}

/// A candidate in a list an employer receives: the candidate filter, a vacancy's matches, the
/// saved-search mail, and any later export or API list (SPEC §3, "Lists show less than an opened
/// profile"). It has no field for an e-mail address, phone number, photo or video URL, or work
/// capacity, so no list can carry them; those are only in an [`OpenedCandidate`], which is
/// counted and audited one person at a time. The policy's card list (`policy::on_card`) says
/// which fields appear here and in what form; `from_profile` follows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CandidateCard {
    pub id: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The first letter of the last name, with a full stop ("E.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_initial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_banenafspraak: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_praktijkroute: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_bbl: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ondernemer: Option<bool>,
    /// A short excerpt ([`excerpt`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interests: Option<String>,
    /// A short excerpt ([`excerpt`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talents: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_work: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_occupations: Option<Vec<Occupation>>,
    /// Whether there is a photo, not the photo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_photo: Option<bool>,
    /// Whether there is a video, not the video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_video: Option<bool>,
}

/// How many characters of a free text a card shows at most.
pub const EXCERPT_CHARS: usize = 120;

/// The start of a free text, at most [`EXCERPT_CHARS`] characters, cut after a whole word and
/// marked with "…" when it was longer.
pub fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end())
}

/// The first letter of a name with a full stop ("El Amrani" → "E.").
pub fn initial(name: &str) -> Option<String> {
    name.trim()
        .chars()
        .next()
        .map(|c| format!("{}.", c.to_uppercase()))
}

impl CandidateCard {
    /// The card of a profile as the employer may read it: only the fields of the policy's card
    /// list, each in its card form. Anything else in `v` is dropped here.
    pub fn from_profile(v: ProfileView) -> Self {
        use crate::policy::{Audience, Field, OnCard, on_card};
        let on = |f: Field| on_card(Audience::Employer, f);
        let whole = |f: Field| on(f) == Some(OnCard::Whole);
        let keep = |f: Field, value: Option<String>| match on(f) {
            Some(OnCard::Whole) => value,
            Some(OnCard::Excerpt) => value.map(|t| excerpt(&t)),
            Some(OnCard::Initial) => value.as_deref().and_then(initial),
            Some(OnCard::Presence) | None => None,
        };
        let present = |f: Field, url: &Option<String>| on(f).is_some().then_some(url.is_some());
        CandidateCard {
            id: v.id,
            has_photo: present(Field::Photo, &v.photo_url),
            has_video: present(Field::Video, &v.video_url),
            first_name: keep(Field::FirstName, v.first_name),
            last_initial: keep(Field::LastName, v.last_name),
            municipality: keep(Field::Municipality, v.municipality),
            target_banenafspraak: v
                .target_banenafspraak
                .filter(|_| whole(Field::TargetBanenafspraak)),
            target_praktijkroute: v
                .target_praktijkroute
                .filter(|_| whole(Field::TargetPraktijkroute)),
            target_bbl: v.target_bbl.filter(|_| whole(Field::TargetBbl)),
            target_ondernemer: v
                .target_ondernemer
                .filter(|_| whole(Field::TargetOndernemer)),
            interests: keep(Field::Interests, v.interests),
            talents: keep(Field::Talents, v.talents),
            desired_work: keep(Field::DesiredWork, v.desired_work),
            preferred_occupations: v
                .preferred_occupations
                .filter(|_| whole(Field::PreferredOccupations)),
        }
    }

    /// "Fatima E.": what a list calls a candidate.
    pub fn name(&self) -> String {
        format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or_default(),
            self.last_initial.as_deref().unwrap_or_default()
        )
        .trim()
        .to_string()
    }

    pub fn target_labels(&self) -> Vec<&'static str> {
        target_labels([
            self.target_banenafspraak,
            self.target_praktijkroute,
            self.target_bbl,
            self.target_ondernemer,
        ])
    }
}

/// The employer's filter. Every criterion maps to a field the employer may read
/// (`fields_used`); there is no way to express a filter on a hidden field, and unknown members
/// are refused rather than ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateFilter {
    /// Keywords over interests, talents, motivation and desired work.
    #[serde(default)]
    pub q: String,
    /// Preferred occupations (any of).
    #[serde(default)]
    pub occupations: Vec<i32>,
    /// Gemeenten of the region (any of).
    #[serde(default)]
    pub municipalities: Vec<i32>,
    #[serde(default)]
    pub banenafspraak: bool,
    #[serde(default)]
    pub praktijkroute: bool,
    #[serde(default)]
    pub bbl: bool,
    #[serde(default)]
    pub ondernemer: bool,
    #[serde(default)]
    pub has_photo: bool,
    #[serde(default)]
    pub has_video: bool,
    /// Physical fit for this vacancy of the own organisation: only candidates who consented to
    /// show their work capacity, and whose capacity meets every demand.
    #[serde(default)]
    pub fit_vacancy: Option<i32>,
    /// Sort by this policy field (ascending); default: most recently updated first.
    #[serde(default)]
    pub sort: Option<String>,
    /// 0-based page.
    #[serde(default)]
    pub page: u32,
}

pub const PAGE_SIZE: u64 = 20;
/// Counting stops here: beyond a thousand the exact number tells an employer nothing more.
pub const COUNT_CAP: u64 = 1000;

/// The fields a list may be sorted by (when the reader may read them).
pub const SORTABLE: [Field; 2] = [Field::LastName, Field::FirstName];

/// At most this many gemeenten and occupations of a filter are used (the rest are ignored).
pub const MAX_MUNICIPALITIES: usize = 50;
pub const MAX_OCCUPATIONS: usize = 20;

fn ids(v: &str) -> Vec<i32> {
    v.split(',').filter_map(|x| x.trim().parse().ok()).collect()
}

fn join(v: &[i32]) -> String {
    v.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

/// A target group an employer can filter on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Banenafspraak,
    Praktijkroute,
    Bbl,
    Ondernemer,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::Banenafspraak,
        Target::Praktijkroute,
        Target::Bbl,
        Target::Ondernemer,
    ];

    pub fn field(self) -> Field {
        match self {
            Target::Banenafspraak => Field::TargetBanenafspraak,
            Target::Praktijkroute => Field::TargetPraktijkroute,
            Target::Bbl => Field::TargetBbl,
            Target::Ondernemer => Field::TargetOndernemer,
        }
    }
}

/// One criterion of a filter. `CandidateFilter::criteria` is the only reader of the filter's
/// criteria; the policy check, the SQL condition and the in-memory index criteria are each an
/// exhaustive match over this enum, so a new criterion cannot reach one of them and miss another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Criterion {
    /// Keywords over interests, talents, motivation and desired work.
    Keywords(String),
    /// Any of these preferred occupations (at most `MAX_OCCUPATIONS`).
    Occupations(Vec<i32>),
    /// Any of these gemeenten (at most `MAX_MUNICIPALITIES`).
    Municipalities(Vec<i32>),
    Target(Target),
    HasPhoto,
    HasVideo,
    /// Physical fit for this vacancy of the own organisation.
    FitFor(i32),
}

impl Criterion {
    /// The policy fields this criterion looks at.
    pub fn fields(&self) -> FieldSet {
        let one = |f| FieldSet::EMPTY.with(f);
        match self {
            Criterion::Keywords(_) => [
                Field::Interests,
                Field::Talents,
                Field::Motivation,
                Field::DesiredWork,
            ]
            .into_iter()
            .fold(FieldSet::EMPTY, FieldSet::with),
            Criterion::Occupations(_) => one(Field::PreferredOccupations),
            Criterion::Municipalities(_) => one(Field::Municipality),
            Criterion::Target(t) => one(t.field()),
            Criterion::HasPhoto => one(Field::Photo),
            Criterion::HasVideo => one(Field::Video),
            Criterion::FitFor(_) => one(Field::WorkCapacity),
        }
    }
}

impl CandidateFilter {
    /// A filter asking for every criterion at once (unsorted, first page): with `criteria`, the
    /// list of everything a filter can look at.
    pub fn everything() -> Self {
        CandidateFilter {
            q: "kok".into(),
            occupations: vec![1],
            municipalities: vec![2],
            banenafspraak: true,
            praktijkroute: true,
            bbl: true,
            ondernemer: true,
            has_photo: true,
            has_video: true,
            fit_vacancy: Some(3),
            ..Default::default()
        }
    }

    /// The criteria this filter asks for, in a fixed order (empty members ask for nothing).
    pub fn criteria(&self) -> Vec<Criterion> {
        let mut out = Vec::new();
        if !self.q.trim().is_empty() {
            out.push(Criterion::Keywords(self.q.clone()));
        }
        if !self.occupations.is_empty() {
            out.push(Criterion::Occupations(
                self.occupations
                    .iter()
                    .copied()
                    .take(MAX_OCCUPATIONS)
                    .collect(),
            ));
        }
        if !self.municipalities.is_empty() {
            out.push(Criterion::Municipalities(
                self.municipalities
                    .iter()
                    .copied()
                    .take(MAX_MUNICIPALITIES)
                    .collect(),
            ));
        }
        for (on, t) in [
            self.banenafspraak,
            self.praktijkroute,
            self.bbl,
            self.ondernemer,
        ]
        .into_iter()
        .zip(Target::ALL)
        {
            if on {
                out.push(Criterion::Target(t));
            }
        }
        if self.has_photo {
            out.push(Criterion::HasPhoto);
        }
        if self.has_video {
            out.push(Criterion::HasVideo);
        }
        if let Some(id) = self.fit_vacancy {
            out.push(Criterion::FitFor(id));
        }
        out
    }

    /// The policy fields this filter looks at.
    pub fn fields_used(&self) -> FieldSet {
        self.criteria()
            .iter()
            .flat_map(|c| c.fields().iter())
            .fold(FieldSet::EMPTY, FieldSet::with)
    }

    /// The filter from the page URL's query string (so a link shows the same result); `get`
    /// reads one decoded parameter. The inverse of [`CandidateFilter::to_query`].
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let flag = |k: &str| get(k).is_some_and(|v| v == "1");
        CandidateFilter {
            q: get("q").unwrap_or_default(),
            occupations: get("beroep").map(|v| ids(&v)).unwrap_or_default(),
            municipalities: get("gemeente").map(|v| ids(&v)).unwrap_or_default(),
            banenafspraak: flag("banenafspraak"),
            praktijkroute: flag("praktijkroute"),
            bbl: flag("bbl"),
            ondernemer: flag("ondernemer"),
            has_photo: flag("foto"),
            has_video: flag("video"),
            fit_vacancy: get("vacature").and_then(|v| v.parse().ok()),
            sort: get("sorteer").filter(|s| !s.is_empty()),
            page: get("pagina")
                .and_then(|p| p.parse::<u32>().ok())
                .map_or(0, |p| p.saturating_sub(1)),
        }
    }

    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", urlencode(&self.q)));
        }
        if !self.occupations.is_empty() {
            parts.push(format!("beroep={}", join(&self.occupations)));
        }
        if !self.municipalities.is_empty() {
            parts.push(format!("gemeente={}", join(&self.municipalities)));
        }
        for (on, k) in [
            (self.banenafspraak, "banenafspraak"),
            (self.praktijkroute, "praktijkroute"),
            (self.bbl, "bbl"),
            (self.ondernemer, "ondernemer"),
            (self.has_photo, "foto"),
            (self.has_video, "video"),
        ] {
            if on {
                parts.push(format!("{k}=1"));
            }
        }
        if let Some(v) = self.fit_vacancy {
            parts.push(format!("vacature={v}"));
        }
        if let Some(s) = &self.sort {
            parts.push(format!("sorteer={}", urlencode(s)));
        }
        if self.page > 0 {
            parts.push(format!("pagina={}", self.page + 1));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidatePage {
    /// Matching candidates, counted up to `COUNT_CAP` (then `more` is set).
    pub total: u64,
    /// More than `COUNT_CAP` candidates match: counting stops there (keeps every request fast).
    pub more: bool,
    pub page: u32,
    pub pages: u32,
    pub items: Vec<CandidateCard>,
    /// A warning that the employer nears a daily ceiling on viewing (Dutch).
    pub notice: Option<String>,
}

/// A profile an employer opened, with a warning if they near a daily ceiling on viewing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenedCandidate {
    pub candidate: CandidateView,
    pub notice: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_carries_only_the_card_fields_in_their_card_form() {
        let long = "Ik werk graag met mijn handen en ben nauwkeurig. ".repeat(6);
        let full = ProfileView {
            id: 7,
            first_name: Some("Fatima".into()),
            last_name: Some("el Amrani".into()),
            email: Some("fatima@voorbeeld.nl".into()),
            phone: Some("0612345678".into()),
            municipality: Some("Rotterdam".into()),
            target_banenafspraak: Some(true),
            interests: Some(long.clone()),
            talents: Some("Koken".into()),
            motivation: Some("Ik wil weer aan het werk".into()),
            desired_work: Some("Schoonmaak".into()),
            photo_url: Some("/media/profile/7/photo".into()),
            work_capacity: Some(Default::default()),
            ..Default::default()
        };
        let card = CandidateCard::from_profile(full);
        assert_eq!(card.name(), "Fatima E.");
        assert_eq!(card.has_photo, Some(true));
        assert_eq!(card.has_video, Some(false));
        assert_eq!(card.talents.as_deref(), Some("Koken"));
        let interests = card.interests.clone().unwrap();
        assert!(interests.ends_with('…') && interests.chars().count() <= EXCERPT_CHARS + 1);
        assert!(long.starts_with(interests.trim_end_matches('…')));
        let json = serde_json::to_string(&card).unwrap();
        for leak in [
            "fatima@",
            "0612345678",
            "/media/",
            "motivation",
            "Ik wil weer",
            "Amrani",
        ] {
            assert!(!json.contains(leak), "{leak} in {json}");
        }
    }

    #[test]
    fn excerpts_and_initials() {
        assert_eq!(excerpt("  kort  "), "kort");
        let word = "a".repeat(EXCERPT_CHARS * 2);
        assert_eq!(excerpt(&word).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(initial("ödegaard"), Some("Ö.".into()));
        assert_eq!(initial("  "), None);
    }

    /// Decodes a query string the way a router does (`+` and `%XX`), for the round trip.
    fn decode(query: &str) -> impl Fn(&str) -> Option<String> + '_ {
        move |key| {
            query.trim_start_matches('?').split('&').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                (k == key).then(|| {
                    let bytes = v.replace('+', " ").into_bytes();
                    let mut out = Vec::new();
                    let mut i = 0;
                    while i < bytes.len() {
                        if bytes[i] == b'%' && i + 2 < bytes.len() {
                            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                            out.push(u8::from_str_radix(hex, 16).unwrap());
                            i += 3;
                        } else {
                            out.push(bytes[i]);
                            i += 1;
                        }
                    }
                    String::from_utf8(out).unwrap()
                })
            })
        }
    }

    #[test]
    fn a_filter_survives_its_link() {
        let f = CandidateFilter {
            q: "zorg & welzijn".into(),
            occupations: vec![3, 17],
            municipalities: vec![2],
            bbl: true,
            has_video: true,
            fit_vacancy: Some(9),
            sort: Some("last_name".into()),
            page: 2,
            ..Default::default()
        };
        let query = f.to_query();
        assert_eq!(CandidateFilter::from_query(decode(&query)), f, "{query}");
        assert_eq!(CandidateFilter::default().to_query(), "");
    }

    /// Every member of the filter that selects is read by `criteria`: `everything()` sets each
    /// of them (destructured without `..`, so a new member does not compile until it is checked
    /// here), and it has exactly one criterion per member (four target groups), each on its own
    /// fields.
    #[test]
    fn every_filter_member_is_a_criterion() {
        let CandidateFilter {
            q,
            occupations,
            municipalities,
            banenafspraak,
            praktijkroute,
            bbl,
            ondernemer,
            has_photo,
            has_video,
            fit_vacancy,
            sort,
            page,
        } = CandidateFilter::everything();
        assert!(!q.trim().is_empty(), "everything() asks for keywords");
        assert!(!occupations.is_empty() && !municipalities.is_empty());
        assert!(banenafspraak && praktijkroute && bbl && ondernemer);
        assert!(has_photo && has_video);
        let Some(vacancy) = fit_vacancy else {
            panic!("everything() asks for a physical fit");
        };
        // Sort and page select nothing; everything() leaves them alone.
        assert_eq!((sort.as_deref(), page), (None, 0));
        let all = CandidateFilter {
            sort: Some("last_name".into()),
            page: 4,
            ..CandidateFilter::everything()
        };
        let criteria = all.criteria();
        assert_eq!(
            criteria,
            [
                Criterion::Keywords(q),
                Criterion::Occupations(occupations),
                Criterion::Municipalities(municipalities),
                Criterion::Target(Target::Banenafspraak),
                Criterion::Target(Target::Praktijkroute),
                Criterion::Target(Target::Bbl),
                Criterion::Target(Target::Ondernemer),
                Criterion::HasPhoto,
                Criterion::HasVideo,
                Criterion::FitFor(vacancy),
            ]
        );
        let mut seen = FieldSet::EMPTY;
        for c in &criteria {
            assert!(!c.fields().is_empty(), "{c:?}");
            assert!(
                c.fields().iter().all(|f| !seen.contains(f)),
                "{c:?} shares a field"
            );
            seen = c.fields().iter().fold(seen, FieldSet::with);
        }
        assert_eq!(seen, all.fields_used());
        // Sort and page select nothing.
        let paged = CandidateFilter {
            sort: Some("first_name".into()),
            page: 2,
            ..Default::default()
        };
        assert!(paged.criteria().is_empty());
    }

    #[test]
    fn the_filter_names_the_fields_it_looks_at() {
        let f = CandidateFilter {
            q: "kok".into(),
            fit_vacancy: Some(1),
            ..Default::default()
        };
        let used = f.fields_used();
        assert!(used.contains(Field::Motivation) && used.contains(Field::WorkCapacity));
        assert!(!used.contains(Field::Photo));
        assert_eq!(CandidateFilter::default().fields_used(), FieldSet::EMPTY);
    }
}
