//! Provider field patterns: every spelling providers send, PCRE/JS meaning, run on a
//! linear-time engine that answers both "does the whole value match" and "can this prefix
//! still become a match" (for as-you-type validation).
//!
//! Two engines give the same verdicts: the lazy DFA (regex-automata's `hybrid`, feature
//! `compiler`), built from the pattern text, and serialised sparse DFAs read from a
//! validator bundle (feature `dfa-search`, `super::dfa`), which the checkout entry runs
//! without the regex compiler.

use alloc::string::String;
use alloc::vec::Vec;
#[cfg(feature = "compiler")]
use {
    alloc::boxed::Box,
    alloc::string::ToString,
    regex_automata::hybrid::dfa::{Cache, DFA},
    regex_automata::nfa::thompson,
    regex_automata::util::pool::Pool,
    regex_automata::util::syntax,
    regex_automata::{Anchored, Input, MatchKind},
    regex_syntax::ast::{self, Ast, ClassPerlKind, ClassSetItem, Visitor},
    regex_syntax::hir::{Class, Hir, HirKind, Look},
};

/// Why a pattern cannot be used; the field then reports this code (fail closed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// The pattern does not parse.
    Invalid(String),
    /// The pattern uses a construct a linear-time engine cannot run.
    Unsupported(String),
}

#[cfg(feature = "compiler")]
type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// One compiled whole-value matcher (the lazy DFA).
#[cfg(feature = "compiler")]
struct Matcher {
    dfa: DFA,
    caches: CachePool,
}

/// One part of a pattern, on whichever engine built it (a pattern has one or two parts:
/// their size does not matter).
#[allow(clippy::large_enum_variant)]
enum Engine {
    #[cfg(feature = "compiler")]
    Lazy(Matcher),
    #[cfg(feature = "dfa-search")]
    Dfa(super::dfa::Part),
}

impl Engine {
    fn check(&self, value: &str) -> Verdict {
        match self {
            #[cfg(feature = "compiler")]
            Engine::Lazy(m) => m.check(value),
            #[cfg(feature = "dfa-search")]
            Engine::Dfa(p) => p.check(value),
            #[cfg(not(any(feature = "compiler", feature = "dfa-search")))]
            _ => {
                let _ = value;
                Verdict::Never
            }
        }
    }
}

/// What a pattern says about the values it accepts (for a field's `max_length` and its
/// keyboard): known from the pattern's syntax tree, carried by bundles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The most characters a matching value has, when bounded.
    pub max_chars: Option<u32>,
    /// Every character a matching value has is an ASCII digit.
    pub digits_only: bool,
}

/// A compiled provider pattern: the value must fully match every part (the main pattern
/// and any leading look-ahead).
pub struct Pattern {
    source: String,
    parts: Vec<Engine>,
    facts: Facts,
}

impl core::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

/// The longest pattern accepted (bytes).
#[cfg(feature = "compiler")]
pub const MAX_PATTERN_LEN: usize = 4096;

/// Whether a value matches, or could still match once more characters are appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The whole value matches.
    Match,
    /// No match yet, but some continuation of the value matches.
    Prefix,
    /// No continuation can match.
    Never,
}

/// A pattern's parts as syntax trees (with whether each is a leading look-ahead), after
/// spellings, flags and PCRE/JS meaning: what both engines are built from.
#[cfg(feature = "compiler")]
pub(super) fn front(raw: &str) -> Result<Vec<(Hir, bool)>, PatternError> {
    // Provider field patterns are a few dozen characters; a cap bounds the work a
    // hostile pattern (from a pre-request or an account_info_config) can cause.
    if raw.len() > MAX_PATTERN_LEN {
        return Err(PatternError::Unsupported(alloc::format!("a pattern longer than {MAX_PATTERN_LEN} bytes")));
    }
    let (body, flags) = unwrap_spelling(raw);
    let mut case_insensitive = false;
    let mut dot_all = false;
    for f in flags.chars() {
        match f {
            'i' => case_insensitive = true,
            's' => dot_all = true,
            'u' | 'g' => {} // u: Unicode is always on; g: irrelevant to a whole-value test
            other => return Err(PatternError::Unsupported(alloc::format!("flag `{other}`"))),
        }
    }
    let (lookaheads, main) = split_leading_lookaheads(&body)?;
    lookaheads
        .iter()
        .map(|l| (l.as_str(), true))
        .chain([(main.as_str(), false)])
        .map(|(text, lookahead)| translate(text, case_insensitive, dot_all).map(|h| (h, lookahead)))
        .collect()
}

/// The HIR the engines run for a part: a look-ahead may be followed by anything; every part
/// ends with an end-of-text assertion (whole-value matching).
#[cfg(feature = "compiler")]
pub(super) fn whole_value(hir: Hir, lookahead: bool) -> Hir {
    // A look-ahead only has to match at the start: allow anything after it.
    let hir = if lookahead {
        Hir::concat(alloc::vec![hir, Hir::repetition(regex_syntax::hir::Repetition {
            min: 0,
            max: None,
            greedy: true,
            sub: Box::new(Hir::class(Class::Unicode(regex_syntax::hir::ClassUnicode::new([
                regex_syntax::hir::ClassUnicodeRange::new('\0', char::MAX),
            ])))),
        })])
    } else {
        hir
    };
    Hir::concat(alloc::vec![hir, Hir::look(Look::End)])
}

/// The most characters `h` matches (None: unbounded), and whether every match of it ends
/// at the end of the text (nothing after it can consume a character).
#[cfg(feature = "compiler")]
fn max_chars(h: &Hir) -> (Option<u32>, bool) {
    match h.kind() {
        HirKind::Empty => (Some(0), false),
        HirKind::Literal(l) => (core::str::from_utf8(&l.0).ok().and_then(|s| u32::try_from(s.chars().count()).ok()), false),
        HirKind::Class(_) => (Some(1), false),
        HirKind::Look(l) => (Some(0), *l == Look::End),
        HirKind::Capture(c) => max_chars(&c.sub),
        HirKind::Repetition(r) => {
            let (sub, end) = max_chars(&r.sub);
            let max = match (sub, r.max) {
                (Some(0), _) => Some(0),
                (Some(s), Some(n)) => s.checked_mul(n),
                _ => None,
            };
            (max, end && r.min >= 1)
        }
        HirKind::Concat(items) => {
            let mut sum = Some(0u32);
            for item in items {
                let (m, end) = max_chars(item);
                sum = sum.zip(m).and_then(|(a, b)| a.checked_add(b));
                if end {
                    return (sum, true);
                }
            }
            (sum, false)
        }
        HirKind::Alternation(alts) => {
            let mut max = Some(0u32);
            let mut end = true;
            for a in alts {
                let (m, e) = max_chars(a);
                max = max.zip(m).map(|(x, y)| x.max(y));
                end &= e;
            }
            (max, end)
        }
    }
}

/// Whether every character `h` matches is an ASCII digit.
#[cfg(feature = "compiler")]
fn digits_only(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(l) => l.0.iter().all(u8::is_ascii_digit),
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().all(|r| r.start() >= '0' && r.end() <= '9'),
        HirKind::Class(Class::Bytes(c)) => c.ranges().iter().all(|r| r.start() >= b'0' && r.end() <= b'9'),
        HirKind::Capture(c) => digits_only(&c.sub),
        HirKind::Repetition(r) => digits_only(&r.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(digits_only),
    }
}

/// The facts of a pattern from its parts' syntax trees (as [`front`] returns them).
#[cfg(feature = "compiler")]
pub(super) fn facts(parts: &[(Hir, bool)]) -> Facts {
    let max_chars = parts.iter().filter_map(|(h, la)| max_chars(&whole_value(h.clone(), *la)).0).min();
    let digits_only = parts.iter().filter(|(_, la)| !la).all(|(h, _)| digits_only(h));
    Facts { max_chars, digits_only }
}

impl Pattern {
    /// Normalise and compile a pattern as providers spell it.
    #[cfg(feature = "compiler")]
    pub fn new(raw: &str) -> Result<Pattern, PatternError> {
        let hirs = front(raw)?;
        let facts = facts(&hirs);
        let mut parts = Vec::with_capacity(hirs.len());
        for (hir, lookahead) in hirs {
            parts.push(Engine::Lazy(Matcher::new(whole_value(hir, lookahead))?));
        }
        Ok(Pattern { source: raw.to_string(), parts, facts })
    }

    /// Without the `compiler` feature (the checkout entry) a raw pattern cannot run: it
    /// comes compiled in a bundle instead.
    #[cfg(not(feature = "compiler"))]
    pub fn new(_raw: &str) -> Result<Pattern, PatternError> {
        Err(PatternError::Unsupported(String::from("this build has no pattern compiler: load the validator from a bundle")))
    }

    /// A pattern from a bundle's serialised DFA parts.
    #[cfg(feature = "dfa-search")]
    pub(super) fn from_dfa(parts: Vec<super::dfa::Part>, facts: Facts) -> Pattern {
        Pattern { source: String::new(), parts: parts.into_iter().map(Engine::Dfa).collect(), facts }
    }

    /// The DFA parts, when the pattern came from a bundle.
    #[cfg(feature = "dfa-build")]
    pub(super) fn dfa_parts(&self) -> Option<Vec<&super::dfa::Part>> {
        self.parts
            .iter()
            .map(|p| match p {
                Engine::Dfa(d) => Some(d),
                #[allow(unreachable_patterns)]
                _ => None,
            })
            .collect()
    }

    /// The pattern as given (empty for a pattern read from a bundle).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// What the pattern says about the values it accepts.
    pub fn facts(&self) -> Facts {
        self.facts
    }

    /// Test a whole value (the pattern is implicitly anchored at both ends).
    pub fn check(&self, value: &str) -> Verdict {
        let mut all_match = true;
        for part in &self.parts {
            match part.check(value) {
                Verdict::Never => return Verdict::Never,
                Verdict::Prefix => all_match = false,
                Verdict::Match => {}
            }
        }
        if all_match { Verdict::Match } else { Verdict::Prefix }
    }
}

#[cfg(feature = "compiler")]
impl Matcher {
    fn new(hir: Hir) -> Result<Matcher, PatternError> {
        let unsupported = |e: &dyn core::fmt::Display| PatternError::Unsupported(e.to_string());
        let nfa = thompson::Compiler::new()
            // A hostile pattern such as ((a{1000}){1000}){1000} must fail, not exhaust memory;
            // real provider patterns stay under 2.5 MB (`.{1,8000}`, `[\s\p{L}]{2,100}`).
            // No `shrink`: it only pays off for reverse NFAs and full DFAs; for a forward
            // lazy DFA it is pure compile time (regex-automata's docs).
            .configure(thompson::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
            .build_from_hir(&hir)
            .map_err(|e| unsupported(&e))?;
        // MatchKind::All: "is there any whole-value match", not leftmost-first pruning.
        let dfa = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::All))
            .build_from_nfa(nfa)
            .map_err(|e| unsupported(&e))?;
        let for_pool = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_pool.create_cache()));
        Ok(Matcher { dfa, caches })
    }

    fn check(&self, value: &str) -> Verdict {
        // Engine errors are not expected (the lazy DFA's cache never gives up by default);
        // should one happen, fail closed.
        self.walk(value).unwrap_or(Verdict::Never)
    }

    /// Feed the value through the lazy DFA: dead means no continuation can match; a match
    /// state at end of input means the whole value matches.
    fn walk(&self, value: &str) -> Option<Verdict> {
        let mut cache = self.caches.get();
        let input = Input::new(value).anchored(Anchored::Yes);
        let mut sid = self.dfa.start_state_forward(&mut cache, &input).ok()?;
        for &b in value.as_bytes() {
            sid = self.dfa.next_state(&mut cache, sid, b).ok()?;
            if sid.is_dead() {
                return Some(Verdict::Never);
            }
            if sid.is_quit() {
                return None;
            }
        }
        let eoi = self.dfa.next_eoi_state(&mut cache, sid).ok()?;
        Some(if eoi.is_match() { Verdict::Match } else { Verdict::Prefix })
    }
}

/// The Thompson NFA size limit (both engines build their NFA with it).
#[cfg(feature = "compiler")]
pub(super) const NFA_SIZE_LIMIT: usize = 8 << 20;

#[cfg(feature = "compiler")]
/// Strip the spellings providers wrap patterns in: whitespace, stray quotes, `/…/flags`,
/// and JSON over-escaping (`^\\d{1,15}$` meant as `^\d{1,15}$`). Returns (body, flags).
pub fn unwrap_spelling(raw: &str) -> (String, String) {
    let mut s = raw.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            s = s[1..s.len() - 1].trim();
        }
    }
    let mut flags = "";
    if let Some(rest) = s.strip_prefix('/')
        && let Some(end) = rest.rfind('/')
        && rest[end + 1..].chars().all(|c| c.is_ascii_alphabetic())
    {
        flags = &rest[end + 1..];
        s = &rest[..end];
    }
    // Over-escaped: backslashes only ever come in pairs. Halve every run.
    let runs_even = s.split(|c| c != '\\').all(|run| run.len() % 2 == 0);
    let body = if s.contains("\\\\") && runs_even { s.replace("\\\\", "\\") } else { s.to_string() };
    (body, flags.to_string())
}

#[cfg(feature = "compiler")]
/// `^(?=A)(?=B)R` -> ([A, B], `^R`). Any other look-around stays in and is reported as
/// unsupported by the parser.
fn split_leading_lookaheads(body: &str) -> Result<(Vec<String>, String), PatternError> {
    let Some(mut rest) = body.strip_prefix('^') else {
        return Ok((Vec::new(), String::from(body)));
    };
    let mut found = Vec::new();
    while let Some(after) = rest.strip_prefix("(?=") {
        let close = top_level(after, ')').ok_or_else(|| PatternError::Invalid("unclosed look-ahead".into()))?;
        found.push(String::from(&after[..close]));
        rest = &after[close + 1..];
    }
    // `^(?=A)b|c`: the look-ahead binds only to the first branch; splitting would apply it
    // to all of them, so such a pattern is not run.
    if !found.is_empty() && top_level(rest, '|').is_some() {
        return Err(PatternError::Unsupported("a leading look-ahead before a top-level alternation".into()));
    }
    Ok((found, alloc::format!("^{rest}")))
}

#[cfg(feature = "compiler")]
/// The index of the first `want` outside groups, character classes and escapes; an
/// unmatched `)` ends the scan (so `top_level(s, ')')` finds the `)` closing a group whose
/// `(` was just before `s`).
fn top_level(s: &str, want: char) -> Option<usize> {
    let (mut depth, mut in_class, mut escaped) = (0usize, false, false);
    for (i, c) in s.char_indices() {
        match (escaped, in_class, c) {
            (true, _, _) => escaped = false,
            (false, _, '\\') => escaped = true,
            (false, false, '[') => in_class = true,
            (false, true, ']') => in_class = false,
            (false, false, c) if depth == 0 && c == want => return Some(i),
            (false, false, '(') => depth += 1,
            (false, false, ')') if depth == 0 => return None,
            (false, false, ')') => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(feature = "compiler")]
/// PCRE reads a `{` that does not start a valid quantifier as a literal (`\d{10-14}`); the
/// Rust parser rejects it, so escape such braces first. The same escape- and class-aware
/// scan finds possessive quantifiers (`a++`) and atomic groups (`(?>`), which no linear-time
/// engine runs.
fn escape_literal_braces(s: &str) -> Result<String, PatternError> {
    let possessive = || PatternError::Unsupported("possessive quantifier or atomic group".into());
    let mut out = String::with_capacity(s.len() + 4);
    let (mut in_class, mut escaped, mut braced_escape) = (false, false, false);
    let mut quantifier_end = None;
    // Whether the previous character ended a quantifier (`+ * ?` or a counted `}`).
    let mut after_quantifier = false;
    for (i, c) in s.char_indices() {
        let was_quantifier = core::mem::replace(&mut after_quantifier, false);
        if braced_escape {
            // Inside `\p{..}`, `\x{..}`: copied as is up to the closing brace.
            braced_escape = c != '}';
            out.push(c);
            continue;
        }
        if escaped {
            escaped = false;
            braced_escape = matches!(c, 'p' | 'P' | 'x' | 'u') && s[i + c.len_utf8()..].starts_with('{');
            out.push(c);
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '+' if !in_class && was_quantifier => return Err(possessive()),
            '+' | '*' | '?' if !in_class => after_quantifier = c != '?' || !s[..i].ends_with('('),
            '(' if !in_class && s[i..].starts_with("(?>") => return Err(possessive()),
            '{' if !in_class => {
                let tail = &s[i + 1..];
                let close = tail.find('}');
                let valid = close.is_some_and(|n| {
                    let inner = &tail[..n];
                    let (a, b) = inner.split_once(',').unwrap_or((inner, "0"));
                    !a.is_empty() && a.bytes().all(|x| x.is_ascii_digit()) && b.bytes().all(|x| x.is_ascii_digit())
                });
                if valid {
                    quantifier_end = close.map(|n| i + 1 + n);
                } else {
                    out.push('\\');
                }
            }
            '}' if !in_class && quantifier_end == Some(i) => after_quantifier = true,
            '}' if !in_class => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    Ok(out)
}

#[cfg(feature = "compiler")]
/// Collects where `\d \w \s` (and negations) and `\b` stand, to make them ASCII as in
/// PCRE/JS (`\d` is `[0-9]`, not every Unicode digit); with the `i` flag, also where ASCII
/// letters stand, to fold their case. (Unicode case tables would cost ~20 KB gzip in the
/// browser build, so a case-insensitive pattern that needs them is unsupported.)
struct Rewrites {
    spans: Vec<(usize, usize, String)>,
    fold: bool,
    needs_unicode_folding: bool,
}

#[cfg(feature = "compiler")]
impl Rewrites {
    fn put(&mut self, span: &ast::Span, with: impl Into<String>) {
        self.spans.push((span.start.offset, span.end.offset, with.into()));
    }

    /// `a` -> `aA` (inside a class) for ASCII letters under the `i` flag.
    fn fold_char(&mut self, c: char) -> Option<String> {
        if !self.fold || !c.is_alphabetic() {
            return None;
        }
        if !c.is_ascii() {
            self.needs_unicode_folding = true;
            return None;
        }
        Some(alloc::format!("{}{}", c.to_ascii_lowercase(), c.to_ascii_uppercase()))
    }
}

#[cfg(feature = "compiler")]
fn ascii_class(kind: &ClassPerlKind, negated: bool, in_brackets: bool) -> &'static str {
    match (kind, negated, in_brackets) {
        (ClassPerlKind::Digit, false, false) => "[[:digit:]]",
        (ClassPerlKind::Digit, true, false) => "[[:^digit:]]",
        (ClassPerlKind::Word, false, false) => "[[:word:]]",
        (ClassPerlKind::Word, true, false) => "[[:^word:]]",
        (ClassPerlKind::Space, false, false) => "[[:space:]]",
        (ClassPerlKind::Space, true, false) => "[[:^space:]]",
        (ClassPerlKind::Digit, false, true) => "[:digit:]",
        (ClassPerlKind::Digit, true, true) => "[:^digit:]",
        (ClassPerlKind::Word, false, true) => "[:word:]",
        (ClassPerlKind::Word, true, true) => "[:^word:]",
        (ClassPerlKind::Space, false, true) => "[:space:]",
        (ClassPerlKind::Space, true, true) => "[:^space:]",
    }
}

#[cfg(feature = "compiler")]
impl Visitor for Rewrites {
    type Output = Self;
    type Err = ();
    fn finish(self) -> Result<Self, ()> {
        Ok(self)
    }
    fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
        match ast {
            Ast::ClassPerl(c) => self.put(&c.span, ascii_class(&c.kind, c.negated, false)),
            Ast::Assertion(a) if a.kind == ast::AssertionKind::WordBoundary => self.put(&a.span, "(?-u:\\b)"),
            Ast::Assertion(a) if a.kind == ast::AssertionKind::NotWordBoundary => self.put(&a.span, "(?-u:\\B)"),
            Ast::Literal(l) => {
                if let Some(both) = self.fold_char(l.c) {
                    self.put(&l.span, alloc::format!("[{both}]"));
                }
            }
            Ast::ClassUnicode(_) if self.fold => self.needs_unicode_folding = true,
            _ => {}
        }
        Ok(())
    }
    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
        match item {
            ClassSetItem::Perl(c) => self.put(&c.span, ascii_class(&c.kind, c.negated, true)),
            ClassSetItem::Literal(l) => {
                if let Some(both) = self.fold_char(l.c) {
                    self.put(&l.span, both);
                }
            }
            ClassSetItem::Range(r) if self.fold => {
                let (a, b) = (r.start.c, r.end.c);
                let letters = |x: char| x.is_ascii_alphabetic();
                if a.is_ascii_lowercase() && b.is_ascii_lowercase() || a.is_ascii_uppercase() && b.is_ascii_uppercase() {
                    let flip = |c: char| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() };
                    self.put(&r.span, alloc::format!("{a}-{b}{}-{}", flip(a), flip(b)));
                } else if !(a.is_ascii() && b.is_ascii()) || (a..=b).any(letters) {
                    // Cross-case ranges like Z-a, or non-ASCII ones: no ASCII-only folding.
                    self.needs_unicode_folding = true;
                }
            }
            ClassSetItem::Ascii(c) if self.fold && matches!(c.kind, ast::ClassAsciiKind::Lower | ast::ClassAsciiKind::Upper) => {
                self.put(&c.span, if c.negated { "[:^alpha:]" } else { "[:alpha:]" });
            }
            ClassSetItem::Unicode(_) if self.fold => self.needs_unicode_folding = true,
            _ => {}
        }
        Ok(())
    }
}

#[cfg(feature = "compiler")]
fn parse_error(e: &ast::Error) -> PatternError {
    use ast::ErrorKind as K;
    match e.kind() {
        K::UnsupportedLookAround | K::UnsupportedBackreference => PatternError::Unsupported(e.to_string()),
        _ => PatternError::Invalid(e.to_string()),
    }
}

#[cfg(feature = "compiler")]
/// One pattern body to HIR with PCRE/JS meaning.
fn translate(text: &str, case_insensitive: bool, dot_all: bool) -> Result<Hir, PatternError> {
    let text = escape_literal_braces(text)?;
    let parsed = ast::parse::Parser::new().parse(&text).map_err(|e| parse_error(&e))?;
    let start = Rewrites { spans: Vec::new(), fold: case_insensitive, needs_unicode_folding: false };
    let Ok(mut rewrites) = ast::visit(&parsed, start) else {
        return Err(PatternError::Invalid("pattern rewrite failed".into()));
    };
    if rewrites.needs_unicode_folding {
        return Err(PatternError::Unsupported("case-insensitive matching of non-ASCII letters".into()));
    }
    let mut rewritten = text.clone();
    rewrites.spans.sort_unstable_by_key(|span| core::cmp::Reverse(span.0));
    for (start, end, with) in rewrites.spans {
        rewritten.replace_range(start..end, &with);
    }
    // Case folding was done above (ASCII); inline `(?i)` still needs Unicode tables and is
    // reported as unsupported by the translator.
    let config = syntax::Config::new().dot_matches_new_line(dot_all).unicode(true).utf8(true);
    syntax::parse_with(&rewritten, &config).map_err(|e| match e {
        regex_syntax::Error::Parse(p) => parse_error(&p),
        // Translation failures are missing Unicode tables or constructs we do not run.
        other => PatternError::Unsupported(other.to_string()),
    })
}

#[cfg(all(test, feature = "compiler"))]
mod tests {
    use super::*;

    fn v(p: &str, s: &str) -> Verdict {
        Pattern::new(p).unwrap().check(s)
    }

    #[test]
    fn spellings() {
        for p in ["^\\d{1,15}$", "^\\\\d{1,15}$", "/^\\d{1,15}$/", "/^\\d{1,15}$/u", " '^\\d{1,15}$' ", "\"^\\d{1,15}$\""] {
            assert_eq!(v(p, "123"), Verdict::Match, "{p}");
            assert_eq!(v(p, "12a"), Verdict::Never, "{p}");
        }
        assert_eq!(v("^[A-Z\\\\-\\\\sa-z]{2,64}$", "Ab c-d"), Verdict::Match);
    }

    #[test]
    fn semantics() {
        assert_eq!(v("^\\d+$", "١٢٣"), Verdict::Never); // Arabic-Indic digits are not \d
        assert_eq!(v("^\\d+$", "12\n"), Verdict::Never); // no trailing-newline allowance
        assert_eq!(v("^[\\s\\p{L}]{2,100}$", "Иван Петров"), Verdict::Match);
        assert_eq!(v("^[A-Za-zА-Яа-я\\-\\d\\s]{2,100}$", "Ёж"), Verdict::Never); // Ё is outside А-я
        assert_eq!(v("^\\d{10-14}$", "1{10-14}"), Verdict::Match);
        assert_eq!(v("/^abc$/i", "ABC"), Verdict::Match);
        assert_eq!(v("/^[a-f\\d]+x$/i", "aF09X"), Verdict::Match);
        assert!(matches!(Pattern::new("/^[а-я]+$/i"), Err(PatternError::Unsupported(_))));
        assert_eq!(v("\\d{9,15}$", "123456789"), Verdict::Match);
        assert_eq!(v("^\\d{9,15}$", "1234"), Verdict::Prefix);
    }

    #[test]
    fn leading_lookahead() {
        let p = "^(?=.{7,15}$)[\\d +]+$";
        assert_eq!(v(p, "+1 234 5678"), Verdict::Match);
        assert_eq!(v(p, "12345"), Verdict::Prefix);
        assert_eq!(v(p, "1234567890123456"), Verdict::Never);
        assert_eq!(v(p, "123456a"), Verdict::Never);
    }

    #[test]
    fn unsupported_and_invalid() {
        assert!(matches!(Pattern::new("(?<=a)b"), Err(PatternError::Unsupported(_))));
        assert!(matches!(Pattern::new("(a)\\1"), Err(PatternError::Unsupported(_))));
        assert!(matches!(Pattern::new("a(?=b)"), Err(PatternError::Unsupported(_))));
        assert!(matches!(Pattern::new("^[a-"), Err(PatternError::Invalid(_))));
        assert!(matches!(Pattern::new("^a++$"), Err(PatternError::Unsupported(_))));
        assert!(matches!(Pattern::new("^(?>ab)$"), Err(PatternError::Unsupported(_))));
        assert!(matches!(Pattern::new("^((a{1000}){1000}){1000}$"), Err(PatternError::Unsupported(_))));
        assert!(matches!(Pattern::new("^(?=.{3,5}$)a+|b+$"), Err(PatternError::Unsupported(_))));
        assert!(matches!(Pattern::new("/^[Z-a]+$/i"), Err(PatternError::Unsupported(_))));
    }

    #[test]
    fn braces_and_pluses_in_context() {
        assert_eq!(v("^\\p{L}{2,50}$", "Жанна"), Verdict::Match);
        assert_eq!(v("^\\p{L}+$", "Ёлка"), Verdict::Match);
        assert_eq!(v("/^\\p{Lu}\\p{Ll}*$/u", "Ёлка"), Verdict::Match);
        assert_eq!(v("^\\x{4A}$", "J"), Verdict::Match);
        assert_eq!(v("^[0-9*+]+$", "1+2*3"), Verdict::Match);
        assert_eq!(v("^\\++\\d+$", "++7"), Verdict::Match);
        assert_eq!(v("^a+?b$", "aab"), Verdict::Match);
        assert_eq!(v("/^[[:lower:]]+$/i", "ABC"), Verdict::Match);
    }
}
