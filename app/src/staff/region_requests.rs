//! The region's queue of AVG requests from employers' contact persons and from anyone through
//! the contact form, shown on the privacy desk below the gemeente's own; the rules are in `service::staff::region_requests`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::StatusBadge;
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Hidden, TextArea};
use crate::ui::field::{Control, FormField};
use kernel::domain::RequestStatus;
use kernel::error::AppError;
use kernel::views::my_account::request_label;
use kernel::views::privacy_desk::SubjectQueue;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

#[server(prefix = "/api", endpoint = "region-requests/queue")]
pub async fn region_requests(page: Option<u32>) -> Result<SubjectQueue, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::region_requests::queue(cx.db(), &me, page.unwrap_or(0)).await
}

#[server(prefix = "/api", endpoint = "region-requests/decide")]
pub async fn decide_region_request(
    id: i32,
    decision: String,
    reason: String,
) -> Result<RequestStatus, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    let grant = match decision.as_str() {
        "grant" => true,
        "reject" => false,
        _ => return Err(AppError::invalid("decision", "Kies toekennen of afwijzen.")),
    };
    service::staff::region_requests::decide(cx.db(), &me, id, grant, &reason, &cx.state.public_url)
        .await
}

/// The region's requests a page at a time (open ones first, page in `regio-pagina`), each open
/// one with its decision form.
#[component]
pub fn RegionRequests() -> impl IntoView {
    let decide = ServerAction::<DecideRegionRequest>::new();
    let desk_page = crate::ui::paging::use_page();
    let page = crate::ui::paging::use_page_named("regio-pagina");
    let queue = Resource::new(
        move || (decide.version().get(), page.get()),
        |(_, page)| region_requests(Some(page)),
    );
    view! {
        <section class="hw-section" aria-labelledby="region-queue-heading">
            <h2 class="utrecht-heading-2" id="region-queue-heading">"Verzoeken van werkgevers en via het contactformulier"</h2>
            <p class="utrecht-paragraph">"Privacyverzoeken van contactpersonen van werkgevers in de regio, en van wie via het contactformulier een verzoek deed en het met de gemailde link bevestigde (verzoeken van werkzoekenden met een account staan hierboven, bij hun gemeente). Elke medewerker van een gemeente in de regio kan ze behandelen; de termijn is een maand na bevestiging. Een toegekende verwijdering wist direct het account van een werkgever (de vacatures van de organisatie blijven, zonder naam), of anders de berichten via het contactformulier."</p>
            {move || decide.value().get().and_then(|r| r.err()).map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> })}
            <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                        Ok(q) if q.requests.is_empty() => view! { <p class="utrecht-paragraph">"Er zijn geen verzoeken van werkgevers of via het contactformulier."</p> }.into_any(),
                        Ok(q) => {
                            let href = move |p: u32| crate::ui::paging::paged_href("/privacyverzoeken", &[("pagina", desk_page.get_untracked()), ("regio-pagina", p)]);
                            let (prev, next) = crate::ui::paging::neighbours(q.page, q.pages, href);
                            let (current, pages) = (q.page, q.pages);
                            view! {
                            <crate::ui::count::ResultCount text=format!("{} verzoeken, open verzoeken eerst", q.total) />
                            <ul class="hw-cards hw-cards--wide" data-testid="region-queue">
                                {q.requests.into_iter().map(|r| {
                                    let id = r.id;
                                    let open = r.status == RequestStatus::Open;
                                    view! {
                                        <li class="hw-card" class:hw-card--overdue=r.overdue>
                                            <h3 class="utrecht-heading-3">{request_label(r.kind)}</h3>
                                            <p class="utrecht-paragraph">
                                                {format!("{} ({}, {}) · {} · ontvangen {} · uiterlijk {} ", r.name, r.organisation, r.email, r.subject.label(), crate::ui::date::day(&r.created_at), crate::ui::date::day(&r.due_at))}
                                                <StatusBadge status=r.status />
                                            </p>
                                            {r.overdue.then(|| view! { <p class="utrecht-paragraph hw-overdue"><strong>"Te laat: de wettelijke termijn is verstreken."</strong></p> })}
                                            {(!r.details.is_empty()).then(|| view! { <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{r.details.clone()}</p></blockquote> })}
                                            {r.decision_reason.clone().map(|reason| view! { <p class="utrecht-paragraph">"Besluit: " {reason}</p> })}
                                            {open.then(|| view! {
                                                <ActionForm action=decide attr:class="hw-form">
                                                    <Hidden name="id" value=id.to_string() />
                                                    <crate::staff::privacy_desk::GrantOrReject id=format!("region-{id}") />
                                                    <FormField id=format!("region-reason-{id}") label="Toelichting voor de aanvrager" control=Control::TextArea>
                                                        <TextArea name="reason" rows=2 />
                                                    </FormField>
                                                    <Button appearance=Appearance::Primary>"Besluit vastleggen"</Button>
                                                </ActionForm>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <crate::ui::paging::Pager page=current pages prev next label="Paginering verzoeken regio" />
                        }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
