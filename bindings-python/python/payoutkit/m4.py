"""M4 (Withdraw Flow V1): request signatures and callback verification."""

from ._native import M4_METHODS as METHODS
from ._native import m4_sign as sign
from ._native import m4_signed_fields as signed_fields
from ._native import m4_string_to_sign as string_to_sign
from ._native import m4_verify_callback as verify_callback

__all__ = ["METHODS", "sign", "signed_fields", "string_to_sign", "verify_callback"]
