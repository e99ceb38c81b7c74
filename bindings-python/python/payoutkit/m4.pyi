from typing import Union

from ._native import _Body, _Params

from ._http import M4 as Client
from ._http import Outcome, PayoutFlow

def classify(http_status: int, body: Union[_Body, None]) -> Outcome:
    """Classify an M4 response: the envelope whatever the HTTP status; statuses 5/6 final."""

__all__ = ["Client", "METHODS", "PayoutFlow", "classify", "sign", "signed_fields", "string_to_sign", "verify_callback"]

METHODS: list[str]

def sign(method: str, params: _Params, secret: str) -> str:
    """Lowercase hex SHA-256 over the method's signed fields (sorted by key, joined by ":")
    with the secret appended. Extra keys are ignored; a missing one raises
    ``PayoutkitError(code="missing_field")``."""

def signed_fields(method: str) -> list[str]:
    """The method's signed fields, sorted."""

def string_to_sign(method: str, params: _Params) -> str:
    """The canonical line without the secret, for debugging a mismatch."""

def verify_callback(payload: Union[_Body, _Params], secret: str) -> bool:
    """Verify a callback given as the raw body (JSON or form-encoded) or a dict; constant-time."""
