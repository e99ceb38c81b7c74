//! As-you-type formatting: card numbers grouped by brand (4-4-4-4, Amex 4-6-5, 19 digits as
//! 4-4-4-4-3), IBANs in groups of 4, phone numbers grouped by country code
//! (`+7 916 123-45-67`), keeping the caret after the same character the payee typed.
//!
//! The format only moves separators (the characters validation removes again); it never
//! drops what the payee typed. A value with a character the kind does not hold (a letter in
//! a card number) is returned as typed, so that validation can say what is wrong.
//!
//! Carets count UTF-16 code units, as `selectionStart` does in a browser (for the ASCII a
//! formatted value holds, that is also characters and bytes).

use super::checks::card_brand;
use super::kinds::Kind;
use alloc::string::String;
use alloc::vec::Vec;

/// A formatted value and where the caret goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    /// The value as the field should show it.
    pub value: String,
    /// The caret, in UTF-16 code units.
    pub caret: usize,
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The characters of `value` that matter (`keep`), how many of them stand before `caret`,
/// or `None` when a character is neither kept nor a separator.
fn significant(value: &str, caret: usize, separators: &str, keep: impl Fn(usize, char) -> Option<char>) -> Option<(Vec<char>, usize)> {
    let mut out = Vec::with_capacity(value.len());
    let (mut at, mut before) = (0usize, 0usize);
    for c in value.chars() {
        at += c.len_utf16();
        if let Some(k) = keep(out.len(), c) {
            out.push(k);
            if at <= caret {
                before += 1;
            }
        } else if !separators.contains(c) {
            return None;
        }
    }
    Some((out, before))
}

/// Write `chars` in groups of `sizes` (then groups of `rest`), `seps[i]` before group i+1.
/// Returns the text and the caret after `before` characters.
fn grouped(chars: &[char], before: usize, sizes: &[usize], seps: &[char], rest: usize) -> Formatted {
    let mut value = String::with_capacity(chars.len() + chars.len() / 2);
    let mut caret = 0;
    let mut group = 0;
    let mut left = sizes.first().copied().unwrap_or(rest);
    for (i, c) in chars.iter().enumerate() {
        if left == 0 {
            value.push(seps.get(group).copied().unwrap_or(' '));
            group += 1;
            left = sizes.get(group).copied().unwrap_or(rest);
        }
        value.push(*c);
        left -= 1;
        if i + 1 == before {
            caret = value.len();
        }
    }
    Formatted { value, caret }
}

/// Country calling codes of one and two digits (ITU-T E.164); every other code has three.
fn calling_code_len(digits: &[char]) -> Option<usize> {
    let d = |i: usize| digits.get(i).and_then(|c| c.to_digit(10));
    let first = d(0)?;
    if first == 1 || first == 7 {
        return Some(1);
    }
    let two = first * 10 + d(1)?;
    let two_digit = matches!(two, 20 | 27 | 30..=34 | 36 | 39 | 40 | 41 | 43..=49 | 51..=58 | 60..=66 | 81 | 82 | 84 | 86 | 90..=95 | 98);
    if two_digit {
        return Some(2);
    }
    d(2).map(|_| 3)
}

/// Groups after the country code: (sizes, separators between them).
fn phone_groups(code: &[char]) -> (&'static [usize], &'static [char]) {
    let code: String = code.iter().collect();
    match code.as_str() {
        // Russia, Kazakhstan: +7 916 123-45-67
        "7" => (&[3, 3, 2, 2], &[' ', ' ', '-', '-']),
        // Belarus: +375 29 123-45-67
        "375" => (&[2, 3, 2, 2], &[' ', ' ', '-', '-']),
        // Ukraine: +380 67 123 45 67
        "380" => (&[2, 3, 2, 2], &[' ', ' ', ' ', ' ']),
        // North America: +1 415 555 2671
        "1" => (&[3, 3, 4], &[' ', ' ', ' ']),
        // United Kingdom: +44 7911 123456
        "44" => (&[4, 6], &[' ', ' ']),
        _ => (&[], &[]),
    }
}

fn phone(value: &str, caret: usize) -> Option<Formatted> {
    let (chars, before) = significant(value, caret, Kind::Phone.separators(), |i, c| (c.is_ascii_digit() || (c == '+' && i == 0)).then_some(c))?;
    let plus = chars.first() == Some(&'+');
    let digits = if plus { chars.get(1..).unwrap_or_default() } else { &chars[..] };
    let code_len = if plus {
        calling_code_len(digits)
    } else if matches!(digits.first(), Some('7' | '8')) {
        // A Russian or Kazakh number written without `+`: 8 916 123-45-67, 79161234567.
        Some(1)
    } else {
        None
    };
    let Some(code_len) = code_len.filter(|n| digits.len() > *n) else {
        // Country code not known yet, or nothing after it: as typed.
        return None;
    };
    let code = digits.get(..code_len).unwrap_or_default();
    let (sizes, seps) = if plus || code_len == 1 { phone_groups(if plus { code } else { &['7'] }) } else { (&[][..], &[][..]) };
    // +CC, then the country's groups; unknown countries (and what follows the groups) in
    // threes, a last lone digit joining the group before it.
    let head = usize::from(plus) + code_len;
    let mut sizes_all: Vec<usize> = Vec::with_capacity(8);
    sizes_all.push(head);
    let mut left = chars.len() - head;
    for s in sizes {
        if left == 0 {
            break;
        }
        let s = (*s).min(left);
        sizes_all.push(s);
        left -= s;
    }
    while left > 0 {
        let s = if left == 4 { 4 } else { left.min(3) };
        sizes_all.push(s);
        left -= s;
    }
    let mut seps_all: Vec<char> = Vec::with_capacity(8);
    seps_all.push(' ');
    seps_all.extend(seps.iter().skip(1).copied());
    Some(grouped(&chars, before, &sizes_all, &seps_all, 3))
}

/// Format `value` as a field of `kind` while the payee types; `caret` is where the caret
/// was (UTF-16 code units). Kinds without a format, and values the kind cannot hold, come
/// back as typed (the caret kept within the value).
pub fn format(kind: Kind, value: &str, caret: usize) -> Formatted {
    let formatted = match kind {
        Kind::CardNumber => significant(value, caret, Kind::CardNumber.separators(), |_, c| c.is_ascii_digit().then_some(c)).map(|(d, before)| {
            let digits: String = d.iter().collect();
            let sizes: &[usize] = if card_brand(&digits) == Some("amex") { &[4, 6, 5] } else { &[4, 4, 4, 4] };
            grouped(&d, before, sizes, &[], 4)
        }),
        Kind::Iban => significant(value, caret, Kind::Iban.separators(), |_, c| c.is_ascii_alphanumeric().then(|| c.to_ascii_uppercase()))
            .map(|(d, before)| grouped(&d, before, &[4], &[], 4)),
        Kind::Phone => phone(value, caret),
        _ => None,
    };
    formatted.unwrap_or_else(|| Formatted { value: String::from(value), caret: caret.min(utf16_len(value)) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(kind: Kind, v: &str) -> String {
        format(kind, v, v.len()).value
    }

    #[test]
    fn cards() {
        assert_eq!(f(Kind::CardNumber, "4111111111111111"), "4111 1111 1111 1111");
        assert_eq!(f(Kind::CardNumber, "378282246310005"), "3782 822463 10005");
        assert_eq!(f(Kind::CardNumber, "2200123456789012345"), "2200 1234 5678 9012 345");
        assert_eq!(f(Kind::CardNumber, "4111"), "4111");
        assert_eq!(f(Kind::CardNumber, "41111"), "4111 1");
        assert_eq!(f(Kind::CardNumber, "4111 a"), "4111 a");
        // The caret stays after the digit it followed.
        assert_eq!(format(Kind::CardNumber, "41111", 4), Formatted { value: "4111 1".into(), caret: 4 });
        assert_eq!(format(Kind::CardNumber, "4111 11111", 7), Formatted { value: "4111 1111 1".into(), caret: 7 });
        assert_eq!(format(Kind::CardNumber, "4111 1111", 0).caret, 0);
    }

    #[test]
    fn ibans_and_phones() {
        assert_eq!(f(Kind::Iban, "de89370400440532013000"), "DE89 3704 0044 0532 0130 00");
        assert_eq!(f(Kind::Phone, "+79161234567"), "+7 916 123-45-67");
        assert_eq!(f(Kind::Phone, "89161234567"), "8 916 123-45-67");
        assert_eq!(f(Kind::Phone, "+380671234567"), "+380 67 123 45 67");
        assert_eq!(f(Kind::Phone, "+14155552671"), "+1 415 555 2671");
        assert_eq!(f(Kind::Phone, "+4930123456"), "+49 301 234 56");
        assert_eq!(f(Kind::Phone, "+38"), "+38");
        assert_eq!(f(Kind::Phone, "+7 (916) 123"), "+7 916 123");
        assert_eq!(f(Kind::Phone, "1+2"), "1+2");
        assert_eq!(f(Kind::Amount, "1 500,50"), "1 500,50");
    }
}
