//! The public accountability pages over HTTP against a real database: how filtering and
//! matching work (`/algoritme`), its Algoritmeregister export (`/algoritme.json`, one
//! registration per gemeente) and the accessibility statement (`/toegankelijkheid`).

use crate::common::TestApp;
use entity::{municipality, region};
use http::StatusCode;
use kernel::algorithm::{LIMITS, filter_fields, match_fields, never_used};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};

/// The part of `html` inside the element marked `data-testid="{id}"` (up to its list's end).
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("data-testid=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id} on the page"));
    let rest = &html[start..];
    &rest[..rest.find("</ul>").unwrap_or(rest.len())]
}

async fn the_algorithm_page_lists_the_fields_the_code_uses(app: &TestApp) {
    let page = app.get(None, "/algoritme").await;
    assert_eq!(page.status, StatusCode::OK);
    let filter = section(&page.body, "filter-fields");
    let matching = section(&page.body, "match-fields");
    let never = section(&page.body, "never-used");
    for f in filter_fields().iter() {
        assert!(
            filter.contains(f.label()),
            "filter list lacks {}",
            f.label()
        );
        assert!(
            !never.contains(&format!(">{}<", f.label())),
            "{} both used and not",
            f.label()
        );
    }
    for f in match_fields().iter() {
        assert!(
            matching.contains(f.label()),
            "match list lacks {}",
            f.label()
        );
    }
    for f in never_used() {
        assert!(
            never.contains(f.label()),
            "never-used list lacks {}",
            f.label()
        );
        assert!(!filter.contains(&format!(">{}<", f.label())));
    }
    assert!(never.contains("Geboortedatum") && never.contains("Geslacht"));
    assert!(page.body.contains("href=\"/algoritme.json\""));
    // Every page links to it (and to the accessibility statement) from its footer.
    let home = app.get(None, "/contact").await;
    assert!(
        home.body.contains("href=\"/algoritme\"")
            && home.body.contains("href=\"/toegankelijkheid\"")
    );
}

async fn the_register_export_has_one_registration_per_gemeente(app: &TestApp) {
    let res = app.get(None, "/algoritme.json").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let entries = res.json();
    let entries = entries.as_array().expect("a list");
    let active: Vec<municipality::Model> = municipality::Entity::find()
        .filter(municipality::Column::Active.eq(true))
        .all(&app.db)
        .await
        .unwrap();
    let desks: HashMap<i32, Option<String>> = region::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.department_email))
        .collect();
    assert_eq!(entries.len(), active.len());
    let organisations: BTreeSet<String> = entries
        .iter()
        .map(|e| e["organization"].as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = active
        .iter()
        .map(|m| format!("Gemeente {}", m.name))
        .collect();
    assert_eq!(organisations, expected);
    for m in &active {
        let e = entries
            .iter()
            .find(|e| e["organization"] == format!("Gemeente {}", m.name))
            .unwrap();
        // The gemeente's own work desk is the contact, where the region has one.
        if let Some(Some(desk)) = desks.get(&m.region_id) {
            assert_eq!(e["contact_email"], desk.as_str());
        }
        for (field, max) in LIMITS {
            let v = e[field]
                .as_str()
                .unwrap_or_else(|| panic!("{field} missing"));
            assert!(
                !v.trim().is_empty() && v.chars().count() <= max,
                "{field}: {v}"
            );
        }
        assert_eq!(e["status"], "In gebruik");
        assert_eq!(e["lang"], "nld");
        assert_eq!(e["standard_version"], "1.0");
        let source = e["source_data"].as_str().unwrap();
        let never = &source[source
            .find("Nooit gebruikt")
            .expect("names what is never used")..];
        for f in never_used() {
            assert!(never.contains(f.label()), "{}", f.label());
        }
    }
}

async fn the_accessibility_statement_names_status_issues_and_complaints(app: &TestApp) {
    let page = app.get(None, "/toegankelijkheid").await;
    assert_eq!(page.status, StatusCode::OK);
    for part in [
        "Toegankelijkheidsverklaring",
        "eerste maatregelen genomen",
        "WCAG 2.1",
        "data-testid=\"known-issues\"",
        "1.4.10",
        "Nationale ombudsman",
        "href=\"/contact\"",
    ] {
        assert!(page.body.contains(part), "{part}");
    }
}

on_both_databases!(
    the_algorithm_page_lists_the_fields_the_code_uses,
    the_register_export_has_one_registration_per_gemeente,
    the_accessibility_statement_names_status_issues_and_complaints,
);
