//! Input rules, shared by browser (instant feedback) and server (the authority). Each returns
//! the normalised value or a Dutch message that says how to fix the input.

use chrono::NaiveDate;

pub const MAX_NAME_LEN: usize = 100;
pub const MAX_TEXT_LEN: usize = 2000;

pub fn name(value: &str, label: &str) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(format!("Vul je {} in.", label.to_lowercase()));
    }
    if v.chars().count() > MAX_NAME_LEN {
        return Err(format!("{label} mag hoogstens {MAX_NAME_LEN} tekens zijn."));
    }
    if v.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
        return Err(format!(
            "{label} mag geen cijfers of speciale tekens bevatten."
        ));
    }
    Ok(v.to_string())
}

/// A pragmatic e-mail check: one `@`, a dotted domain, no spaces. Lower-cased.
pub fn email(value: &str) -> Result<String, String> {
    let v = value.trim().to_lowercase();
    let msg = || "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.".to_string();
    let (local, domain) = v.split_once('@').ok_or_else(msg)?;
    let ok = !local.is_empty()
        && local.len() <= 64
        && v.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !v.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok { Ok(v) } else { Err(msg()) }
}

/// Dutch postcode `1234 AB` (no leading zero), normalised to that form.
pub fn postal_code(value: &str) -> Result<String, String> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.to_uppercase();
    let b = compact.as_bytes();
    let ok = b.len() == 6
        && b[0] != b'0'
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_uppercase)
        // SA, SD and SS are not issued.
        && !matches!(&compact[4..], "SA" | "SD" | "SS");
    if ok {
        Ok(format!("{} {}", &compact[..4], &compact[4..]))
    } else {
        Err("Vul een geldige postcode in, bijvoorbeeld 3011 AB.".into())
    }
}

/// Dutch phone numbers: 10 digits starting with 0 (06…, 010…), or +31 / 0031 followed by 9
/// digits. Normalised to the national form without spaces, e.g. `0612345678`.
pub fn phone(value: &str) -> Result<String, String> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+31") {
        format!("0{rest}")
    } else if let Some(rest) = digits.strip_prefix("0031") {
        format!("0{rest}")
    } else {
        digits
    };
    let ok = national.len() == 10
        && national.starts_with('0')
        && !national.starts_with("00")
        && national.chars().all(|c| c.is_ascii_digit());
    if ok {
        Ok(national)
    } else {
        Err("Vul een Nederlands telefoonnummer in van 10 cijfers, bijvoorbeeld 06 12345678.".into())
    }
}

/// A birth date in the past, and not absurdly long ago.
pub fn birth_date(value: NaiveDate, today: NaiveDate) -> Result<NaiveDate, String> {
    if value >= today {
        return Err("Je geboortedatum moet in het verleden liggen.".into());
    }
    if value < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
        return Err("Controleer het jaartal van je geboortedatum.".into());
    }
    Ok(value)
}

/// The eleven-test (elfproef) for a BSN: 9 digits d1..d9 with
/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11 (and not all zero).
pub fn is_valid_bsn(digits: &[u8; 9]) -> bool {
    let sum: i32 = digits[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(d, w)| i32::from(*d) * w)
        .sum::<i32>()
        - i32::from(digits[8]);
    digits.iter().any(|d| *d != 0) && sum % 11 == 0
}

/// Finds a BSN-like number in free text: 9 digits in a row (not part of a longer number),
/// optionally written as `1234.56.789` or with spaces in the same grouping.
pub fn contains_bsn(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let is_digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    for start in 0..chars.len() {
        if !is_digit(start) || (start > 0 && is_digit(start - 1)) {
            continue;
        }
        // Collect digits allowing single '.', ' ' or '-' separators between groups.
        let mut digits = Vec::with_capacity(9);
        let mut i = start;
        while i < chars.len() && digits.len() < 10 {
            let c = chars[i];
            if c.is_ascii_digit() {
                digits.push(c as u8 - b'0');
                i += 1;
            } else if matches!(c, '.' | ' ' | '-') && is_digit(i + 1) && is_digit(i.wrapping_sub(1))
            {
                i += 1;
            } else {
                break;
            }
        }
        if digits.len() == 9 {
            let arr: [u8; 9] = digits.try_into().expect("nine digits");
            if is_valid_bsn(&arr) {
                return true;
            }
        }
    }
    false
}

/// Free text (interests, motivation, …): length-limited and without a BSN.
pub fn free_text(value: &str, label: &str) -> Result<String, String> {
    let v = value.trim();
    if v.chars().count() > MAX_TEXT_LEN {
        return Err(format!("{label} mag hoogstens {MAX_TEXT_LEN} tekens zijn."));
    }
    if contains_bsn(v) {
        return Err(format!(
            "{label} lijkt een burgerservicenummer (BSN) te bevatten. Een BSN hoort niet in je \
             profiel: haal het nummer weg."
        ));
    }
    Ok(v.to_string())
}

/// The warning shown near every free-text field.
pub const SPECIAL_CATEGORIES_WARNING: &str = "Vul hier geen BSN, medische gegevens, strafrechtelijk \
     verleden of geloofsovertuiging in. Die gegevens horen niet in HalloWerk.";

#[cfg(test)]
mod tests {
    use super::*;

    fn bsn(s: &str) -> [u8; 9] {
        s.bytes()
            .map(|b| b - b'0')
            .collect::<Vec<_>>()
            .try_into()
            .unwrap()
    }

    #[test]
    fn eleven_test_known_numbers() {
        // Valid test BSNs (published test numbers / hand-checked sums).
        for ok in ["111222333", "123456782", "999999990", "010000008"] {
            assert!(is_valid_bsn(&bsn(ok)), "{ok} should pass");
        }
        for bad in ["123456789", "111222334", "000000000", "999999999"] {
            assert!(!is_valid_bsn(&bsn(bad)), "{bad} should fail");
        }
    }

    #[test]
    fn finds_bsn_in_text_plain_and_dotted() {
        assert!(contains_bsn("mijn nummer is 111222333."));
        assert!(contains_bsn("BSN 1234.56.782"));
        assert!(contains_bsn("1234 56 782"));
        assert!(
            !contains_bsn("bel 0612345678"),
            "10 digits is a phone number"
        );
        assert!(!contains_bsn("123456789"), "fails the eleven-test");
        assert!(!contains_bsn("11122233344"), "part of a longer number");
        assert!(!contains_bsn("geen nummer"));
    }

    #[test]
    fn free_text_rejects_bsn_with_reason() {
        let err = free_text("Ik ben 111222333", "Motivatie").unwrap_err();
        assert!(err.contains("burgerservicenummer"));
        assert_eq!(
            free_text("  Ik werk graag buiten ", "Motivatie").unwrap(),
            "Ik werk graag buiten"
        );
    }

    /// An independent oracle for "contains a BSN": every way of writing nine digits we refuse
    /// (a plain run of exactly nine, or 4-2-3 groups joined by '.', ' ' or '-'), checked with
    /// the eleven-test written out longhand.
    fn oracle_contains_bsn(text: &str) -> bool {
        let b: Vec<char> = text.chars().collect();
        let digit = |i: isize| i >= 0 && (i as usize) < b.len() && b[i as usize].is_ascii_digit();
        let elf = |d: &[u32]| {
            let s = 9 * d[0]
                + 8 * d[1]
                + 7 * d[2]
                + 6 * d[3]
                + 5 * d[4]
                + 4 * d[5]
                + 3 * d[6]
                + 2 * d[7];
            d.iter().any(|x| *x != 0) && (s as i64 - d[8] as i64).rem_euclid(11) == 0
        };
        for start in 0..b.len() as isize {
            if !digit(start) || digit(start - 1) {
                continue;
            }
            // Plain nine digits.
            if (0..9).all(|k| digit(start + k)) && !digit(start + 9) {
                let d: Vec<u32> = (0..9)
                    .map(|k| b[(start + k) as usize].to_digit(10).unwrap())
                    .collect();
                if elf(&d) {
                    return true;
                }
            }
            // Groups of 4, 2 and 3 with one separator kind between groups (mixed also refused).
            let sep = |i: isize| {
                i >= 0 && (i as usize) < b.len() && matches!(b[i as usize], '.' | ' ' | '-')
            };
            let pos = [0, 1, 2, 3, 5, 6, 8, 9, 10];
            if pos.iter().all(|p| digit(start + p))
                && sep(start + 4)
                && sep(start + 7)
                && !digit(start + 11)
            {
                let d: Vec<u32> = pos
                    .iter()
                    .map(|p| b[(start + p) as usize].to_digit(10).unwrap())
                    .collect();
                if elf(&d) {
                    return true;
                }
            }
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn no_accepted_text_contains_a_valid_bsn(text in "[0-9 .a-z-]{0,40}") {
            if let Ok(accepted) = free_text(&text, "Tekst") {
                proptest::prop_assert!(!oracle_contains_bsn(&accepted), "accepted {:?}", accepted);
            }
        }

        #[test]
        fn every_valid_bsn_is_refused(
            first in proptest::collection::vec(0u8..10, 8),
            prefix in "[a-z ]{0,6}",
            suffix in "[a-z ]{0,6}",
            dotted in proptest::bool::ANY,
        ) {
            let sum: i32 = first.iter().zip((2..=9).rev()).map(|(d, w)| i32::from(*d) * w).sum();
            let check = sum.rem_euclid(11);
            proptest::prop_assume!(check < 10 && (first.iter().any(|d| *d != 0) || check != 0));
            let digits: String = first.iter().map(|d| char::from(b'0' + d)).chain([char::from(b'0' + check as u8)]).collect();
            let written = if dotted { format!("{}.{}.{}", &digits[..4], &digits[4..6], &digits[6..]) } else { digits };
            let text = format!("{prefix} {written} {suffix}");
            proptest::prop_assert!(free_text(&text, "Tekst").is_err(), "{} accepted", text);
        }
    }

    #[test]
    fn postcodes() {
        assert_eq!(postal_code("3011ab").unwrap(), "3011 AB");
        assert_eq!(postal_code(" 3011 AB ").unwrap(), "3011 AB");
        assert!(postal_code("0123 AB").is_err());
        assert!(postal_code("3011 SS").is_err());
        assert!(postal_code("30111 AB").is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(phone("06 1234 5678").unwrap(), "0612345678");
        assert_eq!(phone("+31 10 123 4567").unwrap(), "0101234567");
        assert_eq!(phone("0031-6-12345678").unwrap(), "0612345678");
        assert!(phone("12345").is_err());
        assert!(phone("0612345678x").is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(email(" Anna@Example.NL ").unwrap(), "anna@example.nl");
        for bad in ["anna", "anna@", "@x.nl", "a@nl", "a b@x.nl", "a@x..nl"] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn birth_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert!(birth_date(NaiveDate::from_ymd_opt(1990, 5, 1).unwrap(), today).is_ok());
        assert!(birth_date(today, today).is_err());
        assert!(birth_date(NaiveDate::from_ymd_opt(1890, 1, 1).unwrap(), today).is_err());
    }
}
