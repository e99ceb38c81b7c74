import argparse
import logging
import threading
from http.server import ThreadingHTTPServer
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Tuple

from . import corefy as _corefy, exotic as _exotic, m4 as _m4
from ._api import Recipe
from .store import Lease, PayoutStore

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

log: logging.Logger
PROVIDERS: Tuple[str, ...]
EPILOG: str

class GatewayConfig:
    """One configured account (secrets stay out of ``repr``)."""

    name: str
    provider: str
    gateway: Any
    callback_secret: Optional[str]
    standart_sign: Optional[Recipe]
    sign_key: Optional[str]
    def __init__(
        self,
        name: str,
        provider: str,
        gateway: Any,
        *,
        callback_secret: Optional[str] = None,
        standart_sign: Optional[Recipe] = None,
        sign_key: Optional[str] = None,
    ) -> None: ...
    @classmethod
    def from_mapping(cls, name: str, spec: Mapping[str, Any], environ: Mapping[str, str] = ...) -> GatewayConfig: ...

def gateways_from_config(config: Mapping[str, Any], environ: Mapping[str, str] = ...) -> Dict[str, GatewayConfig]: ...
def gateways_from_env(environ: Mapping[str, str] = ...) -> Dict[str, GatewayConfig]: ...
def load_config(path: Optional[str]) -> Dict[str, Any]: ...
def enqueue(store: PayoutStore, key: str, gateway: GatewayConfig, params: Mapping[str, Any], **options: Any) -> bool: ...
def verify_callback(config: GatewayConfig, body: bytes, headers: Mapping[str, str]) -> str: ...
def receive_callback(
    store: PayoutStore, gateways: Mapping[str, GatewayConfig], gateway: str, body: bytes, headers: Mapping[str, str], key: Optional[str] = None
) -> Tuple[int, str]: ...

class CallbackServer:
    """``POST /callbacks/<gateway>[/<key>]`` (stdlib HTTP server in a thread)."""

    store: PayoutStore
    gateways: Mapping[str, GatewayConfig]
    server: ThreadingHTTPServer
    thread: threading.Thread
    def __init__(self, store: PayoutStore, gateways: Mapping[str, GatewayConfig], host: str = "127.0.0.1", port: int = 0) -> None: ...
    @property
    def url(self) -> str: ...
    def start(self) -> CallbackServer: ...
    def stop(self) -> None: ...

class Worker:
    """Drives due payouts from a store, ``concurrency`` at a time, each under a lease."""

    store: PayoutStore
    gateways: Dict[str, GatewayConfig]
    concurrency: int
    lease_ttl: float
    http_timeout: float
    idle_sleep: float
    owner: str
    client_factory: Callable[[], Any]
    error_backoff: float
    active: Dict[str, Lease]
    stats: Dict[str, int]
    def __init__(
        self,
        store: PayoutStore,
        gateways: Mapping[str, GatewayConfig],
        *,
        concurrency: int = 8,
        lease_ttl: float = 30.0,
        http_timeout: float = ...,
        idle_sleep: float = 0.5,
        owner: Optional[str] = None,
        client_factory: Optional[Callable[[], Any]] = None,
        error_backoff: float = 10.0,
    ) -> None: ...
    def drive(self, lease: Lease) -> Optional[Any]: ...
    def serve(self, stop: Optional[threading.Event] = None, *, until_idle: bool = False, max_seconds: Optional[float] = None) -> None: ...

def main(argv: Optional[Sequence[str]] = None) -> int: ...
