//! Node backend (napi-rs): exports `js/surface.rs`, the JS backend written once for napi
//! and wasm-bindgen, under napi's attributes. The public JS API is `js/api.mjs` over this
//! backend (or over the WebAssembly build where no prebuilt addon matches). No rules live
//! here; errors leave as `Error`s whose message is `{"code", "field", "message"}` text.
#![cfg(not(target_family = "wasm"))]
// napi's macros expand to unsafe FFI glue.
#![allow(unsafe_code)]

use napi_derive::napi;
use std::panic::{catch_unwind, AssertUnwindSafe};

include!("../../js/surface.rs");

/// Run `f`, turning a caught panic into `internal_error` (napi would abort the process).
fn run<T>(f: impl FnOnce() -> Out<T>) -> napi::Result<T> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|p| Err(fail(Error::internal(p.downcast_ref::<&str>().copied().unwrap_or("panic")))))
        .map_err(napi::Error::from_reason)
}

fn clock() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A function of the public API by name, arguments as tagged JSON; the result as JSON.
#[napi]
pub fn call(op: String, args: String) -> napi::Result<String> {
    run(|| surface_call(&op, args))
}

/// The signing hot path: `m4.sign`, `m4.string_to_sign`, `exotic.sign_payout`,
/// `exotic.string_to_sign` with params as one string.
#[napi]
pub fn sign(text: String, secret: String) -> napi::Result<String> {
    run(|| surface_sign(&text, secret))
}

/// A gateway, flow, validator or recipe.
#[napi]
#[derive(Debug)]
pub struct Handle(Object);

#[napi]
impl Handle {
    /// Build an object of `class` from its arguments (tagged JSON).
    #[napi(factory)]
    pub fn construct(class: String, args: String) -> napi::Result<Handle> {
        run(|| surface_construct(&class, args)).map(Handle)
    }

    /// Call a method.
    #[napi]
    pub fn call(&mut self, method: String, args: String) -> napi::Result<String> {
        run(|| surface_method(&mut self.0, &method, args, clock()))
    }

    /// Call a method whose first argument is params (one string).
    #[napi]
    pub fn with_params(&self, method: String, params: String, args: String) -> napi::Result<String> {
        run(|| surface_with_params(&self.0, &method, &params, args))
    }

    /// A prepared signer's values, in its order (one string).
    #[napi]
    pub fn sign_values(&self, values: String) -> napi::Result<String> {
        run(|| surface_sign_values(&self.0, &values))
    }

    /// An object made from this one (a flow from a gateway).
    #[napi]
    pub fn spawn(&self, method: String, args: String) -> napi::Result<Handle> {
        run(|| surface_spawn(&self.0, &method, args)).map(Handle)
    }
}
