"""Corefy platform (MilkyPay): callback X-Signature, BasicAuth, request builders
(``payoutkit.Corefy``), callbacks, response classification and the payout flow."""

from ._http import Corefy as Client
from ._http import PayoutFlow, _classifier
from ._native import corefy_basic_auth as basic_auth
from ._native import corefy_callback_signature as callback_signature
from ._native import corefy_parse_callback as parse_callback
from ._native import corefy_verify_callback as verify_callback

classify = _classifier("corefy")

__all__ = ["Client", "PayoutFlow", "basic_auth", "callback_signature", "classify", "parse_callback", "verify_callback"]
