//! WebAssembly binding (browsers, edge runtimes, Node): converts JS values to core values,
//! calls the core, throws `Error`s carrying `code` and `field`. No rules live here.
//! Namespaces (`m4.sign(...)`) are plain objects made by wasm-bindgen's `js_namespace`.
#![cfg(target_family = "wasm")]

use js_sys::{Array, BigInt, Object, Reflect, Uint8Array};
use payoutkit::flow::{Action, PayoutFlow as CoreFlow};
use payoutkit::gateway::{self, Gateway as CoreGateway};
use payoutkit::{corefy, exotic, http, m4, validate, Error, Map, Params, Recipe as CoreRecipe, Validator as CoreValidator, Value, MAX_DEPTH};
use wasm_bindgen::prelude::*;

/// A core error as a JS `Error` with `code` and `field` own properties.
fn js_err(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&err, &"code".into(), &e.code().as_str().into());
    let _ = Reflect::set(&err, &"field".into(), &e.field_name().map_or(JsValue::NULL, JsValue::from));
    err.into()
}

/// JS value -> core value. Numbers stay floats: the core decides how they are signed.
/// Nesting deeper than `MAX_DEPTH` (cycles included) becomes `Value::Other`.
fn value(v: &JsValue) -> Value {
    nested(v, 0)
}

fn nested(v: &JsValue, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        Value::Other("structure nested too deeply".into())
    } else if let Some(s) = v.as_string() {
        // as_string() turns a lone surrogate into U+FFFD: never sign a changed string.
        if s.contains('\u{FFFD}') && !v.unchecked_ref::<js_sys::JsString>().is_valid_utf16() {
            return Value::Other("string with a lone surrogate".into());
        }
        Value::Str(s)
    } else if let Some(f) = v.as_f64() {
        Value::Float(f)
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if v.is_null() || v.is_undefined() {
        Value::Null
    } else if v.is_bigint() {
        Value::Decimal(BigInt::unchecked_from_js_ref(v).to_string(10).map(String::from).unwrap_or_default())
    } else if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        Value::Bytes(bytes.to_vec())
    } else if Array::is_array(v) {
        Value::List(Array::unchecked_from_js_ref(v).iter().map(|i| nested(&i, depth + 1)).collect())
    } else if v.is_object() && !v.is_function() {
        let mut m = Map::new();
        for entry in Object::entries(v.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            m.push_unique(pair.get(0).as_string().unwrap_or_default(), nested(&pair.get(1), depth + 1));
        }
        Value::Map(m)
    } else {
        Value::Other(v.js_typeof().as_string().unwrap_or_default())
    }
}

/// Core value -> JS value (specs and reports: strings, integers, bools, lists, objects).
fn to_js(v: &Value) -> JsValue {
    match v {
        Value::Str(s) => s.into(),
        Value::Bool(b) => (*b).into(),
        Value::Int(i) => (*i as f64).into(),
        Value::Float(f) => (*f).into(),
        Value::List(l) => l.iter().map(to_js).collect::<Array>().into(),
        Value::Map(m) => {
            let o = Object::new();
            for (k, v) in m.iter() {
                let _ = Reflect::set(&o, &k.into(), &to_js(v));
            }
            o.into()
        }
        _ => JsValue::NULL,
    }
}

type JsResult<T> = Result<T, JsValue>;

#[wasm_bindgen(module = "/../core/src/wire.js")]
extern "C" {
    /// The wire encoder (`payoutkit::wire`): one string instead of a crossing per field.
    #[wasm_bindgen(js_name = payoutkitWire, catch)]
    fn wire_encode(o: &JsValue) -> Result<Option<String>, JsValue>;
}

/// Run `f` on `params` as borrowed fields and the other arguments from `args`: params come as
/// one string from the wire encoder, or converted field by field when the encoder or the
/// decoder declines. What the encoder throws (a getter) is rethrown; `args` are converted
/// after that, so a throw never leaves a converted secret behind unwiped.
fn with_params<A, T>(params: &JsValue, args: impl FnOnce() -> A, f: impl FnOnce(Params<'_>, A) -> Result<T, Error>) -> JsResult<T> {
    let wire = wire_encode(params)?;
    if let Some(fields) = wire.as_deref().and_then(payoutkit::wire::decode) {
        let args = args();
        return run(|| f(Params::from(&fields), args));
    }
    let params = value(params);
    let args = args();
    run(|| f(Params::from(&params), args))
}

fn run<T>(f: impl FnOnce() -> Result<T, Error>) -> JsResult<T> {
    f().map_err(js_err)
}

/// Exports (`m4.sign`, `luhnValid`, ...) that convert every argument and call one core
/// function; each argument carries its TypeScript type for the generated d.ts.
macro_rules! fns {
    ($($(#[doc = $doc:tt])* ($($attr:tt)*) $name:ident($($arg:ident: $ts:tt),*) -> $ret:ty => $body:expr;)*) => {$(
        $(#[doc = $doc])*
        #[wasm_bindgen($($attr)*)]
        #[allow(non_snake_case)] // JS parameter names (signKey) show in the d.ts
        pub fn $name($(#[wasm_bindgen(unchecked_param_type = $ts)] $arg: JsValue),*) -> JsResult<$ret> {
            $(let $arg = value(&$arg);)*
            run(|| $body)
        }
    )*};
}

/// Exports whose `[params]` argument is read through `with_params` (the signing hot path).
macro_rules! sign_fns {
    ($(($($attr:tt)*) $name:ident($($a:ident: $ats:tt,)* [$p:ident] $(, $b:ident: $bts:tt)*) -> $ret:ty => $body:expr;)*) => {$(
        #[wasm_bindgen($($attr)*)]
        #[allow(non_snake_case)]
        pub fn $name(
            $(#[wasm_bindgen(unchecked_param_type = $ats)] $a: JsValue,)*
            #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] $p: JsValue
            $(, #[wasm_bindgen(unchecked_param_type = $bts)] $b: JsValue)*
        ) -> JsResult<$ret> {
            with_params(&$p, || ($(value(&$a),)* $(value(&$b),)*), |$p, ($($a,)* $($b,)*)| $body)
        }
    )*};
}

sign_fns! {
    (js_namespace = m4, js_name = sign) m4_sign(method: "string", [params], secret: "string") -> String =>
        m4::sign(method.as_text("method")?, params, &secret.into_secret("secret")?);
    (js_namespace = m4, js_name = stringToSign) m4_string_to_sign(method: "string", [params]) -> String =>
        m4::string_to_sign(method.as_text("method")?, params);
    (js_namespace = exotic, js_name = signPayout) exotic_sign_payout([params], signKey: "string") -> String =>
        exotic::sign_payout(params, &signKey.into_secret("sign_key")?);
    (js_namespace = exotic, js_name = stringToSign) exotic_string_to_sign([params]) -> String => exotic::string_to_sign(params);
}

fns! {
    (js_namespace = m4, js_name = signedFields) m4_signed_fields(method: "string") -> Vec<String> =>
        m4::signed_fields(method.as_text("method")?).map(|f| f.iter().map(|s| String::from(*s)).collect());
    (js_namespace = m4, js_name = verifyCallback) m4_verify_callback(payload: "string | Uint8Array | Record<string, unknown>", secret: "string") -> bool =>
        m4::verify_callback(&payload, &secret.into_secret("secret")?);
    (js_namespace = corefy, js_name = callbackSignature) corefy_callback_signature(body: "string | Uint8Array", secret: "string") -> String =>
        corefy::callback_signature(&body, &secret.into_secret("secret")?);
    (js_namespace = corefy, js_name = verifyCallback) corefy_verify_callback(body: "string | Uint8Array", signature: "string", secret: "string") -> bool =>
        corefy::verify_callback(&body, signature.as_text("signature")?, &secret.into_secret("secret")?);
    (js_namespace = corefy, js_name = basicAuth) corefy_basic_auth(accountId: "string", apiKey: "string") -> String =>
        corefy::basic_auth(accountId.as_text("account_id")?, &apiKey.into_secret("api_key")?);
    #[doc = "Luhn check of a card number as typed (spaces and dashes ignored)."]
    (js_name = luhnValid) luhn_valid(value: "string") -> bool => Ok(validate::luhn_valid(value.as_text("value")?));
    #[doc = "IBAN check (registry length per country and mod-97) of a value as typed."]
    (js_name = ibanValid) iban_valid(value: "string") -> bool => Ok(validate::iban_valid(value.as_text("value")?));
    #[doc = "Card brand (`visa`, `mastercard`, `mir`, `unionpay`, `maestro`, `amex`) or null."]
    (js_name = cardBrand, unchecked_return_type = "string | null") card_brand(value: "string") -> JsValue =>
        Ok(validate::card_brand(value.as_text("value")?).map_or(JsValue::NULL, JsValue::from));
    #[doc = "First 6 and last 4 digits: `512381******0000`."]
    (js_name = maskPan) mask_pan(value: "string") -> String => validate::mask_pan(value.as_text("value")?);
    #[doc = "Classify an M4 response (HTTP status and raw body)."]
    (js_namespace = m4, js_name = classify, unchecked_return_type = "Outcome") m4_classify(httpStatus: "number", body: "string | Uint8Array | null") -> JsValue =>
        Ok(to_js(&gateway::classify("m4", http::http_status(&httpStatus)?, &body)?.to_value()));
    #[doc = "Classify an exotic.company response (HTTP status and raw body)."]
    (js_namespace = exotic, js_name = classify, unchecked_return_type = "Outcome") exotic_classify(httpStatus: "number", body: "string | Uint8Array | null") -> JsValue =>
        Ok(to_js(&gateway::classify("exotic", http::http_status(&httpStatus)?, &body)?.to_value()));
    #[doc = "Classify a Corefy response (HTTP status and raw body)."]
    (js_namespace = corefy, js_name = classify, unchecked_return_type = "Outcome") corefy_classify(httpStatus: "number", body: "string | Uint8Array | null") -> JsValue =>
        Ok(to_js(&gateway::classify("corefy", http::http_status(&httpStatus)?, &body)?.to_value()));
    #[doc = "Parse an exotic.company callback body (standart_sign is not checked: confirm with statusPayOut)."]
    (js_namespace = exotic, js_name = parseCallback, unchecked_return_type = "Record<string, unknown>") exotic_parse_callback(body: "string | Uint8Array") -> JsValue =>
        exotic::parse_callback(&body).map(|e| to_js(&e));
    #[doc = "Parse a Corefy callback body (verify X-Signature first)."]
    (js_namespace = corefy, js_name = parseCallback, unchecked_return_type = "Record<string, unknown>") corefy_parse_callback(body: "string | Uint8Array") -> JsValue =>
        corefy::parse_callback(&body).map(|e| to_js(&e));
    #[doc = "Builder names of a provider (`m4`, `exotic`, `corefy`), snake_case as in the core."]
    (js_name = endpoints, unchecked_return_type = "string[]") endpoints(provider: "string") -> JsValue =>
        CoreGateway::endpoints(provider.as_text("provider")?).map(|e| e.into_iter().map(JsValue::from).collect::<Array>().into());
}

fn clock() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A flow event with an optional `now` (unix seconds; the clock when undefined).
fn event(now: &JsValue, f: impl FnOnce(i64) -> Result<Action, Error>) -> JsResult<JsValue> {
    run(|| f(http::unix_time(&value(now), clock())?)).map(|a| to_js(&a.to_value()))
}

/// A provider's request builder (one method per endpoint) and its namespaced `PayoutFlow`.
macro_rules! gateway {
    ($(#[doc = $doc:tt])* $name:ident $ns:ident $provider:literal ($($arg:ident: $ts:literal),*) ($($opt:ident: $ots:literal),*)
     [$($ep:ident $js:ident)*] $flow:ident) => {
        $(#[doc = $doc])*
        #[wasm_bindgen]
        #[derive(Debug)]
        pub struct $name(CoreGateway);

        #[wasm_bindgen]
        #[allow(non_snake_case)]
        impl $name {
            #[wasm_bindgen(constructor)]
            pub fn new(
                $(#[wasm_bindgen(unchecked_param_type = $ts)] $arg: JsValue,)*
                $(#[wasm_bindgen(unchecked_optional_param_type = $ots)] $opt: JsValue,)*
            ) -> JsResult<$name> {
                run(|| CoreGateway::from_args($provider, vec![$(value(&$arg),)* $(value(&$opt)),*])).map($name)
            }

            /// The request of any endpoint by its snake_case name.
            #[wasm_bindgen(unchecked_return_type = "Request")]
            pub fn request(&self, #[wasm_bindgen(unchecked_param_type = "string")] endpoint: JsValue, fields: JsValue) -> JsResult<JsValue> {
                run(|| self.0.request(value(&endpoint).as_text("endpoint")?, &value(&fields), clock())).map(|r| to_js(&r.to_value()))
            }

            $(
            #[doc = concat!("The signed `", stringify!($ep), "` request (one options object, or the id alone).")]
            #[wasm_bindgen(js_name = $js, unchecked_return_type = "Request")]
            pub fn $ep(&self, #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown> | string | number")] fields: JsValue) -> JsResult<JsValue> {
                run(|| self.0.request(stringify!($ep), &value(&fields), clock())).map(|r| to_js(&r.to_value()))
            }
            )*
        }

        /// A sans-IO payout flow for one payout (see the README).
        #[wasm_bindgen(js_namespace = $ns, js_name = PayoutFlow)]
        #[derive(Debug)]
        pub struct $flow(CoreFlow);

        #[wasm_bindgen(js_namespace = $ns, js_class = PayoutFlow)]
        impl $flow {
            #[wasm_bindgen(constructor)]
            pub fn new(
                gateway: &$name,
                #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] params: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "FlowOptions")] options: JsValue,
            ) -> JsResult<$flow> {
                run(|| CoreFlow::new(gateway.0.clone(), &value(&params), &value(&options))).map($flow)
            }

            /// Resume from `toJson()` with the same gateway.
            #[wasm_bindgen(js_name = fromJson)]
            pub fn from_json(gateway: &$name, #[wasm_bindgen(unchecked_param_type = "string")] state: JsValue) -> JsResult<$flow> {
                run(|| CoreFlow::from_json(gateway.0.clone(), value(&state).as_text("state")?)).map($flow)
            }

            /// The state as JSON (no secret).
            #[wasm_bindgen(js_name = toJson)]
            pub fn to_json(&self) -> String {
                self.0.to_json()
            }

            /// Create requests sent so far.
            #[wasm_bindgen(getter, js_name = createsSent)]
            pub fn creates_sent(&self) -> u32 {
                self.0.creates_sent()
            }

            /// Whether the flow is over.
            #[wasm_bindgen(getter)]
            pub fn done(&self) -> bool {
                self.0.is_done()
            }

            /// The first request.
            #[wasm_bindgen(unchecked_return_type = "Action")]
            pub fn start(&mut self, #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue) -> JsResult<JsValue> {
                event(&now, |t| self.0.start(t))
            }

            /// The response to the request last sent.
            #[wasm_bindgen(js_name = onResponse, unchecked_return_type = "Action")]
            pub fn on_response(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "number", js_name = httpStatus)] status: JsValue,
                #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | null")] body: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue,
            ) -> JsResult<JsValue> {
                event(&now, |t| self.0.on_response(http::http_status(&value(&status))?, &value(&body), t))
            }

            /// The request last sent got no response.
            #[wasm_bindgen(js_name = onTimeout, unchecked_return_type = "Action")]
            pub fn on_timeout(&mut self, #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue) -> JsResult<JsValue> {
                event(&now, |t| self.0.on_timeout(t))
            }

            /// Continue after `fromJson` (a request in flight counts as unanswered).
            #[wasm_bindgen(unchecked_return_type = "Action")]
            pub fn resume(&mut self, #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue) -> JsResult<JsValue> {
                event(&now, |t| self.0.resume(t))
            }

            /// The wait is over.
            #[wasm_bindgen(js_name = onWake, unchecked_return_type = "Action")]
            pub fn on_wake(&mut self, #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue) -> JsResult<JsValue> {
                event(&now, |t| self.0.on_wake(t))
            }

            /// A callback for this payout arrived (raw body).
            #[wasm_bindgen(js_name = onCallback, unchecked_return_type = "Action")]
            pub fn on_callback(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] body: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue,
            ) -> JsResult<JsValue> {
                event(&now, |t| self.0.on_callback(&value(&body), t))
            }
        }
    };
}

gateway! {
    #[doc = "M4 requests for one shop: `new M4(shopId, secret, baseUrl?)`."]
    M4 m4 "m4" (shopId: "string | number", secret: "string") (baseUrl: "string")
    [withdraw_try withdrawTry check_account checkAccount withdraw_create withdrawCreate withdraw_status withdrawStatus
     shop_payment_status shopPaymentStatus shop_output_config shopOutputConfig shop_balance shopBalance] M4PayoutFlow
}
gateway! {
    #[doc = "exotic.company requests: `new Exotic(merchant, signKey, apiKey, baseUrl, standartSign?)`."]
    Exotic exotic "exotic" (merchant: "string", signKey: "string", apiKey: "string", baseUrl: "string") (standartSign: "RecipeSpec")
    [create_pay_out createPayOut status_pay_out statusPayOut rejected_pay_out rejectedPayOut] ExoticPayoutFlow
}
gateway! {
    #[doc = "Corefy (MilkyPay) requests: `new Corefy(accountId, apiKey, baseUrl, publicKey?)`."]
    Corefy corefy "corefy" (accountId: "string", apiKey: "string", baseUrl: "string") (publicKey: "string")
    [payout_prerequest payoutPrerequest payout_services payoutServices payout_service payoutService
     create_payout_invoice createPayoutInvoice process_payout_invoice processPayoutInvoice get_payout_invoice getPayoutInvoice
     find_payout_invoice findPayoutInvoice list_payout_invoices listPayoutInvoices] CorefyPayoutFlow
}

/// Every stable error code.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "string[]")]
pub fn error_codes() -> JsValue {
    payoutkit::ErrorCode::ALL.iter().map(|c| JsValue::from(c.as_str())).collect::<Array>().into()
}

/// A declarative signature recipe.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Recipe(CoreRecipe);

#[wasm_bindgen]
impl Recipe {
    /// `{fields, sort, exclude, separator, secret, hash, output}` (see the README).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "RecipeSpec")] spec: JsValue) -> JsResult<Recipe> {
        run(|| CoreRecipe::from_spec(&value(&spec))).map(Recipe)
    }

    /// The built-in recipe of an M4 method.
    pub fn m4(#[wasm_bindgen(unchecked_param_type = "string")] method: JsValue) -> JsResult<Recipe> {
        run(|| m4::recipe(value(&method).as_text("method")?)).map(Recipe)
    }

    /// The built-in M4 callback recipe.
    #[wasm_bindgen(js_name = m4Callback)]
    pub fn m4_callback() -> Recipe {
        Recipe(m4::callback_recipe())
    }

    /// The built-in exotic create_pay_out recipe for a payment method.
    #[wasm_bindgen(js_name = exoticPayout)]
    pub fn exotic_payout(#[wasm_bindgen(unchecked_param_type = "string", js_name = paymentMethod)] pm: JsValue) -> JsResult<Recipe> {
        let params = Value::Map(Map::new().with("payment_method", value(&pm)));
        run(|| exotic::payment_method(&params).map(exotic::recipe)).map(Recipe)
    }

    /// The built-in Corefy callback recipe.
    #[wasm_bindgen(js_name = corefyCallback)]
    pub fn corefy_callback() -> Recipe {
        Recipe(corefy::callback_recipe())
    }

    /// Sign params (an object, or the raw body for `raw_body` recipes).
    pub fn sign(&self, params: JsValue, #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue) -> JsResult<String> {
        with_params(&params, || value(&secret), |p, s| self.0.sign(p, &s.into_secret(self.0.secret_name)?))
    }

    /// Check a signature in constant time.
    pub fn verify(
        &self,
        params: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] signature: JsValue,
    ) -> JsResult<bool> {
        let args = || (value(&secret), value(&signature));
        with_params(&params, args, |p, (s, g)| self.0.verify(p, &s.into_secret(self.0.secret_name)?, g.as_text("signature")?))
    }

    /// The canonical line without the secret.
    #[wasm_bindgen(js_name = stringToSign)]
    pub fn string_to_sign(&self, params: JsValue) -> JsResult<String> {
        with_params(&params, || (), |p, ()| self.0.string_to_sign(p))
    }

    /// The whole string that gets hashed, with `***` where the secret goes.
    #[wasm_bindgen(js_name = redactedStringToSign)]
    pub fn redacted_string_to_sign(&self, params: JsValue) -> JsResult<String> {
        run(|| self.0.redacted_string_to_sign(&value(&params)))
    }

    /// The recipe as data (`new Recipe(r.spec())` rebuilds it).
    #[wasm_bindgen(unchecked_return_type = "RecipeSpec")]
    pub fn spec(&self) -> JsValue {
        to_js(&self.0.to_spec())
    }
}

/// Field rules and the report on a set of values.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Validator(CoreValidator);

#[wasm_bindgen]
impl Validator {
    /// Hand-written rules: `[{key, required, pattern, min_length, max_length, checks, min, max, decimals, separators}]`.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "FieldRule[]")] rules: JsValue) -> JsResult<Validator> {
        run(|| CoreValidator::from_rules(&value(&rules))).map(Validator)
    }

    /// Rules from a Corefy `/payout-prerequest` response (JSON text) for one service.
    #[wasm_bindgen(js_name = fromCorefyPrerequest)]
    pub fn from_corefy_prerequest(
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] service: JsValue,
    ) -> JsResult<Validator> {
        run(|| CoreValidator::from_corefy_prerequest(value(&json).as_text("json")?, value(&service).as_text("service")?)).map(Validator)
    }

    /// Rules from an M4 `account_info_config` (JSON text).
    #[wasm_bindgen(js_name = fromM4AccountInfoConfig)]
    pub fn from_m4_account_info_config(#[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> JsResult<Validator> {
        run(|| CoreValidator::from_m4_account_info_config(value(&json).as_text("json")?)).map(Validator)
    }

    /// The exotic.company create_pay_out field table for a payment method.
    #[wasm_bindgen(js_name = forExotic)]
    pub fn for_exotic(#[wasm_bindgen(js_name = paymentMethod, unchecked_param_type = "string")] pm: JsValue) -> JsResult<Validator> {
        run(|| CoreValidator::for_exotic(value(&pm).as_text("payment_method")?)).map(Validator)
    }

    /// Validate values; `partial` leaves out errors that typing more can still fix.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] values: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] locale: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "boolean")] partial: JsValue,
    ) -> JsResult<JsValue> {
        let report = with_params(&values, || (value(&locale), value(&partial)), |v, (l, p)| self.0.validate_args(v, &l, &p))?;
        // One string and JSON.parse: far fewer boundary crossings than an object built key by key.
        js_sys::JSON::parse(&report.to_value().to_json())
    }
}

// Types the generated d.ts refers to (RecipeSpec, FieldRule, Report, PayoutkitError).
#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("../../types/shared.d.ts");
