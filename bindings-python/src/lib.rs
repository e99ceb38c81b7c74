//! Python binding: converts Python objects to core values, calls the core (its API table,
//! `payoutkit::dynamic`), maps errors to `payoutkit.PayoutkitError` (defined in Python). The
//! Python API is the `payoutkit` package over these few functions. No rules live here.
#![cfg(not(target_family = "wasm"))]
#![allow(unsafe_code)] // pyo3's macros expand to unsafe FFI glue.

use payoutkit::dynamic::{self, Object};
use payoutkit::{Error, FieldValue, Map, Params, Value, MAX_DEPTH};
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

fn values(args: &Bound<'_, PyTuple>) -> PyResult<Vec<Value>> {
    args.iter().map(|a| value(&a, 0)).collect()
}

fn clock() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A function of the public API by name (`m4.verify_callback`, `luhn_valid`, ...).
#[pyfunction]
#[pyo3(signature = (op, *args))]
fn call<'py>(op: &str, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
    let py = args.py();
    let args = values(args)?;
    to_py(py, &guarded(py, || dynamic::call(op, args))?)
}

/// The signing hot path: `params` is read in place.
#[pyfunction]
fn sign(op: &str, method: &Bound<'_, PyAny>, params: &Bound<'_, PyAny>, secret: &Bound<'_, PyAny>) -> PyResult<String> {
    with_params(params, || Ok((value(method, 0)?, value(secret, 0)?)), |p, (m, s)| dynamic::sign(op, &m, p, s))
}

/// The public API as data (ops, providers and their endpoint rows, codes, kinds).
#[pyfunction]
fn describe(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &dynamic::describe())
}

/// A gateway, flow, validator or recipe of the core.
#[pyclass(name = "Handle", module = "payoutkit._native")]
struct Handle(Object);

#[pymethods]
impl Handle {
    #[staticmethod]
    #[pyo3(signature = (kind, *args))]
    fn construct(kind: &str, args: &Bound<'_, PyTuple>) -> PyResult<Self> {
        let py = args.py();
        let args = values(args)?;
        guarded(py, || dynamic::construct(kind, args)).map(Handle)
    }

    #[pyo3(signature = (method, *args))]
    fn call<'py>(&mut self, method: &str, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
        let py = args.py();
        let args = values(args)?;
        to_py(py, &guarded(py, || self.0.call(method, args, clock()))?)
    }

    /// A method whose first argument is params, read in place.
    #[pyo3(signature = (method, params, *args))]
    fn with_params<'py>(&self, method: &str, params: &Bound<'py, PyAny>, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
        to_py(args.py(), &with_params(params, || values(args), |p, rest| self.0.call_with_params(method, p, rest))?)
    }

    #[pyo3(signature = (method, *args))]
    fn spawn(&self, method: &str, args: &Bound<'_, PyTuple>) -> PyResult<Self> {
        let py = args.py();
        let args = values(args)?;
        guarded(py, || self.0.spawn(method, args)).map(Handle)
    }

    fn __repr__(&self) -> &'static str {
        self.0.class_name()
    }
}

/// Core value -> Python object. Decimal text comes out as `str` (as in every runtime).
fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Str(s) | Value::Decimal(s) => PyString::new(py, s).into_any(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Int(i) => i.into_pyobject(py)?.into_any(),
        Value::Float(f) => PyFloat::new(py, *f).into_any(),
        Value::Bytes(b) => PyBytes::new(py, b).into_any(),
        Value::List(l) => PyList::new(py, l.iter().map(|i| to_py(py, i)).collect::<PyResult<Vec<_>>>()?)?.into_any(),
        Value::Map(m) => {
            let d = PyDict::new(py);
            for (k, v) in m.iter() {
                d.set_item(k, to_py(py, v)?)?;
            }
            d.into_any()
        }
        Value::Null | Value::Other(_) => py.None().into_bound(py),
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(sign, m)?)?;
    m.add_function(wrap_pyfunction!(describe, m)?)?;
    m.add_class::<Handle>()?;
    Ok(())
}
