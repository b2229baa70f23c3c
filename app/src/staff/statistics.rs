//! Pages and server functions of `statistics`; the rules and queries are in `service::staff::statistics`.

use crate::ui::table::{Body, Cell, Head, HeaderCell, Row, RowHeader, Table};
use kernel::error::AppError;
use kernel::views::statistics::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Staff;

#[server(prefix = "/api", endpoint = "statistics")]
pub async fn statistics() -> Result<Stats, AppError> {
    let (cx, me) = crate::state::caller::<Staff>().await?;
    service::staff::statistics::compute(cx.db(), &me).await
}

/// A horizontal bar chart in SVG, labelled for screen readers, with its table alongside; a
/// series with nothing to count yet says so instead of drawing a row of zeros per category.
#[component]
pub fn BarChart(series: Series, index: usize) -> impl IntoView {
    if series.bars.iter().all(|b| b.value == 0) {
        return view! {
            <section class="hw-chart" data-testid=format!("chart-{index}-empty")>
                <h2 class="utrecht-heading-3">{series.title.clone()}</h2>
                <p class="utrecht-paragraph">{format!("Nog geen gegevens voor \u{201c}{}\u{201d}: er is nog niets te tellen.", series.title)}</p>
            </section>
        }
        .into_any();
    }
    let max = series
        .bars
        .iter()
        .map(|b| b.value)
        .max()
        .unwrap_or(0)
        .max(1);
    let row_h = 28;
    let label_w = 200.0;
    let chart_w = 360.0;
    let height = series.bars.len() as i32 * row_h + 8;
    let title_id = format!("chart-{index}-title");
    let desc = series
        .bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.value))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="hw-chart">
            <figcaption class="utrecht-heading-3" id=title_id.clone()>{series.title.clone()}</figcaption>
            <svg role="img" aria-labelledby=title_id.clone() viewBox=format!("0 0 {} {height}", label_w + chart_w + 60.0) width="100%" data-testid=format!("chart-{index}")>
                <desc>{desc}</desc>
                {series.bars.iter().enumerate().map(|(i, b)| {
                    let y = i as i32 * row_h + 4;
                    let w = (b.value as f64 / max as f64) * chart_w;
                    view! {
                        <g>
                            <text x=(label_w - 8.0).to_string() y=(y + 18).to_string() text-anchor="end" font-size="13">{b.label.clone()}</text>
                            <rect x=label_w.to_string() y=y.to_string() width=format!("{w:.1}") height=(row_h - 8).to_string() fill="#01689b"></rect>
                            <text x=format!("{:.1}", label_w + w + 6.0) y=(y + 18).to_string() font-size="13">{b.value.to_string()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <details class="hw-chart__table">
                <summary>{format!("Tabel: {}", series.title)}</summary>
                <Table label=format!("Tabel: {}", series.title) caption=series.title.clone()>
                    <Head>
                            <HeaderCell>"Categorie"</HeaderCell>
                            <HeaderCell>"Aantal"</HeaderCell>
                    </Head>
                    <Body>
                        {series.bars.into_iter().map(|b| view! {
                            <Row>
                                <RowHeader>{b.label}</RowHeader>
                                <Cell>{b.value}</Cell>
                            </Row>
                        }).collect_view()}
                    </Body>
                </Table>
            </details>
        </figure>
    }
    .into_any()
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let stats = Resource::new(|| (), |_| statistics());
    view! {
        <h1 class="utrecht-heading-1">"Statistieken"</h1>
        <p class="utrecht-paragraph">"Alleen totalen: geen lijsten van personen."</p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match stats.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(s) => {
                        let csv = format!("data:text/csv;charset=utf-8,{}", kernel::candidates::urlencode(&to_csv(&s)).replace('+', "%20"));
                        view! {
                            <p class="utrecht-paragraph">{format!("Gemeente {} · regio {}", s.municipality, s.region)}</p>
                            <p class="utrecht-paragraph"><a class="utrecht-link" href=csv download="hallowerk-statistieken.csv">"Download als CSV"</a></p>
                            {s.series.into_iter().enumerate().map(|(index, series)| view! { <BarChart series index /> }).collect_view()}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_one_line_per_bar_and_quotes_separators() {
        let s = Stats {
            municipality: "Rotterdam".into(),
            region: "Rijnmond".into(),
            series: vec![Series {
                title: "Per doelgroep".into(),
                bars: vec![
                    Bar {
                        label: "BBL".into(),
                        value: 3,
                    },
                    Bar {
                        label: "a;b".into(),
                        value: 0,
                    },
                ],
            }],
        };
        assert_eq!(
            to_csv(&s),
            "reeks;label;aantal\nPer doelgroep;BBL;3\nPer doelgroep;\"a;b\";0\n"
        );
    }
}
