"""Exceptions raised by payoutkit. Defined in Python so they pickle, subclass and print
like any other Python exception; the native module raises them through `_from_native`."""

from __future__ import annotations

from typing import Optional

__all__ = ["PayoutkitError", "PayoutkitTypeError", "SignatureError"]


class PayoutkitError(ValueError):
    """Bad input to payoutkit.

    ``code`` is a stable snake_case string (see ``payoutkit.ERROR_CODES``); ``field`` names
    the argument or parameter at fault, or is ``None``. Messages never contain secrets.
    """

    code: str
    field: Optional[str]

    def __init__(self, message: str, code: str, field: Optional[str] = None) -> None:
        super().__init__(message)
        self.code = code
        self.field = field

    def __reduce__(self) -> "tuple[type, tuple[str, str, Optional[str]]]":  # keep code/field across pickling
        return (type(self), (str(self), self.code, self.field))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, code={self.code!r}, field={self.field!r})"


class PayoutkitTypeError(PayoutkitError, TypeError):
    """An argument of the wrong type (code ``invalid_argument``); also a ``TypeError``."""


class SignatureError(PayoutkitError):
    """A callback whose signature does not verify (code ``invalid_signature``): raised by
    ``parse_verified_callback``; not from the provider, do not act on it."""


def _from_native(message: str, code: str, field: Optional[str]) -> PayoutkitError:
    cls = {"invalid_argument": PayoutkitTypeError, "invalid_signature": SignatureError}.get(code, PayoutkitError)
    return cls(message, code, field)
