//! Pages and server functions of `job_seekers`; the rules and queries are in `service::staff::job_seekers`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::StatusBadge;
use crate::ui::button::{Appearance, Button, ButtonGroup};
use crate::ui::controls::{Checkbox, Hidden, Select, TextArea};
use crate::ui::field::{Control, FormField};
use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, Table};
use kernel::error::AppError;
use kernel::views::job_seekers::*;
use kernel::views::profile::ProfileView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;
#[cfg(feature = "ssr")]
use service::staff::job_seekers::changes;

/// Creates a job seeker in the caller's gemeente; with `invite` the activation link is sent.
#[server(prefix = "/api", endpoint = "job-seekers/create")]
pub async fn create_job_seeker(
    client_number: String,
    first_name: String,
    last_name: String,
    email: String,
    invite: Option<String>,
) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    let new = changes::NewJobSeeker {
        client_number,
        first_name,
        last_name,
        email,
    };
    let profile = changes::create(cx.db(), &me, new).await?;
    if invite.is_some() {
        changes::invite(cx.db(), &me, profile.id, &cx.state.public_url).await?;
    }
    Ok(profile.id)
}

/// Sends (again) the activation link to a job seeker of the caller's gemeente.
#[server(prefix = "/api", endpoint = "job-seekers/invite")]
pub async fn invite_job_seeker(id: i32) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    changes::invite(cx.db(), &me, id, &cx.state.public_url)
        .await
        .map(|_| ())
}

/// Closes a profile: erased after the gemeente's retention period (hidden until then), or at
/// once when the gemeente keeps none. Returns the planned erasure moment, if any. The close, its
/// effect and its audit entry are one transaction; media files go after the commit.
#[server(prefix = "/api", endpoint = "job-seekers/close")]
pub async fn close_job_seeker(id: i32) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::job_seekers::close(cx.db(), cx.state.media.as_ref(), &me, id).await
}

/// Holds a job seeker of the caller's gemeente back from employers (dual consent), with a
/// reason the job seeker reads.
#[server(prefix = "/api", endpoint = "job-seekers/hold-back")]
pub async fn hold_back_job_seeker(id: i32, reason: String) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    changes::hold_back(cx.db(), &me, id, Some(&reason)).await
}

/// Adds a dated consultant note to a job seeker of the caller's gemeente.
#[server(prefix = "/api", endpoint = "job-seekers/note")]
pub async fn add_consultant_note(id: i32, text: String) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    changes::add_note(cx.db(), &me, id, &text).await
}

/// Shows a held-back job seeker to employers again.
#[server(prefix = "/api", endpoint = "job-seekers/release")]
pub async fn release_job_seeker(id: i32) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    changes::hold_back(cx.db(), &me, id, None).await
}

/// Invitations and interest of one job seeker of the caller's gemeente.
#[server(prefix = "/api", endpoint = "job-seekers/invitations")]
pub async fn job_seeker_invitations(
    id: i32,
) -> Result<Vec<kernel::views::invitations::InvitationView>, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::job_seekers::invitations_of(cx.db(), &me, id).await
}

/// The gemeente records what came of an invitation (e.g. placed).
#[server(prefix = "/api", endpoint = "job-seekers/outcome")]
pub async fn record_outcome(invitation_id: i32, outcome: String) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    changes::record_outcome(cx.db(), &me, invitation_id, &outcome).await
}

/// Job seekers of the caller's own gemeente, searchable by name or client number.
#[server(prefix = "/api", endpoint = "job-seekers/list")]
pub async fn list_job_seekers(q: String, page: u32) -> Result<JobSeekerList, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::job_seekers::list(cx.db(), &me, &q, page).await
}

/// The full profile of one job seeker of the caller's gemeente (audited).
#[server(prefix = "/api", endpoint = "job-seekers/get")]
pub async fn get_job_seeker(id: i32) -> Result<ProfileView, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::model::profile::read_profile(cx.db(), &me, id).await
}

#[component]
pub fn JobSeekersPage() -> impl IntoView {
    let q = crate::ui::paging::use_search();
    let page = crate::ui::paging::use_page();
    let list = Resource::new(
        move || (q.get(), page.get()),
        |(q, page)| list_job_seekers(q, page),
    );
    let href = |q: &str, page: u32| crate::ui::paging::search_href("/werkzoekenden", q, page);
    let create = ServerAction::<CreateJobSeeker>::new();
    let created = create.value();
    let error_for = move |field| crate::ui::text_field::field_error(created, field);
    Effect::new(move |_| {
        if let Some(Ok(id)) = created.get() {
            crate::identity::auth::hard_navigate(&format!("/werkzoekenden/{id}"));
        }
    });
    view! {
        <h1 class="utrecht-heading-1">"Werkzoekenden"</h1>
        <p class="utrecht-paragraph">"Alle werkzoekenden van jouw gemeente."</p>
        <crate::ui::fold::Disclosure label="Werkzoekende toevoegen">
            <ActionForm action=create attr:class="hw-form">
                <crate::shell::privacy_notice::PrivacyNotice />
                <crate::ui::text_field::TextField id="new-client-number" name="client_number" label="Gemeentelijk klantnummer" error=error_for("client_number") />
                <crate::ui::text_field::TextField id="new-first-name" name="first_name" label="Voornaam" error=error_for("first_name") />
                <crate::ui::text_field::TextField id="new-last-name" name="last_name" label="Achternaam" error=error_for("last_name") />
                <crate::ui::text_field::TextField id="new-email" name="email" label="E-mailadres" kind="email" error=error_for("email") />
                <FormField id="new-invite" label="Stuur direct een activatielink" control=Control::Checkbox>
                    <Checkbox name="invite" checked=true />
                </FormField>
                <Button appearance=Appearance::Primary>"Toevoegen"</Button>
            </ActionForm>
        </crate::ui::fold::Disclosure>
        <crate::ui::paging::SearchBox path="/werkzoekenden" id="search-q" label="Zoek op naam of klantnummer" />
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let q = q.get_untracked();
                        let prev = (list.page > 0).then(|| href(&q, list.page - 1));
                        let next = (list.page + 1 < list.pages).then(|| href(&q, list.page + 1));
                        view! {
                            <crate::ui::count::ResultCount text=format!("{} werkzoekenden", list.total) />
                            <Table label="Werkzoekenden" caption="Werkzoekenden van de gemeente" testid="job-seeker-table">
                                <Head>
                                        <HeaderCell>"Naam"</HeaderCell>
                                        <HeaderCell>"Klantnummer"</HeaderCell>
                                        <HeaderCell>"Status"</HeaderCell>
                                </Head>
                                <Body>
                                    {list.rows.into_iter().map(|r| view! {
                                        <Row>
                                            <Cell>
                                                <a class="utrecht-link" href=format!("/werkzoekenden/{}", r.id)>{r.name}</a>
                                            </Cell>
                                            <Cell>{r.client_number}</Cell>
                                            <Cell><StatusBadge status=r.state /></Cell>
                                        </Row>
                                    }).collect_view()}
                                </Body>
                            </Table>
                            <crate::ui::paging::Pager page=list.page pages=list.pages prev next />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn JobSeekerDetailPage() -> impl IntoView {
    use kernel::domain::Outcome;
    use kernel::policy::Audience;
    use leptos_router::hooks::use_params_map;
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let invite = ServerAction::<InviteJobSeeker>::new();
    let close = ServerAction::<CloseJobSeeker>::new();
    let outcome = ServerAction::<RecordOutcome>::new();
    let hold = ServerAction::<HoldBackJobSeeker>::new();
    let note = ServerAction::<AddConsultantNote>::new();
    let release = ServerAction::<ReleaseJobSeeker>::new();
    let profile = Resource::new(
        move || {
            (
                id(),
                close.version().get(),
                hold.version().get(),
                release.version().get(),
                note.version().get(),
            )
        },
        |(id, ..)| get_job_seeker(id),
    );
    let invitations = Resource::new(
        move || (id(), outcome.version().get()),
        |(id, _)| job_seeker_invitations(id),
    );
    let notice = move || {
        if let Some(Err(e)) = note.value().get() {
            return Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any());
        }
        if let Some(Err(e)) = hold.value().get() {
            return Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any());
        }
        if let Some(r) = invite.value().get() {
            return Some(match r {
                Ok(()) => view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"De activatielink is verstuurd."</p></Alert> }.into_any(),
                Err(e) => view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any(),
            });
        }
        close.value().get().map(|r| match r {
            Ok(Some(at)) => view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">{format!("Het profiel is gesloten en wordt op {} verwijderd.", crate::ui::date::day(&at))}</p></Alert> }.into_any(),
            Ok(None) => view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">"Het profiel is verwijderd."</p></Alert> }.into_any(),
            Err(e) => view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any(),
        })
    };
    view! {
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/werkzoekenden">"← Terug naar werkzoekenden"</a></p>
        {notice}
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(view) => {
                        let name = view.full_name();
                        let state = view.state;
                        let (pid, pid2, pid3) = (view.id.to_string(), view.id.to_string(), view.id.to_string());
                        let held_back = view.held_back.clone();
                        let notes = view.consultant_notes.clone().unwrap_or_default();
                        let pid4 = view.id.to_string();
                        view! {
                            <h1 class="utrecht-heading-1">{name}</h1>
                            <p class="utrecht-paragraph" data-testid="job-seeker-state">"Status: " {state.map(|status| view! { <StatusBadge status /> })}</p>
                            {match held_back {
                                Some(h) => view! {
                                    <Alert tone=Tone::Warning attr:data-testid="held-back">
                                        <p class="utrecht-paragraph">
                                            {format!("Niet zichtbaar voor werkgevers sinds {}. Reden (de werkzoekende leest deze): ", crate::ui::date::day(&h.since))}
                                            {h.reason}
                                        </p>
                                        <ActionForm action=release>
                                            <Hidden name="id" value=pid3 />
                                            <Button appearance=Appearance::Secondary>"Weer tonen aan werkgevers"</Button>
                                        </ActionForm>
                                    </Alert>
                                }.into_any(),
                                None => view! {
                                    <details class="hw-details">
                                        <summary>"Niet tonen aan werkgevers"</summary>
                                        <ActionForm action=hold attr:class="hw-form">
                                            <Hidden name="id" value=pid3 />
                                            <FormField id="hold-reason" label="Reden (de werkzoekende leest deze)" control=Control::TextArea>
                                                <TextArea name="reason" rows=2 attr:maxlength="500" />
                                            </FormField>
                                            <Button appearance=Appearance::Secondary>"Profiel niet tonen aan werkgevers"</Button>
                                        </ActionForm>
                                    </details>
                                }.into_any(),
                            }}
                            <ButtonGroup>
                                <ActionForm action=invite>
                                    <Hidden name="id" value=pid />
                                    <Button appearance=Appearance::Secondary>"Activatielink sturen"</Button>
                                </ActionForm>
                                <ActionForm action=close>
                                    <Hidden name="id" value=pid2 />
                                    <Button appearance=Appearance::Secondary>"Profiel sluiten"</Button>
                                </ActionForm>
                            </ButtonGroup>
                            {view.photo_url.clone().map(|u| view! { <img class="hw-photo" src=u alt="Profielfoto" width="160" /> })}
                            <crate::model::profile_edit::ProfileEditor initial=view audience=Audience::Municipality />
                            <section class="hw-section" aria-labelledby="notes-heading">
                                <h2 class="utrecht-heading-2" id="notes-heading">"Notities van de consulent"</h2>
                                <p class="utrecht-paragraph">"De werkzoekende kan deze notities inzien en downloaden. Werkgevers en partners zien ze nooit."</p>
                                <crate::model::consultant_notes::NoteList notes />
                                <ActionForm action=note attr:class="hw-form">
                                    <Hidden name="id" value=pid4 />
                                    <FormField id="note-text" label="Nieuwe notitie" control=Control::TextArea description=kernel::validate::SPECIAL_CATEGORIES_WARNING>
                                        <TextArea name="text" rows=3 attr:maxlength="2000" />
                                    </FormField>
                                    <Button appearance=Appearance::Secondary>"Notitie opslaan"</Button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <section class="hw-section" aria-labelledby="invitations-heading">
            <h2 class="utrecht-heading-2" id="invitations-heading">"Uitnodigingen en interesse"</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = invitations.await.unwrap_or_default();
                    if list.is_empty() {
                        return view! { <p class="utrecht-paragraph">"Nog geen uitnodigingen."</p> }.into_any();
                    }
                    view! {
                        <ul class="hw-cards hw-cards--wide" data-testid="staff-invitations">
                            {list.into_iter().map(|i| {
                                let select_id = format!("outcome-{}", i.id);
                                view! {
                                    <li class="hw-card">
                                        <h3 class="utrecht-heading-3">{format!("{} — {}", i.vacancy_title, i.employer)}</h3>
                                        <p class="utrecht-paragraph">
                                            {if i.by_employer { "Uitnodiging van de werkgever" } else { "Interesse van de werkzoekende" }}
                                            {format!(" · {} ", crate::ui::date::day(&i.created_at))}
                                            <StatusBadge status=i.status />
                                            {i.outcome.map(|status| view! { " uitkomst: " <StatusBadge status /> })}
                                        </p>
                                        <ActionForm action=outcome attr:class="hw-form hw-form--inline">
                                            <Hidden name="invitation_id" value=i.id.to_string() />
                                            <FormField id=select_id.clone() label="Uitkomst" control=Control::Select>
                                                <Select name="outcome">
                                                    {Outcome::ALL.iter().map(|o| view! { <option value=o.code() selected=i.outcome == Some(*o)>{o.label()}</option> }).collect_view()}
                                                </Select>
                                            </FormField>
                                            <Button appearance=Appearance::Secondary>"Uitkomst vastleggen"</Button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
