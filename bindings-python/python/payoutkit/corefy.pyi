from ._native import _Body

from typing import Any, Union

from ._http import Corefy as Client
from ._http import Outcome, PayoutFlow

def classify(http_status: int, body: Union[_Body, None]) -> Outcome:
    """Classify a Corefy response (invoice status table, HTTP directives)."""

def parse_callback(body: _Body) -> dict[str, Any]:
    """The callback as an event (numbers as exact text, plus ``kind``); verify X-Signature first."""

__all__ = ["Client", "PayoutFlow", "basic_auth", "callback_signature", "classify", "parse_callback", "verify_callback"]

def callback_signature(body: _Body, secret: str) -> str:
    """``base64(sha1(secret + body + secret))`` over the raw body: the X-Signature value."""

def verify_callback(body: _Body, signature: str, secret: str) -> bool:
    """Check an X-Signature header against the raw body; constant-time, whitespace-tolerant."""

def basic_auth(account_id: str, api_key: str) -> str:
    """``"Basic " + base64(account_id:api_key)`` for the private API."""
