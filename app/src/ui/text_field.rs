//! A labelled text input with its inline error, and the messages a form's server action
//! answer carries for its fields and for the form as a whole.

use kernel::error::AppError;
use leptos::prelude::*;

/// The message for `field` in the last answer of a form's server action, while that answer
/// refuses that field: what [`TextField`] shows under its input.
pub fn field_error<T: 'static>(
    answer: impl With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        answer.with(|a| match a {
            Some(Err(e)) => e.for_field(field),
            _ => None,
        })
    })
}

/// The message of a refusal that is not about one field (shown above the form).
pub fn general_error<T: 'static>(
    answer: impl With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        answer.with(|a| match a {
            Some(Err(e)) if !matches!(e, AppError::Invalid { .. }) => Some(e.to_string()),
            _ => None,
        })
    })
}

/// A labelled text input with its error message (if the last submit failed on it).
#[component]
pub fn TextField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = true)] required: bool,
    #[prop(default = "")] autocomplete: &'static str,
    /// The value the input starts with (a form that corrects stored data).
    #[prop(optional, into)]
    value: Option<String>,
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
                value=value
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=move || error.get().map(|_| format!("{id}-error"))
            />
        </div>
    }
}
