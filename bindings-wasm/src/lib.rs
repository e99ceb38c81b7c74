//! WebAssembly binding (browsers, edge runtimes, Node): converts JS values to core values,
//! calls the core, throws `Error`s carrying `code` and `field`. No rules live here.
//!
//! Namespaces are classes with static methods, so `m4.sign(...)` works from JS with no
//! hand-written glue.
#![cfg(target_family = "wasm")]

use js_sys::{Array, BigInt, Object, Reflect, Uint8Array};
use payoutkit::{corefy, exotic, m4, Error, Map, Recipe as CoreRecipe, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A core error as a JS `Error` with `code` and `field` own properties.
fn js_err(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    let field = e.field_name().map_or(JsValue::NULL, JsValue::from);
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&err, &"code".into(), &e.code().as_str().into());
    let _ = Reflect::set(&err, &"field".into(), &field);
    err.into()
}

/// JS value -> core value. Numbers stay floats: the core decides how they are signed.
fn value(v: &JsValue) -> Value {
    if let Some(s) = v.as_string() {
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
        Value::List(Array::unchecked_from_js_ref(v).iter().map(|i| value(&i)).collect())
    } else if v.is_object() && !v.is_function() {
        let mut m = Map::new();
        for entry in Object::entries(v.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            m.push_unique(pair.get(0).as_string().unwrap_or_default(), value(&pair.get(1)));
        }
        Value::Map(m)
    } else {
        Value::Other(v.js_typeof().as_string().unwrap_or_default())
    }
}

/// Core value -> JS value (recipe specs only hold strings, bools, lists and objects).
fn to_js(v: &Value) -> JsValue {
    match v {
        Value::Str(s) => s.into(),
        Value::Bool(b) => (*b).into(),
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

// M4 (Withdraw Flow V1): request signatures and callback verification.
/// Lowercase hex SHA-256 over the method's signed fields (sorted, ":"-joined) + secret.
#[wasm_bindgen(js_namespace = m4, js_name = sign)]
pub fn m4_sign(
    #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
) -> JsResult<String> {
    run(|| m4::sign(value(&method).as_text("method")?, &value(&params), &value(&secret).into_secret("secret")?))
}

/// The method's signed fields, sorted.
#[wasm_bindgen(js_namespace = m4, js_name = signedFields, unchecked_return_type = "string[]")]
pub fn m4_signed_fields(#[wasm_bindgen(unchecked_param_type = "string")] method: JsValue) -> JsResult<JsValue> {
    run(|| Ok(m4::signed_fields(value(&method).as_text("method")?)?.iter().map(|f| JsValue::from(*f)).collect::<Array>().into()))
}

/// The canonical line without the secret, for debugging a mismatch.
#[wasm_bindgen(js_namespace = m4, js_name = stringToSign)]
pub fn m4_string_to_sign(
    #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] params: JsValue,
) -> JsResult<String> {
    run(|| m4::string_to_sign(value(&method).as_text("method")?, &value(&params)))
}

/// Verify a callback: raw body (string / Uint8Array, JSON or form-encoded) or an object.
#[wasm_bindgen(js_namespace = m4, js_name = verifyCallback)]
pub fn m4_verify_callback(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | Record<string, unknown>")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
) -> JsResult<bool> {
    run(|| m4::verify_callback(&value(&payload), &value(&secret).into_secret("secret")?))
}
// exotic.company pay-out API: the create_pay_out signature.
/// sha256 hex of `order_id:fiat_amount:<requisite>:fiat_currency:sign_key`.
#[wasm_bindgen(js_namespace = exotic, js_name = signPayout)]
pub fn exotic_sign_payout(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = signKey)] sign_key: JsValue,
) -> JsResult<String> {
    run(|| exotic::sign_payout(&value(&params), &value(&sign_key).into_secret("sign_key")?))
}

/// The canonical line without the sign key.
#[wasm_bindgen(js_namespace = exotic, js_name = stringToSign)]
pub fn exotic_string_to_sign(#[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] params: JsValue) -> JsResult<String> {
    run(|| exotic::string_to_sign(&value(&params)))
}
// Corefy platform (MilkyPay): callback X-Signature and BasicAuth.
/// `base64(sha1(secret + body + secret))` over the raw body.
#[wasm_bindgen(js_namespace = corefy, js_name = callbackSignature)]
pub fn corefy_callback_signature(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
) -> JsResult<String> {
    run(|| corefy::callback_signature(&value(&body), &value(&secret).into_secret("secret")?))
}

/// Check an X-Signature header against the raw body (constant-time).
#[wasm_bindgen(js_namespace = corefy, js_name = verifyCallback)]
pub fn corefy_verify_callback(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] signature: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
) -> JsResult<bool> {
    run(|| corefy::verify_callback(&value(&body), value(&signature).as_text("signature")?, &value(&secret).into_secret("secret")?))
}

/// `"Basic " + base64(accountId:apiKey)`.
#[wasm_bindgen(js_namespace = corefy, js_name = basicAuth)]
pub fn corefy_basic_auth(
    #[wasm_bindgen(unchecked_param_type = "string", js_name = accountId)] account_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = apiKey)] api_key: JsValue,
) -> JsResult<String> {
    run(|| corefy::basic_auth(value(&account_id).as_text("account_id")?, &value(&api_key).into_secret("api_key")?))
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

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = r#"
/** A declarative signature recipe. */
export interface RecipeSpec {
  fields: string[] | "all_non_empty" | "raw_body";
  sort?: boolean;
  exclude?: string[];
  separator?: string;
  secret?: "append" | "append_with_separator" | "prepend" | "wrap" | "hmac_key";
  hash?: "sha256" | "sha1" | "md5" | "sha512";
  output?: "hex" | "hex_upper" | "base64";
}
/** Errors thrown by payoutkit are `Error`s with these properties. */
export interface PayoutkitError extends Error { code: string; field: string | null; }
"#;
