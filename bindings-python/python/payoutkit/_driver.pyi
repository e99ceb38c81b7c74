from typing import Any, Awaitable, Callable, Literal, NamedTuple, Optional, Union, overload

from ._api import Outcome

__all__ = ["DEFAULT_TIMEOUT", "NoAnswer", "WakeAt", "arun", "run"]

DEFAULT_TIMEOUT: float
CALLBACK_RETRY: float
CALLBACK_ATTEMPTS: int

class NoAnswer(Exception):
    """A request got no answer (time-out, connection error): the driver calls ``on_timeout``."""

class WakeAt(NamedTuple):
    """``run(..., wait="return")`` stopped at a wait: run again at ``at`` (unix seconds) with
    ``PayoutFlow.from_json(gateway, state)``, or when a callback arrives."""

    at: float
    seconds: float
    state: str

Result = Union[Outcome, WakeAt]

# Sleeping through waits (the default) always ends with the Outcome; wait="return" may hand
# back a WakeAt instead.
@overload
def run(
    flow: Any,
    client: Any = None,
    *,
    store: Any = None,
    clock: Optional[Callable[[], float]] = None,
    sleep: Optional[Callable[[float], Any]] = None,
    timeout: float = ...,
    wait: Literal["sleep"] = "sleep",
    callbacks: Any = None,
    action: Any = None,
    on_step: Optional[Callable[[Any], Any]] = None,
) -> Outcome:
    """Drive ``flow`` with ``client`` (httpx.Client, requests.Session, None: urllib, or a
    ``send(request, timeout) -> (status, body)`` callable); save through ``store`` after
    every step, so before every send; return the final Outcome (or a WakeAt)."""

@overload
def run(
    flow: Any,
    client: Any = None,
    *,
    store: Any = None,
    clock: Optional[Callable[[], float]] = None,
    sleep: Optional[Callable[[float], Any]] = None,
    timeout: float = ...,
    wait: str,
    callbacks: Any = None,
    action: Any = None,
    on_step: Optional[Callable[[Any], Any]] = None,
) -> Result: ...
@overload
async def arun(
    flow: Any,
    client: Any,
    *,
    store: Any = None,
    clock: Optional[Callable[[], float]] = None,
    sleep: Optional[Callable[[float], Awaitable[Any]]] = None,
    timeout: float = ...,
    wait: Literal["sleep"] = "sleep",
    callbacks: Any = None,
    action: Any = None,
    on_step: Optional[Callable[[Any], Any]] = None,
) -> Outcome:
    """``run`` for asyncio: httpx.AsyncClient, aiohttp.ClientSession or an async callable."""

@overload
async def arun(
    flow: Any,
    client: Any,
    *,
    store: Any = None,
    clock: Optional[Callable[[], float]] = None,
    sleep: Optional[Callable[[float], Awaitable[Any]]] = None,
    timeout: float = ...,
    wait: str,
    callbacks: Any = None,
    action: Any = None,
    on_step: Optional[Callable[[Any], Any]] = None,
) -> Result: ...
