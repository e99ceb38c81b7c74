"""Payout field validation. Every rule runs in the Rust core (the same verdict as the
browser's WASM build); this module only wraps the results in typed objects."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, NamedTuple, Sequence

from . import _native
from ._native import card_brand, iban_valid, luhn_valid, mask_pan

__all__ = ["FieldError", "Report", "Validator", "card_brand", "iban_valid", "luhn_valid", "mask_pan"]



class FieldError(NamedTuple):
    """One field's error: a stable ``code``, its ``params`` and the localized ``message``."""

    field: str
    code: str
    params: Dict[str, Any]
    message: str


class Report(NamedTuple):
    """``valid``: every field passes. ``potentially_valid``: typing more can still make it
    pass (for as-you-type). ``values``: the normalised values to submit."""

    valid: bool
    potentially_valid: bool
    errors: List[FieldError]
    values: Dict[str, str]


class Validator:
    """Field rules: hand-written, or from a provider (Corefy pre-request, M4
    account_info_config, the exotic.company field table)."""

    __slots__ = ("_native",)

    def __init__(self, rules: Sequence[Mapping[str, Any]]) -> None:
        self._native = _native.Validator(rules)

    @classmethod
    def _wrap(cls, native: Any) -> "Validator":
        v = cls.__new__(cls)
        v._native = native
        return v

    @classmethod
    def from_corefy_prerequest(cls, response: str, service: str) -> "Validator":
        """``response``: the JSON text of the ``/payout-prerequest`` response (``r.text``)."""
        return cls._wrap(_native.Validator.from_corefy_prerequest(response, service))

    @classmethod
    def from_m4_account_info_config(cls, config: str) -> "Validator":
        """``config``: the JSON text of ``account_info_config``."""
        return cls._wrap(_native.Validator.from_m4_account_info_config(config))

    @classmethod
    def for_exotic(cls, payment_method: str) -> "Validator":
        return cls._wrap(_native.Validator.for_exotic(payment_method))

    def validate(self, values: Mapping[str, Any], locale: str = "en", partial: bool = False) -> Report:
        r = self._native.validate(values, locale, partial)
        return Report(r["valid"], r["potentially_valid"], [FieldError(**e) for e in r["errors"]], r["values"])

    def __repr__(self) -> str:
        return "Validator(...)"
