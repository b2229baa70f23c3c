//! A labelled text input with its inline error.

use leptos::prelude::*;

/// A labelled text input with its error message (if the last submit failed on it).
#[component]
pub fn TextField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = true)] required: bool,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="utrecht-form-field utrecht-form-field--text" class:utrecht-form-field--invalid=move || error.get().is_some()>
            <label class="utrecht-form-label" for=id>{label}{(!required).then_some(" (optioneel)")}</label>
            {move || error.get().map(|e| view! { <p class="utrecht-form-field-error-message" id=error_id.clone()>{e}</p> })}
            <input
                class="utrecht-textbox utrecht-textbox--html-input"
                id=id
                name=name
                type=kind
                required=required
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=move || error.get().map(|_| format!("{id}-error"))
            />
        </div>
    }
}
