//! Words of the employer-readable free text as keyword search sees them, in one place for
//! the candidate index's lists and the SQL path's full-text queries: runs of letters and
//! digits, folded to lower case without accents ("Café" → "cafe"), as SQLite's `unicode61
//! remove_diacritics` tokenizer folds and as PostgreSQL's `search_nl` column is made
//! (migration m20261207_000001, with [`ACCENTED`] and [`PLAIN`]). A keyword matches every word
//! it begins, as typed ("kok" finds "koken"); a search with several keywords needs all of them.
//! No stemming: it would differ between the databases, and a typed prefix finds the forms.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The Latin letters with accents that PostgreSQL folds in SQL (`translate`), each to the
/// letter of [`PLAIN`] at its place: every letter of U+00C0–U+024F whose canonical
/// decomposition is an ASCII letter and accents, so the database folds them as [`fold`] does.
pub const ACCENTED: &str = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ";
pub const PLAIN: &str = "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy";

/// Part of a word: a letter or digit, or an accent written as a character of its own (it is
/// dropped when folded, as the tokenizer drops it).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// A word folded: lower case, accents dropped ("Café" → "cafe").
fn fold(word: &str) -> Box<str> {
    if word.is_ascii() {
        return word.to_ascii_lowercase().into_boxed_str();
    }
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    lower
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .into_boxed_str()
}

/// The words of some texts, folded, each once, sorted.
pub fn words<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Box<str>> {
    let mut out: Vec<Box<str>> = texts
        .into_iter()
        .flat_map(|t| t.split(|c: char| !in_word(c)))
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// At most this many keywords count (a search box, not a document).
const MAX_KEYWORDS: usize = 8;

/// The keywords of what an employer typed, folded, each once: what the candidate index and
/// the full-text query of either database search for; `None` when there are none.
pub fn query(q: &str) -> Option<Vec<Box<str>>> {
    let mut out: Vec<Box<str>> = q
        .split(|c: char| !in_word(c))
        .map(fold)
        .filter(|w| !w.is_empty())
        .take(MAX_KEYWORDS)
        .collect();
    out.sort_unstable();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

/// Whether every keyword of `query` begins one of `words` (both folded).
pub fn admit(words: &[Box<str>], query: &[Box<str>]) -> bool {
    query
        .iter()
        .all(|q| words.iter().any(|w| w.starts_with(&**q)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_split_and_each_once() {
        assert_eq!(
            words(["Café en cafés, auto's", "CAFÉ"]),
            ["auto", "cafe", "cafes", "en", "s"].map(Box::from).to_vec()
        );
        // An accent written as a character of its own stays in its word.
        assert_eq!(words(["cafe\u{301}s"]), vec![Box::from("cafes")]);
    }

    #[test]
    fn a_text_is_admitted_as_the_lists_would_find_it() {
        let w = words(["Ik zoek werk in de zorg"]);
        assert!(admit(&w, &query("zor wer").unwrap()));
        assert!(!admit(&w, &query("zorg bouw").unwrap()));
    }

    /// The table PostgreSQL folds with is the fold of this module, letter by letter.
    #[test]
    fn the_databases_accent_table_is_this_fold() {
        assert_eq!(ACCENTED.chars().count(), PLAIN.chars().count());
        for (a, p) in ACCENTED.chars().zip(PLAIN.chars()) {
            assert_eq!(&*fold(&a.to_string()), p.to_string(), "{a}");
        }
    }
}
