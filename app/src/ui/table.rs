//! A table in a box of its own.

use leptos::prelude::*;

/// A table that scrolls sideways inside its own box when the screen is narrower than the
/// table, so the page never does (WCAG 1.4.10, reflow: at 320 CSS px a table of six columns
/// cannot fit). The box is a named region the keyboard can reach, so it can be scrolled
/// without a mouse (axe: scrollable-region-focusable).
#[component]
pub fn TableBox(
    /// What the table holds, as screen readers announce the region.
    #[prop(into)]
    label: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="hw-table-scroll" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
