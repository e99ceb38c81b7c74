"""Keep card numbers out of log lines, stored outcomes and stored callback bodies: the core's
``mask_card_numbers`` masks every run of 13 to 19 digits that passes Luhn (``400000******0002``).
Stored callback bodies keep their identifiers (values under keys ending in ``id``) so they
still name their payout. I/O hygiene only: no provider rule lives here."""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Set

from . import _native

_DIGITS = re.compile(r"(?<![0-9])[0-9]{13,19}(?![0-9])")


def redact_text(text: str) -> str:
    """``text`` with every card number in it masked (the core's rule)."""
    out: str = _native.call("mask_card_numbers", text)
    return out


def redact(value: Any) -> Any:
    """A copy of a JSON-like value (dicts, lists, strings) with card numbers masked."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and 13 <= len(str(abs(value))) <= 19:
        return redact_text(str(value))
    return value


def _ids(value: Any, out: Set[str]) -> None:
    """Values under keys ending in ``id`` (order_id, reference_id, id): identifiers, not cards."""
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str) and k.lower().endswith("id") and isinstance(v, (str, int)) and not isinstance(v, bool):
                out.add(str(v))
            _ids(v, out)
    elif isinstance(value, list):
        for v in value:
            _ids(v, out)


def redact_bytes(body: bytes, keep: Iterable[str] = ()) -> bytes:
    """A JSON (or any UTF-8) body with card numbers masked, except digit runs in ``keep``
    and identifiers (values under keys ending in ``id``), so the body still names its
    payout. Bytes that are not UTF-8 are kept as they are."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return body
    spare = set(keep)
    try:
        _ids(json.loads(text), spare)
    except ValueError:
        pass
    # Digit runs that are identifiers are kept; every other run goes through the core's rule.
    return _DIGITS.sub(lambda m: m.group(0) if m.group(0) in spare else redact_text(m.group(0)), text).encode("utf-8")
