"""Run payouts for real: a worker that drives many payouts from a store, and the web
handler that puts providers' callbacks in each payout's inbox.

    python -m payoutkit.worker --store postgresql://payoutkit@127.0.0.1:5432/postgres \\
        --config gateways.json --concurrency 16 --callbacks 127.0.0.1:8081

Gateways come from a small JSON config file (``--config``, or ``PAYOUTKIT_CONFIG``) or from
the environment (``PAYOUTKIT_GATEWAYS=m4,corefy`` and ``PAYOUTKIT_M4_SHOP_ID``,
``PAYOUTKIT_M4_SECRET``, …). A secret is given as ``"secret": {"env": "NAME"}``,
``{"file": "/path"}`` or (not recommended) inline; secrets are never printed.

Each payout is driven by at most one worker at a time (a lease in the store, renewed while
driving, taken over after it expires); every state is committed before a request leaves;
a worker that lost its lease stops before sending. Every decision is the flow's (the core).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from . import corefy as _corefy, exotic as _exotic, m4 as _m4

from ._driver import CALLBACK_ATTEMPTS, CALLBACK_RETRY, DEFAULT_TIMEOUT, WakeAt, run
from ._errors import PayoutkitError
from ._api import Corefy, Exotic, M4, Recipe
from ._redact import redact_text
from .store import DELIVERABLE, Lease, LeaseLost, PayoutStore, open_store

__all__ = [
    "GatewayConfig",
    "Worker",
    "CallbackServer",
    "enqueue",
    "gateways_from_config",
    "gateways_from_env",
    "load_config",
    "main",
    "receive_callback",
    "verify_callback",
]

log = logging.getLogger("payoutkit.worker")

PROVIDERS = ("m4", "exotic", "corefy")
# Per provider: the gateway's constructor fields, and which of them are secrets.
_FIELDS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "m4": (("shop_id", "secret", "base_url"), ("secret",)),
    "exotic": (("merchant", "sign_key", "api_key", "base_url", "standart_sign"), ("sign_key", "api_key")),
    "corefy": (("account_id", "api_key", "base_url", "public_key", "callback_secret"), ("api_key", "callback_secret")),
}


class GatewayConfig:
    """One configured account: ``gateway`` (payoutkit.M4 / Exotic / Corefy) and Corefy's
    callback secret. Callbacks are checked by the core with the gateway itself (an exotic
    gateway made with ``standart_sign=`` verifies them; ``standart_sign`` and ``sign_key``
    here only record how it was configured). Secrets stay out of ``repr``."""

    def __init__(
        self,
        name: str,
        provider: str,
        gateway: Any,
        *,
        callback_secret: Optional[str] = None,
        standart_sign: Optional[Recipe] = None,
        sign_key: Optional[str] = None,
    ) -> None:
        if provider not in PROVIDERS:
            raise ValueError(f"gateway {name!r}: provider must be one of {', '.join(PROVIDERS)}")
        self.name = name
        self.provider = provider
        self.gateway = gateway
        self.callback_secret = callback_secret
        self.standart_sign = standart_sign
        self.sign_key = sign_key

    def __repr__(self) -> str:
        return f"GatewayConfig(name={self.name!r}, provider={self.provider!r})"

    @classmethod
    def from_mapping(cls, name: str, spec: Mapping[str, Any], environ: Mapping[str, str] = os.environ) -> "GatewayConfig":
        provider = str(spec.get("provider", name))
        if provider not in PROVIDERS:
            raise ValueError(f"gateway {name!r}: provider must be one of {', '.join(PROVIDERS)}")
        fields, secret_names = _FIELDS[provider]
        unknown = set(spec) - set(fields) - {"provider"}
        if unknown:
            raise ValueError(f"gateway {name!r}: unknown setting(s) {', '.join(sorted(unknown))}")
        values: Dict[str, Any] = {}
        for f in fields:
            v = spec.get(f)
            values[f] = _secret(name, f, v, environ) if f in secret_names else v
        recipe = values.get("standart_sign")
        if isinstance(recipe, str):
            recipe = json.loads(recipe)
        if isinstance(recipe, Mapping):
            recipe = Recipe(**recipe)
        if provider == "m4":
            gw: Any = M4(values["shop_id"], values["secret"], values.get("base_url"))
            return cls(name, provider, gw)
        if provider == "exotic":
            gw = Exotic(values["merchant"], values["sign_key"], values["api_key"], values["base_url"], standart_sign=recipe)
            return cls(name, provider, gw, standart_sign=recipe, sign_key=values["sign_key"])
        gw = Corefy(values["account_id"], values["api_key"], values["base_url"], public_key=values.get("public_key"))
        return cls(name, provider, gw, callback_secret=values.get("callback_secret"))


def _secret(gateway: str, field: str, value: Any, environ: Mapping[str, str]) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and "env" in value:
        name = str(value["env"])
        if name not in environ:
            raise ValueError(f"gateway {gateway!r}: {field} is read from ${name}, which is not set")
        return environ[name]
    if isinstance(value, Mapping) and "file" in value:
        with open(str(value["file"]), encoding="utf-8") as f:
            return f.read().strip()
    raise ValueError(f"gateway {gateway!r}: {field} must be a string, {{\"env\": NAME}} or {{\"file\": PATH}}")


def gateways_from_config(config: Mapping[str, Any], environ: Mapping[str, str] = os.environ) -> Dict[str, GatewayConfig]:
    """``{"gateways": {"m4": {"provider": "m4", "shop_id": 1520, "secret": {"env": "M4_SECRET"}, …}}}``."""
    specs = config.get("gateways") or {}
    return {name: GatewayConfig.from_mapping(name, spec, environ) for name, spec in specs.items()}


def gateways_from_env(environ: Mapping[str, str] = os.environ) -> Dict[str, GatewayConfig]:
    """``PAYOUTKIT_GATEWAYS=m4,exotic,corefy`` and, per gateway NAME, ``PAYOUTKIT_NAME_PROVIDER``
    (default: NAME) and ``PAYOUTKIT_NAME_<FIELD>`` for each of its settings (``SHOP_ID``,
    ``SECRET``, ``BASE_URL``; ``MERCHANT``, ``SIGN_KEY``, ``API_KEY``, ``STANDART_SIGN`` (a recipe
    spec as JSON); ``ACCOUNT_ID``, ``PUBLIC_KEY``, ``CALLBACK_SECRET``)."""
    out: Dict[str, GatewayConfig] = {}
    for name in filter(None, (n.strip() for n in environ.get("PAYOUTKIT_GATEWAYS", "").split(","))):
        prefix = f"PAYOUTKIT_{name.upper().replace('-', '_')}_"
        provider = environ.get(prefix + "PROVIDER", name)
        if provider not in PROVIDERS:
            raise ValueError(f"gateway {name!r}: set {prefix}PROVIDER to one of {', '.join(PROVIDERS)}")
        spec: Dict[str, Any] = {"provider": provider}
        for f in _FIELDS[provider][0]:
            if prefix + f.upper() in environ:
                spec[f] = environ[prefix + f.upper()]
        out[name] = GatewayConfig.from_mapping(name, spec, environ)
    return out


# Each provider's flow class (the gateway says which).
_flows: Dict[str, Any] = {"m4": _m4.PayoutFlow, "exotic": _exotic.PayoutFlow, "corefy": _corefy.PayoutFlow}


def load_config(path: Optional[str]) -> Dict[str, Any]:
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError("the config file holds a JSON object")
    return data


def enqueue(store: PayoutStore, key: str, gateway: GatewayConfig, params: Mapping[str, Any], **options: Any) -> bool:
    """Record a new payout (its flow built now, so bad params fail here). ``key`` is your
    idempotency key (use the merchant id you put in the params); False if already there."""
    flow = _flows[gateway.provider](gateway.gateway, params, **options)
    return store.add(key, gateway.name, flow)


# --------------------------------------------------------------------------- callbacks


def _header(headers: Mapping[str, str], name: str) -> Optional[str]:
    for k, v in headers.items():
        if k.lower() == name.lower():
            return v
    return None


def _verdict(config: GatewayConfig, body: bytes, headers: Mapping[str, str]) -> Tuple[str, List[str]]:
    # The core decides which header or field carries the signature and what it covers
    # (Gateway.callback_verdict); an exception counts as not authentic.
    try:
        r = config.gateway.callback_verdict(body, dict(headers), config.callback_secret)
    except Exception:
        return "rejected", []
    return str(r["verdict"]), [str(v) for v in r["values"]]


def verify_callback(config: GatewayConfig, body: bytes, headers: Mapping[str, str]) -> str:
    """The verdict on a callback for this gateway, decided by the core
    (``Gateway.callback_verdict``): ``accepted`` (signature checked), ``unverified`` (exotic
    whose gateway has no ``standart_sign`` recipe: its signature is undocumented; the flow
    then trusts only a status request), ``rejected`` or ``malformed``."""
    return _verdict(config, body, headers)[0]


def receive_callback(
    store: PayoutStore,
    gateways: Mapping[str, GatewayConfig],
    gateway: str,
    body: bytes,
    headers: Mapping[str, str],
    key: Optional[str] = None,
) -> Tuple[int, str]:
    """What a web handler does with a callback POSTed to it: verify it with the core, keep
    it in the payout's inbox with the verdict (forged ones too, as ``rejected``, never
    delivered), wake the payout. Returns (HTTP status to answer, verdict). ``key``: the
    payout's key when the callback URL carries it (``/callbacks/<gateway>/<key>``); else the
    payout is found among the callback's values."""
    config = gateways.get(gateway)
    if config is None or config.provider == "m4":
        return 404, "unknown"
    verdict, values = _verdict(config, body, headers)
    if key is not None:
        record = store.get(key)
        if record is None or record.gateway != gateway:
            key = None
    if key is None and verdict in DELIVERABLE:
        key = store.find_key(gateway, values)
    if key is None and verdict in DELIVERABLE:
        verdict = "orphan"
    _, verdict = store.add_callback(gateway, key, body, verdict)
    if verdict == "rejected":
        log.warning("callback for gateway %s rejected: signature not valid", gateway)
        return 401, verdict
    if verdict == "malformed":
        return 400, verdict
    return 200, verdict


class CallbackServer:
    """A small HTTP server for callbacks (stdlib): ``POST /callbacks/<gateway>[/<key>]``.
    Use ``receive_callback`` from your own web framework instead if you have one."""

    def __init__(self, store: PayoutStore, gateways: Mapping[str, GatewayConfig], host: str = "127.0.0.1", port: int = 0) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = [urllib.parse.unquote(p) for p in urllib.parse.urlsplit(self.path).path.split("/") if p]
                if len(parts) not in (2, 3) or parts[0] != "callbacks":
                    self._reply(404, b"not found")
                    return
                try:
                    status, verdict = receive_callback(
                        outer.store, outer.gateways, parts[1], body, dict(self.headers.items()), parts[2] if len(parts) == 3 else None
                    )
                except Exception as e:  # the store is down: the provider retries
                    log.error("callback not stored: %s", type(e).__name__)
                    status, verdict = 503, "unavailable"
                self._reply(status, verdict.encode())

            def _reply(self, status: int, text: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

        self.store = store
        self.gateways = gateways
        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="payoutkit-callbacks", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/callbacks"

    def start(self) -> "CallbackServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --------------------------------------------------------------------------- the worker


def _default_client(timeout: float) -> Any:
    try:
        import httpx
    except ImportError:
        pass
    else:
        return httpx.Client(timeout=timeout)
    try:
        import requests
    except ImportError:
        return None  # the standard library
    return requests.Session()


class Worker:
    """Drives due payouts from ``store``, ``concurrency`` at a time (threads), each under a
    lease of ``lease_ttl`` seconds renewed by every save and by a heartbeat.

    A stint on a payout: take its lease, restore the flow, hand it the callbacks waiting in
    its inbox, ``run`` it until it waits (``wait="return"``) or is done, release the lease.
    """

    def __init__(
        self,
        store: PayoutStore,
        gateways: Mapping[str, GatewayConfig],
        *,
        concurrency: int = 8,
        lease_ttl: float = 30.0,
        http_timeout: float = DEFAULT_TIMEOUT,
        idle_sleep: float = 0.5,
        owner: Optional[str] = None,
        client_factory: Optional[Callable[[], Any]] = None,
        error_backoff: float = 10.0,
    ) -> None:
        if lease_ttl <= http_timeout:
            raise ValueError("lease_ttl must be longer than http_timeout (a request must end while the lease holds)")
        self.store = store
        self.gateways = dict(gateways)
        self.concurrency = concurrency
        self.lease_ttl = lease_ttl
        self.http_timeout = http_timeout
        self.idle_sleep = idle_sleep
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}"
        self.client_factory = client_factory or (lambda: _default_client(http_timeout))
        self.error_backoff = error_backoff
        self.active: Dict[str, Lease] = {}
        self._active_lock = threading.Lock()
        self._local = threading.local()
        self._clients: List[Any] = []
        self.stats: Dict[str, int] = {"stints": 0, "done": 0, "lease_lost": 0, "errors": 0, "requests": 0}

    def __repr__(self) -> str:
        return f"Worker(owner={self.owner!r}, concurrency={self.concurrency})"

    def _client(self) -> Any:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = self.client_factory()
            self._clients.append(client)
        return client

    def drive(self, lease: Lease) -> Optional[Any]:
        """One stint on a leased payout; returns the Outcome when the payout finished."""
        self.stats["stints"] += 1
        config = self.gateways.get(lease.gateway)
        if config is None:
            log.error("payout %s: no gateway %r configured here", lease.key, lease.gateway)
            lease.release(error=f"no gateway {lease.gateway!r} configured", retry_in=self.error_backoff)
            return None
        try:
            flow = _flows[config.provider].from_json(config.gateway, lease.state)
            now = time.time()
            action = self._deliver_callbacks(lease, flow, now)
            if action is None:
                action = flow.resume(now)

            def step(a: Any) -> None:
                if a.kind == "send":
                    self.stats["requests"] += 1
                    log.debug("payout %s: %s %s", lease.key, a.request.method, redact_text(a.request.url))

            result = run(flow, self._client(), store=lease, action=action, wait="return", timeout=self.http_timeout, on_step=step)
        except LeaseLost as e:
            self.stats["lease_lost"] += 1
            log.warning("payout %s: %s; another worker has it", lease.key, e)
            return None
        except PayoutkitError as e:
            self.stats["errors"] += 1
            log.error("payout %s: %s (%s)", lease.key, redact_text(str(e)), e.code)
            lease.release(error=f"{e.code}: {e}", retry_in=self.error_backoff)
            return None
        except Exception as e:  # a bug or the store is down: back off, never crash the worker
            self.stats["errors"] += 1
            log.error("payout %s: %s", lease.key, type(e).__name__)
            try:
                lease.release(error=type(e).__name__, retry_in=self.error_backoff)
            except Exception:
                pass
            return None
        lease.release()
        if isinstance(result, WakeAt):
            return None
        self.stats["done"] += 1
        log.info("payout %s: %s (%s) creates_sent=%s", lease.key, result.kind, redact_text(result.message), flow.creates_sent)
        return result

    def _deliver_callbacks(self, lease: Lease, flow: Any, now: float) -> Optional[Any]:
        """Offer the inbox's callbacks to the flow. Each stays in the inbox and is offered
        again every CALLBACK_RETRY seconds (at most CALLBACK_ATTEMPTS times) until the flow is
        done: the flow may set it aside (a request went out moments ago), or the status check
        it leads to may go unanswered; each time the flow decides whether to check again."""
        action: Optional[Any] = None
        for cb in lease.pending_callbacks(now):
            if action is not None and action.kind != "wait":
                lease.note_callback(cb.id, "deferred", now + CALLBACK_RETRY)  # the flow is busy: later
                continue
            try:
                offered = flow.on_callback(cb.body, now)
            except PayoutkitError as e:
                if flow.done:
                    lease.note_callback(cb.id, "delivered")
                elif e.code == "invalid_state":  # a request in flight (a worker died): later
                    lease.note_callback(cb.id, "deferred", now + CALLBACK_RETRY)
                else:  # another payout's, or unreadable
                    lease.note_callback(cb.id, f"ignored: {e.code}")
                continue
            if cb.attempts + 1 >= CALLBACK_ATTEMPTS:
                lease.note_callback(cb.id, "delivered")
            else:
                lease.note_callback(cb.id, "deferred", now + CALLBACK_RETRY)
            action = offered
        return action

    def _heartbeat(self, stop: threading.Event) -> None:
        while not stop.wait(self.lease_ttl / 3):
            with self._active_lock:
                leases = list(self.active.values())
            for lease in leases:
                try:
                    lease.renew()
                except Exception:
                    pass

    def _stint(self, lease: Lease) -> None:
        try:
            self.drive(lease)
        finally:
            with self._active_lock:
                self.active.pop(lease.key, None)

    def serve(self, stop: Optional[threading.Event] = None, *, until_idle: bool = False, max_seconds: Optional[float] = None) -> None:
        """Claim and drive payouts until ``stop`` is set (or, ``until_idle``, until no
        payout is left unfinished; or ``max_seconds``)."""
        stop = stop or threading.Event()
        beat_stop = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=(beat_stop,), name="payoutkit-heartbeat", daemon=True)
        beat.start()
        started = time.monotonic()
        try:
            with ThreadPoolExecutor(max_workers=max(1, self.concurrency), thread_name_prefix="payoutkit-drive") as pool:
                while not stop.is_set():
                    if max_seconds is not None and time.monotonic() - started > max_seconds:
                        break
                    with self._active_lock:
                        free = self.concurrency - len(self.active)
                    leases: List[Lease] = []
                    if free > 0:
                        try:
                            leases = self.store.claim(self.owner, free, self.lease_ttl)
                        except Exception as e:
                            log.error("claim failed: %s", type(e).__name__)
                            stop.wait(self.idle_sleep)
                            continue
                    for lease in leases:
                        with self._active_lock:
                            self.active[lease.key] = lease
                        pool.submit(self._stint, lease)
                    if not leases:
                        if until_idle and not self.active and self.store.unfinished() == 0:
                            break
                        stop.wait(self.idle_sleep)
        finally:
            beat_stop.set()
            for client in self._clients:
                close = getattr(client, "close", None)
                if callable(close):
                    close()


# --------------------------------------------------------------------------- command line

EPILOG = """examples:
  # gateways from a JSON file (secrets from the environment), PostgreSQL, 16 at a time,
  # and the callback endpoint http://127.0.0.1:8081/callbacks/<gateway>[/<key>]
  python -m payoutkit.worker --store postgresql://payoutkit@127.0.0.1:5432/postgres \\
      --config gateways.json --concurrency 16 --callbacks 127.0.0.1:8081

  # gateways from the environment, SQLite, stop when every payout is finished
  PAYOUTKIT_GATEWAYS=m4 PAYOUTKIT_M4_SHOP_ID=1520 PAYOUTKIT_M4_SECRET=... \\
      python -m payoutkit.worker --store sqlite:///payouts.db --until-idle

  # add payouts (one JSON object a line: {"key", "gateway", "params", "options"})
  python -m payoutkit.worker --store sqlite:///payouts.db --config gateways.json --enqueue payouts.jsonl

gateways.json:
  {"store": "sqlite:///payouts.db",
   "gateways": {
     "m4": {"provider": "m4", "shop_id": 1520, "secret": {"env": "M4_SECRET"},
            "base_url": "https://api.m4solutions.io/gateway/v1"},
     "corefy": {"provider": "corefy", "account_id": "coma_...", "api_key": {"env": "COREFY_API_KEY"},
                "base_url": "https://com.paycore.io/api", "callback_secret": {"file": "/run/secrets/corefy"}},
     "exotic": {"provider": "exotic", "merchant": "...", "sign_key": {"env": "EXOTIC_SIGN_KEY"},
                "api_key": {"env": "EXOTIC_API_KEY"}, "base_url": "https://...",
                "standart_sign": {"fields": ["order_id", "status"], "secret": "append_with_separator"}}}}
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m payoutkit.worker",
        description="Drive payouts from a store (SQLite or PostgreSQL), many at a time, crash-safe.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--store", help="sqlite:///path.db or postgresql://… (default: $PAYOUTKIT_STORE or the config's \"store\")")
    p.add_argument("--config", help="a JSON config file (default: $PAYOUTKIT_CONFIG); else gateways from the environment")
    p.add_argument("--concurrency", type=int, default=int(os.environ.get("PAYOUTKIT_CONCURRENCY", "8")), help="payouts driven at once (threads); 0: callbacks only")
    p.add_argument("--lease-ttl", type=float, default=float(os.environ.get("PAYOUTKIT_LEASE_TTL", "60")), help="seconds a lease lasts without renewal (default 60)")
    p.add_argument("--http-timeout", type=float, default=float(os.environ.get("PAYOUTKIT_HTTP_TIMEOUT", str(DEFAULT_TIMEOUT))), help="seconds per request (default 30)")
    p.add_argument("--idle-sleep", type=float, default=0.5, help="seconds between looks for due payouts when there is none")
    p.add_argument("--callbacks", metavar="HOST:PORT", help="serve POST /callbacks/<gateway>[/<key>] here")
    p.add_argument("--owner", help="this worker's name in leases (default host:pid)")
    p.add_argument("--until-idle", action="store_true", help="exit when no payout is left unfinished")
    p.add_argument("--max-seconds", type=float, help="exit after this long")
    p.add_argument("--enqueue", metavar="FILE", help="add the payouts in FILE (JSON lines; - for stdin), then exit")
    p.add_argument("--status", action="store_true", help="print the payouts per status, then exit")
    p.add_argument("-v", "--verbose", action="count", default=0)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose > 1 else logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    config = load_config(args.config or os.environ.get("PAYOUTKIT_CONFIG"))
    url = args.store or os.environ.get("PAYOUTKIT_STORE") or config.get("store")
    if not url:
        print("no store: give --store, $PAYOUTKIT_STORE or \"store\" in the config", file=sys.stderr)
        return 2
    try:
        gateways = gateways_from_config(config) if config.get("gateways") else gateways_from_env()
    except (ValueError, PayoutkitError, OSError) as e:
        print(f"configuration: {redact_text(str(e))}", file=sys.stderr)
        return 2
    store = open_store(str(url))
    try:
        if args.status:
            print(json.dumps(store.counts(), sort_keys=True))
            return 0
        if args.enqueue:
            return _enqueue_file(store, gateways, args.enqueue)
        if not gateways:
            print("no gateways configured (--config, or PAYOUTKIT_GATEWAYS and its variables)", file=sys.stderr)
            return 2
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        server = None
        if args.callbacks:
            host, _, port = args.callbacks.rpartition(":")
            server = CallbackServer(store, gateways, host or "127.0.0.1", int(port)).start()
            print(f"callbacks: {server.url}/<gateway>[/<key>]", file=sys.stderr, flush=True)
        try:
            if args.concurrency > 0:
                worker = Worker(
                    store,
                    gateways,
                    concurrency=args.concurrency,
                    lease_ttl=args.lease_ttl,
                    http_timeout=args.http_timeout,
                    idle_sleep=args.idle_sleep,
                    owner=args.owner,
                )
                worker.serve(stop, until_idle=args.until_idle, max_seconds=args.max_seconds)
                log.info("worker %s: %s", worker.owner, json.dumps(worker.stats))
            else:
                while not stop.wait(1.0):
                    if args.max_seconds is not None:
                        args.max_seconds -= 1
                        if args.max_seconds <= 0:
                            break
        finally:
            if server is not None:
                server.stop()
    finally:
        store.close()
    return 0


def _enqueue_file(store: PayoutStore, gateways: Mapping[str, GatewayConfig], path: str) -> int:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    added = skipped = 0
    try:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            config = gateways.get(item.get("gateway", ""))
            if config is None:
                print(f"line {n}: no gateway {item.get('gateway')!r} configured", file=sys.stderr)
                return 2
            try:
                if enqueue(store, str(item["key"]), config, item["params"], **(item.get("options") or {})):
                    added += 1
                else:
                    skipped += 1
            except PayoutkitError as e:
                print(f"line {n}: {e.code} {e.field}: {redact_text(str(e))}", file=sys.stderr)
                return 2
    finally:
        if stream is not sys.stdin:
            stream.close()
    print(json.dumps({"added": added, "already_there": skipped}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
