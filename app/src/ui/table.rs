//! Tables: the Utrecht table in a box of its own, and its parts.

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

/// A data table (Utrecht table) in its own scrolling box: `label` names the box, `caption`
/// says what the table holds. Its parts are [`Head`] with [`HeaderCell`]s, then [`Body`] with
/// [`Row`]s of [`Cell`]s (a row's first cell may be a [`RowHeader`]).
#[component]
pub fn Table(
    #[prop(into)] label: String,
    #[prop(into)] caption: String,
    /// The `data-testid` of the table (browser tests find it by this).
    #[prop(optional)]
    testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <TableBox label=label>
            <table class="utrecht-table" data-testid=testid>
                <caption class="utrecht-table__caption">{caption}</caption>
                {children()}
            </table>
        </TableBox>
    }
}

/// The header row of a [`Table`].
#[component]
pub fn Head(children: Children) -> impl IntoView {
    view! {
        <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">{children()}</tr>
        </thead>
    }
}

/// A column's heading.
#[component]
pub fn HeaderCell(children: Children) -> impl IntoView {
    view! { <th class="utrecht-table__header-cell" scope="col">{children()}</th> }
}

/// The rows of a [`Table`].
#[component]
pub fn Body(children: Children) -> impl IntoView {
    view! { <tbody class="utrecht-table__body">{children()}</tbody> }
}

/// One row of a [`Body`].
#[component]
pub fn Row(children: Children) -> impl IntoView {
    view! { <tr class="utrecht-table__row">{children()}</tr> }
}

/// The cell that names its row (the first of a row of figures).
#[component]
pub fn RowHeader(children: Children) -> impl IntoView {
    view! { <th class="utrecht-table__header-cell" scope="row">{children()}</th> }
}

/// A data cell.
#[component]
pub fn Cell(children: Children) -> impl IntoView {
    view! { <td class="utrecht-table__cell">{children()}</td> }
}
