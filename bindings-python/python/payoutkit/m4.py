"""M4 (Withdraw Flow V1): request signatures, callback verification, request builders
(``payoutkit.M4``), response classification and the payout flow."""

from ._http import M4 as Client
from ._http import PayoutFlow, _classifier
from ._native import M4_METHODS as METHODS
from ._native import m4_sign as sign
from ._native import m4_signed_fields as signed_fields
from ._native import m4_string_to_sign as string_to_sign
from ._native import m4_verify_callback as verify_callback

classify = _classifier("m4")

__all__ = ["METHODS", "Client", "PayoutFlow", "classify", "sign", "signed_fields", "string_to_sign", "verify_callback"]
