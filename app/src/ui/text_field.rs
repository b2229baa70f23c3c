//! A labelled text input, and the messages a form's server action
//! answer carries for its fields and for the form as a whole.

use super::controls::TextBox;
use super::field::{FormField, Need};
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

/// A labelled text input with its error message (if the last submit failed on it): the
/// [`FormField`] with a [`TextBox`] that most plain forms are made of.
#[component]
pub fn TextField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = true)] required: bool,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] description: Option<&'static str>,
    /// The value the input starts with (a form that corrects stored data).
    #[prop(optional, into)]
    value: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let need = if required {
        Need::Required
    } else {
        Need::Optional
    };
    view! {
        <FormField id=id label=label need=need description=description error=error>
            <TextBox name=name kind=kind autocomplete=autocomplete value=value />
        </FormField>
    }
}
