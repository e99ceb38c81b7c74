//! Card and IBAN checks, card brands, PAN masking, decimal amounts. Tables are data.

use super::iban_table::IBAN_LENGTHS;
use alloc::string::String;
use core::cmp::Ordering;

/// Digits of a card number as users type it (spaces and dashes removed), or `None` when
/// anything else is in it.
pub fn card_digits(s: &str) -> Option<String> {
    let d: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    (!d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())).then_some(d)
}

/// Luhn checksum over digits (at least 2).
pub fn luhn_digits(d: &str) -> bool {
    if d.len() < 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = d
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let n = u32::from(b - b'0');
            if i % 2 == 1 { if n * 2 > 9 { n * 2 - 9 } else { n * 2 } } else { n }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Luhn check of a card number as typed.
pub fn luhn_valid(s: &str) -> bool {
    card_digits(s).is_some_and(|d| luhn_digits(&d))
}

/// Card brands, first match wins: `(brand, [(from, to)] prefix ranges of equal length)`.
static BRANDS: &[(&str, &[(&str, &str)])] = &[
    ("mir", &[("2200", "2204")]),
    ("amex", &[("34", "34"), ("37", "37")]),
    ("unionpay", &[("62", "62")]),
    ("visa", &[("4", "4")]),
    ("mastercard", &[("51", "55"), ("2221", "2720")]),
    ("maestro", &[("50", "50"), ("56", "69")]),
];

/// The card brand of a number as typed, if known.
pub fn card_brand(s: &str) -> Option<&'static str> {
    let d = card_digits(s)?;
    BRANDS.iter().find_map(|(brand, ranges)| {
        ranges
            .iter()
            .any(|(from, to)| d.get(..from.len()).is_some_and(|p| p >= *from && p <= *to))
            .then_some(*brand)
    })
}

/// `512381******0000`: first 6 and last 4 digits. `None` below 12 digits (nothing left to hide).
pub fn mask_pan(s: &str) -> Option<String> {
    let d = card_digits(s).filter(|d| d.len() >= 12)?;
    let mut out = String::with_capacity(d.len());
    out.push_str(&d[..6]);
    out.extend(core::iter::repeat_n('*', d.len() - 10));
    out.push_str(&d[d.len() - 4..]);
    Some(out)
}

/// Why an IBAN (already normalised: no separators, upper case) fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IbanProblem {
    /// The first two characters are not a registry country.
    Country,
    /// The length differs from the country's (which is given).
    Length(usize),
    /// Not alphanumeric, or mod-97 is not 1.
    Checksum,
}

/// The registry length of an IBAN for a country code.
pub fn iban_length(country: &str) -> Option<usize> {
    let i = IBAN_LENGTHS.binary_search_by(|(cc, _)| cc.cmp(&country)).ok()?;
    IBAN_LENGTHS.get(i).map(|(_, len)| usize::from(*len))
}

/// Check a normalised IBAN.
pub fn iban_check(s: &str) -> Result<(), IbanProblem> {
    let expected = s.get(..2).and_then(iban_length).ok_or(IbanProblem::Country)?;
    if s.chars().count() != expected {
        return Err(IbanProblem::Length(expected));
    }
    if !s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
        return Err(IbanProblem::Checksum);
    }
    // ISO 13616: move the first four characters to the end, letters to 10..35, mod 97.
    let rem = s.bytes().skip(4).chain(s.bytes().take(4)).fold(0u32, |acc, b| {
        if b.is_ascii_digit() { (acc * 10 + u32::from(b - b'0')) % 97 } else { (acc * 100 + u32::from(b - b'A' + 10)) % 97 }
    });
    if rem == 1 { Ok(()) } else { Err(IbanProblem::Checksum) }
}

/// Normalise an IBAN as typed: separators out, upper case.
pub fn iban_normalise(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '-')).map(|c| c.to_ascii_uppercase()).collect()
}

/// IBAN check of a value as typed.
pub fn iban_valid(s: &str) -> bool {
    iban_check(&iban_normalise(s)).is_ok()
}

/// Whether `s` is plain non-negative decimal text (`123`, `0.50`).
pub fn is_decimal(s: &str) -> bool {
    let (i, f) = s.split_once('.').unwrap_or((s, "0"));
    !i.is_empty() && !f.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) && f.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` can still grow into decimal text (`""`, `12.`).
pub fn is_decimal_prefix(s: &str) -> bool {
    let (i, f) = s.split_once('.').unwrap_or((s, ""));
    i.bytes().all(|b| b.is_ascii_digit()) && f.bytes().all(|b| b.is_ascii_digit()) && !(s.contains('.') && i.is_empty())
}

/// Number of decimal places of decimal text.
pub fn decimals(s: &str) -> usize {
    s.split_once('.').map_or(0, |(_, f)| f.len())
}

/// Exact comparison of two non-negative decimal texts.
pub fn cmp_decimal(a: &str, b: &str) -> Ordering {
    fn parts(s: &str) -> (&str, &str) {
        let (i, f) = s.split_once('.').unwrap_or((s, ""));
        (i.trim_start_matches('0'), f.trim_end_matches('0'))
    }
    let ((ai, af), (bi, bf)) = (parts(a), parts(b));
    ai.len().cmp(&bi.len()).then_with(|| ai.cmp(bi)).then_with(|| af.cmp(bf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(IBAN_LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn checks() {
        assert!(luhn_valid("5123 8172 3406 0000") == luhn_digits("5123817234060000"));
        assert!(luhn_valid("4111-1111-1111-1111"));
        assert!(!luhn_valid("4111111111111112"));
        assert!(iban_valid("de89 3704 0044 0532 0130 00"));
        assert_eq!(iban_check("DE8937040044053201300"), Err(IbanProblem::Length(22)));
        assert_eq!(iban_check("XX89370400440532013000"), Err(IbanProblem::Country));
        assert_eq!(iban_check("DE89370400440532013001"), Err(IbanProblem::Checksum));
        assert_eq!(card_brand("2200 1234"), Some("mir"));
        assert_eq!(card_brand("2221000000000009"), Some("mastercard"));
        assert_eq!(card_brand("6200000000000005"), Some("unionpay"));
        assert_eq!(card_brand("9999"), None);
        assert_eq!(mask_pan("5123817234060000").as_deref(), Some("512381******0000"));
        assert_eq!(cmp_decimal("10.50", "10.5"), Ordering::Equal);
        assert_eq!(cmp_decimal("0.01", "0.009"), Ordering::Greater);
        assert_eq!(cmp_decimal("9999999", "10000000.00"), Ordering::Less);
        assert!(is_decimal_prefix("12.") && !is_decimal("12.") && !is_decimal_prefix("1a"));
    }
}
