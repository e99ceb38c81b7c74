"""payoutkit's Python API over the native module. Every rule runs in the Rust core; this
module gives the results Python types. Functions, gateway classes and their per-endpoint
methods are made from the core's own tables (``_native.describe()``), docstrings included;
``gen_stubs.py`` writes the matching ``.pyi`` stubs from the same tables."""

from __future__ import annotations

import inspect
from typing import Any, Callable, ClassVar, Dict, List, Literal, Mapping, NamedTuple, Optional, Union

from . import _native

__all__ = [
    "Action", "Corefy", "Done", "Exotic", "FieldError", "Gateway", "M4", "Outcome", "PayoutFlow", "Recipe",
    "Report", "Request", "Send", "Signer", "Validator", "Wait",
]

API: Dict[str, Any] = _native.describe()
__version__: str = API["version"]


def _printout(record: Any) -> Dict[str, Any]:
    """A record as printouts show it (the core masks credentials and card numbers)."""
    out: Dict[str, Any] = _native.call("redact", dict(record._asdict()))
    return out


# Records are NamedTuples (immutable, typed, cheap to import).
class Request(NamedTuple):
    """A request to send with any HTTP client. Printed (``repr``, ``str``, logging),
    credentials show as ``***`` and card numbers masked 6+4; the fields themselves are exact."""

    method: str
    url: str
    headers: Dict[str, str]
    body: Optional[str] = None

    def json(self) -> Any:
        """The body parsed as JSON (None without a body)."""
        import json  # only when asked: most callers hand ``body`` to their HTTP client as is

        return None if self.body is None else json.loads(self.body)

    def __repr__(self) -> str:
        p = _printout(self)
        return f"Request(method={p['method']!r}, url={p['url']!r}, headers={p['headers']!r}, body={p['body']!r})"


class Outcome(NamedTuple):
    """A classified response. ``kind``: ``succeeded``, ``rejected``, ``pending``,
    ``duplicate``, ``not_found``, ``fatal_error`` or ``retryable_error`` (the README says, per
    kind, whether a payout may exist). Printed, card numbers in ``data`` are masked."""

    kind: str
    status: Any
    error_code: Any
    message: str
    data: Any
    http_status: int

    def __repr__(self) -> str:
        p = _printout(self)
        fields = ", ".join(f"{k}={p[k]!r}" for k in self._fields)
        return f"Outcome({fields})"


class Send(NamedTuple):
    """Send ``request``, then call ``on_response`` (or ``on_timeout``)."""

    request: Request
    kind: Literal["send"] = "send"


class Wait(NamedTuple):
    """Wait ``seconds`` (or until a callback), then call ``on_wake``."""

    seconds: int
    kind: Literal["wait"] = "wait"


class Done(NamedTuple):
    """The flow is over: ``outcome``."""

    outcome: Outcome
    kind: Literal["done"] = "done"


Action = Union[Send, Wait, Done]
"""What a PayoutFlow asks for next; ``action.kind`` tells which record it is."""


def _action(raw: Dict[str, Any]) -> Action:
    if raw["kind"] == "send":
        return Send(Request(**raw["request"]))
    if raw["kind"] == "wait":
        return Wait(raw["seconds"])
    return Done(Outcome(**raw["outcome"]))


_RESULT: Dict[str, Callable[[Any], Any]] = {"outcome": lambda r: Outcome(**r)}


# The signing hot path reads params in place (``_native.sign``); its arguments are fixed.
_HOT: Dict[str, Callable[..., Any]] = {
    "m4.sign": lambda method, params, secret: _native.sign("m4.sign", method, params, secret),
    "m4.string_to_sign": lambda method, params: _native.sign("m4.string_to_sign", method, params, None),
    "exotic.sign_payout": lambda params, sign_key: _native.sign("exotic.sign_payout", None, params, sign_key),
    "exotic.string_to_sign": lambda params: _native.sign("exotic.string_to_sign", None, params, None),
}


def _function(op: Dict[str, Any], name: str) -> Callable[..., Any]:
    """A function of the public API from its row in the core's op table."""
    wrap = _RESULT.get(op["returns"])
    fn: Callable[..., Any]
    if op["name"] in _HOT:
        fn = _HOT[op["name"]]
    elif wrap:

        def fn(*args: Any) -> Any:
            return wrap(_native.call(op["name"], *args))

    else:

        def fn(*args: Any) -> Any:
            return _native.call(op["name"], *args)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = op["doc"]
    params = [
        inspect.Parameter(a["name"], inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None if a["optional"] else inspect.Parameter.empty)
        for a in op["args"]
    ]
    setattr(fn, "__signature__", inspect.Signature(params))
    return fn


def _functions(namespace: Optional[str]) -> Dict[str, Callable[..., Any]]:
    """The functions of a namespace (``m4``), or the top-level ones (None)."""
    out = {}
    for op in API["ops"]:
        ns, _, name = op["name"].rpartition(".")
        if (ns or None) == namespace:
            out[name] = _function(op, name)
    return out


def _spec(arg: Any) -> Any:
    return arg.spec() if isinstance(arg, Recipe) else arg


class Gateway:
    """A provider's request builder (``M4``, ``Exotic``, ``Corefy``): one method per endpoint,
    fields as keyword arguments (or the id alone). Never printed with its credentials."""

    _provider: ClassVar[str] = ""
    __slots__ = ("_h",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = [a["name"] for a in _PROVIDERS[self._provider]["args"]]
        values = list(args) + [None] * (len(names) - len(args))
        for key, value in kwargs.items():
            if key not in names:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {key!r}")
            values[names.index(key)] = value
        self._h = _native.Handle.construct(self._provider, *[_spec(v) for v in values])

    def request(self, endpoint: str, _id: Any = None, /, **fields: Any) -> Request:
        """The request of ``endpoint`` (snake_case) from keyword fields, or the id alone."""
        return Request(**self._h.call("request", endpoint, fields or None, _id))

    def callback_verdict(self, body: Union[str, bytes], headers: Optional[Mapping[str, str]] = None, callback_secret: Optional[str] = None) -> Dict[str, Any]:
        """The verdict on a callback a web handler received for this gateway (the core decides
        which header or field carries the signature): ``{"verdict": "accepted" | "unverified" |
        "rejected" | "malformed", "values": [...]}``; ``values`` are the callback's values as
        text, to find its payout. ``callback_secret``: Corefy's callback secret."""
        out: Dict[str, Any] = self._h.call("callback_verdict", body, dict(headers) if headers is not None else None, callback_secret)
        return out

    def __repr__(self) -> str:  # never the credentials
        return f"payoutkit.{type(self).__name__}(...)"


_PROVIDERS = {p["name"]: p for p in API["providers"]}


def _endpoint(row: Dict[str, Any]) -> Callable[..., Request]:
    def build(self: Gateway, _id: Any = None, /, **fields: Any) -> Request:
        return Request(**self._h.call("request", row["name"], fields or None, _id))

    build.__name__ = build.__qualname__ = row["name"]
    build.__doc__ = f"{row['doc']} ({row['method']} {row['path']}; fields: {', '.join(f['name'] for f in row['fields'])})."
    return build


def _gateway(provider: str, doc: str) -> type:
    p = _PROVIDERS[provider]
    cls = type(p["class"], (Gateway,), {"_provider": provider, "__slots__": (), "__doc__": doc, "__module__": "payoutkit"})
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)] + [
        inspect.Parameter(a["name"], inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None if a["optional"] else inspect.Parameter.empty)
        for a in p["args"]
    ]

    def __init__(self: Gateway, *args: Any, **kwargs: Any) -> None:
        Gateway.__init__(self, *args, **kwargs)

    setattr(__init__, "__signature__", inspect.Signature(params))
    setattr(cls, "__init__", __init__)
    for row in p["endpoints"]:
        setattr(cls, row["name"], _endpoint(row))
    if provider == "exotic":

        def parse_verified_callback(self: Gateway, body: Union[str, bytes]) -> Dict[str, Any]:
            """Verify a callback's ``standart_sign`` with the configured recipe, then parse it;
            raises ``SignatureError`` when it is not authentic, ``not_configured`` without a recipe."""
            out: Dict[str, Any] = self._h.call("parse_verified_callback", body)
            return out

        cls.parse_verified_callback = parse_verified_callback  # type: ignore[attr-defined]
    return cls


M4: Any = _gateway("m4", "M4 requests for one shop: ``M4(shop_id, secret, base_url=None)``; signed, ``now`` defaults to the current UTC time.")
Exotic: Any = _gateway(
    "exotic", "exotic.company requests: ``Exotic(merchant, sign_key, api_key, base_url, standart_sign=None)`` (a Recipe once exotic documents it)."
)
Corefy: Any = _gateway("corefy", "Corefy (MilkyPay) requests: ``Corefy(account_id, api_key, base_url, public_key=None)``: BasicAuth private API, the public key for the pre-request.")


class PayoutFlow:
    """A sans-IO payout flow for one payout: feed it responses, time-outs, wakes and
    callbacks; it answers with the next Action (``Send``, ``Wait``, ``Done``) and never sends a
    second create for the same id unless a lookup said the payout does not exist.
    ``to_json()`` holds no secret; resume with ``PayoutFlow.from_json(gateway, state)`` then
    ``resume()``. ``now`` is unix seconds (default: the clock)."""

    _provider: ClassVar[str] = ""
    __slots__ = ("_h",)

    def __init__(self, gateway: Gateway, params: Mapping[str, Any], **options: Any) -> None:
        self._h = self._spawn(gateway, "flow", params, options or None)

    @classmethod
    def _spawn(cls, gateway: Any, how: str, *args: Any) -> Any:
        if not isinstance(gateway, Gateway):
            # Not a gateway at all: the core reports it (invalid_argument gateway).
            return _native.Handle.construct(how.replace("flow_from_json", "flow.from_json"), gateway)
        return gateway._h.spawn(how, cls._provider, *args)

    @classmethod
    def from_json(cls, gateway: Gateway, state: str) -> "PayoutFlow":
        """Resume from ``to_json()`` with the same gateway (then call ``resume()``)."""
        flow = cls.__new__(cls)
        flow._h = cls._spawn(gateway, "flow_from_json", state)
        return flow

    def to_json(self) -> str:
        """The state as JSON text: no secret, but the payout's params (store it like the payout record)."""
        out: str = self._h.call("to_json")
        return out

    @property
    def done(self) -> bool:
        out: bool = self._h.call("done")
        return out

    @property
    def creates_sent(self) -> int:
        out: int = self._h.call("creates_sent")
        return out

    def start(self, now: Optional[float] = None) -> Action:
        """The first request."""
        return _action(self._h.call("start", now))

    def on_response(self, http_status: int, body: Any, now: Optional[float] = None) -> Action:
        """The response to the request last sent (status and raw body)."""
        return _action(self._h.call("on_response", http_status, body, now))

    def on_timeout(self, now: Optional[float] = None) -> Action:
        """The request last sent got no response (time-out, connection error)."""
        return _action(self._h.call("on_timeout", now))

    def on_wake(self, now: Optional[float] = None) -> Action:
        """The wait is over."""
        return _action(self._h.call("on_wake", now))

    def resume(self, now: Optional[float] = None) -> Action:
        """Continue after ``from_json``: a request in flight counts as unanswered."""
        return _action(self._h.call("resume", now))

    def on_callback(self, body: Any, now: Optional[float] = None) -> Action:
        """A callback for this payout arrived (raw body; verify its signature first)."""
        return _action(self._h.call("on_callback", body, now))

    def __repr__(self) -> str:
        return f"payoutkit.{self._provider}.PayoutFlow(done={self.done}, creates_sent={self.creates_sent})"


def _flow(provider: str) -> type:
    return type("PayoutFlow", (PayoutFlow,), {"_provider": provider, "__slots__": (), "__module__": f"payoutkit.{provider}"})


class FieldError(NamedTuple):
    """One field's error: a stable ``code``, its ``params`` and the localized ``message``."""

    field: str
    code: str
    params: Dict[str, Any]
    message: str


class Report(NamedTuple):
    """``valid``: every field passes. ``potentially_valid``: typing more can still make it
    pass (for as-you-type). ``values``: the normalised values to submit."""

    valid: bool
    potentially_valid: bool
    errors: List[FieldError]
    values: Dict[str, str]


class Validator:
    """Field rules: hand-written (``Validator(rules)``), or from a provider (Corefy
    pre-request, M4 account_info_config, the exotic.company field table)."""

    __slots__ = ("_h",)

    def __init__(self, rules: Any) -> None:
        self._h = _native.Handle.construct("validator", rules)

    @classmethod
    def _of(cls, kind: str, *args: Any) -> "Validator":
        v = cls.__new__(cls)
        v._h = _native.Handle.construct(kind, *args)
        return v

    @classmethod
    def from_corefy_prerequest(cls, response: str, service: str) -> "Validator":
        """``response``: the JSON text of the ``/payout-prerequest`` response (``r.text``)."""
        return cls._of("validator.from_corefy_prerequest", response, service)

    @classmethod
    def from_m4_account_info_config(cls, config: str) -> "Validator":
        """``config``: the JSON text of ``account_info_config``."""
        return cls._of("validator.from_m4_account_info_config", config)

    @classmethod
    def for_exotic(cls, payment_method: str) -> "Validator":
        """The exotic.company create_pay_out field table for a payment method."""
        return cls._of("validator.for_exotic", payment_method)

    def validate(self, values: Mapping[str, Any], locale: str = "en", partial: bool = False) -> Report:
        """Validate values; ``partial`` leaves out errors that typing more can still fix."""
        r = self._h.with_params("validate", values, locale, partial)
        return Report(r["valid"], r["potentially_valid"], [FieldError(**e) for e in r["errors"]], r["values"])

    def fields(self, locale: str = "en") -> List[Dict[str, Any]]:
        """What a form needs to show each field (label, hint, example, required, max_length, payee and
        the HTML attributes of its ``<input>``), in rule order."""
        out: List[Dict[str, Any]] = self._h.call("fields", locale)
        return out

    def bundle(self) -> str:
        """The validator as a bundle for the payoutkit-checkout browser module (base64 text)."""
        out: str = self._h.call("bundle")
        return out

    def __repr__(self) -> str:
        return "Validator(...)"


class Signer:
    """A prepared signer: the recipe and the secret checked once and held natively (wiped
    when the signer is collected); ``sign(params)`` reads the dict in place. Made by
    ``m4.signer(method, secret)``, ``exotic.signer(payment_method, sign_key)`` and
    ``Recipe(...).signer(secret)``."""

    __slots__ = ("_h",)

    def __init__(self, handle: Any) -> None:
        self._h = handle

    def sign(self, params: Mapping[str, Any]) -> str:
        """The signature of ``params`` (extra keys are ignored)."""
        out: str = self._h.with_params("sign", params)
        return out

    def __repr__(self) -> str:  # never the secret
        return "Signer(...)"


def _signer(kind: str, doc: str, names: "tuple[str, str]") -> Callable[[str, str], Signer]:
    def signer(*args: Any, **kwargs: Any) -> Signer:
        bound = sig.bind(*args, **kwargs)
        return Signer(_native.Handle.construct(kind, *bound.args))

    sig = inspect.Signature([inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str) for n in names])
    signer.__name__ = signer.__qualname__ = "signer"
    signer.__doc__ = doc
    setattr(signer, "__signature__", sig)
    return signer


class Recipe:
    """A declarative signature recipe: ``Recipe(fields=[...], separator=":", secret="append",
    hash="sha256", output="hex")``.

    ``fields``: a list of names (``sort=True`` sorts them by key), ``"all_non_empty"`` (every
    field not None and not ``""`` minus ``exclude``, sorted) or ``"raw_body"``; ``secret``:
    ``append`` | ``append_with_separator`` | ``prepend`` | ``wrap`` | ``hmac_key``; ``hash``:
    ``sha256`` | ``sha1`` | ``md5`` | ``sha512``; ``output``: ``hex`` | ``hex_upper`` | ``base64``."""

    __slots__ = ("_h",)

    def __init__(self, **spec: Any) -> None:
        self._h = _native.Handle.construct("recipe", spec)

    @classmethod
    def _of(cls, kind: str, *args: Any) -> "Recipe":
        r = cls.__new__(cls)
        r._h = _native.Handle.construct(kind, *args)
        return r

    @classmethod
    def m4(cls, method: str) -> "Recipe":
        """The built-in recipe of an M4 method."""
        return cls._of("recipe.m4", method)

    @classmethod
    def m4_callback(cls) -> "Recipe":
        """The built-in M4 callback recipe."""
        return cls._of("recipe.m4_callback")

    @classmethod
    def exotic_payout(cls, payment_method: str) -> "Recipe":
        """The built-in exotic create_pay_out recipe for a payment method."""
        return cls._of("recipe.exotic_payout", payment_method)

    @classmethod
    def corefy_callback(cls) -> "Recipe":
        """The built-in Corefy callback recipe."""
        return cls._of("recipe.corefy_callback")

    def sign(self, params: Any, secret: str) -> str:
        """Sign params (a mapping, or the raw body for ``raw_body`` recipes)."""
        out: str = self._h.with_params("sign", params, secret)
        return out

    def verify(self, params: Any, secret: str, signature: str) -> bool:
        """Check a signature in constant time."""
        out: bool = self._h.with_params("verify", params, secret, signature)
        return out

    def string_to_sign(self, params: Any) -> str:
        """The canonical line without the secret."""
        out: str = self._h.with_params("string_to_sign", params)
        return out

    def redacted_string_to_sign(self, params: Any) -> str:
        """The whole string that gets hashed, with ``***`` where the secret goes."""
        out: str = self._h.call("redacted_string_to_sign", params)
        return out

    def spec(self) -> Dict[str, Any]:
        """The recipe as data (``Recipe(**r.spec())`` rebuilds it)."""
        out: Dict[str, Any] = self._h.call("spec")
        return out

    def signer(self, secret: str) -> Signer:
        """A prepared signer for this recipe with ``secret``."""
        return Signer(self._h.spawn("signer", secret))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Recipe) and self.spec() == other.spec()

    def __hash__(self) -> int:
        return hash(repr(self))

    def __repr__(self) -> str:
        return f"Recipe(**{self.spec()!r})"
