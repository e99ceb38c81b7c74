"""payoutkit: sign, build, check and validate payout requests for payment providers.

Namespaces follow the providers: ``payoutkit.m4``, ``payoutkit.exotic``,
``payoutkit.corefy``; ``payoutkit.Recipe`` describes any other signature scheme as data.
All rules live in the Rust core; this package only re-exports it.
"""

from . import corefy, exotic, m4
from ._errors import PayoutkitError, PayoutkitTypeError
from ._native import ERROR_CODES, Recipe

__all__ = ["ERROR_CODES", "PayoutkitError", "PayoutkitTypeError", "Recipe", "corefy", "exotic", "m4"]
