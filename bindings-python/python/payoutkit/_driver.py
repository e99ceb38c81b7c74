"""Drivers: carry out a payout flow's actions with the HTTP client you already use.

``run(flow, client)`` (``httpx.Client``, ``requests.Session``, ``None`` for the standard
library, or any ``send(request, timeout) -> (status, body)`` callable) and
``await arun(flow, client)`` (``httpx.AsyncClient``, ``aiohttp.ClientSession`` or an async
callable) do I/O only: send each request with a time-out, turn a time-out or a connection
error into ``on_timeout``, an answer into ``on_response``, sleep through waits (or hand back
a ``WakeAt`` for callers with their own scheduler), hand queued callbacks to
``on_callback``, and save the flow's state through ``store`` after every step, so before
every send. Every decision is the flow's, that is the Rust core's.

httpx, requests and aiohttp are optional: they are looked up in ``sys.modules`` (a client
object of theirs means they are already imported), never imported here.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Awaitable, Callable, List, NamedTuple, Optional, Tuple, Union

from ._errors import PayoutkitError
from ._api import Outcome

__all__ = ["DEFAULT_TIMEOUT", "NoAnswer", "WakeAt", "arun", "run"]

DEFAULT_TIMEOUT = 30.0
"""Seconds a request may take when the request itself does not say (``request.timeout``)."""

_WAIT_MODES = ("sleep", "return")


class NoAnswer(Exception):
    """Raised by a transport when a request got no answer (time-out, connection error,
    an answer cut short). The driver turns it into ``flow.on_timeout()``."""


class WakeAt(NamedTuple):
    """``run(..., wait="return")`` stopped at a wait: save ``state`` and call ``run`` again
    (with ``PayoutFlow.from_json(gateway, state)``) at ``at`` (unix seconds) or when a
    callback for the payout arrives."""

    at: float
    seconds: float
    state: str

    def __repr__(self) -> str:  # the state holds the payout's params: never printed
        return f"WakeAt(at={self.at!r}, seconds={self.seconds!r})"


Result = Union[Outcome, WakeAt]


# --------------------------------------------------------------------------- transports


def _awaitable(value: Any) -> bool:
    return hasattr(value, "__await__")


def _body(request: Any) -> Optional[bytes]:
    body = request.body
    if body is None:
        return None
    return body if isinstance(body, bytes) else str(body).encode("utf-8")


def _timeout(request: Any, default: float) -> float:
    t = getattr(request, "timeout", None)
    return float(t) if isinstance(t, (int, float)) and not isinstance(t, bool) and t > 0 else float(default)


def _urllib_send(request: Any, timeout: float) -> Tuple[int, bytes]:
    import http.client
    import urllib.error
    import urllib.request

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(_NoRedirect)
    req = urllib.request.Request(request.url, data=_body(request), headers=dict(request.headers), method=request.method)
    try:
        with opener.open(req, timeout=timeout) as resp:
            return int(resp.status), resp.read()
    except urllib.error.HTTPError as e:  # an answer, not a failure
        return int(e.code), e.read()
    except (OSError, http.client.HTTPException) as e:  # URLError, time-outs, resets
        raise NoAnswer(type(e).__name__) from None


def _sync_sender(client: Any) -> Callable[[Any, float], Tuple[int, bytes]]:
    if client is None:
        return _urllib_send
    httpx = sys.modules.get("httpx")
    if httpx is not None and isinstance(client, httpx.Client):

        def send_httpx(request: Any, timeout: float) -> Tuple[int, bytes]:
            try:
                r = client.request(request.method, request.url, headers=request.headers, content=_body(request), timeout=timeout)
            except httpx.RequestError as e:  # time-outs, connection errors, cut-off answers
                raise NoAnswer(type(e).__name__) from None
            return r.status_code, r.content

        return send_httpx
    requests = sys.modules.get("requests")
    if requests is not None and isinstance(client, requests.Session):

        def send_requests(request: Any, timeout: float) -> Tuple[int, bytes]:
            try:
                r = client.request(
                    request.method, request.url, headers=request.headers, data=_body(request), timeout=timeout, allow_redirects=False
                )
            except requests.RequestException as e:
                raise NoAnswer(type(e).__name__) from None
            return r.status_code, r.content

        return send_requests
    if callable(client):

        def send_callable(request: Any, timeout: float) -> Tuple[int, bytes]:
            try:
                status, body = client(request, timeout)
            except (NoAnswer, OSError) as e:  # TimeoutError and ConnectionError are OSErrors
                raise NoAnswer(type(e).__name__) from None
            return int(status), body

        return send_callable
    raise TypeError(
        f"run() sends with an httpx.Client, a requests.Session, None (the standard library) or a "
        f"send(request, timeout) -> (status, body) callable, not {type(client).__name__}"
    )


def _async_sender(client: Any) -> Callable[[Any, float], Awaitable[Tuple[int, bytes]]]:
    httpx = sys.modules.get("httpx")
    if httpx is not None and isinstance(client, httpx.AsyncClient):

        async def send_httpx(request: Any, timeout: float) -> Tuple[int, bytes]:
            try:
                r = await client.request(request.method, request.url, headers=request.headers, content=_body(request), timeout=timeout)
            except httpx.RequestError as e:
                raise NoAnswer(type(e).__name__) from None
            return r.status_code, r.content

        return send_httpx
    aiohttp = sys.modules.get("aiohttp")
    if aiohttp is not None and isinstance(client, aiohttp.ClientSession):
        import asyncio

        async def send_aiohttp(request: Any, timeout: float) -> Tuple[int, bytes]:
            try:
                async with client.request(
                    request.method,
                    request.url,
                    headers=request.headers,
                    data=_body(request),
                    timeout=aiohttp.ClientTimeout(total=timeout),
                    allow_redirects=False,
                ) as r:
                    return int(r.status), await r.read()
            except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                raise NoAnswer(type(e).__name__) from None

        return send_aiohttp
    if callable(client):

        async def send_callable(request: Any, timeout: float) -> Tuple[int, bytes]:
            try:
                result = client(request, timeout)
                status, body = await result if _awaitable(result) else result
            except (NoAnswer, OSError) as e:
                raise NoAnswer(type(e).__name__) from None
            return int(status), body

        return send_callable
    raise TypeError(
        f"arun() sends with an httpx.AsyncClient, an aiohttp.ClientSession or an async "
        f"send(request, timeout) -> (status, body) callable, not {type(client).__name__}"
    )


# --------------------------------------------------------------------------- store hooks


def _saver(store: Any) -> Callable[[Any, Any, float], Any]:
    """``store.save_flow(state, action, now)`` (a ``payoutkit.store`` lease, or your own
    object), or a plain ``store(state)`` callable."""
    if store is None:
        return lambda state, action, now: None
    save_flow = getattr(store, "save_flow", None)
    if callable(save_flow):
        return lambda state, action, now: save_flow(state, action, now)
    if callable(store):
        return lambda state, action, now: store(state)
    raise TypeError("store must have a save_flow(state, action, now) method or be a save(state) callable")


def _before_send(store: Any) -> Callable[[], Any]:
    check = getattr(store, "before_send", None)
    return check if callable(check) else (lambda: None)


def _check_wait_mode(wait: str) -> None:
    if wait not in _WAIT_MODES:
        raise ValueError(f"wait must be 'sleep' or 'return', not {wait!r}")


def _offer_callback(flow: Any, body: Any, now: float) -> Optional[Any]:
    """Hand a callback to the flow; None when the flow had no use for it (another payout's,
    or the flow is not waiting): the flow is unchanged then, as the core promises."""
    try:
        return flow.on_callback(body, now)
    except PayoutkitError:
        return None


def _queued(callbacks: Any) -> List[Any]:
    """Everything already in a queue.Queue / asyncio.Queue, without blocking."""
    out: List[Any] = []
    if callbacks is None:
        return out
    while True:
        try:
            out.append(callbacks.get_nowait())
        except Exception:  # queue.Empty / asyncio.QueueEmpty
            return out


CALLBACK_RETRY = 5.0
"""Seconds before a callback is offered to the flow again."""
CALLBACK_ATTEMPTS = 12
"""How many times a callback is offered to the flow at most.

A callback is offered until the flow is done, every CALLBACK_RETRY seconds, not once: the
flow may set it aside (a request went out moments ago), and the status check it leads to may
go unanswered or come before the provider's lookups show the payout. Each time the flow
decides whether to check again (the core allows at most one check per 10 s for callbacks);
offering it again is what a provider that retries callbacks would do."""


class _Callbacks:
    """Callback bodies to offer to the flow: those queued by the caller, and those offered
    before, again every CALLBACK_RETRY seconds, at most CALLBACK_ATTEMPTS times."""

    def __init__(self, queue: Any) -> None:
        self.queue = queue
        self.later: List[Tuple[float, int, Any]] = []  # (offer at, attempts so far, body)

    def next_retry(self) -> Optional[float]:
        return min((t for t, _, _ in self.later), default=None)

    def offer(self, flow: Any, fresh: List[Any], now: float) -> Optional[Any]:
        """The first action a callback leads to that is not a wait (a status check, or done)."""
        due = [(a, b) for t, a, b in self.later if t <= now]
        self.later = [x for x in self.later if x[0] > now]
        acted: Optional[Any] = None
        for attempts, body in due + [(0, b) for b in fresh]:
            if acted is not None:  # the flow is busy now: offer the rest later
                self.later.append((now + CALLBACK_RETRY, attempts, body))
                continue
            action = _offer_callback(flow, body, now)
            if action is None:  # another payout's, or unreadable: the flow said so
                continue
            if attempts + 1 < CALLBACK_ATTEMPTS:
                self.later.append((now + CALLBACK_RETRY, attempts + 1, body))
            if action.kind != "wait":
                acted = action
        return acted


# --------------------------------------------------------------------------- run / arun


def run(
    flow: Any,
    client: Any = None,
    *,
    store: Any = None,
    clock: Optional[Callable[[], float]] = None,
    sleep: Optional[Callable[[float], Any]] = None,
    timeout: float = DEFAULT_TIMEOUT,
    wait: str = "sleep",
    callbacks: Any = None,
    action: Any = None,
    on_step: Optional[Callable[[Any], Any]] = None,
) -> Result:
    """Drive ``flow`` to its end with ``client`` and return the final ``Outcome``.

    - ``store``: saves the state after every step and before every send (a
      ``payoutkit.store`` lease, any object with ``save_flow(state, action, now)``, or a
      ``save(state)`` callable). If it raises (``LeaseLost``), nothing more is sent.
    - ``clock`` (unix seconds, default ``time.time``) and ``sleep`` (default ``time.sleep``).
    - ``timeout``: seconds per request when the request carries no ``timeout`` of its own.
    - ``wait="return"``: at a wait, return ``WakeAt(at, seconds, state)`` instead of sleeping.
    - ``callbacks``: a ``queue.Queue`` of callback bodies, already verified (Corefy:
      ``payoutkit.corefy.verify_callback``); a wait ends early for one.
    - ``action``: the action to carry out first (default: ``flow.resume()``, which starts a
      new flow, and treats a request that was in flight as unanswered).
    - ``on_step(action)``: called with every action (logging, metrics).
    """
    _check_wait_mode(wait)
    now_of = clock or time.time
    pause = sleep or time.sleep
    send = _sync_sender(client)
    save = _saver(store)
    before_send = _before_send(store)
    inbox = _Callbacks(callbacks)
    if action is None:
        action = flow.resume(now_of())
    while True:
        now = now_of()
        save(flow.to_json(), action, now)
        if on_step is not None:
            on_step(action)
        kind = action.kind
        if kind == "done":
            return action.outcome  # type: ignore[no-any-return]
        if kind == "send":
            request = action.request
            before_send()
            try:
                status, answer = send(request, _timeout(request, timeout))
            except NoAnswer:
                action = flow.on_timeout(now_of())
            else:
                action = flow.on_response(status, answer, now_of())
            continue
        if kind != "wait":
            raise ValueError(f"unknown action kind {kind!r}")
        seconds = float(action.seconds)
        woken = inbox.offer(flow, _queued(callbacks), now)
        if woken is not None:
            action = woken
            continue
        if wait == "return":
            return WakeAt(now + seconds, seconds, flow.to_json())
        retry = inbox.next_retry()
        nap = seconds if retry is None else max(0.0, min(seconds, retry - now))
        body: Any = None
        if callbacks is None:
            if nap > 0:
                pause(nap)
        else:
            try:
                body = callbacks.get(timeout=nap) if nap > 0 else callbacks.get_nowait()
            except Exception:  # queue.Empty: the wait is over
                body = None
        woken = inbox.offer(flow, [] if body is None else [body], now_of())
        # Early (a callback set aside, or none at all): on_wake gives the rest of the wait.
        action = woken if woken is not None else flow.on_wake(now_of())


async def arun(
    flow: Any,
    client: Any,
    *,
    store: Any = None,
    clock: Optional[Callable[[], float]] = None,
    sleep: Optional[Callable[[float], Awaitable[Any]]] = None,
    timeout: float = DEFAULT_TIMEOUT,
    wait: str = "sleep",
    callbacks: Any = None,
    action: Any = None,
    on_step: Optional[Callable[[Any], Any]] = None,
) -> Result:
    """``run`` for asyncio: ``httpx.AsyncClient``, ``aiohttp.ClientSession`` or an async
    ``send(request, timeout)``; ``callbacks`` is an ``asyncio.Queue``; ``store.save_flow``
    and ``on_step`` may be coroutines."""
    import asyncio

    _check_wait_mode(wait)
    now_of = clock or time.time
    pause = sleep or asyncio.sleep
    send = _async_sender(client)
    save = _saver(store)
    before_send = _before_send(store)
    inbox = _Callbacks(callbacks)
    if action is None:
        action = flow.resume(now_of())
    while True:
        now = now_of()
        saved = save(flow.to_json(), action, now)
        if _awaitable(saved):
            await saved
        if on_step is not None:
            stepped = on_step(action)
            if _awaitable(stepped):
                await stepped
        kind = action.kind
        if kind == "done":
            return action.outcome  # type: ignore[no-any-return]
        if kind == "send":
            request = action.request
            checked = before_send()
            if _awaitable(checked):
                await checked
            try:
                status, answer = await send(request, _timeout(request, timeout))
            except NoAnswer:
                action = flow.on_timeout(now_of())
            else:
                action = flow.on_response(status, answer, now_of())
            continue
        if kind != "wait":
            raise ValueError(f"unknown action kind {kind!r}")
        seconds = float(action.seconds)
        woken = inbox.offer(flow, _queued(callbacks), now)
        if woken is not None:
            action = woken
            continue
        if wait == "return":
            return WakeAt(now + seconds, seconds, flow.to_json())
        retry = inbox.next_retry()
        nap = seconds if retry is None else max(0.0, min(seconds, retry - now))
        body: Any = None
        if callbacks is None:
            if nap > 0:
                await pause(nap)
        elif nap > 0:
            try:
                body = await asyncio.wait_for(callbacks.get(), timeout=nap)
            except asyncio.TimeoutError:
                body = None
        woken = inbox.offer(flow, [] if body is None else [body], now_of())
        action = woken if woken is not None else flow.on_wake(now_of())
