//! Pages and server functions of `employer_invitations`; the rules and queries are in `service::employer::invitations`.

use crate::ui::badge::StatusBadge;
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::Hidden;
use kernel::error::AppError;
use kernel::views::invitations::InvitationView;
use kernel::views::paging::Paged;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Employer;

#[server(prefix = "/api", endpoint = "invitations/send")]
pub async fn invite_candidate(
    vacancy_id: i32,
    job_seeker_id: i32,
    message: String,
) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::invitations::invite(
        cx.db(),
        &me,
        vacancy_id,
        job_seeker_id,
        &message,
        &cx.state.public_url,
    )
    .await
}

#[server(prefix = "/api", endpoint = "invitations/withdraw")]
pub async fn withdraw_invitation(id: i32) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::invitations::withdraw(cx.db(), &me, id).await
}

#[server(prefix = "/api", endpoint = "invitations/mine")]
pub async fn organisation_invitations(
    page: Option<u32>,
) -> Result<Paged<InvitationView>, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::invitations::of_organisation(cx.db(), &me, page.unwrap_or(0)).await
}

#[component]
pub fn EmployerInvitationsPage() -> impl IntoView {
    let withdraw = ServerAction::<WithdrawInvitation>::new();
    let page = crate::ui::paging::use_page();
    let list = Resource::new(
        move || (withdraw.version().get(), page.get()),
        |(_, page)| organisation_invitations(Some(page)),
    );
    view! {
        <h1 class="utrecht-heading-1">"Uitnodigingen"</h1>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(list) if list.items.is_empty() => view! { <p class="utrecht-paragraph">"Nog geen uitnodigingen of interesse. Nodig een kandidaat uit bij een van je "<a class="utrecht-link" href="/vacatures">"vacatures"</a>": open de vacature en kies uit de kandidaten die erbij passen."</p> }.into_any(),
                    Ok(list) => {
                        let (prev, next) = crate::ui::paging::page_links("/uitnodigingen", list.page, list.pages);
                        let (page, pages) = (list.page, list.pages);
                        view! {
                        <p class="utrecht-paragraph">{format!("{} uitnodigingen en blijken van interesse, de nieuwste eerst.", list.total)}</p>
                        <ul class="hw-cards hw-cards--wide" data-testid="employer-invitations">
                            {list.items.into_iter().map(|i| view! {
                                <li class="hw-card">
                                    <h2 class="utrecht-heading-3">{format!("{} — {}", i.candidate.clone().unwrap_or_default(), i.vacancy_title)}</h2>
                                    <p class="utrecht-paragraph">
                                        {if i.by_employer { "Uitgenodigd" } else { "Interesse van de kandidaat" }}
                                        {format!(" · {} ", crate::ui::date::day(&i.created_at))}
                                        <StatusBadge status=i.status />
                                        {i.outcome.map(|status| view! { " · uitkomst: " <StatusBadge status /> })}
                                    </p>
                                    {(i.by_employer && i.status == kernel::domain::InvitationStatus::Sent).then(|| view! {
                                        <ActionForm action=withdraw>
                                            <Hidden name="id" value=i.id.to_string() />
                                            <Button appearance=Appearance::Subtle>"Uitnodiging intrekken"</Button>
                                        </ActionForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                        <crate::ui::paging::Pager page pages prev next />
                    }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
