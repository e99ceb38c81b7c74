from ._native import _Body

__all__ = ["basic_auth", "callback_signature", "verify_callback"]

def callback_signature(body: _Body, secret: str) -> str:
    """``base64(sha1(secret + body + secret))`` over the raw body: the X-Signature value."""

def verify_callback(body: _Body, signature: str, secret: str) -> bool:
    """Check an X-Signature header against the raw body; constant-time, whitespace-tolerant."""

def basic_auth(account_id: str, api_key: str) -> str:
    """``"Basic " + base64(account_id:api_key)`` for the private API."""
