//! Dates and times as the app shows them (Dutch order: 07-12-2026, 07-12-2026 14:05), and the
//! date a date input gives. Written out by hand rather than with chrono's `format`: its
//! format-string machinery was the largest chunk of the statements' part of the browser bundle
//! (18 KB as sent, loaded by `/privacy` and every signed-in page).
//!
//! The writers are inlined into every caller on purpose: as one shared function, called from the
//! parts of every audience, `wasm-split` kept it and some 130 KB of code around it in the main
//! module (713 -> 842 KB raw, 207 -> 246 KB as sent; measured with `scripts/build-site --release`).

use chrono::{Datelike, NaiveDate, Timelike};

/// A day: `07-12-2026`.
#[inline(always)]
pub fn day(d: &impl Datelike) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

/// A day and the time to the minute: `07-12-2026 14:05`.
#[inline(always)]
pub fn minute<T: Datelike + Timelike>(t: &T) -> String {
    format!("{} {:02}:{:02}", day(t), t.hour(), t.minute())
}

/// A day and the time to the second: `07-12-2026 14:05:09` (the audit log).
#[inline(always)]
pub fn second<T: Datelike + Timelike>(t: &T) -> String {
    format!("{}:{:02}", minute(t), t.second())
}

/// The day a date input (type `date`) gives: `2026-12-07`; `None` for anything else.
pub fn parse_input(s: &str) -> Option<NaiveDate> {
    kernel::day::Day::parse(s.trim()).map(|d| d.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn writes_what_chrono_format_wrote() {
        let t = Utc.with_ymd_and_hms(2026, 3, 7, 4, 5, 9).unwrap();
        assert_eq!(day(&t), t.format("%d-%m-%Y").to_string());
        assert_eq!(minute(&t), t.format("%d-%m-%Y %H:%M").to_string());
        assert_eq!(second(&t), t.format("%d-%m-%Y %H:%M:%S").to_string());
        let d = NaiveDate::from_ymd_opt(987, 12, 31).unwrap();
        assert_eq!(day(&d), d.format("%d-%m-%Y").to_string());
    }

    #[test]
    fn reads_a_date_input_with_spaces_around() {
        // The day itself is read by `kernel::day::Day::parse` (tested there).
        assert_eq!(
            parse_input(" 2026-12-07 "),
            NaiveDate::from_ymd_opt(2026, 12, 7)
        );
        assert_eq!(parse_input("07-12-2026"), None);
    }
}
