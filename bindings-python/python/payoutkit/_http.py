"""Request builders, classified responses and payout flows: sans-IO, so any HTTP client
(httpx, requests, aiohttp) sends what is built here. Every rule runs in the Rust core;
this module only gives the results Python types."""

from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, NamedTuple, Optional

from . import _native

__all__ = ["Action", "Corefy", "Exotic", "M4", "Outcome", "PayoutFlow", "Request"]


# Records are NamedTuples (immutable, typed): `dataclasses` alone would triple the import time.
class Request(NamedTuple):
    """A request to send. ``headers`` may hold credentials, so they stay out of ``repr``."""

    method: str
    url: str
    headers: Dict[str, str]
    body: Optional[str] = None

    def json(self) -> Any:
        """The body parsed as JSON (None without a body)."""
        import json  # only when asked: most callers hand ``body`` to their HTTP client as is

        return None if self.body is None else json.loads(self.body)

    def __repr__(self) -> str:
        return f"Request(method={self.method!r}, url={self.url!r}, body={self.body!r})"


class Outcome(NamedTuple):
    """A classified response: ``kind`` is ``succeeded``, ``rejected``, ``pending``,
    ``not_found``, ``fatal_error`` or ``retryable_error``."""

    kind: str
    status: Any
    error_code: Any
    message: str
    data: Any
    http_status: int


class Action(NamedTuple):
    """What to do next: ``send`` the ``request``, ``wait`` ``seconds`` (then
    ``on_wake``), or ``done`` with the ``outcome``."""

    kind: str
    request: Optional[Request] = None
    seconds: Optional[int] = None
    outcome: Optional[Outcome] = None


def _action(raw: Dict[str, Any]) -> Action:
    if raw["kind"] == "send":
        return Action("send", request=Request(**raw["request"]))
    if raw["kind"] == "wait":
        return Action("wait", seconds=raw["seconds"])
    return Action("done", outcome=Outcome(**raw["outcome"]))


def _classifier(provider: str) -> Callable[..., Outcome]:
    def classify(http_status: int, body: Any) -> Outcome:
        return Outcome(**_native.classify(provider, http_status, body))

    classify.__doc__ = f"Classify a {provider} response (status code and raw body) as an Outcome."
    return classify


def _endpoint(name: str) -> Callable[..., Request]:
    def build(self: _native.Gateway, _id: Any = None, /, **fields: Any) -> Request:
        return Request(**self.request(name, _id, **fields))

    build.__name__ = build.__qualname__ = name
    build.__doc__ = f"The signed ``{name}`` request (fields as keyword arguments)."
    return build


class _Builders(_native.Gateway):
    _provider = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in _native.Gateway.endpoints(cls._provider):
            setattr(cls, name, _endpoint(name))

    def __repr__(self) -> str:  # never the credentials
        return f"payoutkit.{type(self).__name__}(...)"


class M4(_Builders):
    """M4 requests for one shop: ``withdraw_try``, ``check_account``, ``withdraw_create``,
    ``withdraw_status``, ``shop_payment_status``, ``shop_output_config``, ``shop_balance``."""

    _provider = "m4"

    def __new__(cls, shop_id: Any, secret: str, base_url: Optional[str] = None) -> "M4":
        return super().__new__(cls, "m4", shop_id, secret, base_url)


class Exotic(_Builders):
    """exotic.company requests: ``create_pay_out``, ``status_pay_out``, ``rejected_pay_out``."""

    _provider = "exotic"

    def __new__(cls, merchant: str, sign_key: str, api_key: str, base_url: str, standart_sign: Any = None) -> "Exotic":
        spec = standart_sign.spec() if isinstance(standart_sign, _native.Recipe) else standart_sign
        return super().__new__(cls, "exotic", merchant, sign_key, api_key, base_url, spec)


class Corefy(_Builders):
    """Corefy (MilkyPay) requests: ``payout_prerequest``, ``payout_services``,
    ``payout_service``, ``create_payout_invoice``, ``process_payout_invoice``,
    ``get_payout_invoice``, ``find_payout_invoice``, ``list_payout_invoices``."""

    _provider = "corefy"

    def __new__(cls, account_id: str, api_key: str, base_url: str, public_key: Optional[str] = None) -> "Corefy":
        return super().__new__(cls, "corefy", account_id, api_key, base_url, public_key)


class PayoutFlow:
    """A sans-IO payout flow for one payout: feed it responses, time-outs and wakes; it
    answers with the next Action and never sends a second create for the same id unless a
    lookup said the payout does not exist. ``to_json()`` holds no secret; resume with
    ``PayoutFlow.from_json(gateway, state)``. ``now`` is unix seconds (default: the clock).
    """

    __slots__ = ("_flow",)

    def __init__(self, gateway: _native.Gateway, params: Mapping[str, Any], **options: Any) -> None:
        self._flow = _native.PayoutFlow(gateway, params, options or None)

    @classmethod
    def from_json(cls, gateway: _native.Gateway, state: str) -> "PayoutFlow":
        flow = cls.__new__(cls)
        flow._flow = _native.PayoutFlow.from_json(gateway, state)
        return flow

    def to_json(self) -> str:
        return self._flow.to_json()

    @property
    def done(self) -> bool:
        return self._flow.done

    @property
    def creates_sent(self) -> int:
        return self._flow.creates_sent

    def start(self, now: Optional[float] = None) -> Action:
        return _action(self._flow.start(now))

    def on_response(self, http_status: int, body: Any, now: Optional[float] = None) -> Action:
        return _action(self._flow.on_response(http_status, body, now))

    def on_timeout(self, now: Optional[float] = None) -> Action:
        return _action(self._flow.on_timeout(now))

    def on_wake(self, now: Optional[float] = None) -> Action:
        return _action(self._flow.on_wake(now))

    def resume(self, now: Optional[float] = None) -> Action:
        """Continue after ``from_json``: a request in flight counts as unanswered."""
        return _action(self._flow.resume(now))

    def on_callback(self, body: Any, now: Optional[float] = None) -> Action:
        return _action(self._flow.on_callback(body, now))

    def __repr__(self) -> str:
        return f"payoutkit.PayoutFlow(done={self.done}, creates_sent={self.creates_sent})"
