//! "Mijn profiel" editing for the job seeker: every field they may write (the policy's write
//! list), with Dutch messages next to the field; fields only the gemeente writes are shown
//! read-only with a rectification request; occupations are picked from the taxonomy while typing;
//! work capacity has its consent switch; photo and video have their upload controls.

use crate::model::media::MediaUpload;
use crate::model::privacy::SubmitPrivacyRequest;
use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Checkbox, Hidden, Select, TextArea, TextBox};
use crate::ui::field::{Control, Fieldset, FormField, Need};
use kernel::domain::{Dimension, Gender, HOURS_PER_DAY, MAX_LEVEL, Occupation};
use kernel::error::AppError;
use kernel::policy::{Audience, Field, writable};
use kernel::views::media::MediaKind;
use kernel::views::profile::{FieldChange, ProfileView};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::JobSeeker;

/// Changes fields of a profile: the job seeker their own, staff those of their gemeente; each
/// field only if the policy lets the caller write it.
#[server(prefix = "/api", endpoint = "profile/update", input = leptos::server_fn::codec::Json)]
pub async fn update_profile(id: i32, changes: Vec<FieldChange>) -> Result<ProfileView, AppError> {
    use kernel::domain::Role;
    let (cx, me) = crate::state::caller_any(&[Role::JobSeeker, Role::Staff]).await?;
    service::model::profile::update(cx.db(), &me, id, changes, &cx.state.public_url).await
}

/// The job seeker's consent to show work capacity to employers (Art. 9 AVG): only they can
/// give or withdraw it, and withdrawal takes effect at once.
#[server(prefix = "/api", endpoint = "profile/consent")]
pub async fn set_work_capacity_consent(consent: bool) -> Result<bool, AppError> {
    let (cx, me) = crate::state::caller::<JobSeeker>().await?;
    service::model::profile::set_consent(cx.db(), &me, consent).await
}

/// The fields of the "Persoonlijke gegevens" form, for the sentence on who sees them.
const PERSONAL_FIELDS: [Field; 7] = [
    Field::FirstName,
    Field::LastName,
    Field::Email,
    Field::Gender,
    Field::BirthDate,
    Field::PostalCode,
    Field::Phone,
];

/// Whether the stored address is the one asked for (addresses are compared as the server
/// stores them: trimmed, lower case).
fn same_email(stored: Option<&str>, asked: &str) -> bool {
    stored.unwrap_or_default() == asked.trim().to_lowercase()
}

fn opt(s: String) -> Option<String> {
    let t = s.trim().to_string();
    (!t.is_empty()).then_some(t)
}

/// A text field of the profile, bound to its signal.
#[component]
fn Input(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hint: Option<&'static str>,
    #[prop(optional)] need: Need,
) -> impl IntoView {
    view! {
        <FormField id=id label=label need=need description=hint error=error>
            <TextBox kind=kind autocomplete=autocomplete bind=value />
        </FormField>
    }
}

/// A free-text field of the profile (interests, talents, …): optional, bound to its signal.
#[component]
fn FreeText(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <FormField id=id label=label control=Control::TextArea need=Need::Optional error=error>
            <TextArea rows=3 bind=value />
        </FormField>
    }
}

/// A read-only field the gemeente writes, with a way to ask for a change.
#[component]
fn ManagedField(field: Field, value: String) -> impl IntoView {
    let request = ServerAction::<SubmitPrivacyRequest>::new();
    let open = RwSignal::new(false);
    let details_id = format!("rectify-{}", field.code());
    view! {
        <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{field.label()}</dt>
            <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
                {value}
                " "
                <Button appearance=Appearance::Subtle kind="button"

                    attr:aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {format!("Wijzigen aanvragen ({})", field.label())}
                </Button>
                <Show when=move || open.get()>
                    {
                        let details_id = details_id.clone();
                        view! {
                            <Show
                                when=move || matches!(request.value().get(), Some(Ok(_)))
                                fallback=move || { let details_id = details_id.clone(); view! {
                                    <ActionForm action=request attr:class="hw-form">
                                        <Hidden name="kind" value="rectification" />
                                        <Hidden name="field" value=field.code() />
                                        <FormField id=details_id.clone() label="Wat klopt er niet, en wat moet het zijn?" control=Control::TextArea
                                            error=Signal::derive(move || request.value().with(|v| match v {
                                                Some(Err(e)) => Some(e.to_string()),
                                                _ => None,
                                            }))>
                                            <TextArea name="details" rows=2 />
                                        </FormField>
                                        <Button appearance=Appearance::Secondary>"Verzoek versturen"</Button>
                                    </ActionForm>
                                }}
                            >
                                <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Je verzoek is naar je gemeente gestuurd. Je ziet het terug bij Mijn gegevens en privacy."</p></Alert>
                            </Show>
                        }
                    }
                </Show>
            </dd>
        </div>
    }
}

/// The profile form for whoever may write it: the job seeker (own profile) or staff of the
/// gemeente. What each may change comes from the policy's write list.
#[component]
pub fn ProfileEditor(
    initial: ProfileView,
    #[prop(default = Audience::JobSeeker)] audience: Audience,
) -> impl IntoView {
    let id = initial.id;
    let may_write = writable(audience);
    let own = audience == Audience::JobSeeker;
    let targets = [
        RwSignal::new(initial.target_banenafspraak.unwrap_or(false)),
        RwSignal::new(initial.target_praktijkroute.unwrap_or(false)),
        RwSignal::new(initial.target_bbl.unwrap_or(false)),
        RwSignal::new(initial.target_ondernemer.unwrap_or(false)),
    ];
    let current = RwSignal::new(initial.clone());
    let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
    let client_number = text(&initial.client_number);
    let first_name = text(&initial.first_name);
    let last_name = text(&initial.last_name);
    let email = text(&initial.email);
    let gender = RwSignal::new(
        initial
            .gender
            .map(|g| g.code().to_string())
            .unwrap_or_default(),
    );
    let birth_date = RwSignal::new(
        initial
            .birth_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let postal_code = text(&initial.postal_code);
    let phone = text(&initial.phone);
    let interests = text(&initial.interests);
    let talents = text(&initial.talents);
    let motivation = text(&initial.motivation);
    let desired_work = text(&initial.desired_work);
    let occupations = RwSignal::new(initial.preferred_occupations.clone().unwrap_or_default());
    let capacity = RwSignal::new(initial.work_capacity.unwrap_or_default());
    let consent = RwSignal::new(initial.work_capacity_consent.unwrap_or(false));

    // One save action for every section; its result says which section it was for.
    let save = Action::new(
        move |(section, changes): &(&'static str, Vec<FieldChange>)| {
            let (section, changes) = (*section, changes.clone());
            async move { (section, update_profile(id, changes).await) }
        },
    );
    Effect::new(move |_| {
        if let Some((_, Ok(v))) = save.value().get() {
            // Show what the server stored (normalised postcode, phone, …).
            postal_code.set(v.postal_code.clone().unwrap_or_default());
            phone.set(v.phone.clone().unwrap_or_default());
            email.set(v.email.clone().unwrap_or_default());
            current.set(v);
        }
    });
    let error_for = move |field: &'static str| {
        Signal::derive(move || match save.value().get() {
            Some((_, Err(e))) => e.for_field(field),
            _ => None,
        })
    };
    let birth_date_error = RwSignal::new(None::<String>);
    // The address the job seeker asked for: it changes only after the link sent to it.
    let asked_email = RwSignal::new(String::new());
    let status = move |section: &'static str| {
        move || {
            match save.value().get() {
            Some((s, Ok(v))) if s == section && section == "personal" && !same_email(v.email.as_deref(), &asked_email.get()) => Some(view! {
                <Alert tone=Tone::Ok><p class="utrecht-paragraph">
                    {if own {
                        format!("Opgeslagen. We hebben een mail gestuurd naar {}: je e-mailadres verandert zodra je op de link in die mail klikt.", asked_email.get().trim())
                    } else {
                        format!("Opgeslagen. We hebben een mail gestuurd naar {}: het e-mailadres verandert zodra de werkzoekende op de link in die mail klikt.", asked_email.get().trim())
                    }}
                </p></Alert>
            }.into_any()),
            Some((s, Ok(_))) if s == section => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Opgeslagen."</p></Alert> }.into_any()),
            Some((s, Err(e))) if s == section && !matches!(e, AppError::Invalid { .. }) => {
                Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any())
            }
            Some((s, Err(_))) if s == section => {
                Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">"Niet opgeslagen: verbeter de gemarkeerde velden."</p></Alert> }.into_any())
            }
            _ => None,
        }
        }
    };

    let save_personal = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = birth_date.get_untracked();
        let parsed = match date.trim() {
            "" => Some(None),
            d => crate::ui::date::parse_input(d).map(Some),
        };
        let Some(date) = parsed else {
            birth_date_error.set(Some(
                "Vul een geldige datum in, bijvoorbeeld 15-03-1990.".into(),
            ));
            return;
        };
        birth_date_error.set(None);
        asked_email.set(email.get_untracked());
        save.dispatch((
            "personal",
            vec![
                FieldChange::FirstName(first_name.get_untracked()),
                FieldChange::LastName(last_name.get_untracked()),
                FieldChange::Email(email.get_untracked()),
                FieldChange::Gender(Gender::from_code(&gender.get_untracked())),
                FieldChange::BirthDate(date),
                FieldChange::PostalCode(opt(postal_code.get_untracked())),
                FieldChange::Phone(opt(phone.get_untracked())),
            ],
        ));
    };
    let save_managed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let [b, p, bbl, o] = targets.map(|t| t.get_untracked());
        save.dispatch((
            "managed",
            vec![
                FieldChange::ClientNumber(client_number.get_untracked()),
                FieldChange::TargetBanenafspraak(b),
                FieldChange::TargetPraktijkroute(p),
                FieldChange::TargetBbl(bbl),
                FieldChange::TargetOndernemer(o),
            ],
        ));
    };
    let save_about = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((
            "about",
            vec![
                FieldChange::Interests(opt(interests.get_untracked())),
                FieldChange::Talents(opt(talents.get_untracked())),
                FieldChange::Motivation(opt(motivation.get_untracked())),
                FieldChange::DesiredWork(opt(desired_work.get_untracked())),
            ],
        ));
    };
    let save_occupations = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids = occupations.get_untracked().iter().map(|o| o.id).collect();
        save.dispatch(("occupations", vec![FieldChange::PreferredOccupations(ids)]));
    };
    let save_capacity = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((
            "capacity",
            vec![FieldChange::WorkCapacity(capacity.get_untracked())],
        ));
    };
    let consent_action = Action::new(move |c: &bool| {
        let c = *c;
        async move { set_work_capacity_consent(c).await }
    });

    // Search-as-you-type over the occupation taxonomy.
    let query = RwSignal::new(String::new());
    let suggestions = Resource::new(
        move || query.get(),
        |q| async move {
            if q.trim().chars().count() < 2 {
                Ok(vec![])
            } else {
                crate::model::occupations::search_occupations(q).await
            }
        },
    );

    let missing = move || kernel::views::profile::missing_fields(&current.get());
    let gemeente_fields = {
        let v = initial.clone();
        let yes_no = |b: Option<bool>| if b.unwrap_or(false) { "Ja" } else { "Nee" }.to_string();
        vec![
            (
                Field::ClientNumber,
                v.client_number.clone().unwrap_or_default(),
            ),
            (
                Field::Municipality,
                v.municipality.clone().unwrap_or_default(),
            ),
            (Field::TargetBanenafspraak, yes_no(v.target_banenafspraak)),
            (Field::TargetPraktijkroute, yes_no(v.target_praktijkroute)),
            (Field::TargetBbl, yes_no(v.target_bbl)),
            (Field::TargetOndernemer, yes_no(v.target_ondernemer)),
        ]
    };
    let staff_manages = may_write.contains(Field::ClientNumber);

    view! {
        {move || {
            let m = missing();
            (own && !m.is_empty()).then(|| view! {
                <Alert tone=Tone::Info attr:data-testid="completeness">
                    <p class="utrecht-paragraph">"Maak je profiel compleet, zodat werkgevers een goed beeld van je krijgen. Nog niet ingevuld:"</p>
                    <ul class="utrecht-unordered-list">
                        {m.into_iter().map(|f| view! { <li class="utrecht-unordered-list__item">{f.label()}</li> }).collect_view()}
                    </ul>
                </Alert>
            })
        }}

        <section class="hw-section" aria-labelledby="personal-heading">
            <h2 class="utrecht-heading-2" id="personal-heading">"Persoonlijke gegevens"</h2>
            <p class="utrecht-paragraph">{kernel::privacy_statement::who_sees(&PERSONAL_FIELDS)}</p>
            <form class="hw-form" on:submit=save_personal novalidate>
                <crate::shell::privacy_notice::PrivacyNotice />
                <Input id="profile-first-name" label="Voornaam" value=first_name error=error_for("first_name") autocomplete="given-name" />
                <Input id="profile-last-name" label="Achternaam" value=last_name error=error_for("last_name") autocomplete="family-name" />
                <Input id="profile-email" label="E-mailadres" value=email error=error_for("email") kind="email" autocomplete="email" hint="Hiermee log je ook in." />
                <FormField id="profile-gender" label="Geslacht" control=Control::Select need=Need::Optional>
                    <Select on:change=move |ev| gender.set(event_target_value(&ev))>
                        <option value="" selected=move || gender.get().is_empty()>"Niet ingevuld"</option>
                        {Gender::ALL.iter().map(|g| view! {
                            <option value=g.code() selected=move || gender.get() == g.code()>{g.label()}</option>
                        }).collect_view()}
                    </Select>
                </FormField>
                <Input id="profile-birth-date" label="Geboortedatum" value=birth_date kind="date" autocomplete="bday" need=Need::Optional
                    error=Signal::derive(move || birth_date_error.get().or_else(|| error_for("birth_date").get())) />
                <Input id="profile-postal-code" label="Postcode" value=postal_code error=error_for("postal_code") autocomplete="postal-code" hint="Bijvoorbeeld 3011 AB." need=Need::Optional />
                <Input id="profile-phone" label="Telefoonnummer" value=phone error=error_for("phone") kind="tel" autocomplete="tel" hint="Bijvoorbeeld 06 12345678." need=Need::Optional />
                {status("personal")}
                <Button appearance=Appearance::Primary>"Persoonlijke gegevens opslaan"</Button>
            </form>
        </section>

        <section class="hw-section" aria-labelledby="managed-heading">
            <h2 class="utrecht-heading-2" id="managed-heading">"Gegevens die de gemeente beheert"</h2>
            {if staff_manages {
                view! {
                    <form class="hw-form" on:submit=save_managed novalidate>
                        <Input id="profile-client-number" label="Gemeentelijk klantnummer" value=client_number error=error_for("client_number") />
                        <Fieldset legend="Doelgroepen" id="profile-targets">
                            {[Field::TargetBanenafspraak, Field::TargetPraktijkroute, Field::TargetBbl, Field::TargetOndernemer]
                                .into_iter()
                                .zip(targets)
                                .map(|(f, signal)| {
                                    let id = format!("profile-{}", f.code());
                                    view! {
                                        <FormField id=id label=f.label() control=Control::Checkbox>
                                            <Checkbox bind=signal />
                                        </FormField>
                                    }
                                })
                                .collect_view()}
                        </Fieldset>
                        {status("managed")}
                        <Button appearance=Appearance::Primary>"Gemeentegegevens opslaan"</Button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <p class="utrecht-paragraph">"Deze gegevens kan alleen je gemeente wijzigen. Klopt er iets niet? Vraag een wijziging aan."</p>
                    <dl class="utrecht-data-list utrecht-data-list--html-dl">
                        {gemeente_fields.into_iter().map(|(field, value)| view! { <ManagedField field value /> }).collect_view()}
                    </dl>
                }.into_any()
            }}
        </section>

        <section class="hw-section" aria-labelledby="about-heading">
            <h2 class="utrecht-heading-2" id="about-heading">"Over mij"</h2>
            <Alert tone=Tone::Warning><p class="utrecht-paragraph">{kernel::validate::SPECIAL_CATEGORIES_WARNING}</p></Alert>
            <form class="hw-form" on:submit=save_about novalidate>
                <FreeText id="profile-interests" label="Interesses" value=interests error=error_for("interests") />
                <FreeText id="profile-talents" label="Talenten" value=talents error=error_for("talents") />
                <FreeText id="profile-motivation" label="Motivatie" value=motivation error=error_for("motivation") />
                <FreeText id="profile-desired-work" label="Soort werk dat je zoekt" value=desired_work error=error_for("desired_work") />
                {status("about")}
                <Button appearance=Appearance::Primary>"Over mij opslaan"</Button>
            </form>
        </section>

        <section class="hw-section" aria-labelledby="occupations-heading">
            <h2 class="utrecht-heading-2" id="occupations-heading">"Voorkeursberoepen"</h2>
            <form class="hw-form" on:submit=save_occupations>
                <ul class="utrecht-unordered-list" data-testid="chosen-occupations">
                    {move || occupations.get().into_iter().map(|o: Occupation| {
                        let oid = o.id;
                        view! {
                            <li class="utrecht-unordered-list__item">
                                {o.name.clone()}
                                " "
                                <Button appearance=Appearance::Subtle kind="button"
                                    on:click=move |_| occupations.update(|list| list.retain(|x| x.id != oid))>
                                    {format!("Verwijder {}", o.name)}
                                </Button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <FormField id="occupation-search" label="Beroep zoeken" need=Need::Unmarked error=error_for("preferred_occupations")
                    description="Typ een deel van de naam, bijvoorbeeld \"kok\" of \"magazijn\", en kies uit de lijst.">
                    <TextBox kind="search" autocomplete="off" attr:aria-controls="occupation-suggestions"
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                </FormField>
                <Transition fallback=|| ()>
                    <ul class="hw-suggestions" id="occupation-suggestions" aria-live="polite">
                        {move || Suspend::new(async move {
                            suggestions.await.unwrap_or_default().into_iter().map(|o| {
                                let label = format!("Kies {} (ISCO {})", o.name, o.isco);
                                view! {
                                    <li>
                                        <Button appearance=Appearance::Secondary kind="button"
                                            on:click=move |_| {
                                                let o = o.clone();
                                                occupations.update(|list| if !list.iter().any(|x| x.id == o.id) { list.push(o) });
                                                query.set(String::new());
                                            }>
                                            {label}
                                        </Button>
                                    </li>
                                }
                            }).collect_view()
                        })}
                    </ul>
                </Transition>
                {status("occupations")}
                <Button appearance=Appearance::Primary>"Voorkeursberoepen opslaan"</Button>
            </form>
        </section>

        <section class="hw-section" aria-labelledby="capacity-heading">
            <h2 class="utrecht-heading-2" id="capacity-heading">"Belastbaarheid"</h2>
            <p class="utrecht-paragraph">
                "Wat je lichamelijk aankunt. Dit is gezondheidsinformatie: werkgevers zien het alleen als jij dat hieronder aanzet, "
                "en je kunt dat altijd weer uitzetten. Je gemeente ziet het wel."
            </p>
            {(!own).then(|| view! {
                <p class="utrecht-paragraph">{if consent.get_untracked() { "De werkzoekende heeft toestemming gegeven om dit aan werkgevers te tonen." } else { "De werkzoekende heeft geen toestemming gegeven om dit aan werkgevers te tonen." }}</p>
            })}
            {own.then(|| view! {
                <FormField id="capacity-consent" label="Toon mijn belastbaarheid aan werkgevers" control=Control::Checkbox>
                    <Checkbox
                        prop:checked=move || consent.get()
                        on:change=move |ev| {
                            let c = event_target_checked(&ev);
                            consent.set(c);
                            consent_action.dispatch(c);
                        } />
                </FormField>
            })}
            {move || match consent_action.value().get() {
                Some(Ok(true)) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Werkgevers zien nu je belastbaarheid."</p></Alert> }.into_any()),
                Some(Ok(false)) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Werkgevers zien je belastbaarheid niet meer."</p></Alert> }.into_any()),
                Some(Err(e)) => Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any()),
                None => None,
            }}
            <form class="hw-form" on:submit=save_capacity>
                <Fieldset legend="Wat je aankunt" id="capacity-levels" need=Need::Unmarked error=error_for("work_capacity")>
                {Dimension::ALL.into_iter().map(|d| {
                    let select_id = format!("capacity-{}", d.label().to_lowercase());
                    view! {
                        <FormField id=select_id label=d.label() control=Control::Select need=Need::Unmarked>
                            <Select
                                on:change=move |ev| {
                                    let v = event_target_value(&ev).parse::<u8>().ok();
                                    capacity.update(|wc| wc.set_level(d, v));
                                }>
                                <option value="" selected=move || capacity.get().level(d).is_none()>"Niet ingevuld"</option>
                                {(0..=MAX_LEVEL).map(|l| view! {
                                    <option value=l.to_string() selected=move || capacity.get().level(d) == Some(l)>{d.level_label(l)}</option>
                                }).collect_view()}
                            </Select>
                        </FormField>
                    }
                }).collect_view()}
                <FormField id="capacity-hours" label="Uren per dag" control=Control::Select need=Need::Unmarked>
                    <Select
                        on:change=move |ev| capacity.update(|wc| wc.hours_per_day = event_target_value(&ev).parse().ok())>
                        <option value="" selected=move || capacity.get().hours_per_day.is_none()>"Niet ingevuld"</option>
                        {HOURS_PER_DAY.into_iter().map(|h| view! {
                            <option value=h.to_string() selected=move || capacity.get().hours_per_day == Some(h)>{format!("{h} uur")}</option>
                        }).collect_view()}
                    </Select>
                </FormField>
                </Fieldset>
                {status("capacity")}
                <Button appearance=Appearance::Primary>"Belastbaarheid opslaan"</Button>
            </form>
        </section>

        {may_write.contains(Field::Photo).then(|| view! {
            <section class="hw-section" aria-labelledby="media-heading">
                <h2 class="utrecht-heading-2" id="media-heading">"Foto en video"</h2>
                <p class="utrecht-paragraph">"Werkgevers in je regio zien je foto en video. Je kunt ze altijd vervangen of verwijderen."</p>
                <MediaUpload kind=MediaKind::Photo url=initial.photo_url.clone() />
                <MediaUpload kind=MediaKind::Video url=initial.video_url.clone() />
            </section>
        })}
    }
}
