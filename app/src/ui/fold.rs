//! What folds away on a small screen.

use super::button::{Appearance, Button};
use leptos::prelude::*;

/// The button that opens and closes a fold: a part of the page (the main menu, the candidate
/// filter's criteria) that on a small screen hides behind it, so the page starts with what it is
/// for. The fold is the element with id `controls` and the class `hw-fold`, which carries
/// `hw-open` while `open`; the stylesheet hides a closed fold and shows this button only on
/// small screens (on wide ones the fold is always shown).
#[component]
pub fn FoldButton(
    open: RwSignal<bool>,
    /// The id of the fold.
    controls: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <Button appearance=Appearance::Secondary kind="button" extra_class="hw-fold-button"
            attr:aria-controls=controls attr:aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {label}
        </Button>
    }
}

/// A part of a page that starts closed behind a button-like summary (a form used now and
/// then, such as adding a job seeker), so the page starts with what it is mostly for.
#[component]
pub fn Disclosure(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <details class="hw-section">
            <summary class=Appearance::Secondary.class()>{label}</summary>
            {children()}
        </details>
    }
}
