//! The start page of a signed-in user: the work of the day, each item a count of what waits and
//! the page where it is done (issue 36, item 1).

use serde::{Deserialize, Serialize};

/// One kind of work that waits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    /// What waits, in Dutch, as it reads after its count ("privacyverzoeken over de termijn").
    pub label: String,
    pub count: u64,
    /// The page where it is done.
    pub href: String,
    /// Past a legal deadline: shown first and marked, whatever its count.
    pub overdue: bool,
    /// Counted only up to `count`: there are at least that many.
    pub at_least: bool,
}

impl WorkItem {
    pub fn new(count: u64, label: &str, href: &str) -> WorkItem {
        WorkItem {
            label: label.to_string(),
            count,
            href: href.to_string(),
            overdue: false,
            at_least: false,
        }
    }

    /// Counted up to `cap`: a count past it shows as "`cap`+".
    pub fn capped(self, cap: u64) -> WorkItem {
        WorkItem {
            at_least: self.count > cap,
            count: self.count.min(cap),
            ..self
        }
    }

    pub fn overdue(self) -> WorkItem {
        WorkItem {
            overdue: true,
            ..self
        }
    }
}

/// The work of the day, most pressing first: overdue items, then the rest as given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Today {
    pub items: Vec<WorkItem>,
}

impl Today {
    pub fn of(mut items: Vec<WorkItem>) -> Today {
        // Stable: within each group the order the service gave.
        items.sort_by_key(|i| !(i.overdue && i.count > 0));
        Today { items }
    }

    /// Nothing waits.
    pub fn is_empty(&self) -> bool {
        self.items.iter().all(|i| i.count == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_work_comes_first_and_the_rest_keeps_its_order() {
        let today = Today::of(vec![
            WorkItem::new(2, "a", "/a"),
            WorkItem::new(0, "late but none", "/b").overdue(),
            WorkItem::new(1, "c", "/c"),
            WorkItem::new(3, "late", "/d").overdue(),
        ]);
        let labels: Vec<&str> = today.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["late", "a", "late but none", "c"]);
        assert!(!today.is_empty());
        assert!(Today::of(vec![WorkItem::new(0, "a", "/a")]).is_empty());
    }

    #[test]
    fn a_capped_count_says_at_least() {
        let over = WorkItem::new(100, "a", "/a").capped(99);
        assert_eq!((over.count, over.at_least), (99, true));
        let within = WorkItem::new(99, "a", "/a").capped(99);
        assert_eq!((within.count, within.at_least), (99, false));
    }
}
