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
        let dense = |g: &Growing| g.gaps.len() > bitmap_bytes;
        let mut k = Keywords {
            text: String::with_capacity(words.iter().map(|(w, _)| w.len()).sum()),
            starts: Vec::with_capacity(words.len() + 1),
            gaps: Vec::with_capacity(
                words
                    .iter()
                    .filter(|(_, g)| !dense(g))
                    .map(|(_, g)| g.gaps.len())
                    .sum(),
            ),
            lists: Vec::with_capacity(words.len() + 1),
            bitmaps: HashMap::new(),
            max_id: self.max_id,
        };
        k.starts.push(0);
        k.lists.push(0);
        for (i, (w, g)) in words.into_iter().enumerate() {
            k.text.push_str(&w);
            k.starts.push(k.text.len());
            if dense(&g) {
                k.bitmaps.insert(i, ids_of(&g.gaps).collect());
            } else {
                k.gaps.extend_from_slice(&g.gaps);
            }
            k.lists.push(k.gaps.len());
        }
        k
    }
}

/// Every word of the base's texts, sorted, with its list; never changed once built. Held end
/// to end in a few large buffers rather than a string and a list per word: real texts have
/// hundreds of thousands of distinct words (names, typos, compounds), most in one profile, and
/// a heap block per word would cost more than the ids.
#[derive(Default)]
pub struct Keywords {
    /// The words, sorted, end to end: word `i` is `text[starts[i]..starts[i + 1]]`.
    text: String,
    starts: Vec<usize>,
    /// The gap-coded lists end to end: word `i`'s is `gaps[lists[i]..lists[i + 1]]` (empty
    /// for a word whose list is a bitmap).
    gaps: Vec<u8>,
    lists: Vec<usize>,
    /// Word index → its list, for the words in so many texts that a bitmap is smaller.
    bitmaps: HashMap<usize, IdSet>,
    max_id: i32,
}

impl Keywords {
    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.starts[i]..self.starts[i + 1]]
    }

    /// The job seekers with a word that `prefix` begins, added to `into`.
    fn add_beginning_with(&self, prefix: &str, into: &mut IdSet) {
        // The first word not below `prefix` (binary search over the sorted words).
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.word(mid) < prefix {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for i in lo..self.len() {
            if !self.word(i).starts_with(prefix) {
                break;
            }
            match self.bitmaps.get(&i) {
                Some(ids) => into.union_with(ids),
                None => ids_of(&self.gaps[self.lists[i]..self.lists[i + 1]])
                    .for_each(|id| into.insert(id)),
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

    /// Bytes the words and lists take (diagnostics: the index's build line names it).
    pub fn size(&self) -> usize {
        self.text.capacity()
            + self.gaps.capacity()
            + (self.starts.capacity() + self.lists.capacity()) * size_of::<usize>()
            + self
                .bitmaps
                .values()
                .map(|ids| ids.bytes() + 2 * size_of::<usize>())
                .sum::<usize>()
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

    /// Many distinct words, most in one text (names, typos): each found by its prefixes, and
    /// the table costs little beyond the words themselves.
    #[test]
    fn a_large_vocabulary_is_found_by_every_prefix() {
        let mut b = Builder::default();
        for id in 1..=10_000 {
            b.add(id, &words([format!("w{id} gemeenschappelijk").as_str()]));
        }
        let k = b.finish();
        let want: Vec<i32> = (1..=10_000)
            .filter(|id| id.to_string().starts_with("12"))
            .collect();
        assert_eq!(ids(&k.find(&query("w12").unwrap()), 10_000), want);
        assert_eq!(ids(&k.find(&query("w9999").unwrap()), 10_000), [9999]);
        assert_eq!(
            ids(&k.find(&query("gemeen w7").unwrap()), 10_000).len(),
            1111
        );
        assert!(ids(&k.find(&query("w0").unwrap()), 10_000).is_empty());
        assert!(ids(&k.find(&query("zz").unwrap()), 10_000).is_empty());
        // Words (about 6 bytes each) with two offsets, the lists of one-id words (a byte or
        // two), and one bitmap for the word every text has.
        assert!(k.size() < 10_000 * 32, "{} bytes", k.size());
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
