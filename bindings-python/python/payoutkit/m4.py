"""M4 (Withdraw Flow V1): request signatures, callback verification, response
classification and the payout flow; requests are built by ``payoutkit.M4``.

The functions are made from the core's op table (docstrings included)."""

from typing import Any

from ._api import API, _flow, _functions, _signer
from ._api import M4 as Client

globals().update(_functions("m4"))
PayoutFlow: Any = _flow("m4")
signer = _signer("m4.signer", "A prepared signer for an M4 method (its API path): the secret held natively; ``sign(params)`` is one call.", ("method", "secret"))
METHODS: list[str] = list(API["m4_methods"])  # every method m4.sign knows (API paths)

__all__ = ["signer", "Client", "METHODS", "PayoutFlow", *_functions("m4")]
