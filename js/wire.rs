// One string instead of one boundary crossing per field: how the JS bindings (Node addon
// and WASM) hand a flat object of strings and numbers to the core. The encoder is JS (it
// runs where the object lives: `wire()` in js/api.mjs); the decoder is here; both follow one format:
//
// ```text
// <count> NUL ( <key> NUL <tag><value> NUL ){count}      tag: `s` string, `i` integer
// ```
//
// Integers are JS numbers within ±(2^53-1) that are whole (`String(n)` is their exact
// decimal text; other numbers need the float rules, so they are declined and keep the core
// free of a float parser in the browser build). The encoder declines anything else (other
// numbers, nested values, booleans, null, bigints, arrays, typed arrays); the decoder declines
// a string whose NULs do not add up to `count` entries (a NUL inside a key or value). The
// encoder sends no string with a NUL or a lone surrogate (which has no UTF-8 form): those go
// as tagged JSON. Declined means the object goes
// as tagged JSON (`payoutkit::dynamic`), which reports every case exactly.

// When the encoder declines after reading some properties, the tagged encoder reads them
// again: a getter with side effects runs twice (its value is read
// once per path, never mixed).

use payoutkit::FieldValue;

/// The tokens between NULs (what `str::split('\0')` gives; a byte scan is faster on these
/// short tokens than split's searcher, which showed in the signing profile).
struct Tokens<'a>(Option<&'a str>);

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0?;
        match rest.bytes().position(|b| b == 0) {
            // NUL is ASCII: both sides of it are on char boundaries.
            Some(at) => {
                let (token, tail) = (rest.get(..at)?, rest.get(at + 1..)?);
                self.0 = Some(tail);
                Some(token)
            }
            None => {
                self.0 = None;
                Some(rest)
            }
        }
    }
}

/// Decode a wire string into borrowed fields, or `None` to decline (see the module docs).
pub fn decode(wire: &str) -> Option<Vec<(&str, FieldValue<'_>)>> {
    let mut tokens = Tokens(Some(wire));
    let count: usize = tokens.next()?.parse().ok()?;
    let mut fields = Vec::with_capacity(count.min(wire.len() / 3));
    for _ in 0..count {
        let key = tokens.next()?;
        let value = tokens.next()?;
        let value = match value.split_at_checked(1)? {
            ("s", text) => FieldValue::Str(text),
            // A JS number: the same value a float would be (integral, so signed as digits).
            ("i", int) => FieldValue::Float(int.parse::<i64>().ok()? as f64),
            _ => return None,
        };
        fields.push((key, value));
    }
    // Exactly the trailing empty token must be left: more means a NUL inside a field.
    (tokens.next() == Some("") && tokens.next().is_none()).then_some(fields)
}

/// Decode a prepared signer's values: `<count> NUL ( <tag><value> NUL ){count}` with tag `s`
/// (string), `i` (integer) or `m` (absent), one per signed field in the signer's order; or
/// `None` to decline.
pub fn decode_values(wire: &str) -> Option<Vec<Option<FieldValue<'_>>>> {
    let mut tokens = Tokens(Some(wire));
    let count: usize = tokens.next()?.parse().ok()?;
    let mut values = Vec::with_capacity(count.min(wire.len()));
    for _ in 0..count {
        let token = tokens.next()?;
        values.push(match token.split_at_checked(1)? {
            ("s", text) => Some(FieldValue::Str(text)),
            ("i", int) => Some(FieldValue::Float(int.parse::<i64>().ok()? as f64)),
            ("m", "") => None,
            _ => return None,
        });
    }
    (tokens.next() == Some("") && tokens.next().is_none()).then_some(values)
}

/// Decode a function's arguments sent as `<count> NUL ( s<text> NUL | m NUL ){count}` (every
/// argument a string, or null for `m`): the values tagged JSON would give, or `None` to
/// decline (a NUL inside a string, or any other tag).
pub fn decode_args(wire: &str) -> Option<Vec<payoutkit::Value>> {
    decode_values(wire)?
        .into_iter()
        .map(|v| match v {
            Some(FieldValue::Str(text)) => Some(payoutkit::Value::Str(text.into())),
            None => Some(payoutkit::Value::Null),
            Some(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_split_on_nul() {
        for s in ["", "\0", "a", "a\0", "\0a", "a\0\0b", "2\0a\0sx\0n\0i-1520\0", "é\0ü\0"] {
            assert_eq!(Tokens(Some(s)).collect::<Vec<_>>(), s.split('\0').collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn decodes_and_declines() {
        let f = decode("2\0a\0sx\0n\0i-1520\0").unwrap();
        assert_eq!(f, vec![("a", FieldValue::Str("x")), ("n", FieldValue::Float(-1520.0))]);
        assert_eq!(decode("0\0").unwrap(), vec![]);
        for bad in ["", "1\0a\0sx", "1\0a\0sx\0y\0", "2\0a\0sx\0", "1\0a\0qx\0", "1\0a\0\0", "x\0", "1\0a\0i1.5\0", "1\0a\0n1\0"] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
        // A NUL inside a value: the count no longer adds up.
        assert_eq!(decode("1\0a\0sx\0y\0"), None);
    }

    #[test]
    fn decodes_string_arguments() {
        use payoutkit::Value;
        assert_eq!(decode_args("2\0s{\"a\":1}\0m\0").unwrap(), vec![Value::Str("{\"a\":1}".into()), Value::Null]);
        assert_eq!(decode_args("0\0").unwrap(), vec![]);
        for bad in ["", "1\0i5\0", "1\0sx\0y\0", "2\0sx\0", "[\"x\"]"] {
            assert_eq!(decode_args(bad), None, "{bad:?}");
        }
    }
}
