"""Property checks through the binding (seeded, so a failure repeats): key order never changes
an M4 signature, verify(sign(x)) holds and a flipped byte breaks it, the line to sign never
holds the secret, and separators a payee types never change a verdict. The core's proptest
suite covers the same invariants in depth; these catch a binding that converts dicts,
strings or bytes differently."""

from __future__ import annotations

import json
import random

import payoutkit
from payoutkit import corefy, m4

ALPHABET = "abcXYZ019 ._:/@+-ёж€"


def test_signing_properties():
    rnd = random.Random(0x2545F491)
    text = lambda n: "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, n)))  # noqa: E731
    fields = m4.signed_fields("withdraw/create")
    for i in range(300):
        secret = f"§{text(20)}k"
        entries = [(f, text(12)) for f in fields] + [(f"extra_{i}", text(8))]
        sig = m4.sign("withdraw/create", dict(entries), secret)
        assert m4.sign("withdraw/create", dict(reversed(entries)), secret) == sig
        assert secret not in m4.string_to_sign("withdraw/create", dict(entries))
        body = json.dumps(dict(entries), ensure_ascii=False).encode()
        xsig = corefy.callback_signature(body, secret)
        assert corefy.verify_callback(body, xsig, secret)
        flipped = bytearray(body)
        flipped[rnd.randrange(len(flipped))] ^= 1 << rnd.randrange(8)
        assert not corefy.verify_callback(bytes(flipped), xsig, secret)
        assert not corefy.verify_callback(body, xsig, secret + "x")


def test_separators_never_change_a_verdict():
    rnd = random.Random(7)
    v = payoutkit.Validator([{"key": "card", "checks": ["luhn"], "max_length": 19}])
    for _ in range(300):
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(0, 19)))
        typed = list(digits)
        for _ in range(rnd.randint(0, 4)):
            typed.insert(rnd.randint(0, len(typed)), rnd.choice(" -"))
        for partial in (False, True):
            a = v.validate({"card": digits}, partial=partial)
            b = v.validate({"card": "".join(typed)}, partial=partial)
            assert (a.valid, a.potentially_valid, [e.code for e in a.errors]) == (b.valid, b.potentially_valid, [e.code for e in b.errors])
