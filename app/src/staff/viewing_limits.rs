//! Staff's page on limits on mass viewing (`/kijklimieten`); the counting, ceilings and blocks
//! are in `service::model::viewing_limits`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Hidden, TextBox};
use crate::ui::field::FormField;
use kernel::error::AppError;
use kernel::views::viewing_limits::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

#[server(prefix = "/api", endpoint = "viewing-limits/page")]
pub async fn viewing_limits_page() -> Result<LimitsPage, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::model::viewing_limits::page(cx.db(), &me, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "viewing-limits/set")]
pub async fn set_viewing_limits(
    account_opened: u32,
    organisation_opened: u32,
    account_listed: u32,
    organisation_listed: u32,
) -> Result<LimitsSaved, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    let limits = Limits {
        account_opened,
        organisation_opened,
        account_listed,
        organisation_listed,
    };
    service::model::viewing_limits::set(cx.db(), &me, limits, chrono::Utc::now()).await
}

/// A second staff member of the region confirms higher ceilings another one proposed.
#[server(prefix = "/api", endpoint = "viewing-limits/confirm")]
pub async fn confirm_viewing_limits(proposal_id: i32) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::model::viewing_limits::confirm(cx.db(), &me, proposal_id, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "viewing-limits/lift")]
pub async fn lift_viewing_block(block_id: i32) -> Result<LiftOutcome, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::model::viewing_limits::lift(cx.db(), &me, block_id, chrono::Utc::now()).await
}

fn number_field(id: &'static str, label: &'static str, value: u32) -> impl IntoView {
    view! {
        <FormField id=id label={label}>
            <TextBox name=id kind="number" value=value.to_string() attr:min="1" attr:max=MAX_LIMIT.to_string() />
        </FormField>
    }
}

#[component]
pub fn ViewingLimitsPage() -> impl IntoView {
    let set = ServerAction::<SetViewingLimits>::new();
    let lift = ServerAction::<LiftViewingBlock>::new();
    let confirm = ServerAction::<ConfirmViewingLimits>::new();
    let page = Resource::new(
        move || {
            (
                set.version().get(),
                lift.version().get(),
                confirm.version().get(),
            )
        },
        |_| viewing_limits_page(),
    );
    view! {
        <h1 class="utrecht-heading-1">"Kijklimieten"</h1>
        <p class="utrecht-paragraph">
            "Hoeveel profielen een werkgever per dag mag openen en hoeveel kandidaten per dag in zijn lijsten mogen verschijnen. "
            "Komt een account of organisatie boven de grens, dan ziet die voor de rest van de dag geen profielen meer en krijgt de regio een melding. "
            "Zo kan één account niet ongemerkt duizenden cv's bekijken, zoals in 2024 bij werk.nl gebeurde."
        </p>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(p) => {
                        let l = p.limits;
                        view! {
                            <h2 class="utrecht-heading-2">{format!("Daggrenzen van regio {}", p.region)}</h2>
                            {p.is_default.then(|| view! { <p class="utrecht-paragraph">"De regio gebruikt de standaardgrenzen van HalloWerk."</p> })}
                            {p.pending.map(|pending| {
                                let v = pending.limits;
                                view! {
                                    <Alert tone=Tone::Warning attr:data-testid="pending-limits">
                                        <p class="utrecht-paragraph">
                                            {format!(
                                                "{} stelde op {} hogere daggrenzen voor: {} / {} geopende profielen en {} / {} kandidaten in lijsten (account / organisatie). Ze gelden pas als een andere medewerker van de regio ze bevestigt.",
                                                pending.proposed_by, crate::ui::date::minute(&pending.proposed_at),
                                                v.account_opened, v.organisation_opened, v.account_listed, v.organisation_listed,
                                            )}
                                        </p>
                                        {move || confirm.value().get().and_then(|r| r.err()).map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> })}
                                        {(!pending.mine).then(|| view! {
                                            <ActionForm action=confirm>
                                                <Hidden name="proposal_id" value=pending.id.to_string() />
                                                <Button appearance=Appearance::Primary>"Hogere daggrenzen bevestigen"</Button>
                                            </ActionForm>
                                        })}
                                    </Alert>
                                }
                            })}
                            <ActionForm action=set attr:class="hw-form">
                                {move || match set.value().get() {
                                    Some(Err(e)) => Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any()),
                                    Some(Ok(LimitsSaved::Applied)) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"De daggrenzen zijn opgeslagen."</p></Alert> }.into_any()),
                                    Some(Ok(LimitsSaved::AwaitingSecond)) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Hogere daggrenzen dan de standaard gelden pas als een andere medewerker van de regio ze bevestigt."</p></Alert> }.into_any()),
                                    None => None,
                                }}
                                {number_field("account_opened", "Geopende profielen per account per dag", l.account_opened)}
                                {number_field("organisation_opened", "Geopende profielen per organisatie per dag", l.organisation_opened)}
                                {number_field("account_listed", "Kandidaten in lijsten per account per dag", l.account_listed)}
                                {number_field("organisation_listed", "Kandidaten in lijsten per organisatie per dag", l.organisation_listed)}
                                <Button appearance=Appearance::Primary>"Daggrenzen opslaan"</Button>
                            </ActionForm>
                            <h2 class="utrecht-heading-2">"Blokkades van de afgelopen week"</h2>
                            <p class="utrecht-paragraph">"Opheffen gaat met vier ogen: een medewerker vraagt erom, een andere medewerker van de regio heft de blokkade op."</p>
                            {move || lift.value().get().and_then(|r| r.err()).map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> })}
                            {if p.blocks.is_empty() {
                                view! { <p class="utrecht-paragraph" data-testid="viewing-blocks">"Geen blokkades: geen werkgever kwam boven een daggrens."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="hw-cards hw-cards--wide" data-testid="viewing-blocks">
                                        {p.blocks.into_iter().map(|b| {
                                            let who = b.account.clone().map(|a| format!("{} ({a})", b.organisation)).unwrap_or_else(|| format!("{} (hele organisatie)", b.organisation));
                                            view! {
                                                <li class="hw-card">
                                                    <h3 class="utrecht-heading-3">{who}</h3>
                                                    <p class="utrecht-paragraph">{format!("{}: daggrens voor {} bereikt.", crate::ui::date::day(&b.day), b.measure.label())}</p>
                                                    {match (b.lifted_at, b.lift_requested_by.clone(), b.lift_requested_by_me) {
                                                        (Some(at), _, _) => view! { <p class="utrecht-paragraph">{format!("Opgeheven op {}.", crate::ui::date::minute(&at))}</p> }.into_any(),
                                                        (None, Some(_), true) => view! { <p class="utrecht-paragraph">"Je vroeg om opheffen; een andere medewerker van de regio moet het bevestigen."</p> }.into_any(),
                                                        (None, asker, _) => {
                                                            let label = if asker.is_some() { "Opheffen bevestigen" } else { "Blokkade opheffen" };
                                                            view! {
                                                                {asker.map(|a| view! { <p class="utrecht-paragraph">{format!("{a} vroeg om opheffen.")}</p> })}
                                                                <ActionForm action=lift>
                                                                    <Hidden name="block_id" value=b.id.to_string() />
                                                                    <Button appearance=Appearance::Secondary>{label}</Button>
                                                                </ActionForm>
                                                            }.into_any()
                                                        }
                                                    }}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
