from ._native import Params

def sign_payout(params: Params, sign_key: str) -> str:
    """sha256 hex of ``order_id:fiat_amount:<requisite>:fiat_currency:sign_key``; the
    requisite is picked by ``payment_method`` (card, sbp, score, iban)."""

def string_to_sign(params: Params) -> str:
    """The canonical line without the sign key."""
