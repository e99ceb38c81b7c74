//! Message catalogues (en, ru, uk): one table, filled with the error's params. An unknown
//! locale falls back to English.

use alloc::string::String;

/// The field error codes and their messages (en, ru, uk), one list: a code without a message
/// in every language cannot be written. `{name}` is replaced by the param `name`.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident $code:literal => [$en:literal, $ru:literal, $uk:literal],)*) => {
        /// A field error's stable code (what reports carry as `code`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable snake_case text.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The message templates: English, Russian, Ukrainian.
            pub const fn templates(self) -> [&'static str; 3] {
                match self { $(Code::$variant => [$en, $ru, $uk],)* }
            }
        }
    };
}

codes! {
    /// `required`.
    Required "required" => ["This field is required.", "Обязательное поле.", "Обов'язкове поле."],
    /// `too_short`.
    TooShort "too_short" => ["Enter at least {min} characters.", "Введите не менее {min} символов.", "Введіть щонайменше {min} символів."],
    /// `too_long`.
    TooLong "too_long" => ["Enter at most {max} characters.", "Введите не более {max} символов.", "Введіть не більше {max} символів."],
    /// `pattern_mismatch`.
    PatternMismatch "pattern_mismatch" => ["Invalid format.", "Неверный формат.", "Невірний формат."],
    /// `luhn`.
    Luhn "luhn" => ["Invalid card number.", "Неверный номер карты.", "Невірний номер картки."],
    /// `iban_country`.
    IbanCountry "iban_country" => ["Unknown IBAN country code {country}.", "Неизвестный код страны IBAN {country}.", "Невідомий код країни IBAN {country}."],
    /// `iban_length`.
    IbanLength "iban_length" => ["An IBAN from this country has {expected} characters.", "IBAN этой страны содержит {expected} символов.", "IBAN цієї країни містить {expected} символів."],
    /// `iban_checksum`.
    IbanChecksum "iban_checksum" => ["Invalid IBAN: check digits do not match.", "Неверный IBAN: контрольные цифры не совпадают.", "Невірний IBAN: контрольні цифри не збігаються."],
    /// `invalid_amount`.
    InvalidAmount "invalid_amount" => ["Enter an amount such as 100.50.", "Введите сумму, например 100.50.", "Введіть суму, наприклад 100.50."],
    /// `amount_precision`.
    AmountPrecision "amount_precision" => ["Use at most {decimals} decimal places.", "Не более {decimals} знаков после запятой.", "Не більше {decimals} знаків після коми."],
    /// `amount_below_min`.
    AmountBelowMin "amount_below_min" => ["The minimum amount is {min}.", "Минимальная сумма {min}.", "Мінімальна сума {min}."],
    /// `amount_above_max`.
    AmountAboveMax "amount_above_max" => ["The maximum amount is {max}.", "Максимальная сумма {max}.", "Максимальна сума {max}."],
    /// `unsupported_pattern`.
    UnsupportedPattern "unsupported_pattern" => ["This field's format cannot be checked here.", "Формат этого поля нельзя проверить здесь.", "Формат цього поля неможливо перевірити тут."],
    /// `invalid_pattern`.
    InvalidPattern "invalid_pattern" => ["This field's format rule is broken.", "Правило формата этого поля повреждено.", "Правило формату цього поля пошкоджене."],
    /// `unsupported_value`.
    UnsupportedValue "unsupported_value" => ["Enter text.", "Введите текст.", "Введіть текст."],
    /// `card_digits`: a card number field holds something other than digits.
    CardDigits "card_digits" => ["A card number has only digits.", "Номер карты состоит только из цифр.", "Номер картки складається лише з цифр."],
    /// `phone_digits`: a phone number field holds something other than digits and a leading `+`.
    PhoneDigits "phone_digits" => ["A phone number has only digits, with + in front.", "Номер телефона состоит только из цифр и + в начале.", "Номер телефону складається лише з цифр і + на початку."],
    /// `iban_chars`: an IBAN holds something other than Latin letters and digits.
    IbanChars "iban_chars" => ["An IBAN has only Latin letters and digits.", "IBAN состоит только из латинских букв и цифр.", "IBAN складається лише з латинських літер і цифр."],
    /// `latin_letters`: a name the format wants in Latin letters holds other letters.
    LatinLetters "latin_letters" => ["Use Latin letters only.", "Используйте только латинские буквы.", "Використовуйте лише латинські літери."],
}

/// The locales with a catalogue.
pub const LOCALES: &[&str] = &["en", "ru", "uk"];

/// The message template of `code` in `locale` (anything but `ru` and `uk` is English);
/// `{name}` stands for the param `name`.
pub fn template(code: Code, locale: &str) -> &'static str {
    let [en, ru, uk] = code.templates();
    match locale {
        "ru" => ru,
        "uk" => uk,
        _ => en,
    }
}

/// The message for `code` in `locale` (anything but `ru` and `uk` is English) with `params`
/// filled in.
pub fn message(code: Code, locale: &str, params: &[(&str, String)]) -> String {
    let mut out = String::from(template(code, locale));
    for (name, value) in params {
        out = out.replace(&alloc::format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_all_locales_and_the_same_params() {
        for code in Code::ALL {
            let [en, ru, uk] = code.templates();
            let names = |s: &str| s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(String::from).collect::<alloc::vec::Vec<_>>();
            assert!(!ru.is_empty() && !uk.is_empty(), "{code:?}");
            assert_eq!(names(en), names(ru), "{code:?}");
            assert_eq!(names(en), names(uk), "{code:?}");
        }
        assert_eq!(message(Code::TooShort, "de", &[("min", "3".into())]), "Enter at least 3 characters.");
        // The report writers copy templates as they are: nothing in them needs JSON escaping.
        for code in Code::ALL {
            for t in code.templates() {
                assert!(!t.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'), "{code:?}");
            }
        }
    }
}
