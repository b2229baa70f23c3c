//! The accounts of a gemeente, for its staff: colleagues and partner users, the approval of an
//! account the platform administrator made (four eyes) and the reset of a lost second factor.
//! The rules are in `service::identity::account_approval` and `service::identity::second_factor`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::{Badge, StatusBadge};
use crate::ui::button::{Appearance, Button, ButtonGroup};
use crate::ui::controls::Hidden;
use crate::ui::notice::ErrorNotice;
use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, Table};
use kernel::error::AppError;
use kernel::views::admin_accounts::AccountRow;
use kernel::views::paging::Paged;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

/// A page of the staff member's gemeente's accounts; `q` searches e-mail addresses and names.
#[server(prefix = "/api", endpoint = "accounts/list")]
pub async fn gemeente_accounts(
    q: Option<String>,
    page: Option<u32>,
) -> Result<Paged<AccountRow>, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::identity::account_approval::of_my_gemeente(
        cx.db(),
        &me,
        q.as_deref().unwrap_or_default(),
        page.unwrap_or(0),
    )
    .await
}

/// Approves an account waiting for a second person: staff of its gemeente, or (for a
/// gemeente's first staff account) an administrator other than the one who made it.
#[server(prefix = "/api", endpoint = "accounts/approve")]
pub async fn approve_account(user_id: i32) -> Result<(), AppError> {
    use kernel::domain::Role;
    let (cx, me) = crate::state::caller_any(&[Role::Staff, Role::Admin]).await?;
    service::identity::account_approval::approve(cx.db(), &me, user_id).await
}

/// Where the gemeente's accounts are (the address the approval mail links to).
const PATH: &str = "/accounts";

/// An accounts table with its pager, for the list at `path` searched for `q`; `actions` gives the
/// buttons of a row (they differ for staff and the administrator).
pub fn accounts_table(
    path: &'static str,
    q: String,
    list: Paged<AccountRow>,
    testid: &'static str,
    caption: &'static str,
    actions: impl Fn(&AccountRow) -> AnyView + Send + 'static,
) -> impl IntoView {
    let (prev, next) = crate::ui::paging::neighbours(list.page, list.pages, |p| {
        crate::ui::paging::search_href(path, &q, p)
    });
    let empty = list.items.is_empty().then(|| {
        view! { <p class="utrecht-paragraph">"Geen accounts gevonden. Zoek op een deel van de naam of het e-mailadres."</p> }
    });
    view! {
        <crate::ui::count::ResultCount text=format!("{} accounts", list.total) />
        {empty}
        <Table label=caption caption=caption testid=testid>
            <Head>
                    {["Naam", "E-mailadres", "Rol", "Organisatie", "Status", "Tweede factor", "Acties"].into_iter().map(|h| view! { <HeaderCell>{h}</HeaderCell> }).collect_view()}
            </Head>
            <Body>
                {list.items.into_iter().map(|a| {
                    // Each cell's content is its own closure: take what each needs first.
                    let (acts, state, role) = (
                        actions(&a),
                        Badge::account(a.active, a.awaiting_approval, a.activated),
                        a.role.label(),
                    );
                    let factor = if a.second_factor { "Ingesteld" } else { "Nog niet ingesteld" };
                    view! {
                    <Row>
                        <Cell>{a.name}</Cell>
                        <Cell>{a.email}</Cell>
                        <Cell>{role}</Cell>
                        <Cell>{a.organisation}</Cell>
                        <Cell><StatusBadge status=state /></Cell>
                        <Cell>{factor}</Cell>
                        <Cell><ButtonGroup>{acts}</ButtonGroup></Cell>
                    </Row>
                }}).collect_view()}
            </Body>
        </Table>
        <crate::ui::paging::Pager page=list.page pages=list.pages prev next label="Paginering accounts" />
    }
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let approve = ServerAction::<ApproveAccount>::new();
    let reset = ServerAction::<crate::identity::second_factor::ResetSecondFactor>::new();
    let q = crate::ui::paging::use_search();
    let page = crate::ui::paging::use_page();
    let list = Resource::new(
        move || {
            (
                approve.version().get(),
                reset.version().get(),
                q.get(),
                page.get(),
            )
        },
        |(_, _, q, page)| gemeente_accounts(Some(q), Some(page)),
    );
    let failure = move || {
        [
            approve.value().get().and_then(|r| r.err()),
            reset.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.to_string())
    };
    let done = move || {
        [
            approve
                .value()
                .get()
                .and_then(|r| r.ok())
                .map(|_| "Het account is goedgekeurd."),
            reset
                .value()
                .get()
                .and_then(|r| r.ok())
                .map(|_| "De tweede factor is gewist: bij de volgende keer inloggen koppelt die persoon opnieuw een app."),
        ]
        .into_iter()
        .flatten()
        .next()
    };
    view! {
        <h1 class="utrecht-heading-1">"Accounts"</h1>
        <p class="utrecht-paragraph">
            "De medewerkers van je gemeente en de gebruikers van haar partners. Een account dat de "
            "platformbeheerder aanmaakt, werkt pas als een medewerker van de gemeente het goedkeurt."
        </p>
        <div aria-live="polite">
            {move || failure().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
            {move || done().map(|m| view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">{m}</p></Alert> })}
        </div>
        <crate::ui::paging::SearchBox path=PATH id="accounts-q" label="Zoek op naam of e-mailadres" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(list) => accounts_table(PATH, q.get_untracked(), list, "gemeente-accounts", "Accounts van de gemeente en haar partners", move |a| {
                        let approve_label = format!("Goedkeuren: {}", a.email);
                        let reset_label = format!("Tweede factor opnieuw instellen voor {}", a.email);
                        let may_reset = a.second_factor && !a.is_self;
                        let id = a.id;
                        view! {
                            {a.may_approve.then(|| view! {
                                <ActionForm action=approve>
                                    <Hidden name="user_id" value=id.to_string() />
                                    <Button appearance=Appearance::Primary>{approve_label.clone()}</Button>
                                </ActionForm>
                            })}
                            {may_reset.then(|| view! {
                                <ActionForm action=reset>
                                    <Hidden name="user_id" value=id.to_string() />
                                    <Button appearance=Appearance::Subtle>{reset_label.clone()}</Button>
                                </ActionForm>
                            })}
                        }.into_any()
                    }).into_any(),
                }
            })}
        </Transition>
    }
}
