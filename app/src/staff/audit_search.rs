//! Pages and server functions of `audit_search`; the rules and queries are in `service::staff::audit_search`.

use crate::ui::button::{Appearance, Button, ButtonGroup};
use crate::ui::controls::{Select, TextBox};
use crate::ui::field::{Control, FormField, Need};
use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, Table};
use kernel::error::AppError;
use kernel::views::audit_search::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

#[server(prefix = "/api", endpoint = "audit/search")]
pub async fn search_audit(
    client_number: String,
    action: String,
    page: u32,
) -> Result<AuditPage, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::audit_search::search(cx.db(), &me, &client_number, &action, page).await
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let client = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let page = RwSignal::new(0u32);
    let rows = Resource::new(
        move || (client.get(), action.get(), page.get()),
        |(c, a, p)| search_audit(c, a, p),
    );
    view! {
        <h1 class="utrecht-heading-1">"Auditlog"</h1>
        <p class="utrecht-paragraph">"Wie welk profiel van jouw gemeente heeft bekeken of gewijzigd. Het log kan niet worden aangepast of verwijderd."</p>
        <form class="hw-filter" role="search" on:submit=|ev| ev.prevent_default()>
            <FormField id="audit-client" label="Klantnummer" need=Need::Unmarked>
                <TextBox kind="search" on:change=move |ev| { page.set(0); client.set(event_target_value(&ev)) } />
            </FormField>
            <FormField id="audit-action" label="Handeling" control=Control::Select need=Need::Unmarked>
                <Select on:change=move |ev| { page.set(0); action.set(event_target_value(&ev)) }>
                    <option value="">"Alle"</option>
                    {[("read", "Bekeken"), ("list", "In een lijst getoond"), ("match", "Bij een vacature getoond"), ("digest", "In een e-mail genoemd"), ("media", "Foto of video bekeken"), ("update", "Gewijzigd"), ("create", "Aangemaakt"), ("export", "Gedownload"), ("erase", "Verwijderd")]
                        .into_iter()
                        .map(|(v, l)| view! { <option value=v>{l}</option> })
                        .collect_view()}
                </Select>
            </FormField>
        </form>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(p) => view! {
                        <crate::ui::count::ResultCount text=format!("{} regels", p.total) />
                        <Table label="Auditlog" caption="Auditlog van de gemeente" testid="audit-table">
                            <Head>
                                    {["Tijdstip", "Rol", "Organisatie", "Handeling", "Object", "Gegevens", "Resultaat", "Herkomst"].into_iter().map(|h| view! {
                                        <HeaderCell>{h}</HeaderCell>
                                    }).collect_view()}
                            </Head>
                            <Body>
                                {p.rows.into_iter().map(|r| view! {
                                    <Row>
                                        <Cell>{crate::ui::date::second(&r.at)}</Cell>
                                        <Cell>{r.actor_role}</Cell>
                                        <Cell>{r.actor_org}</Cell>
                                        <Cell>{r.action}</Cell>
                                        <Cell>{r.object}</Cell>
                                        <Cell>{r.fields}</Cell>
                                        <Cell>{r.result}</Cell>
                                        <Cell>{r.origin.unwrap_or_default()}</Cell>
                                    </Row>
                                }).collect_view()}
                            </Body>
                        </Table>
                        {(p.pages > 1).then(|| view! {
                            <ButtonGroup>
                                <Button appearance=Appearance::Secondary kind="button" attr:disabled=p.page == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Vorige"</Button>
                                <span class="utrecht-paragraph">{format!("Pagina {} van {}", p.page + 1, p.pages)}</span>
                                <Button appearance=Appearance::Secondary kind="button" attr:disabled=p.page + 1 >= p.pages on:click=move |_| page.update(|p| *p += 1)>"Volgende"</Button>
                            </ButtonGroup>
                        })}
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
