//! The one signing engine: a declarative [`Recipe`] says which fields form the line, how
//! they are joined, where the secret goes, which hash and which output encoding. Every
//! provider scheme (M4, exotic, Corefy) is a built-in recipe run by this engine.

use crate::error::{Error, ErrorCode, Result};
use crate::secret::Secret;
use crate::value::{FieldValue, Params, Value};
use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::digest::{FixedOutput, Update};
use hmac::{Hmac, KeyInit};
use sha2::Digest as _;
use subtle::ConstantTimeEq;

/// Field names: borrowed from the built-in tables, or owned by a user recipe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Names {
    /// A static table row.
    Static(&'static [&'static str]),
    /// Names from a user's recipe.
    Owned(Vec<String>),
}

impl Names {
    /// The names in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let (a, b) = match self {
            Names::Static(s) => (Some(s.iter().copied()), None),
            Names::Owned(v) => (None, Some(v.iter().map(String::as_str))),
        };
        a.into_iter().flatten().chain(b.into_iter().flatten())
    }

    fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }
}

/// Which fields form the line to sign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fields {
    /// These fields, in this order (exotic). Built-in tables store M4's already sorted.
    Listed(Names),
    /// These fields sorted by key, byte order (as given by a user recipe with `sort: true`;
    /// the names are sorted once when the recipe is made).
    Sorted(Names),
    /// Every field that is not null and not `""`, minus `exclude`, sorted by key (M4
    /// callbacks).
    AllNonEmpty {
        /// Fields never signed (the signature field itself).
        exclude: Names,
    },
    /// The message is the raw body bytes (Corefy callbacks).
    RawBody,
}

/// Where the secret goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretPlacement {
    /// `line + secret` (M4).
    Append,
    /// `line + separator + secret` (exotic).
    AppendWithSeparator,
    /// `secret + line`.
    Prepend,
    /// `secret + line + secret` (Corefy).
    Wrap,
    /// HMAC with the secret as key over the line.
    HmacKey,
}

/// The hash function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashAlgorithm {
    /// SHA-256.
    Sha256,
    /// SHA-1 (Corefy callbacks; only as providers require it).
    Sha1,
    /// MD5 (only as providers require it).
    Md5,
    /// SHA-512.
    Sha512,
}

/// How the digest is written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// Lowercase hex.
    Hex,
    /// Uppercase hex.
    HexUpper,
    /// Standard base64 with padding.
    Base64,
}

macro_rules! spec_enum {
    ($ty:ident, $key:literal, { $($text:literal => $v:ident),* $(,)? }) => {
        impl $ty {
            /// The spec text of this choice.
            pub const fn as_str(self) -> &'static str {
                match self { $($ty::$v => $text,)* }
            }

            fn parse(v: &Value) -> Result<Self> {
                match v {
                    $(Value::Str(s) if s == $text => Ok($ty::$v),)*
                    _ => Err(bad_spec($key, concat!("one of: ", $($text, " "),*))),
                }
            }
        }
    };
}
spec_enum!(SecretPlacement, "secret", {
    "append" => Append, "append_with_separator" => AppendWithSeparator, "prepend" => Prepend,
    "wrap" => Wrap, "hmac_key" => HmacKey,
});
spec_enum!(HashAlgorithm, "hash", { "sha256" => Sha256, "sha1" => Sha1, "md5" => Md5, "sha512" => Sha512 });
spec_enum!(Output, "output", { "hex" => Hex, "hex_upper" => HexUpper, "base64" => Base64 });

fn bad_spec(key: &str, expected: &str) -> Error {
    Error::field(
        ErrorCode::InvalidRecipe,
        String::from(key),
        format!("recipe `{key}` must be {expected}"),
    )
}

/// A declarative signature recipe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipe {
    /// Which fields form the line.
    pub fields: Fields,
    /// What joins the field values (and the secret, for `append_with_separator`).
    pub separator: Cow<'static, str>,
    /// Where the secret goes.
    pub secret: SecretPlacement,
    /// The hash.
    pub hash: HashAlgorithm,
    /// The output encoding.
    pub output: Output,
    /// The argument name the secret is reported under in errors.
    pub secret_name: &'static str,
}

/// A digest of at most 512 bits, on the stack.
struct Digest {
    bytes: [u8; 64],
    len: usize,
}

impl Digest {
    fn of(out: &[u8]) -> Self {
        let mut d = Digest { bytes: [0; 64], len: 0 };
        if let Some(slot) = d.bytes.get_mut(..out.len()) {
            slot.copy_from_slice(out);
            d.len = out.len();
        }
        d
    }

    fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// Stages the line on the stack so the hasher gets one update instead of one per value and
/// separator. It only ever holds the line, never the secret.
struct Staged<'h, H> {
    buf: [u8; 256],
    len: usize,
    hasher: &'h mut H,
}

impl<H: Update> Staged<'_, H> {
    #[inline(always)]
    fn push(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        match self.buf.get_mut(self.len..end) {
            Some(slot) => {
                slot.copy_from_slice(bytes);
                self.len = end;
            }
            None => {
                self.flush();
                self.hasher.update(bytes);
            }
        }
    }

    fn flush(&mut self) {
        self.hasher.update(self.buf.get(..self.len).unwrap_or_default());
        self.len = 0;
    }
}

impl Recipe {
    /// Build a recipe from its data description (what users pass from Python/JS):
    /// `{fields: [..] | "all_non_empty" | "raw_body", sort, exclude, separator, secret,
    /// hash, output}`. Unknown keys and bad values give `invalid_recipe` naming the key.
    pub fn from_spec(spec: &Value) -> Result<Self> {
        let map = match spec {
            Value::Map(m) => m,
            _ => return Err(Error::general(ErrorCode::InvalidRecipe, "a recipe is a mapping such as {\"fields\": [...]}")),
        };
        let mut fields = None;
        let mut sort = false;
        let mut exclude = Vec::new();
        let mut recipe = Recipe {
            fields: Fields::RawBody,
            separator: Cow::Borrowed(":"),
            secret: SecretPlacement::Append,
            hash: HashAlgorithm::Sha256,
            output: Output::Hex,
            secret_name: "secret",
        };
        for (key, v) in map.iter() {
            match key {
                "fields" => fields = Some(v),
                "sort" => match v {
                    Value::Bool(b) => sort = *b,
                    _ => return Err(bad_spec(key, "true or false")),
                },
                "exclude" => exclude = names(v).ok_or_else(|| bad_spec(key, "a list of field names"))?,
                "separator" => match v {
                    Value::Str(s) => recipe.separator = Cow::Owned(s.clone()),
                    _ => return Err(bad_spec(key, "a string")),
                },
                "secret" => recipe.secret = SecretPlacement::parse(v)?,
                "hash" => recipe.hash = HashAlgorithm::parse(v)?,
                "output" => recipe.output = Output::parse(v)?,
                _ => return Err(bad_spec(key, "absent: it is not a recipe key (fields, sort, exclude, separator, secret, hash, output)")),
            }
        }
        const FIELDS_EXPECTED: &str = "a list of field names, \"all_non_empty\" or \"raw_body\"";
        recipe.fields = match fields {
            None => return Err(bad_spec("fields", FIELDS_EXPECTED)),
            Some(Value::Str(s)) if s == "all_non_empty" => Fields::AllNonEmpty { exclude: Names::Owned(exclude) },
            Some(Value::Str(s)) if s == "raw_body" => Fields::RawBody,
            Some(_) if !exclude.is_empty() => return Err(bad_spec("exclude", "absent: `exclude` only goes with \"all_non_empty\"")),
            Some(v) => {
                let mut list = names(v).filter(|l| !l.is_empty()).ok_or_else(|| bad_spec("fields", FIELDS_EXPECTED))?;
                if sort {
                    list.sort_unstable();
                    Fields::Sorted(Names::Owned(list))
                } else {
                    Fields::Listed(Names::Owned(list))
                }
            }
        };
        Ok(recipe)
    }

    /// The data description of this recipe (the inverse of [`Recipe::from_spec`]).
    pub fn to_spec(&self) -> Value {
        let list = |n: &Names| Value::List(n.iter().map(Value::from).collect());
        let mut m = crate::value::Map::new();
        match &self.fields {
            Fields::Listed(n) => m.insert("fields", list(n)),
            Fields::Sorted(n) => {
                m.insert("fields", list(n));
                m.insert("sort", true);
            }
            Fields::AllNonEmpty { exclude } => {
                m.insert("fields", "all_non_empty");
                m.insert("exclude", list(exclude));
            }
            Fields::RawBody => m.insert("fields", "raw_body"),
        }
        m.insert("separator", &*self.separator);
        m.insert("secret", self.secret.as_str());
        m.insert("hash", self.hash.as_str());
        m.insert("output", self.output.as_str());
        Value::Map(m)
    }

    /// The canonical line **without** the secret, for debugging a signature mismatch.
    pub fn string_to_sign<'a>(&self, params: impl Into<Params<'a>>) -> Result<String> {
        let mut line = Vec::new();
        self.emit(params.into(), &mut |b| line.extend_from_slice(b))?;
        // Field values are text and raw bodies are checked as UTF-8 below, so this holds.
        String::from_utf8(line).map_err(|_| Error::general(ErrorCode::InvalidEncoding, "the body is not valid UTF-8"))
    }

    /// The whole string that gets hashed, with `***` where the secret goes (for logs and
    /// support tickets: shows the placement without the key).
    pub fn redacted_string_to_sign<'a>(&self, params: impl Into<Params<'a>>) -> Result<String> {
        const MASK: &str = "***";
        let line = self.string_to_sign(params)?;
        Ok(match self.secret {
            SecretPlacement::Append => format!("{line}{MASK}"),
            SecretPlacement::AppendWithSeparator => format!("{line}{}{MASK}", self.separator),
            SecretPlacement::Prepend => format!("{MASK}{line}"),
            SecretPlacement::Wrap => format!("{MASK}{line}{MASK}"),
            SecretPlacement::HmacKey => format!("HMAC-{}(key={MASK}, {line})", self.hash.as_str()),
        })
    }

    /// Sign `params` (a mapping, or the raw body for `raw_body` recipes).
    pub fn sign<'a>(&self, params: impl Into<Params<'a>>, secret: &Secret) -> Result<String> {
        self.sign_line(params.into(), secret)
    }

    /// Sign the values of this recipe's fields given in its order, `None` for an absent one
    /// (what a prepared signer hands over: no lookup by name). `invalid_argument` for a
    /// recipe that does not list its fields (`all_non_empty`, `raw_body`) or a count that
    /// does not match.
    pub fn sign_ordered(&self, values: &[Option<FieldValue<'_>>], secret: &Secret) -> Result<String> {
        self.sign_line(Ordered(values), secret)
    }

    fn sign_line(&self, line: impl Line, secret: &Secret) -> Result<String> {
        let digest = self.digest(line, secret)?;
        let digest = digest.as_slice();
        Ok(match self.output {
            Output::Hex => const_hex::encode(digest),
            Output::HexUpper => const_hex::encode_upper(digest),
            Output::Base64 => BASE64.encode(digest),
        })
    }

    /// Check `signature` against `params` in constant time. Surrounding whitespace is
    /// ignored, hex in either case is accepted; anything undecodable is simply `false`.
    pub fn verify<'a>(&self, params: impl Into<Params<'a>>, secret: &Secret, signature: &str) -> Result<bool> {
        let expected = self.digest(params.into(), secret)?;
        let expected = expected.as_slice();
        let given = signature.trim();
        let mut buf = [0u8; 64];
        let decoded = match self.output {
            Output::Hex | Output::HexUpper => buf
                .get_mut(..expected.len())
                .filter(|_| given.len() == expected.len() * 2)
                .and_then(|out| hex::decode_to_slice(given, out).ok().map(|()| expected.len())),
            Output::Base64 => BASE64.decode_slice(given, &mut buf).ok(),
        };
        let given = decoded.and_then(|n| buf.get(..n));
        Ok(given.is_some_and(|g| bool::from(g.ct_eq(expected))))
    }

    fn digest(&self, params: impl Line, secret: &Secret) -> Result<Digest> {
        // Error precedence: the secret is checked before the fields.
        let key = secret.check(self.secret_name)?.bytes();
        // HMAC takes keys of any length; should that ever change, fail rather than sign
        // without the key.
        let hmac_error = |_| Error::internal("HMAC rejected the key");
        // One monomorphic path per hash (no dispatch per update: the signing hot path).
        match (self.hash, self.secret == SecretPlacement::HmacKey) {
            (HashAlgorithm::Sha256, false) => self.digest_with(sha2::Sha256::new(), params, key),
            (HashAlgorithm::Sha1, false) => self.digest_with(sha1::Sha1::new(), params, key),
            (HashAlgorithm::Md5, false) => self.digest_with(md5::Md5::new(), params, key),
            (HashAlgorithm::Sha512, false) => self.digest_with(sha2::Sha512::new(), params, key),
            (HashAlgorithm::Sha256, true) => self.digest_with(Hmac::<sha2::Sha256>::new_from_slice(key).map_err(hmac_error)?, params, key),
            (HashAlgorithm::Sha1, true) => self.digest_with(Hmac::<sha1::Sha1>::new_from_slice(key).map_err(hmac_error)?, params, key),
            (HashAlgorithm::Md5, true) => self.digest_with(Hmac::<md5::Md5>::new_from_slice(key).map_err(hmac_error)?, params, key),
            (HashAlgorithm::Sha512, true) => self.digest_with(Hmac::<sha2::Sha512>::new_from_slice(key).map_err(hmac_error)?, params, key),
        }
    }

    fn digest_with<H: Update + FixedOutput>(&self, mut h: H, params: impl Line, key: &[u8]) -> Result<Digest> {
        if matches!(self.secret, SecretPlacement::Prepend | SecretPlacement::Wrap) {
            h.update(key);
        }
        // The line is staged, then the secret goes straight to the hasher: no buffer ever
        // holds line + secret.
        let mut staged = Staged { buf: [0; 256], len: 0, hasher: &mut h };
        params.emit(self, &mut |b| staged.push(b))?;
        staged.flush();
        match self.secret {
            SecretPlacement::Append | SecretPlacement::Wrap => h.update(key),
            SecretPlacement::AppendWithSeparator => {
                h.update(self.separator.as_bytes());
                h.update(key);
            }
            SecretPlacement::Prepend | SecretPlacement::HmacKey => {}
        }
        Ok(Digest::of(&h.finalize_fixed()))
    }

    /// Feed the line (without the secret) to `out`, field by field (generic, so the
    /// hashing path inlines the copies).
    fn emit<F: FnMut(&[u8])>(&self, params: Params<'_>, out: &mut F) -> Result<()> {
        let sep = self.separator.as_bytes();
        match &self.fields {
            Fields::RawBody => {
                out(params.body("body")?);
            }
            // Plain loops per name table and per params form: the signing hot path (no
            // chained iterator, no Result built per field lookup).
            Fields::Listed(names) | Fields::Sorted(names) => match names {
                Names::Static(list) => emit_named(list.iter().copied(), params, sep, out)?,
                Names::Owned(list) => emit_named(list.iter().map(String::as_str), params, sep, out)?,
            },
            Fields::AllNonEmpty { exclude } => {
                let mut present = params.entries("params")?;
                present.retain(|(k, v)| !exclude.contains(k) && !v.is_null_or_empty());
                present.sort_unstable_by(|a, b| a.0.cmp(b.0));
                for (i, (name, v)) in present.into_iter().enumerate() {
                    if i > 0 {
                        out(sep);
                    }
                    v.write_signed(name, out)?;
                }
            }
        }
        Ok(())
    }
}

/// What a line is made from: params looked up by name, or values already in the recipe's order.
trait Line {
    fn emit<F: FnMut(&[u8])>(self, recipe: &Recipe, out: &mut F) -> Result<()>;
}

impl Line for Params<'_> {
    #[inline]
    fn emit<F: FnMut(&[u8])>(self, recipe: &Recipe, out: &mut F) -> Result<()> {
        recipe.emit(self, out)
    }
}

/// Values in the order of a listed or sorted recipe's fields (`None`: absent).
struct Ordered<'v, 'a>(&'v [Option<FieldValue<'a>>]);

impl Line for Ordered<'_, '_> {
    #[inline]
    fn emit<F: FnMut(&[u8])>(self, recipe: &Recipe, out: &mut F) -> Result<()> {
        let (Fields::Listed(names) | Fields::Sorted(names)) = &recipe.fields else {
            return Err(Error::field(ErrorCode::InvalidArgument, "params", "this recipe takes params by name"));
        };
        match names {
            Names::Static(list) => emit_ordered(list.iter().copied(), self.0, recipe.separator.as_bytes(), out),
            Names::Owned(list) => emit_ordered(list.iter().map(String::as_str), self.0, recipe.separator.as_bytes(), out),
        }
    }
}

fn missing(name: &str) -> Error {
    Error::field(ErrorCode::MissingField, String::from(name), format!("signed field `{name}` is missing"))
}

#[inline]
fn emit_ordered<'n, F: FnMut(&[u8])>(names: impl ExactSizeIterator<Item = &'n str>, values: &[Option<FieldValue<'_>>], sep: &[u8], out: &mut F) -> Result<()> {
    if names.len() != values.len() {
        return Err(Error::field(ErrorCode::InvalidArgument, "params", "one value per signed field"));
    }
    for (i, (name, v)) in names.zip(values).enumerate() {
        let Some(v) = v else { return Err(missing(name)) };
        if i > 0 {
            out(sep);
        }
        v.write_signed(name, out)?;
    }
    Ok(())
}

/// `a == b`, with the length and the first byte compared before the bytes (most keys differ
/// there; a `memcmp` call per candidate was a tenth of the signing profile).
#[inline(always)]
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// The named fields' signed text joined by `sep`, in the order of `names`.
#[inline]
fn emit_named<'n, F: FnMut(&[u8])>(names: impl Iterator<Item = &'n str>, params: Params<'_>, sep: &[u8], out: &mut F) -> Result<()> {
    match params {
        Params::Fields(fields) => {
            for (i, name) in names.enumerate() {
                let Some((_, v)) = fields.iter().find(|(k, _)| same_key(k, name)) else { return Err(missing(name)) };
                if i > 0 {
                    out(sep);
                }
                v.write_signed(name, out)?;
            }
        }
        Params::Value(v) => {
            let map = v.as_map("params")?;
            for (i, name) in names.enumerate() {
                let Some(v) = map.get(name) else { return Err(missing(name)) };
                if i > 0 {
                    out(sep);
                }
                v.field_value().write_signed(name, out)?;
            }
        }
    }
    Ok(())
}

fn names(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::List(items) => items
            .iter()
            .map(|i| match i {
                Value::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}
