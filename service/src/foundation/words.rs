//! Words of the employer-readable free text as keyword search sees them, in one place for
//! the candidate index's lists and the SQL path's full-text queries: runs of letters and
//! digits, in lower case, the accented Latin letters of [`ACCENTED`] folded to their plain
//! letter ("Café" → "cafe") and accents written as characters of their own dropped. PostgreSQL's
//! `search_nl` column is made with the same table and steps (migration m20261207_000001);
//! SQLite's `unicode61 remove_diacritics 2` tokenizer folds the same Latin letters. A keyword
//! matches every word it begins, as typed ("kok" finds "koken"); a search with several
//! keywords needs all of them. No stemming: it would differ between the databases, and a typed
//! prefix finds the forms.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The accented Latin letters folded, each to the letter of [`PLAIN`] at its place: every
/// letter of U+00C0–U+024F whose canonical decomposition is an ASCII letter and accents. The
/// database folds with this table too (`translate`), so both fold exactly these.
pub const ACCENTED: &str = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ";
pub const PLAIN: &str = "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy";

static PLAIN_OF: LazyLock<HashMap<char, char>> =
    LazyLock::new(|| ACCENTED.chars().zip(PLAIN.chars()).collect());

/// An accent written as a character of its own (U+0300–U+036F, combining diacritical marks):
/// part of its word, and dropped when folded.
fn accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn in_word(c: char) -> bool {
    c.is_alphanumeric() || accent(c)
}

/// A word folded: lower case, accented letters of the table plain, accents of their own
/// dropped ("Café" → "cafe").
fn fold(word: &str) -> Box<str> {
    if word.is_ascii() {
        return word.to_ascii_lowercase().into_boxed_str();
    }
    word.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !accent(*c))
        .map(|c| PLAIN_OF.get(&c).copied().unwrap_or(c))
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
    let mut out: Vec<Box<str>> = Vec::new();
    for w in q.split(|c: char| !in_word(c)).map(fold) {
        if out.len() == MAX_KEYWORDS {
            break;
        }
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The words of a job seeker's searched text: exactly the employer-readable free text
/// (interests, talents, motivation, desired work), as the migrations' `TEXT` joins it.
pub fn of_profile(texts: [&Option<String>; 4]) -> Vec<Box<str>> {
    words(texts.into_iter().flatten().map(String::as_str))
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
        // An accent written as a character of its own stays in its word, and is dropped.
        assert_eq!(words(["cafe\u{301}s"]), vec![Box::from("cafes")]);
        // Letters outside the table stay as they are (as in the database).
        assert_eq!(
            words(["Łódź Ørsted"]),
            vec![Box::from("ørsted"), "łodz".into()]
        );
    }

    #[test]
    fn a_text_is_admitted_as_the_lists_would_find_it() {
        let w = words(["Ik zoek werk in de zorg"]);
        assert!(admit(&w, &query("zor wer").unwrap()));
        assert!(!admit(&w, &query("zorg bouw").unwrap()));
    }

    /// The table is what it says: exactly the letters of U+00C0–U+024F whose canonical
    /// decomposition is an ASCII letter and accents, each with that letter (lower case).
    #[test]
    fn the_accent_table_holds_exactly_the_accented_latin_letters() {
        use unicode_normalization::UnicodeNormalization;
        use unicode_normalization::char::is_combining_mark;
        assert_eq!(ACCENTED.chars().count(), PLAIN.chars().count());
        for c in '\u{c0}'..='\u{24f}' {
            let decomposed: String = c
                .to_string()
                .nfd()
                .filter(|m| !is_combining_mark(*m))
                .collect();
            let plain = decomposed.to_ascii_lowercase();
            let accented = plain.len() == 1
                && plain.chars().all(|p| p.is_ascii_alphabetic())
                && decomposed != c.to_string();
            assert_eq!(
                PLAIN_OF.get(&c).map(char::to_string),
                accented.then_some(plain),
                "{c}"
            );
        }
    }
}
