from ._native import _Params

__all__ = ["sign_payout", "string_to_sign"]

def sign_payout(params: _Params, sign_key: str) -> str:
    """sha256 hex of ``order_id:fiat_amount:<requisite>:fiat_currency:sign_key``; the
    requisite is picked by ``payment_method`` (card, sbp, score, iban)."""

def string_to_sign(params: _Params) -> str:
    """The canonical line without the sign key."""
