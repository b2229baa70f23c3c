//! The alert: one component for every message box of the app (NL Design System alert).

use leptos::prelude::*;

/// What an alert says: something to know, a success, a caution, a failure.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tone {
    Info,
    Ok,
    Warning,
    Error,
}

/// A message box. A failure is announced at once (`role="alert"`) and a success politely
/// (`role="status"`), since both answer something the user just did; information and cautions
/// that are part of the page are announced only when `announce` says they answer an action too.
#[component]
pub fn Alert(tone: Tone, #[prop(optional)] announce: bool, children: Children) -> impl IntoView {
    let (class, role) = match tone {
        Tone::Info => (
            "utrecht-alert utrecht-alert--info",
            announce.then_some("status"),
        ),
        Tone::Ok => ("utrecht-alert utrecht-alert--ok", Some("status")),
        Tone::Warning => (
            "utrecht-alert utrecht-alert--warning",
            announce.then_some("alert"),
        ),
        Tone::Error => ("utrecht-alert utrecht-alert--error", Some("alert")),
    };
    view! { <div class=class role=role>{children()}</div> }
}
