#!/usr/bin/env python3
"""Generate tests/vectors/signing.json, the shared signing test-vector corpus of payoutkit.

Oracle: Python 3.11 standard library only (hashlib, hmac, base64, json, urllib.parse, decimal).
The formulas of tests/vectors/FORMAT.md are implemented here independently of the library.
Published / provider-example values are hard-coded below and asserted equal to what the
oracle computes, which cross-checks the oracle against the provider documentation.

Every case also states its intent (`want`: success, a fixed value, True/False, or an error);
the generator refuses to write the file if the oracle disagrees with the intent, and after
writing it re-reads the file and recomputes every case from the parsed JSON (round trip).

Run:  python3 tests/vectors/gen_signing.py
      (writes into tests/vectors/, or into $PAYOUTKIT_VECTORS_OUT when set; the helpers shared
      by the generators are in vectorlib.py; regenerate.py runs them all)
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.parse
from decimal import Decimal
from pathlib import Path

from vectorlib import BIG, DEC, HEX, MAX_SAFE, Unsignable, case, sha256, walk_numbers, write_corpus
from vectorlib import text as scalar_text

PROVIDER_EXAMPLES = Path("/work/shared/vectors/provider-examples.json")  # optional cross-check

WS = " \t\r\n"  # the whitespace FORMAT.md names for secrets and signature trimming


# --------------------------------------------------------------------------------------------
# tagged values: this oracle's classes for them (vectorlib writes the tags)
# --------------------------------------------------------------------------------------------
class BigInt:
    def __init__(self, digits: str):
        int(digits)  # validate
        self.digits = digits

    def __eq__(self, other):
        return isinstance(other, BigInt) and other.digits == self.digits

    def __repr__(self):
        return f"BigInt({self.digits})"


class Dec:
    def __init__(self, text: str):
        d = Decimal(text)
        assert "e" not in text.lower() and d.is_finite(), "plain notation only"
        self.text = text

    def __eq__(self, other):
        return isinstance(other, Dec) and other.text == self.text

    def __repr__(self):
        return f"Dec({self.text})"


class Bytes:
    def __init__(self, data: bytes):
        self.data = bytes(data)

    def __eq__(self, other):
        return isinstance(other, Bytes) and other.data == self.data

    def __repr__(self):
        return f"Bytes({self.data!r})"


def to_json(v):
    """Python value (with tag classes) -> JSON-ready value (tags as {"$...": ...})."""
    if isinstance(v, BigInt):
        return BIG(v.digits)
    if isinstance(v, Dec):
        return DEC(v.text)
    if isinstance(v, Bytes):
        return HEX(v.data.hex())
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    return v


def from_json(v):
    """Inverse of to_json, used for the round-trip check of the written file."""
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == "$bigint":
                return BigInt(x)
            if k == "$decimal":
                return Dec(x)
            if k == "$bytes_hex":
                return Bytes(bytes.fromhex(x))
        return {k: from_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [from_json(x) for x in v]
    return v


# --------------------------------------------------------------------------------------------
# errors and shared rules
# --------------------------------------------------------------------------------------------
class Err(Exception):
    def __init__(self, code: str, field: str | None):
        super().__init__(code, field)
        self.code = code
        self.field = field


def check_secret(secret, arg_name: str) -> bytes:
    if not isinstance(secret, str) or secret == "" or secret != secret.strip(WS):
        raise Err("invalid_secret", arg_name)
    return secret.encode("utf-8")


def value_text(field: str, v) -> str:
    """FORMAT.md value rules for a value in a signed field (vectorlib.text over this oracle's tag classes)."""
    if isinstance(v, (list, tuple, dict, Bytes)):
        raise Err("unsupported_value", field)
    if isinstance(v, BigInt):
        return str(int(v.digits))
    if isinstance(v, Dec):
        return v.text
    try:
        return scalar_text(v)
    except Unsignable:
        raise Err("unsupported_value", field) from None


def byte_sorted(keys):
    return sorted(keys, key=lambda k: k.encode("utf-8"))


# --------------------------------------------------------------------------------------------
# M4
# --------------------------------------------------------------------------------------------
M4_FIELDS = {
    "withdraw/try": ["amount", "amount_type", "payway", "shop_currency", "shop_id"],
    "check_account": ["account", "amount", "payway", "shop_id"],
    "withdraw/create": ["account", "amount", "amount_type", "payway", "shop_currency", "shop_id", "shop_payment_id"],
    "withdraw/status": ["now", "shop_id", "withdraw_id"],
    "withdraw/shop_payment_status": ["now", "shop_id", "shop_payment_id"],
    "shop_output_config/shop": ["now", "shop_id"],
    "shop_balance": ["now", "shop_id"],
    "invoice/create": ["amount", "currency", "payway", "shop_id", "shop_order_id"],
    "invoice/try": ["amount", "currency", "payway", "shop_id", "shop_order_id"],
    "invoice/status": ["now", "shop_id", "shop_order_id"],
    "invoice/hold": ["amount", "currency", "payway", "shop_id", "shop_order_id"],
    "invoice/charge": ["invoice_id", "now", "shop_id"],
}


def m4_fields(method):
    if not isinstance(method, str) or method not in M4_FIELDS:
        raise Err("unknown_method", "method")
    return byte_sorted(M4_FIELDS[method])


def m4_line(fields, params) -> str:
    parts = []
    for f in fields:  # signing order = sorted by key
        if f not in params:
            raise Err("missing_field", f)
        parts.append(value_text(f, params[f]))
    return ":".join(parts)


def m4_signed_fields(args):
    return m4_fields(args["method"])


def m4_string_to_sign(args):
    fields = m4_fields(args["method"])
    return m4_line(fields, args["params"])


def m4_sign(args):
    fields = m4_fields(args["method"])          # 1. bad method
    key = check_secret(args["secret"], "secret")  # 2. the secret
    line = m4_line(fields, args["params"])      # 3. fields in signing order
    return sha256(line.encode("utf-8") + key)


class RawNum(str):
    """A JSON number kept as its exact text from the raw body."""


def _no_constants(name):
    raise ValueError(f"not JSON: {name}")


def _pairs_no_dups(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise Err("duplicate_field", k)
        seen[k] = v
    return seen


def parse_json_text(text: str) -> dict:
    try:
        obj = json.loads(text, parse_int=RawNum, parse_float=RawNum,
                         parse_constant=_no_constants, object_pairs_hook=_pairs_no_dups)
    except Err:
        raise
    except ValueError:
        raise Err("invalid_json", None)
    if not isinstance(obj, dict):
        raise Err("invalid_json", None)
    _no_lone_surrogates(obj)
    return obj


def _no_lone_surrogates(v):
    """A \\ud800 escape without its low half decodes to no text: the body is refused as invalid_json."""
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise Err("invalid_json", None)
    elif isinstance(v, dict):
        for k, x in v.items():
            _no_lone_surrogates(k)
            _no_lone_surrogates(x)
    elif isinstance(v, list):
        for x in v:
            _no_lone_surrogates(x)


def parse_form(text: str) -> dict:
    out = {}
    if text.strip(WS) == "":
        return out
    for part in text.split("&"):
        assert part != "", "corpus avoids empty segments"
        if "=" not in part:
            raise Err("invalid_form", None)  # malformed: only ever 'not authentic' (false)
        k, _, v = part.partition("=")
        try:
            k = urllib.parse.unquote_plus(k, encoding="utf-8", errors="strict")
            v = urllib.parse.unquote_plus(v, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise Err("invalid_encoding", None)
        if k in out:
            raise Err("duplicate_field", k)
        out[k] = v
    return out


def m4_callback_fields(payload):
    """-> (dict of field -> value, kind) where kind is 'raw' (text/bytes) or 'object'."""
    if isinstance(payload, Bytes):
        try:
            payload = payload.data.decode("utf-8")
        except UnicodeDecodeError:
            raise Err("invalid_encoding", None)
    if isinstance(payload, str):
        head = payload.lstrip(WS)[:1]
        # Resolution of a FORMAT.md ambiguity: a text starting with "[" is JSON too, so that a
        # top-level array reaches the "non-object top level -> invalid_json" rule.
        if head in ("{", "["):
            return parse_json_text(payload), "raw"
        return parse_form(payload), "raw"
    if isinstance(payload, dict):
        return payload, "object"
    raise Err("invalid_json", None)


def m4_callback_line(fields: dict, kind: str) -> str:
    parts = []
    for k in byte_sorted(k for k in fields if k != "sign"):
        v = fields[k]
        if v is None or (isinstance(v, str) and v == ""):
            continue  # null and "" are not signed; 0 and "0" are
        if kind == "raw":
            if isinstance(v, RawNum):
                parts.append(str(v))
            elif isinstance(v, str):
                parts.append(v)
            else:  # bool, list, object
                raise Err("unsupported_value", k)
        else:
            parts.append(value_text(k, v))
    return ":".join(parts)


def m4_check_args(args) -> bytes:
    """The caller's own mistakes raise (issue 11 item 8): payload / secret of a wrong type, an unusable secret."""
    payload = args["payload"]
    if not isinstance(payload, (str, Bytes, dict)):
        raise Err("invalid_argument", "payload")
    if not isinstance(args["secret"], str):
        raise Err("invalid_argument", "secret")
    return check_secret(args["secret"], "secret")


def m4_authentic(args):
    """-> (fields, kind) of an authentic callback, or None for every 'not authentic' answer (issue 11 item 8):
    no sign, an empty sign, a sign that is not a string, malformed JSON or form body, a top-level non-object, a
    duplicate key, invalid UTF-8, a value that cannot be signed (nested object/list, bool), a wrong signature."""
    key = m4_check_args(args)
    try:
        fields, kind = m4_callback_fields(args["payload"])
        sign = fields.get("sign")
        if not isinstance(sign, str) or isinstance(sign, RawNum) or sign.strip(WS) == "":
            return None
        line = m4_callback_line(fields, kind)
    except Err:
        return None
    expected = sha256(line.encode("utf-8") + key)
    if not hmac.compare_digest(sign.strip(WS).lower().encode(), expected.encode()):
        return None
    return fields, kind


def m4_verify_callback(args):
    return m4_authentic(args) is not None


M4_CB_KIND = {"success": "succeeded", "hold": "pending", "rejected": "rejected",      # invoice callbacks (§1.10)
              "SUCCESS": "succeeded", "WAITING": "pending", "FAILED": "rejected"}   # refund callbacks (§1.10)


def m4_parse_verified_callback(args):
    ok_ = m4_authentic(args)
    if ok_ is None:
        raise Err("invalid_signature", None)
    fields, kind = ok_
    event = {}
    for k, v in fields.items():
        if k == "sign":
            continue
        if v is None:
            event[k] = None
        elif kind == "raw":
            event[k] = str(v)  # strings as decoded, numbers as their exact text
        else:
            event[k] = value_text(k, v)
    st = event.get("status")
    event["kind"] = M4_CB_KIND.get(st, "pending") if isinstance(st, str) else "pending"
    return event


def m4_callback_sign(payload, secret: str) -> str:
    """Helper to build valid callbacks (sign value ignored by the line)."""
    fields, kind = m4_callback_fields(payload)
    return sha256((m4_callback_line(fields, kind) + secret).encode("utf-8"))


# --------------------------------------------------------------------------------------------
# exotic
# --------------------------------------------------------------------------------------------
EXOTIC_REQUISITE = {"card": "number_card", "sbp": "phone_number", "score": "number_score", "iban": "iban_number"}


def exotic_requisite(params) -> str:
    if "payment_method" not in params:
        raise Err("missing_field", "payment_method")
    pm = params["payment_method"]
    if not isinstance(pm, str) or pm not in EXOTIC_REQUISITE:
        raise Err("invalid_value", "payment_method")
    return EXOTIC_REQUISITE[pm]


def exotic_line(params, requisite) -> str:
    return m4_line(["order_id", "fiat_amount", requisite, "fiat_currency"], params)


def exotic_string_to_sign(args):
    req = exotic_requisite(args["params"])
    return exotic_line(args["params"], req)


def exotic_sign_payout(args):
    req = exotic_requisite(args["params"])            # 1. bad payment_method
    key = check_secret(args["sign_key"], "sign_key")  # 2. the secret
    line = exotic_line(args["params"], req)           # 3. fields in signing order
    return sha256(line.encode("utf-8") + b":" + key)


# --------------------------------------------------------------------------------------------
# corefy
# --------------------------------------------------------------------------------------------
def body_bytes(body) -> bytes:
    if isinstance(body, Bytes):
        return body.data
    assert isinstance(body, str)
    return body.encode("utf-8")


def corefy_callback_signature(args):
    key = check_secret(args["secret"], "secret")
    return base64.b64encode(hashlib.sha1(key + body_bytes(args["body"]) + key).digest()).decode("ascii")


def corefy_check_args(args):
    body, sig = args["body"], args["signature"]
    if not isinstance(body, (str, Bytes)):
        raise Err("invalid_argument", "body")
    if sig is not None and not isinstance(sig, str):
        raise Err("invalid_argument", "signature")
    if not isinstance(args["secret"], str):
        raise Err("invalid_argument", "secret")


def corefy_verify_callback(args):
    """False for a missing (null) or empty signature, malformed base64, a wrong signature (issue 11 item 8)."""
    corefy_check_args(args)
    expected = corefy_callback_signature({"body": args["body"], "secret": args["secret"]})
    if args["signature"] is None:
        return False
    given = args["signature"].strip(WS)
    return given != "" and hmac.compare_digest(given.encode("utf-8"), expected.encode("ascii"))


CF_EV_KEYS = ["status", "resolution", "reference_id", "amount", "payout_amount", "currency", "service_amount",
              "service_currency", "processed_amount", "fee", "test_mode", "created", "updated"]
CF_KIND = {**{s: "pending" for s in ["created", "processing", "process_pending", "partially_processed", "process_error",
                                      "canceling", "cancel_pending", "cancel_error"]},
           **{s: "succeeded" for s in ["processed", "partially_canceled", "cancel_failed"]},
           **{s: "rejected" for s in ["expired", "terminated", "process_failed", "canceled"]}}


def _decode_json_body(body):
    """Raw callback body -> object (duplicate keys at any depth refused; numbers kept as exact text)."""
    if isinstance(body, Bytes):
        try:
            body = body.data.decode("utf-8")
        except UnicodeDecodeError:
            raise Err("invalid_encoding", None)
    return parse_json_text(body)


def _event_value(v):
    if isinstance(v, RawNum):
        return str(v)
    return v  # str, bool, None (objects and lists are not event keys)


def corefy_parse_callback(body):
    """FORMAT.md 'Callback events: corefy'."""
    doc = _decode_json_body(body)
    data = doc.get("data")
    if not isinstance(data, dict):
        raise Err("missing_field", "data")
    attrs = data.get("attributes") if isinstance(data.get("attributes"), dict) else {}
    if data.get("id") in (None, ""):
        raise Err("missing_field", "id")
    if attrs.get("status") in (None, ""):
        raise Err("missing_field", "status")
    ev = {"id": _event_value(data.get("id")), "type": _event_value(data.get("type"))}
    ev.update({k: _event_value(attrs.get(k)) for k in CF_EV_KEYS})
    ev["kind"] = CF_KIND.get(ev["status"], "pending")
    return ev


def corefy_parse_verified_callback(args):
    if not corefy_verify_callback(args):
        raise Err("invalid_signature", None)
    return corefy_parse_callback(args["body"])


def corefy_basic_auth(args):
    acc = args["account_id"]
    if not isinstance(acc, str) or acc == "" or ":" in acc:
        raise Err("invalid_value", "account_id")
    key = check_secret(args["api_key"], "api_key")
    return "Basic " + base64.b64encode(acc.encode("utf-8") + b":" + key).decode("ascii")


# --------------------------------------------------------------------------------------------
# recipe
# --------------------------------------------------------------------------------------------
RECIPE_KEYS = ["fields", "sort", "exclude", "separator", "secret", "hash", "output"]
SECRET_MODES = ["append", "append_with_separator", "prepend", "wrap", "hmac_key"]
HASHES = ["sha256", "sha1", "md5", "sha512"]
OUTPUTS = ["hex", "hex_upper", "base64"]


def recipe_parse(spec) -> dict:
    for k in spec:
        if k not in RECIPE_KEYS:
            raise Err("invalid_recipe", k)
    r = {"sort": False, "exclude": [], "separator": ":", "secret": "append", "hash": "sha256", "output": "hex"}
    f = spec.get("fields")
    if not (f in ("all_non_empty", "raw_body") or (isinstance(f, list) and all(isinstance(x, str) for x in f))):
        raise Err("invalid_recipe", "fields")
    r["fields"] = f
    if "sort" in spec:
        if not isinstance(spec["sort"], bool):
            raise Err("invalid_recipe", "sort")
        r["sort"] = spec["sort"]
    if "exclude" in spec:
        if not (isinstance(spec["exclude"], list) and all(isinstance(x, str) for x in spec["exclude"])):
            raise Err("invalid_recipe", "exclude")
        r["exclude"] = spec["exclude"]
    if "separator" in spec:
        if not isinstance(spec["separator"], str):
            raise Err("invalid_recipe", "separator")
        r["separator"] = spec["separator"]
    for k, allowed in (("secret", SECRET_MODES), ("hash", HASHES), ("output", OUTPUTS)):
        if k in spec:
            if spec[k] not in allowed:
                raise Err("invalid_recipe", k)
            r[k] = spec[k]
    return r


def recipe_line(r, params) -> str:
    f = r["fields"]
    if f == "raw_body":
        assert isinstance(params, str)
        return params
    if f == "all_non_empty":
        names = byte_sorted(k for k, v in params.items()
                            if k not in r["exclude"] and v is not None and not (isinstance(v, str) and v == ""))
    else:
        names = byte_sorted(f) if r["sort"] else list(f)
    return r["separator"].join(_field_texts(names, params))


def _field_texts(names, params):
    out = []
    for n in names:
        if n not in params:
            raise Err("missing_field", n)
        out.append(value_text(n, params[n]))
    return out


def recipe_string_to_sign(args):
    r = recipe_parse(args["recipe"])
    return recipe_line(r, args["params"])


def recipe_sign(args):
    r = recipe_parse(args["recipe"])                # 1. bad recipe
    key = check_secret(args["secret"], "secret")    # 2. the secret
    line = recipe_line(r, args["params"]).encode("utf-8")  # 3. fields
    sep = r["separator"].encode("utf-8")
    h = getattr(hashlib, r["hash"])
    mode = r["secret"]
    if mode == "hmac_key":
        digest = hmac.new(key, line, h).digest()
    else:
        msg = {"append": line + key, "append_with_separator": line + sep + key,
               "prepend": key + line, "wrap": key + line + key}[mode]
        digest = h(msg).digest()
    out = r["output"]
    if out == "hex":
        return digest.hex()
    if out == "hex_upper":
        return digest.hex().upper()
    return base64.b64encode(digest).decode("ascii")


def recipe_verify(args):
    r = recipe_parse(args["recipe"])
    expected = recipe_sign({k: args[k] for k in ("recipe", "params", "secret")})
    given = args["signature"].strip(WS)
    if r["output"] in ("hex", "hex_upper"):
        given, expected = given.lower(), expected.lower()
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("ascii"))


EX_EV_KEYS = ["order_id", "type", "status", "fiat_amount", "usdt_amount", "merchant_spent_usdt", "fiat_currency",
              "exchange_rate", "payment_method", "number_card", "phone_number", "number_score", "iban_number", "full_name",
              "bank_name", "created_at", "updated_at", "standart_sign"]
EX_KIND = {"expectation": "pending", "successful": "succeeded", "rejected_timeout": "rejected",
           "rejected_merchant": "rejected", "rejected_gate": "rejected"}


def exotic_parse_callback_doc(doc):
    """FORMAT.md 'Callback events: exotic' over a decoded object."""
    for k in ("order_id", "status"):
        if doc.get(k) in (None, ""):
            raise Err("missing_field", k)
    ev = {k: _event_value(doc.get(k)) for k in EX_EV_KEYS}
    ev["kind"] = EX_KIND.get(ev["status"], "pending")
    return ev


def exotic_parse_verified_callback(args):
    """exotic.parse_verified_callback {args, body}: the gateway built from args verifies standart_sign with its
    standart_sign recipe (sign_key as the secret) over the callback's fields, then parses the event."""
    a = list(args["args"]) + [None] * (5 - len(args["args"]))
    merchant, sign_key, api_key, base_url, recipe = a[:5]
    assert isinstance(merchant, str) and isinstance(base_url, str)
    check_secret(sign_key, "sign_key")
    check_secret(api_key, "api_key")
    if recipe is None:
        raise Err("not_configured", "standart_sign")
    r = recipe_parse(recipe)
    body = args["body"]
    if not isinstance(body, (str, Bytes)):
        raise Err("invalid_argument", "body")
    try:
        doc = _decode_json_body(body)
    except Err:
        raise Err("invalid_signature", None)  # an unparsable body is not authentic
    given = doc.get("standart_sign")
    if not isinstance(given, str) or isinstance(given, RawNum) or given.strip(WS) == "":
        raise Err("invalid_signature", None)
    try:
        expected = recipe_sign({"recipe": recipe, "params": doc, "secret": sign_key})
    except Err:
        raise Err("invalid_signature", None)  # a field the recipe needs is missing or cannot be signed
    given = given.strip(WS)
    if r["output"] in ("hex", "hex_upper"):
        given, expected = given.lower(), expected.lower()
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("ascii")):
        raise Err("invalid_signature", None)
    return exotic_parse_callback_doc(doc)


OPS = {
    "m4.parse_verified_callback": m4_parse_verified_callback,
    "corefy.parse_verified_callback": corefy_parse_verified_callback,
    "exotic.parse_verified_callback": exotic_parse_verified_callback,
    "m4.sign": m4_sign,
    "m4.string_to_sign": m4_string_to_sign,
    "m4.signed_fields": m4_signed_fields,
    "m4.verify_callback": m4_verify_callback,
    "exotic.sign_payout": exotic_sign_payout,
    "exotic.string_to_sign": exotic_string_to_sign,
    "corefy.callback_signature": corefy_callback_signature,
    "corefy.verify_callback": corefy_verify_callback,
    "corefy.basic_auth": corefy_basic_auth,
    "recipe.sign": recipe_sign,
    "recipe.verify": recipe_verify,
    "recipe.string_to_sign": recipe_string_to_sign,
}
STS_OP = {"m4.sign": "m4.string_to_sign", "exotic.sign_payout": "exotic.string_to_sign",
          "recipe.sign": "recipe.string_to_sign"}
ARGS = {
    "m4.parse_verified_callback": ["payload", "secret"],
    "corefy.parse_verified_callback": ["body", "signature", "secret"],
    "exotic.parse_verified_callback": ["args", "body"],
    "m4.sign": ["method", "params", "secret"],
    "m4.string_to_sign": ["method", "params"],
    "m4.signed_fields": ["method"],
    "m4.verify_callback": ["payload", "secret"],
    "exotic.sign_payout": ["params", "sign_key"],
    "exotic.string_to_sign": ["params"],
    "corefy.callback_signature": ["body", "secret"],
    "corefy.verify_callback": ["body", "signature", "secret"],
    "corefy.basic_auth": ["account_id", "api_key"],
    "recipe.sign": ["recipe", "params", "secret"],
    "recipe.verify": ["recipe", "params", "secret", "signature"],
    "recipe.string_to_sign": ["recipe", "params"],
}


def run(op, args) -> dict:
    """Compute EXPECT for one case with the oracle."""
    try:
        result = OPS[op](args)
    except Err as e:
        return {"error": {"code": e.code, "field": e.field}}
    expect = {"result": result}
    if op in STS_OP:
        sts_args = {k: v for k, v in args.items() if k not in ("secret", "sign_key")}
        expect["string_to_sign"] = OPS[STS_OP[op]](sts_args)
    return expect


# --------------------------------------------------------------------------------------------
# case collection
# --------------------------------------------------------------------------------------------
OK = object()  # intent: success, any value


def E(code, field):  # intent: this error
    return ("error", code, field)


CASES: list[dict] = []


def add(name, op, args, want, source="own", note=None):
    assert set(args) == set(ARGS[op]), (name, sorted(args))
    expect = run(op, args)
    if isinstance(want, tuple) and want[:1] == ("error",):
        assert expect == {"error": {"code": want[1], "field": want[2]}}, (name, expect, want)
    elif want is OK:
        assert "result" in expect, (name, expect)
    else:
        assert "result" in expect and expect["result"] == want, (name, expect, want)
    for k in ("secret", "sign_key", "api_key"):
        s = args.get(k)
        if isinstance(s, str) and len(s) >= 4 and "result" in expect:
            assert s not in json.dumps(expect, ensure_ascii=False), (name, "secret leaked into expect")
    CASES.append(case(name, op, to_json(args), expect, source, note))
    return expect


SECRET = "account-secret-key"
NOW = "2026-05-24T16:35:42"


# ---- 1. provider examples (hard-coded from /work/shared/vectors/provider-examples.json) ----
DOCS_G1 = "77a6f7a30876d480d4e771d08cb83800dd5cb874664c77e515ffc052b20293c6"
DOCS_G2 = "05f6d3712417f62af6cbf66ca81c2f0b249f7dc1b4cbe3a50e3f8d67a1fb35a2"
DERIVED_S2 = "3aa48d45adc4049da3297ec8ae178fd33eb7e366ab47967147120e1a77148251"
DERIVED_S3_SIGN = "34ac402f96d96527ac20180ecdc0c5d53174e1930c27f142941187acb7904d4c"
DERIVED_S1 = "Q3UxmhaWwdRK9cUZ/yhNQWFNA+8="
DOCS_G3 = "53f49a84b929a1c6bf16fdf36ed151738def4b30a8088237ce480ffef538aa2f"

G1_PARAMS = {"shop_id": 1520, "shop_order_id": "5b0efa8a-153b-4421-abac-2aba4d772a86", "amount": "6320.91",
             "currency": 840, "payway": "card_invoice_usd", "description": "Payment for shop_id=1520"}
G1_LINE = "6320.91:840:card_invoice_usd:1520:5b0efa8a-153b-4421-abac-2aba4d772a86"
G2_PARAMS = {"shop_id": 202203, "shop_order_id": "1994", "amount": "104.04", "currency": 840, "payway": "payway_usd"}
G2_LINE = "104.04:840:payway_usd:202203:1994"
S2_PARAMS = {"shop_id": 357, "shop_currency": 643, "payway": "qiwi_topup_rub_to_wallet[mock_server,success]",
             "amount": "100.23", "account": "79991112233", "amount_type": "ps_amount",
             "shop_payment_id": "shop_payment_111", "description": "not signed"}
S2_LINE = "79991112233:100.23:ps_amount:qiwi_topup_rub_to_wallet[mock_server,success]:643:357:shop_payment_111"
S3_PAYLOAD = {"shop_order_id": "5b0efa8a-153b-4421-abac-2aba4d772a86", "shop_id": 1520, "status": "success",
              "payment_id": 12, "ps_currency": 840, "error_code": 0, "description": "", "processed": None,
              "sign": DERIVED_S3_SIGN}
S1_BODY = ('{"data":{"type":"payout-invoices","id":"cpoi_VdHYVxq4RsLEebAQ",'
           '"attributes":{"status":"processed","resolution":"ok"}}}')
S1_SECRET = "sk_test_example"
G3_PARAMS = {"order_id": "order123", "payment_method": "sbp", "fiat_amount": "1500.00",
             "phone_number": "79161234567", "fiat_currency": "rub"}
G3_LINE = "order123:1500.00:79161234567:rub"


def crosscheck_provider_file():
    """If the shared provider-examples file is present, confirm the hard-coded copies match it."""
    if not PROVIDER_EXAMPLES.exists():
        return
    px = json.loads(PROVIDER_EXAMPLES.read_text(encoding="utf-8"))
    m4 = px["m4_sign"]
    assert [e["expected"] for e in m4] == [DOCS_G1, DOCS_G2, DERIVED_S2]
    assert [e["source"] for e in m4] == ["docs", "docs", "derived"]
    assert m4[0]["params"] == G1_PARAMS and m4[0]["string_to_sign"] == G1_LINE
    assert m4[1]["params"] == G2_PARAMS and m4[2]["params"] == S2_PARAMS
    assert m4[2]["string_to_sign"] == S2_LINE
    cb = px["m4_callback"][0]
    assert cb["payload"] == S3_PAYLOAD and cb["valid"] is True and cb["source"] == "derived"
    cf = px["corefy_callback"][0]
    assert cf["body"] == S1_BODY and cf["secret"] == S1_SECRET and cf["expected"] == DERIVED_S1


crosscheck_provider_file()

add("m4 docs invoice/create example", "m4.sign",
    {"method": "invoice/create", "params": G1_PARAMS, "secret": SECRET}, DOCS_G1, "docs",
    "M4 published worked example; description is not a signed field")
assert CASES[-1]["expect"]["string_to_sign"] == G1_LINE
add("m4 white-label invoice/create docs example", "m4.sign",
    {"method": "invoice/create", "params": G2_PARAMS, "secret": SECRET}, DOCS_G2, "docs",
    "same API, white-label docs (Avanor)")
assert CASES[-1]["expect"]["string_to_sign"] == G2_LINE
add("m4 withdraw/create derived example", "m4.sign",
    {"method": "withdraw/create", "params": S2_PARAMS, "secret": SECRET}, DERIVED_S2, "derived",
    "computed from the documented formula (providers.md S2)")
assert CASES[-1]["expect"]["string_to_sign"] == S2_LINE
add("m4 callback derived example: null and empty dropped, zero kept", "m4.verify_callback",
    {"payload": S3_PAYLOAD, "secret": SECRET}, True, "derived",
    "line 0:12:840:1520:5b0efa8a-153b-4421-abac-2aba4d772a86:success (providers.md S3)")
add("corefy X-Signature over raw body (S1)", "corefy.callback_signature",
    {"body": S1_BODY, "secret": S1_SECRET}, DERIVED_S1, "derived", "providers.md S1")


# ---- 2. m4.sign for every method ----
M4_METHOD_PARAMS = {
    "withdraw/try": {"shop_id": 1520, "shop_currency": 840, "payway": "card_payway_usd", "amount": "250.00",
                     "amount_type": "ps_amount", "account": "4111111111111111", "account_details": {}},
    "check_account": {"shop_id": 1520, "payway": "card_payway_usd", "amount": "250.00",
                      "account": "4111111111111111", "account_details": {"name": "John Smith"}},
    "withdraw/create": {"shop_id": 1520, "shop_currency": 840, "payway": "card_payway_usd", "amount": "250.00",
                        "account": "4111111111111111", "amount_type": "shop_amount",
                        "shop_payment_id": "payout-2026-05-24-0001", "description": "Payout to John Smith",
                        "account_details": {"first_name": "John", "last_name": "Smith"}},
    "withdraw/status": {"shop_id": 1520, "now": NOW, "withdraw_id": 48581287},
    "withdraw/shop_payment_status": {"shop_payment_id": "payout-2026-05-24-0001", "shop_id": 1520, "now": NOW},
    "shop_output_config/shop": {"shop_id": 1520, "now": NOW, "payway": "card_payway_usd"},
    "shop_balance": {"shop_id": 1520, "now": NOW},
    "invoice/create": {"shop_id": 1520, "shop_order_id": "inv-2026-000017", "amount": "359.01", "currency": 978,
                       "payway": "card_invoice_eur", "description": "Order 17"},
    "invoice/try": {"amount": "359.01", "currency": 978, "payway": "card_invoice_eur", "shop_id": 1520,
                    "shop_order_id": "inv-2026-000017"},
    "invoice/status": {"now": NOW, "shop_id": 1520, "shop_order_id": "inv-2026-000017"},
    "invoice/hold": {"amount": "1200.00", "currency": 840, "payway": "card_invoice_usd", "shop_id": 1520,
                     "shop_order_id": "hold-0042", "description": "two-stage payment"},
    "invoice/charge": {"invoice_id": 9012345, "now": NOW, "shop_id": 1520},
}
assert set(M4_METHOD_PARAMS) == set(M4_FIELDS)
for method, params in M4_METHOD_PARAMS.items():
    extra = sorted(set(params) - set(M4_FIELDS[method]))
    add(f"m4 sign {method}", "m4.sign", {"method": method, "params": params, "secret": SECRET}, OK,
        note=("unsigned extra keys ignored: " + ", ".join(extra)) if extra else None)

# ---- 3. m4.signed_fields ----
for method in M4_FIELDS:
    add(f"m4 signed_fields {method}", "m4.signed_fields", {"method": method}, byte_sorted(M4_FIELDS[method]))
add("m4 signed_fields unknown method", "m4.signed_fields", {"method": "withdraw/refund"},
    E("unknown_method", "method"))

# ---- 4. m4.string_to_sign standalone ----
add("m4 string_to_sign docs example", "m4.string_to_sign", {"method": "invoice/create", "params": G1_PARAMS},
    G1_LINE, "docs", "the published line without the secret")
add("m4 string_to_sign withdraw/status", "m4.string_to_sign",
    {"method": "withdraw/status", "params": M4_METHOD_PARAMS["withdraw/status"]}, f"{NOW}:1520:48581287")
add("m4 string_to_sign unicode", "m4.string_to_sign",
    {"method": "invoice/status", "params": {"now": NOW, "shop_id": 1520, "shop_order_id": "заказ-№42 🚀"}},
    f"{NOW}:1520:заказ-№42 🚀")
add("m4 string_to_sign unknown method", "m4.string_to_sign", {"method": "payout/create", "params": G1_PARAMS},
    E("unknown_method", "method"))
add("m4 string_to_sign missing field", "m4.string_to_sign",
    {"method": "shop_balance", "params": {"shop_id": 1520}}, E("missing_field", "now"))
add("m4 string_to_sign unsupported value", "m4.string_to_sign",
    {"method": "shop_balance", "params": {"shop_id": 1520, "now": None}}, E("unsupported_value", "now"))

# ---- 5. value rules (m4.sign) ----
IC = lambda **kw: {**{"shop_id": 1520, "shop_order_id": "inv-2026-000017", "amount": "359.01",  # noqa: E731
                      "currency": 978, "payway": "card_invoice_eur"}, **kw}
WS_ = lambda wid: {"shop_id": 1520, "now": NOW, "withdraw_id": wid}  # noqa: E731


def m4s(name, method, params, want=OK, note=None, secret=SECRET, source="own"):
    return add(name, "m4.sign", {"method": method, "params": params, "secret": secret}, want, source, note)


m4s("m4 value cyrillic", "invoice/create", IC(shop_order_id="заказ-42", payway="карта_руб"),
    note="UTF-8 bytes of the text are hashed")
m4s("m4 value emoji", "check_account",
    {"shop_id": 1520, "payway": "card_payway_usd", "amount": "10.00", "account": "🚀 wallet 💸"})
nfc = m4s("m4 value combining characters are not normalised (NFD)", "invoice/create",
          IC(shop_order_id="Cafe\u0301-1"), note="'e' + U+0301 COMBINING ACUTE; no Unicode normalisation")
nfc2 = m4s("m4 value precomposed character (NFC)", "invoice/create", IC(shop_order_id="Caf\u00e9-1"),
           note="U+00E9; signature differs from the NFD case")
assert nfc["result"] != nfc2["result"]
a = m4s("m4 shop_id as integer 1520", "invoice/status", {"now": NOW, "shop_id": 1520, "shop_order_id": "A-1"})
b = m4s("m4 shop_id as string \"1520\"", "invoice/status", {"now": NOW, "shop_id": "1520", "shop_order_id": "A-1"},
        note="same signature as the integer 1520")
c = m4s("m4 shop_id as $bigint 1520", "invoice/status",
        {"now": NOW, "shop_id": BigInt("1520"), "shop_order_id": "A-1"}, note="same signature as the integer 1520")
assert a == b == c
a = m4s("m4 currency integer 840 and shop_id integer", "invoice/create", IC(currency=840))
b = m4s("m4 currency string \"840\" and shop_id string", "invoice/create", IC(currency="840", shop_id="1520"),
        note="same signature as integers")
assert a == b
m4s("m4 negative integer", "withdraw/status", WS_(-42), note="-42 signs as \"-42\"")
# Values at the edges of the JS bindings' one-string transfer (payoutkit::wire): a NUL or a
# real U+FFFD inside a value, a NUL in an unsigned key, integers at and past 2^53 - 1.
m4s("m4 value with a NUL character", "invoice/status", {"now": NOW, "shop_id": 1520, "shop_order_id": "A\u0000B"},
    note="NUL is signed as it is (JS bindings fall back to their field-by-field conversion)")
m4s("m4 value with a real U+FFFD character", "invoice/status", {"now": NOW, "shop_id": 1520, "shop_order_id": "A\ufffdB"},
    note="U+FFFD typed on purpose is text like any other")
m4s("m4 unsigned key with a NUL character", "invoice/status",
    {"now": NOW, "shop_id": 1520, "shop_order_id": "A-1", "x\u0000y": "ignored"})
m4s("m4 integer 2^53 - 1", "withdraw/status", WS_(2**53 - 1), note="9007199254740991, the largest exact JS integer")
m4s("m4 bigint 2^64", "withdraw/status", WS_(BigInt(str(2**64))), note="18446744073709551616")
m4s("m4 bigint 30 digits", "invoice/charge",
    {"invoice_id": BigInt("123456789012345678901234567890"), "now": NOW, "shop_id": 1520})
m4s("m4 bigint negative -2^64", "withdraw/status", WS_(BigInt("-" + str(2**64))),
    note="negative bigint signs with a leading '-', like negative integers")
a = m4s("m4 float amount 100.5", "invoice/create", IC(amount=100.5), note="float -> \"100.5\"")
b = m4s("m4 string amount \"100.5\"", "invoice/create", IC(amount="100.5"))
assert a == b
m4s("m4 float amount 0.1", "invoice/create", IC(amount=0.1), note="float -> \"0.1\" (shortest round trip)")
a = m4s("m4 float 1.0 signs as \"1\"", "invoice/create", IC(amount=1.0), note="no trailing .0")
b = m4s("m4 string \"1\" equals float 1.0", "invoice/create", IC(amount="1"))
assert a == b
a = m4s("m4 float 1520.0 shop_id equals integer", "invoice/create", IC(shop_id=1520.0))
assert a == run("m4.sign", {"method": "invoice/create", "params": IC(), "secret": SECRET})
m4s("m4 float 1e-7 plain notation", "withdraw/status", WS_(1e-7), note="1e-07 -> \"0.0000001\", never an exponent")
m4s("m4 float -0.0 signs as \"0\"", "withdraw/status", WS_(-0.0))
m4s("m4 float 2^53 exceeds safe range", "withdraw/status", WS_(9007199254740992.0),
    E("unsupported_value", "withdraw_id"), note="9007199254740992.0 > 2^53-1")
m4s("m4 float 1e16 exceeds safe range", "invoice/create", IC(amount=1e16),
    E("unsupported_value", "amount"), note="JSON literal 1e+16 is a float; pass a string or $bigint instead")
m4s("m4 float -1e16 exceeds safe range", "withdraw/status", WS_(-1e16), E("unsupported_value", "withdraw_id"))
m4s("m4 float 2^53-1 is still allowed", "withdraw/status", WS_(9007199254740991.0),
    note="magnitude equal to 2^53-1 does not exceed it -> \"9007199254740991\"")
a = m4s("m4 $decimal 1500.00 keeps trailing zeros", "invoice/create", IC(amount=Dec("1500.00")))
b = m4s("m4 string 1500.00 equals $decimal", "invoice/create", IC(amount="1500.00"))
assert a == b
a2 = m4s("m4 float 1500.0 differs from $decimal 1500.00", "invoice/create", IC(amount=1500.0),
         note="float -> \"1500\"")
assert a2["result"] != a["result"]
m4s("m4 $decimal 0.10", "invoice/create", IC(amount=Dec("0.10")), note="\"0.10\" stays \"0.10\"")
m4s("m4 empty string is a present value", "check_account",
    {"shop_id": 1520, "payway": "card_payway_usd", "amount": "10.00", "account": ""},
    note="\"\" is signed as empty: line starts with ':'")
m4s("m4 values containing colons", "invoice/create", IC(shop_order_id="order:2026:42", payway="a:b"),
    note="no escaping: ':' inside values is hashed as is")
m4s("m4 secret with inner space and non-ASCII", "shop_balance", {"shop_id": 1520, "now": NOW},
    secret="ключ секрет", note="only leading/trailing whitespace is rejected")

# ---- 6. m4 errors ----
m4s("m4 missing signed field", "withdraw/create",
    {k: v for k, v in M4_METHOD_PARAMS["withdraw/create"].items() if k != "shop_payment_id"},
    E("missing_field", "shop_payment_id"))
for label, val in (("true", True), ("false", False), ("null", None), ("list", ["250.00"]),
                   ("object", {"value": "250.00"})):
    m4s(f"m4 unsupported value {label}", "withdraw/try",
        {**M4_METHOD_PARAMS["withdraw/try"], "amount": val}, E("unsupported_value", "amount"))
m4s("m4 unknown method", "withdraw/refund", {"shop_id": 1520}, E("unknown_method", "method"))
m4s("m4 empty method", "", {"shop_id": 1520}, E("unknown_method", "method"))
m4s("m4 unknown method wins over bad secret and missing fields", "payout", {}, E("unknown_method", "method"),
    secret="", note="precedence: method, then secret, then fields")
m4s("m4 empty secret", "shop_balance", {"shop_id": 1520, "now": NOW}, E("invalid_secret", "secret"), secret="")
m4s("m4 secret with leading space", "shop_balance", {"shop_id": 1520, "now": NOW},
    E("invalid_secret", "secret"), secret=" x")
m4s("m4 secret with trailing newline", "shop_balance", {"shop_id": 1520, "now": NOW},
    E("invalid_secret", "secret"), secret="x\n")
m4s("m4 secret with leading tab", "shop_balance", {"shop_id": 1520, "now": NOW},
    E("invalid_secret", "secret"), secret="\taccount-secret-key")
m4s("m4 secret with trailing carriage return", "shop_balance", {"shop_id": 1520, "now": NOW},
    E("invalid_secret", "secret"), secret="account-secret-key\r")
m4s("m4 bad secret wins over missing field", "shop_balance", {"shop_id": 1520}, E("invalid_secret", "secret"),
    secret="", note="precedence: secret before fields")
m4s("m4 first problem in sorted field order: unsupported before missing", "withdraw/create",
    {"shop_id": 1520, "account": "79991112233", "amount": True, "payway": "p", "amount_type": "ps_amount",
     "shop_currency": 840},
    E("unsupported_value", "amount"),
    note="account is present; amount (bool) comes before missing shop_payment_id in sorted order")
m4s("m4 first problem in sorted field order: missing before unsupported", "withdraw/create",
    {"shop_id": 1520, "amount": True, "payway": "p", "amount_type": "ps_amount", "shop_currency": 840,
     "shop_payment_id": "x"},
    E("missing_field", "account"), note="account (missing) sorts before amount (bool)")
m4s("m4 two missing fields report the first sorted", "invoice/charge", {"shop_id": 1520},
    E("missing_field", "invoice_id"))
m4s("m4 float 1e300 in last signed field", "invoice/create", IC(shop_order_id=1e300),
    E("unsupported_value", "shop_order_id"))

# ---- 7. exotic ----
CALLBACKS = {"success_callback_url": "https://merchant.example/payout/ok",
             "error_callback_url": "https://merchant.example/payout/fail"}


def exs(name, params, want=OK, sign_key="test_sign_key", source="own", note=None):
    return add(name, "exotic.sign_payout", {"params": params, "sign_key": sign_key}, want, source, note)


exs("exotic docs example sbp", {**G3_PARAMS, "bank_name": "Sberbank", "timeout": 30, "customer": "client-7",
                                **CALLBACKS}, DOCS_G3, source="docs",
    note="published example; bank_name, timeout, customer and callback URLs are not signed")
assert CASES[-1]["expect"]["string_to_sign"] == G3_LINE
exs("exotic docs example sbp minimal params", dict(G3_PARAMS), DOCS_G3, source="docs")
exs("exotic card with other requisites present",
    {"order_id": "ord-2026-0001", "payment_method": "card", "fiat_amount": "2500.00", "fiat_currency": "rub",
     "number_card": "4276380012345678", "phone_number": "79161234567", "number_score": "40817810099910004312",
     "full_name": "Ivan Petrov", **CALLBACKS},
    note="only number_card is the requisite for card")
exs("exotic score", {"order_id": "ord-2026-0002", "payment_method": "score", "fiat_amount": "10000.00",
                     "fiat_currency": "rub", "number_score": "40817810099910004312", "bik": "044525225",
                     "full_name": "Иван Петров", **CALLBACKS})
exs("exotic iban", {"order_id": "ord-2026-0003", "payment_method": "iban", "fiat_amount": "99.90",
                    "fiat_currency": "eur", "iban_number": "DE89370400440532013000", **CALLBACKS})
exs("exotic sbp with $decimal amount", {**G3_PARAMS, "fiat_amount": Dec("1500.00")}, DOCS_G3,
    note="$decimal \"1500.00\" is the docs text")
exs("exotic unicode order id", {"order_id": "заказ/42 ✓", "payment_method": "card", "fiat_amount": "1.00",
                                "fiat_currency": "rub", "number_card": "2200700012345678"})
exs("exotic empty sign_key", dict(G3_PARAMS), E("invalid_secret", "sign_key"), sign_key="")
exs("exotic padded sign_key", dict(G3_PARAMS), E("invalid_secret", "sign_key"), sign_key="test_sign_key\n")
exs("exotic payment_method crypto", {**G3_PARAMS, "payment_method": "crypto"},
    E("invalid_value", "payment_method"))
exs("exotic payment_method upper-case", {**G3_PARAMS, "payment_method": "SBP"}, E("invalid_value", "payment_method"),
    note="only the four lower-case values are known")
exs("exotic payment_method absent", {k: v for k, v in G3_PARAMS.items() if k != "payment_method"},
    E("missing_field", "payment_method"))
exs("exotic missing requisite", {**{k: v for k, v in G3_PARAMS.items() if k != "phone_number"},
                                 "number_card": "4276380012345678"}, E("missing_field", "phone_number"),
    note="sbp needs phone_number; number_card does not count")
exs("exotic missing iban requisite", {"order_id": "o", "payment_method": "iban", "fiat_amount": "1.00",
                                      "fiat_currency": "eur"}, E("missing_field", "iban_number"))
exs("exotic bad payment_method wins over bad sign_key", {**G3_PARAMS, "payment_method": "crypto"},
    E("invalid_value", "payment_method"), sign_key="")
exs("exotic bad sign_key wins over missing field", {"payment_method": "sbp"}, E("invalid_secret", "sign_key"),
    sign_key=" ")
exs("exotic field order: order_id before requisite", {"payment_method": "card", "fiat_amount": "1.00",
                                                      "fiat_currency": "rub"}, E("missing_field", "order_id"))
exs("exotic field order: requisite before currency",
    {"order_id": "o", "payment_method": "card", "fiat_amount": "1.00", "number_card": True},
    E("unsupported_value", "number_card"), note="fiat_currency is missing too but comes later")

add("exotic string_to_sign docs example", "exotic.string_to_sign", {"params": dict(G3_PARAMS)}, G3_LINE, "docs")
add("exotic string_to_sign iban", "exotic.string_to_sign",
    {"params": {"order_id": "A:1", "payment_method": "iban", "fiat_amount": "5.00", "fiat_currency": "eur",
                "iban_number": "GB82WEST12345698765432"}}, "A:1:5.00:GB82WEST12345698765432:eur")
add("exotic string_to_sign card", "exotic.string_to_sign",
    {"params": {"order_id": "o-1", "payment_method": "card", "fiat_amount": Dec("0.10"), "fiat_currency": "rub",
                "number_card": "4276380012345678"}}, "o-1:0.10:4276380012345678:rub")
add("exotic string_to_sign crypto", "exotic.string_to_sign", {"params": {**G3_PARAMS, "payment_method": "crypto"}},
    E("invalid_value", "payment_method"))
add("exotic string_to_sign missing requisite", "exotic.string_to_sign",
    {"params": {"order_id": "o", "payment_method": "score", "fiat_amount": "1.00", "fiat_currency": "rub"}},
    E("missing_field", "number_score"))


# ---- 8. m4.verify_callback ----
def cb(name, payload, want, secret=SECRET, note=None, source="own"):
    return add(name, "m4.verify_callback", {"payload": payload, "secret": secret}, want, source, note)


def with_sign(text: str, secret=SECRET, transform=lambda s: s) -> str:
    """Replace the SIGN placeholder in a raw payload with its correct (possibly transformed) sign."""
    return text.replace("SIGN", transform(m4_callback_sign(text, secret)))


S3_JSON = ('{"shop_order_id":"5b0efa8a-153b-4421-abac-2aba4d772a86","shop_id":1520,"status":"success",'
           '"payment_id":12,"ps_currency":840,"error_code":0,"description":"","processed":null,'
           f'"sign":"{DERIVED_S3_SIGN}"}}')
cb("m4 callback raw JSON text", S3_JSON, True, note="the S3 example as the raw body")
cb("m4 callback raw JSON bytes", Bytes(S3_JSON.encode()), True, note="{$bytes_hex} of the JSON body")
cb("m4 callback raw JSON with leading whitespace", "\n  " + S3_JSON + "\n", True)
S3_FORM = ("shop_order_id=5b0efa8a-153b-4421-abac-2aba4d772a86&shop_id=1520&status=success&payment_id=12"
           f"&ps_currency=840&error_code=0&description=&sign={DERIVED_S3_SIGN}")
cb("m4 callback form-encoded S3", S3_FORM, True, note="form values are strings; description= is empty -> dropped")
FORM_RU = with_sign("shop_order_id=order%3A42&shop_id=1520&status=success&payway=card%5Binvoice%5D"
                    "&description=%D0%9E%D0%BF%D0%BB%D0%B0%D1%82%D0%B0+%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7%D0%B0"
                    "&comment=a%2Bb+c&sign=SIGN")
cb("m4 callback form-encoded with + and %XX and Cyrillic", FORM_RU, True,
   note="description = 'Оплата заказа' (UTF-8 percent-encoded, + is space); comment = 'a+b c'; "
        "shop_order_id = 'order:42'")
assert m4_callback_line(parse_form(FORM_RU), "raw") == \
    "a+b c:Оплата заказа:card[invoice]:1520:order:42:success"
FORM_LOWER = with_sign("shop_id=1520&status=success&description=%d0%9f%d1%80%d0%b8%d0%b2%d0%b5%d1%82&error_code=0"
                       "&sign=SIGN")
cb("m4 callback form-encoded lower-case percent escapes, zero kept", FORM_LOWER, True,
   note="%d0%9f... = 'Привет'; error_code=0 is signed")
cb("m4 callback form-encoded bytes", Bytes(FORM_RU.encode()), True)
cb("m4 callback object payload tampered", {**S3_PAYLOAD, "status": "rejected"}, False,
   note="status changed after signing")
cb("m4 callback raw JSON tampered amount", S3_JSON.replace('"payment_id":12', '"payment_id":13'), False)
cb("m4 callback wrong sign", S3_JSON.replace(DERIVED_S3_SIGN, "0" * 64), False)
cb("m4 callback wrong secret", S3_JSON, False, secret="another-secret")
cb("m4 callback sign upper-case hex", S3_JSON.replace(DERIVED_S3_SIGN, DERIVED_S3_SIGN.upper()), True)
cb("m4 callback sign with surrounding spaces", S3_JSON.replace(DERIVED_S3_SIGN, "  " + DERIVED_S3_SIGN + " "), True)
cb("m4 callback sign with surrounding tab and newline in object",
   {**S3_PAYLOAD, "sign": "\t" + DERIVED_S3_SIGN + "\n"}, True)
RAW_NUM = with_sign('{"shop_order_id":"A-7","shop_id":1520,"amount":100.230,"shop_amount":1e2,'
                    '"status":"success","sign":"SIGN"}')
cb("m4 callback raw JSON numbers keep their exact text", RAW_NUM, True,
   note="100.230 signs as \"100.230\" and 1e2 as \"1e2\"")
assert m4_callback_line(parse_json_text(RAW_NUM), "raw") == "100.230:1e2:1520:A-7:success"
WRONG_NUM = RAW_NUM.replace(m4_callback_sign(RAW_NUM, SECRET),
                            sha256(("100.23:100:1520:A-7:success" + SECRET).encode()))
cb("m4 callback raw JSON number re-formatted is a mismatch", WRONG_NUM, False,
   note="sign computed over \"100.23\"/\"100\" instead of the raw text \"100.230\"/\"1e2\"")
OBJ_NUM = {"shop_order_id": "A-7", "shop_id": 1520, "amount": 100.230, "status": "success"}
OBJ_NUM["sign"] = sha256(("100.23:1520:A-7:success" + SECRET).encode())
assert m4_callback_line(OBJ_NUM, "object") == "100.23:1520:A-7:success"
cb("m4 callback object payload float uses value rules", OBJ_NUM, True,
   note="an object float 100.23 signs as \"100.23\" (shortest text), unlike raw JSON text")
BIG_RAW = with_sign('{"payment_id":18446744073709551616,"shop_id":1520,"status":"success","sign":"SIGN"}')
cb("m4 callback raw JSON big integer kept as text", BIG_RAW, True)
assert m4_callback_line(parse_json_text(BIG_RAW), "raw") == "18446744073709551616:1520:success"
OBJ_TAGS = {"payment_id": BigInt("18446744073709551616"), "amount": Dec("95.50"), "rate": 1.0, "shop_id": 1520,
            "status": "success", "description": "", "processed_at": None}
OBJ_TAGS["sign"] = m4_callback_sign(OBJ_TAGS, SECRET)
cb("m4 callback object payload with $bigint, $decimal and float", OBJ_TAGS, True,
   note="line 95.50:18446744073709551616:1:1520:success")
assert m4_callback_line(OBJ_TAGS, "object") == "95.50:18446744073709551616:1:1520:success"
ESC = with_sign('{"shop_id":1520,"description":"\\u041e\\u043f\\u043b\\u0430\\u0442\\u0430 \\"VIP\\"",'
                '"status":"success","sign":"SIGN"}')
cb("m4 callback raw JSON string escapes are decoded", ESC, True, note="description signs as 'Оплата \"VIP\"'")
assert m4_callback_line(parse_json_text(ESC), "raw") == 'Оплата "VIP":1520:success'
PSDATA = with_sign('{"shop_order_id":"inv-9","shop_id":1520,"status":"success","payment_id":991,'
                   '"ps_data":"{\\"ps_payer_account\\":\\"411111******1111\\"}","ps_currency":840,'
                   '"payway":"card_invoice_usd","created":"2026-05-24T16:35:42","processed":"2026-05-24T16:36:00",'
                   '"error_code":0,"description":"Заказ №9","sign":"SIGN"}')
cb("m4 invoice callback realistic raw JSON", PSDATA, True,
   note="ps_data is a JSON string value (with ':' and quotes) and is signed as that string")
REFUND = with_sign('{"shop_refund_id":"rf-1","status":"SUCCESS","invoice_id":12345,"amount":"95.50",'
                   '"currency":"USD","error_code":0,"created_at":"2026-05-24T16:35:42","processed_at":null,'
                   '"addons":"","sign":"SIGN"}')
cb("m4 refund callback raw JSON", REFUND, True, note="processed_at null and addons \"\" are dropped")
KEYS = {"Zeta": "1", "alpha": "2", "_x": "3", "amount": "0", "\uff5e": "wide", "\U0001F600": "smile", "blank": " "}
KEYS["sign"] = m4_callback_sign(KEYS, SECRET)
cb("m4 callback keys sorted by UTF-8 byte order", KEYS, True,
   note="order: Zeta, _x, alpha, amount, blank, U+FF5E, U+1F600 (byte order, not case-insensitive, "
        "not UTF-16); \"0\" and \" \" are signed")
assert m4_callback_line(KEYS, "object") == "1:3:2:0: :wide:smile"
I8 = "issue 11 item 8: not authentic -> false (was an error)"
cb("m4 callback missing sign", {k: v for k, v in S3_PAYLOAD.items() if k != "sign"}, False, note=I8 + "; was missing_field sign")
cb("m4 callback missing sign raw JSON", '{"shop_id":1520,"status":"success"}', False, note=I8 + "; was missing_field sign")
cb("m4 callback missing sign form", "shop_id=1520&status=success", False, note=I8 + "; was missing_field sign")
cb("m4 callback duplicate key raw JSON",
   S3_JSON.replace('"status":"success"', '"status":"success","status":"rejected"'),
   False, note=I8 + "; was duplicate_field status")
cb("m4 callback duplicate key form", S3_FORM + "&status=rejected", False, note=I8 + "; was duplicate_field status")
cb("m4 callback invalid JSON truncated", '{"shop_id":1520,"sign":"abc"', False, note=I8 + "; was invalid_json")
cb("m4 callback invalid JSON single quotes", "{'shop_id': 1520, 'sign': 'abc'}", False, note=I8 + "; was invalid_json")
cb("m4 callback JSON array top level", f'[{{"shop_id":1520,"sign":"{DERIVED_S3_SIGN}"}}]', False,
   note=I8 + "; was invalid_json (non-object top level; a text whose first non-whitespace char is '[' is JSON, not form)")
cb("m4 callback non-UTF-8 bytes", Bytes(b'{"shop_id":1520,"status":"\xff\xfe","sign":"00"}'), False,
   note=I8 + "; was invalid_encoding")
cb("m4 callback nested object value", '{"shop_id":1520,"meta":{"a":1},"status":"success","sign":"00"}', False,
   note=I8 + "; was unsupported_value meta")
cb("m4 callback bool value", '{"shop_id":1520,"test":true,"status":"success","sign":"00"}', False,
   note=I8 + "; was unsupported_value test")
cb("m4 callback list value", '{"shop_id":1520,"items":[1,2],"status":"success","sign":"00"}', False,
   note=I8 + "; was unsupported_value items")
cb("m4 callback object payload bool value", {"shop_id": 1520, "refunded": False, "sign": "00"}, False,
   note=I8 + "; was unsupported_value refunded")
# issue 11 item 8: the other 'not authentic' answers, each false
cb("m4 callback empty sign", S3_JSON.replace(DERIVED_S3_SIGN, ""), False, note=I8)
cb("m4 callback sign of only spaces", S3_JSON.replace(DERIVED_S3_SIGN, "   "), False, note=I8)
cb("m4 callback sign is a JSON number", '{"shop_id":1520,"status":"success","sign":12345}', False,
   note=I8 + "; a sign that is not a string")
cb("m4 callback sign is null", '{"shop_id":1520,"status":"success","sign":null}', False, note=I8)
cb("m4 callback sign is a list", '{"shop_id":1520,"status":"success","sign":["%s"]}' % DERIVED_S3_SIGN, False, note=I8)
cb("m4 callback object payload sign is a number", {**{k: v for k, v in S3_PAYLOAD.items() if k != "sign"}, "sign": 12345}, False,
   note=I8)
cb("m4 callback object payload sign is null", {**{k: v for k, v in S3_PAYLOAD.items() if k != "sign"}, "sign": None}, False, note=I8)
cb("m4 callback top-level JSON string", '"shop_id=1520&sign=00"', False, note=I8 + "; a top-level non-object")
cb("m4 callback body that is neither JSON nor a form", "  42", False, note=I8 + "; not JSON (first char '4'), a form without '='")
cb("m4 callback malformed form segment", "shop_id=1520&garbage&sign=" + DERIVED_S3_SIGN, False, note=I8)
cb("m4 callback empty JSON object", "{}", False, note=I8 + "; no sign")
cb("m4 callback empty body", "", False, note=I8 + "; neither JSON nor a form with a sign")
cb("m4 callback form with an invalid UTF-8 escape", "shop_id=1520&status=%FF&sign=00", False, note=I8 + "; was invalid_encoding")
cb("m4 callback raw JSON with an escaped lone surrogate", '{"shop_id":1520,"account":"\\ud800","sign":"00"}', False,
   note=I8 + "; \\ud800 without its low half is no text (was invalid_json)")
cb("m4 callback object payload with a nested object", {"shop_id": 1520, "meta": {"a": 1}, "sign": DERIVED_S3_SIGN}, False, note=I8)
cb("m4 callback object payload with a list", {"shop_id": 1520, "items": ["a"], "sign": DERIVED_S3_SIGN}, False, note=I8)
cb("m4 callback the S3 sign over a payload with an extra bool", {**S3_PAYLOAD, "test": True}, False,
   note=I8 + "; the bool cannot be signed: not authentic, never an exception")
cb("m4 callback empty secret", S3_JSON, E("invalid_secret", "secret"), secret="")
cb("m4 callback padded secret", S3_JSON, E("invalid_secret", "secret"), secret="account-secret-key ")


# ---- 8b. m4.parse_verified_callback (issue 11 item 8) ----
def pv(name, payload, want, secret=SECRET, note=None, source="own"):
    return add(name, "m4.parse_verified_callback", {"payload": payload, "secret": secret}, want, source, note)


PV = "issue 11 item 8: parse_verified_callback = verify, then the event (every field but sign; kind from status)"
S3_EVENT = {"shop_order_id": "5b0efa8a-153b-4421-abac-2aba4d772a86", "shop_id": "1520", "status": "success", "payment_id": "12",
            "ps_currency": "840", "error_code": "0", "description": "", "processed": None, "kind": "succeeded"}
pv("m4 parse_verified S3 object payload", S3_PAYLOAD, S3_EVENT, source="derived",
   note=PV + "; object values as their signed text (1520 -> \"1520\"), null kept, \"\" kept")
pv("m4 parse_verified S3 raw JSON", S3_JSON, S3_EVENT, source="derived", note=PV + "; numbers as their exact text")
pv("m4 parse_verified S3 raw JSON bytes", Bytes(S3_JSON.encode()), S3_EVENT, source="derived", note=PV)
pv("m4 parse_verified S3 form-encoded", S3_FORM, {k: v for k, v in S3_EVENT.items() if k != "processed"}, source="derived",
   note=PV + "; every form value is a string")
pv("m4 parse_verified raw JSON numbers keep their exact text", RAW_NUM,
   {"shop_order_id": "A-7", "shop_id": "1520", "amount": "100.230", "shop_amount": "1e2", "status": "success", "kind": "succeeded"},
   note=PV)
pv("m4 parse_verified refund callback SUCCESS", REFUND,
   {"shop_refund_id": "rf-1", "status": "SUCCESS", "invoice_id": "12345", "amount": "95.50", "currency": "USD", "error_code": "0",
    "created_at": "2026-05-24T16:35:42", "processed_at": None, "addons": "", "kind": "succeeded"},
   note=PV + "; refund statuses SUCCESS / WAITING / FAILED (§1.10)")
for st, kind in [("hold", "pending"), ("rejected", "rejected"), ("success", "succeeded"), ("Success", "pending"), ("new", "pending"),
                 ("5", "pending")]:
    body = with_sign('{"shop_order_id":"inv-9","shop_id":1520,"status":"%s","payment_id":991,"sign":"SIGN"}' % st)
    pv(f"m4 parse_verified invoice status {st} -> {kind}", body,
       {"shop_order_id": "inv-9", "shop_id": "1520", "status": st, "payment_id": "991", "kind": kind},
       note=PV + "; invoice statuses success / hold / rejected (§1.10); anything else pending")
for st, kind in [("WAITING", "pending"), ("FAILED", "rejected"), ("waiting", "pending")]:
    body = with_sign('{"shop_refund_id":"rf-2","status":"%s","amount":"1.00","sign":"SIGN"}' % st)
    pv(f"m4 parse_verified refund status {st} -> {kind}", body,
       {"shop_refund_id": "rf-2", "status": st, "amount": "1.00", "kind": kind}, note=PV)
body = with_sign('{"shop_order_id":"inv-10","shop_id":1520,"sign":"SIGN"}')
pv("m4 parse_verified without a status -> pending", body, {"shop_order_id": "inv-10", "shop_id": "1520", "kind": "pending"}, note=PV)
body = with_sign('{"shop_order_id":"inv-11","status":5,"sign":"SIGN"}')
pv("m4 parse_verified a numeric status -> pending", body, {"shop_order_id": "inv-11", "status": "5", "kind": "pending"}, note=PV)
pv("m4 parse_verified sign upper-case with spaces", S3_JSON.replace(DERIVED_S3_SIGN, " " + DERIVED_S3_SIGN.upper() + " "), S3_EVENT,
   note=PV)
PVN = "issue 11 item 8: not authentic -> error invalid_signature (SignatureError)"
for label, payload in [
        ("wrong sign", S3_JSON.replace(DERIVED_S3_SIGN, "0" * 64)),
        ("tampered", S3_JSON.replace('"payment_id":12', '"payment_id":13')),
        ("no sign", '{"shop_id":1520,"status":"success"}'),
        ("empty sign", S3_JSON.replace(DERIVED_S3_SIGN, "")),
        ("sign a number", '{"shop_id":1520,"status":"success","sign":12345}'),
        ("sign null (object)", {**{k: v for k, v in S3_PAYLOAD.items() if k != "sign"}, "sign": None}),
        ("malformed JSON", '{"shop_id":1520,"sign":"abc"'),
        ("top-level array", f'[{{"shop_id":1520,"sign":"{DERIVED_S3_SIGN}"}}]'),
        ("duplicate key", S3_JSON.replace('"status":"success"', '"status":"success","status":"rejected"')),
        ("duplicate key in a form", S3_FORM + "&status=rejected"),
        ("invalid UTF-8", Bytes(b'{"shop_id":1520,"status":"\xff","sign":"00"}')),
        ("nested value", '{"shop_id":1520,"meta":{"a":1},"status":"success","sign":"00"}'),
        ("bool value", {"shop_id": 1520, "refunded": False, "sign": "00"}),
        ("empty body", ""),
]:
    pv(f"m4 parse_verified not authentic: {label}", payload, E("invalid_signature", None), note=PVN)
pv("m4 parse_verified wrong secret", S3_JSON, E("invalid_signature", None), secret="another-secret", note=PVN)
pv("m4 parse_verified empty secret raises invalid_secret", S3_JSON, E("invalid_secret", "secret"), secret="", note="the caller's mistake")
pv("m4 parse_verified padded secret raises invalid_secret", S3_JSON, E("invalid_secret", "secret"), secret=SECRET + "\n",
   note="the caller's mistake")
pv("m4 parse_verified secret of a wrong type raises invalid_argument", S3_JSON, E("invalid_argument", "secret"), secret=7,
   note="the caller's mistake")
pv("m4 parse_verified payload of a wrong type raises invalid_argument", 42, E("invalid_argument", "payload"), note="the caller's mistake")


# ---- 9. corefy ----
def cf(name, body, want, secret=S1_SECRET, note=None, source="own"):
    return add(name, "corefy.callback_signature", {"body": body, "secret": secret}, want, source, note)


UNI_BODY = ('{"data":{"type":"payout-invoices","id":"cpoi_Уникод","attributes":{"status":"processed",'
            '"description":"Выплата 🚀 café"}}}')
cf("corefy unicode body", UNI_BODY, OK, note="hashed as UTF-8 bytes")
nl = cf("corefy body with trailing newline", S1_BODY + "\n", OK, note="the newline is part of the raw body")
assert nl["result"] != DERIVED_S1
cf("corefy bytes body equals text body", Bytes(S1_BODY.encode()), DERIVED_S1, source="derived",
   note="S1 body given as {$bytes_hex}")
cf("corefy bytes body not UTF-8", Bytes(b'{"id":"\xff\xfe"}'), OK, note="raw bytes are signed as they are")
cf("corefy empty body", "", OK, note="sha1(secret + secret)")
cf("corefy pretty-printed body differs", json.dumps(json.loads(S1_BODY), indent=2), OK,
   note="re-serialising the body changes the signature: always sign the raw bytes")
cf("corefy empty secret", S1_BODY, E("invalid_secret", "secret"), secret="")
cf("corefy padded secret", S1_BODY, E("invalid_secret", "secret"), secret=" sk_test_example")


def cv(name, body, signature, want, secret=S1_SECRET, note=None, source="own"):
    return add(name, "corefy.verify_callback", {"body": body, "signature": signature, "secret": secret},
               want, source, note)


cv("corefy verify valid", S1_BODY, DERIVED_S1, True, source="derived")
cv("corefy verify valid bytes body", Bytes(S1_BODY.encode()), DERIVED_S1, True, source="derived")
cv("corefy verify signature padded with spaces and newline", S1_BODY, "  " + DERIVED_S1 + " \n", True)
cv("corefy verify wrong signature", S1_BODY, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", False)
cv("corefy verify non-base64 signature", S1_BODY, "not base64 at all!!", False)
cv("corefy verify empty signature", S1_BODY, "", False)
cv("corefy verify signature with changed letter case", S1_BODY, DERIVED_S1.swapcase(), False,
   note="base64 is case-sensitive")
cv("corefy verify hex of the digest is not accepted", S1_BODY, base64.b64decode(DERIVED_S1).hex(), False)
cv("corefy verify body changed by one byte", S1_BODY.replace('"ok"', '"oK"'), DERIVED_S1, False)
cv("corefy verify body with extra trailing newline", S1_BODY + "\n", DERIVED_S1, False)
cv("corefy verify wrong secret", S1_BODY, DERIVED_S1, False, secret="sk_live_example")
cv("corefy verify unicode body", UNI_BODY, corefy_callback_signature({"body": UNI_BODY, "secret": S1_SECRET}), True)
cv("corefy verify empty secret", S1_BODY, DERIVED_S1, E("invalid_secret", "secret"), secret="")
cv("corefy verify padded secret", S1_BODY, DERIVED_S1, E("invalid_secret", "secret"), secret="sk_test_example\n")
cv("corefy verify null signature", S1_BODY, None, False, note="issue 11 item 8: a missing (null) signature is false (was a TypeError)")
cv("corefy verify signature of only spaces", S1_BODY, "   ", False, note="issue 11 item 8")
cv("corefy verify truncated base64", S1_BODY, DERIVED_S1[:-2], False, note="issue 11 item 8: malformed base64 -> false")
cv("corefy verify base64 with an illegal character", S1_BODY, DERIVED_S1[:-1] + "*", False, note="issue 11 item 8")


def cpv(name, body, signature, want, secret=S1_SECRET, note=None, source="own"):
    return add(name, "corefy.parse_verified_callback", {"body": body, "signature": signature, "secret": secret}, want, source, note)


CPV = "issue 11 item 8: corefy.parse_verified_callback = verify_callback, then the corefy.parse_callback event"
S1_EVENT = {"id": "cpoi_VdHYVxq4RsLEebAQ", "type": "payout-invoices", **{k: None for k in CF_EV_KEYS}, "kind": "succeeded"}
S1_EVENT.update(status="processed", resolution="ok")
cpv("corefy parse_verified S1", S1_BODY, DERIVED_S1, S1_EVENT, source="derived", note=CPV)
cpv("corefy parse_verified S1 bytes, signature padded", Bytes(S1_BODY.encode()), " " + DERIVED_S1 + "\r\n", S1_EVENT, source="derived",
    note=CPV)
FAILED_BODY = ('{"data":{"type":"payout-invoices","id":"cpoi_2","attributes":{"status":"process_failed","resolution":"insufficient_funds",'
               '"reference_id":"ref-2","amount":100.50,"currency":"USD","test_mode":true,"created":1700000000,"updated":1700000060}}}')
cpv("corefy parse_verified process_failed (numbers as exact text)", FAILED_BODY,
    corefy_callback_signature({"body": FAILED_BODY, "secret": S1_SECRET}),
    {"id": "cpoi_2", "type": "payout-invoices", "status": "process_failed", "resolution": "insufficient_funds", "reference_id": "ref-2",
     "amount": "100.50", "payout_amount": None, "currency": "USD", "service_amount": None, "service_currency": None,
     "processed_amount": None, "fee": None, "test_mode": True, "created": "1700000000", "updated": "1700000060", "kind": "rejected"},
    note=CPV)
for label, body, sig in [("wrong signature", S1_BODY, "AAAAAAAAAAAAAAAAAAAAAAAAAAA="), ("null signature", S1_BODY, None),
                         ("empty signature", S1_BODY, ""), ("malformed base64", S1_BODY, "not base64 at all!!"),
                         ("body changed by one byte", S1_BODY.replace('"ok"', '"oK"'), DERIVED_S1),
                         ("body with an extra newline", S1_BODY + "\n", DERIVED_S1)]:
    cpv(f"corefy parse_verified not authentic: {label}", body, sig, E("invalid_signature", None),
        note="issue 11 item 8: not authentic -> error invalid_signature (SignatureError)")
cpv("corefy parse_verified wrong secret", S1_BODY, DERIVED_S1, E("invalid_signature", None), secret="sk_live_example",
    note="issue 11 item 8")
cpv("corefy parse_verified empty secret raises invalid_secret", S1_BODY, DERIVED_S1, E("invalid_secret", "secret"), secret="",
    note="the caller's mistake")
cpv("corefy parse_verified signature of a wrong type raises invalid_argument", S1_BODY, 12345, E("invalid_argument", "signature"),
    note="the caller's mistake")
NODATA = '{"errors":[]}'
cpv("corefy parse_verified an authentic body without data -> missing_field data", NODATA,
    corefy_callback_signature({"body": NODATA, "secret": S1_SECRET}), E("missing_field", "data"),
    note="authentic, then parsed as corefy.parse_callback: its errors stand (the spec says 'the corefy.parse_callback event')")


def ba(name, account_id, api_key, want, note=None):
    return add(name, "corefy.basic_auth", {"account_id": account_id, "api_key": api_key}, want, "own", note)


ba("corefy basic_auth coma_ account", "coma_T3sAbq2o5VjZkCgY", "api_key_live_8a1f",
   "Basic " + base64.b64encode(b"coma_T3sAbq2o5VjZkCgY:api_key_live_8a1f").decode())
ba("corefy basic_auth unicode api key", "coma_T3sAbq2o5VjZkCgY", "ключ-🔑-key", OK,
   note="UTF-8 bytes of account_id:api_key, standard base64 with padding")
ba("corefy basic_auth api key with inner colon", "coma_abc", "a:b", OK,
   note="only account_id may not contain ':'")
ba("corefy basic_auth colon in account_id", "coma:abc", "api-key", E("invalid_value", "account_id"))
ba("corefy basic_auth empty account_id", "", "api-key", E("invalid_value", "account_id"))
ba("corefy basic_auth empty api_key", "coma_abc", "", E("invalid_secret", "api_key"))
ba("corefy basic_auth padded api_key", "coma_abc", "api-key\n", E("invalid_secret", "api_key"))


# ---- 10. recipes ----
RP = {"order_id": "A-1", "amount": "10.00", "currency": "USD", "note": "not signed"}
RF = ["order_id", "amount", "currency"]
RSECRET = "recipe-secret"


def rs(name, recipe, params, want=OK, secret=RSECRET, note=None, source="own"):
    return add(name, "recipe.sign", {"recipe": recipe, "params": params, "secret": secret}, want, source, note)


def rsts(name, recipe, params, want=OK, note=None, source="own"):
    return add(name, "recipe.string_to_sign", {"recipe": recipe, "params": params}, want, source, note)


def rv(name, recipe, params, signature, want, secret=RSECRET, note=None, source="own"):
    return add(name, "recipe.verify", {"recipe": recipe, "params": params, "secret": secret,
                                       "signature": signature}, want, source, note)


L = "A-1:10.00:USD"
rs("recipe defaults (listed order, append, sha256, hex)", {"fields": RF}, RP,
   hashlib.sha256((L + RSECRET).encode()).hexdigest())
rs("recipe secret append explicit", {"fields": RF, "secret": "append"}, RP,
   hashlib.sha256((L + RSECRET).encode()).hexdigest())
rs("recipe secret append_with_separator", {"fields": RF, "secret": "append_with_separator"}, RP,
   hashlib.sha256((L + ":" + RSECRET).encode()).hexdigest())
rs("recipe secret append_with_separator custom separator", {"fields": RF, "secret": "append_with_separator",
                                                            "separator": "|"}, RP,
   hashlib.sha256(("A-1|10.00|USD|" + RSECRET).encode()).hexdigest())
rs("recipe secret prepend", {"fields": RF, "secret": "prepend"}, RP,
   hashlib.sha256((RSECRET + L).encode()).hexdigest())
rs("recipe secret wrap", {"fields": RF, "secret": "wrap"}, RP,
   hashlib.sha256((RSECRET + L + RSECRET).encode()).hexdigest())
rs("recipe secret hmac_key sha256", {"fields": RF, "secret": "hmac_key"}, RP,
   hmac.new(RSECRET.encode(), L.encode(), "sha256").hexdigest())
for h in HASHES:
    rs(f"recipe hash {h}", {"fields": RF, "hash": h}, RP, hashlib.new(h, (L + RSECRET).encode()).hexdigest())
for h in HASHES:
    rs(f"recipe hmac_key {h} base64", {"fields": RF, "secret": "hmac_key", "hash": h, "output": "base64"}, RP,
       base64.b64encode(hmac.new(RSECRET.encode(), L.encode(), h).digest()).decode())
rs("recipe output hex", {"fields": RF, "output": "hex"}, RP, hashlib.sha256((L + RSECRET).encode()).hexdigest())
rs("recipe output hex_upper", {"fields": RF, "output": "hex_upper"}, RP,
   hashlib.sha256((L + RSECRET).encode()).hexdigest().upper())
rs("recipe output base64", {"fields": RF, "output": "base64"}, RP,
   base64.b64encode(hashlib.sha256((L + RSECRET).encode()).digest()).decode())
rs("recipe md5 hex_upper prepend", {"fields": RF, "hash": "md5", "output": "hex_upper", "secret": "prepend"}, RP)
rs("recipe sha512 wrap base64", {"fields": RF, "hash": "sha512", "output": "base64", "secret": "wrap"}, RP)
a = rs("recipe listed order", {"fields": ["currency", "amount", "order_id"]}, RP, note="line USD:10.00:A-1")
b = rs("recipe sort true", {"fields": ["currency", "amount", "order_id"], "sort": True}, RP,
       note="line 10.00:USD:A-1")
c = rs("recipe sort false explicit", {"fields": ["currency", "amount", "order_id"], "sort": False}, RP)
assert a == c and a["result"] != b["result"]
assert b["string_to_sign"] == "10.00:USD:A-1"
rs("recipe empty separator", {"fields": RF, "separator": ""}, RP, note="line A-110.00USD")
CB_P = {"order_id": "A-1", "amount": "10.00", "status": "success", "error_code": 0, "comment": "",
        "processed": None, "sign": "ignored", "Zone": "EU"}
rs("recipe all_non_empty with exclude", {"fields": "all_non_empty", "exclude": ["sign"]}, CB_P,
   note="null and \"\" dropped, 0 kept, sorted by key bytes (Zone first), sign excluded")
assert CASES[-1]["expect"]["string_to_sign"] == "EU:10.00:0:A-1:success"
rs("recipe all_non_empty without exclude", {"fields": "all_non_empty"}, CB_P,
   note="exclude defaults to []: sign is signed too")
assert CASES[-1]["expect"]["string_to_sign"] == "EU:10.00:0:A-1:ignored:success"
rs("recipe all_non_empty unsupported value", {"fields": "all_non_empty", "exclude": ["sign"]},
   {**CB_P, "flag": True}, E("unsupported_value", "flag"))
rs("recipe M4 docs example as a recipe",
   {"fields": ["shop_id", "shop_order_id", "amount", "currency", "payway"], "sort": True}, G1_PARAMS, DOCS_G1,
   secret=SECRET, source="docs", note="the M4 rule expressed as data")
assert CASES[-1]["expect"]["string_to_sign"] == G1_LINE
rs("recipe M4 callback S3 as all_non_empty", {"fields": "all_non_empty", "exclude": ["sign"]}, S3_PAYLOAD,
   DERIVED_S3_SIGN, secret=SECRET, source="derived")
rs("recipe exotic docs example as a recipe",
   {"fields": ["order_id", "fiat_amount", "phone_number", "fiat_currency"], "secret": "append_with_separator"},
   {**G3_PARAMS, "bank_name": "Sberbank"}, DOCS_G3, secret="test_sign_key", source="docs")
assert CASES[-1]["expect"]["string_to_sign"] == G3_LINE
rs("recipe corefy S1 as raw_body recipe", {"fields": "raw_body", "secret": "wrap", "hash": "sha1",
                                           "output": "base64"}, S1_BODY, DERIVED_S1, secret=S1_SECRET,
   source="derived")
assert CASES[-1]["expect"]["string_to_sign"] == S1_BODY
rs("recipe raw_body hmac sha256 hex", {"fields": "raw_body", "secret": "hmac_key"}, '{"id":"Выплата","n":1}\n')
rs("recipe value rules apply (int, bigint, decimal, float)", {"fields": ["i", "b", "d", "f"]},
   {"i": -7, "b": BigInt(str(2**64)), "d": Dec("1500.00"), "f": 0.1})
assert CASES[-1]["expect"]["string_to_sign"] == "-7:18446744073709551616:1500.00:0.1"
rs("recipe missing field", {"fields": RF}, {"order_id": "A-1", "amount": "10.00"}, E("missing_field", "currency"))
rs("recipe unsupported null in listed field", {"fields": RF}, {**RP, "amount": None}, E("unsupported_value", "amount"),
   note="only all_non_empty skips null; a listed field must have a signable value")
rs("recipe empty secret", {"fields": RF}, RP, E("invalid_secret", "secret"), secret="")
rs("recipe padded secret", {"fields": RF}, RP, E("invalid_secret", "secret"), secret="\trecipe-secret")
for key, spec in (("hsah", {"fields": RF, "hsah": "sha256"}), ("hash", {"fields": RF, "hash": "sha3"}),
                  ("output", {"fields": RF, "output": "b64"}), ("secret", {"fields": RF, "secret": "middle"}),
                  ("sort", {"fields": RF, "sort": "yes"}), ("separator", {"fields": RF, "separator": 5}),
                  ("fields", {"fields": "everything"})):
    label = "unknown key hsah" if key == "hsah" else f"{key} {json.dumps(spec[key])}"
    rs(f"recipe invalid_recipe {label}", spec, RP, E("invalid_recipe", key))
rs("recipe invalid recipe wins over bad secret", {"fields": RF, "hash": "sha3"}, RP, E("invalid_recipe", "hash"),
   secret="", note="precedence: the spec is checked like a method, before the secret")

rsts("recipe string_to_sign listed order", {"fields": ["currency", "amount", "order_id"]}, RP, "USD:10.00:A-1")
rsts("recipe string_to_sign append_with_separator has no trailing separator",
     {"fields": RF, "secret": "append_with_separator", "separator": "|"}, RP, "A-1|10.00|USD")
rsts("recipe string_to_sign raw_body", {"fields": "raw_body", "secret": "wrap", "hash": "sha1", "output": "base64"},
     S1_BODY, S1_BODY, source="derived")
rsts("recipe string_to_sign all_non_empty", {"fields": "all_non_empty", "exclude": ["sign", "note"]},
     {"b": "2", "a": "1", "c": "", "d": None, "sign": "x", "note": "n", "e": 0}, "1:2:0")
for label, val, text in (("100.5", 100.5, "100.5"), ("0.1", 0.1, "0.1"), ("1.0", 1.0, "1"),
                         ("1e-7", 1e-7, "0.0000001"), ("-0.0", -0.0, "0"), ("2.5e-5", 2.5e-5, "0.000025"),
                         ("0.1+0.2", 0.1 + 0.2, "0.30000000000000004"), ("123456.789", 123456.789, "123456.789"),
                         ("1e15", 1e15, "1000000000000000"), ("-1234.5", -1234.5, "-1234.5"),
                         ("2^53-1", 9007199254740991.0, "9007199254740991")):
    rsts(f"recipe value rule float {label}", {"fields": ["v"]}, {"v": val}, text)
for label, val, text in (("$decimal 1500.00", Dec("1500.00"), "1500.00"), ("$decimal 0.10", Dec("0.10"), "0.10"),
                         ("$decimal -0.50", Dec("-0.50"), "-0.50"),
                         ("$bigint 2^64", BigInt("18446744073709551616"), "18446744073709551616"),
                         ("$bigint 30 digits", BigInt("987654321098765432109876543210"),
                          "987654321098765432109876543210"),
                         ("negative int", -5, "-5"), ("int 0", 0, "0"), ("max safe int", MAX_SAFE, str(MAX_SAFE)),
                         ("empty string", "", "")):
    rsts(f"recipe value rule {label}", {"fields": ["v"]}, {"v": val}, text)
for label, val in (("float 2^53", 9007199254740992.0), ("float 1e16", 1e16), ("true", True), ("null", None),
                   ("list", [1]), ("object", {"a": 1})):
    rsts(f"recipe value rule {label} is unsupported", {"fields": ["v"]}, {"v": val}, E("unsupported_value", "v"))
rsts("recipe string_to_sign invalid recipe", {"fields": RF, "output": "b64"}, RP, E("invalid_recipe", "output"))

HEXSIG = recipe_sign({"recipe": {"fields": RF}, "params": RP, "secret": RSECRET})
rv("recipe verify hex valid", {"fields": RF}, RP, HEXSIG, True)
rv("recipe verify hex upper-case signature", {"fields": RF}, RP, HEXSIG.upper(), True)
rv("recipe verify hex_upper recipe with lower-case signature", {"fields": RF, "output": "hex_upper"}, RP, HEXSIG,
   True)
rv("recipe verify hex with surrounding whitespace", {"fields": RF}, RP, " " + HEXSIG + "\n", True)
rv("recipe verify hex wrong", {"fields": RF}, RP, HEXSIG[:-1] + ("0" if HEXSIG[-1] != "0" else "1"), False)
rv("recipe verify wrong secret", {"fields": RF}, RP, HEXSIG, False, secret="other-secret")
rv("recipe verify tampered params", {"fields": RF}, {**RP, "amount": "10.01"}, HEXSIG, False)
rv("recipe verify unsigned key change keeps validity", {"fields": RF}, {**RP, "note": "changed"}, HEXSIG, True)
B64SIG = recipe_sign({"recipe": {"fields": RF, "secret": "hmac_key", "output": "base64"}, "params": RP,
                      "secret": RSECRET})
rv("recipe verify base64 hmac valid", {"fields": RF, "secret": "hmac_key", "output": "base64"}, RP, B64SIG, True)
rv("recipe verify base64 case-changed", {"fields": RF, "secret": "hmac_key", "output": "base64"}, RP,
   B64SIG.swapcase(), False, note="only hex outputs compare case-insensitively")
rv("recipe verify corefy S1", {"fields": "raw_body", "secret": "wrap", "hash": "sha1", "output": "base64"},
   S1_BODY, DERIVED_S1, True, secret=S1_SECRET, source="derived")
rv("recipe verify M4 callback S3", {"fields": "all_non_empty", "exclude": ["sign"]}, S3_PAYLOAD,
   DERIVED_S3_SIGN.upper(), True, secret=SECRET, source="derived")
rv("recipe verify missing field", {"fields": RF}, {"order_id": "A-1"}, HEXSIG, E("missing_field", "amount"))
rv("recipe verify invalid recipe", {"fields": RF, "secret": "middle"}, RP, HEXSIG, E("invalid_recipe", "secret"))
rv("recipe verify empty secret", {"fields": RF}, RP, HEXSIG, E("invalid_secret", "secret"), secret="")




# ---- 11. exotic.parse_verified_callback (issue 11 item 8) ----
EX_SIGN_KEY = "test_sign_key"


def EXA(recipe, sign_key=EX_SIGN_KEY):
    return ["merchant-7", sign_key, "exo-api-key-1", "https://exotic.example.test", recipe]


def epv(name, args, body, want, note=None, source="own"):
    return add(name, "exotic.parse_verified_callback", {"args": args, "body": body}, want, source, note)


EPV = ("issue 11 item 8: exotic.parse_verified_callback verifies standart_sign with the gateway's standart_sign recipe over "
       "the callback fields (sign_key as the secret), then returns the exotic.parse_callback event")
R_ORDER = {"fields": ["order_id"], "secret": "append_with_separator"}
R_ALL_MD5 = {"fields": "all_non_empty", "exclude": ["standart_sign"], "hash": "md5"}
R_HMAC = {"fields": ["order_id", "status", "fiat_amount"], "separator": "|", "secret": "hmac_key"}
EX_CB_DOC = {"order_id": "123456789", "standart_sign": "p6o5n4m3l2k1j0i9h8g7f6e5d4c3b2a1", "type": "pay_out", "status": "successful",
             "fiat_amount": "5000.00", "usdt_amount": "49.8765", "merchant_spent_usdt": "49.2500", "fiat_currency": "rub",
             "exchange_rate": "100.2472", "payment_method": "card", "created_at": "2024-02-15T09:30:45Z",
             "updated_at": "2024-02-15T09:45:12Z", "number_card": "4276345439581234", "phone_number": None, "number_score": None,
             "iban_number": None, "full_name": "Petrov Petr Petrovich", "bank_name": "Tinkoff"}
EX_CB_SAMPLE = "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in EX_CB_DOC.items()) + "\n}"


def ex_signed(doc, recipe, sign_key=EX_SIGN_KEY, transform=lambda s: s):
    d = dict(doc)
    d["standart_sign"] = transform(recipe_sign({"recipe": recipe, "params": d, "secret": sign_key}))
    return json.dumps(d, ensure_ascii=False)


def ex_event(doc):
    return exotic_parse_callback_doc(doc)


epv("exotic parse_verified: the 003 callback sample with its placeholder standart_sign is not authentic", EXA(R_ALL_MD5), EX_CB_SAMPLE,
    E("invalid_signature", None), source="docs",
    note=EPV + "; the 003 example's standart_sign is a placeholder (providers.md §2.4): no recipe can verify it")
for label, recipe in [("order_id:sign_key sha256", R_ORDER), ("all non-empty fields md5", R_ALL_MD5), ("hmac over three fields", R_HMAC)]:
    body = ex_signed(EX_CB_DOC, recipe)
    epv(f"exotic parse_verified: 003 callback fields, recipe {label}", EXA(recipe), body,
        ex_event(json.loads(body)), note=EPV)
body = ex_signed(EX_CB_DOC, R_ORDER)
assert json.loads(body)["standart_sign"] == hashlib.sha256(b"123456789:" + EX_SIGN_KEY.encode()).hexdigest()
for st in ["rejected_timeout", "rejected_merchant", "rejected_gate", "expectation", "brand_new"]:
    b = ex_signed(dict(EX_CB_DOC, status=st), R_HMAC)
    epv(f"exotic parse_verified: status {st}", EXA(R_HMAC), b, ex_event(json.loads(b)), note=EPV + "; kind from the 003 status enum")
b = ex_signed(EX_CB_DOC, R_ORDER, transform=lambda s: " " + s.upper() + " ")
epv("exotic parse_verified: standart_sign upper-case hex with spaces", EXA(R_ORDER), b, ex_event(json.loads(b)),
    note=EPV + "; hex compares like recipe.verify; the event carries standart_sign as sent")
RAWCB = ('{"order_id":1001,"type":"pay_out","status":"successful","fiat_amount":5000.00,"standart_sign":"SIGN"}')
sig = recipe_sign({"recipe": R_HMAC, "params": {"order_id": "1001", "status": "successful", "fiat_amount": "5000.00"},
                   "secret": EX_SIGN_KEY})
epv("exotic parse_verified: JSON numbers are signed and reported as their exact text", EXA(R_HMAC), RAWCB.replace("SIGN", sig),
    {**ex_event({"order_id": "1001", "type": "pay_out", "status": "successful", "fiat_amount": "5000.00"}), "standart_sign": sig},
    note=EPV + "; 5000.00 signs as \"5000.00\"")
EPVN = "issue 11 item 8: not authentic -> error invalid_signature (SignatureError)"
good = ex_signed(EX_CB_DOC, R_ORDER)
for label, b in [
        ("tampered order_id", good.replace('"order_id": "123456789"', '"order_id": "123456780"')),
        ("no standart_sign", json.dumps({k: v for k, v in EX_CB_DOC.items() if k != "standart_sign"})),
        ("standart_sign null", json.dumps(dict(EX_CB_DOC, standart_sign=None))),
        ("standart_sign empty", json.dumps(dict(EX_CB_DOC, standart_sign=""))),
        ("standart_sign a number", json.dumps(dict(EX_CB_DOC, standart_sign=12345))),
        ("malformed JSON", good[:-2]),
        ("top-level array", "[" + good + "]"),
        ("duplicate key", good.replace('"status": "successful"', '"status": "rejected_gate", "status": "successful"')),
        ("invalid UTF-8", Bytes(b'{"order_id":"\xff","standart_sign":"00","status":"successful"}')),
        ("a recipe field missing", ex_signed({k: v for k, v in EX_CB_DOC.items() if k != "order_id"}, {"fields": ["status"]})),
]:
    epv(f"exotic parse_verified not authentic: {label}", EXA(R_ORDER), b, E("invalid_signature", None), note=EPVN)
epv("exotic parse_verified not authentic: signed with another sign_key", EXA(R_ORDER), ex_signed(EX_CB_DOC, R_ORDER, sign_key="other-key"),
    E("invalid_signature", None), note=EPVN)
epv("exotic parse_verified not authentic: all_non_empty over a nested value", EXA(R_ALL_MD5),
    json.dumps(dict(EX_CB_DOC, cheque_urls=["https://yourwebsite.com/cheque1.pdf"], standart_sign="0" * 32)),
    E("invalid_signature", None), note=EPVN + "; a field the recipe needs cannot be signed")
epv("exotic parse_verified: no standart_sign recipe -> not_configured", EXA(None), good, E("not_configured", "standart_sign"),
    note="issue 11 spec: no recipe -> {not_configured, standart_sign}")
epv("exotic parse_verified: a bad recipe fails the gateway", EXA({"fields": ["order_id"], "hash": "sha3"}), good,
    E("invalid_recipe", "hash"), note="the constructor's error (FORMAT.md Recipe SPEC)")
epv("exotic parse_verified: empty sign_key fails the gateway", EXA(R_ORDER, sign_key=""), good, E("invalid_secret", "sign_key"),
    note="the caller's mistake")
nostatus = ex_signed({k: v for k, v in EX_CB_DOC.items() if k != "status"}, R_ORDER)
epv("exotic parse_verified: authentic but without status -> missing_field status", EXA(R_ORDER), nostatus, E("missing_field", "status"),
    note="authentic, then parsed as exotic.parse_callback: its errors stand")


# --------------------------------------------------------------------------------------------
# checks and output
# --------------------------------------------------------------------------------------------
def main():
    assert len(CASES) >= 70
    for c in CASES:
        walk_numbers(c["args"], c["name"])
    about = ("payoutkit signing vectors (M4 request signing and callback verification, exotic.company "
             "create_pay_out sign, Corefy/MilkyPay X-Signature and BasicAuth, declarative signature "
             "recipes, parse_verified_callback of every provider). Format and semantics: tests/vectors/FORMAT.md. Generated by "
             "tests/vectors/gen_signing.py with a Python standard-library oracle (hashlib, hmac, base64, "
             "json, urllib.parse); do not edit by hand, edit the generator and re-run it. "
             "source 'docs' = the provider's published worked example (hard-coded, asserted equal to the "
             "oracle); 'derived' = providers' documented formula applied to the shared provider examples; "
             "'own' = computed by the oracle for this corpus.")
    out = write_corpus("signing.json", about, CASES)

    # Round trip: re-read the file and recompute every case from what was written.
    back = json.loads(out.read_text(encoding="utf-8"))
    for c in back["cases"]:
        assert list(c)[:5] == ["name", "op", "args", "expect", "source"], c["name"]
        got = run(c["op"], from_json(c["args"]))
        assert got == c["expect"], (c["name"], got, c["expect"])
    counts = {}
    for c in CASES:
        counts[c["op"]] = counts.get(c["op"], 0) + 1
    print(f"wrote {out} with {len(CASES)} cases")
    for op in OPS:
        print(f"  {op:28s} {counts.get(op, 0)}")


if __name__ == "__main__":
    main()
