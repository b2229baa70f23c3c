//! Pages and server functions of `profile`; the rules and queries are in `service::model::profile`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::StatusBadge;
use kernel::error::AppError;
use kernel::views::profile::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::JobSeeker;

/// The signed-in job seeker's own profile: every field of SPEC §3.
#[server(prefix = "/api", endpoint = "profile/mine")]
pub async fn my_profile() -> Result<ProfileView, AppError> {
    let (cx, me) = crate::state::caller::<JobSeeker>().await?;
    service::model::profile::read_own(cx.db(), &me).await
}

#[component]
pub fn MyProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| my_profile());
    view! {
        <h1 class="utrecht-heading-1">"Mijn profiel"</h1>
        <p class="utrecht-paragraph">
            "Dit zijn alle gegevens die jouw gemeente in HalloWerk over jou bewaart. "
            "Werkgevers zien alleen je naam, contactgegevens, gemeente, doelgroepen, interesses, "
            "voorkeuren en foto of video; je belastbaarheid alleen als je daar toestemming voor geeft. "
            "In een lijst zien ze alleen je voornaam, de eerste letter van je achternaam en wat je kunt "
            "en zoekt; de rest pas als ze je profiel openen, en dat zie je terug bij wie je profiel bekeek."
        </p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(view) => {
                        let state = view.state;
                        let held_back = view.held_back.clone();
                        let notes = view.consultant_notes.clone().unwrap_or_default();
                        view! {
                            <p class="utrecht-paragraph">
                                "Status van je profiel: " {state.map(|status| view! { <StatusBadge status /> })}
                                " · " <a class="utrecht-link" href="/mijn-gegevens">"Pauzeren, downloaden of een verzoek indienen"</a>
                            </p>
                            {held_back.map(|h| view! {
                                <Alert tone=Tone::Warning attr:data-testid="held-back">
                                    <p class="utrecht-paragraph">
                                        {format!("Je consulent heeft je profiel sinds {} niet zichtbaar gemaakt voor werkgevers. Reden: ", crate::ui::date::day(&h.since))}
                                        {h.reason}
                                    </p>
                                    <p class="utrecht-paragraph">"Vragen hierover? Neem contact op met je consulent bij de gemeente."</p>
                                </Alert>
                            })}
                            <crate::model::profile_edit::ProfileEditor initial=view />
                            <section class="hw-section" aria-labelledby="notes-heading">
                                <h2 class="utrecht-heading-2" id="notes-heading">"Notities van je consulent"</h2>
                                <crate::model::consultant_notes::NoteList notes />
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
