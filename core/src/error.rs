//! Typed errors with stable codes, shared by every runtime.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use core::fmt;

/// Result alias used across the crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $text:literal,)*) => {
        /// A stable, machine-readable error code. The snake_case text (see
        /// [`ErrorCode::as_str`]) is what every binding exposes as `code`; it never changes
        /// meaning once released.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order (bindings export this list).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The stable snake_case text of the code.
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $text,)* }
            }
        }
    };
}

codes! {
    /// A field the operation signs (or needs) is absent.
    MissingField => "missing_field",
    /// A value of a type that cannot be signed (bool, null, list, object, non-finite or
    /// imprecise float, a host type the binding does not know).
    UnsupportedValue => "unsupported_value",
    /// A value of the right type that is not one of the allowed values.
    InvalidValue => "invalid_value",
    /// An argument of the wrong type (for example params that are not a mapping).
    InvalidArgument => "invalid_argument",
    /// The M4 method (API path) is not in the table.
    UnknownMethod => "unknown_method",
    /// A secret that is empty or padded with whitespace.
    InvalidSecret => "invalid_secret",
    /// A validation rule description that is malformed.
    InvalidRule => "invalid_rule",
    /// A recipe description that is malformed.
    InvalidRecipe => "invalid_recipe",
    /// An amount that is not decimal text or breaks the provider's precision.
    InvalidAmount => "invalid_amount",
    /// A field pattern that does not parse.
    InvalidPattern => "invalid_pattern",
    /// A field pattern using a construct the linear-time engine cannot run.
    UnsupportedPattern => "unsupported_pattern",
    /// A body that is not valid JSON (or not the JSON shape expected).
    InvalidJson => "invalid_json",
    /// Bytes that are not valid UTF-8 where text is required.
    InvalidEncoding => "invalid_encoding",
    /// A key that occurs twice in a callback payload (a verifier and an application that
    /// pick different duplicates would accept a forgery).
    DuplicateField => "duplicate_field",
    /// An operation that needs configuration the caller has not given.
    NotConfigured => "not_configured",
    /// A field a request builder does not know (a typo would otherwise go unsent).
    UnknownField => "unknown_field",
    /// A flow event that does not fit the flow's state, or saved flow state that is not
    /// state this version wrote.
    InvalidState => "invalid_state",
    /// A callback whose signature does not verify (missing, malformed or wrong): not from
    /// the provider (`parse_verified_callback`; `verify_callback` answers `false` instead).
    InvalidSignature => "invalid_signature",
    /// A bug in payoutkit (a caught panic): never expected; please report it.
    Internal => "internal_error",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error with a stable [`ErrorCode`], the field it concerns (if any) and a message a
/// person can act on. Messages never contain secrets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    field: Option<Cow<'static, str>>,
    message: String,
}

impl Error {
    /// A new error. `field` names the argument or parameter at fault.
    pub fn new(
        code: ErrorCode,
        field: Option<impl Into<Cow<'static, str>>>,
        message: impl Into<String>,
    ) -> Self {
        Error { code, field: field.map(Into::into), message: message.into() }
    }

    /// An error about one named field.
    pub fn field(code: ErrorCode, field: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Error { code, field: Some(field.into()), message: message.into() }
    }

    /// An error not tied to a field.
    pub fn general(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, field: None, message: message.into() }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The field or argument at fault, if any.
    pub fn field_name(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// The human-readable message (no secrets).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Error {
    /// The error a binding reports for a caught panic, so none crosses the FFI.
    pub fn internal(detail: &str) -> Self {
        Error::general(ErrorCode::Internal, format!("internal error in payoutkit (please report): {detail}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for Error {}
