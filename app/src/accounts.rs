//! The accounts of a gemeente, for its staff: colleagues and partner users, the approval of an
//! account the platform administrator made (four eyes) and the reset of a lost second factor.
//! The rules are in `service::account_approval` and `service::second_factor`.

use crate::error::AppError;
use crate::layout::ErrorNotice;
pub use kernel::views::admin_accounts::AccountRow;
use leptos::prelude::*;

/// The staff member's gemeente's accounts.
#[server(prefix = "/api", endpoint = "accounts/list")]
pub async fn gemeente_accounts() -> Result<Vec<AccountRow>, AppError> {
    use crate::domain::Role;
    let (cx, me) = crate::state::caller(&[Role::Staff]).await?;
    service::account_approval::of_my_gemeente(cx.db(), &me).await
}

/// Approves an account waiting for a second person: staff of its gemeente, or (for a
/// gemeente's first staff account) an administrator other than the one who made it.
#[server(prefix = "/api", endpoint = "accounts/approve")]
pub async fn approve_account(user_id: i32) -> Result<(), AppError> {
    use crate::domain::Role;
    let (cx, me) = crate::state::caller(&[Role::Staff, Role::Admin]).await?;
    service::account_approval::approve(cx.db(), &me, user_id).await
}

/// The status of an account in words.
pub fn status(a: &AccountRow) -> &'static str {
    match (a.active, a.awaiting_approval, a.activated) {
        (false, _, _) => "Geblokkeerd",
        (true, true, _) => "Wacht op goedkeuring",
        (true, false, false) => "Nog niet geactiveerd",
        (true, false, true) => "Actief",
    }
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let approve = ServerAction::<ApproveAccount>::new();
    let reset = ServerAction::<crate::second_factor::ResetSecondFactor>::new();
    let list = Resource::new(
        move || (approve.version().get(), reset.version().get()),
        |_| gemeente_accounts(),
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
            {move || failure().map(|e| view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div> })}
            {move || done().map(|m| view! { <div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{m}</p></div> })}
        </div>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(rows) => view! {
                            <table class="utrecht-table" data-testid="gemeente-accounts">
                                <caption class="utrecht-table__caption">"Accounts van de gemeente en haar partners"</caption>
                                <thead class="utrecht-table__header">
                                    <tr class="utrecht-table__row">
                                        {["Naam", "E-mailadres", "Rol", "Organisatie", "Status", "Tweede factor", "Acties"].into_iter().map(|h| view! { <th class="utrecht-table__header-cell" scope="col">{h}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody class="utrecht-table__body">
                                    {rows.into_iter().map(|a| {
                                        let approve_label = format!("Goedkeuren: {}", a.email);
                                        let reset_label = format!("Tweede factor opnieuw instellen voor {}", a.email);
                                        let may_reset = a.second_factor && !a.is_self;
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <td class="utrecht-table__cell">{a.name.clone()}</td>
                                                <td class="utrecht-table__cell">{a.email.clone()}</td>
                                                <td class="utrecht-table__cell">{a.role.label()}</td>
                                                <td class="utrecht-table__cell">{a.organisation.clone()}</td>
                                                <td class="utrecht-table__cell">{status(&a)}</td>
                                                <td class="utrecht-table__cell">{if a.second_factor { "Ingesteld" } else { "Nog niet ingesteld" }}</td>
                                                <td class="utrecht-table__cell">
                                                    <div class="utrecht-button-group">
                                                        {a.may_approve.then(|| view! {
                                                            <ActionForm action=approve>
                                                                <input type="hidden" name="user_id" value=a.id.to_string() />
                                                                <button class="utrecht-button utrecht-button--primary-action" type="submit">{approve_label.clone()}</button>
                                                            </ActionForm>
                                                        })}
                                                        {may_reset.then(|| view! {
                                                            <ActionForm action=reset>
                                                                <input type="hidden" name="user_id" value=a.id.to_string() />
                                                                <button class="utrecht-button utrecht-button--subtle" type="submit">{reset_label.clone()}</button>
                                                            </ActionForm>
                                                        })}
                                                    </div>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
