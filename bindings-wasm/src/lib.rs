//! WebAssembly backend (wasm-bindgen; browsers, edge runtimes, and Node where no prebuilt
//! addon matches): exports `js/surface.rs`, the JS backend written once for napi and
//! wasm-bindgen, under wasm-bindgen's attributes. The public JS API is `js/api.mjs` over
//! this backend. No rules live here; errors leave as `Error`s whose message is
//! `{"code", "field", "message"}` text.
#![cfg(target_family = "wasm")]

use wasm_bindgen::prelude::*;

include!("../../js/surface.rs");

fn run<T>(r: Out<T>) -> core::result::Result<T, JsError> {
    r.map_err(|e| JsError::new(&e))
}

fn clock() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A function of the public API by name, arguments as tagged JSON; the result as JSON.
#[wasm_bindgen]
pub fn call(op: &str, args: String) -> core::result::Result<String, JsError> {
    run(surface_call(op, args))
}

/// The signing hot path (`m4.sign`, `m4.string_to_sign`, `exotic.sign_payout`,
/// `exotic.string_to_sign`) with params as one string.
#[wasm_bindgen]
pub fn sign(text: &str, secret: String) -> core::result::Result<String, JsError> {
    run(surface_sign(text, secret))
}

/// A gateway, flow, validator or recipe.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Handle(Object);

#[wasm_bindgen]
impl Handle {
    /// Build an object of `class` from its arguments (tagged JSON).
    pub fn construct(class: &str, args: String) -> core::result::Result<Handle, JsError> {
        run(surface_construct(class, args)).map(Handle)
    }

    /// Call a method.
    pub fn call(&mut self, method: &str, args: String) -> core::result::Result<String, JsError> {
        run(surface_method(&mut self.0, method, args, clock()))
    }

    /// Call a method whose first argument is params (one string).
    #[wasm_bindgen(js_name = withParams)]
    pub fn with_params(&self, method: &str, params: &str, args: String) -> core::result::Result<String, JsError> {
        run(surface_with_params(&self.0, method, params, args))
    }

    /// A prepared signer's values, in its order (one string).
    #[wasm_bindgen(js_name = signValues)]
    pub fn sign_values(&self, values: &str) -> core::result::Result<String, JsError> {
        run(surface_sign_values(&self.0, values))
    }

    /// An object made from this one (a flow from a gateway).
    pub fn spawn(&self, method: &str, args: String) -> core::result::Result<Handle, JsError> {
        run(surface_spawn(&self.0, method, args)).map(Handle)
    }
}
