"""exotic.company pay-out API: the create_pay_out signature, callbacks, response
classification and the callback-first payout flow; requests are built by ``payoutkit.Exotic``.

The functions are made from the core's op table (docstrings included)."""

from typing import Any

from ._api import Exotic as Client
from ._api import _flow, _functions

globals().update(_functions("exotic"))
PayoutFlow: Any = _flow("exotic")

__all__ = ["Client", "PayoutFlow", *_functions("exotic")]
