//! Secrets: zeroized on drop, never printed.

use crate::error::{Error, ErrorCode, Result};
use alloc::string::String;
use core::fmt;
use zeroize::Zeroizing;

/// A signing secret (M4 account key, exotic `sign_key`, Corefy private key or API key).
///
/// The bytes are wiped when the value is dropped, and `Debug`/`Display` print `***`, so a
/// secret cannot leak through logs or error messages by accident.
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wrap a secret. Validation happens where it is used, so the error can name the
    /// argument (`secret`, `sign_key`, `api_key`).
    pub fn new(secret: impl Into<String>) -> Self {
        Secret(Zeroizing::new(secret.into()))
    }

    /// The secret's bytes, for hashing. Crate-private on purpose.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The secret as text, for the few outputs that must carry it (BasicAuth).
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Reject secrets that are certainly a configuration mistake: empty, or padded with
    /// whitespace (a stray newline from an env file signs with the wrong key silently).
    pub(crate) fn check(&self, field: &'static str) -> Result<&Self> {
        let s = self.0.as_str();
        if s.is_empty() {
            return Err(Error::field(ErrorCode::InvalidSecret, field, alloc::format!("`{field}` is empty")));
        }
        if s.trim() != s {
            return Err(Error::field(
                ErrorCode::InvalidSecret,
                field,
                alloc::format!("`{field}` has leading or trailing whitespace"),
            ));
        }
        Ok(self)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret::new(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn never_printed() {
        let s = Secret::new("account-secret-key");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some(***)");
    }

    #[test]
    fn checks_name_the_argument_without_echoing() {
        for bad in ["", " s3cr3t", "s3cr3t\n", "\ts3cr3t"] {
            let e = Secret::new(bad).check("sign_key").map(|_| ()).unwrap_err();
            assert_eq!((e.code(), e.field_name()), (ErrorCode::InvalidSecret, Some("sign_key")));
            assert!(bad.trim().is_empty() || !e.message().contains(bad.trim()));
        }
        assert!(Secret::new("k").check("secret").is_ok());
    }
}
