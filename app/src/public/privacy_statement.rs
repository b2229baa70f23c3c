//! The privacy statement at `/privacy` (public) and its publication by staff
//! (`/privacyverklaring-beheren`); the document, its versions and the rules are in
//! `service::model::privacy_statement`, the text and tables in `kernel::privacy_statement`.

use crate::ui::alert::{Alert, Tone};
use crate::ui::button::{Appearance, Button};
use crate::ui::controls::{Select, TextArea, TextBox};
use crate::ui::field::{Control, FormField, Need};
use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, RowHeader, Table};
use kernel::error::AppError;
use kernel::privacy_statement::{Block, Document, MAX_ADDITION, MAX_CONTACT, MAX_NOTE};
use kernel::views::privacy_statement::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

/// The statement of one gemeente (or the general one), now or as version `version` was.
#[server(prefix = "/api", endpoint = "privacy-statement/show")]
pub async fn show_privacy_statement(
    gemeente: Option<i32>,
    version: Option<i32>,
) -> Result<StatementPage, AppError> {
    service::model::privacy_statement::show(crate::state::context()?.db(), gemeente, version).await
}

#[server(prefix = "/api", endpoint = "privacy-statement/draft")]
pub async fn privacy_statement_draft() -> Result<StatementDraft, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::model::privacy_statement::draft(cx.db(), &me).await
}

/// Publishes a new version of the caller's gemeente's statement; returns its number.
#[server(prefix = "/api", endpoint = "privacy-statement/publish")]
pub async fn publish_privacy_statement(
    contact: String,
    addition: String,
    change_note: String,
) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    let text = kernel::privacy_statement::GemeenteText { contact, addition };
    service::model::privacy_statement::publish(cx.db(), &me, text, &change_note, chrono::Utc::now())
        .await
}

fn date(v: &VersionInfo) -> String {
    crate::ui::date::day(&v.published_on.0)
}

/// A statement, section by section.
fn document_view(doc: Document) -> impl IntoView {
    doc.sections
        .into_iter()
        .map(|s| {
            let heading = match s.level {
                2 => view! { <h2 class="utrecht-heading-2">{s.heading}</h2> }.into_any(),
                _ => view! { <h3 class="utrecht-heading-3">{s.heading}</h3> }.into_any(),
            };
            let blocks = s.blocks.into_iter().map(block_view).collect_view();
            view! { {heading} {blocks} }
        })
        .collect_view()
}

fn block_view(b: Block) -> AnyView {
    match b {
        Block::Paragraph(t) => view! { <p class="utrecht-paragraph">{t}</p> }.into_any(),
        Block::List(items) => view! {
            <ul class="utrecht-unordered-list">
                {items.into_iter().map(|i| view! { <li class="utrecht-unordered-list__item">{i}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Terms(terms) => view! {
            <ul class="utrecht-unordered-list">
                {terms.into_iter().map(|(t, d)| view! {
                    <li class="utrecht-unordered-list__item">
                        <strong>{t}</strong>
                        {d.into_iter().map(|p| view! { <p class="utrecht-paragraph">{p}</p> }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Table {
            caption,
            header,
            rows,
        } => view! {
            <Table label=caption.clone() caption=caption>
                    <Head>
                            {header.into_iter().map(|h| view! { <HeaderCell>{h}</HeaderCell> }).collect_view()}
                    </Head>
                    <Body>
                        {rows.into_iter().map(|r| {
                            let mut cells = r.into_iter();
                            let first = cells.next().unwrap_or_default();
                            view! {
                                <Row>
                                    <RowHeader>{first}</RowHeader>
                                    {cells.map(|c| view! { <Cell>{c}</Cell> }).collect_view()}
                                </Row>
                            }
                        }).collect_view()}
                    </Body>
                </Table>
        }
        .into_any(),
    }
}

/// The versions of a gemeente's statement, newest first, each readable by a link.
fn versions_view(gemeente: i32, versions: Vec<VersionInfo>) -> impl IntoView {
    view! {
        <Table label="Versies van deze privacyverklaring" caption="Versies van deze privacyverklaring" testid="statement-versions">
                <Head>
                        <HeaderCell>"Versie"</HeaderCell>
                        <HeaderCell>"Gepubliceerd op"</HeaderCell>
                        <HeaderCell>"Wat er veranderde"</HeaderCell>
                </Head>
                <Body>
                    {versions.into_iter().map(|v| {
                        let href = format!("/privacy?gemeente={gemeente}&versie={}", v.version);
                        let (name, published) = (format!("Versie {}", v.version), date(&v));
                        let automatic = (!v.by_staff).then_some(" (automatisch)");
                        view! {
                            <Row>
                                <Cell>
                                    <a class="utrecht-link" href=href>{name}</a>
                                </Cell>
                                <Cell>{published}</Cell>
                                <Cell>
                                    {v.change_note}
                                    {automatic}
                                </Cell>
                            </Row>
                        }
                    }).collect_view()}
                </Body>
            </Table>
    }
}

fn chooser(gemeenten: Vec<GemeenteOption>, chosen: Option<i32>) -> impl IntoView {
    view! {
        <form class="hw-form hw-form--inline" method="get" action="/privacy">
            <FormField id="privacy-gemeente" label="Jouw gemeente" control=Control::Select>
                <Select name="gemeente">
                    {gemeenten.into_iter().map(|g| {
                        let selected = chosen == Some(g.id);
                        view! { <option value=g.id.to_string() selected=selected>{g.name}</option> }
                    }).collect_view()}
                </Select>
            </FormField>
            <Button appearance=Appearance::Secondary>"Toon de privacyverklaring"</Button>
        </form>
    }
}

#[component]
pub fn PrivacyStatementPage() -> impl IntoView {
    use leptos_router::hooks::use_query_map;
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        let number = |k: &str| q.get(k).and_then(|s| s.parse::<i32>().ok());
        (number("gemeente"), number("versie"))
    };
    let page = Resource::new(args, |(g, v)| show_privacy_statement(g, v));
    view! {
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(e) => view! {
                        <h1 class="utrecht-heading-1">"Privacyverklaring"</h1>
                        <crate::ui::notice::ErrorNotice error=e />
                        <p class="utrecht-paragraph"><a class="utrecht-link" href="/privacy">"Naar de privacyverklaring"</a></p>
                    }.into_any(),
                    Ok(p) => {
                        let id = p.gemeente.as_ref().map(|g| g.id);
                        let label = p.shown.as_ref().map(|v| format!("Versie {}, gepubliceerd op {}.", v.version, date(v)));
                        view! {
                            <h1 class="utrecht-heading-1">{p.document.title.clone()}</h1>
                            {label.map(|l| view! { <p class="utrecht-paragraph utrecht-paragraph--lead" data-testid="statement-version">{l}</p> })}
                            {(p.is_old).then(|| view! {
                                <Alert tone=Tone::Warning>
                                    <p class="utrecht-paragraph">
                                        "Dit is een oudere versie. "
                                        <a class="utrecht-link" href=format!("/privacy?gemeente={}", id.unwrap_or_default())>"Lees de huidige versie"</a>
                                    </p>
                                </Alert>
                            })}
                            {chooser(p.gemeenten, id)}
                            <div data-testid="statement">{document_view(p.document)}</div>
                            {id.filter(|_| !p.versions.is_empty()).map(|id| view! {
                                <h2 class="utrecht-heading-2">"Versies"</h2>
                                {versions_view(id, p.versions)}
                            })}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
pub fn PublishStatementPage() -> impl IntoView {
    let publish = ServerAction::<PublishPrivacyStatement>::new();
    let draft = Resource::new(
        move || publish.version().get(),
        |_| privacy_statement_draft(),
    );
    view! {
        <h1 class="utrecht-heading-1">"Privacyverklaring publiceren"</h1>
        <p class="utrecht-paragraph">
            "De privacyverklaring van de gemeente bestaat uit de tekst van HalloWerk, de tabellen uit het zichtbaarheidsbeleid en de partners met een lopende overeenkomst. Daaraan voegt de gemeente hier haar eigen contact en aanvulling toe. Elke publicatie is een nieuwe versie; eerdere versies blijven leesbaar."
        </p>
        <Transition fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match draft.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(d) => {
                        let id = d.gemeente.id;
                        view! {
                            <p class="utrecht-paragraph">
                                <a class="utrecht-link" href=format!("/privacy?gemeente={id}")>
                                    {format!("De huidige privacyverklaring van gemeente {}", d.gemeente.name)}
                                </a>
                            </p>
                            <ActionForm action=publish attr:class="hw-form">
                                {move || match publish.value().get() {
                                    Some(Err(e)) => Some(view! { <Alert tone=Tone::Error><p class="utrecht-paragraph">{e.to_string()}</p></Alert> }.into_any()),
                                    Some(Ok(n)) => Some(view! { <Alert tone=Tone::Ok><p class="utrecht-paragraph">{format!("Versie {n} is gepubliceerd.")}</p></Alert> }.into_any()),
                                    None => None,
                                }}
                                <FormField id="statement-contact" label="Contact over privacy bij de gemeente" control=Control::TextArea need=Need::Optional
                                    description="Bijvoorbeeld het e-mailadres van de functionaris gegevensbescherming of het privacyloket.">
                                    <TextArea name="contact" rows=2 value=d.text.contact.clone() attr:maxlength=MAX_CONTACT.to_string() />
                                </FormField>
                                <FormField id="statement-addition" label="Aanvulling van de gemeente" control=Control::TextArea need=Need::Optional>
                                    <TextArea name="addition" rows=5 value=d.text.addition.clone() attr:maxlength=MAX_ADDITION.to_string() />
                                </FormField>
                                <FormField id="statement-note" label="Wat verandert er in deze versie?">
                                    <TextBox name="change_note" attr:maxlength=MAX_NOTE.to_string() />
                                </FormField>
                                <Button appearance=Appearance::Primary>"Nieuwe versie publiceren"</Button>
                            </ActionForm>
                            <h2 class="utrecht-heading-2">"Versies"</h2>
                            {versions_view(id, d.versions)}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
