"""payoutkit: sign, build, check and validate payout requests for payment providers.

Namespaces follow the providers: ``payoutkit.m4``, ``payoutkit.exotic``,
``payoutkit.corefy``; ``payoutkit.Recipe`` describes any other signature scheme as data.
All rules live in the Rust core; this package only re-exports it.
"""

from . import corefy, exotic, m4
from ._driver import NoAnswer, WakeAt, arun, run
from ._http import Action, Corefy, Exotic, M4, Outcome, PayoutFlow, Request
from ._errors import PayoutkitError, PayoutkitTypeError
from ._native import ERROR_CODES, Recipe
from .validate import FieldError, Report, Validator, card_brand, iban_valid, luhn_valid, mask_pan

__all__ = [
    "Action",
    "Corefy",
    "ERROR_CODES",
    "Exotic",
    "M4",
    "NoAnswer",
    "Outcome",
    "PayoutFlow",
    "Request",
    "FieldError",
    "PayoutkitError",
    "PayoutkitTypeError",
    "Recipe",
    "Report",
    "Validator",
    "WakeAt",
    "arun",
    "card_brand",
    "corefy",
    "exotic",
    "iban_valid",
    "luhn_valid",
    "m4",
    "mask_pan",
    "run",
]
