//! The form field: every input, text area, select, checkbox, radio button and file upload of
//! the app sits in one [`FormField`] (or, as a group, in one [`Fieldset`]), which draws the label
//! above it, the description, the inline error and the marker of an optional field the same
//! way everywhere (NL Design System form field). The controls themselves are in
//! [`super::controls`]; they take their id, `required` and ARIA wiring from the field around
//! them, so a label always points at its control and an error is always announced with it.

use leptos::prelude::*;

/// What kind of control a field holds: it decides the field's class and whether the label
/// comes before the control (text, text area, select, file) or after it (checkbox, radio).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Control {
    #[default]
    Text,
    TextArea,
    Select,
    File,
    Checkbox,
    Radio,
}

impl Control {
    fn modifier(self) -> &'static str {
        match self {
            Control::Text => "utrecht-form-field--text",
            Control::TextArea => "utrecht-form-field--textarea",
            Control::Select => "utrecht-form-field--select",
            Control::File => "utrecht-form-field--file",
            Control::Checkbox => "utrecht-form-field--checkbox",
            Control::Radio => "utrecht-form-field--radio",
        }
    }

    /// A checkbox or radio button is one choice: its label follows it and is never marked
    /// optional (the group it belongs to is).
    fn is_choice(self) -> bool {
        matches!(self, Control::Checkbox | Control::Radio)
    }
}

/// Whether a field must be filled in. NL Design System marks the exception: an optional
/// field says "(optioneel)" in its label, a required one carries the `required` attribute
/// (announced by screen readers, checked by the browser before a plain form is sent).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Need {
    #[default]
    Required,
    Optional,
    /// May stay empty without saying so: a search or filter criterion (every criterion may),
    /// or a select whose first option says "Niet ingevuld".
    Unmarked,
}

/// What a field tells the control inside it.
#[derive(Clone)]
pub struct FieldContext {
    pub id: String,
    pub required: bool,
    description: bool,
    error: MaybeProp<String>,
}

impl FieldContext {
    /// The field around the control being drawn. A control outside a field is a programming
    /// error (it would have no label), so this panics on the first render that tries.
    pub fn current() -> Self {
        use_context::<Self>().expect("a form control is drawn inside a ui::field::FormField")
    }

    /// `aria-invalid` while the field's last answer refuses it.
    pub fn invalid(&self) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
        let error = self.error;
        move || error.with(|e| e.is_some().then_some("true"))
    }

    /// `aria-describedby`: the description and, while there is one, the error.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (id, description, error) = (self.id.clone(), self.description, self.error);
        move || {
            let ids: Vec<String> = [
                description.then(|| format!("{id}-description")),
                error.with(|e| e.is_some()).then(|| format!("{id}-error")),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// One labelled control with its description and inline error. The error is an alert: forms
/// here are answered without a new page, so a screen reader would not notice it otherwise.
#[component]
pub fn FormField(
    /// The control's id (the label's `for`).
    #[prop(into)]
    id: String,
    /// The label; a signal where it changes ("Foto uploaden", then "Foto vervangen").
    #[prop(into)]
    label: Signal<String>,
    #[prop(optional)] control: Control,
    #[prop(optional)] need: Need,
    /// A line under the label that helps fill the field in.
    #[prop(optional, into)]
    description: MaybeProp<&'static str>,
    /// The message while the last answer refuses this field.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    children: Children,
) -> impl IntoView {
    let context = FieldContext {
        id: id.clone(),
        required: need == Need::Required && !control.is_choice(),
        description: description.get_untracked().is_some(),
        error,
    };
    provide_context(context);
    let marker = (need == Need::Optional && !control.is_choice()).then_some(" (optioneel)");
    let label_class = match control {
        Control::Checkbox => "utrecht-form-label utrecht-form-label--checkbox",
        Control::Radio => "utrecht-form-label utrecht-form-label--radio",
        _ => "utrecht-form-label",
    };
    // One text node: the label's text and its marker together.
    let text = move || format!("{}{}", label.get(), marker.unwrap_or_default());
    let label = view! { <label class=label_class for=id.clone()>{text}</label> };
    let description = description.get_untracked().map(|d| {
        view! { <div class="utrecht-form-field-description" id=format!("{id}-description")>{d}</div> }
    });
    let error_id = format!("{id}-error");
    let error_view = move || {
        error.get().map(|e| view! { <p class="utrecht-form-field-error-message" id=error_id.clone() role="alert">{e}</p> })
    };
    let class = format!("utrecht-form-field {}", control.modifier());
    if control.is_choice() {
        view! {
            <div class=class class:utrecht-form-field--invalid=move || error.with(|e| e.is_some())>
                {children()}
                {label}
                {description}
                {error_view}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class=class class:utrecht-form-field--invalid=move || error.with(|e| e.is_some())>
                {label}
                {description}
                {error_view}
                {children()}
            </div>
        }
        .into_any()
    }
}

/// A group of fields under one legend: the choices of a checkbox group or radio group, or
/// fields that belong together (the physical demands of a vacancy).
#[component]
pub fn Fieldset(
    #[prop(into)] legend: String,
    #[prop(optional)] need: Need,
    #[prop(optional, into)] description: MaybeProp<&'static str>,
    #[prop(optional, into)] error: MaybeProp<String>,
    /// The group's id; its description and error take their ids from it.
    #[prop(into)]
    id: String,
    children: Children,
) -> impl IntoView {
    // One text node, as in a field's label: a legend without a marker once drew as two.
    let legend = match need {
        Need::Optional => format!("{legend} (optioneel)"),
        _ => legend,
    };
    let description_id = format!("{id}-description");
    let error_id = format!("{id}-error");
    let has_description = description.get_untracked().is_some();
    let described_by = {
        let (description_id, error_id) = (description_id.clone(), error_id.clone());
        move || {
            let ids: Vec<String> = [
                has_description.then(|| description_id.clone()),
                error.with(|e| e.is_some()).then(|| error_id.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let description_view = description.get_untracked().map(|d| {
        view! { <div class="utrecht-form-field-description" id=description_id>{d}</div> }
    });
    view! {
        <fieldset class="utrecht-form-fieldset" class:utrecht-form-fieldset--invalid=move || error.with(|e| e.is_some())
            aria-describedby=described_by>
            <legend class="utrecht-form-fieldset__legend">{legend}</legend>
            {description_view}
            {move || error.get().map(|e| view! { <p class="utrecht-form-field-error-message" id=error_id.clone() role="alert">{e}</p> })}
            {children()}
        </fieldset>
    }
}
