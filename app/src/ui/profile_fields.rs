//! How a profile shows: every field the viewer may see, as a data list. A widget that knows no
//! feature: an opened candidate and the job seeker's access overview pass it a view the server
//! already cut to the policy.

use kernel::policy::Field;
use kernel::views::profile::ProfileView;
use leptos::prelude::*;

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
    use kernel::domain::Dimension;
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
            v.birth_date.map(|d| crate::ui::date::day(&d)),
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
