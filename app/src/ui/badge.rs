//! The status badge: one component for every status the app shows (NL Design System status
//! badge), and the one place that decides how each status looks.

use kernel::domain::{InvitationStatus, Outcome, ProfileState, RequestStatus, VacancyStatus};
use leptos::prelude::*;

/// How a status reads at a glance. The colour only repeats the label, which always says it in
/// words (WCAG 1.4.1: colour is never the only sign).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Look {
    /// Nothing to do or nothing happened yet.
    Neutral,
    /// Under way: someone is working on it or waiting for an answer.
    Active,
    /// Done, with the outcome hoped for.
    Success,
    /// Needs attention.
    Warning,
    /// Refused, blocked or about to go.
    Danger,
    /// Over: closed or withdrawn.
    Inactive,
}

impl Look {
    const fn class(self) -> &'static str {
        match self {
            Look::Neutral => "utrecht-badge-status utrecht-badge-status--neutral",
            Look::Active => "utrecht-badge-status utrecht-badge-status--active",
            Look::Success => "utrecht-badge-status utrecht-badge-status--success",
            Look::Warning => "utrecht-badge-status utrecht-badge-status--warning",
            Look::Danger => "utrecht-badge-status utrecht-badge-status--danger",
            Look::Inactive => "utrecht-badge-status utrecht-badge-status--inactive",
        }
    }
}

/// A status to draw: its Dutch label and its look.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Badge {
    label: &'static str,
    look: Look,
}

impl Badge {
    /// Private: a page shows a status through one of the constructors below, so how a status
    /// looks is decided here and nowhere else.
    const fn new(label: &'static str, look: Look) -> Self {
        Badge { label, look }
    }

    /// An agreement or an employer's approval that a second staff member has yet to confirm.
    pub const AWAITING_SECOND: Badge = Badge::new("Wacht op bevestiging", Look::Warning);

    /// A contact message staff have dealt with.
    pub const HANDLED: Badge = Badge::new("Afgehandeld", Look::Success);

    /// An account: blocked, waiting for a staff member's approval, not yet activated by its
    /// owner, or in use.
    pub const fn account(active: bool, awaiting_approval: bool, activated: bool) -> Badge {
        match (active, awaiting_approval, activated) {
            (false, _, _) => Badge::new("Geblokkeerd", Look::Danger),
            (true, true, _) => Badge::new("Wacht op goedkeuring", Look::Warning),
            (true, false, false) => Badge::new("Nog niet geactiveerd", Look::Neutral),
            (true, false, true) => Badge::new("Actief", Look::Success),
        }
    }
}

impl From<ProfileState> for Badge {
    fn from(s: ProfileState) -> Self {
        let look = match s {
            ProfileState::Active => Look::Success,
            ProfileState::Paused => Look::Inactive,
            ProfileState::ErasurePending => Look::Danger,
        };
        Badge::new(s.label(), look)
    }
}

impl From<RequestStatus> for Badge {
    fn from(s: RequestStatus) -> Self {
        let look = match s {
            RequestStatus::Unconfirmed => Look::Neutral,
            RequestStatus::Open => Look::Active,
            RequestStatus::Granted => Look::Success,
            RequestStatus::Rejected => Look::Danger,
        };
        Badge::new(s.label(), look)
    }
}

impl From<InvitationStatus> for Badge {
    fn from(s: InvitationStatus) -> Self {
        let look = match s {
            InvitationStatus::Sent => Look::Active,
            InvitationStatus::Accepted => Look::Success,
            InvitationStatus::Declined => Look::Neutral,
            InvitationStatus::Withdrawn => Look::Inactive,
        };
        Badge::new(s.label(), look)
    }
}

impl From<Outcome> for Badge {
    fn from(s: Outcome) -> Self {
        let look = match s {
            Outcome::Placed => Look::Success,
            Outcome::Trial => Look::Active,
            Outcome::NotPlaced => Look::Neutral,
        };
        Badge::new(s.label(), look)
    }
}

impl From<VacancyStatus> for Badge {
    fn from(s: VacancyStatus) -> Self {
        let look = match s {
            VacancyStatus::Draft => Look::Neutral,
            VacancyStatus::Open => Look::Success,
            VacancyStatus::Closed => Look::Inactive,
        };
        Badge::new(s.label(), look)
    }
}

/// A status as a badge: its label in a coloured box.
#[component]
pub fn StatusBadge(#[prop(into)] status: Badge) -> impl IntoView {
    view! { <span class=status.look.class()>{status.label}</span> }
}
