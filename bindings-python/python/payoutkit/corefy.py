"""Corefy platform (MilkyPay): callback X-Signature, BasicAuth, callbacks, response
classification and the payout flow; requests are built by ``payoutkit.Corefy``.

The functions are made from the core's op table (docstrings included)."""

from typing import Any

from ._api import Corefy as Client
from ._api import _flow, _functions

globals().update(_functions("corefy"))
PayoutFlow: Any = _flow("corefy")

__all__ = ["Client", "PayoutFlow", *_functions("corefy")]
