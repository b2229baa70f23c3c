//! Pages and server functions of `privacy_desk`; the rules and queries are in `service::staff::privacy_desk`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::StatusBadge;
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Hidden, Radio, TextArea, TextBox};
use crate::ui::field::{Control, Fieldset, FormField};
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
        <Fieldset legend="Besluit" id=format!("decision-{id}")>
            <FormField id=format!("grant-{id}") label="Toekennen" control=Control::Radio>
                <Radio name="decision" value="grant" required=true />
            </FormField>
            <FormField id=format!("reject-{id}") label="Afwijzen" control=Control::Radio>
                <Radio name="decision" value="reject" />
            </FormField>
        </Fieldset>
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
        {move || failure().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
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
                                    <FormField id="retention-months" label="Bewaartermijn na sluiten (maanden)">
                                        <TextBox name="months" kind="number" value=retention_months.to_string() attr:min="0" attr:max=MAX_RETENTION_MONTHS.to_string() />
                                    </FormField>
                                    <Button appearance=Appearance::Secondary>"Bewaartermijn opslaan"</Button>
                                </ActionForm>
                            </section>
                            <section class="hw-section" aria-labelledby="queue-heading">
                                <h2 class="utrecht-heading-2" id="queue-heading">"Verzoeken"</h2>
                                <crate::ui::count::ResultCount text=format!("{} verzoeken, open verzoeken eerst", q.total) />
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
                                                            {format!(" ({}) · ontvangen {} · uiterlijk {} ", r.client_number, crate::ui::date::day(&r.created_at), crate::ui::date::day(&r.due_at))}
                                                            <StatusBadge status=r.status />
                                                        </p>
                                                        {r.overdue.then(|| view! { <p class="utrecht-paragraph hw-overdue"><strong>"Te laat: de wettelijke termijn is verstreken."</strong></p> })}
                                                        {(!r.details.is_empty()).then(|| view! { <blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">{r.details.clone()}</p></blockquote> })}
                                                        {r.decision_reason.clone().map(|reason| view! { <p class="utrecht-paragraph">"Besluit: " {reason}</p> })}
                                                        {open.then(|| view! {
                                                            <ActionForm action=decide attr:class="hw-form">
                                                                <Hidden name="id" value=id.to_string() />
                                                                <GrantOrReject id=format!("{id}") />
                                                                {erasure.then(|| view! {
                                                                    <Fieldset legend="Bij toekennen van verwijdering" id=format!("erase-{id}")>
                                                                        <FormField id=format!("now-{id}") label="Direct verwijderen (profiel, foto/video, account, uitnodigingen)" control=Control::Radio>
                                                                            <Radio name="erase" value="now" checked=true />
                                                                        </FormField>
                                                                        <FormField id=format!("retention-{id}") label=format!("Verbergen en verwijderen na de bewaartermijn ({retention_months} maanden)") control=Control::Radio>
                                                                            <Radio name="erase" value="retention" disabled=retention_months == 0 />
                                                                        </FormField>
                                                                    </Fieldset>
                                                                })}
                                                                <FormField id=format!("reason-{id}") label="Toelichting voor de werkzoekende" control=Control::TextArea>
                                                                    <TextArea name="reason" rows=2 />
                                                                </FormField>
                                                                <Button appearance=Appearance::Primary>"Besluit vastleggen"</Button>
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
