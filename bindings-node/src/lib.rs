//! Node binding (napi-rs): converts JS values to core values, calls the core, throws
//! `Error`s carrying `code` and `field`. No rules live here.
#![cfg(not(target_family = "wasm"))]
// napi's macros expand to unsafe FFI glue, and `Unknown::cast` is unsafe: every cast below
// follows a `get_type`/`is_*` check of the same value.
#![allow(unsafe_code)]

use napi::bindgen_prelude::*;
use napi::{JsValue, ValueType};
use napi_derive::napi;
use payoutkit::flow::{Action, PayoutFlow as CoreFlow};
use payoutkit::gateway::{self, Gateway as CoreGateway};
use payoutkit::{corefy, exotic, http, m4, validate, wire, Error as CoreError, ErrorCode, Map, Params, Recipe as CoreRecipe, Validator as CoreValidator, Value, MAX_DEPTH};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A core error as a JS `Error` with `code` and `field` own properties.
fn js_err(env: &Env, e: CoreError) -> Error {
    let mut obj = match env.create_error(Error::from_reason(e.message())) {
        Ok(o) => o,
        Err(err) => return err,
    };
    let _ = obj.set("code", e.code().as_str());
    let _ = obj.set("field", e.field_name());
    Error::from(obj.to_unknown())
}

/// JS value -> core value. Numbers stay floats: the core decides how they are signed.
/// Nesting deeper than `MAX_DEPTH` (cycles included) becomes `Value::Other`.
fn value(v: Unknown<'_>, depth: usize) -> Result<Value> {
    if depth > MAX_DEPTH {
        return Ok(Value::Other("structure nested too deeply".into()));
    }
    Ok(match v.get_type()? {
        ValueType::String => {
            let s = unsafe { v.cast::<String>()? };
            // The UTF-8 conversion turns a lone surrogate into U+FFFD: never sign a changed string.
            if s.contains('\u{FFFD}') && char::decode_utf16(v.coerce_to_string()?.into_utf16()?.as_slice().iter().copied()).any(|c| c.is_err()) {
                return Ok(Value::Other("string with a lone surrogate".into()));
            }
            Value::Str(s)
        }
        ValueType::Number => Value::Float(unsafe { v.cast::<f64>()? }),
        ValueType::Boolean => Value::Bool(unsafe { v.cast::<bool>()? }),
        ValueType::Null | ValueType::Undefined => Value::Null,
        ValueType::BigInt => Value::Decimal(v.coerce_to_string()?.into_utf8()?.into_owned()?),
        ValueType::Object if v.is_typedarray()? => {
            let ta: TypedArray = unsafe { v.cast()? };
            match ta.typed_array_type {
                TypedArrayType::Uint8 => Value::Bytes(unsafe { v.cast::<Uint8ArraySlice>()? }.to_vec()),
                _ => Value::Other("typed array".into()),
            }
        }
        ValueType::Object if v.is_array()? => {
            let arr: Array = unsafe { v.cast()? };
            (0..arr.len()).map(|i| value(arr.get_element(i)?, depth + 1)).collect::<Result<_>>().map(Value::List)?
        }
        ValueType::Object => {
            let obj: Object = unsafe { v.cast()? };
            let keys = obj.get_all_property_names(KeyCollectionMode::OwnOnly, KeyFilter::Enumerable, KeyConversion::NumbersToStrings)?;
            let keys: Array = unsafe { keys.to_unknown().cast()? };
            let mut m = Map::with_capacity(keys.len() as usize);
            for i in 0..keys.len() {
                let k: Unknown = keys.get_element(i)?;
                if k.get_type()? == ValueType::String {
                    // Looked up by the key value itself: a key holding NUL has no C string.
                    let v = value(obj.get_property(k)?, depth + 1)?;
                    m.push_unique(unsafe { k.cast::<String>()? }, v);
                }
            }
            Value::Map(m)
        }
        other => Value::Other(format!("{other}").to_lowercase()),
    })
}

/// JS functions the addon calls, made once per environment: the wire encoder
/// (`payoutkit::wire::JS_ENCODER`) and `JSON.parse`.
struct Helpers([napi::sys::napi_ref; 2]);
const ENCODER: usize = 0;
const JSON_PARSE: usize = 1;

/// Call helper `which` on one argument; what it throws is rethrown.
fn call_helper<'e>(env: &'e Env, which: usize, arg: napi::sys::napi_value) -> Result<Unknown<'e>> {
    let refs = match env.get_instance_data::<Helpers>()? {
        Some(h) => h.0,
        None => {
            // The encoder module as an expression (run_script takes no `export`), in its own scope.
            let module = wire::JS_ENCODER.replace("export function", "function");
            let sources = [format!("(() => {{\n{module}\nreturn payoutkitWire;\n}})()"), String::from("JSON.parse")];
            let mut refs = [std::ptr::null_mut(); 2];
            for (r, source) in refs.iter_mut().zip(sources) {
                let f: Unknown = env.run_script(source)?;
                // SAFETY: a reference to a function value of this env, kept for the env's life.
                napi::check_status!(unsafe { napi::sys::napi_create_reference(env.raw(), f.raw(), 1, r) })?;
            }
            env.set_instance_data(Helpers(refs), (), |_| {})?;
            refs
        }
    };
    let (mut f, mut out, mut undefined) = (std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
    // SAFETY: plain Node-API calls on this env's live values (the references made above).
    unsafe {
        napi::check_status!(napi::sys::napi_get_reference_value(env.raw(), refs[which], &mut f))?;
        napi::check_status!(napi::sys::napi_get_undefined(env.raw(), &mut undefined))?;
        if napi::sys::napi_call_function(env.raw(), undefined, f, 1, &arg, &mut out) != napi::sys::Status::napi_ok {
            let mut thrown = std::ptr::null_mut();
            napi::sys::napi_get_and_clear_last_exception(env.raw(), &mut thrown);
            return Err(Error::from(Unknown::from_raw_unchecked(env.raw(), thrown)));
        }
        Ok(Unknown::from_raw_unchecked(env.raw(), out))
    }
}

/// `params` encoded to one string by the wire encoder, or None when it declines.
fn encoded(env: &Env, params: &Unknown<'_>) -> Result<Option<String>> {
    let out = call_helper(env, ENCODER, params.raw())?;
    // SAFETY: checked to be a string.
    Ok(if out.get_type()? == ValueType::String { Some(unsafe { out.cast::<String>()? }) } else { None })
}

/// A core value as a JS value through one JSON string and `JSON.parse`: far fewer boundary
/// crossings than an object built key by key.
fn parsed<'e>(env: &'e Env, v: &Value) -> Result<Unknown<'e>> {
    let text = env.create_string(v.to_json())?;
    call_helper(env, JSON_PARSE, text.raw())
}

/// Run `f` on `params` as borrowed fields and the other arguments from `args`: params come as
/// one string from the wire encoder (one crossing instead of several per field), or converted
/// field by field when the encoder or the decoder declines. `args` are converted after
/// `params`, so a failure there never leaves a converted secret behind unwiped.
fn with_params<A, T>(
    env: &Env,
    params: Unknown<'_>,
    args: impl FnOnce() -> Result<A>,
    f: impl FnOnce(Params<'_>, A) -> std::result::Result<T, CoreError>,
) -> Result<T> {
    let wire = encoded(env, &params)?;
    if let Some(fields) = wire.as_deref().and_then(wire::decode) {
        let args = args()?;
        return guarded(env, || f(Params::from(&fields), args));
    }
    let params = value(params, 0)?;
    let args = args()?;
    guarded(env, || f(Params::from(&params), args))
}

/// Run `f` on the core (panics caught), map its error.
fn guarded<T>(env: &Env, f: impl FnOnce() -> std::result::Result<T, CoreError>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|p| Err(CoreError::internal(p.downcast_ref::<&str>().copied().unwrap_or("panic"))))
        .map_err(|e| js_err(env, e))
}

/// Convert the arguments, run `f` on the core (panics caught), map its error.
fn call<T, const N: usize>(env: &Env, args: [Unknown<'_>; N], f: impl FnOnce([Value; N]) -> std::result::Result<T, CoreError>) -> Result<T> {
    let mut vals = [const { Value::Null }; N];
    for (slot, arg) in vals.iter_mut().zip(args) {
        *slot = value(arg, 0)?;
    }
    guarded(env, || f(vals))
}

/// `#[napi]` functions that convert every argument and call one core function.
macro_rules! fns {
    ($($(#[doc = $doc:tt])* ($($attr:tt)*) $name:ident($($arg:ident),*) -> $ret:ty, $ts:tt => $body:expr;)*) => {$(
        $(#[doc = $doc])*
        #[napi($($attr)*, ts_args_type = $ts)]
        pub fn $name(env: Env, $($arg: Unknown),*) -> Result<$ret> {
            call(&env, [$($arg),*], |[$($arg),*]| $body)
        }
    )*};
}

/// `#[napi]` functions whose `[params]` argument is read through `with_params` (the
/// signing hot path); the other arguments are converted as usual.
macro_rules! sign_fns {
    ($(($($attr:tt)*) $name:ident($($a:ident,)* [$p:ident] $(, $b:ident)*) -> $ret:ty, $ts:tt => $body:expr;)*) => {$(
        #[napi($($attr)*, ts_args_type = $ts)]
        pub fn $name(env: Env, $($a: Unknown,)* $p: Unknown $(, $b: Unknown)*) -> Result<$ret> {
            with_params(&env, $p, || Ok(($(value($a, 0)?,)* $(value($b, 0)?,)*)), |$p, ($($a,)* $($b,)*)| $body)
        }
    )*};
}

sign_fns! {
    (namespace = "m4", js_name = "sign") m4_sign(method, [params], secret) -> String, "method: string, params: Record<string, unknown>, secret: string" =>
        m4::sign(method.as_text("method")?, params, &secret.into_secret("secret")?);
    (namespace = "m4", js_name = "stringToSign") m4_string_to_sign(method, [params]) -> String, "method: string, params: Record<string, unknown>" =>
        m4::string_to_sign(method.as_text("method")?, params);
    (namespace = "exotic", js_name = "signPayout") exotic_sign_payout([params], sign_key) -> String, "params: Record<string, unknown>, signKey: string" =>
        exotic::sign_payout(params, &sign_key.into_secret("sign_key")?);
    (namespace = "exotic", js_name = "stringToSign") exotic_string_to_sign([params]) -> String, "params: Record<string, unknown>" =>
        exotic::string_to_sign(params);
}

fns! {
    (namespace = "m4", js_name = "signedFields") m4_signed_fields(method) -> Vec<&'static str>, "method: string" =>
        m4::signed_fields(method.as_text("method")?).map(<[_]>::to_vec);
    (namespace = "m4", js_name = "verifyCallback") m4_verify_callback(payload, secret) -> bool,
        "payload: string | Uint8Array | Record<string, unknown>, secret: string" => m4::verify_callback(&payload, &secret.into_secret("secret")?);
    (namespace = "corefy", js_name = "callbackSignature") corefy_callback_signature(body, secret) -> String, "body: string | Uint8Array, secret: string" =>
        corefy::callback_signature(&body, &secret.into_secret("secret")?);
    (namespace = "corefy", js_name = "verifyCallback") corefy_verify_callback(body, signature, secret) -> bool,
        "body: string | Uint8Array, signature: string, secret: string" =>
        corefy::verify_callback(&body, signature.as_text("signature")?, &secret.into_secret("secret")?);
    (namespace = "corefy", js_name = "basicAuth") corefy_basic_auth(account_id, api_key) -> String, "accountId: string, apiKey: string" =>
        corefy::basic_auth(account_id.as_text("account_id")?, &api_key.into_secret("api_key")?);
    #[doc = "Luhn check of a card number as typed (spaces and dashes ignored)."]
    (js_name = "luhnValid") luhn_valid(value) -> bool, "value: string" => Ok(validate::luhn_valid(value.as_text("value")?));
    #[doc = "IBAN check (registry length per country and mod-97) of a value as typed."]
    (js_name = "ibanValid") iban_valid(value) -> bool, "value: string" => Ok(validate::iban_valid(value.as_text("value")?));
    #[doc = "Card brand (`visa`, `mastercard`, `mir`, `unionpay`, `maestro`, `amex`) or null."]
    (js_name = "cardBrand") card_brand(value) -> Option<&'static str>, "value: string" => Ok(validate::card_brand(value.as_text("value")?));
    #[doc = "First 6 and last 4 digits: `512381******0000`."]
    (js_name = "maskPan") mask_pan(value) -> String, "value: string" => validate::mask_pan(value.as_text("value")?);
    #[doc = "Classify an M4 response (HTTP status and raw body)."]
    (namespace = "m4", js_name = "classify", ts_return_type = "Outcome") m4_classify(http_status, body) -> serde_json::Value,
        "httpStatus: number, body: string | Uint8Array | null" => Ok(json(gateway::classify("m4", http::http_status(&http_status)?, &body)?.to_value()));
    #[doc = "Classify an exotic.company response (HTTP status and raw body)."]
    (namespace = "exotic", js_name = "classify", ts_return_type = "Outcome") exotic_classify(http_status, body) -> serde_json::Value,
        "httpStatus: number, body: string | Uint8Array | null" => Ok(json(gateway::classify("exotic", http::http_status(&http_status)?, &body)?.to_value()));
    #[doc = "Classify a Corefy response (HTTP status and raw body)."]
    (namespace = "corefy", js_name = "classify", ts_return_type = "Outcome") corefy_classify(http_status, body) -> serde_json::Value,
        "httpStatus: number, body: string | Uint8Array | null" => Ok(json(gateway::classify("corefy", http::http_status(&http_status)?, &body)?.to_value()));
    #[doc = "Parse an exotic.company callback body (standart_sign is not checked: confirm with statusPayOut)."]
    (namespace = "exotic", js_name = "parseCallback", ts_return_type = "Record<string, unknown>") exotic_parse_callback(body) -> serde_json::Value,
        "body: string | Uint8Array" => exotic::parse_callback(&body).map(json);
    #[doc = "Parse a Corefy callback body (verify X-Signature first)."]
    (namespace = "corefy", js_name = "parseCallback", ts_return_type = "Record<string, unknown>") corefy_parse_callback(body) -> serde_json::Value,
        "body: string | Uint8Array" => corefy::parse_callback(&body).map(json);
}

fn json(v: Value) -> serde_json::Value {
    (&v).into()
}

fn clock() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn opt(u: Option<Unknown>) -> Result<Value> {
    u.map_or(Ok(Value::Null), |u| value(u, 0))
}

/// A flow event with an optional `now` (unix seconds; the clock when absent).
fn event(env: &Env, now: Option<Unknown>, f: impl FnOnce(i64) -> std::result::Result<Action, CoreError>) -> Result<serde_json::Value> {
    let now = opt(now)?;
    call(env, [], |[]| f(http::unix_time(&now, clock())?)).map(|a| json(a.to_value()))
}

/// A provider's request builder (one method per endpoint) and its namespaced `PayoutFlow`.
macro_rules! gateway {
    ($(#[doc = $doc:tt])* $name:ident $provider:literal ($($arg:ident),*) $ts:literal [$($ep:ident)*] $flow:ident $flow_ts:literal $restore_ts:literal) => {
        $(#[doc = $doc])*
        #[napi]
        #[derive(Debug)]
        pub struct $name(CoreGateway);

        #[napi]
        impl $name {
            #[napi(constructor, ts_args_type = $ts)]
            pub fn new(env: Env, $($arg: Option<Unknown>),*) -> Result<Self> {
                let args = vec![$(opt($arg)?),*];
                call(&env, [], |[]| CoreGateway::from_args($provider, args)).map($name)
            }

            /// The request of any endpoint by its snake_case name.
            #[napi(ts_args_type = "endpoint: string, fields?: Record<string, unknown> | string | number", ts_return_type = "Request")]
            pub fn request(&self, env: Env, endpoint: Unknown, fields: Option<Unknown>) -> Result<serde_json::Value> {
                let fields = opt(fields)?;
                call(&env, [endpoint], |[e]| self.0.request(e.as_text("endpoint")?, &fields, clock())).map(|r| json(r.to_value()))
            }

            $(
            #[doc = concat!("The signed `", stringify!($ep), "` request (one options object, or the id alone).")]
            #[napi(ts_args_type = "fields?: Record<string, unknown> | string | number", ts_return_type = "Request")]
            pub fn $ep(&self, env: Env, fields: Option<Unknown>) -> Result<serde_json::Value> {
                let fields = opt(fields)?;
                call(&env, [], |[]| self.0.request(stringify!($ep), &fields, clock())).map(|r| json(r.to_value()))
            }
            )*
        }

        /// A sans-IO payout flow for one payout (see the README).
        #[napi(namespace = $provider, js_name = "PayoutFlow")]
        #[derive(Debug)]
        pub struct $flow(CoreFlow);

        #[napi(namespace = $provider)]
        impl $flow {
            #[napi(constructor, ts_args_type = $flow_ts)]
            pub fn new(env: Env, gateway: &$name, params: Unknown, options: Option<Unknown>) -> Result<Self> {
                let options = opt(options)?;
                call(&env, [params], |[p]| CoreFlow::new(gateway.0.clone(), &p, &options)).map($flow)
            }

            /// Resume from `toJson()` with the same gateway.
            #[napi(factory, ts_args_type = $restore_ts)]
            pub fn from_json(env: Env, gateway: &$name, state: Unknown) -> Result<Self> {
                call(&env, [state], |[s]| CoreFlow::from_json(gateway.0.clone(), s.as_text("state")?)).map($flow)
            }

            /// The state as JSON (no secret).
            #[napi]
            pub fn to_json(&self) -> String {
                self.0.to_json()
            }

            /// Create requests sent so far.
            #[napi(getter)]
            pub fn creates_sent(&self) -> u32 {
                self.0.creates_sent()
            }

            /// Whether the flow is over.
            #[napi(getter)]
            pub fn done(&self) -> bool {
                self.0.is_done()
            }

            /// The first request.
            #[napi(ts_args_type = "now?: number", ts_return_type = "Action")]
            pub fn start(&mut self, env: Env, now: Option<Unknown>) -> Result<serde_json::Value> {
                event(&env, now, |t| self.0.start(t))
            }

            /// The response to the request last sent.
            #[napi(ts_args_type = "httpStatus: number, body: string | Uint8Array | null, now?: number", ts_return_type = "Action")]
            pub fn on_response(&mut self, env: Env, http_status: Unknown, body: Unknown, now: Option<Unknown>) -> Result<serde_json::Value> {
                let (status, body) = (value(http_status, 0)?, value(body, 0)?);
                event(&env, now, |t| self.0.on_response(http::http_status(&status)?, &body, t))
            }

            /// The request last sent got no response.
            #[napi(ts_args_type = "now?: number", ts_return_type = "Action")]
            pub fn on_timeout(&mut self, env: Env, now: Option<Unknown>) -> Result<serde_json::Value> {
                event(&env, now, |t| self.0.on_timeout(t))
            }

            /// Continue after `fromJson` (a request in flight counts as unanswered).
            #[napi(ts_args_type = "now?: number", ts_return_type = "Action")]
            pub fn resume(&mut self, env: Env, now: Option<Unknown>) -> Result<serde_json::Value> {
                event(&env, now, |t| self.0.resume(t))
            }

            /// The wait is over.
            #[napi(ts_args_type = "now?: number", ts_return_type = "Action")]
            pub fn on_wake(&mut self, env: Env, now: Option<Unknown>) -> Result<serde_json::Value> {
                event(&env, now, |t| self.0.on_wake(t))
            }

            /// A callback for this payout arrived (raw body).
            #[napi(ts_args_type = "body: string | Uint8Array, now?: number", ts_return_type = "Action")]
            pub fn on_callback(&mut self, env: Env, body: Unknown, now: Option<Unknown>) -> Result<serde_json::Value> {
                let body = value(body, 0)?;
                event(&env, now, |t| self.0.on_callback(&body, t))
            }
        }
    };
}

gateway! {
    #[doc = "M4 requests for one shop: `new M4(shopId, secret, baseUrl?)`."]
    M4 "m4" (shop_id, secret, base_url) "shopId: string | number, secret: string, baseUrl?: string"
    [withdraw_try check_account withdraw_create withdraw_status shop_payment_status shop_output_config shop_balance]
    M4PayoutFlow "gateway: M4, params: Record<string, unknown>, options?: FlowOptions" "gateway: M4, state: string"
}
gateway! {
    #[doc = "exotic.company requests: `new Exotic(merchant, signKey, apiKey, baseUrl, standartSign?)`."]
    Exotic "exotic" (merchant, sign_key, api_key, base_url, standart_sign)
    "merchant: string, signKey: string, apiKey: string, baseUrl: string, standartSign?: RecipeSpec"
    [create_pay_out status_pay_out rejected_pay_out]
    ExoticPayoutFlow "gateway: Exotic, params: Record<string, unknown>, options?: FlowOptions" "gateway: Exotic, state: string"
}
gateway! {
    #[doc = "Corefy (MilkyPay) requests: `new Corefy(accountId, apiKey, baseUrl, publicKey?)`."]
    Corefy "corefy" (account_id, api_key, base_url, public_key) "accountId: string, apiKey: string, baseUrl: string, publicKey?: string"
    [payout_prerequest payout_services payout_service create_payout_invoice process_payout_invoice get_payout_invoice find_payout_invoice list_payout_invoices]
    CorefyPayoutFlow "gateway: Corefy, params: Record<string, unknown>, options?: FlowOptions" "gateway: Corefy, state: string"
}

/// Builder names of a provider (`m4`, `exotic`, `corefy`), snake_case as in the core.
#[napi]
pub fn endpoints(env: Env, provider: Unknown) -> Result<Vec<&'static str>> {
    call(&env, [provider], |[p]| CoreGateway::endpoints(p.as_text("provider")?))
}

/// Every stable error code.
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    ErrorCode::ALL.iter().map(|c| c.as_str()).collect()
}

/// A declarative signature recipe.
#[napi]
#[derive(Debug)]
pub struct Recipe(CoreRecipe);

#[napi]
impl Recipe {
    /// `{fields, sort, exclude, separator, secret, hash, output}`.
    #[napi(constructor, ts_args_type = "spec: RecipeSpec")]
    pub fn new(env: Env, spec: Unknown) -> Result<Self> {
        call(&env, [spec], |[s]| CoreRecipe::from_spec(&s)).map(Recipe)
    }

    /// The built-in recipe of an M4 method.
    #[napi(factory, ts_args_type = "method: string")]
    pub fn m4(env: Env, method: Unknown) -> Result<Self> {
        call(&env, [method], |[m]| m4::recipe(m.as_text("method")?)).map(Recipe)
    }

    /// The built-in M4 callback recipe.
    #[napi(factory)]
    pub fn m4_callback() -> Self {
        Recipe(m4::callback_recipe())
    }

    /// The built-in exotic create_pay_out recipe for a payment method.
    #[napi(factory, ts_args_type = "paymentMethod: string")]
    pub fn exotic_payout(env: Env, payment_method: Unknown) -> Result<Self> {
        call(&env, [payment_method], |[pm]| exotic::payment_method(&Value::Map(Map::new().with("payment_method", pm))).map(exotic::recipe))
            .map(Recipe)
    }

    /// The built-in Corefy callback recipe.
    #[napi(factory)]
    pub fn corefy_callback() -> Self {
        Recipe(corefy::callback_recipe())
    }

    /// Sign params (an object, or the raw body for `raw_body` recipes).
    #[napi(ts_args_type = "params: Record<string, unknown> | string | Uint8Array, secret: string")]
    pub fn sign(&self, env: Env, params: Unknown, secret: Unknown) -> Result<String> {
        with_params(&env, params, || value(secret, 0), |p, s| self.0.sign(p, &s.into_secret(self.0.secret_name)?))
    }

    /// Check a signature in constant time.
    #[napi(ts_args_type = "params: Record<string, unknown> | string | Uint8Array, secret: string, signature: string")]
    pub fn verify(&self, env: Env, params: Unknown, secret: Unknown, signature: Unknown) -> Result<bool> {
        let args = || Ok((value(secret, 0)?, value(signature, 0)?));
        with_params(&env, params, args, |p, (s, g)| self.0.verify(p, &s.into_secret(self.0.secret_name)?, g.as_text("signature")?))
    }

    /// The canonical line without the secret.
    #[napi(ts_args_type = "params: Record<string, unknown> | string | Uint8Array")]
    pub fn string_to_sign(&self, env: Env, params: Unknown) -> Result<String> {
        with_params(&env, params, || Ok(()), |p, ()| self.0.string_to_sign(p))
    }

    /// The whole string that gets hashed, with `***` where the secret goes.
    #[napi(ts_args_type = "params: Record<string, unknown> | string | Uint8Array")]
    pub fn redacted_string_to_sign(&self, env: Env, params: Unknown) -> Result<String> {
        call(&env, [params], |[p]| self.0.redacted_string_to_sign(&p))
    }

    /// The recipe as data (`new Recipe(r.spec())` rebuilds it).
    #[napi(ts_return_type = "RecipeSpec")]
    pub fn spec(&self) -> serde_json::Value {
        (&self.0.to_spec()).into()
    }
}

/// Field rules and the report on a set of values.
#[napi]
#[derive(Debug)]
pub struct Validator(CoreValidator);

#[napi]
impl Validator {
    /// Hand-written rules: `[{key, required, pattern, min_length, max_length, checks, min, max, decimals, separators}]`.
    #[napi(constructor, ts_args_type = "rules: FieldRule[]")]
    pub fn new(env: Env, rules: Unknown) -> Result<Self> {
        call(&env, [rules], |[r]| CoreValidator::from_rules(&r)).map(Validator)
    }

    /// Rules from a Corefy `/payout-prerequest` response (JSON text) for one service.
    #[napi(factory, ts_args_type = "json: string, service: string")]
    pub fn from_corefy_prerequest(env: Env, json: Unknown, service: Unknown) -> Result<Self> {
        call(&env, [json, service], |[j, s]| CoreValidator::from_corefy_prerequest(j.as_text("json")?, s.as_text("service")?)).map(Validator)
    }

    /// Rules from an M4 `account_info_config` (JSON text).
    #[napi(factory, js_name = "fromM4AccountInfoConfig", ts_args_type = "json: string")]
    pub fn from_m4_account_info_config(env: Env, json: Unknown) -> Result<Self> {
        call(&env, [json], |[j]| CoreValidator::from_m4_account_info_config(j.as_text("json")?)).map(Validator)
    }

    /// The exotic.company create_pay_out field table for a payment method.
    #[napi(factory, ts_args_type = "paymentMethod: string")]
    pub fn for_exotic(env: Env, payment_method: Unknown) -> Result<Self> {
        call(&env, [payment_method], |[m]| CoreValidator::for_exotic(m.as_text("payment_method")?)).map(Validator)
    }

    /// Validate values; `partial` leaves out errors that typing more can still fix.
    #[napi(ts_args_type = "values: Record<string, unknown>, locale?: string, partial?: boolean", ts_return_type = "Report")]
    pub fn validate<'e>(&self, env: &'e Env, values: Unknown, locale: Option<Unknown>, partial: Option<Unknown>) -> Result<Unknown<'e>> {
        let report = with_params(env, values, || Ok((opt(locale)?, opt(partial)?)), |v, (l, p)| self.0.validate_args(v, &l, &p))?;
        parsed(env, &report.to_value())
    }
}
