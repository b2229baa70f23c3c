//! Pages and server functions of `audit_search`; the rules and queries are in `service::staff::audit_search`.

use crate::ui::button::{Appearance, Button, ButtonGroup};
use crate::ui::controls::{Select, TextBox};
use crate::ui::field::{Control, FormField, Need};
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
                        <p class="utrecht-paragraph" role="status">{format!("{} regels", p.total)}</p>
                        <crate::ui::table::TableBox label="Auditlog"><table class="utrecht-table" data-testid="audit-table">
                            <caption class="utrecht-table__caption">"Auditlog van de gemeente"</caption>
                            <thead class="utrecht-table__header">
                                <tr class="utrecht-table__row">
                                    {["Tijdstip", "Rol", "Organisatie", "Handeling", "Object", "Gegevens", "Resultaat", "Herkomst"].into_iter().map(|h| view! {
                                        <th class="utrecht-table__header-cell" scope="col">{h}</th>
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody class="utrecht-table__body">
                                {p.rows.into_iter().map(|r| view! {
                                    <tr class="utrecht-table__row">
                                        <td class="utrecht-table__cell">{r.at.format("%d-%m-%Y %H:%M:%S").to_string()}</td>
                                        <td class="utrecht-table__cell">{r.actor_role}</td>
                                        <td class="utrecht-table__cell">{r.actor_org}</td>
                                        <td class="utrecht-table__cell">{r.action}</td>
                                        <td class="utrecht-table__cell">{r.object}</td>
                                        <td class="utrecht-table__cell">{r.fields}</td>
                                        <td class="utrecht-table__cell">{r.result}</td>
                                        <td class="utrecht-table__cell">{r.origin.unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></crate::ui::table::TableBox>
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
