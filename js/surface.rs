// The JS backend, written once: `include!`d by the Node addon (napi) and the WebAssembly
// build (wasm-bindgen), which only wrap these functions with their export attributes. The
// public JS API is `js/api.mjs`, the same file over either backend. Everything crosses the
// boundary as one string each way: arguments as tagged JSON (`payoutkit::dynamic`), params
// of the signing hot path as a wire string (`js/wire.rs`), results as JSON text for
// `JSON.parse`, errors as `{"code", "field", "message"}` text.

mod wire {
    include!("wire.rs");
}

use payoutkit::dynamic::{self, Object};
use payoutkit::{Error, Params, Value};
use zeroize::Zeroizing;

type Out<T> = core::result::Result<T, String>;

fn fail(e: Error) -> String {
    dynamic::error_json(&e)
}

/// What the JS side hears when a wire string does not decode (a NUL inside a key or value
/// puts its count out): it sends the same params again as tagged JSON. Never seen by users.
const WIRE_DECLINED: &str = r#"{"code":"wire_declined","field":"params","message":"sent again as tagged JSON"}"#;

/// `params` as borrowed fields when the JS side sent a wire string (tagged JSON never holds
/// a raw NUL), else as a tagged value.
fn with_params<T>(text: &str, f: impl FnOnce(Params<'_>) -> payoutkit::Result<T>) -> Out<T> {
    if let Some(fields) = wire::decode(text) {
        return f(Params::from(&fields)).map_err(fail);
    }
    if text.contains('\0') {
        return Err(WIRE_DECLINED.into());
    }
    let value = dynamic::decode_value(text).map_err(fail)?;
    f(Params::from(&value)).map_err(fail)
}

/// Arguments as values: tagged JSON (`[...]`), or a wire string of strings and nulls
/// (`wire::decode_args`), which spares a large body (a callback) JSON's escaping both ways.
/// The text may hold a secret, so it is wiped when done.
fn args(text: String) -> Out<Vec<Value>> {
    let text = Zeroizing::new(text);
    if !text.starts_with('[') {
        if let Some(values) = wire::decode_args(&text) {
            return Ok(values);
        }
        if text.contains('\0') {
            return Err(WIRE_DECLINED.into());
        }
    }
    dynamic::decode_args(&text).map_err(fail)
}

/// A function of the public API (`m4.verify_callback`, `luhn_valid`, ...).
fn surface_call(op: &str, a: String) -> Out<String> {
    dynamic::call(op, args(a)?).map(|v| dynamic::to_host_json(&v)).map_err(fail)
}

/// The signing hot path, two strings in: `<op> NUL <method> NUL <params>` (params as a wire
/// string or tagged JSON; the method holds no NUL, the JS side checks) and the secret on its
/// own, so that it is never concatenated on the JS heap.
fn surface_sign(text: &str, secret: String) -> Out<String> {
    let secret = Value::Str(secret);
    let mut parts = text.splitn(3, '\0');
    let (Some(op), Some(method), Some(params)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(fail(Error::internal("malformed signing call")));
    };
    with_params(params, |p| dynamic::sign(op, &Value::from(method), p, secret))
}

/// A gateway, validator or recipe from its class and arguments.
fn surface_construct(class: &str, a: String) -> Out<Object> {
    dynamic::construct(class, args(a)?).map_err(fail)
}

/// A method of an object.
fn surface_method(object: &mut Object, method: &str, a: String, clock: i64) -> Out<String> {
    object.call(method, args(a)?, clock).map(|v| dynamic::to_host_json(&v)).map_err(fail)
}

/// A method whose first argument is params (Recipe.sign / verify / string_to_sign,
/// Validator.validate): the params come as one string like the signing hot path.
fn surface_with_params(object: &Object, method: &str, params: &str, a: String) -> Out<String> {
    let rest = args(a)?;
    with_params(params, |p| object.call_with_params(method, p, rest)).map(|v| dynamic::to_host_json(&v))
}

/// An object made from another (a flow from a gateway).
fn surface_spawn(object: &Object, method: &str, a: String) -> Out<Object> {
    object.spawn(method, args(a)?).map_err(fail)
}

/// A prepared signer's hot path: the values of its signed fields alone, in its order.
fn surface_sign_values(object: &Object, values: &str) -> Out<String> {
    let Object::Signer(signer) = object else {
        return Err(fail(Error::general(payoutkit::ErrorCode::UnknownMethod, "not a signer")));
    };
    let values = wire::decode_values(values).ok_or_else(|| String::from(WIRE_DECLINED))?;
    signer.sign_values(&values).map_err(fail)
}
