//! The consultant's notes on a profile, as the job seeker and their gemeente read them: dated,
//! with the author, oldest first.

use kernel::views::profile::ConsultantNote;
use leptos::prelude::*;

#[component]
pub fn NoteList(notes: Vec<ConsultantNote>) -> impl IntoView {
    if notes.is_empty() {
        return view! { <p class="utrecht-paragraph">"Nog geen notities."</p> }.into_any();
    }
    view! {
        <ul class="hw-cards hw-cards--wide" data-testid="consultant-notes">
            {notes.into_iter().map(|n| view! {
                <li class="hw-card">
                    <p class="utrecht-paragraph"><strong>{format!("{} · {}", crate::ui::date::day(&n.at), n.author)}</strong></p>
                    <p class="utrecht-paragraph hw-pre">{n.text}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
