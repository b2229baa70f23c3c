//! Pages and server functions of `my_vacancies`; the rules and queries are in `service::job_seeker::my_vacancies`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::StatusBadge;
use crate::ui::button::{Appearance, Button, ButtonGroup};
use crate::ui::controls::{Hidden, TextArea};
use crate::ui::field::{Control, FormField, Need};
use kernel::domain::InvitationStatus;
use kernel::error::AppError;
use kernel::matching::ORDER_EXPLAINED;
use kernel::views::my_vacancies::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::JobSeeker;

#[server(prefix = "/api", endpoint = "my-vacancies")]
pub async fn vacancies_for_me(
    matches_page: Option<u32>,
    invitations_page: Option<u32>,
) -> Result<MyVacancies, AppError> {
    let (cx, me) = crate::state::caller::<JobSeeker>().await?;
    service::job_seeker::my_vacancies::overview(
        cx.db(),
        &me,
        matches_page.unwrap_or(0),
        invitations_page.unwrap_or(0),
    )
    .await
}

#[server(prefix = "/api", endpoint = "my-vacancies/interest")]
pub async fn show_interest(vacancy_id: i32, message: String) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<JobSeeker>().await?;
    service::job_seeker::my_vacancies::show_interest(cx.db(), &me, vacancy_id, &message).await
}

#[server(prefix = "/api", endpoint = "my-vacancies/respond")]
pub async fn respond_invitation(id: i32, accept: bool) -> Result<InvitationStatus, AppError> {
    let (cx, me) = crate::state::caller::<JobSeeker>().await?;
    service::job_seeker::my_vacancies::respond(cx.db(), &me, id, accept).await
}

#[component]
pub fn MyVacanciesPage() -> impl IntoView {
    let interest = ServerAction::<ShowInterest>::new();
    let respond = ServerAction::<RespondInvitation>::new();
    let matches_page = crate::ui::paging::use_page_named("vacatures");
    let invitations_page = crate::ui::paging::use_page_named("uitnodigingen");
    let data = Resource::new(
        move || {
            (
                interest.version().get(),
                respond.version().get(),
                matches_page.get(),
                invitations_page.get(),
            )
        },
        |(_, _, m, i)| vacancies_for_me(Some(m), Some(i)),
    );
    let action_error = move || {
        [
            interest.value().get().and_then(|r| r.err()),
            respond.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.to_string())
    };
    view! {
        <h1 class="utrecht-heading-1">"Vacatures voor mij"</h1>
        {move || action_error().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(d) => {
                        let (mp, ip) = (d.matches.page, d.invitations.page);
                        let href = |m: u32, i: u32| crate::ui::paging::paged_href("/vacatures-voor-mij", &[("vacatures", m), ("uitnodigingen", i)]);
                        let (inv_prev, inv_next) = crate::ui::paging::neighbours(ip, d.invitations.pages, |i| href(mp, i));
                        let (match_prev, match_next) = crate::ui::paging::neighbours(mp, d.matches.pages, |m| href(m, ip));
                        let (inv_pages, match_pages) = (d.invitations.pages, d.matches.pages);
                        let match_total = d.matches.total;
                        view! {
                        <section class="hw-section" aria-labelledby="invitations-heading">
                            <h2 class="utrecht-heading-2" id="invitations-heading">"Uitnodigingen en interesse"</h2>
                            {if d.invitations.items.is_empty() {
                                view! { <p class="utrecht-paragraph">"Je hebt nog geen uitnodigingen. Toon interesse in een vacature hieronder: de werkgever en je gemeente zien dat."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="hw-cards hw-cards--wide" data-testid="invitations">
                                        {d.invitations.items.into_iter().map(|i| {
                                            let open = i.by_employer && i.status == InvitationStatus::Sent;
                                            let (id, id2) = (i.id.to_string(), i.id.to_string());
                                            view! {
                                                <li class="hw-card">
                                                    <h3 class="utrecht-heading-3">{format!("{} — {}", i.vacancy_title, i.employer)}</h3>
                                                    <p class="utrecht-paragraph">
                                                        {if i.by_employer { "Uitnodiging van de werkgever" } else { "Jij hebt interesse getoond" }}
                                                        {format!(" · {} ", crate::ui::date::day(&i.created_at))}
                                                        <StatusBadge status=i.status />
                                                        {i.outcome.map(|status| view! { " · uitkomst: " <StatusBadge status /> })}
                                                    </p>
                                                    {(!i.message.is_empty()).then(|| view! { <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{i.message.clone()}</p></blockquote> })}
                                                    {open.then(|| view! {
                                                        <ButtonGroup>
                                                            <ActionForm action=respond>
                                                                <Hidden name="id" value=id />
                                                                <Hidden name="accept" value="true" />
                                                                <Button appearance=Appearance::Primary>"Accepteren"</Button>
                                                            </ActionForm>
                                                            <ActionForm action=respond>
                                                                <Hidden name="id" value=id2 />
                                                                <Hidden name="accept" value="false" />
                                                                <Button appearance=Appearance::Secondary>"Afwijzen"</Button>
                                                            </ActionForm>
                                                        </ButtonGroup>
                                                    })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <crate::ui::paging::Pager page=ip pages=inv_pages prev=inv_prev next=inv_next label="Paginering uitnodigingen" />
                        </section>
                        <section class="hw-section" aria-labelledby="matches-heading">
                            <h2 class="utrecht-heading-2" id="matches-heading">"Vacatures die bij je passen"</h2>
                            <p class="utrecht-paragraph">{ORDER_EXPLAINED}</p>
                            {(match_total > 0).then(|| view! { <p class="utrecht-paragraph">{format!("{match_total} vacatures passen bij je voorkeuren.")}</p> })}
                            {if d.matches.items.is_empty() {
                                view! { <p class="utrecht-paragraph">"Er zijn nu geen open vacatures in je regio die bij je voorkeuren passen. Vul je voorkeursberoepen en het soort werk dat je zoekt aan in je profiel."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="hw-cards hw-cards--wide" data-testid="vacancy-matches">
                                        {d.matches.items.into_iter().map(|m| {
                                            let label_id = format!("interest-{}", m.id);
                                            view! {
                                                <li class="hw-card">
                                                    <h3 class="utrecht-heading-3">{m.title.clone()}</h3>
                                                    <p class="utrecht-paragraph">{format!("{} · {} · {} uur per week", m.employer, m.municipality, m.hours_per_week)}</p>
                                                    <p class="utrecht-paragraph">{m.description.clone()}</p>
                                                    <ul class="utrecht-unordered-list">
                                                        {m.criteria.iter().map(|c| view! {
                                                            <li class="utrecht-unordered-list__item">{if c.met { "✔ " } else { "✘ " }}{c.text.clone()}</li>
                                                        }).collect_view()}
                                                    </ul>
                                                    {match m.contact {
                                                        Some(status) => view! { <p class="utrecht-paragraph">"Contact: " <StatusBadge status /></p> }.into_any(),
                                                        None => view! {
                                                            <ActionForm action=interest attr:class="hw-form">
                                                                <Hidden name="vacancy_id" value=m.id.to_string() />
                                                                <FormField id=label_id.clone() label="Bericht aan de werkgever" control=Control::TextArea need=Need::Optional>
                                                                    <TextArea name="message" rows=2 />
                                                                </FormField>
                                                                <Button appearance=Appearance::Primary>"Ik heb interesse"</Button>
                                                            </ActionForm>
                                                        }.into_any(),
                                                    }}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <crate::ui::paging::Pager page=mp pages=match_pages prev=match_prev next=match_next label="Paginering vacatures" />
                        </section>
                    }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
