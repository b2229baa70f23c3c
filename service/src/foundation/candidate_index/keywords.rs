//! The keyword part of the candidate index: every word of the employer-readable free text
//! (interests, talents, motivation, desired work), folded (lower case, accents dropped, as
//! SQLite's `unicode61 remove_diacritics` tokenizer folds), with the job seekers whose text
//! holds it. A keyword matches every word it begins, as typed ("kok" finds "koken"); a search
//! with several keywords needs all of them.
//!
//! Answered in process, the same on both databases: at 1,000,000 job seekers PostgreSQL took
//! 0.3 to 3.9 s to list the ids of a common prefix (it builds the whole GIN bitmap before any
//! limit), a whole request's budget many times over. Here a list is the gaps between its ids
//! (one byte each for a common word), or a bitmap where that is smaller.
//!
//! The words are those of [`crate::foundation::words`], which the SQL path folds the same way.

use super::IdSet;
use std::collections::HashMap;

/// The job seekers whose text holds one word.
enum List {
    /// Ids ascending, each written as its distance from the one before (LEB128).
    Gaps(Box<[u8]>),
    /// A word in so many texts that a bitmap of all ids is smaller than its gaps.
    Bitmap(IdSet),
}

fn push_gap(out: &mut Vec<u8>, mut gap: u32) {
    while gap >= 0x80 {
        out.push((gap as u8) | 0x80);
        gap >>= 7;
    }
    out.push(gap as u8);
}

fn ids_of(gaps: &[u8]) -> impl Iterator<Item = i32> + '_ {
    let mut at = 0;
    let mut id: i64 = 0;
    std::iter::from_fn(move || {
        let mut gap: u32 = 0;
        let mut shift = 0;
        loop {
            let b = *gaps.get(at)?;
            at += 1;
            gap |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        id += i64::from(gap);
        i32::try_from(id).ok()
    })
}

/// A list while the base is read.
struct Growing {
    last: i32,
    gaps: Vec<u8>,
}

/// Gathers the words of the base, job seeker by job seeker in the order of their ids.
#[derive(Default)]
pub struct Builder {
    words: HashMap<Box<str>, Growing>,
    max_id: i32,
}

impl Builder {
    /// The words of job seeker `id`, whose id is above every id added before (the base is
    /// read in the order of ids; an id out of that order would be left out of these lists).
    pub fn add(&mut self, id: i32, words: &[Box<str>]) {
        debug_assert!(id > 0 && id >= self.max_id, "ids in ascending order");
        if id <= 0 {
            return;
        }
        for w in words {
            let list = match self.words.get_mut(w) {
                Some(list) => list,
                None => self.words.entry(w.clone()).or_insert(Growing {
                    last: 0,
                    gaps: Vec::new(),
                }),
            };
            if id > list.last {
                push_gap(&mut list.gaps, (id - list.last) as u32);
                list.last = id;
            }
        }
        self.max_id = self.max_id.max(id);
    }

    pub fn finish(self) -> Keywords {
        let bitmap_bytes = (self.max_id.max(0) as usize / 64 + 1) * 8;
        let mut words: Vec<(Box<str>, Growing)> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (words, lists) = words
            .into_iter()
            .map(|(w, g)| {
                let list = if g.gaps.len() > bitmap_bytes {
                    List::Bitmap(ids_of(&g.gaps).collect())
                } else {
                    List::Gaps(g.gaps.into_boxed_slice())
                };
                (w, list)
            })
            .unzip();
        Keywords {
            words,
            lists,
            max_id: self.max_id,
        }
    }
}

/// Every word of the base's texts, sorted, with its list; never changed once built.
#[derive(Default)]
pub struct Keywords {
    words: Vec<Box<str>>,
    lists: Vec<List>,
    max_id: i32,
}

impl Keywords {
    /// The job seekers with a word that `prefix` begins, added to `into`.
    fn add_beginning_with(&self, prefix: &str, into: &mut IdSet) {
        let start = self.words.partition_point(|w| &**w < prefix);
        for (w, list) in self.words[start..].iter().zip(&self.lists[start..]) {
            if !w.starts_with(prefix) {
                break;
            }
            match list {
                List::Gaps(gaps) => ids_of(gaps).for_each(|id| into.insert(id)),
                List::Bitmap(ids) => into.union_with(ids),
            }
        }
    }

    /// The job seekers whose text every keyword of `query` begins a word of.
    pub fn find(&self, query: &[Box<str>]) -> IdSet {
        let mut found: Option<IdSet> = None;
        for q in query {
            let mut these = IdSet::with_max(self.max_id);
            self.add_beginning_with(q, &mut these);
            found = Some(match found {
                None => these,
                Some(mut found) => {
                    found.intersect_with(&these);
                    found
                }
            });
        }
        found.unwrap_or_default()
    }

    /// Bytes the words and lists take, allocator overhead not counted (diagnostics: the
    /// index's build line names it).
    pub fn size(&self) -> usize {
        let heap: usize = self
            .lists
            .iter()
            .map(|l| match l {
                List::Gaps(g) => g.len(),
                List::Bitmap(ids) => ids.bytes(),
            })
            .sum::<usize>()
            + self.words.iter().map(|w| w.len()).sum::<usize>();
        heap + self.words.len() * (size_of::<Box<str>>() + size_of::<List>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::words::{query, words};

    fn built(texts: &[(i32, &str)]) -> Keywords {
        let mut b = Builder::default();
        for (id, t) in texts {
            b.add(*id, &words([*t]));
        }
        b.finish()
    }

    fn ids(set: &IdSet, upto: i32) -> Vec<i32> {
        (0..=upto).filter(|id| set.contains(*id)).collect()
    }

    #[test]
    fn a_keyword_finds_every_word_it_begins_and_all_keywords_are_needed() {
        let k = built(&[
            (1, "koken en bakken"),
            (3, "kok in de keuken"),
            (7, "Kokkin, bakkerij"),
            (300, "tuinieren"),
        ]);
        assert_eq!(ids(&k.find(&query("kok").unwrap()), 400), [1, 3, 7]);
        assert_eq!(ids(&k.find(&query("bak kok").unwrap()), 400), [1, 7]);
        assert_eq!(ids(&k.find(&query("KÓK").unwrap()), 400), [1, 3, 7]);
        assert_eq!(ids(&k.find(&query("tuin").unwrap()), 400), [300]);
        assert!(ids(&k.find(&query("kokx").unwrap()), 400).is_empty());
        assert!(ids(&k.find(&query("bak tuin").unwrap()), 400).is_empty());
        assert_eq!(query(" ,. "), None);
    }

    #[test]
    fn long_gaps_and_common_words_keep_every_id() {
        // Far-apart ids (gaps of several bytes) and a word in every text (a bitmap).
        let texts: Vec<(i32, String)> = (1..2000)
            .map(|i| {
                let id = i * 997;
                (
                    id,
                    format!("ik wil werken {}", if i % 3 == 0 { "zorg" } else { "" }),
                )
            })
            .collect();
        let mut b = Builder::default();
        for (id, t) in &texts {
            b.add(*id, &words([t.as_str()]));
        }
        let k = b.finish();
        let upto = 2000 * 997;
        let all: Vec<i32> = texts.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids(&k.find(&query("ik").unwrap()), upto), all);
        let zorg: Vec<i32> = all.iter().copied().filter(|id| id / 997 % 3 == 0).collect();
        assert_eq!(ids(&k.find(&query("zo wer").unwrap()), upto), zorg);
    }

    #[test]
    fn gaps_read_back_as_written() {
        let mut out = Vec::new();
        let ids = [1, 2, 130, 20_000, 2_000_000, i32::MAX];
        let mut last = 0;
        for id in ids {
            push_gap(&mut out, (id - last) as u32);
            last = id;
        }
        assert_eq!(ids_of(&out).collect::<Vec<_>>(), ids);
    }
}
