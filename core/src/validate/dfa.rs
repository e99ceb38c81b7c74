//! Serialised sparse DFAs: the search-only runtime (`dfa-search`: read a part, walk it) and
//! the bundle compiler's pattern back end (`dfa-build`: a provider pattern -> parts).
//!
//! A compiled pattern is one or more *parts* (the main pattern, and each leading
//! look-ahead), each a sparse DFA plus an optional character-count range. The value must
//! fully match every part. The verdict is computed as `pattern.rs`'s lazy DFA computes it:
//! - the DFA was built with `MatchKind::All` and only an *anchored* start state, from the
//!   same HIR the lazy DFA runs (an end-of-text assertion appended);
//! - feed the value's bytes from the anchored start; the **dead** state means no
//!   continuation can match: `Never`;
//! - after the last byte, the **end-of-input transition** (`next_eoi_state`): DFAs delay
//!   matches by one transition and `$` is only satisfied there; a match state after it
//!   means the whole value matches: `Match`;
//! - otherwise the state is alive but not matching: `Prefix`.
//!
//! A count range `[min, max]` (characters) is set only when the compiler replaced
//! `C{min,max}` by `C*` (below): more than `max` characters is `Never`, a DFA match with
//! fewer than `min` characters is `Prefix`.
//!
//! ## The counted-repetition split
//!
//! A bounded repetition of a character class is the one shape whose DFA explodes:
//! `[\s\p{L}]{2,100}` needs ~100 copies of the UTF-8 automaton of `\p{L}` (hundreds of KB).
//! When a part is `P C{m,n}` (or `P C{m,}`), where `C` matches exactly one character and
//! `P` (possibly empty) matches exactly `w` characters, the compiler emits the DFA of
//! `P C*` and the range `[w + m, w + n]`, checked in code by counting characters. Exactly:
//!
//! * the part's HIR, captures removed, is `Start* P X End*` (any leading `^`, any trailing
//!   `$`) and `X` is a `Repetition { min: m, max: n }` (greedy or lazy: the same language)
//!   whose sub-expression matches exactly one character: a non-empty Unicode class, an
//!   ASCII byte class, a one-character literal, or an alternation or capture of such;
//! * every item of `P` has a fixed width in characters (literals, one-character classes,
//!   `{k}` repetitions of fixed-width items, concatenations, alternations of equal widths;
//!   no look-around): `^[A-Z]\p{L}{1,20}$`, `^U\d{6,9}$`, `^\+91\d{10}$`;
//! * nothing may follow `X` but `$`: a fixed-width suffix is not sound for `Prefix`
//!   (`^\p{L}{1,3}\d$` on "abcd": 4 characters fit `[2, 4]`, yet no extension matches);
//! * for a leading look-ahead (`^(?=C{m,n}$)…`) the trailing `$` is required (without it the
//!   look-ahead constrains a prefix of the value, not the value);
//! * the anchors are no-ops because every part is matched anchored at the start and with an
//!   end-of-text assertion appended (whole-value matching);
//! * then for every string `v`: `v ∈ L(P C{m,n})` ⇔ `v ∈ L(P C*)` ∧ `w+m ≤ chars(v) ≤ w+n`
//!   (every word of `P C*` has `w + k` characters, `k` the repetitions); and some extension
//!   of `v` is in `L(P C{m,n})` ⇔ some extension is in `L(P C*)` ∧ `chars(v) ≤ w+n` (`v` is
//!   either a viable part of `P`, shorter than `w`, or `P` and `k ≤ n` characters of `C`;
//!   `C` is non-empty and `m ≤ n`). The runtime answers `Never` on a dead state or above
//!   `w+n`, `Match` on an end-of-input match with at least `w+m` characters, `Prefix`
//!   otherwise — what the lazy DFA answers for `P C{m,n}` itself.
//!
//! Anything else (a repetition followed by more pattern such as `^\d{1,3}x$`, an
//! alternation of repetitions, a variable-width prefix, a look-ahead without `$`) is
//! compiled as is. Such parts are small when
//! their classes are ASCII; if one still exceeds `Options::max_part_bytes`, the pattern is
//! [`CompileError::TooBig`]: the bundle marks it "needs the compiler" and the light entry
//! loads the full module for that validator (never a silent pass, never a different
//! verdict).


use super::pattern::Verdict;
use alloc::vec::Vec;
use regex_automata::dfa::{sparse, Automaton};
use regex_automata::util::start;
use regex_automata::Anchored;
#[cfg(feature = "dfa-build")]
use {
    super::pattern::{facts, front, whole_value, Facts, PatternError, NFA_SIZE_LIMIT},
    alloc::boxed::Box,
    alloc::string::{String, ToString},
    regex_automata::dfa::{dense, StartKind},
    regex_automata::nfa::thompson,
    regex_automata::MatchKind,
    regex_syntax::hir::{Class, Hir, HirKind, Look, Repetition},
};

/// Why serialised DFA bytes were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadDfa;

/// One part of a compiled pattern.
#[derive(Clone, Debug)]
pub struct Part {
    dfa: sparse::DFA<Vec<u8>>,
    /// Start state, resolved once.
    start: regex_automata::util::primitives::StateID,
    min: u32,
    max: Option<u32>,
    /// The same DFA as a flat table (built at load when small), for speed.
    flat: Option<Flat>,
    /// The serialised bytes, to write the part into a bundle again.
    bytes: Vec<u8>,
}

/// A DFA as a flat transition table over its byte classes, made at load time from the
/// sparse DFA through its public API (`next_state` on one representative byte per class,
/// `next_eoi_state`), so it answers exactly what the sparse DFA answers. A sparse
/// transition costs a state decode and a scan of its ranges (~100 instructions a byte);
/// a flat one is a load. State 0 is dead (quit states, never configured, map to it too).
#[derive(Clone, Debug)]
struct Flat {
    classes: [u8; 256],
    alphabet: usize,
    next: Vec<u16>,
    eoi_match: Vec<bool>,
    start: u16,
}

/// Largest flat table built (entries); a bigger DFA is walked sparse.
const FLAT_MAX_ENTRIES: usize = 16 * 1024;
/// Largest sparse DFA (bytes) tried: provider DFAs are ~1 KB, except `\p{L}`-like classes
/// (10-12 KB, hundreds of states), whose walk is cheap enough and whose table would not be.
const FLAT_MAX_SPARSE_BYTES: usize = 4 * 1024;

impl Flat {
    fn build(dfa: &sparse::DFA<Vec<u8>>, start: regex_automata::util::primitives::StateID) -> Option<Flat> {
        use regex_automata::util::primitives::StateID;
        if dfa.memory_usage() > FLAT_MAX_SPARSE_BYTES {
            return None;
        }
        let bc = dfa.byte_classes();
        let mut classes = [0u8; 256];
        let mut reps: Vec<u8> = Vec::new();
        for b in 0..=255u8 {
            let c = bc.get(b);
            if let Some(slot) = classes.get_mut(usize::from(b)) {
                *slot = c;
            }
            if usize::from(c) == reps.len() {
                reps.push(b);
            }
        }
        let alphabet = reps.len();
        // Index 0 = dead; then states in discovery order. A sparse state ID is the state's
        // byte offset in the transition table, so a Vec indexed by it (no larger than the
        // DFA's bytes) maps IDs to indexes.
        let mut ids: Vec<StateID> = alloc::vec![StateID::ZERO];
        let mut seen: Vec<u16> = alloc::vec![0; dfa.memory_usage() + 1];
        let mut index = |ids: &mut Vec<StateID>, sid: StateID| -> Option<u16> {
            if dfa.is_dead_state(sid) || dfa.is_quit_state(sid) {
                return Some(0);
            }
            let slot = seen.get_mut(sid.as_usize())?;
            if *slot != 0 {
                return Some(*slot);
            }
            let i = u16::try_from(ids.len()).ok()?;
            ids.push(sid);
            *slot = i;
            Some(i)
        };
        let start_ix = index(&mut ids, start)?;
        let mut next: Vec<u16> = alloc::vec![0; alphabet];
        let mut eoi_match = alloc::vec![false];
        let mut at = 1;
        while let Some(&sid) = ids.get(at) {
            if next.len() + alphabet > FLAT_MAX_ENTRIES {
                return None;
            }
            for &b in &reps {
                let to = index(&mut ids, dfa.next_state(sid, b))?;
                next.push(to);
            }
            eoi_match.push(dfa.is_match_state(dfa.next_eoi_state(sid)));
            at += 1;
        }
        Some(Flat { classes, alphabet, next, eoi_match, start: start_ix })
    }

    fn check(&self, value: &str, min: u32, max: Option<u32>) -> Verdict {
        let mut s = usize::from(self.start);
        let mut chars: u32 = 0;
        for &b in value.as_bytes() {
            let class = usize::from(self.classes.get(usize::from(b)).copied().unwrap_or(0));
            s = usize::from(self.next.get(s * self.alphabet + class).copied().unwrap_or(0));
            if s == 0 {
                return Verdict::Never;
            }
            chars += u32::from((b & 0xC0) != 0x80);
            if max.is_some_and(|m| chars > m) {
                return Verdict::Never;
            }
        }
        if self.eoi_match.get(s).copied().unwrap_or(false) && chars >= min { Verdict::Match } else { Verdict::Prefix }
    }
}

impl Part {
    /// A part from serialised sparse-DFA bytes (little-endian, as the bundle writer emits)
    /// and its count range. `from_bytes` validates every state and transition, so hostile
    /// bytes are an error, never undefined behaviour, and never a panic. Sparse DFAs have no
    /// alignment requirement: `bytes` may start at any offset.
    pub fn from_bytes(bytes: &[u8], min: u32, max: Option<u32>) -> Result<Part, BadDfa> {
        let (dfa, used) = sparse::DFA::from_bytes(bytes).map_err(|_| BadDfa)?;
        if used != bytes.len() {
            return Err(BadDfa);
        }
        let start = dfa.start_state(&start::Config::new().anchored(Anchored::Yes)).map_err(|_| BadDfa)?;
        let dfa = dfa.to_owned();
        let flat = Flat::build(&dfa, start);
        Ok(Part { dfa, start, min, max, flat, bytes: bytes.to_vec() })
    }

    /// The verdict for this part alone.
    pub fn check(&self, value: &str) -> Verdict {
        match &self.flat {
            Some(flat) => flat.check(value, self.min, self.max),
            None => self.check_sparse(value),
        }
    }

    /// Whether the part runs on a flat table.
    pub fn is_flat(&self) -> bool {
        self.flat.is_some()
    }

    /// The serialised DFA this part was read from.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The verdict walking the sparse DFA itself.
    pub fn check_sparse(&self, value: &str) -> Verdict {
        let dfa = &self.dfa;
        let mut sid = self.start;
        let mut chars: u32 = 0;
        for &b in value.as_bytes() {
            sid = dfa.next_state(sid, b);
            if dfa.is_special_state(sid) && (dfa.is_dead_state(sid) || dfa.is_quit_state(sid)) {
                // Quit states are never configured; should one appear, fail closed as
                // pattern.rs does on an engine error.
                return Verdict::Never;
            }
            // Count characters: every byte that is not a UTF-8 continuation byte.
            chars += u32::from((b & 0xC0) != 0x80);
            if self.max.is_some_and(|m| chars > m) {
                return Verdict::Never;
            }
        }
        let eoi = dfa.next_eoi_state(sid);
        if dfa.is_match_state(eoi) && chars >= self.min { Verdict::Match } else { Verdict::Prefix }
    }

    /// The count range (`min`, `max`); `(0, None)` when the part has none.
    pub fn count_range(&self) -> (u32, Option<u32>) {
        (self.min, self.max)
    }

}


#[cfg(feature = "dfa-build")]
/// Why a pattern did not become bundle parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// `pattern.rs` refuses it too (the field reports `invalid_pattern` /
    /// `unsupported_pattern` in every build).
    Pattern(PatternError),
    /// The lazy DFA runs it, but a full DFA of it is too big for a bundle: the light entry
    /// needs the compiler for it.
    TooBig(String),
}

#[cfg(feature = "dfa-build")]
impl From<PatternError> for CompileError {
    fn from(e: PatternError) -> Self {
        CompileError::Pattern(e)
    }
}

#[cfg(feature = "dfa-build")]
/// Compiler settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// Split `C{m,n}` parts into `C*` + a count range (see the module docs).
    pub split_counts: bool,
    /// Minimize the DFA (Hopcroft). Off by default: minimisation merges states from which
    /// no match is reachable into the dead state, which answers `Never` earlier than the
    /// lazy DFA (which never minimises) for pathological patterns such as `a$b`, so the
    /// two builds could differ. Measured: it saves nothing on provider patterns.
    pub minimize: bool,
    /// Largest serialised sparse DFA accepted for one part.
    pub max_part_bytes: usize,
    /// Cap on the dense DFA (and determinizer) memory while building.
    pub dense_limit: usize,
}

#[cfg(feature = "dfa-build")]
impl Default for Options {
    fn default() -> Self {
        Options { split_counts: true, minimize: false, max_part_bytes: 32 * 1024, dense_limit: 16 << 20 }
    }
}

#[cfg(feature = "dfa-build")]
/// One part, ready for a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartBytes {
    /// The sparse DFA, little-endian (what `sparse::DFA::from_bytes` reads on wasm32 and
    /// on every little-endian host).
    pub dfa: Vec<u8>,
    /// Fewest characters.
    pub min: u32,
    /// Most characters.
    pub max: Option<u32>,
    /// Whether the counted-repetition split was applied.
    pub split: bool,
    /// The dense DFA's serialised size (for the measurements).
    pub dense_bytes: usize,
}

#[cfg(feature = "dfa-build")]
/// Compile a provider pattern, in any spelling, into bundle parts and its facts.
pub fn compile(raw: &str, opts: &Options) -> Result<(Vec<PartBytes>, Facts), CompileError> {
    // First every part's HIR and NFA, as pattern.rs does (so a pattern it refuses is refused
    // here with the same kind of error before any DFA is attempted).
    let hirs = front(raw)?;
    let facts = facts(&hirs);
    let mut planned = Vec::new();
    for (hir, lookahead) in hirs {
        // pattern.rs's NFA for this part: it must build (same size limit), or the pattern is
        // unsupported in every build.
        nfa(&whole_value(hir.clone(), lookahead))?;
        let split = if opts.split_counts { counted_shape(&hir, lookahead) } else { None };
        planned.push(match split {
            Some(Counted { prefix, width, sub, min, max }) => {
                let star = Hir::repetition(Repetition { min: 0, max: None, greedy: true, sub: Box::new(sub) });
                let mut items = prefix;
                items.push(star);
                items.push(Hir::look(Look::End));
                let min = width.checked_add(min).ok_or_else(|| CompileError::TooBig("count overflow".into()))?;
                let max = match max {
                    Some(n) => Some(width.checked_add(n).ok_or_else(|| CompileError::TooBig("count overflow".into()))?),
                    None => None,
                };
                (Hir::concat(items), min, max, true)
            }
            None => (whole_value(hir, lookahead), 0, None, false),
        });
    }
    let mut parts = Vec::new();
    for (hir, min, max, split) in planned {
        let nfa = nfa(&hir)?;
        let too_big = |what: &dyn core::fmt::Display| CompileError::TooBig(what.to_string());
        let dense = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .match_kind(MatchKind::All)
                    .start_kind(StartKind::Anchored)
                    .minimize(opts.minimize)
                    // Accelerators and specialised start states only speed up searches for a
                    // match *inside* a haystack; a whole-value walk uses neither.
                    .accelerate(false)
                    .specialize_start_states(false)
                    .byte_classes(true)
                    .dfa_size_limit(Some(opts.dense_limit))
                    .determinize_size_limit(Some(opts.dense_limit)),
            )
            .build_from_nfa(&nfa)
            .map_err(|e| too_big(&e))?;
        let sparse = dense.to_sparse().map_err(|e| too_big(&e))?;
        let bytes = sparse.to_bytes_little_endian();
        if bytes.len() > opts.max_part_bytes {
            return Err(CompileError::TooBig(alloc::format!("a part's DFA is {} bytes", bytes.len())));
        }
        parts.push(PartBytes {
            dfa: bytes,
            min,
            max,
            split,
            dense_bytes: dense.to_bytes_little_endian().0.len(),
        });
    }
    Ok((parts, facts))
}

#[cfg(feature = "dfa-build")]
/// pattern.rs's Thompson NFA configuration.
fn nfa(hir: &Hir) -> Result<thompson::NFA, PatternError> {
    thompson::Compiler::new()
        .configure(thompson::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
        .build_from_hir(hir)
        .map_err(|e| PatternError::Unsupported(e.to_string()))
}

#[cfg(feature = "dfa-build")]
fn uncaptured(h: &Hir) -> &Hir {
    match h.kind() {
        HirKind::Capture(c) => uncaptured(&c.sub),
        _ => h,
    }
}

#[cfg(feature = "dfa-build")]
/// Whether every match of `h` is exactly one character.
fn single_char(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Class(Class::Unicode(c)) => !c.ranges().is_empty(),
        HirKind::Class(Class::Bytes(c)) => !c.ranges().is_empty() && c.ranges().iter().all(|r| r.end() < 0x80),
        HirKind::Literal(l) => core::str::from_utf8(&l.0).is_ok_and(|s| s.chars().count() == 1),
        HirKind::Capture(c) => single_char(&c.sub),
        HirKind::Alternation(alts) => !alts.is_empty() && alts.iter().all(single_char),
        _ => false,
    }
}

#[cfg(feature = "dfa-build")]
/// How many characters every match of `h` has, when that is fixed.
fn fixed_width(h: &Hir) -> Option<u32> {
    match h.kind() {
        HirKind::Empty => Some(0),
        HirKind::Literal(l) => core::str::from_utf8(&l.0).ok().and_then(|s| u32::try_from(s.chars().count()).ok()),
        HirKind::Class(_) => single_char(h).then_some(1),
        HirKind::Capture(c) => fixed_width(&c.sub),
        HirKind::Repetition(r) if r.max == Some(r.min) => fixed_width(&r.sub)?.checked_mul(r.min),
        HirKind::Concat(v) => v.iter().try_fold(0u32, |acc, x| acc.checked_add(fixed_width(x)?)),
        HirKind::Alternation(v) => {
            let first = fixed_width(v.first()?)?;
            v.iter().all(|x| fixed_width(x) == Some(first)).then_some(first)
        }
        // Look-around and anything else: not a fixed-width prefix.
        _ => None,
    }
}

#[cfg(feature = "dfa-build")]
/// A part of the shape `Start* P C{m,n} End*`: P of fixed width `width` (possibly empty), C
/// one character. Compiled as the DFA of `P C*` and the count range
/// `[width + m, width + n]`.
#[derive(Debug)]
pub struct Counted {
    /// The fixed-width items before the repetition.
    pub prefix: Vec<Hir>,
    /// Their width in characters.
    pub width: u32,
    /// The one-character expression repeated.
    pub sub: Hir,
    /// Repetition bounds.
    pub min: u32,
    /// Repetition bounds.
    pub max: Option<u32>,
}

#[cfg(feature = "dfa-build")]
/// The split shape (see the module docs); `End` is required for a look-ahead.
pub fn counted_shape(hir: &Hir, lookahead: bool) -> Option<Counted> {
    let h = uncaptured(hir);
    let mut items: &[Hir] = match h.kind() {
        HirKind::Concat(v) => v,
        _ => core::slice::from_ref(h),
    };
    let is = |h: &Hir, look: Look| matches!(h.kind(), HirKind::Look(l) if *l == look);
    while let Some((first, rest)) = items.split_first()
        && is(first, Look::Start)
    {
        items = rest;
    }
    let mut ended = false;
    while let Some((last, rest)) = items.split_last()
        && is(last, Look::End)
    {
        items = rest;
        ended = true;
    }
    if lookahead && !ended {
        return None;
    }
    // The repetition must be last: a fixed-width *suffix* would not be sound for Prefix
    // (`^\p{L}{1,3}\d$` on "abcd": 4 characters fit the range [2, 4], yet 4 letters can
    // never match).
    let (last, prefix) = items.split_last()?;
    let HirKind::Repetition(r) = uncaptured(last).kind() else { return None };
    if !single_char(&r.sub) || r.max.is_some_and(|n| n < r.min) {
        return None;
    }
    let width = prefix.iter().try_fold(0u32, |acc, x| acc.checked_add(fixed_width(x)?))?;
    Some(Counted { prefix: prefix.to_vec(), width, sub: (*r.sub).clone(), min: r.min, max: r.max })
}
