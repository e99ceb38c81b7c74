//! Node binding (napi-rs): converts JS values to core values, calls the core, throws
//! `Error`s carrying `code` and `field`. No rules live here.
#![cfg(not(target_family = "wasm"))]
// napi's macros expand to unsafe FFI glue, and `Unknown::cast` is unsafe: every cast below
// follows a `get_type`/`is_*` check of the same value.
#![allow(unsafe_code)]

use napi::bindgen_prelude::*;
use napi::{JsValue, ValueType};
use napi_derive::napi;
use payoutkit::{corefy, exotic, m4, Error as CoreError, ErrorCode, Map, Recipe as CoreRecipe, Value};
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
fn value(v: Unknown<'_>) -> Result<Value> {
    Ok(match v.get_type()? {
        ValueType::String => Value::Str(unsafe { v.cast::<String>()? }),
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
            (0..arr.len()).map(|i| value(arr.get_element(i)?)).collect::<Result<_>>().map(Value::List)?
        }
        ValueType::Object => {
            let obj: Object = unsafe { v.cast()? };
            let keys = obj.get_all_property_names(KeyCollectionMode::OwnOnly, KeyFilter::Enumerable, KeyConversion::NumbersToStrings)?;
            let keys: Array = unsafe { keys.to_unknown().cast()? };
            let mut m = Map::with_capacity(keys.len() as usize);
            for i in 0..keys.len() {
                let k: Unknown = keys.get_element(i)?;
                if k.get_type()? == ValueType::String {
                    let k: String = unsafe { k.cast()? };
                    let v = value(obj.get_named_property(&k)?)?;
                    m.push_unique(k, v);
                }
            }
            Value::Map(m)
        }
        other => Value::Other(format!("{other}").to_lowercase()),
    })
}

/// Core map -> JS object (recipe specs hold strings, bools, lists of strings, maps).
fn to_js<'e>(env: &'e Env, m: &Map) -> Result<Object<'e>> {
    let mut o = Object::new(env)?;
    for (k, v) in m.iter() {
        match v {
            Value::Str(s) => o.set(k, s)?,
            Value::Bool(b) => o.set(k, *b)?,
            Value::List(l) => o.set(k, l.iter().filter_map(|i| i.as_text("").ok()).collect::<Vec<_>>())?,
            Value::Map(inner) => o.set(k, to_js(env, inner)?)?,
            _ => o.set(k, Null)?,
        }
    }
    Ok(o)
}

/// Convert the arguments, run `f` on the core (panics caught), map its error.
fn call<T, const N: usize>(env: &Env, args: [Unknown<'_>; N], f: impl FnOnce([Value; N]) -> std::result::Result<T, CoreError>) -> Result<T> {
    let mut vals = [const { Value::Null }; N];
    for (slot, arg) in vals.iter_mut().zip(args) {
        *slot = value(arg)?;
    }
    catch_unwind(AssertUnwindSafe(|| f(vals)))
        .unwrap_or_else(|p| Err(CoreError::internal(p.downcast_ref::<&str>().copied().unwrap_or("panic"))))
        .map_err(|e| js_err(env, e))
}

#[napi(namespace = "m4", ts_args_type = "method: string, params: Record<string, unknown>, secret: string")]
pub fn sign(env: Env, method: Unknown, params: Unknown, secret: Unknown) -> Result<String> {
    call(&env, [method, params, secret], |[m, p, s]| m4::sign(m.as_text("method")?, &p, &s.into_secret("secret")?))
}

#[napi(namespace = "m4", ts_args_type = "method: string", ts_return_type = "string[]")]
pub fn signed_fields(env: Env, method: Unknown) -> Result<Vec<&'static str>> {
    call(&env, [method], |[m]| m4::signed_fields(m.as_text("method")?).map(<[_]>::to_vec))
}

#[napi(namespace = "m4", js_name = "stringToSign", ts_args_type = "method: string, params: Record<string, unknown>")]
pub fn m4_string_to_sign(env: Env, method: Unknown, params: Unknown) -> Result<String> {
    call(&env, [method, params], |[m, p]| m4::string_to_sign(m.as_text("method")?, &p))
}

#[napi(namespace = "m4", js_name = "verifyCallback", ts_args_type = "payload: string | Uint8Array | Record<string, unknown>, secret: string")]
pub fn m4_verify_callback(env: Env, payload: Unknown, secret: Unknown) -> Result<bool> {
    call(&env, [payload, secret], |[p, s]| m4::verify_callback(&p, &s.into_secret("secret")?))
}

#[napi(namespace = "exotic", ts_args_type = "params: Record<string, unknown>, signKey: string")]
pub fn sign_payout(env: Env, params: Unknown, sign_key: Unknown) -> Result<String> {
    call(&env, [params, sign_key], |[p, k]| exotic::sign_payout(&p, &k.into_secret("sign_key")?))
}

#[napi(namespace = "exotic", js_name = "stringToSign", ts_args_type = "params: Record<string, unknown>")]
pub fn exotic_string_to_sign(env: Env, params: Unknown) -> Result<String> {
    call(&env, [params], |[p]| exotic::string_to_sign(&p))
}

#[napi(namespace = "corefy", ts_args_type = "body: string | Uint8Array, secret: string")]
pub fn callback_signature(env: Env, body: Unknown, secret: Unknown) -> Result<String> {
    call(&env, [body, secret], |[b, s]| corefy::callback_signature(&b, &s.into_secret("secret")?))
}

#[napi(namespace = "corefy", js_name = "verifyCallback", ts_args_type = "body: string | Uint8Array, signature: string, secret: string")]
pub fn corefy_verify_callback(env: Env, body: Unknown, signature: Unknown, secret: Unknown) -> Result<bool> {
    call(&env, [body, signature, secret], |[b, g, s]| corefy::verify_callback(&b, g.as_text("signature")?, &s.into_secret("secret")?))
}

#[napi(namespace = "corefy", ts_args_type = "accountId: string, apiKey: string")]
pub fn basic_auth(env: Env, account_id: Unknown, api_key: Unknown) -> Result<String> {
    call(&env, [account_id, api_key], |[a, k]| corefy::basic_auth(a.as_text("account_id")?, &k.into_secret("api_key")?))
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
        call(&env, [params, secret], |[p, s]| self.0.sign(&p, &s.into_secret(self.0.secret_name)?))
    }

    /// Check a signature in constant time.
    #[napi(ts_args_type = "params: Record<string, unknown> | string | Uint8Array, secret: string, signature: string")]
    pub fn verify(&self, env: Env, params: Unknown, secret: Unknown, signature: Unknown) -> Result<bool> {
        call(&env, [params, secret, signature], |[p, s, g]| self.0.verify(&p, &s.into_secret(self.0.secret_name)?, g.as_text("signature")?))
    }

    /// The canonical line without the secret.
    #[napi(ts_args_type = "params: Record<string, unknown> | string | Uint8Array")]
    pub fn string_to_sign(&self, env: Env, params: Unknown) -> Result<String> {
        call(&env, [params], |[p]| self.0.string_to_sign(&p))
    }

    /// The whole string that gets hashed, with `***` where the secret goes.
    #[napi(ts_args_type = "params: Record<string, unknown> | string | Uint8Array")]
    pub fn redacted_string_to_sign(&self, env: Env, params: Unknown) -> Result<String> {
        call(&env, [params], |[p]| self.0.redacted_string_to_sign(&p))
    }

    /// The recipe as data (`new Recipe(r.spec())` rebuilds it).
    #[napi(ts_return_type = "RecipeSpec")]
    pub fn spec<'e>(&self, env: &'e Env) -> Result<Object<'e>> {
        match self.0.to_spec() {
            Value::Map(m) => to_js(env, &m),
            _ => Object::new(env),
        }
    }
}
