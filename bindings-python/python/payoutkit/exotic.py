"""exotic.company pay-out API: the create_pay_out signature, callbacks, response
classification and the callback-first payout flow; requests are built by ``payoutkit.Exotic``.

The functions are made from the core's op table (docstrings included)."""

from typing import Any

from ._api import Exotic as Client
from ._api import _flow, _functions, _signer

globals().update(_functions("exotic"))
PayoutFlow: Any = _flow("exotic")
signer = _signer("exotic.signer", "A prepared create_pay_out signer for a payment method: the sign key held natively.", ("payment_method", "sign_key"))

__all__ = ["signer", "Client", "PayoutFlow", *_functions("exotic")]
