//! Pages and server functions of `profile`; the rules and queries are in `service::profile`.

use crate::error::AppError;
use crate::policy::Field;
pub use kernel::views::profile::*;
use leptos::prelude::*;

/// The signed-in job seeker's own profile: every field of SPEC §3.
#[server(prefix = "/api", endpoint = "profile/mine")]
pub async fn my_profile() -> Result<ProfileView, AppError> {
    use crate::domain::Role;
    let (cx, me) = crate::state::caller(&[Role::JobSeeker]).await?;
    service::profile::read_own(cx.db(), &me).await
}

/// Changes fields of a profile: the job seeker their own, staff those of their gemeente; each
/// field only if the policy lets the caller write it.
#[server(prefix = "/api", endpoint = "profile/update", input = leptos::server_fn::codec::Json)]
pub async fn update_profile(id: i32, changes: Vec<FieldChange>) -> Result<ProfileView, AppError> {
    use crate::domain::Role;
    let (cx, me) = crate::state::caller(&[Role::JobSeeker, Role::Staff]).await?;
    service::profile::update(cx.db(), &me, id, changes, &cx.state.public_url).await
}

/// A labelled row of a profile: the value, "niet ingevuld", or nothing if not visible.
#[component]
pub fn FieldRow(view: ProfileView, field: Field, value: Option<String>) -> impl IntoView {
    view.sees(field).then(|| {
        view! {
            <div class="utrecht-data-list__item">
                <dt class="utrecht-data-list__item-key">{field.label()}</dt>
                <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
                    {value.unwrap_or_else(|| "niet ingevuld".into())}
                </dd>
            </div>
        }
    })
}

fn yes_no(v: Option<bool>) -> Option<String> {
    v.map(|b| if b { "Ja" } else { "Nee" }.to_string())
}

/// All visible fields of a profile as a data list (used by every audience's detail page).
#[component]
pub fn ProfileFields(view: ProfileView) -> impl IntoView {
    use crate::domain::Dimension;
    let v = view.clone();
    let occupations = v
        .preferred_occupations
        .clone()
        .filter(|o| !o.is_empty())
        .map(|o| {
            o.iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        });
    let wc = v.work_capacity.map(|wc| {
        let mut parts: Vec<String> = Dimension::ALL
            .iter()
            .filter_map(|d| {
                wc.level(*d)
                    .map(|l| format!("{}: {}", d.label(), d.level_label(l)))
            })
            .collect();
        if let Some(h) = wc.hours_per_day {
            parts.push(format!("{h} uur per dag"));
        }
        parts.join("; ")
    });
    let consent = v.work_capacity_consent.map(|c| {
        if c {
            "Ja, zichtbaar voor werkgevers"
        } else {
            "Nee, niet zichtbaar voor werkgevers"
        }
        .to_string()
    });
    let rows: Vec<(Field, Option<String>)> = vec![
        (Field::ClientNumber, v.client_number.clone()),
        (Field::FirstName, v.first_name.clone()),
        (Field::LastName, v.last_name.clone()),
        (Field::Email, v.email.clone()),
        (Field::Gender, v.gender.map(|g| g.label().to_string())),
        (
            Field::BirthDate,
            v.birth_date.map(|d| d.format("%d-%m-%Y").to_string()),
        ),
        (Field::PostalCode, v.postal_code.clone()),
        (Field::Phone, v.phone.clone()),
        (Field::Municipality, v.municipality.clone()),
        (Field::TargetBanenafspraak, yes_no(v.target_banenafspraak)),
        (Field::TargetPraktijkroute, yes_no(v.target_praktijkroute)),
        (Field::TargetBbl, yes_no(v.target_bbl)),
        (Field::TargetOndernemer, yes_no(v.target_ondernemer)),
        (Field::Interests, v.interests.clone()),
        (Field::Talents, v.talents.clone()),
        (Field::Motivation, v.motivation.clone()),
        (Field::DesiredWork, v.desired_work.clone()),
        (Field::PreferredOccupations, occupations),
        (Field::WorkCapacity, wc),
    ];
    let photo = v.photo_url.clone();
    view! {
        {photo.map(|url| view! {
            <img class="hw-photo" src=url alt=format!("Foto van {}", v.full_name()) width="160" />
        })}
        <dl class="utrecht-data-list utrecht-data-list--html-dl">
            {rows
                .into_iter()
                .map(|(field, value)| view! { <FieldRow view=view.clone() field value /> })
                .collect_view()}
            {consent.map(|c| view! {
                <div class="utrecht-data-list__item">
                    <dt class="utrecht-data-list__item-key">"Belastbaarheid delen met werkgevers"</dt>
                    <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{c}</dd>
                </div>
            })}
        </dl>
    }
}

#[component]
pub fn MyProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| my_profile());
    view! {
        <h1 class="utrecht-heading-1">"Mijn profiel"</h1>
        <p class="utrecht-paragraph">
            "Dit zijn alle gegevens die jouw gemeente in HalloWerk over jou bewaart. "
            "Werkgevers zien alleen je naam, contactgegevens, gemeente, doelgroepen, interesses, "
            "voorkeuren en foto of video; je belastbaarheid alleen als je daar toestemming voor geeft."
        </p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(view) => {
                        let state = view.state.map(|s| s.label()).unwrap_or_default();
                        view! {
                            <p class="utrecht-paragraph">
                                "Status van je profiel: " <strong>{state}</strong>
                                " · " <a class="utrecht-link" href="/mijn-gegevens">"Pauzeren, downloaden of een verzoek indienen"</a>
                            </p>
                            <crate::profile_edit::ProfileEditor initial=view />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The job seeker's consent to show work capacity to employers (Art. 9 AVG): only they can
/// give or withdraw it, and withdrawal takes effect at once.
#[server(prefix = "/api", endpoint = "profile/consent")]
pub async fn set_work_capacity_consent(consent: bool) -> Result<bool, AppError> {
    use crate::domain::Role;
    let (cx, me) = crate::state::caller(&[Role::JobSeeker]).await?;
    service::profile::set_consent(cx.db(), &me, consent).await
}
