"""A provider simulator for integration tests: M4, exotic and Corefy over real HTTP.

    python -m payoutkit.testing.sim m4 exotic corefy --port 0 --faults '{"slow": 0.1}'

or, in a test::

    with Simulator(faults=Faults(lost=0.1, lookup_lag=2)) as sim:
        flow = payoutkit.m4.PayoutFlow(sim.gateway("m4"), params, poll_interval=1)
        outcome = payoutkit.run(flow, httpx.Client())
        assert sim.ledger()["m4:" + params["shop_payment_id"]]["created"] == 1

It checks every signature and credential with the core (``m4.sign``, ``exotic.sign_payout``,
``corefy.basic_auth``, the ``standart_sign`` Recipe), answers in the shapes of the
providers' documents, keeps a **ledger** of the payouts it actually created, honours each
provider's documented duplicate protection (M4: ``shop_payment_id`` unique per shop, error
6; Corefy: 409 with the existing invoice; exotic documents none, so a second create makes a
second payout: the ledger shows ``created: 2``), moves payouts through their statuses over
time, sends callbacks signed as documented (Corefy ``X-Signature``; exotic's undocumented
``standart_sign`` with a configurable Recipe), and injects faults by configuration.

Paths: M4 at ``/m4/gateway/v1``, exotic at ``/exotic`` (``/exotic/api/merchant/<merchant>/…``),
Corefy's private API at ``/corefy/api`` and its public API at ``/corefy/public-api``;
the admin API at ``/_sim/`` (``ledger``, ``stats``, ``callbacks``, ``faults`` (GET, POST),
``reset`` (POST)).
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import hashlib
import heapq
import hmac
import itertools
import json
import os
import random
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from .. import corefy as _corefy, exotic as _exotic, m4 as _m4
from .._api import Recipe
from .._api import Corefy, Exotic, M4
from .._redact import redact

__all__ = ["Accounts", "Faults", "PROVIDERS", "Simulator", "main"]

PROVIDERS = ("m4", "exotic", "corefy")

#: exotic's ``standart_sign`` is undocumented: the simulator signs it with this recipe
#: (and its sign key) unless told otherwise. An assumption, not a fact about exotic.
DEFAULT_STANDART_SIGN: Dict[str, Any] = {
    "fields": "all_non_empty", "exclude": ["standart_sign"], "separator": ":", "secret": "append_with_separator", "hash": "sha256", "output": "hex",
}


@dataclasses.dataclass
class Faults:
    """Fault injection, per provider (probabilities from 0 to 1, times in seconds).

    ``slow``: the request is carried out, the answer comes ``slow_seconds`` later (beyond
    the client's time-out). ``lost``: carried out, then the connection is dropped without an
    answer. ``error_before``: a 5xx and nothing done. ``error_after``: carried out, then a
    5xx. ``lookup_lag``: a new payout is invisible to status lookups for this long (its
    duplicate protection is not). ``duplicate_callbacks``: a callback is sent twice.
    ``forged_callbacks``: an extra callback with a wrong signature (and a flipped status)
    is sent. ``creates_only``: slow/lost/5xx hit only the create requests."""

    slow: float = 0.0
    slow_seconds: float = 3.0
    lost: float = 0.0
    error_before: float = 0.0
    error_after: float = 0.0
    lookup_lag: float = 0.0
    duplicate_callbacks: float = 0.0
    forged_callbacks: float = 0.0
    creates_only: bool = False

    def update(self, **changes: Any) -> "Faults":
        names = {f.name for f in dataclasses.fields(self)}
        unknown = set(changes) - names
        if unknown:
            raise ValueError(f"unknown fault(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(names))}")
        for k, v in changes.items():
            setattr(self, k, bool(v) if k == "creates_only" else float(v))
        return self

    def to_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Accounts:
    """The credentials the simulator accepts (test values; override any of them, e.g. from
    ``PAYOUTKIT_SIM_M4_SECRET`` and friends, see ``Accounts.from_env``). Never printed."""

    m4_shop_id: int = 1520
    m4_secret: str = "sim-m4-secret"
    exotic_merchant: str = "sim-merchant"
    exotic_sign_key: str = "sim-exotic-sign-key"
    exotic_api_key: str = "sim-exotic-api-key"
    exotic_standart_sign: Dict[str, Any] = dataclasses.field(default_factory=lambda: dict(DEFAULT_STANDART_SIGN))
    corefy_account_id: str = "coma_sim"
    corefy_api_key: str = "sim-corefy-api-key"
    corefy_public_key: str = "pk_test_sim"
    corefy_callback_secret: str = "sk_test_sim"

    def __repr__(self) -> str:
        return f"Accounts(m4_shop_id={self.m4_shop_id!r}, exotic_merchant={self.exotic_merchant!r}, corefy_account_id={self.corefy_account_id!r})"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Accounts":
        """``PAYOUTKIT_SIM_<FIELD>`` (upper case) overrides each field; the recipe as JSON."""
        acc = cls()
        for f in dataclasses.fields(acc):
            v = environ.get("PAYOUTKIT_SIM_" + f.name.upper())
            if v is None:
                continue
            if f.name == "m4_shop_id":
                setattr(acc, f.name, int(v))
            elif f.name == "exotic_standart_sign":
                setattr(acc, f.name, json.loads(v))
            else:
                setattr(acc, f.name, v)
        return acc

    def env(self, prefix: str = "PAYOUTKIT_SIM_") -> Dict[str, str]:
        """The same values as environment variables (for a child process)."""
        out = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            out[prefix + f.name.upper()] = json.dumps(v) if isinstance(v, dict) else str(v)
        return out


class _Payout:
    __slots__ = (
        "provider", "reference", "pid", "seq", "created_at", "visible_at", "status", "final", "outcome", "request", "amount",
        "currency", "callbacks", "auto_process", "processing", "updated_at",
    )

    def __init__(self, provider: str, reference: str, pid: Union[int, str], seq: int, now: float, lag: float, request: Dict[str, Any]) -> None:
        self.provider = provider
        self.reference = reference
        self.pid = pid
        self.seq = seq
        self.created_at = now
        self.updated_at = now
        self.visible_at = now + lag
        initial: Dict[str, Union[int, str]] = {"m4": 1, "exotic": "expectation", "corefy": "created"}
        self.status: Union[int, str] = initial[provider]
        self.final = False
        self.outcome = "pending"
        self.request = request
        self.amount = ""
        self.currency: Any = None
        self.callbacks: Dict[str, str] = {}
        self.auto_process = False
        self.processing = False


class _Drop(Exception):
    """Drop the connection without an answer."""


class Simulator:
    """The three providers (or some) on one port; see the module's doc."""

    def __init__(
        self,
        providers: Sequence[str] = PROVIDERS,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        accounts: Optional[Accounts] = None,
        faults: Union[None, Faults, Mapping[str, Any]] = None,
        settle: Tuple[float, float] = (1.0, 3.0),
        reject_rate: float = 0.1,
        seed: Optional[int] = None,
        callback_retries: int = 5,
        callback_timeout: float = 5.0,
    ) -> None:
        unknown = set(providers) - set(PROVIDERS)
        if unknown:
            raise ValueError(f"unknown provider(s): {', '.join(sorted(unknown))}")
        self.providers = tuple(providers)
        self.accounts = accounts or Accounts()
        self._lock = threading.RLock()
        self._faults: Dict[str, Faults] = {p: Faults() for p in PROVIDERS}
        if isinstance(faults, Faults):
            for p in PROVIDERS:
                self._faults[p] = dataclasses.replace(faults)
        elif faults:
            self.set_faults(**faults)
        self.settle = settle
        self.reject_rate = reject_rate
        self.callback_retries = callback_retries
        self.callback_timeout = callback_timeout
        self._rnd = random.Random(seed)
        self._payouts: Dict[str, List[_Payout]] = {}  # "provider:reference" -> payouts made
        self._by_pid: Dict[str, _Payout] = {}  # "provider:pid" -> payout
        self._ledger_extra: Dict[str, Dict[str, int]] = {}
        self._callback_log: List[Dict[str, Any]] = []
        self._counts: Dict[str, int] = {}
        self._seq = itertools.count(1)
        self._m4_ids = itertools.count(48581287)
        self._heap: List[Tuple[float, int, Callable[[], None]]] = []
        self._heap_cv = threading.Condition()
        self._stopping = False
        self._sender = ThreadPoolExecutor(max_workers=8, thread_name_prefix="sim-callback")
        sim = self

        class Handler(_Handler):
            simulator = sim

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.server.request_queue_size = 256
        self._threads = [
            threading.Thread(target=self.server.serve_forever, name="sim-http", daemon=True),
            threading.Thread(target=self._scheduler, name="sim-scheduler", daemon=True),
        ]

    def __repr__(self) -> str:
        return f"Simulator(url={self.url!r}, providers={self.providers!r})"

    # ---- life
    def start(self) -> "Simulator":
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> None:
        with self._heap_cv:
            self._stopping = True
            self._heap_cv.notify_all()
        self.server.shutdown()
        self.server.server_close()
        self._sender.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> "Simulator":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # ---- addresses and clients
    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def base_url(self, provider: str) -> str:
        return {"m4": f"{self.url}/m4/gateway/v1", "exotic": f"{self.url}/exotic", "corefy": f"{self.url}/corefy/api"}[provider]

    def standart_sign(self) -> Recipe:
        return Recipe(**self.accounts.exotic_standart_sign)

    def gateway(self, provider: str) -> Any:
        """A payoutkit gateway (M4 / Exotic / Corefy) with this simulator's credentials."""
        a = self.accounts
        if provider == "m4":
            return M4(a.m4_shop_id, a.m4_secret, self.base_url("m4"))
        if provider == "exotic":
            return Exotic(a.exotic_merchant, a.exotic_sign_key, a.exotic_api_key, self.base_url("exotic"), standart_sign=self.standart_sign())
        return Corefy(a.corefy_account_id, a.corefy_api_key, self.base_url("corefy"), public_key=a.corefy_public_key)

    # ---- faults
    def faults(self, provider: str) -> Faults:
        return self._faults[provider]

    def set_faults(self, provider: Optional[str] = None, **changes: Any) -> None:
        """Change faults for one provider, or all (``provider=None``); also accepts a mapping
        per provider: ``set_faults(m4={"slow": 0.2})``."""
        per = {p: changes.pop(p) for p in list(changes) if p in PROVIDERS}
        with self._lock:
            for p in PROVIDERS if provider is None else (provider,):
                if changes:
                    self._faults[p].update(**changes)
            for p, ch in per.items():
                self._faults[p].update(**ch)

    # ---- ledger
    def ledger(self) -> Dict[str, Dict[str, Any]]:
        """Per ``provider:reference``: ``created`` (payouts actually made: more than 1 means
        paid twice), ``refused`` (creates refused as duplicates), ``create_requests``,
        ``lookups``, ``ids``, ``status`` and ``outcome`` (of the first payout: succeeded,
        rejected or pending), ``final``, ``callbacks`` (real ones answered 2xx)."""
        with self._lock:
            out: Dict[str, Dict[str, Any]] = {}
            for key in set(self._payouts) | set(self._ledger_extra):
                made = self._payouts.get(key, [])
                extra = self._ledger_extra.get(key, {})
                first = made[0] if made else None
                out[key] = {
                    "provider": key.split(":", 1)[0],
                    "reference": key.split(":", 1)[1],
                    "created": len(made),
                    "refused": extra.get("refused", 0),
                    "create_requests": extra.get("create_requests", 0),
                    "lookups": extra.get("lookups", 0),
                    "callbacks": extra.get("callbacks", 0),
                    "ids": [p.pid for p in made],
                    "status": first.status if first else None,
                    "outcome": (first.outcome if first.final else "pending") if first else None,
                    "final": bool(first and first.final),
                }
            return out

    def callbacks(self) -> List[Dict[str, Any]]:
        """Every callback attempt: provider, reference, forged, duplicate, attempt, answer
        (the receiver's HTTP status, or the error)."""
        with self._lock:
            return [dict(c) for c in self._callback_log]

    def stats(self) -> Dict[str, Any]:
        """Counts: payouts made, references paid twice, requests per endpoint, faults
        injected, callbacks sent / forged / forged answered 2xx (accepted by the receiver)."""
        ledger = self.ledger()
        cbs = self.callbacks()
        with self._lock:
            counts = dict(self._counts)
        return {
            "payouts": sum(e["created"] for e in ledger.values()),
            "references": len([e for e in ledger.values() if e["created"]]),
            "paid_twice": sorted(k for k, e in ledger.items() if e["created"] > 1),
            "refused_duplicates": sum(e["refused"] for e in ledger.values()),
            "final": sum(1 for e in ledger.values() if e["final"]),
            "callbacks_sent": sum(1 for c in cbs if not c["forged"]),
            "forged_sent": sum(1 for c in cbs if c["forged"]),
            "forged_accepted": sum(1 for c in cbs if c["forged"] and isinstance(c["answer"], int) and 200 <= c["answer"] < 300),
            "counts": counts,
        }

    def reset(self) -> None:
        with self._lock:
            self._payouts.clear()
            self._by_pid.clear()
            self._ledger_extra.clear()
            self._callback_log.clear()
            self._counts.clear()

    def _count(self, name: str, n: int = 1) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + n

    def _note(self, provider: str, reference: str, what: str) -> None:
        with self._lock:
            extra = self._ledger_extra.setdefault(f"{provider}:{reference}", {})
            extra[what] = extra.get(what, 0) + 1

    def _roll(self, p: float) -> bool:
        with self._lock:
            return p > 0 and self._rnd.random() < p

    # ---- time
    def _schedule(self, delay: float, fn: Callable[[], None]) -> None:
        with self._heap_cv:
            heapq.heappush(self._heap, (time.time() + delay, next(self._seq), fn))
            self._heap_cv.notify()

    def _scheduler(self) -> None:
        while True:
            with self._heap_cv:
                while not self._stopping and (not self._heap or self._heap[0][0] > time.time()):
                    self._heap_cv.wait(None if not self._heap else max(0.0, self._heap[0][0] - time.time()))
                if self._stopping:
                    return
                _, _, fn = heapq.heappop(self._heap)
            try:
                fn()
            except Exception as e:  # never let one event stop the clock
                self._count(f"scheduler_error:{type(e).__name__}")

    # ---- payouts
    def _make(self, provider: str, reference: str, request: Dict[str, Any], auto_process: bool = False) -> _Payout:
        """Make a payout (the ledger counts it) and set its course: the final status is
        drawn now and reached ``settle`` seconds later (Corefy: after ``/process`` unless
        ``auto_process``)."""
        with self._lock:
            pid: Union[int, str]
            if provider == "m4":
                pid = next(self._m4_ids)
            elif provider == "exotic":
                pid = f"ex_{next(self._seq):08d}"
            else:
                pid = "cpoi_" + "".join(self._rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(16))
            p = _Payout(provider, reference, pid, next(self._seq), time.time(), self._faults[provider].lookup_lag, request)
            p.auto_process = auto_process
            self._payouts.setdefault(f"{provider}:{reference}", []).append(p)
            self._by_pid[f"{provider}:{pid}"] = p
            rejected = self._rnd.random() < self.reject_rate
            settle = self._rnd.uniform(*self.settle)
            p.outcome = "rejected" if rejected else "succeeded"  # what it will be, once final
        self._count(f"{provider}:payouts")
        if provider != "corefy" or auto_process:
            p.processing = True
            self._lifecycle(p, rejected, settle)
        return p

    def _lifecycle(self, p: _Payout, rejected: bool, settle: float) -> None:
        mid = {"m4": 3, "exotic": None, "corefy": "processing"}[p.provider]
        if mid is not None:
            self._schedule(settle / 2, lambda: self._move(p, mid, False))
        final = {
            "m4": 6 if rejected else 5,
            "exotic": "rejected_gate" if rejected else "successful",
            "corefy": "process_failed" if rejected else "processed",
        }[p.provider]
        self._schedule(settle, lambda: self._move(p, final, True))

    def _move(self, p: _Payout, status: Union[int, str], final: bool) -> None:
        with self._lock:
            if p.final:
                return
            p.status, p.final, p.updated_at = status, final, time.time()
        if p.provider == "corefy" or (p.provider == "exotic" and final):
            self._callback(p)

    def visible(self, p: _Payout) -> bool:
        return time.time() >= p.visible_at

    def find(self, provider: str, reference: str) -> Optional[_Payout]:
        """The latest payout made for a reference (visible to lookups or not)."""
        with self._lock:
            made = self._payouts.get(f"{provider}:{reference}")
            return made[-1] if made else None

    def by_pid(self, provider: str, pid: Any) -> Optional[_Payout]:
        with self._lock:
            return self._by_pid.get(f"{provider}:{pid}")

    # ---- callbacks
    def _callback(self, p: _Payout) -> None:
        if p.provider == "corefy":
            url = p.callbacks.get("callback_url")
            body = json.dumps(_corefy_invoice(p)).encode()
            headers = {"Content-Type": "application/json", "X-Signature": _corefy.callback_signature(body, self.accounts.corefy_callback_secret)}
            forged_body = json.dumps(_corefy_invoice(p, flip=True)).encode()
            forged_headers = dict(headers, **{"X-Signature": _forge(headers["X-Signature"])})
        else:
            url = p.callbacks.get("success_callback_url" if p.outcome == "succeeded" else "error_callback_url")
            fields = _exotic_status(p)
            fields.pop("ok", None)
            fields.pop("cheque_urls", None)
            sign = self.standart_sign().sign(fields, self.accounts.exotic_sign_key)
            body = json.dumps({"order_id": p.reference, "standart_sign": sign, **{k: v for k, v in fields.items() if k != "order_id"}}).encode()
            headers = {"Content-Type": "application/json"}
            forged = dict(fields, status="successful" if p.outcome != "succeeded" else "rejected_gate")
            forged_body = json.dumps({"order_id": p.reference, "standart_sign": _forge(sign), **{k: v for k, v in forged.items() if k != "order_id"}}).encode()
            forged_headers = headers
        if not url:
            return
        faults = self._faults[p.provider]
        self._send_callback(p, url, body, headers, forged=False, duplicate=False, attempt=1)
        if self._roll(faults.duplicate_callbacks):
            self._schedule(self._rnd.uniform(0.2, 1.0), lambda: self._send_callback(p, url, body, headers, forged=False, duplicate=True, attempt=1))
        if self._roll(faults.forged_callbacks):
            self._schedule(self._rnd.uniform(0.0, 1.0), lambda: self._send_callback(p, url, forged_body, forged_headers, forged=True, duplicate=False, attempt=1))

    def _send_callback(self, p: _Payout, url: str, body: bytes, headers: Dict[str, str], *, forged: bool, duplicate: bool, attempt: int) -> None:
        def post() -> None:
            answer: Union[int, str]
            try:
                req = urllib.request.Request(url, data=body, headers=headers, method="POST")
                with urllib.request.urlopen(req, timeout=self.callback_timeout) as resp:
                    answer = int(resp.status)
            except urllib.error.HTTPError as e:
                answer = int(e.code)
            except Exception as e:
                answer = type(e).__name__
            with self._lock:
                self._callback_log.append(
                    {"provider": p.provider, "reference": p.reference, "status": _status_text(p), "forged": forged, "duplicate": duplicate, "attempt": attempt, "answer": answer}
                )
            ok = isinstance(answer, int) and 200 <= answer < 300
            if ok and not forged:
                self._note(p.provider, p.reference, "callbacks")
            # Providers retry a callback that was not acknowledged (Corefy: with growing delays).
            if not ok and not forged and attempt < self.callback_retries and not self._stopping:
                self._schedule(float(attempt), lambda: self._send_callback(p, url, body, headers, forged=False, duplicate=duplicate, attempt=attempt + 1))

        if not self._stopping:
            try:
                self._sender.submit(post)
            except RuntimeError:
                pass


def _forge(signature: str) -> str:
    """A signature of the same shape that does not verify."""
    raw = hashlib.sha256(("forged" + signature).encode()).digest()
    if len(signature) == 28:  # base64 of 20 bytes (Corefy)
        return base64.b64encode(raw[:20]).decode()
    return raw.hex()[: len(signature)] if len(signature) <= 64 else raw.hex()


def _status_text(p: _Payout) -> str:
    return str(p.status)


def _num(text: Any) -> Any:
    """An amount as a JSON number, keeping the digits sent."""
    try:
        d = Decimal(str(text))
    except InvalidOperation:
        return 0
    return int(d) if d == d.to_integral_value() and "." not in str(text) else float(d)


def _masked_fields(fields: Any) -> Any:
    return redact(fields) if isinstance(fields, dict) else {}


def _corefy_invoice(p: _Payout, flip: bool = False) -> Dict[str, Any]:
    a = p.request
    status = p.status
    if flip:
        status = "processed" if p.outcome != "succeeded" else "process_failed"
    processed = int(p.updated_at) if status == "processed" else None
    amount = _num(a.get("amount"))
    return {
        "data": {
            "type": "payout-invoices",
            "id": p.pid,
            "attributes": {
                "serial_number": str(p.pid)[5:],
                "status": status,
                "resolution": "ok" if status != "process_failed" else "declined_error",
                "amount": amount,
                "payout_amount": amount,
                "currency": a.get("currency"),
                "service_currency": a.get("currency"),
                "service_amount": amount,
                "service_payout_amount": amount,
                "reference_id": p.reference,
                "test_mode": bool(a.get("test_mode", True)),
                "description": a.get("description"),
                "fee": 0,
                "writeoff": amount,
                "exchange_rate": 1,
                "processed": processed,
                "processed_amount": amount if processed else None,
                "processed_fee": 0,
                "processed_writeoff": amount if processed else None,
                "metadata": a.get("metadata"),
                "created": int(p.created_at),
                "updated": int(p.updated_at),
                "fields": _masked_fields(a.get("fields")),
                "callback_url": a.get("callback_url"),
                "source": "merchant_api",
                "callback_logs": [],
            },
            "relationships": {
                "payout-service": {"data": {"type": "payout-services", "id": a.get("service")}},
                "payout-method": {"data": {"type": "payout-methods", "id": "payment_card"}},
                "customer": {"data": {"type": "customers", "id": "cus_Tjhe1ufEB3kRrgWy"}},
            },
            "links": {"self": f"/api/payout-invoices/{p.pid}"},
        }
    }


def _exotic_status(p: _Payout) -> Dict[str, Any]:
    a = p.request
    amount = Decimal(str(a.get("fiat_amount", "0")))
    rate = Decimal("100.2472")
    usdt = (amount / rate).quantize(Decimal("0.0001"))
    method = a.get("payment_method")
    out: Dict[str, Any] = {
        "ok": True,
        "order_id": p.reference,
        "type": "pay_out",
        "status": p.status,
        "fiat_amount": str(a.get("fiat_amount")),
        "usdt_amount": str(usdt),
        "merchant_spent_usdt": str((usdt * Decimal("1.01")).quantize(Decimal("0.0001"))),
        "fiat_currency": a.get("fiat_currency"),
        "exchange_rate": str(rate),
        "payment_method": method,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(p.created_at)),
        "updated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(p.updated_at)),
    }
    for field in ("number_card", "phone_number", "number_score", "iban_number"):
        out[field] = a.get(field)
    out["full_name"] = a.get("full_name") or "Petrov Petr Petrovich"
    out["bank_name"] = a.get("bank_name") or "Tinkoff"
    return out


def _m4_payout(p: _Payout) -> Dict[str, Any]:
    a = p.request
    amount = _num(a.get("amount"))
    return {
        "id": p.pid,
        "status": p.status,
        "ps_currency": a.get("shop_currency"),
        "shop_currency": a.get("shop_currency"),
        "payee_receive": amount,
        "shop_write_off": amount,
        "shop_payment_id": p.reference,
        "error_code": 0,
        "rrn": hashlib.md5(str(p.pid).encode()).hexdigest(),
        "bank_transaction_id": hashlib.sha1(str(p.pid).encode()).hexdigest()[:32],
    }


def _envelope(data: Any = None, code: int = 0, message: str = "Ok") -> Dict[str, Any]:
    return {"result": code == 0, "message": message, "error_code": code, "data": data}


_COREFY_ERR = {
    401: {"errors": [{"status": "Unauthorized", "code": "401"}]},
    404: {"errors": [{"status": "Not Found", "code": "404"}]},
    405: {"errors": [{"status": "Method Not Allowed", "code": "405"}]},
    500: {"errors": [{"status": "internal_error", "code": "500", "title": "internal_error", "detail": "Internal server error."}]},
}

_COREFY_SERVICE = {
    "type": "payout-services",
    "id": "comcpos_RHUGUgEnmmedR7h3",
    "attributes": {
        "service": "test_usd", "service_method": "test", "service_currency": "USD", "available": True, "active": True, "enabled": True,
        "amount_min": 0.01, "amount_max": 9999999, "fee_min": 0, "fee_max": 0, "fee_rate": 0, "fee_fix": 0, "currency": "USD", "test_mode": True,
    },
    "relationships": {"payout-method": {"data": {"type": "payout-methods", "id": "test"}}, "payout-service": {"data": {"type": "payout-services", "id": "test_usd"}}},
    "links": {"self": "/api/payout-services/comcpos_RHUGUgEnmmedR7h3"},
}


def _corefy_field(key: str, en: str, required: bool, regexp: str) -> Dict[str, Any]:
    return {"key": key, "type": "string", "label": {"ru": en, "en": en, "uk": en}, "example": None, "hint": {"ru": en, "en": en, "uk": en}, "regexp": regexp, "required": required, "position": 0}


class _Handler(BaseHTTPRequestHandler):
    simulator: Simulator
    protocol_version = "HTTP/1.1"
    server_version = "payoutkit-sim"

    def log_message(self, *args: Any) -> None:
        pass

    # ---- plumbing
    def _read(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _reply(self, status: int, obj: Any, content_type: str = "application/json") -> None:
        raw = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def _route(self, method: str) -> None:
        sim = self.simulator
        body = self._read()
        url = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in url.path.split("/") if p]
        if parts[:1] == ["_sim"]:
            self._admin(method, parts[1:], body)
            return
        provider = parts[0] if parts else ""
        if provider not in sim.providers:
            self._reply(404, {"error": "not found"})
            return
        sim._count(f"{provider}:requests")
        faults = sim.faults(provider)
        is_create = (provider == "m4" and parts[1:] == ["gateway", "v1", "withdraw", "create"]) or (
            provider == "exotic" and "create_pay_out" in parts
        ) or (provider == "corefy" and method == "POST" and parts[1:] == ["api", "payout-invoices"])
        applies = is_create or not faults.creates_only
        if applies and sim._roll(faults.error_before):
            sim._count(f"{provider}:fault:error_before")
            self._reply(502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")
            return
        try:
            status, answer = getattr(self, f"_{provider}")(method, parts[1:], url.query, body)
        except _Drop:
            self._drop()
            return
        if applies and sim._roll(faults.lost):
            sim._count(f"{provider}:fault:lost")
            self._drop()
            return
        if applies and sim._roll(faults.slow):
            sim._count(f"{provider}:fault:slow")
            time.sleep(faults.slow_seconds)
        if applies and sim._roll(faults.error_after):
            sim._count(f"{provider}:fault:error_after")
            if provider == "corefy":
                self._reply(500, _COREFY_ERR[500])
            else:
                self._reply(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html")
            return
        self._reply(status, answer)

    # ---- admin
    def _admin(self, method: str, parts: List[str], body: bytes) -> None:
        sim = self.simulator
        what = parts[0] if parts else ""
        if method == "GET" and what == "ledger":
            self._reply(200, sim.ledger())
        elif method == "GET" and what == "stats":
            self._reply(200, sim.stats())
        elif method == "GET" and what == "callbacks":
            self._reply(200, sim.callbacks())
        elif method == "GET" and what == "faults":
            self._reply(200, {p: sim.faults(p).to_dict() for p in PROVIDERS})
        elif method in ("POST", "PUT") and what == "faults":
            try:
                changes = json.loads(body or b"{}")
                provider = changes.pop("provider", None)
                sim.set_faults(provider, **changes)
            except (ValueError, TypeError, KeyError) as e:
                self._reply(400, {"error": str(e)})
                return
            self._reply(200, {p: sim.faults(p).to_dict() for p in PROVIDERS})
        elif method == "POST" and what == "reset":
            sim.reset()
            self._reply(200, {"ok": True})
        else:
            self._reply(404, {"error": "admin: GET ledger|stats|callbacks|faults, POST faults|reset"})

    # ---- M4 (Withdraw Flow V1)
    def _m4(self, method: str, parts: List[str], query: str, raw: bytes) -> Tuple[int, Any]:
        sim = self.simulator
        if parts[:2] != ["gateway", "v1"] or len(parts) < 3:
            return 404, _envelope(None, 10, "Not found")
        path = "/".join(parts[2:])
        if method != "POST":
            return 405, _envelope(None, 10, "Method not allowed")
        try:
            body = json.loads(raw)
            if not isinstance(body, dict):
                raise ValueError
        except ValueError:
            return 400, _envelope(None, 10, "Incorrect request parameter: the body is not a JSON object")
        endpoints = ("withdraw/try", "check_account", "withdraw/create", "withdraw/status", "withdraw/shop_payment_status", "shop_output_config/shop", "shop_balance")
        if path not in endpoints:
            return 404, _envelope(None, 10, "Not found")
        if str(body.get("shop_id")) != str(sim.accounts.m4_shop_id):
            return 200, _envelope(None, 11, "Shop not found")
        signed = _m4.signed_fields(path)
        missing = [k for k in signed if body.get(k) in (None, "")]
        if missing:
            return 200, _envelope(None, 10, f"Incorrect request parameter: {missing[0]} is required")
        fields = {k: body[k] for k in signed}
        try:
            expected = _m4.sign(path, fields, sim.accounts.m4_secret)
        except ValueError as e:
            return 200, _envelope(None, 10, f"Incorrect request parameter: {getattr(e, 'field', '')}")
        if not hmac.compare_digest(expected, str(body.get("sign", ""))):
            line = redact(_m4.string_to_sign(path, fields))
            sim._count("m4:bad_sign")
            return 200, _envelope(None, 10, f"Invalid sign, string_to_sign: {line}")
        currency = body.get("shop_currency", 840)
        if path == "withdraw/create":
            reference = str(body["shop_payment_id"])
            sim._note("m4", reference, "create_requests")
            with sim._lock:
                existing = sim.find("m4", reference)
                if existing is not None:
                    sim._note("m4", reference, "refused")
                    return 400, _envelope(None, 6, "Non-unique shop_payment_id")
                p = sim._make("m4", reference, dict(body))
            data = _m4_payout(p)
            return 200, _envelope({k: data[k] for k in ("id", "payee_receive", "ps_currency", "shop_currency", "shop_payment_id", "shop_write_off", "status")} | {"balance": 20000.0})
        if path in ("withdraw/status", "withdraw/shop_payment_status"):
            if path == "withdraw/status":
                q = sim.by_pid("m4", _int(body.get("withdraw_id")))
            else:
                q = sim.find("m4", str(body.get("shop_payment_id")))
            if q is not None:
                sim._note("m4", q.reference, "lookups")
            if q is None or not sim.visible(q):
                return 200, _envelope(None, 7, "Operation has not been found")
            return 200, _envelope(_m4_payout(q))
        amount = _num(body.get("amount"))
        if path == "withdraw/try":
            return 200, _envelope({
                "account_info_config": {"account": {"regex": "\\d{9,15}$", "title": "Account number, for example: 150010000097"}},
                "payee_receive": amount, "ps_currency": currency, "shop_currency": currency, "shop_write_off": amount,
            })
        if path == "check_account":
            return 200, _envelope({"account_info": {"first_name": "Ivan", "last_name": "Petrov"}, "result": True, "provider_status": 1})
        if path == "shop_balance":
            return 200, _envelope({"shop_id": sim.accounts.m4_shop_id, "balances": [{"currency": 840, "available": 20000.0, "hold": 0.0, "frozen": 0.0}]})
        return 200, _envelope([{
            "id": 1, "name": "Cards", "rating": 1,
            "payways": [{
                "alias": "card_payway_usd", "currency": 840, "min_amount": 1.0, "max_amount": 5000.0,
                "fee_config": {"percent": 2.0, "fix": 0.0},
                "account_info_config": {"account": {"regex": "\\d{9,15}$", "title": "Account number, for example: 150010000097"}},
                "paysystem_data": {},
            }],
        }])

    # ---- exotic (pay-out API)
    def _exotic(self, method: str, parts: List[str], query: str, raw: bytes) -> Tuple[int, Any]:
        sim = self.simulator
        acc = sim.accounts
        if len(parts) < 4 or parts[:2] != ["api", "merchant"]:
            return 404, {"ok": False, "message": "not found"}
        if parts[2] != acc.exotic_merchant:
            return 404, {"ok": False, "message": "merchant not found"}
        action = parts[3]
        if action == "status_pay_out" and len(parts) == 5:
            if method != "GET":
                return 405, {"ok": False, "message": "method not allowed"}
            if not hmac.compare_digest(self.headers.get("X-Api-Key") or "", acc.exotic_api_key):
                return 401, {"ok": False, "message": "invalid api key"}
            p = sim.find("exotic", parts[4]) or sim.by_pid("exotic", parts[4])
            if p is not None:
                sim._note("exotic", p.reference, "lookups")
            if p is None or not sim.visible(p):
                return 404, {"ok": False, "message": "not found"}
            return 200, _exotic_status(p)
        if method != "POST" or action not in ("create_pay_out", "rejected_pay_out") or len(parts) != 4:
            return 404, {"ok": False, "message": "not found"}
        try:
            body = json.loads(raw)
            if not isinstance(body, dict):
                raise ValueError
        except ValueError:
            return 400, {"ok": False, "message": "invalid json"}
        if action == "rejected_pay_out":
            sign = str(body.get("standart_sign", ""))
            try:
                ok = sim.standart_sign().verify({"order_id": body.get("order_id")}, acc.exotic_sign_key, sign)
            except ValueError:
                ok = False
            if not ok:
                return 400, {"ok": False, "message": "invalid sign"}
            p = sim.find("exotic", str(body.get("order_id")))
            if p is None:
                return 404, {"ok": False, "message": "not found"}
            if p.status == "expectation":
                with sim._lock:
                    p.outcome = "rejected"
                sim._move(p, "rejected_merchant", True)
            return 200, {"ok": True, "order_id": p.reference, "status": p.status}
        missing = [k for k in ("order_id", "payment_method", "fiat_amount", "fiat_currency", "success_callback_url", "error_callback_url", "sign") if not body.get(k)]
        if missing:
            return 400, {"ok": False, "message": f"{missing[0]} is required"}
        fields = {k: v for k, v in body.items() if k != "sign"}
        try:
            expected = _exotic.sign_payout(fields, acc.exotic_sign_key)
        except ValueError:
            return 400, {"ok": False, "message": "invalid request"}
        if not hmac.compare_digest(expected, str(body["sign"])):
            sim._count("exotic:bad_sign")
            return 400, {"ok": False, "message": "invalid sign"}
        reference = str(body["order_id"])
        sim._note("exotic", reference, "create_requests")
        # exotic documents no duplicate protection: a second create is a second payout.
        p = sim._make("exotic", reference, dict(body))
        p.callbacks = {k: str(body[k]) for k in ("success_callback_url", "error_callback_url")}
        st = _exotic_status(p)
        return 200, {
            "internal_transaction_id": p.pid,
            "fiat_amount": st["fiat_amount"],
            "usdt_amount": st["usdt_amount"],
            "merchant_spent_usdt": st["merchant_spent_usdt"],
            "fiat_currency": st["fiat_currency"],
            "exchange_rate": st["exchange_rate"],
            "payment_method": st["payment_method"],
            "reject_callback_url": f"{sim.base_url('exotic')}/api/merchant/{acc.exotic_merchant}/rejected_pay_out/",
        }

    # ---- Corefy (payout invoices, JSON:API)
    def _corefy(self, method: str, parts: List[str], query: str, raw: bytes) -> Tuple[int, Any]:
        sim = self.simulator
        acc = sim.accounts
        if parts == ["public-api", "payout-prerequest"]:
            if method != "POST":
                return 405, _COREFY_ERR[405]
            try:
                body = json.loads(raw)
            except ValueError:
                return 400, {"errors": {"body": "This value should be valid JSON."}}
            if not isinstance(body, dict) or not hmac.compare_digest(str(body.get("public_key", "")), acc.corefy_public_key):
                return 401, _COREFY_ERR[401]
            return 200, {"data": {
                "currency": body.get("currency"), "amount": body.get("amount"), "test_mode": True,
                "services": {"test_usd": {
                    "code": "test_usd", "method": "test", "currency": "USD",
                    "fields": [
                        _corefy_field("account", "Account", True, "^\\\\d{1,15}$"),
                        _corefy_field("test_details_success_rate", "Success rate (%)", False, "^\\\\d{1,15}$"),
                        _corefy_field("test_details_payout_status", "Expected status", False, "^[A-Z\\\\-\\\\sa-z]{2,64}$"),
                        _corefy_field("test_details_payout_resolution", "Expected resolution", False, "^[A-Z\\\\-\\\\sa-z]{2,64}$"),
                    ],
                    "amount_min": 0.01, "amount_max": 9999999, "exchange_rate": 1, "amount": f"{_num(body.get('amount'))}",
                }},
                "methods": {"test": {"code": "test", "category": "alternative", "description": "", "name": {"en": "Test", "ru": "Test", "uk": "Test"},
                                     "logo": "https://static.openfintech.io/payout_methods/test/logo.png",
                                     "icon": "https://static.openfintech.io/payout_methods/test/icon.svg", "metadata": None, "position": None, "hide": None}},
                "account": {"name": "payoutkit simulator", "description": "for testing", "icon": "", "website": ""},
            }}
        if parts[:1] != ["api"]:
            return 404, _COREFY_ERR[404]
        expected = _corefy.basic_auth(acc.corefy_account_id, acc.corefy_api_key)
        if not hmac.compare_digest(self.headers.get("Authorization") or "", expected):
            sim._count("corefy:unauthorized")
            return 401, _COREFY_ERR[401]
        rest = parts[1:]
        if rest == ["payout-services"]:
            if method != "GET":
                return 405, _COREFY_ERR[405]
            return 200, {"meta": {"total": 1, "pages": 1, "page": 1}, "links": {"first": "/api/payout-services?page[number]=1&page[size]=20", "next": "", "last": "/api/payout-services?page[number]=1&page[size]=20"}, "data": [_COREFY_SERVICE]}
        if len(rest) == 2 and rest[0] == "payout-services":
            if rest[1] != _COREFY_SERVICE["id"]:
                return 404, _COREFY_ERR[404]
            return 200, {"data": _COREFY_SERVICE}
        if rest[:1] != ["payout-invoices"]:
            return 404, _COREFY_ERR[404]
        if rest == ["payout-invoices"] and method == "GET":
            q = urllib.parse.parse_qs(query)
            ref = q.get("filter[reference_id]")
            with sim._lock:
                if ref:
                    p = sim.find("corefy", ref[0])
                    if p is not None:
                        sim._note("corefy", p.reference, "lookups")
                    items = [p] if p is not None and sim.visible(p) else []
                else:
                    items = [p for p in sim._by_pid.values() if p.provider == "corefy" and sim.visible(p)]
            data = [_corefy_invoice(p)["data"] for p in items]
            return 200, {"meta": {"count": len(data), "size": 20, "before": data[0]["id"] if data else None, "after": data[-1]["id"] if data else None}, "links": {"prev": "", "next": ""}, "data": data}
        if rest == ["payout-invoices"] and method == "POST":
            return self._corefy_create(raw)
        if len(rest) == 2 and method == "GET":
            p = sim.by_pid("corefy", rest[1])
            if p is not None:
                sim._note("corefy", p.reference, "lookups")
            if p is None or not sim.visible(p):
                return 404, _COREFY_ERR[404]
            return 200, _corefy_invoice(p)
        if len(rest) == 3 and rest[2] == "process" and method == "POST":
            p = sim.by_pid("corefy", rest[1])
            if p is None:
                return 404, _COREFY_ERR[404]
            with sim._lock:
                start = p.status == "created" and not p.processing
                p.processing = p.processing or start
            if start:
                sim._lifecycle(p, p.outcome == "rejected", sim._rnd.uniform(*sim.settle))
            return 200, _corefy_invoice(p)
        return 405, _COREFY_ERR[405]

    def _corefy_create(self, raw: bytes) -> Tuple[int, Any]:
        sim = self.simulator
        try:
            body = json.loads(raw)
            attrs = body["data"]["attributes"]
            if body["data"].get("type") != "payout-invoice" or not isinstance(attrs, dict):
                raise KeyError
        except (ValueError, KeyError, TypeError):
            return 400, {"errors": {"data": "This value should be a payout-invoice object."}}
        errors = {k: "This value should not be blank." for k in ("reference_id", "service", "currency", "amount", "fields") if attrs.get(k) in (None, "", {})}
        if "amount" not in errors:
            try:
                if Decimal(str(attrs["amount"])) <= 0:
                    raise InvalidOperation
            except InvalidOperation:
                errors["amount"] = "This value should be greater than 0."
        if errors:
            return 422, {"errors": errors}
        reference = str(attrs["reference_id"])
        sim._note("corefy", reference, "create_requests")
        with sim._lock:
            existing = sim.find("corefy", reference)
            if existing is not None:
                sim._note("corefy", reference, "refused")
                return 409, _corefy_invoice(existing)
            request = dict(attrs)
            options: Dict[str, Any] = attrs["options"] if isinstance(attrs.get("options"), dict) else {}
            p = sim._make("corefy", reference, request, bool(options.get("auto_process")))
            p.callbacks = {"callback_url": str(request["callback_url"])} if request.get("callback_url") else {}
        return 201, _corefy_invoice(p)


def _int(v: Any) -> Any:
    try:
        return int(v)
    except (TypeError, ValueError):
        return v


# --------------------------------------------------------------------------- command line

EPILOG = """examples:
  # all three providers on a free port; prints one JSON line with the base URLs
  python -m payoutkit.testing.sim m4 exotic corefy --port 0

  # M4 only, with faults: 10% of answers too late, 5% lost after the payout was made,
  # lookups 2 s behind creates
  python -m payoutkit.testing.sim m4 --port 8090 --faults '{"slow": 0.1, "lost": 0.05, "lookup_lag": 2}'

  # change faults, read the ledger while it runs
  curl -X POST localhost:8090/_sim/faults -d '{"provider": "m4", "error_after": 0.2}'
  curl localhost:8090/_sim/ledger

Credentials: test values, or PAYOUTKIT_SIM_M4_SHOP_ID, PAYOUTKIT_SIM_M4_SECRET,
PAYOUTKIT_SIM_EXOTIC_MERCHANT, PAYOUTKIT_SIM_EXOTIC_SIGN_KEY, PAYOUTKIT_SIM_EXOTIC_API_KEY,
PAYOUTKIT_SIM_EXOTIC_STANDART_SIGN (a Recipe spec as JSON), PAYOUTKIT_SIM_COREFY_ACCOUNT_ID,
PAYOUTKIT_SIM_COREFY_API_KEY, PAYOUTKIT_SIM_COREFY_PUBLIC_KEY, PAYOUTKIT_SIM_COREFY_CALLBACK_SECRET.
They are never printed.
"""


def parser(prog: str = "python -m payoutkit.testing.sim") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog,
        description="Serve M4, exotic and/or Corefy over real HTTP, with a ledger and fault injection.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("providers", nargs="*", default=list(PROVIDERS), help="m4, exotic, corefy (default: all)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0: a free port (printed)")
    p.add_argument("--faults", default="{}", help='JSON: {"slow": 0.1, ...} for all, or {"m4": {...}, "corefy": {...}}')
    p.add_argument("--settle", default="1,3", help="seconds from create to the final status: MIN,MAX (default 1,3)")
    p.add_argument("--reject-rate", type=float, default=0.1, help="share of payouts that end rejected (default 0.1)")
    p.add_argument("--seed", type=int, help="random seed (faults, outcomes)")
    return p


def main(argv: Optional[Sequence[str]] = None, prog: str = "python -m payoutkit.testing.sim") -> int:
    args = parser(prog).parse_args(argv)
    lo, _, hi = args.settle.partition(",")
    faults = json.loads(args.faults)
    sim = Simulator(
        args.providers or PROVIDERS,
        host=args.host,
        port=args.port,
        accounts=Accounts.from_env(),
        faults=faults,
        settle=(float(lo), float(hi or lo)),
        reject_rate=args.reject_rate,
        seed=args.seed,
    ).start()
    print(json.dumps({"url": sim.url, "admin": f"{sim.url}/_sim", **{p: sim.base_url(p) for p in sim.providers}}), flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    stats = sim.stats()
    sim.stop()
    print(json.dumps({k: v for k, v in stats.items() if k != "counts"}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
