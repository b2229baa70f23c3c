//! The types of `profile` that the service returns and the browser shows.

use crate::domain::{Gender, Occupation, ProfileState, WorkCapacity};
use crate::policy::Field;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A profile as the job seeker, their gemeente or a partner sees it. A value is present only if
/// the policy lets this reader see that field (and it is filled); `visible` lists the fields the
/// reader may see, so the UI can tell "empty" from "not yours to see". Hidden fields are not
/// serialised at all.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileView {
    pub id: i32,
    pub visible: Vec<Field>,
    /// Only for the job seeker and their gemeente.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ProfileState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
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
    /// URL of the authorising media handler, never a public file path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_capacity: Option<WorkCapacity>,
    /// Shown with work capacity, to those who may read work capacity regardless of consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_capacity_consent: Option<bool>,
    /// Held back from employers by the consultant (dual consent): only for the job seeker and
    /// their gemeente, like `state`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_back: Option<HeldBack>,
    /// The consultant's dated notes, oldest first (policy field `consultant_notes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultant_notes: Option<Vec<ConsultantNote>>,
}

/// One note of a consultant, with its date and author.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultantNote {
    pub at: chrono::DateTime<chrono::Utc>,
    pub author: String,
    pub text: String,
}

/// The consultant's decision to keep a profile from employers for now, with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldBack {
    pub since: chrono::DateTime<chrono::Utc>,
    pub reason: String,
}

impl ProfileView {
    pub fn sees(&self, f: Field) -> bool {
        self.visible.contains(&f)
    }
    pub fn full_name(&self) -> String {
        format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or_default(),
            self.last_name.as_deref().unwrap_or_default()
        )
        .trim()
        .to_string()
    }
}

/// One change to one field. The variant names the policy field it writes; there is no variant
/// for fields nobody writes (gemeente) or that have their own path (photo, video, consent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum FieldChange {
    ClientNumber(String),
    FirstName(String),
    LastName(String),
    Email(String),
    Gender(Option<Gender>),
    BirthDate(Option<NaiveDate>),
    PostalCode(Option<String>),
    Phone(Option<String>),
    TargetBanenafspraak(bool),
    TargetPraktijkroute(bool),
    TargetBbl(bool),
    TargetOndernemer(bool),
    Interests(Option<String>),
    Talents(Option<String>),
    Motivation(Option<String>),
    DesiredWork(Option<String>),
    PreferredOccupations(Vec<i32>),
    WorkCapacity(WorkCapacity),
}

impl FieldChange {
    pub fn field(&self) -> Field {
        match self {
            FieldChange::ClientNumber(_) => Field::ClientNumber,
            FieldChange::FirstName(_) => Field::FirstName,
            FieldChange::LastName(_) => Field::LastName,
            FieldChange::Email(_) => Field::Email,
            FieldChange::Gender(_) => Field::Gender,
            FieldChange::BirthDate(_) => Field::BirthDate,
            FieldChange::PostalCode(_) => Field::PostalCode,
            FieldChange::Phone(_) => Field::Phone,
            FieldChange::TargetBanenafspraak(_) => Field::TargetBanenafspraak,
            FieldChange::TargetPraktijkroute(_) => Field::TargetPraktijkroute,
            FieldChange::TargetBbl(_) => Field::TargetBbl,
            FieldChange::TargetOndernemer(_) => Field::TargetOndernemer,
            FieldChange::Interests(_) => Field::Interests,
            FieldChange::Talents(_) => Field::Talents,
            FieldChange::Motivation(_) => Field::Motivation,
            FieldChange::DesiredWork(_) => Field::DesiredWork,
            FieldChange::PreferredOccupations(_) => Field::PreferredOccupations,
            FieldChange::WorkCapacity(_) => Field::WorkCapacity,
        }
    }
}

/// The fields a job seeker should fill in for employers to see a full profile, and which of
/// them are still empty.
pub fn missing_fields(v: &ProfileView) -> Vec<Field> {
    let empty = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    [
        (Field::Phone, empty(&v.phone)),
        (Field::Interests, empty(&v.interests)),
        (Field::Talents, empty(&v.talents)),
        (Field::Motivation, empty(&v.motivation)),
        (Field::DesiredWork, empty(&v.desired_work)),
        (
            Field::PreferredOccupations,
            v.preferred_occupations
                .as_ref()
                .is_none_or(|o| o.is_empty()),
        ),
        (Field::Photo, v.photo_url.is_none()),
        (Field::Video, v.video_url.is_none()),
        (Field::WorkCapacity, v.work_capacity.is_none()),
    ]
    .into_iter()
    .filter_map(|(f, missing)| missing.then_some(f))
    .collect()
}
