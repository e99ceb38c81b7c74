//! The providers as a type, and one type for their request builders, so bindings (and
//! flows) hold a gateway without caring which provider it is. Every dispatch is an
//! exhaustive `match`: a new provider is a compile error at each place that must learn it.

use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorCode, Result};
use crate::flow::Rules;
use crate::http::{Outcome, Request};
use crate::value::Value;
use crate::{corefy, exotic, m4};

/// A payment provider payoutkit speaks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Provider {
    /// M4 (Withdraw Flow V1).
    M4,
    /// exotic.company pay-out API.
    Exotic,
    /// Corefy platform (MilkyPay).
    Corefy,
}

/// An argument: of a provider's gateway constructor (in this order; trailing optional ones
/// may be left out), or of an operation or method in [`crate::dynamic`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The name (snake_case).
    pub name: &'static str,
    /// The same in camelCase (JS).
    pub js_name: &'static str,
    /// What it holds (for docs and generated stubs): `integer`, `text`, `secret`, `url`,
    /// `recipe`, `params`, `body`, `payload`, `response`, `signature`, `http_status`,
    /// `provider`, `value`.
    pub kind: &'static str,
    /// Whether it may be left out.
    pub optional: bool,
}

const fn arg(name: &'static str, js_name: &'static str, kind: &'static str, optional: bool) -> Arg {
    Arg { name, js_name, kind, optional }
}

impl Provider {
    /// Every provider.
    pub const ALL: &'static [Provider] = &[Provider::M4, Provider::Exotic, Provider::Corefy];

    /// `"m4"`, `"exotic"` or `"corefy"`.
    pub const fn name(self) -> &'static str {
        match self {
            Provider::M4 => "m4",
            Provider::Exotic => "exotic",
            Provider::Corefy => "corefy",
        }
    }

    /// The gateway class name in Python and JS (`M4`, `Exotic`, `Corefy`).
    pub const fn class_name(self) -> &'static str {
        match self {
            Provider::M4 => "M4",
            Provider::Exotic => "Exotic",
            Provider::Corefy => "Corefy",
        }
    }

    /// The provider named `name`, or `invalid_value` naming `provider`.
    pub fn from_name(name: &str) -> Result<Provider> {
        Provider::ALL.iter().copied().find(|p| p.name() == name).ok_or_else(|| {
            Error::field(ErrorCode::InvalidValue, "provider", "`provider` must be one of m4, exotic, corefy")
        })
    }

    /// The endpoint table.
    pub fn endpoints(self) -> &'static [Endpoint] {
        match self {
            Provider::M4 => m4::ENDPOINTS,
            Provider::Exotic => exotic::ENDPOINTS,
            Provider::Corefy => corefy::ENDPOINTS,
        }
    }

    /// The gateway constructor's arguments, in order.
    pub fn constructor_args(self) -> &'static [Arg] {
        const M4: &[Arg] = &[arg("shop_id", "shopId", "integer", false), arg("secret", "secret", "secret", false), arg("base_url", "baseUrl", "url", true)];
        const EXOTIC: &[Arg] = &[
            arg("merchant", "merchant", "text", false),
            arg("sign_key", "signKey", "secret", false),
            arg("api_key", "apiKey", "secret", false),
            arg("base_url", "baseUrl", "url", false),
            arg("standart_sign", "standartSign", "recipe", true),
        ];
        const COREFY: &[Arg] = &[
            arg("account_id", "accountId", "text", false),
            arg("api_key", "apiKey", "secret", false),
            arg("base_url", "baseUrl", "url", false),
            arg("public_key", "publicKey", "text", true),
        ];
        match self {
            Provider::M4 => M4,
            Provider::Exotic => EXOTIC,
            Provider::Corefy => COREFY,
        }
    }

    /// Classify a response of this provider.
    pub fn classify(self, http_status: u16, body: &Value) -> Result<Outcome> {
        match self {
            Provider::M4 => m4::classify(http_status, body),
            Provider::Exotic => exotic::classify(http_status, body),
            Provider::Corefy => corefy::classify(http_status, body),
        }
    }

    /// Parse a callback body into an event (exotic and Corefy; M4 documents no payout
    /// callbacks, so its callbacks are read by [`m4::parse_verified_callback`]).
    pub fn parse_callback(self, body: &Value) -> Result<Value> {
        match self {
            Provider::M4 => Err(Error::general(ErrorCode::NotConfigured, "M4 documents no payout callbacks: use m4.parse_verified_callback")),
            Provider::Exotic => exotic::parse_callback(body),
            Provider::Corefy => corefy::parse_callback(body),
        }
    }
}

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

impl From<m4::Client> for Gateway {
    fn from(c: m4::Client) -> Self {
        Gateway::M4(c)
    }
}
impl From<exotic::Client> for Gateway {
    fn from(c: exotic::Client) -> Self {
        Gateway::Exotic(c)
    }
}
impl From<corefy::Client> for Gateway {
    fn from(c: corefy::Client) -> Self {
        Gateway::Corefy(c)
    }
}

impl Gateway {
    /// Which provider.
    pub fn provider(&self) -> Provider {
        match self {
            Gateway::M4(_) => Provider::M4,
            Gateway::Exotic(_) => Provider::Exotic,
            Gateway::Corefy(_) => Provider::Corefy,
        }
    }

    /// What identifies the account without any secret (`provider id base_url`): saved flow
    /// state records it, so a flow only resumes with the account it ran with.
    pub fn fingerprint(&self) -> alloc::string::String {
        let inner = match self {
            Gateway::M4(c) => c.fingerprint(),
            Gateway::Exotic(c) => c.fingerprint(),
            Gateway::Corefy(c) => c.fingerprint(),
        };
        alloc::format!("{} {inner}", self.provider().name())
    }

    /// The provider's flow rules.
    pub(crate) fn rules(&self) -> &dyn Rules {
        match self {
            Gateway::M4(c) => c,
            Gateway::Exotic(c) => c,
            Gateway::Corefy(c) => c,
        }
    }

    /// Build the request of endpoint `name` (snake_case). `unix_now` (seconds) is the clock
    /// for M4's `now` when the fields do not carry one.
    pub fn request(&self, name: &str, input: &Value, unix_now: i64) -> Result<Request> {
        match self {
            Gateway::M4(c) => m4::request_named(c, name, input, unix_now),
            Gateway::Exotic(c) => c.request(exotic::Endpoint::from_name(name)?, input),
            Gateway::Corefy(c) => c.request(corefy::Endpoint::from_name(name)?, input),
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
        let key = crate::endpoint::find(self.provider().endpoints(), self.provider().name(), name)?.positional;
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
        self.provider().classify(http_status, body)
    }
}
