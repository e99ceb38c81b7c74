//! Python binding: converts Python objects to core values, calls the core, maps errors to
//! `payoutkit.PayoutkitError` (defined in Python). No rules live here.
#![cfg(not(target_family = "wasm"))]
#![allow(unsafe_code)] // pyo3's macros expand to unsafe FFI glue.

use payoutkit::flow::PayoutFlow as CoreFlow;
use payoutkit::gateway::{self, Gateway as CoreGateway};
use payoutkit::{corefy, exotic, http, m4, validate, Error, ErrorCode, FieldValue, Map, Params, Recipe as CoreRecipe, Validator as CoreValidator, Value, MAX_DEPTH};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MAKE_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A core error as the Python exception class chosen by `payoutkit._errors`.
fn py_err(py: Python<'_>, e: Error) -> PyErr {
    let make = MAKE_ERROR.get_or_try_init(py, || py.import("payoutkit._errors")?.getattr("_from_native").map(Bound::unbind));
    match make.and_then(|f| f.bind(py).call1((e.message(), e.code().as_str(), e.field_name()))) {
        Ok(exc) => PyErr::from_value(exc),
        Err(import_failed) => import_failed,
    }
}

/// A scalar as converted from Python: borrowed `str` (no copy), owned text, or a plain value.
enum Slot<'py> {
    Str(Bound<'py, PyString>),
    Decimal(String),
    Other(String),
    Plain(FieldValue<'static>),
}

impl Slot<'_> {
    fn field_value(&self) -> FieldValue<'_> {
        match self {
            // A lone surrogate cannot be UTF-8: an unsupported value, not a UnicodeEncodeError.
            Slot::Str(s) => s.to_str().map_or(FieldValue::Unsigned("string with a lone surrogate"), FieldValue::Str),
            Slot::Decimal(d) => FieldValue::Decimal(d),
            Slot::Other(name) => FieldValue::Unsigned(name),
            Slot::Plain(v) => *v,
        }
    }
}

/// The scalar types (checked in order of how often they arrive); None for containers.
fn slot<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Slot<'py>>> {
    let py = obj.py();
    Ok(Some(if let Ok(s) = obj.cast::<PyString>() {
        Slot::Str(s.clone())
    } else if obj.is_none() {
        Slot::Plain(FieldValue::Null)
    } else if let Ok(b) = obj.cast::<PyBool>() {
        Slot::Plain(FieldValue::Bool(b.is_true()))
    } else if let Ok(i) = obj.cast::<PyInt>() {
        // i64 first: the limited API's 128-bit conversion is slow.
        match i.extract::<i64>().map(i128::from).or_else(|_| i.extract::<i128>()) {
            Ok(v) => Slot::Plain(FieldValue::Int(v)),
            Err(_) => Slot::Decimal(i.str()?.to_str()?.into()),
        }
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        Slot::Plain(FieldValue::Float(f.value()))
    } else if obj.is_instance_of::<PyDict>() || obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Ok(None);
    } else if obj.is_instance(DECIMAL.import(py, "decimal", "Decimal")?)? {
        Slot::Decimal(obj.str()?.to_str()?.into())
    } else {
        Slot::Other(obj.get_type().name()?.to_str()?.into())
    }))
}

/// Python object -> core value. Unknown types, non-string keys and nesting deeper than
/// `MAX_DEPTH` (cycles included) become `Value::Other`, so the core can say what was passed.
fn value(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Ok(Value::Other("structure nested too deeply".into()));
    }
    if let Some(s) = slot(obj)? {
        return Ok(Value::from(s.field_value()));
    }
    Ok(if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let Ok(k) = k.cast::<PyString>() else { return Ok(Value::Other("mapping with non-string keys".into())) };
            m.push_unique(k.to_str()?.into(), value(&v, depth + 1)?);
        }
        Value::Map(m)
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Value::Bytes(b.as_bytes().to_vec())
    } else {
        Value::List(obj.try_iter()?.map(|i| value(&i?, depth + 1)).collect::<PyResult<_>>()?)
    })
}

/// Run `f` on `params` read in place (no copy: a dict of str keys, the hot path of
/// `m4.sign`; anything else is converted in full, so the core reports it) and on the other
/// arguments from `args`, converted after `params`, so a failure there never leaves a
/// converted secret behind unwiped.
fn with_params<A, T>(
    params: &Bound<'_, PyAny>,
    args: impl FnOnce() -> PyResult<A>,
    f: impl FnOnce(Params<'_>, A) -> Result<T, Error>,
) -> PyResult<T> {
    let py = params.py();
    let mut slots = Vec::new();
    if let Ok(d) = params.cast::<PyDict>() {
        slots.reserve(d.len());
        for (k, v) in d.iter() {
            let Ok(k) = k.cast_into::<PyString>() else {
                slots.clear();
                break;
            };
            // A container is never signed: its type name is all the core needs to say so.
            let s = slot(&v)?.unwrap_or(Slot::Plain(FieldValue::Unsigned(match () {
                () if v.is_instance_of::<PyDict>() => Value::MAP_TYPE,
                () if v.is_instance_of::<PyBytes>() => Value::BYTES_TYPE,
                () => Value::LIST_TYPE,
            })));
            slots.push((k, s));
        }
    }
    if slots.is_empty() {
        let params = value(params, 0)?;
        let args = args()?;
        return guarded(py, || f(Params::from(&params), args));
    }
    let mut fields = Vec::with_capacity(slots.len());
    for (k, s) in &slots {
        fields.push((k.to_str()?, s.field_value()));
    }
    let args = args()?;
    guarded(py, || f(Params::from(&fields), args))
}

/// Run `f` on the core: a panic becomes `internal_error` (not a BaseException), an error
/// the Python exception of its code.
fn guarded<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|p| Err(Error::internal(p.downcast_ref::<&str>().copied().unwrap_or("panic"))))
        .map_err(|e| py_err(py, e))
}

/// Convert the arguments, run `f` on the core, map its error.
fn call<T, const N: usize>(args: [&Bound<'_, PyAny>; N], f: impl FnOnce([Value; N]) -> Result<T, Error>) -> PyResult<T> {
    let mut vals = [const { Value::Null }; N];
    for (slot, arg) in vals.iter_mut().zip(args) {
        *slot = value(arg, 0)?;
    }
    guarded(args[0].py(), || f(vals))
}

/// `#[pyfunction]`s that convert every argument and call one core function, plus their
/// registration (`fns!` keeps each one on a line).
macro_rules! fns {
    ($($name:ident($($arg:ident),*) -> $ret:ty => $body:expr;)*) => {
        $(#[pyfunction]
        fn $name($($arg: &Bound<'_, PyAny>),*) -> PyResult<$ret> {
            call([$($arg),*], |[$($arg),*]| $body)
        })*
        fn add_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($name, m)?)?;)*
            for f in [wrap_pyfunction!(m4_sign, m)?, wrap_pyfunction!(m4_string_to_sign, m)?, wrap_pyfunction!(exotic_sign_payout, m)?, wrap_pyfunction!(exotic_string_to_sign, m)?] {
                m.add_function(f)?;
            }
            Ok(())
        }
    };
}

fns! {
    m4_signed_fields(method) -> Vec<&'static str> => m4::signed_fields(method.as_text("method")?).map(<[_]>::to_vec);
    m4_verify_callback(payload, secret) -> bool => m4::verify_callback(&payload, &secret.into_secret("secret")?);
    corefy_callback_signature(body, secret) -> String => corefy::callback_signature(&body, &secret.into_secret("secret")?);
    corefy_verify_callback(body, signature, secret) -> bool =>
        corefy::verify_callback(&body, signature.as_text("signature")?, &secret.into_secret("secret")?);
    corefy_basic_auth(account_id, api_key) -> String =>
        corefy::basic_auth(account_id.as_text("account_id")?, &api_key.into_secret("api_key")?);
    luhn_valid(value) -> bool => Ok(validate::luhn_valid(value.as_text("value")?));
    iban_valid(value) -> bool => Ok(validate::iban_valid(value.as_text("value")?));
    card_brand(value) -> Option<&'static str> => Ok(validate::card_brand(value.as_text("value")?));
    mask_pan(value) -> String => validate::mask_pan(value.as_text("value")?);
    classify(provider, http_status, body) -> Out =>
        gateway::classify(provider.as_text("provider")?, http::http_status(&http_status)?, &body).map(|o| Out(o.to_value()));
    exotic_parse_callback(body) -> Out => exotic::parse_callback(&body).map(Out);
    corefy_parse_callback(body) -> Out => corefy::parse_callback(&body).map(Out);
}

// Signing reads `params` in place (see `with_params`).
#[pyfunction]
fn m4_sign(method: &Bound<'_, PyAny>, params: &Bound<'_, PyAny>, secret: &Bound<'_, PyAny>) -> PyResult<String> {
    with_params(params, || Ok((value(method, 0)?, value(secret, 0)?)), |p, (m, s)| m4::sign(m.as_text("method")?, p, &s.into_secret("secret")?))
}

#[pyfunction]
fn m4_string_to_sign(method: &Bound<'_, PyAny>, params: &Bound<'_, PyAny>) -> PyResult<String> {
    with_params(params, || value(method, 0), |p, m| m4::string_to_sign(m.as_text("method")?, p))
}

#[pyfunction]
fn exotic_sign_payout(params: &Bound<'_, PyAny>, sign_key: &Bound<'_, PyAny>) -> PyResult<String> {
    with_params(params, || value(sign_key, 0), |p, k| exotic::sign_payout(p, &k.into_secret("sign_key")?))
}

#[pyfunction]
fn exotic_string_to_sign(params: &Bound<'_, PyAny>) -> PyResult<String> {
    with_params(params, || Ok(()), |p, ()| exotic::string_to_sign(p))
}

fn clock() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A provider's request builder (`payoutkit.M4`, `.Exotic` and `.Corefy` subclass it).
#[pyclass(name = "Gateway", module = "payoutkit._native", frozen, subclass)]
struct Gateway(CoreGateway);

#[pymethods]
impl Gateway {
    #[new]
    #[pyo3(signature = (provider, *args))]
    fn new(provider: &Bound<'_, PyAny>, args: &Bound<'_, PyTuple>) -> PyResult<Self> {
        let args = args.iter().map(|a| value(&a, 0)).collect::<PyResult<Vec<_>>>()?;
        call([provider], |[p]| CoreGateway::from_args(p.as_text("provider")?, args)).map(Gateway)
    }

    #[staticmethod]
    fn endpoints(provider: &Bound<'_, PyAny>) -> PyResult<Vec<&'static str>> {
        call([provider], |[p]| CoreGateway::endpoints(p.as_text("provider")?))
    }

    #[getter]
    fn provider(&self) -> &'static str {
        self.0.provider()
    }

    /// The request of `endpoint` from keyword fields (or the identifying field alone).
    #[pyo3(signature = (endpoint, arg = None, **fields))]
    fn request<'py>(&self, endpoint: &Bound<'py, PyAny>, arg: Option<&Bound<'py, PyAny>>, fields: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
        let py = endpoint.py();
        let fields = fields.cloned().unwrap_or_else(|| PyDict::new(py));
        let none = py.None().into_bound(py);
        let args = [endpoint, arg.unwrap_or(&none), fields.as_any()];
        to_py(py, &call(args, |[e, a, f]| self.0.request_with(e.as_text("endpoint")?, &a, &f, clock()))?.to_value())
    }
}

/// A sans-IO payout flow (see `payoutkit.m4.PayoutFlow`).
#[pyclass(name = "PayoutFlow", module = "payoutkit._native")]
struct PayoutFlow(CoreFlow);

/// Run a flow event with an optional `now` (unix seconds; the clock when None).
fn event<'py>(py: Python<'py>, now: Option<&Bound<'py, PyAny>>, f: impl FnOnce(i64) -> Result<payoutkit::flow::Action, Error>) -> PyResult<Bound<'py, PyAny>> {
    let now = match now {
        Some(n) => value(n, 0)?,
        None => Value::Null,
    };
    let action = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(http::unix_time(&now, clock())?)))
        .unwrap_or_else(|_| Err(Error::internal("panic")))
        .map_err(|e| py_err(py, e))?;
    to_py(py, &action.to_value())
}

#[pymethods]
impl PayoutFlow {
    #[new]
    #[pyo3(signature = (gateway, params, options = None))]
    fn new(gateway: PyRef<'_, Gateway>, params: &Bound<'_, PyAny>, options: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let none = params.py().None().into_bound(params.py());
        call([params, options.unwrap_or(&none)], |[p, o]| CoreFlow::new(gateway.0.clone(), &p, &o)).map(PayoutFlow)
    }

    #[staticmethod]
    fn from_json(gateway: PyRef<'_, Gateway>, state: &Bound<'_, PyAny>) -> PyResult<Self> {
        call([state], |[s]| CoreFlow::from_json(gateway.0.clone(), s.as_text("state")?)).map(PayoutFlow)
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[getter]
    fn creates_sent(&self) -> u32 {
        self.0.creates_sent()
    }

    #[getter]
    fn done(&self) -> bool {
        self.0.is_done()
    }

    #[pyo3(signature = (now = None))]
    fn start<'py>(&mut self, py: Python<'py>, now: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        event(py, now, |t| self.0.start(t))
    }

    #[pyo3(signature = (http_status, body, now = None))]
    fn on_response<'py>(&mut self, http_status: &Bound<'py, PyAny>, body: &Bound<'py, PyAny>, now: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let (status, body) = (value(http_status, 0)?, value(body, 0)?);
        event(http_status.py(), now, |t| self.0.on_response(http::http_status(&status)?, &body, t))
    }

    #[pyo3(signature = (now = None))]
    fn on_timeout<'py>(&mut self, py: Python<'py>, now: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        event(py, now, |t| self.0.on_timeout(t))
    }

    #[pyo3(signature = (now = None))]
    fn resume<'py>(&mut self, py: Python<'py>, now: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        event(py, now, |t| self.0.resume(t))
    }

    #[pyo3(signature = (now = None))]
    fn on_wake<'py>(&mut self, py: Python<'py>, now: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        event(py, now, |t| self.0.on_wake(t))
    }

    #[pyo3(signature = (body, now = None))]
    fn on_callback<'py>(&mut self, py: Python<'py>, body: &Bound<'py, PyAny>, now: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let body = value(body, 0)?;
        event(py, now, |t| self.0.on_callback(&body, t))
    }
}

/// A declarative signature recipe (see `payoutkit.Recipe`).
#[pyclass(name = "Recipe", module = "payoutkit", frozen)]
struct Recipe(CoreRecipe);

#[pymethods]
impl Recipe {
    #[new]
    #[pyo3(signature = (**spec))]
    fn new(py: Python<'_>, spec: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let spec = spec.cloned().unwrap_or_else(|| PyDict::new(py));
        call([spec.as_any()], |[s]| CoreRecipe::from_spec(&s)).map(Recipe)
    }

    #[staticmethod]
    fn m4(method: &Bound<'_, PyAny>) -> PyResult<Self> {
        call([method], |[m]| m4::recipe(m.as_text("method")?)).map(Recipe)
    }

    #[staticmethod]
    fn m4_callback() -> Self {
        Recipe(m4::callback_recipe())
    }

    #[staticmethod]
    fn exotic_payout(payment_method: &Bound<'_, PyAny>) -> PyResult<Self> {
        let params = PyDict::new(payment_method.py());
        params.set_item("payment_method", payment_method)?;
        call([params.as_any()], |[p]| exotic::payment_method(&p).map(exotic::recipe)).map(Recipe)
    }

    #[staticmethod]
    fn corefy_callback() -> Self {
        Recipe(corefy::callback_recipe())
    }

    fn sign(&self, params: &Bound<'_, PyAny>, secret: &Bound<'_, PyAny>) -> PyResult<String> {
        with_params(params, || value(secret, 0), |p, s| self.0.sign(p, &s.into_secret(self.0.secret_name)?))
    }

    fn verify(&self, params: &Bound<'_, PyAny>, secret: &Bound<'_, PyAny>, signature: &Bound<'_, PyAny>) -> PyResult<bool> {
        let args = || Ok((value(secret, 0)?, value(signature, 0)?));
        with_params(params, args, |p, (s, g)| self.0.verify(p, &s.into_secret(self.0.secret_name)?, g.as_text("signature")?))
    }

    fn string_to_sign(&self, params: &Bound<'_, PyAny>) -> PyResult<String> {
        with_params(params, || Ok(()), |p, ()| self.0.string_to_sign(p))
    }

    fn redacted_string_to_sign(&self, params: &Bound<'_, PyAny>) -> PyResult<String> {
        call([params], |[p]| self.0.redacted_string_to_sign(&p))
    }

    /// The recipe as data (`Recipe(**r.spec())` rebuilds it).
    fn spec<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.to_spec())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Recipe(**{})", self.spec(py)?.repr()?))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Recipe>().is_ok_and(|o| o.get().0 == self.0)
    }
}

/// Field rules and the report on a set of values (see `payoutkit.Validator`).
#[pyclass(name = "Validator", module = "payoutkit._native", frozen)]
struct Validator(CoreValidator);

#[pymethods]
impl Validator {
    #[new]
    fn new(rules: &Bound<'_, PyAny>) -> PyResult<Self> {
        call([rules], |[r]| CoreValidator::from_rules(&r)).map(Validator)
    }

    #[staticmethod]
    fn from_corefy_prerequest(json: &Bound<'_, PyAny>, service: &Bound<'_, PyAny>) -> PyResult<Self> {
        call([json, service], |[j, s]| CoreValidator::from_corefy_prerequest(j.as_text("json")?, s.as_text("service")?)).map(Validator)
    }

    #[staticmethod]
    fn from_m4_account_info_config(json: &Bound<'_, PyAny>) -> PyResult<Self> {
        call([json], |[j]| CoreValidator::from_m4_account_info_config(j.as_text("json")?)).map(Validator)
    }

    #[staticmethod]
    fn for_exotic(payment_method: &Bound<'_, PyAny>) -> PyResult<Self> {
        call([payment_method], |[m]| CoreValidator::for_exotic(m.as_text("payment_method")?)).map(Validator)
    }

    #[pyo3(signature = (values, locale = None, partial = None))]
    fn validate<'py>(&self, values: &Bound<'py, PyAny>, locale: Option<&Bound<'py, PyAny>>, partial: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let optional = |o: Option<&Bound<'py, PyAny>>| o.map_or(Ok(Value::Null), |o| value(o, 0));
        let args = || Ok((optional(locale)?, optional(partial)?));
        to_py(values.py(), &with_params(values, args, |v, (l, p)| self.0.validate_args(v, &l, &p))?.to_value())
    }
}

/// A core value handed back to Python (through `to_py`).
struct Out(Value);

impl<'py> IntoPyObject<'py> for Out {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
}

/// Core value -> Python object (specs and reports: strings, integers, bools, lists, maps).
fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Str(s) => PyString::new(py, s).into_any(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Int(i) => i.into_pyobject(py)?.into_any(),
        Value::Float(f) => PyFloat::new(py, *f).into_any(),
        Value::List(l) => PyList::new(py, l.iter().map(|i| to_py(py, i)).collect::<PyResult<Vec<_>>>()?)?.into_any(),
        Value::Map(m) => {
            let d = PyDict::new(py);
            for (k, v) in m.iter() {
                d.set_item(k, to_py(py, v)?)?;
            }
            d.into_any()
        }
        _ => py.None().into_bound(py),
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    add_functions(m)?;
    m.add_class::<Recipe>()?;
    m.add_class::<Validator>()?;
    m.add_class::<Gateway>()?;
    m.add_class::<PayoutFlow>()?;
    m.add("ERROR_CODES", ErrorCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>())?;
    m.add("M4_METHODS", m4::METHODS.iter().map(|x| x.path).collect::<Vec<_>>())?;
    Ok(())
}
