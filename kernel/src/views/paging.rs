//! One page of a bounded list: what every paged list that is not a feature's own type returns.

use serde::{Deserialize, Serialize};

/// Rows per page of the lists that use [`Paged`].
pub const PAGE_SIZE: u64 = 25;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub total: u64,
    /// Zero-based; a page asked past the end is the last page.
    pub page: u32,
    pub pages: u32,
    pub items: Vec<T>,
}

impl<T> Paged<T> {
    /// Page `page` of `all`, which is already in order and in memory (a list computed in Rust,
    /// such as matches; lists read from the database page in the query instead).
    pub fn slice(all: Vec<T>, page: u32, size: u64) -> Self {
        let size = size.max(1);
        let total = all.len() as u64;
        let pages = u32::try_from(total.div_ceil(size)).unwrap_or(u32::MAX);
        let page = page.min(pages.saturating_sub(1));
        let items = all
            .into_iter()
            .skip(usize::try_from(u64::from(page) * size).unwrap_or(usize::MAX))
            .take(usize::try_from(size).unwrap_or(usize::MAX))
            .collect();
        Paged {
            total,
            page,
            pages,
            items,
        }
    }

    /// The same page with `items` in place of its rows (built from them, in their order).
    pub fn with_items<U>(self, items: Vec<U>) -> Paged<U> {
        Paged {
            total: self.total,
            page: self.page,
            pages: self.pages,
            items,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            total: self.total,
            page: self.page,
            pages: self.pages,
            items: self.items.into_iter().map(f).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_is_one_page_and_a_page_past_the_end_is_the_last() {
        let all: Vec<u32> = (0..60).collect();
        let first = Paged::slice(all.clone(), 0, 25);
        assert_eq!((first.total, first.pages, first.page), (60, 3, 0));
        assert_eq!(first.items, (0..25).collect::<Vec<_>>());
        let last = Paged::slice(all.clone(), u32::MAX, 25);
        assert_eq!(last.page, 2);
        assert_eq!(last.items, (50..60).collect::<Vec<_>>());
        let none = Paged::slice(Vec::<u32>::new(), 7, 25);
        assert_eq!((none.total, none.pages, none.page), (0, 0, 0));
        assert!(none.items.is_empty());
        assert_eq!(Paged::slice(all, 1, 25).map(|n| n * 2).items[0], 50);
    }
}
