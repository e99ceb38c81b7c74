"""What the vector generators (tests/vectors/gen_*.py) share. Python standard library only.

The generators are oracles independent of the library: they compute every expectation from the
provider documents and FORMAT.md / VALIDATION.md. This module holds what they would otherwise
each repeat: the case shape and its ok/err expectations, the tagged values of FORMAT.md, the
value rules that give a scalar its signed text, the compact JSON writer with exact numbers,
sha256, and where and how a corpus file is written.

Output folder: tests/vectors/, or the folder named by the environment variable
PAYOUTKIT_VECTORS_OUT (tests/vectors/regenerate.py uses it to regenerate into a temporary
folder and compare).
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT_DIR = Path(os.environ.get("PAYOUTKIT_VECTORS_OUT") or HERE).resolve()
MAX_SAFE = 2**53 - 1  # the largest integer a JS number holds exactly


# --------------------------------------------------------------------------------------------
# cases (FORMAT.md: {name, op, args, expect, source, note?})
# --------------------------------------------------------------------------------------------
def case(name, op, args, expect, source="own", note=""):
    """One case, keys in corpus order; `note` only when there is one."""
    c = {"name": name, "op": op, "args": args, "expect": expect, "source": source}
    if note:
        c["note"] = note
    return c


def ok(result, line=None):
    """Expect a result (and, for the signing ops, the string that was signed)."""
    e = {"result": result}
    if line is not None:
        e["string_to_sign"] = line
    return e


def err(code, field=None):
    """Expect the typed error {code, field}."""
    return {"error": {"code": code, "field": field}}


def report(*codes, key="f", valid=None, pv=None):
    """Expect a validation report of one field `key` with these error codes (a code may be a
    (code, params) pair); valid defaults to "no codes", potentially_valid to valid."""
    errors = [{"field": key, "code": c, "params": p} for c, p in ((c if isinstance(c, tuple) else (c, {})) for c in codes)]
    v = not codes if valid is None else valid
    return ok({"valid": v, "potentially_valid": v if pv is None else pv, "errors": errors})


def rules(pattern=None, **kw):
    """A validator of one rule for the field "f"."""
    r = {"key": "f", **kw}
    if pattern is not None:
        r["pattern"] = pattern
    return {"rules": [r]}


# --------------------------------------------------------------------------------------------
# tagged values (FORMAT.md "Tagged values"): what JSON cannot hold
# --------------------------------------------------------------------------------------------
def BIG(digits):
    """An integer beyond a JS number: {"$bigint": digits}."""
    return {"$bigint": str(digits)}


def DEC(text):
    """A host decimal: {"$decimal": text}."""
    return {"$decimal": text}


def HEX(h):
    """Raw bytes: {"$bytes_hex": hex}."""
    return {"$bytes_hex": h}


def F(text):
    """A host float: {"$float": text}."""
    return {"$float": text}


def REP(s, n):
    """s repeated n times: {"$repeat": [s, n]}."""
    return {"$repeat": [s, n]}


def LONE(s):
    """s with a lone surrogate after its first character: {"$lone_surrogate": s}."""
    return {"$lone_surrogate": s}


# --------------------------------------------------------------------------------------------
# the value rules (FORMAT.md): the signed text of a scalar
# --------------------------------------------------------------------------------------------
class Unsignable(Exception):
    """A value the value rules give no signed text (each generator maps this to its own error)."""


def float_text(f: float) -> str:
    """Shortest round-trip decimal text, plain notation, no exponent, no trailing '.0', "-0" is "0";
    NaN, +-Infinity and floats beyond 2^53-1 are unsignable."""
    if not math.isfinite(f) or abs(f) > MAX_SAFE:
        raise Unsignable(f)
    s = format(Decimal(repr(f)), "f")  # repr() is the shortest round-trip form
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def text(v) -> str:
    """The signed text of a scalar: a string as is (a lone surrogate is unsignable), an integer in
    decimal, a float by float_text, a Decimal or {"$decimal": t} as its text, {"$bigint": d} in
    decimal. Booleans, null, bytes, lists and other objects are unsignable."""
    if isinstance(v, bool) or v is None:
        raise Unsignable(v)
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise Unsignable(v) from None
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return float_text(v)
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, dict) and len(v) == 1 and "$decimal" in v:
        return v["$decimal"]
    if isinstance(v, dict) and len(v) == 1 and "$bigint" in v:
        return str(int(v["$bigint"]))
    raise Unsignable(v)


def sha256(b) -> str:
    """Hex SHA-256 of bytes, or of a string's UTF-8."""
    return hashlib.sha256(b if isinstance(b, bytes) else b.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# JSON text
# --------------------------------------------------------------------------------------------
class Raw:
    """A JSON number written exactly as this text."""

    def __init__(self, text):
        self.text = text


def dumps(v) -> str:
    """Compact JSON text (no spaces, non-ASCII kept), Raw numbers verbatim, keys in order."""
    if isinstance(v, Raw):
        return v.text
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + dumps(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dumps(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def walk_numbers(v, path="$", plain_floats=False):
    """Every plain JSON number of v is one each runtime reads exactly: integers within 2^53-1,
    finite floats (with plain_floats, written without an exponent)."""
    if isinstance(v, bool):
        return
    if isinstance(v, int):
        assert -MAX_SAFE <= v <= MAX_SAFE, f"plain integer out of JS safe range at {path}"
    elif isinstance(v, float):
        assert math.isfinite(v) and not (plain_floats and "e" in repr(v)), path
    elif isinstance(v, dict):
        for k, x in v.items():
            walk_numbers(x, f"{path}.{k}", plain_floats)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk_numbers(x, f"{path}[{i}]", plain_floats)


# --------------------------------------------------------------------------------------------
# writing a corpus file
# --------------------------------------------------------------------------------------------
def write_json(path: Path, doc) -> Path:
    """The corpus layout: indent 1, non-ASCII kept, a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_corpus(filename, about, cases, disputed=None, disputed_about=None) -> Path:
    """Write {about, cases} as OUT_DIR/filename (case names unique, the disputed ones included)
    and return its path. A generator that keeps `disputed` cases writes them only when run as
    `gen_X.py --disputed PATH`, to PATH, which must lie outside the corpus folder (the runners
    load every *.json there)."""
    dups = sorted(n for n, k in Counter(c["name"] for c in list(cases) + list(disputed or [])).items() if k > 1)
    assert not dups, f"duplicate case names {dups}"
    out = write_json(OUT_DIR / filename, {"about": about, "cases": cases})
    if disputed is not None and len(sys.argv) == 3 and sys.argv[1] == "--disputed":
        target = Path(sys.argv[2]).resolve()
        assert target.parent not in (HERE, OUT_DIR), \
            "disputed cases must not land in tests/vectors (the runners load every *.json there)"
        write_json(target, {"about": disputed_about, "cases": disputed})
        print(len(disputed), "disputed cases written to", target)
    return out


# Corefy's /payout-prerequest response sample (source document 004), verbatim: the requests
# corpus classifies it, the validation corpus builds validators from it.
COREFY_PREREQUEST_SAMPLE = r"""{
"data":{
"currency":"USD",
"amount":10,
"test_mode":true,
"services":{
"test_usd":{
"code":"test_usd",
"method":"test",
"currency":"USD",
"fields":[
{
"key":"account",
"type":"string",
"label":{
"ru":"Аккаунт",
"en":"Account",
"uk":"Акаунт"
},
"example":null,
"hint":{
"ru":"Аккаунт",
"en":"Account",
"uk":"Акаунт"
},
"regexp":"^\\\\d{1,15}$",
"required":true,
"position":0
},
{
"key":"test_details_success_rate",
"type":"string",
"label":{
"ru":"Вероятность успеха (%)",
"en":"Success rate (%)",
"uk":"Імовірність успіху (%)"
},
"example":null,
"hint":{
"ru":"Вероятность успеха (%)",
"en":"Success rate (%)",
"uk":"Імовірність успіху (%)"
},
"regexp":"^\\\\d{1,15}$",
"required":false,
"position":0
},
{
"key":"test_details_payout_status",
"type":"string",
"label":{
"ru":"Ожидаемый статус",
"en":"Expected status",
"uk":"Очікуваний статус"
},
"example":null,
"hint":{
"ru":"Ожидаемый статус",
"en":"Expected status",
"uk":"Очікуваний статус"
},
"regexp":"^[A-Z\\\\-\\\\sa-z]{2,64}$",
"required":false,
"position":0
},
{
"key":"test_details_payout_resolution",
"type":"string",
"label":{
"ru":"Ожидаемый resolution",
"en":"Expected resolution",
"uk":"Очікуваний resolution"
},
"example":null,
"hint":{
"ru":"Ожидаемый resolution",
"en":"Expected resolution",
"uk":"Очікуваний resolution"
},
"regexp":"^[A-Z\\\\-\\\\sa-z]{2,64}$",
"required":false,
"position":0
}
],
"amount_min":0.01,
"amount_max":9999999,
"exchange_rate":1,
"amount":"10.00"
},
"methods":{
"test":{
"code":"test",
"category":"alternative",
"description":"",
"name":{
"en":"Test",
"ru":"Test",
"uk":"Test"
},
"logo":"https://static.openfintech.io/payout_methods/test/logo.png",
"icon":"https://static.openfintech.io/payout_methods/test/icon.svg",
"metadata":null,
"position":null,
"hide":null
}
},
"account":{
"name":"4Docs",
"description":"for documenting and testing",
"icon":"https://static-dev.psp.name/images/default.svg?1595852370",
"website":"https://lets.doc.it"
}
}
}
}"""
_DOC_004 = HERE.parents[1].parent / "shared/specs/source-docs/004-milkypay-corefy-payouts.txt"
if _DOC_004.exists():  # optional cross-check: still the document's response sample verbatim
    _lines = _DOC_004.read_text(encoding="utf-8").splitlines()
    _start = _lines.index("Endpoint: /payout-prerequest")
    _open = [i for i in range(_start, len(_lines)) if _lines[i] == "{"][1]  # [0] is the request sample
    assert "\n".join(_lines[_open:_open + len(COREFY_PREREQUEST_SAMPLE.splitlines())]) == COREFY_PREREQUEST_SAMPLE
