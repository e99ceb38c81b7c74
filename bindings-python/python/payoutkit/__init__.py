"""payoutkit: sign, build, check and validate payout requests for payment providers.

Namespaces follow the providers: ``payoutkit.m4``, ``payoutkit.exotic``, ``payoutkit.corefy``
(signatures, callbacks, classification, ``PayoutFlow``); ``payoutkit.M4`` / ``Exotic`` /
``Corefy`` build requests; ``payoutkit.Validator`` checks payout fields; ``payoutkit.Recipe``
describes any other signature scheme as data. All rules live in the Rust core.
"""

from typing import Any

from . import corefy, exotic, m4
from ._api import (
    Action, Corefy, Done, Exotic, FieldError, Gateway, M4, Outcome, PayoutFlow, Recipe, Report, Request, Send,
    Validator, Wait, __version__, _functions,
)
from ._driver import NoAnswer, WakeAt, arun, run
from ._errors import PayoutkitError, PayoutkitTypeError, SignatureError

globals().update(_functions(None))
ERROR_CODES: Any = error_codes()  # type: ignore[name-defined]  # noqa: F821

__all__ = [
    "Action", "Corefy", "Done", "ERROR_CODES", "Exotic", "FieldError", "Gateway", "M4", "NoAnswer", "Outcome",
    "PayoutFlow", "PayoutkitError", "PayoutkitTypeError", "Recipe", "Report", "Request", "Send", "SignatureError",
    "Validator", "Wait", "WakeAt", "__version__", "arun", "corefy", "exotic", "m4", "run", *_functions(None),
]
