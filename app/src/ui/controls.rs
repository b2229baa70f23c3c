//! The form controls, one component per kind, each with its NL Design System (Utrecht) class.
//! A control is drawn inside a [`FormField`](super::field::FormField), from which it takes its id,
//! `required`, `aria-invalid` and `aria-describedby`; what only the page knows (a name for a
//! plain form, a value, an event handler) it takes as props or as attributes spread onto it:
//! `<TextBox name="email" kind="email" />`, `<Select on:change=…>…options…</Select>`.

use super::field::FieldContext;
use leptos::attr::{Checked, Value};
use leptos::prelude::*;
use leptos::tachys::reactive_graph::bind::BindAttribute;

/// A one-line text input (`kind`: text, email, tel, date, number, search, password, …).
#[component]
pub fn TextBox(
    #[prop(optional)] name: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] autocomplete: MaybeProp<&'static str>,
    /// The value it starts with (a plain form that corrects stored data).
    #[prop(optional, into)]
    value: MaybeProp<String>,
    /// Two-way binding to a signal (a form the page sends itself).
    #[prop(optional)]
    bind: Option<RwSignal<String>>,
) -> impl IntoView {
    let f = FieldContext::current();
    let (invalid, described_by) = (f.invalid(), f.described_by());
    let input = view! {
        <input class="utrecht-textbox utrecht-textbox--html-input" id=f.id name=name type=kind
            required=f.required autocomplete=autocomplete.get_untracked() value=value.get_untracked()
            aria-invalid=invalid aria-describedby=described_by />
    };
    match bind {
        Some(signal) => input.bind(Value, signal).into_any(),
        None => input.into_any(),
    }
}

/// A text area of `rows` lines.
#[component]
pub fn TextArea(
    #[prop(optional)] name: Option<&'static str>,
    #[prop(default = 4)] rows: u8,
    /// The text it starts with.
    #[prop(optional, into)]
    value: MaybeProp<String>,
    #[prop(optional)] bind: Option<RwSignal<String>>,
) -> impl IntoView {
    let f = FieldContext::current();
    let (invalid, described_by) = (f.invalid(), f.described_by());
    let area = view! {
        <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=f.id name=name
            rows=rows.to_string() required=f.required
            aria-invalid=invalid aria-describedby=described_by>{value.get_untracked()}</textarea>
    };
    match bind {
        Some(signal) => area.bind(Value, signal).into_any(),
        None => area.into_any(),
    }
}

/// A select; its options are its children.
#[component]
pub fn Select(#[prop(optional)] name: Option<&'static str>, children: Children) -> impl IntoView {
    let f = FieldContext::current();
    let (invalid, described_by) = (f.invalid(), f.described_by());
    view! {
        <select class="utrecht-select utrecht-select--html-select" id=f.id name=name required=f.required
            aria-invalid=invalid aria-describedby=described_by>
            {children()}
        </select>
    }
}

/// A checkbox (in a [`FormField`](super::field::FormField) with `control=Control::Checkbox`).
#[component]
pub fn Checkbox(
    #[prop(optional)] name: Option<&'static str>,
    #[prop(optional)] value: Option<&'static str>,
    /// Whether it starts ticked (a plain form).
    #[prop(optional)]
    checked: bool,
    #[prop(optional)] bind: Option<RwSignal<bool>>,
) -> impl IntoView {
    let f = FieldContext::current();
    let (invalid, described_by) = (f.invalid(), f.described_by());
    let input = view! {
        <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=f.id name=name
            value=value checked=checked aria-invalid=invalid aria-describedby=described_by />
    };
    match bind {
        Some(signal) => input.bind(Checked, signal).into_any(),
        None => input.into_any(),
    }
}

/// A radio button (in a [`FormField`](super::field::FormField) with `control=Control::Radio`, inside a
/// [`Fieldset`](super::field::Fieldset) that names the choice).
#[component]
pub fn Radio(
    name: &'static str,
    value: &'static str,
    #[prop(optional)] checked: bool,
    /// Whether the group must be answered (set on one of its buttons, as HTML wants).
    #[prop(optional)]
    required: bool,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let f = FieldContext::current();
    view! {
        <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id=f.id
            name=name value=value checked=checked required=required disabled=disabled />
    }
}

/// A file upload; `accept` names the media types the server takes.
#[component]
pub fn FileInput(accept: &'static str) -> impl IntoView {
    let f = FieldContext::current();
    let (invalid, described_by) = (f.invalid(), f.described_by());
    view! {
        <input class="hw-file-input" type="file" id=f.id accept=accept
            aria-invalid=invalid aria-describedby=described_by />
    }
}

/// A value a plain form sends without showing it (the id of the row a button acts on); the
/// value may be a closure (a token read from the address).
#[component]
pub fn Hidden(
    name: &'static str,
    value: impl leptos::attr::AttributeValue + 'static,
) -> impl IntoView {
    view! { <input type="hidden" name=name value=value /> }
}

/// A spam trap: a text field people neither see nor reach by keyboard, which only robots fill
/// in (the server refuses a form that has it filled). Not a [`FormField`](super::field::FormField):
/// it must not be announced.
#[component]
pub fn Honeypot(id: &'static str, name: &'static str) -> impl IntoView {
    view! {
        <div class="hw-honeypot" aria-hidden="true">
            <label for=id>"Laat dit veld leeg"</label>
            <input id=id name=name type="text" tabindex="-1" autocomplete="off" />
        </div>
    }
}
