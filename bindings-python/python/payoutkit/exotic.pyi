from ._native import _Params

from typing import Any, Union

from ._http import Exotic as Client
from ._http import Outcome, PayoutFlow
from ._native import _Body

def classify(http_status: int, body: Union[_Body, None]) -> Outcome:
    """Classify an exotic.company response (status table, error texts, HTTP status)."""

def parse_callback(body: _Body) -> dict[str, Any]:
    """The callback as an event (numbers as exact text, plus ``kind``); standart_sign unchecked."""

__all__ = ["Client", "PayoutFlow", "classify", "parse_callback", "sign_payout", "string_to_sign"]

def sign_payout(params: _Params, sign_key: str) -> str:
    """sha256 hex of ``order_id:fiat_amount:<requisite>:fiat_currency:sign_key``; the
    requisite is picked by ``payment_method`` (card, sbp, score, iban)."""

def string_to_sign(params: _Params) -> str:
    """The canonical line without the sign key."""
