//! Pages and server functions of `privacy`; the rules and queries are in `service::model::privacy`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::badge::StatusBadge;
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Hidden, Select, TextArea};
use crate::ui::field::{Control, FormField, Need};
use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, Table};
use kernel::domain::{ProfileState, RequestKind};
use kernel::error::AppError;
use kernel::policy::Field;
use kernel::views::privacy::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::JobSeeker;

#[server(prefix = "/api", endpoint = "privacy/overview")]
pub async fn my_privacy() -> Result<PrivacyOverview, AppError> {
    let (cx, me) = crate::state::caller::<JobSeeker>().await?;
    service::model::privacy::overview(cx.db(), &me).await
}

#[server(prefix = "/api", endpoint = "privacy/request")]
pub async fn submit_privacy_request(
    kind: String,
    field: Option<String>,
    details: String,
) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<JobSeeker>().await?;
    let kind = RequestKind::from_code(&kind)
        .ok_or_else(|| AppError::invalid("kind", "Kies het soort verzoek."))?;
    let field = match field.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(
            Field::from_code(code)
                .ok_or_else(|| AppError::invalid("field", "Onbekend gegeven."))?,
        ),
    };
    service::model::privacy::submit(cx.db(), &me, kind, field, &details).await
}

#[server(prefix = "/api", endpoint = "privacy/pause")]
pub async fn set_paused(paused: bool) -> Result<ProfileState, AppError> {
    let (cx, me) = crate::state::caller::<JobSeeker>().await?;
    service::model::privacy::set_paused(cx.db(), &me, paused).await
}

#[component]
fn RequestList(requests: Vec<PrivacyRequestView>) -> impl IntoView {
    if requests.is_empty() {
        return view! { <p class="utrecht-paragraph">"Je hebt nog geen verzoeken ingediend."</p> }
            .into_any();
    }
    view! {
        <Table label="Privacyverzoeken" caption="Mijn verzoeken" testid="privacy-requests">
            <Head>
                    <HeaderCell>"Verzoek"</HeaderCell>
                    <HeaderCell>"Ingediend"</HeaderCell>
                    <HeaderCell>"Uiterlijk beantwoord"</HeaderCell>
                    <HeaderCell>"Status"</HeaderCell>
            </Head>
            <Body>
                {requests.into_iter().map(|r| {
                    let what = match r.field {
                        Some(f) => format!("{}: {}", r.kind.label(), f.label()),
                        None => r.kind.label().to_string(),
                    };
                    let (status, reason) = (r.status, r.decision_reason.map(|reason| format!(" — {reason}")));
                    view! {
                        <Row>
                            <Cell>{what}</Cell>
                            <Cell>{crate::ui::date::day(&r.created_at)}</Cell>
                            <Cell>{crate::ui::date::day(&r.due_at)}</Cell>
                            <Cell><StatusBadge status />{reason}</Cell>
                        </Row>
                    }
                }).collect_view()}
            </Body>
        </Table>
    }
    .into_any()
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let request = ServerAction::<SubmitPrivacyRequest>::new();
    let pause = ServerAction::<SetPaused>::new();
    let overview = Resource::new(
        move || (request.version().get(), pause.version().get()),
        |_| my_privacy(),
    );
    let request_error = move |field: &'static str| {
        Signal::derive(move || match request.value().get() {
            Some(Err(e)) => e.for_field(field).or_else(|| {
                (field == "kind" && !matches!(e, AppError::Invalid { .. })).then(|| e.to_string())
            }),
            _ => None,
        })
    };
    let pause_error = move || match pause.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <h1 class="utrecht-heading-1">"Mijn gegevens en privacy"</h1>
        <p class="utrecht-paragraph">
            "Jouw gemeente is verantwoordelijk voor je gegevens in HalloWerk. Hier zie je alles wat we over je bewaren, "
            "wie je profiel heeft bekeken, en kun je je rechten uitoefenen. De gemeente beantwoordt een verzoek binnen een maand."
        </p>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(o) => {
                        let paused = o.profile.state == Some(ProfileState::Paused);
                        let state = o.profile.state;
                        let viewed = o.viewed_by.clone();
                        view! {
                            <section class="hw-section" aria-labelledby="pause-heading">
                                <h2 class="utrecht-heading-2" id="pause-heading">"Profiel pauzeren"</h2>
                                <p class="utrecht-paragraph" data-testid="profile-state">"Status van je profiel: " {state.map(|status| view! { <StatusBadge status /> })}</p>
                                <p class="utrecht-paragraph">"Een gepauzeerd profiel is meteen onzichtbaar voor werkgevers en partners. Je gemeente ziet het wel."</p>
                                <ActionForm action=pause>
                                    <Hidden name="paused" value=(!paused).to_string() />
                                    {move || pause_error().map(|e| view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e}</p></Alert> })}
                                    <Button appearance=Appearance::Secondary>
                                        {if paused { "Profiel weer zichtbaar maken" } else { "Profiel pauzeren" }}
                                    </Button>
                                </ActionForm>
                            </section>

                            <section class="hw-section" aria-labelledby="access-heading">
                                <h2 class="utrecht-heading-2" id="access-heading">"Inzage: alles wat we bewaren"</h2>
                                <crate::ui::profile_fields::ProfileFields view=o.profile.clone() />
                                <h3 class="utrecht-heading-3">"Wie heeft je profiel bekeken"</h3>
                                <p class="utrecht-paragraph">"Per organisatie en per dag: ook als je profiel alleen in een zoekresultaat, bij een vacature of in een e-mail stond, of als iemand je foto of video bekeek."</p>
                                {if viewed.is_empty() {
                                    view! { <p class="utrecht-paragraph">"Nog niemand buiten jezelf heeft je profiel bekeken."</p> }.into_any()
                                } else {
                                    view! {
                                        <Table label="Wie je profiel bekeek" caption="Bekeken door" testid="viewed-by">
                                            <Head>
                                                    <HeaderCell>"Organisatie"</HeaderCell>
                                                    <HeaderCell>"Datum"</HeaderCell>
                                                    <HeaderCell>"Hoe"</HeaderCell>
                                                    <HeaderCell>"Doel"</HeaderCell>
                                                    <HeaderCell>"Aantal keer"</HeaderCell>
                                            </Head>
                                            <Body>
                                                {viewed.into_iter().map(|v| view! {
                                                    <Row>
                                                        <Cell>{v.organisation}</Cell>
                                                        <Cell>{crate::ui::date::day(&v.day)}</Cell>
                                                        <Cell>{v.ways.join(", ")}</Cell>
                                                        <Cell>{v.purposes.join(", ")}</Cell>
                                                        <Cell>{v.times}</Cell>
                                                    </Row>
                                                }).collect_view()}
                                            </Body>
                                        </Table>
                                    }.into_any()
                                }}
                            </section>

                            <section class="hw-section" aria-labelledby="export-heading">
                                <h2 class="utrecht-heading-2" id="export-heading">"Je gegevens downloaden"</h2>
                                <p class="utrecht-paragraph">"Een bestand met al je gegevens, om te bewaren of aan een andere organisatie te geven. Het JSON-bestand legt zelf uit wat elk gegeven is."</p>
                                <ul class="utrecht-unordered-list">
                                    <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/mijn-gegevens/export.zip" download>"Alles als zip (gegevens en foto/video)"</a></li>
                                    <li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/mijn-gegevens/export.json" download>"Alleen de gegevens (JSON)"</a></li>
                                </ul>
                            </section>

                            <section class="hw-section" aria-labelledby="requests-heading">
                                <h2 class="utrecht-heading-2" id="requests-heading">"Een verzoek indienen bij je gemeente"</h2>
                                <ActionForm action=request attr:class="hw-form">
                                    <FormField id="request-kind" label="Soort verzoek" control=Control::Select error=request_error("kind")>
                                        <Select name="kind">
                                            {[RequestKind::Erasure, RequestKind::Objection, RequestKind::Rectification, RequestKind::Access, RequestKind::Portability, RequestKind::Restriction]
                                                .into_iter()
                                                .map(|k| view! { <option value=k.code()>{k.label()}</option> })
                                                .collect_view()}
                                        </Select>
                                    </FormField>
                                    <FormField id="request-field" label="Over welk gegeven (bij rectificatie)" control=Control::Select need=Need::Unmarked error=request_error("field")>
                                        <Select name="field">
                                            <option value="">"—"</option>
                                            {Field::ALL.into_iter().map(|f| view! { <option value=f.code()>{f.label()}</option> }).collect_view()}
                                        </Select>
                                    </FormField>
                                    <FormField id="request-details" label="Toelichting (verplicht bij bezwaar en rectificatie)" control=Control::TextArea need=Need::Unmarked
                                        description=kernel::validate::SPECIAL_CATEGORIES_WARNING error=request_error("details")>
                                        <TextArea name="details" rows=4 />
                                    </FormField>
                                    <Button appearance=Appearance::Primary>"Verzoek indienen"</Button>
                                </ActionForm>
                                <RequestList requests=o.requests.clone() />
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
