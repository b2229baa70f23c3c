//! The button: one component for every button of the app, in the three appearances of the NL
//! Design System (Utrecht) button.

use leptos::prelude::*;

/// How much a button stands out: the one thing a form or page is for (primary), the other
/// actions (secondary), and actions on a row of a list that should not outshout the content
/// (subtle).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Appearance {
    Primary,
    Secondary,
    Subtle,
}

impl Appearance {
    /// The classes of a button of this appearance (also for an element that acts as one: the
    /// summary of a disclosure).
    pub fn class(self) -> &'static str {
        match self {
            Appearance::Primary => "utrecht-button utrecht-button--primary-action",
            Appearance::Secondary => "utrecht-button utrecht-button--secondary-action",
            Appearance::Subtle => "utrecht-button utrecht-button--subtle",
        }
    }
}

/// A button; `kind` is its HTML type (`submit`, as in HTML, or `button`). Attributes only the
/// page knows (`on:click`, `attr:disabled`, `attr:name`, `attr:aria-expanded`, …) are spread
/// onto it.
#[component]
pub fn Button(
    appearance: Appearance,
    #[prop(default = "submit")] kind: &'static str,
    /// A layout class of the page beside the component's own (`hw-fold-button`).
    #[prop(optional)]
    extra_class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let class = match extra_class {
        Some(extra) => format!("{} {extra}", appearance.class()),
        None => appearance.class().to_string(),
    };
    view! { <button class=class type=kind>{children()}</button> }
}

/// A link that looks like a button: a step to another page that is the point of the page
/// (log in, add a vacancy).
#[component]
pub fn ButtonLink(
    #[prop(into)] href: String,
    /// `external` for a link the router must not take over (a full page load after log-in).
    #[prop(optional)]
    rel: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href=href rel=rel>
            {children()}
        </a>
    }
}

/// Buttons that belong together (accept and decline), side by side with the Utrecht spacing.
#[component]
pub fn ButtonGroup(children: Children) -> impl IntoView {
    view! { <div class="utrecht-button-group">{children()}</div> }
}
