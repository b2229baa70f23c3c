//! The count above a list: how many results a search or filter found.

use leptos::prelude::*;

/// How many rows, cards or messages a list holds, announced politely (`role="status"`) when it
/// changes, since a filter that answers while one types gives no other sign that it did.
#[component]
pub fn ResultCount(text: String, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    view! { <p class="utrecht-paragraph hw-count" role="status" data-testid=testid>{text}</p> }
}
