//! One type for the three providers' request builders, so bindings (and flows) hold a
//! gateway without caring which provider it is.

use crate::error::{Error, ErrorCode, Result};
use crate::http::{Outcome, Request};
use crate::recipe::Recipe;
use crate::value::Value;
use crate::{corefy, exotic, m4};
use alloc::vec::Vec;

/// The providers, their constructor arguments (positional, in this order) and endpoints.
pub static PROVIDERS: &[(&str, &[&str])] = &[
    ("m4", &["shop_id", "secret", "base_url"]),
    ("exotic", &["merchant", "sign_key", "api_key", "base_url", "standart_sign"]),
    ("corefy", &["account_id", "api_key", "base_url", "public_key"]),
];

/// A provider's request builder with its credentials.
#[derive(Clone, Debug)]
pub enum Gateway {
    /// M4 (Withdraw Flow V1).
    M4(m4::Client),
    /// exotic.company pay-out API.
    Exotic(exotic::Client),
    /// Corefy platform (MilkyPay).
    Corefy(corefy::Client),
}

fn provider_args(provider: &str) -> Result<&'static [&'static str]> {
    PROVIDERS.iter().find(|(p, _)| *p == provider).map(|(_, a)| *a).ok_or_else(|| {
        Error::field(ErrorCode::InvalidValue, "provider", "`provider` must be one of m4, exotic, corefy")
    })
}

impl Gateway {
    /// Build a gateway from its constructor arguments in [`PROVIDERS`] order (missing
    /// trailing arguments are null: base URL default for M4, no `standart_sign` recipe,
    /// no public key).
    pub fn from_args(provider: &str, args: Vec<Value>) -> Result<Gateway> {
        let names = provider_args(provider)?;
        if args.len() > names.len() {
            return Err(Error::field(ErrorCode::InvalidArgument, "args", alloc::format!("{provider} takes {} arguments", names.len())));
        }
        let mut args = args.into_iter().chain(core::iter::repeat(Value::Null));
        let mut next = || args.next().unwrap_or(Value::Null);
        let (a, b, c, d, e) = (next(), next(), next(), next(), next());
        Ok(match provider {
            "m4" => Gateway::M4(m4::Client::new(&a, b.into_secret("secret")?, &c)?),
            "exotic" => {
                let recipe = match e {
                    Value::Null => None,
                    spec => Some(Recipe::from_spec(&spec)?),
                };
                Gateway::Exotic(exotic::Client::new(&a, b.into_secret("sign_key")?, c.into_secret("api_key")?, &d, recipe)?)
            }
            _ => Gateway::Corefy(corefy::Client::new(&a, b.into_secret("api_key")?, &c, &d)?),
        })
    }

    /// `"m4"`, `"exotic"` or `"corefy"`.
    pub fn provider(&self) -> &'static str {
        match self {
            Gateway::M4(_) => "m4",
            Gateway::Exotic(_) => "exotic",
            Gateway::Corefy(_) => "corefy",
        }
    }

    /// What identifies the account without any secret (`provider id base_url`): saved flow
    /// state records it, so a flow only resumes with the account it ran with.
    pub fn fingerprint(&self) -> alloc::string::String {
        match self {
            Gateway::M4(c) => alloc::format!("m4 {}", c.fingerprint()),
            Gateway::Exotic(c) => alloc::format!("exotic {}", c.fingerprint()),
            Gateway::Corefy(c) => alloc::format!("corefy {}", c.fingerprint()),
        }
    }

    /// The builder names of a provider.
    pub fn endpoints(provider: &str) -> Result<Vec<&'static str>> {
        provider_args(provider)?;
        Ok(match provider {
            "m4" => m4::ENDPOINTS.iter().map(|e| e.name).collect(),
            "exotic" => exotic::ENDPOINTS.iter().map(|(n, _)| *n).collect(),
            _ => corefy::ENDPOINTS.iter().map(|(n, _)| *n).collect(),
        })
    }

    /// Build the request of endpoint `name`. `unix_now` (seconds) is the clock for M4's
    /// `now` when the fields do not carry one.
    pub fn request(&self, name: &str, input: &Value, unix_now: i64) -> Result<Request> {
        match self {
            Gateway::M4(c) => c.request(name, input, unix_now),
            Gateway::Exotic(c) => c.request(name, input),
            Gateway::Corefy(c) => c.request(name, input),
        }
    }

    /// [`Gateway::request`] with the identifying field given on its own (`positional`,
    /// null when absent) beside the other fields, as Python's `find_payout_invoice("r-1")`
    /// or `shop_payment_status("p-1", now=...)` pass them.
    pub fn request_with(&self, name: &str, positional: &Value, fields: &Value, unix_now: i64) -> Result<Request> {
        let no_fields = matches!(fields, Value::Null) || matches!(fields, Value::Map(m) if m.is_empty());
        match positional {
            Value::Null => return self.request(name, fields, unix_now),
            Value::Map(_) if no_fields => return self.request(name, positional, unix_now),
            _ => {}
        }
        let key = match self {
            Gateway::M4(_) => m4::ENDPOINTS.iter().find(|e| e.name == name).and_then(|e| e.positional),
            Gateway::Exotic(_) => exotic::ENDPOINTS.iter().find(|(n, _)| *n == name).and_then(|(_, p)| *p),
            Gateway::Corefy(_) => corefy::ENDPOINTS.iter().find(|(n, _)| *n == name).and_then(|(_, p)| *p),
        };
        let (Some(key), Value::Map(extra)) = (key, fields) else {
            return self.request(name, positional, unix_now);
        };
        let mut merged = crate::Map::new().with(key, positional.clone());
        for (k, v) in extra.iter() {
            if k == key {
                return Err(Error::field(ErrorCode::DuplicateField, key, alloc::format!("`{key}` is given twice")));
            }
            merged.insert(k, v.clone());
        }
        self.request(name, &Value::Map(merged), unix_now)
    }

    /// Classify a response of this provider.
    pub fn classify(&self, http_status: u16, body: &Value) -> Result<Outcome> {
        classify(self.provider(), http_status, body)
    }
}

/// Classify a response of `provider`.
pub fn classify(provider: &str, http_status: u16, body: &Value) -> Result<Outcome> {
    match provider_args(provider).map(|_| provider)? {
        "m4" => m4::classify(http_status, body),
        "exotic" => exotic::classify(http_status, body),
        _ => corefy::classify(http_status, body),
    }
}
