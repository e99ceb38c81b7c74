//! WebAssembly binding (browsers, edge runtimes, Node): converts JS values to core values,
//! calls the core, throws `Error`s carrying `code` and `field`. No rules live here.
//! Namespaces (`m4.sign(...)`) are plain objects made by wasm-bindgen's `js_namespace`.
#![cfg(target_family = "wasm")]

use js_sys::{Array, BigInt, Object, Reflect, Uint8Array};
use payoutkit::{corefy, exotic, m4, validate, Error, Map, Recipe as CoreRecipe, Validator as CoreValidator, Value, MAX_DEPTH};
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

fns! {
    (js_namespace = m4, js_name = sign) m4_sign(method: "string", params: "Record<string, unknown>", secret: "string") -> String =>
        m4::sign(method.as_text("method")?, &params, &secret.into_secret("secret")?);
    (js_namespace = m4, js_name = signedFields) m4_signed_fields(method: "string") -> Vec<String> =>
        m4::signed_fields(method.as_text("method")?).map(|f| f.iter().map(|s| String::from(*s)).collect());
    (js_namespace = m4, js_name = stringToSign) m4_string_to_sign(method: "string", params: "Record<string, unknown>") -> String =>
        m4::string_to_sign(method.as_text("method")?, &params);
    (js_namespace = m4, js_name = verifyCallback) m4_verify_callback(payload: "string | Uint8Array | Record<string, unknown>", secret: "string") -> bool =>
        m4::verify_callback(&payload, &secret.into_secret("secret")?);
    (js_namespace = exotic, js_name = signPayout) exotic_sign_payout(params: "Record<string, unknown>", signKey: "string") -> String =>
        exotic::sign_payout(&params, &signKey.into_secret("sign_key")?);
    (js_namespace = exotic, js_name = stringToSign) exotic_string_to_sign(params: "Record<string, unknown>") -> String => exotic::string_to_sign(&params);
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
        run(|| self.0.sign(&value(&params), &value(&secret).into_secret(self.0.secret_name)?))
    }

    /// Check a signature in constant time.
    pub fn verify(
        &self,
        params: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] signature: JsValue,
    ) -> JsResult<bool> {
        run(|| self.0.verify(&value(&params), &value(&secret).into_secret(self.0.secret_name)?, value(&signature).as_text("signature")?))
    }

    /// The canonical line without the secret.
    #[wasm_bindgen(js_name = stringToSign)]
    pub fn string_to_sign(&self, params: JsValue) -> JsResult<String> {
        run(|| self.0.string_to_sign(&value(&params)))
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
        run(|| self.0.validate_args(&value(&values), &value(&locale), &value(&partial))).map(|r| to_js(&r.to_value()))
    }
}

// Types the generated d.ts refers to (RecipeSpec, FieldRule, Report, PayoutkitError).
#[wasm_bindgen(typescript_custom_section)]
const TS: &str = include_str!("../../types/shared.d.ts");
