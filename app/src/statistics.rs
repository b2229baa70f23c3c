//! "Statistieken": aggregates only, never a list of people — active job seekers per target
//! group, invitations and placements per month, contact requests by qualification (and region).
//! Shown as accessible SVG bar charts, each with the same numbers as a table, and as CSV.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One bar of a chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub title: String,
    pub bars: Vec<Bar>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub municipality: String,
    pub region: String,
    pub series: Vec<Series>,
}

/// The statistics as CSV: `reeks;label;aantal`, one line per bar.
pub fn to_csv(s: &Stats) -> String {
    let quote = |v: &str| {
        if v.contains([';', '"', '\n']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_string()
        }
    };
    let mut out = String::from("reeks;label;aantal\n");
    for series in &s.series {
        for bar in &series.bars {
            out.push_str(&format!(
                "{};{};{}\n",
                quote(&series.title),
                quote(&bar.label),
                bar.value
            ));
        }
    }
    out
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::auth::ssr::Principal;
    use crate::domain::{Outcome, ProfileState, Qualification};
    use crate::privacy_desk::ssr::own_municipality;
    use chrono::{Datelike, Months, NaiveDate, Utc};
    use entity::{contact_archive, contact_message, invitation, job_seeker, municipality, region};
    use sea_orm::{
        ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    };
    use std::collections::BTreeMap;

    fn month_key(d: NaiveDate) -> String {
        format!("{:04}-{:02}", d.year(), d.month())
    }

    pub async fn compute<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<Stats, AppError> {
        let municipality_id = own_municipality(p)?;
        let m = municipality::Entity::find_by_id(municipality_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let r = region::Entity::find_by_id(m.region_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;

        let people = p.scope.people(db).await?;
        let active = || {
            people
                .clone()
                .filter(job_seeker::Column::State.eq(ProfileState::Active.code()))
        };
        let mut groups = vec![Bar {
            label: "Alle actieve werkzoekenden".into(),
            value: active().count(db).await?,
        }];
        for (label, col) in [
            ("Banenafspraak", job_seeker::Column::TargetBanenafspraak),
            ("Praktijkroute", job_seeker::Column::TargetPraktijkroute),
            ("BBL", job_seeker::Column::TargetBbl),
            ("Ondernemer", job_seeker::Column::TargetOndernemer),
        ] {
            groups.push(Bar {
                label: label.into(),
                value: active().filter(col.eq(true)).count(db).await?,
            });
        }

        // The last twelve months, oldest first.
        let today = Utc::now().date_naive();
        let first =
            NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month");
        let months: Vec<String> = (0..12)
            .rev()
            .map(|k| month_key(first - Months::new(k)))
            .collect();
        let own_people: Vec<i32> = people
            .select_only()
            .column(job_seeker::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        let mut invited: BTreeMap<String, u64> = months.iter().map(|m| (m.clone(), 0)).collect();
        let mut placed = invited.clone();
        for inv in invitation::Entity::find()
            .filter(invitation::Column::JobSeekerId.is_in(own_people))
            .all(db)
            .await?
        {
            if let Some(n) = invited.get_mut(&month_key(inv.created_at.date_naive())) {
                *n += 1;
            }
            if inv.outcome.as_deref() == Some(Outcome::Placed.code())
                && let Some(n) = placed.get_mut(&month_key(inv.updated_at.date_naive()))
            {
                *n += 1;
            }
        }
        let to_bars = |m: BTreeMap<String, u64>| {
            m.into_iter()
                .map(|(label, value)| Bar { label, value })
                .collect()
        };

        // Contact requests of the region: open messages plus the anonymous archive.
        let mut contacts: BTreeMap<&str, u64> =
            Qualification::ALL.iter().map(|q| (q.code(), 0)).collect();
        for m in contact_message::Entity::find()
            .filter(contact_message::Column::RegionId.eq(r.id))
            .all(db)
            .await?
        {
            *contacts
                .entry(Qualification::from_code(&m.qualification).map_or("overig", |q| q.code()))
                .or_default() += 1;
        }
        for a in contact_archive::Entity::find()
            .filter(contact_archive::Column::RegionId.eq(r.id))
            .all(db)
            .await?
        {
            *contacts
                .entry(Qualification::from_code(&a.qualification).map_or("overig", |q| q.code()))
                .or_default() += 1;
        }
        let contact_bars = Qualification::ALL
            .iter()
            .map(|q| Bar {
                label: q.label().into(),
                value: contacts.get(q.code()).copied().unwrap_or(0),
            })
            .collect();

        Ok(Stats {
            municipality: m.name,
            region: r.name.clone(),
            series: vec![
                Series {
                    title: "Actieve werkzoekenden per doelgroep".into(),
                    bars: groups,
                },
                Series {
                    title: "Uitnodigingen per maand".into(),
                    bars: to_bars(invited),
                },
                Series {
                    title: "Plaatsingen per maand".into(),
                    bars: to_bars(placed),
                },
                Series {
                    title: format!("Contactverzoeken per kwalificatie (regio {})", r.name),
                    bars: contact_bars,
                },
            ],
        })
    }
}

#[server(prefix = "/api", endpoint = "statistics")]
pub async fn statistics() -> Result<Stats, AppError> {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    let me = require(&[Role::Staff]).await?;
    ssr::compute(&crate::state::db()?, &me).await
}

/// A horizontal bar chart in SVG, labelled for screen readers, with its table alongside.
#[component]
pub fn BarChart(series: Series, index: usize) -> impl IntoView {
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
                <table class="utrecht-table">
                    <caption class="utrecht-table__caption">{series.title.clone()}</caption>
                    <thead class="utrecht-table__header">
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="col">"Categorie"</th>
                            <th class="utrecht-table__header-cell" scope="col">"Aantal"</th>
                        </tr>
                    </thead>
                    <tbody class="utrecht-table__body">
                        {series.bars.into_iter().map(|b| view! {
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="row">{b.label}</th>
                                <td class="utrecht-table__cell">{b.value}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
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
                    Err(e) => view! { <crate::layout::ErrorNotice error=e /> }.into_any(),
                    Ok(s) => {
                        let csv = format!("data:text/csv;charset=utf-8,{}", crate::candidates::urlencode(&to_csv(&s)).replace('+', "%20"));
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
