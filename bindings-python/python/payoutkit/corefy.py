"""Corefy platform (MilkyPay): callback X-Signature and BasicAuth."""

from ._native import corefy_basic_auth as basic_auth
from ._native import corefy_callback_signature as callback_signature
from ._native import corefy_verify_callback as verify_callback

__all__ = ["basic_auth", "callback_signature", "verify_callback"]
