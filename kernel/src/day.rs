//! A calendar day as the browser receives it: `YYYY-MM-DD` on the wire, written and read by
//! hand. chrono's own `Deserialize` goes through its general date parser, which the browser
//! bundle would then carry (10 KB as sent); a page that shows only days (`/privacy`) does
//! without it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub NaiveDate);

impl Day {
    /// `YYYY-MM-DD` (four-digit year, two-digit month and day), as a date input gives it;
    /// `None` for anything else, or a day the calendar does not have.
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r.clone()].iter().all(u8::is_ascii_digit);
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return None;
        }
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
        NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?).map(Day)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a day as YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Day, E> {
                Day::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_chrono_reads_for_a_plain_day_and_nothing_else() {
        for good in ["2026-02-28", "2024-02-29", "1950-01-01", "0987-12-31"] {
            let chrono = NaiveDate::parse_from_str(good, "%Y-%m-%d").unwrap();
            assert_eq!(Day::parse(good), Some(Day(chrono)), "{good}");
            assert_eq!(Day(chrono).to_string(), good);
        }
        for bad in [
            "",
            "2026-02-30",
            "2025-02-29",
            "2026-2-28",
            "28-02-2026",
            "2026-02-28x",
            "+026-02-28",
            "2026-02",
            " 2026-02-28",
            "2026/02/28",
            "２026-02-28",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn on_the_wire_as_chrono_writes_a_day() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let ours = serde_json::to_string(&Day(d)).unwrap();
        assert_eq!(ours, serde_json::to_string(&d).unwrap());
        assert_eq!(serde_json::from_str::<Day>(&ours).unwrap(), Day(d));
        assert!(serde_json::from_str::<Day>("\"2026-13-01\"").is_err());
        assert!(serde_json::from_str::<Day>("20261207").is_err());
    }
}
