//! Pages and server functions of `privacy_desk`; the rules and queries are in `service::staff::privacy_desk`.

use kernel::domain::{RequestKind, RequestStatus};
use kernel::error::AppError;
use kernel::views::privacy_desk::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

#[server(prefix = "/api", endpoint = "privacy-desk/queue")]
pub async fn privacy_queue(page: Option<u32>) -> Result<Queue, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::privacy_desk::queue(cx.db(), &me, page.unwrap_or(0)).await
}

/// Decides a request; `erase` is "now" or "retention" (for granted erasure requests).
#[server(prefix = "/api", endpoint = "privacy-desk/decide")]
pub async fn decide_privacy_request(
    id: i32,
    decision: String,
    reason: String,
    erase: Option<String>,
) -> Result<RequestStatus, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    let grant = match decision.as_str() {
        "grant" => true,
        "reject" => false,
        _ => return Err(AppError::invalid("decision", "Kies toekennen of afwijzen.")),
    };
    let mode = match erase.as_deref() {
        Some("retention") => service::staff::privacy_desk::EraseMode::AfterRetention,
        _ => service::staff::privacy_desk::EraseMode::Now,
    };
    service::staff::privacy_desk::decide(
        cx.db(),
        cx.state.media.as_ref(),
        &me,
        id,
        grant,
        &reason,
        mode,
    )
    .await
}

#[server(prefix = "/api", endpoint = "privacy-desk/retention")]
pub async fn set_retention(months: i32) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::privacy_desk::set_retention(cx.db(), &me, months).await
}

/// The "Besluit" radio pair of a decision form on a privacy request (field `decision`: grant or
/// reject); `id` makes the inputs' ids unique on the page.
#[component]
pub fn GrantOrReject(id: String) -> impl IntoView {
    view! {
        <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">"Besluit"</legend>
            <div class="utrecht-form-field utrecht-form-field--radio">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="decision" value="grant" id=format!("grant-{id}") required />
                <label class="utrecht-form-label utrecht-form-label--radio" for=format!("grant-{id}")>"Toekennen"</label>
            </div>
            <div class="utrecht-form-field utrecht-form-field--radio">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="decision" value="reject" id=format!("reject-{id}") />
                <label class="utrecht-form-label utrecht-form-label--radio" for=format!("reject-{id}")>"Afwijzen"</label>
            </div>
        </fieldset>
    }
}

#[component]
pub fn PrivacyDeskPage() -> impl IntoView {
    let decide = ServerAction::<DecidePrivacyRequest>::new();
    let retention = ServerAction::<SetRetention>::new();
    let page = crate::ui::paging::use_page();
    let queue = Resource::new(
        move || {
            (
                decide.version().get(),
                retention.version().get(),
                page.get(),
            )
        },
        |(_, _, page)| privacy_queue(Some(page)),
    );
    let failure = move || {
        [
            decide.value().get().and_then(|r| r.err()),
            retention.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.to_string())
    };
    view! {
        <h1 class="utrecht-heading-1">"Privacyverzoeken"</h1>
        <p class="utrecht-paragraph">"Verzoeken van werkzoekenden van jouw gemeente. De wettelijke termijn is een maand na ontvangst."</p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/privacyverklaring-beheren">"De privacyverklaring van de gemeente publiceren"</a></p>
        {move || failure().map(|e| view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div> })}
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(q) => {
                        let retention_months = q.retention_months;
                        let (prev, next) = crate::ui::paging::page_links("/privacyverzoeken", q.page, q.pages);
                        let (page, pages) = (q.page, q.pages);
                        view! {
                            <section class="hw-section" aria-labelledby="retention-heading">
                                <h2 class="utrecht-heading-2" id="retention-heading">"Bewaartermijn"</h2>
                                <p class="utrecht-paragraph">{if retention_months == 0 {
                                    "Gesloten profielen worden direct verwijderd.".to_string()
                                } else {
                                    format!("Gesloten profielen worden verborgen en na {retention_months} maanden verwijderd.")
                                }}</p>
                                <ActionForm action=retention attr:class="hw-form hw-form--inline">
                                    <div class="utrecht-form-field">
                                        <label class="utrecht-form-label" for="retention-months">"Bewaartermijn na sluiten (maanden)"</label>
                                        <input class="utrecht-textbox utrecht-textbox--html-input" id="retention-months" name="months" type="number" min="0" max=MAX_RETENTION_MONTHS.to_string() value=retention_months.to_string() />
                                    </div>
                                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Bewaartermijn opslaan"</button>
                                </ActionForm>
                            </section>
                            <section class="hw-section" aria-labelledby="queue-heading">
                                <h2 class="utrecht-heading-2" id="queue-heading">"Verzoeken"</h2>
                                <p class="utrecht-paragraph" role="status">{format!("{} verzoeken, open verzoeken eerst", q.total)}</p>
                                {if q.requests.is_empty() {
                                    view! { <p class="utrecht-paragraph">"Er zijn geen verzoeken. Verzoeken van werkzoekenden van je gemeente komen hier binnen, met hun wettelijke termijn."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="hw-cards hw-cards--wide" data-testid="privacy-queue">
                                            {q.requests.into_iter().map(|r| {
                                                let open = r.status == RequestStatus::Open;
                                                let what = match r.field {
                                                    Some(f) => format!("{}: {}", r.kind.label(), f.label()),
                                                    None => r.kind.label().to_string(),
                                                };
                                                let id = r.id;
                                                let erasure = r.kind == RequestKind::Erasure;
                                                view! {
                                                    <li class="hw-card" class:hw-card--overdue=r.overdue>
                                                        <h3 class="utrecht-heading-3">{what}</h3>
                                                        <p class="utrecht-paragraph">
                                                            <a class="utrecht-link" href=format!("/werkzoekenden/{}", r.job_seeker_id)>{r.job_seeker.clone()}</a>
                                                            {format!(" ({}) · ontvangen {} · uiterlijk {} · {}", r.client_number, r.created_at.format("%d-%m-%Y"), r.due_at.format("%d-%m-%Y"), r.status.label())}
                                                        </p>
                                                        {r.overdue.then(|| view! { <p class="utrecht-paragraph hw-overdue"><strong>"Te laat: de wettelijke termijn is verstreken."</strong></p> })}
                                                        {(!r.details.is_empty()).then(|| view! { <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{r.details.clone()}</p></blockquote> })}
                                                        {r.decision_reason.clone().map(|reason| view! { <p class="utrecht-paragraph">"Besluit: " {reason}</p> })}
                                                        {open.then(|| view! {
                                                            <ActionForm action=decide attr:class="hw-form">
                                                                <input type="hidden" name="id" value=id.to_string() />
                                                                <GrantOrReject id=format!("{id}") />
                                                                {erasure.then(|| view! {
                                                                    <fieldset class="utrecht-form-fieldset">
                                                                        <legend class="utrecht-form-fieldset__legend">"Bij toekennen van verwijdering"</legend>
                                                                        <div class="utrecht-form-field utrecht-form-field--radio">
                                                                            <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="erase" value="now" id=format!("now-{id}") checked />
                                                                            <label class="utrecht-form-label utrecht-form-label--radio" for=format!("now-{id}")>"Direct verwijderen (profiel, foto/video, account, uitnodigingen)"</label>
                                                                        </div>
                                                                        <div class="utrecht-form-field utrecht-form-field--radio">
                                                                            <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="erase" value="retention" id=format!("retention-{id}") disabled=retention_months == 0 />
                                                                            <label class="utrecht-form-label utrecht-form-label--radio" for=format!("retention-{id}")>{format!("Verbergen en verwijderen na de bewaartermijn ({retention_months} maanden)")}</label>
                                                                        </div>
                                                                    </fieldset>
                                                                })}
                                                                <div class="utrecht-form-field utrecht-form-field--textarea">
                                                                    <label class="utrecht-form-label" for=format!("reason-{id}")>"Toelichting voor de werkzoekende"</label>
                                                                    <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=format!("reason-{id}") name="reason" rows="2" required></textarea>
                                                                </div>
                                                                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Besluit vastleggen"</button>
                                                            </ActionForm>
                                                        })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <crate::ui::paging::Pager page pages prev next />
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
        <crate::staff::region_requests::RegionRequests />
    }
}
