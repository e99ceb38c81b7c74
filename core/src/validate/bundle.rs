//! Validator bundles: what the full build (server, Node, Python, edge) writes for a
//! [`Validator`] so that the checkout entry runs it without the regex compiler — the rules,
//! the fields' kinds and provider texts, and every pattern as serialised sparse DFAs (with
//! counted repetitions checked apart from their class, `super::dfa`). Both builds run the
//! same rules code on the same bytes.
//!
//! ```text
//! bundle   = "PKVB" · format u8 (=1) · engine u8 (=1) · ndfa · dfa* · nrule · rule*
//! dfa      = len · bytes                 a sparse DFA, little-endian; identical ones stored once
//! rule     = key:str · kind · flags · [min_length] · [max_length] · separators:str
//!            · [amount_min:str] · [amount_max:str] · [decimals] · ntexts · text* · pattern
//! kind     = index in Kind::ALL
//! flags    = bit 0 required, 1 luhn, 2 iban, 3 amount, 4 min_length, 5 max_length,
//!            6 amount min, 7 amount max, 8 decimals, 9 amount padded
//! text     = what (0 label, 1 hint, 2 example) · locale:str ("" = any) · text:str
//! pattern  = 0 none
//!          | 1 ready · max_chars+1 (0: unbounded) · digits_only · nparts · (dfa · count_min · count_max+1 or 0)*
//!          | 2 unsupported_pattern | 3 invalid_pattern
//!          | 4 needs the compiler · source:str   (a DFA too big for a bundle: the full build runs it)
//! str      = len · UTF-8;  every integer is a LEB128 varint
//! ```
//!
//! * `format` is this layout; a reader refuses any other value, and any trailing byte.
//! * `engine` names what wrote the DFAs: 1 = regex-automata 0.4.18 sparse DFA (wire version
//!   2), little-endian, anchored start only, `MatchKind::All`, `$` appended. Both builds pin
//!   the same regex-automata; the DFA header's label, endianness and version are checked
//!   again by `sparse::DFA::from_bytes`, which validates every state and transition (hostile
//!   bytes are an error, never undefined behaviour or a panic).
//! * Sparse DFAs need no alignment: blobs are packed back to back and may sit anywhere.
//! * Messages are not in a bundle: the module's catalogue is the core's.
//! * A bundle is data, not a secret; a tampered one can change rules in the browser, never
//!   the server's own verdict (the server validates the submitted payout with its rules).

use super::dfa::Part;
use super::kinds::{Kind, Texts};
use super::pattern::{Facts, Pattern};
use super::{AmountRule, Check, Code, PatternSlot, Rule, Validator};
use crate::error::{Error, ErrorCode, Result};
use alloc::string::String;
use alloc::vec::Vec;

/// Bundle magic.
pub const MAGIC: &[u8; 4] = b"PKVB";
/// Bundle layout version.
pub const FORMAT: u8 = 1;
/// DFA engine id (see the module docs).
pub const ENGINE: u8 = 1;

fn bad() -> Error {
    Error::field(ErrorCode::InvalidValue, "bundle", "not a payoutkit validator bundle of this version")
}

#[cfg(feature = "dfa-build")]
mod write {
    use super::*;
    use crate::validate::dfa::{compile, CompileError, Options};
    use crate::validate::PatternError;

    pub(super) fn uint(out: &mut Vec<u8>, mut v: u64) {
        loop {
            let low = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                out.push(low);
                return;
            }
            out.push(low | 0x80);
        }
    }

    pub(super) fn str(out: &mut Vec<u8>, s: &str) {
        uint(out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }

    /// Deduplicating DFA table.
    #[derive(Default)]
    pub(super) struct Dfas(pub Vec<Vec<u8>>);

    impl Dfas {
        fn index(&mut self, bytes: &[u8]) -> u64 {
            let i = self.0.iter().position(|d| d.as_slice() == bytes).unwrap_or(self.0.len());
            if i == self.0.len() {
                self.0.push(bytes.to_vec());
            }
            i as u64
        }
    }

    fn ready(out: &mut Vec<u8>, dfas: &mut Dfas, facts: Facts, parts: &[(&[u8], u32, Option<u32>)]) {
        out.push(1);
        uint(out, facts.max_chars.map_or(0, |m| u64::from(m) + 1));
        out.push(u8::from(facts.digits_only));
        uint(out, parts.len() as u64);
        for (bytes, min, max) in parts {
            uint(out, dfas.index(bytes));
            uint(out, u64::from(*min));
            uint(out, max.map_or(0, |m| u64::from(m) + 1));
        }
    }

    pub(super) fn pattern(out: &mut Vec<u8>, dfas: &mut Dfas, slot: Option<&PatternSlot>) {
        match slot {
            None => out.push(0),
            Some(PatternSlot::Ready(p)) => {
                if let Some(parts) = p.dfa_parts() {
                    let parts: Vec<(&[u8], u32, Option<u32>)> = parts
                        .iter()
                        .map(|d| {
                            let (min, max) = d.count_range();
                            (d.bytes(), min, max)
                        })
                        .collect();
                    return ready(out, dfas, p.facts(), &parts);
                }
                match compile(p.source(), &Options::default()) {
                    Ok((parts, facts)) => {
                        let parts: Vec<(&[u8], u32, Option<u32>)> = parts.iter().map(|d| (d.dfa.as_slice(), d.min, d.max)).collect();
                        ready(out, dfas, facts, &parts);
                    }
                    // The lazy DFA compiled it, so these do not happen; fail closed alike.
                    Err(CompileError::Pattern(PatternError::Unsupported(_))) => out.push(2),
                    Err(CompileError::Pattern(PatternError::Invalid(_))) => out.push(3),
                    Err(CompileError::TooBig(_)) => {
                        out.push(4);
                        str(out, p.source());
                    }
                }
            }
            Some(PatternSlot::Broken(Code::InvalidPattern)) => out.push(3),
            Some(PatternSlot::Broken(_)) => out.push(2),
            Some(PatternSlot::NeedsCompiler(source)) => {
                out.push(4);
                str(out, source);
            }
        }
    }
}

#[cfg(feature = "dfa-build")]
impl Validator {
    /// The validator as a bundle for the checkout entry (see the module docs): the same
    /// rules, with every pattern compiled into serialised DFAs. `to_bundle` then
    /// [`Validator::from_bundle`] gives the same verdicts, fields and formats.
    pub fn to_bundle(&self) -> Vec<u8> {
        use write::{str, uint, Dfas};
        let mut dfas = Dfas::default();
        let mut body = Vec::new();
        uint(&mut body, self.rules.len() as u64);
        for r in &self.rules {
            str(&mut body, &r.key);
            uint(&mut body, Kind::ALL.iter().position(|k| *k == r.kind).unwrap_or(0) as u64);
            let amount = r.amount_rule();
            let bits = [
                r.required,
                r.has("luhn"),
                r.has("iban"),
                amount.is_some(),
                r.min_length.is_some(),
                r.max_length.is_some(),
                amount.is_some_and(|a| a.min.is_some()),
                amount.is_some_and(|a| a.max.is_some()),
                amount.is_some_and(|a| a.decimals.is_some()),
                amount.is_some_and(|a| a.pad),
            ];
            uint(&mut body, bits.iter().enumerate().map(|(i, b)| u64::from(*b) << i).sum());
            for v in [r.min_length, r.max_length].into_iter().flatten() {
                uint(&mut body, v as u64);
            }
            str(&mut body, &r.separators);
            if let Some(a) = amount {
                for s in [&a.min, &a.max].into_iter().flatten() {
                    str(&mut body, s);
                }
                if let Some(d) = a.decimals {
                    uint(&mut body, d as u64);
                }
            }
            let texts: Vec<(u8, &(String, String))> =
                [&r.texts.label, &r.texts.hint, &r.texts.example].into_iter().zip(0u8..).flat_map(|(t, what)| t.iter().map(move |x| (what, x))).collect();
            uint(&mut body, texts.len() as u64);
            for (what, (locale, text)) in texts {
                body.push(what);
                str(&mut body, locale);
                str(&mut body, text);
            }
            write::pattern(&mut body, &mut dfas, r.pattern.as_ref());
        }
        let mut out = Vec::with_capacity(16 + body.len() + dfas.0.iter().map(|d| d.len() + 3).sum::<usize>());
        out.extend_from_slice(MAGIC);
        out.push(FORMAT);
        out.push(ENGINE);
        uint(&mut out, dfas.0.len() as u64);
        for d in &dfas.0 {
            uint(&mut out, d.len() as u64);
            out.extend_from_slice(d);
        }
        out.extend_from_slice(&body);
        out
    }
}

/// A checked cursor over bundle bytes: a bad bundle is an error, never a panic.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.rest.len() {
            return Err(bad());
        }
        let (a, b) = self.rest.split_at(n);
        self.rest = b;
        Ok(a)
    }

    fn byte(&mut self) -> Result<u8> {
        let (first, rest) = self.rest.split_first().ok_or_else(bad)?;
        self.rest = rest;
        Ok(*first)
    }

    fn uint(&mut self) -> Result<u32> {
        let mut v: u64 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(v).map_err(|_| bad());
            }
        }
        Err(bad())
    }

    fn usize(&mut self) -> Result<usize> {
        self.uint().map(|v| v as usize)
    }

    fn str(&mut self) -> Result<&'a str> {
        let n = self.usize()?;
        core::str::from_utf8(self.take(n)?).map_err(|_| bad())
    }
}

impl Validator {
    /// A validator from a bundle ([`Validator::to_bundle`]). Any malformed byte refuses the
    /// whole bundle (`invalid_value`, field `bundle`). In the full build a "needs the
    /// compiler" pattern is compiled here; in the checkout entry it stays
    /// [`Validator::needs_compiler`].
    pub fn from_bundle(bytes: &[u8]) -> Result<Validator> {
        let mut r = Reader { rest: bytes };
        if r.take(4)? != MAGIC || r.byte()? != FORMAT || r.byte()? != ENGINE {
            return Err(bad());
        }
        let ndfa = r.usize()?;
        let mut dfas: Vec<&[u8]> = Vec::new();
        for _ in 0..ndfa {
            let n = r.usize()?;
            dfas.push(r.take(n)?);
        }
        let nrules = r.usize()?;
        let mut rules = Vec::new();
        for _ in 0..nrules {
            let mut rule = Rule::new(r.str()?);
            rule.kind = *Kind::ALL.get(r.usize()?).ok_or_else(bad)?;
            let flags = r.uint()?;
            if flags >> 10 != 0 {
                return Err(bad());
            }
            let bit = |i: u32| flags & (1 << i) != 0;
            rule.required = bit(0);
            rule.min_length = if bit(4) { Some(r.usize()?) } else { None };
            rule.max_length = if bit(5) { Some(r.usize()?) } else { None };
            let separators = String::from(r.str()?);
            if bit(1) {
                rule.checks.push(Check::Luhn);
            }
            if bit(2) {
                rule.checks.push(Check::Iban);
            }
            if bit(3) {
                let min = if bit(6) { Some(String::from(r.str()?)) } else { None };
                let max = if bit(7) { Some(String::from(r.str()?)) } else { None };
                let decimals = if bit(8) { Some(r.usize()?) } else { None };
                if [&min, &max].into_iter().flatten().any(|t| !super::checks::is_decimal(t)) {
                    return Err(bad());
                }
                rule.checks.push(Check::Amount(AmountRule { min, max, decimals, pad: bit(9) }));
            }
            rule = rule.separators(&separators);
            let mut texts = Texts::default();
            for _ in 0..r.usize()? {
                let what = r.byte()?;
                let entry = (String::from(r.str()?), String::from(r.str()?));
                match what {
                    0 => texts.label.push(entry),
                    1 => texts.hint.push(entry),
                    2 => texts.example.push(entry),
                    _ => return Err(bad()),
                }
            }
            rule.texts = texts;
            rule.pattern = match r.byte()? {
                0 => None,
                1 => {
                    let max_chars = r.uint()?.checked_sub(1);
                    let digits_only = match r.byte()? {
                        0 => false,
                        1 => true,
                        _ => return Err(bad()),
                    };
                    let n = r.usize()?;
                    let mut parts = Vec::new();
                    for _ in 0..n {
                        let bytes = dfas.get(r.usize()?).ok_or_else(bad)?;
                        let min = r.uint()?;
                        let max = r.uint()?.checked_sub(1);
                        parts.push(Part::from_bytes(bytes, min, max).map_err(|_| bad())?);
                    }
                    if parts.is_empty() {
                        return Err(bad());
                    }
                    Some(PatternSlot::Ready(Pattern::from_dfa(parts, Facts { max_chars, digits_only })))
                }
                2 => Some(PatternSlot::Broken(Code::UnsupportedPattern)),
                3 => Some(PatternSlot::Broken(Code::InvalidPattern)),
                4 => {
                    let source = r.str()?;
                    if cfg!(feature = "compiler") {
                        Some(rule_pattern(source))
                    } else {
                        Some(PatternSlot::NeedsCompiler(String::from(source)))
                    }
                }
                _ => return Err(bad()),
            };
            rules.push(rule);
        }
        if !r.rest.is_empty() {
            return Err(bad());
        }
        Ok(Validator::new(rules))
    }
}

/// A raw pattern as a rule's slot (the full build compiles it).
fn rule_pattern(source: &str) -> PatternSlot {
    match Pattern::new(source) {
        Ok(p) => PatternSlot::Ready(p),
        Err(super::PatternError::Unsupported(_)) => PatternSlot::Broken(Code::UnsupportedPattern),
        Err(super::PatternError::Invalid(_)) => PatternSlot::Broken(Code::InvalidPattern),
    }
}
