"""M4 (Withdraw Flow V1): request signatures, callback verification, response
classification and the payout flow; requests are built by ``payoutkit.M4``.

The functions are made from the core's op table (docstrings included)."""

from typing import Any

from ._api import M4 as Client
from ._api import _flow, _functions

globals().update(_functions("m4"))
PayoutFlow: Any = _flow("m4")

__all__ = ["Client", "PayoutFlow", *_functions("m4")]
