//! The types of `statistics` that the service returns and the browser shows.

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
