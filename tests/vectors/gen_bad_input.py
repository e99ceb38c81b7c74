#!/usr/bin/env python3
"""Generate tests/vectors/bad-input.json: the bad-input matrix (FORMAT.md "BAD INPUT").

Every operation is fed what a caller, a provider or an attacker can hand it by mistake: wrong
types at every argument, numbers that are not the number they look like (NaN, +-Infinity, -0,
1e21, 2^53+1, 2^64), 10 MB strings, invalid UTF-8, lone surrogates, nested values in signed
fields, "__proto__"/"constructor" keys, duplicate keys in raw callbacks, empty and padded
secrets, trailing newlines. The expected answer is either a typed error {code, field} taken
from the rules in FORMAT.md / VALIDATION.md, or, where the rules say the input is fine, the
exact result computed here with hashlib / base64 (never copied from the library).

Cases the library does not meet although the rules say so (or where the library's answer
looks wrong) are kept out of bad-input.json (list `disputed`);
`python3 tests/vectors/gen_bad_input.py --disputed /tmp/disputed.json` writes them elsewhere
for re-checking.

Run:  python3 tests/vectors/gen_bad_input.py
      (writes into tests/vectors/, or into $PAYOUTKIT_VECTORS_OUT when set; the helpers shared
      by the generators are in vectorlib.py; regenerate.py runs them all)
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import Counter
from decimal import Decimal

from vectorlib import BIG, F, HEX, LONE, REP, Raw, dumps, err, ok, report, rules, sha256, text, write_corpus
from vectorlib import MAX_SAFE, case as make_case

MB10 = 10_000_000
I8 = "issue 11 item 8: not authentic -> false (was an error)"

cases: list[dict] = []
disputed: list[dict] = []
category: Counter = Counter()

CATEGORIES = {
    "types": "1 wrong argument types",
    "numbers": "2 numbers (NaN, Infinity, -0, 1e21, 2^53+1, 2^64)",
    "10mb": "3 ten-megabyte strings",
    "utf8": "4 invalid UTF-8 bytes",
    "surrogate": "5 lone surrogates",
    "nested": "6 nested objects and lists in signed fields",
    "proto": "7 __proto__ / constructor keys",
    "duplicate": "8 duplicate keys in raw callbacks",
    "secret": "9 empty and whitespace-padded secrets",
    "newline": "10 trailing newlines",
}


def case(cat, name, op, args, expect, note="", dispute=""):
    """A case of category `cat` (its name is prefixed with the category)."""
    assert cat in CATEGORIES, cat
    c = make_case(f"{cat}: {name}", op, args, expect, "own",
                  (note + " " if note and dispute else note) + (f"DISPUTED: {dispute}" if dispute else ""))
    if dispute:
        disputed.append(c)
    else:
        cases.append(c)
        category[cat] += 1


# --------------------------------------------------------------------------------------------
# tagged values (FORMAT.md; built by vectorlib) and the value rules, as the oracle reads them
# --------------------------------------------------------------------------------------------
def untag(v):
    """What the runners hand the library (floats as Python floats, bytes as bytes)."""
    if isinstance(v, list):
        return [untag(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            ((k, s),) = v.items()
            if k == "$float":
                return float(s)
            if k == "$repeat":
                return s[0] * s[1]
            if k == "$bigint":
                return int(s)
            if k == "$decimal":
                return Decimal(s)
            if k == "$bytes_hex":
                return bytes.fromhex(s)
            if k == "$lone_surrogate":
                return s[:1] + "\ud800" + s[1:]
        return {k: untag(x) for k, x in v.items()}
    return v


def corefy_sig(body, secret) -> str:
    raw = body if isinstance(body, bytes) else body.encode("utf-8")
    return base64.b64encode(hashlib.sha1(secret.encode() + raw + secret.encode()).digest()).decode()


# --------------------------------------------------------------------------------------------
# M4 oracle (FORMAT.md "M4")
# --------------------------------------------------------------------------------------------
M4_SECRET = "account-secret-key"
M4_FIELDS = {
    "withdraw/try": ["amount", "amount_type", "payway", "shop_currency", "shop_id"],
    "withdraw/create": ["account", "amount", "amount_type", "payway", "shop_currency", "shop_id", "shop_payment_id"],
    "shop_balance": ["now", "shop_id"],
}


def m4_line(method, params) -> str:
    p = untag(params)
    return ":".join(text(p[k]) for k in sorted(M4_FIELDS[method]))


def m4_sign_ok(method, params, secret=M4_SECRET):
    line = m4_line(method, params)
    return sha256(line + secret), line


def m4_callback_sign(payload: dict, secret=M4_SECRET) -> str:
    """all_non_empty over an (untagged) object payload, sorted by key in byte order."""
    keys = sorted((k for k, v in payload.items() if k != "sign" and v is not None and v != ""), key=lambda k: k.encode())
    return sha256(":".join(text(payload[k]) for k in keys) + secret)


TRY = {"amount": "100.23", "amount_type": "ps_amount", "payway": "card_payway_usd", "shop_currency": 840, "shop_id": 1520}
BAL = {"shop_id": 1520, "now": "2026-05-24T16:35:42"}


def m4_sign(cat, name, params, expect=None, method="withdraw/try", secret=M4_SECRET, note="", dispute="", with_line=True):
    """m4.sign; without `expect` the signature (and line) is computed here."""
    if expect is None:
        sig, line = m4_sign_ok(method, params, secret)
        expect = ok(sig, line if with_line else None)
    case(cat, name, "m4.sign", {"method": method, "params": params, "secret": secret}, expect, note, dispute)


# ---- M4 requests (FORMAT.md "REQUESTS, OUTCOMES, CALLBACKS AND FLOWS")
M4_BASE = "https://api.m4solutions.io/gateway/v1"
M4_ARGS = [357, M4_SECRET, None]
M4_EP = {  # builder -> (path, signed, unsigned in body order)
    "withdraw_create": ("withdraw/create", M4_FIELDS["withdraw/create"], ["description", "account_details"]),
    "shop_balance": ("shop_balance", ["now", "shop_id"], []),
}


def scalar(v):
    """json_scalar: integers and integral floats (what a JS number holding an integer is) are
    JSON numbers, every other scalar the JSON string of its signed text."""
    if isinstance(v, int) and not isinstance(v, bool):
        return Raw(str(v))
    if isinstance(v, float) and math.isfinite(v) and abs(v) <= MAX_SAFE and v == int(v):
        return Raw(str(int(v)))
    return text(v)


M4_INTEGER = {"shop_id", "shop_currency", "withdraw_id"}  # FORMAT.md Typed fields: the rest (amount included) are JSON strings


def m4_typed(k, v):
    """Typed body value (issue 11 item 5): integer fields are JSON numbers, amount and the rest JSON strings."""
    return scalar(v) if k in M4_INTEGER else text(v)


def m4_request(endpoint, fields, shop_id=357, secret=M4_SECRET):
    path, signed, unsigned = M4_EP[endpoint]
    f = untag(fields)
    vals = dict(f, shop_id=shop_id)
    keys = sorted(signed)
    line = ":".join(text(vals[k]) for k in keys)
    body = {k: m4_typed(k, vals[k]) for k in keys}
    for k in unsigned:
        if f.get(k) is not None:
            body[k] = f[k] if k == "account_details" else m4_typed(k, f[k])
    body["sign"] = sha256(line + secret)
    return {"method": "POST", "url": f"{M4_BASE}/{path}", "headers": {"Content-Type": "application/json"}, "body": dumps(body)}


def request(cat, name, provider, args, endpoint, fields, expect, note="", dispute=""):
    case(cat, name, "request", {"provider": provider, "args": args, "endpoint": endpoint, "fields": fields}, expect, note, dispute)


S2 = {"account": "79991112233", "amount": "100.23", "amount_type": "ps_amount",
      "payway": "qiwi_topup_rub_to_wallet[mock_server,success]", "shop_currency": 643, "shop_payment_id": "shop_payment_111"}

# ---- exotic and Corefy
EX_KEY, EX_API = "test_sign_key", "exo-api-key-1"
EX_ARGS = ["merchant-7", EX_KEY, EX_API, "https://exotic.example.test", None]
CARD = {"order_id": "ord-1001", "payment_method": "card", "fiat_amount": "150.00", "number_card": "4111111111111111",
        "fiat_currency": "rub"}
CF_KEY = "corefy-api-key-1"
CF_ARGS = ["coma_8Xq2", CF_KEY, "https://pay.example.test", "pk_test_123"]
CF_SECRET = "corefy-callback-secret"
CMIN = {"reference_id": "ref-1", "service": "card", "currency": "USD", "amount": "100.50", "fields": {"card_number": "5123817234060000"}}


def cf_create_ok(fields):
    """create_payout_invoice with the amount written as its exact text."""
    f = untag(fields)
    attrs = {"reference_id": f["reference_id"], "service": f["service"], "currency": f["currency"],
             "amount": Raw(text(f["amount"])), "fields": f["fields"]}
    auth = "Basic " + base64.b64encode(f"{CF_ARGS[0]}:{CF_KEY}".encode()).decode()
    return {"method": "POST", "url": CF_ARGS[2] + "/payout-invoices",
            "headers": {"Authorization": auth, "Accept": "application/json", "Content-Type": "application/json"},
            "body": dumps({"data": {"type": "payout-invoice", "attributes": attrs}})}


DIGITS = rules("^\\d+$")

# ============================================================================================
# 1. wrong argument types
# ============================================================================================
T = "types"
m4_sign(T, "m4.sign method is a number", BAL, err("invalid_argument", "method"), method=42)
m4_sign(T, "m4.sign method is null", BAL, err("invalid_argument", "method"), method=None)
m4_sign(T, "m4.sign params is a list", [["shop_id", 1520], ["now", "2026-05-24T16:35:42"]], err("invalid_argument", "params"), method="shop_balance")
m4_sign(T, "m4.sign params is a query string", "shop_id=1520&now=2026-05-24T16:35:42", err("invalid_argument", "params"), method="shop_balance")
m4_sign(T, "m4.sign secret is null", BAL, err("invalid_argument", "secret"), method="shop_balance", secret=None)
m4_sign(T, "m4.sign secret is a number", BAL, err("invalid_argument", "secret"), method="shop_balance", secret=123456789)
m4_sign(T, "m4.sign secret is a list", BAL, err("invalid_argument", "secret"), method="shop_balance", secret=[M4_SECRET])
case(T, "m4.string_to_sign method is a list", "m4.string_to_sign", {"method": ["shop_balance"], "params": BAL}, err("invalid_argument", "method"))
case(T, "m4.string_to_sign params is a number", "m4.string_to_sign", {"method": "shop_balance", "params": 1520}, err("invalid_argument", "params"))
case(T, "m4.string_to_sign params is null", "m4.string_to_sign", {"method": "shop_balance", "params": None}, err("invalid_argument", "params"))
case(T, "m4.verify_callback payload is a number", "m4.verify_callback", {"payload": 42, "secret": M4_SECRET}, err("invalid_argument", "payload"))
case(T, "m4.verify_callback payload is a list", "m4.verify_callback", {"payload": [{"sign": "00"}], "secret": M4_SECRET},
     err("invalid_argument", "payload"))
case(T, "m4.verify_callback payload is null", "m4.verify_callback", {"payload": None, "secret": M4_SECRET}, err("invalid_argument", "payload"))
case(T, "m4.verify_callback secret is a number", "m4.verify_callback", {"payload": {"sign": "00", "a": "1"}, "secret": 7},
     err("invalid_argument", "secret"))
case(T, "exotic.sign_payout sign_key is a number", "exotic.sign_payout", {"params": CARD, "sign_key": 12345}, err("invalid_argument", "sign_key"))
case(T, "exotic.sign_payout params is a list", "exotic.sign_payout", {"params": list(CARD.values()), "sign_key": EX_KEY},
     err("invalid_argument", "params"))
case(T, "exotic.sign_payout payment_method is a number", "exotic.sign_payout", {"params": dict(CARD, payment_method=1), "sign_key": EX_KEY},
     err("invalid_value", "payment_method"))
case(T, "corefy.callback_signature body is a number", "corefy.callback_signature", {"body": 42, "secret": CF_SECRET}, err("invalid_argument", "body"))
case(T, "corefy.callback_signature body is an object (not the raw body)", "corefy.callback_signature",
     {"body": {"data": {"id": "cpoi_1"}}, "secret": CF_SECRET}, err("invalid_argument", "body"),
     note="the signature is over the raw bytes: a decoded object cannot be re-serialised to them")
case(T, "corefy.verify_callback signature is a number", "corefy.verify_callback", {"body": "{}", "signature": 12345, "secret": CF_SECRET},
     err("invalid_argument", "signature"))
case(T, "corefy.verify_callback signature is null", "corefy.verify_callback", {"body": "{}", "signature": None, "secret": CF_SECRET},
     ok(False), note="issue 11 item 8: a missing (null) signature is not authentic -> false (was invalid_argument / a TypeError)")
case(T, "corefy.basic_auth account_id is a number", "corefy.basic_auth", {"account_id": 8, "api_key": CF_KEY}, err("invalid_argument", "account_id"))
case(T, "corefy.basic_auth api_key is a number", "corefy.basic_auth", {"account_id": "coma_8Xq2", "api_key": 1234567}, err("invalid_argument", "api_key"))
for label, spec, field in [
    ("fields is a plain string", {"fields": "order_id"}, "fields"),
    ("fields holds a number", {"fields": ["order_id", 1]}, "fields"),
    ("fields is an empty list", {"fields": []}, "fields"),
    ("sort is a string", {"fields": ["order_id"], "sort": "yes"}, "sort"),
    ("separator is a number", {"fields": ["order_id"], "separator": 58}, "separator"),
    ("hash is a list", {"fields": ["order_id"], "hash": ["sha256"]}, "hash"),
    ("exclude is a string", {"fields": "all_non_empty", "exclude": "sign"}, "exclude"),
    ("output is null", {"fields": ["order_id"], "output": None}, "output"),
]:
    case(T, f"recipe.sign spec {label}", "recipe.sign", {"recipe": spec, "params": {"order_id": "o-1"}, "secret": "k3y-secret"},
         err("invalid_recipe", field))
case(T, "recipe.sign spec exclude with a field list is invalid_recipe", "recipe.sign",
     {"recipe": {"fields": ["order_id", "amount"], "exclude": ["amount"]}, "params": {"order_id": "o-1", "amount": "5"}, "secret": "k3y-secret"},
     err("invalid_recipe", "exclude"),
     note="found in review and fixed: FORMAT.md: exclude is \"only with all_non_empty\". The library accepts it with a field list and ignores it: "
             "the line is \"o-1:5\", so a caller who meant to leave amount out signs it without being told (every runtime)")
case(T, "recipe.sign params is a list", "recipe.sign", {"recipe": {"fields": ["order_id"]}, "params": ["o-1"], "secret": "k3y-secret"},
     err("invalid_argument", "params"))
case(T, "recipe.sign secret is a number", "recipe.sign", {"recipe": {"fields": ["order_id"]}, "params": {"order_id": "o-1"}, "secret": 5},
     err("invalid_argument", "secret"))
case(T, "validate values is a list", "validate", {"validator": DIGITS, "values": [["f", "1"]]}, err("invalid_argument", "values"))
case(T, "validate values is a string", "validate", {"validator": DIGITS, "values": "f=1"}, err("invalid_argument", "values"))
case(T, "validate values is null", "validate", {"validator": DIGITS, "values": None}, err("invalid_argument", "values"))
case(T, "validate locale is a number", "validate", {"validator": DIGITS, "values": {"f": "x"}, "locale": 1049}, err("invalid_argument", "locale"))
case(T, "validate locale is a list", "validate", {"validator": DIGITS, "values": {"f": "1"}, "locale": ["ru"]}, err("invalid_argument", "locale"))
case(T, "validate partial is \"yes\"", "validate", {"validator": DIGITS, "values": {"f": "1"}, "partial": "yes"}, err("invalid_argument", "partial"))
request(T, "m4 request fields is a list", "m4", M4_ARGS, "withdraw_create", list(S2.items()), err("invalid_argument", "fields"),
        note="withdraw_create has no identifying field, so a non-mapping is never taken for one")
request(T, "m4 request fields is a bool", "m4", M4_ARGS, "shop_balance", True, err("invalid_argument", "fields"))
request(T, "m4 constructor shop_id is a list", "m4", [[357], M4_SECRET, None], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("invalid_argument", "shop_id"))
request(T, "m4 constructor shop_id is a bool", "m4", [True, M4_SECRET, None], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("invalid_argument", "shop_id"), note="a bool is not the integer 1 (Python bool is an int subclass)")
request(T, "m4 constructor shop_id is a fraction", "m4", [357.5, M4_SECRET, None], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("invalid_value", "shop_id"), note="issue 11 spec: M4(1520.5, ...) -> invalid_value shop_id (a number of the wrong value; was "
                                              "invalid_argument)")
request(T, "m4 constructor secret is a number", "m4", [357, 123456789, None], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("invalid_argument", "secret"))
request(T, "m4 constructor base_url is a number", "m4", [357, M4_SECRET, 443], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("invalid_argument", "base_url"))
request(T, "exotic constructor merchant is a list", "exotic", [["merchant-7"], EX_KEY, EX_API, EX_ARGS[3], None], "status_pay_out", "ord-1",
        err("invalid_argument", "merchant"))
request(T, "exotic constructor standart_sign is a string, not a recipe", "exotic", EX_ARGS[:4] + ["md5"], "status_pay_out", "ord-1",
        err("invalid_argument", "standart_sign"), note="issue 11 item 7: standart_sign not an object/Recipe -> invalid_argument standart_sign "
                                                      "(was invalid_recipe null)")
request(T, "corefy constructor account_id is a number", "corefy", [8, CF_KEY, CF_ARGS[2]], "payout_services", None,
        err("invalid_argument", "account_id"))
request(T, "corefy constructor public_key is a number", "corefy", [CF_ARGS[0], CF_KEY, CF_ARGS[2], 123], "payout_services", None,
        err("invalid_argument", "public_key"))
request(T, "corefy create fields attribute is a list", "corefy", CF_ARGS, "create_payout_invoice", dict(CMIN, fields=["5123817234060000"]),
        err("invalid_argument", "fields"))
for label, status in [("the string \"200\"", "200"), ("a fraction 200.5", 200.5), ("99", 99), ("600", 600), ("a bool", True),
                      ("null", None), ("negative", -200)]:
    case(T, f"classify http_status {label}", "classify", {"provider": "m4", "http_status": status, "body": '{"result":true}'},
         err("invalid_argument", "http_status"))
case(T, "classify body is a number", "classify", {"provider": "corefy", "http_status": 200, "body": 200}, err("invalid_argument", "body"))

# flows: construction errors, and events of the wrong type (the run stops there)
P = {"shop_payment_id": "pay-1", "account": "4111111111111111", "amount": "100.23", "amount_type": "ps_amount",
     "payway": "card_payway_usd", "shop_currency": 840}
CREATE = m4_request("withdraw_create", P)
T0 = 1779640542  # 2026-05-24T16:35:42Z


def flow(cat, name, provider, args, params, events, expect, note="", dispute=""):
    case(cat, name, "flow", {"provider": provider, "args": args, "params": params, "options": None, "events": events}, expect, note, dispute)


flow(T, "exotic flow params is a string", "exotic", EX_ARGS, "ord-1", [{"on": "start", "now": T0}], err("invalid_argument", "params"))
flow(T, "corefy flow params is a list", "corefy", CF_ARGS, [CMIN], [{"on": "start", "now": T0}], err("invalid_argument", "params"))
SEND = {"kind": "send", "method": CREATE["method"], "url": CREATE["url"], "body": CREATE["body"]}
flow(T, "m4 flow response http_status is the string \"200\"", "m4", M4_ARGS, P,
     [{"on": "start", "now": T0}, {"on": "response", "now": T0 + 1, "http_status": "200", "body": '{"result":true,"error_code":0}'}],
     ok({"actions": [SEND, {"kind": "error", "code": "invalid_argument", "field": "http_status"}], "creates_sent": 1}))
flow(T, "m4 flow response http_status 200.5", "m4", M4_ARGS, P,
     [{"on": "start", "now": T0}, {"on": "response", "now": T0 + 1, "http_status": 200.5, "body": '{"result":true,"error_code":0}'}],
     ok({"actions": [SEND, {"kind": "error", "code": "invalid_argument", "field": "http_status"}], "creates_sent": 1}))
flow(T, "m4 flow event now is \"soon\"", "m4", M4_ARGS, P, [{"on": "start", "now": "soon"}],
     ok({"actions": [{"kind": "error", "code": "invalid_argument", "field": "now"}], "creates_sent": 0}),
     note="found in review and fixed: runner gap, not a library fault: Python and Node/WASM raise invalid_argument `now` (right), but "
             "core/tests/vectors.rs reads the event time with ev[\"now\"].as_i64().unwrap() and would panic the whole "
             "Rust corpus test (the Rust API takes an i64, so no wrong type can reach the core there)")

# ---- issue 11 item 7: a typed error for every argument of every constructor ----------------------------
I7 = "issue 11 item 7: every wrong argument gives invalid_argument with the argument's name"
EXP = {"order_id": "ord-1", "payment_method": "card", "fiat_amount": "1500.00", "fiat_currency": "rub", "number_card": "4111111111111111",
       "success_callback_url": "https://merchant.example.test/ok", "error_callback_url": "https://merchant.example.test/fail"}
FLOW_OF = {"m4": (M4_ARGS, P), "exotic": (EX_ARGS, EXP), "corefy": (CF_ARGS, CMIN)}


def flow_new(cat, name, provider, expect, note=I7, **over):
    args, params = FLOW_OF[provider]
    a = {"provider": provider, "args": args, "params": params, "options": None}
    a.update(over)
    case(cat, name, "flow.new", a, expect, note)


for provider in FLOW_OF:
    flow_new(T, f"flow.new {provider} with a gateway built from args is built", provider, ok("built"),
             note="flow.new without `gateway`: the flow is built on the gateway made from args")
    for label, g in [("an empty object", {}), ("a string", provider), ("a number", 357), ("null", None),
                     ("the constructor's argument list", FLOW_OF[provider][0]), ("a list", [])]:
        flow_new(T, f"flow.new {provider} gateway is {label}", provider, err("invalid_argument", "gateway"), gateway=g,
                 note=I7 + f"; {provider}.PayoutFlow(gateway, ...) with a gateway that is not a {provider} gateway")
    case(T, f"flow.restore {provider} gateway is an empty object", "flow.restore",
         {"provider": provider, "args": FLOW_OF[provider][0], "gateway": {}, "state": "{}"}, err("invalid_argument", "gateway"),
         note=I7 + "; PayoutFlow.from_json(gateway, state): the gateway (first argument) is checked before the state")
    case(T, f"flow.restore {provider} gateway is null", "flow.restore",
         {"provider": provider, "args": FLOW_OF[provider][0], "gateway": None, "state": "{}"}, err("invalid_argument", "gateway"), note=I7)
    for label, o in [("a string", "fast"), ("a list", [["poll_interval", 10]]), ("a number", 10)]:
        flow_new(T, f"flow.new {provider} options is {label}", provider, err("invalid_argument", "options"), options=o,
                 note=I7 + "; options not a mapping -> invalid_argument options")
    flow_new(T, f"flow.new {provider} params is a string", provider, err("invalid_argument", "params"), params="not a mapping", note=I7)
flow_new(T, "flow.new m4 bad params fail at construction", "m4", err("missing_field", "amount"),
         params={k: v for k, v in P.items() if k != "amount"}, note="the create request is built at construction")
flow_new(T, "flow.new exotic unknown option", "exotic", err("unknown_field", "auto_process"), options={"auto_process": True})
flow_new(T, "flow.new corefy poll_interval option is built", "corefy", ok("built"), options={"poll_interval": 10})
flow_new(T, "flow.new exotic poll_interval option (opt-in polling) is built", "exotic", ok("built"), options={"poll_interval": 600},
         note="issue 11 item 4: exotic polls only when poll_interval is given")

for label, rules_ in [("a string", "^\\d+$"), ("an object (one rule, not a list)", {"key": "f", "required": True}), ("null", None),
                      ("a number", 5)]:
    case(T, f"validator.error rules is {label}", "validator.error", {"validator": {"rules": rules_}}, err("invalid_argument", "rules"),
         note=I7 + "; Validator(rules) with rules not a list (was invalid_rule)")

CTOR = "issue 11 item 7: gateway constructors: a wrong type -> invalid_argument <argument>"
for label, args, field in [
        ("m4 constructor shop_id is an object", [{}, M4_SECRET, None], "shop_id"),
        ("m4 constructor secret is a list", [357, [M4_SECRET], None], "secret"),
        ("m4 constructor secret is null", [357, None, None], "secret"),
        ("m4 constructor base_url is a list", [357, M4_SECRET, ["https://api.m4solutions.io/gateway/v1"]], "base_url"),
        ("m4 constructor base_url is a bool", [357, M4_SECRET, True], "base_url")]:
    request(T, label, "m4", args, "shop_balance", {"now": "2026-05-24T16:35:42"}, err("invalid_argument", field), note=CTOR)
request(T, "m4 constructor shop_id is null", "m4", [None, M4_SECRET, None], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("missing_field", "shop_id"), note="issue 11 spec: M4(None, ...) -> missing_field shop_id")
request(T, "m4 constructor shop_id \"15a0\" is invalid_value", "m4", ["15a0", M4_SECRET, None], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("invalid_value", "shop_id"), note="issue 11 spec: a string of the right type but not an integer -> invalid_value")
EXB = "https://exotic.example.test"
for label, args, field in [
        ("exotic constructor merchant is an object", [{"id": "m"}, EX_KEY, EX_API, EXB, None], "merchant"),
        ("exotic constructor merchant is a bool", [True, EX_KEY, EX_API, EXB, None], "merchant"),
        ("exotic constructor merchant is a fraction", [7.5, EX_KEY, EX_API, EXB, None], "merchant"),
        ("exotic constructor sign_key is a number", ["merchant-7", 12345, EX_API, EXB, None], "sign_key"),
        ("exotic constructor sign_key is null", ["merchant-7", None, EX_API, EXB, None], "sign_key"),
        ("exotic constructor api_key is a number", ["merchant-7", EX_KEY, 12345, EXB, None], "api_key"),
        ("exotic constructor api_key is a list", ["merchant-7", EX_KEY, [EX_API], EXB, None], "api_key"),
        ("exotic constructor base_url is a number", ["merchant-7", EX_KEY, EX_API, 443, None], "base_url"),
        ("exotic constructor standart_sign is a number", ["merchant-7", EX_KEY, EX_API, EXB, 5], "standart_sign"),
        ("exotic constructor standart_sign is a list", ["merchant-7", EX_KEY, EX_API, EXB, [{"fields": ["order_id"]}]], "standart_sign"),
        ("exotic constructor standart_sign is a bool", ["merchant-7", EX_KEY, EX_API, EXB, True], "standart_sign")]:
    request(T, label, "exotic", args, "status_pay_out", "ord-1", err("invalid_argument", field), note=CTOR)
request(T, "exotic constructor merchant may be an int", "exotic", [7, EX_KEY, EX_API, EXB, None], "status_pay_out", "ord-1",
        ok({"method": "GET", "url": EXB + "/api/merchant/7/status_pay_out/ord-1/",
            "headers": {"Content-Type": "application/json", "X-Api-Key": EX_API}, "body": None}),
        note="issue 11 spec: merchant: a string or an int")
for label, args, field in [
        ("corefy constructor account_id is a list", [["coma_8Xq2"], CF_KEY, CF_ARGS[2]], "account_id"),
        ("corefy constructor account_id is null", [None, CF_KEY, CF_ARGS[2]], "account_id"),
        ("corefy constructor api_key is a number", [CF_ARGS[0], 12345, CF_ARGS[2]], "api_key"),
        ("corefy constructor api_key is null", [CF_ARGS[0], None, CF_ARGS[2]], "api_key"),
        ("corefy constructor base_url is a number", [CF_ARGS[0], CF_KEY, 443], "base_url"),
        ("corefy constructor base_url is an object", [CF_ARGS[0], CF_KEY, {"url": CF_ARGS[2]}], "base_url"),
        ("corefy constructor public_key is a list", [CF_ARGS[0], CF_KEY, CF_ARGS[2], ["pk_test_123"]], "public_key")]:
    request(T, label, "corefy", args, "payout_services", None, err("invalid_argument", field), note=CTOR)

# webhook checks: only the caller's own mistakes raise (issue 11 item 8)
I8T = "issue 11 item 8: verify / parse_verified raise only for the caller's mistakes"
case(T, "corefy.verify_callback signature is a list", "corefy.verify_callback", {"body": "{}", "signature": ["abc"], "secret": CF_SECRET},
     err("invalid_argument", "signature"), note=I8T)
case(T, "corefy.verify_callback body is an object", "corefy.verify_callback",
     {"body": {"data": {}}, "signature": corefy_sig("{}", CF_SECRET), "secret": CF_SECRET}, err("invalid_argument", "body"), note=I8T)
case(T, "corefy.verify_callback body is a number", "corefy.verify_callback", {"body": 42, "signature": "abc", "secret": CF_SECRET},
     err("invalid_argument", "body"), note=I8T)
case(T, "corefy.verify_callback secret is a number", "corefy.verify_callback", {"body": "{}", "signature": "abc", "secret": 5},
     err("invalid_argument", "secret"), note=I8T)
case(T, "corefy.verify_callback signature is empty", "corefy.verify_callback", {"body": "{}", "signature": "", "secret": CF_SECRET},
     ok(False), note="issue 11 item 8: not authentic -> false")
case(T, "m4.parse_verified_callback payload is a number", "m4.parse_verified_callback", {"payload": 42, "secret": M4_SECRET},
     err("invalid_argument", "payload"), note=I8T)
case(T, "m4.parse_verified_callback payload is null", "m4.parse_verified_callback", {"payload": None, "secret": M4_SECRET},
     err("invalid_argument", "payload"), note=I8T)
case(T, "m4.parse_verified_callback secret is a list", "m4.parse_verified_callback", {"payload": {"sign": "00"}, "secret": [M4_SECRET]},
     err("invalid_argument", "secret"), note=I8T)
case(T, "m4.parse_verified_callback a form without sign is invalid_signature", "m4.parse_verified_callback",
     {"payload": "shop_id=1520&status=success", "secret": M4_SECRET}, err("invalid_signature"), note="issue 11 item 8")
case(T, "corefy.parse_verified_callback signature is a number", "corefy.parse_verified_callback",
     {"body": "{}", "signature": 12345, "secret": CF_SECRET}, err("invalid_argument", "signature"), note=I8T)
case(T, "corefy.parse_verified_callback body is an object", "corefy.parse_verified_callback",
     {"body": {"data": {}}, "signature": "abc", "secret": CF_SECRET}, err("invalid_argument", "body"), note=I8T)
case(T, "corefy.parse_verified_callback null signature is invalid_signature", "corefy.parse_verified_callback",
     {"body": "{}", "signature": None, "secret": CF_SECRET}, err("invalid_signature"), note="issue 11 item 8")
EXR = EX_ARGS[:4] + [{"fields": ["order_id"], "secret": "append_with_separator"}]
case(T, "exotic.parse_verified_callback body is a number", "exotic.parse_verified_callback", {"args": EXR, "body": 42},
     err("invalid_argument", "body"), note=I8T)
case(T, "exotic.parse_verified_callback body is an object", "exotic.parse_verified_callback",
     {"args": EXR, "body": {"order_id": "o1", "status": "successful", "standart_sign": "00"}}, err("invalid_argument", "body"),
     note=I8T + "; the signature is checked on the raw body's fields, so a decoded object is refused like Corefy's")
# The field that carries the signature is not part of what it signs, whatever the recipe
# lists: an all_non_empty recipe without `exclude` verifies (the reading that matches the
# workers; 003 does not document the scheme at all).
# An event has every documented callback field (003), null when absent, then `kind`.
EX_CALLBACK_FIELDS = ["order_id", "type", "status", "fiat_amount", "usdt_amount", "merchant_spent_usdt", "fiat_currency", "exchange_rate",
                      "payment_method", "number_card", "phone_number", "number_score", "iban_number", "full_name", "bank_name",
                      "created_at", "updated_at", "standart_sign"]
EXR_ALL = EX_ARGS[:4] + [{"fields": "all_non_empty", "secret": "append_with_separator"}]
_sig = sha256("o1:successful:" + EX_KEY)
case(T, "exotic.parse_verified_callback all_non_empty recipe: standart_sign is not signed", "exotic.parse_verified_callback",
     {"args": EXR_ALL, "body": dumps({"order_id": "o1", "status": "successful", "standart_sign": _sig})},
     ok({**{k: None for k in EX_CALLBACK_FIELDS}, "order_id": "o1", "status": "successful", "standart_sign": _sig, "kind": "succeeded"}))
case(T, "exotic.parse_verified_callback all_non_empty recipe: a wrong standart_sign", "exotic.parse_verified_callback",
     {"args": EXR_ALL, "body": dumps({"order_id": "o1", "status": "successful", "standart_sign": sha256("o1:successful:" + _sig + ":" + EX_KEY)})},
     err("invalid_signature"))

# ============================================================================================
# 2. numbers
# ============================================================================================
N = "numbers"
BAD_FLOATS = [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"), ("1e21", "1e21"),
              ("2^53+1 as a float", "9007199254740993"), ("2^64 as a float", "18446744073709551616")]
for label, f in BAD_FLOATS:
    m4_sign(N, f"m4.sign amount {label} is unsupported_value", dict(TRY, amount=F(f)), err("unsupported_value", "amount"))
m4_sign(N, "m4.sign amount -0 signs as 0", dict(TRY, amount=F("-0")))
assert m4_line("withdraw/try", dict(TRY, amount=F("-0"))).startswith("0:")
m4_sign(N, "m4.sign amount 2^53-1 as a float signs its digits (the largest exact one)", dict(TRY, amount=F("9007199254740991")))
m4_sign(N, "m4.sign amount 2^64 as a bigint signs its digits", dict(TRY, amount=BIG(2**64)))
assert m4_line("withdraw/try", dict(TRY, amount=BIG(2**64))).startswith("18446744073709551616:")
m4_sign(N, "m4.sign shop_id 1e21 as a float is unsupported_value", dict(TRY, shop_id=F("1e21")), err("unsupported_value", "shop_id"))

for label, f in [("NaN", "NaN"), ("Infinity", "Infinity"), ("1e21", "1e21"), ("2^53+1 as a float", "9007199254740993")]:
    request(N, f"m4 request amount {label} is unsupported_value", "m4", M4_ARGS, "withdraw_create", dict(S2, amount=F(f)),
            err("unsupported_value", "amount"))
request(N, "m4 request amount -0 is signed as 0 and sent as the string \"0\"", "m4", M4_ARGS, "withdraw_create", dict(S2, amount=F("-0")),
        ok(m4_request("withdraw_create", dict(S2, amount=F("-0")))),
        note="issue 11 item 5: amount is decimal text (a JSON string); -0 has the shortest text \"0\" (was the number 0)")
assert '"amount":"0",' in m4_request("withdraw_create", dict(S2, amount=F("-0")))["body"]
request(N, "m4 request amount 2^64 as a bigint is the JSON string of its digits", "m4", M4_ARGS, "withdraw_create", dict(S2, amount=BIG(2**64)),
        ok(m4_request("withdraw_create", dict(S2, amount=BIG(2**64)))),
        note="issue 11 item 5: amount is decimal text: \"amount\":\"18446744073709551616\" in every runtime (was a JSON number in Rust "
             "and Python and a string in Node and WASM)")
assert '"amount":"18446744073709551616",' in m4_request("withdraw_create", dict(S2, amount=BIG(2**64)))["body"]
request(N, "m4 request shop_currency 2^53+1 as a float is invalid_value", "m4", M4_ARGS, "withdraw_create",
        dict(S2, shop_currency=F("9007199254740993")), err("invalid_value", "shop_currency"),
        note="issue 11 item 5: an integer field takes an integral float only within +-(2^53-1)")
request(N, "m4 request shop_currency NaN is invalid_value", "m4", M4_ARGS, "withdraw_create", dict(S2, shop_currency=F("NaN")),
        err("invalid_value", "shop_currency"), note="issue 11 item 5: integer field, a non-integral float -> invalid_value")
request(N, "m4 request shop_currency 643 as a bigint is a JSON number", "m4", M4_ARGS, "withdraw_create", dict(S2, shop_currency=BIG(643)),
        ok(m4_request("withdraw_create", S2)),
        note="found in review and fixed: FORMAT.md json_scalar: an integer stays a JSON number. Python int 643 and JS number 643 send 643; a JS "
                "BigInt 643n arrives as Value::Decimal and is sent as the string \"643\" (Node and WASM)")

for label, f in [("NaN", "NaN"), ("-Infinity", "-Infinity"), ("1e21", "1e21"), ("2^53+1 as a float", "9007199254740993")]:
    request(N, f"corefy create amount {label} is unsupported_value", "corefy", CF_ARGS, "create_payout_invoice", dict(CMIN, amount=F(f)),
            err("unsupported_value", "amount"),
            note="a float that cannot be trusted is refused by the value rules before the amount rules")
request(N, "corefy create amount -0 is invalid_amount (not positive)", "corefy", CF_ARGS, "create_payout_invoice", dict(CMIN, amount=F("-0")),
        err("invalid_amount", "amount"))
request(N, "corefy create amount 2^64 as a bigint is written with its digits", "corefy", CF_ARGS, "create_payout_invoice",
        dict(CMIN, amount=BIG(2**64)), ok(cf_create_ok(dict(CMIN, amount=BIG(2**64)))))
assert '"amount":18446744073709551616,' in cf_create_ok(dict(CMIN, amount=BIG(2**64)))["body"]

for label, f in [("NaN", "NaN"), ("Infinity", "Infinity"), ("1e21", "1e21"), ("2^64 as a float", "18446744073709551616")]:
    case(N, f"validate value {label} is unsupported_value", "validate", {"validator": DIGITS, "values": {"f": F(f)}},
         report("unsupported_value", pv=False))
case(N, "validate value -0 is \"0\"", "validate", {"validator": rules("^0$", required=True), "values": {"f": F("-0")}}, report())
case(N, "validate value 2^64 as a bigint is its 20 digits", "validate", {"validator": rules("^\\d{20}$"), "values": {"f": BIG(2**64)}}, report())
case(N, "m4.verify_callback object payload with NaN is not authentic (false)", "m4.verify_callback",
     {"payload": {"amount": F("NaN"), "shop_id": 1520, "sign": sha256("NaN:1520" + M4_SECRET)}, "secret": M4_SECRET}, ok(False),
     note=I8 + " (unsupported_value amount); the sign is over \"NaN\", so signing String(NaN) would wrongly say true")

# ============================================================================================
# 3. 10 MB strings
# ============================================================================================
M = "10mb"
BIGP = dict(TRY, payway=REP("p", MB10))
m4_sign(M, "m4.sign a 10 MB signed value", BIGP, with_line=False)
BODY10 = REP('{"k":"0123456789"}', MB10 // 18)
body10 = untag(BODY10)
assert len(body10) >= 9_999_990
sig10 = corefy_sig(body10, CF_SECRET)
case(M, "corefy.callback_signature over a 10 MB body", "corefy.callback_signature", {"body": BODY10, "secret": CF_SECRET}, ok(sig10))
case(M, "corefy.verify_callback over a 10 MB body", "corefy.verify_callback", {"body": BODY10, "signature": sig10, "secret": CF_SECRET}, ok(True))
case(M, "validate a 10 MB value of digits against ^\\d+$ (linear time)", "validate", {"validator": DIGITS, "values": {"f": REP("7", MB10)}}, report())
case(M, "validate a 10 MB value against ^\\d{1,15}$ is pattern_mismatch", "validate",
     {"validator": rules("^\\d{1,15}$"), "values": {"f": REP("7", MB10)}}, report("pattern_mismatch", pv=False))
case(M, "validate a 10 MB value against max_length 255 is too_long", "validate",
     {"validator": rules(max_length=255), "values": {"f": REP("x", MB10)}}, report(("too_long", {"max": 255}), pv=False))
case(M, "validate a 10 MB literal pattern is unsupported_pattern (beyond the engine's size limit)", "validate",
     {"validator": rules(REP("a", MB10)), "values": {"f": "a"}}, report("unsupported_pattern", pv=False),
     note="fail closed: the compiled pattern would exceed the 8 MB NFA limit")
case(M, "validate a 10 MB pattern of \\d escapes fails fast", "validate",
     {"validator": rules(REP("\\d", MB10 // 2)), "values": {"f": "1"}}, report("unsupported_pattern", pv=False),
     note="found in review and fixed: never finishes in practice: pattern translation is quadratic in the number of escapes (release build, "
             "Python wheel: 100k \\d 1.2 s, 200k 4.6 s, 1M (2 MB) 80 s; 5M (10 MB) extrapolates to ~45 min). "
             "A literal 10 MB pattern fails in ~6 s. A provider-supplied pattern (Corefy prerequest, M4 account_info_config) "
             "can hang the validator; expected: a typed error within the same time as the literal pattern")

# ============================================================================================
# 4. invalid UTF-8
# ============================================================================================
U = "utf8"
case(U, "m4.verify_callback raw JSON bytes that are not UTF-8", "m4.verify_callback", {"payload": HEX("7b22a0ff"), "secret": M4_SECRET},
     ok(False), note=I8 + " (invalid_encoding)")
case(U, "m4.verify_callback form field %FF decodes to invalid UTF-8", "m4.verify_callback",
     {"payload": "shop_id=1520&account=%FF&sign=" + sha256("\ufffd:1520" + M4_SECRET), "secret": M4_SECRET}, ok(False),
     note=I8 + " (invalid_encoding); the sign is over U+FFFD, so a lossy decoder would wrongly say true")
RAWU = b'{"shop_id":1520,"account":"\xff","sign":"' + sha256("\ufffd:1520" + M4_SECRET).encode() + b'"}'
case(U, "m4.verify_callback raw JSON with an invalid UTF-8 byte in a value", "m4.verify_callback",
     {"payload": HEX(RAWU.hex()), "secret": M4_SECRET}, ok(False),
     note=I8 + "; the sign is over U+FFFD, so a lossy decoder would wrongly say true")
RAWB = bytes.fromhex("fffe7b22696422") + b":1}"
case(U, "corefy.callback_signature over raw bytes that are not UTF-8", "corefy.callback_signature",
     {"body": HEX(RAWB.hex()), "secret": CF_SECRET}, ok(corefy_sig(RAWB, CF_SECRET)), note="the signature is over bytes: no decoding")
case(U, "corefy.verify_callback over raw bytes that are not UTF-8", "corefy.verify_callback",
     {"body": HEX(RAWB.hex()), "signature": corefy_sig(RAWB, CF_SECRET), "secret": CF_SECRET}, ok(True))
case(U, "recipe.sign raw_body over bytes that are not UTF-8", "recipe.sign",
     {"recipe": {"fields": "raw_body", "secret": "wrap", "hash": "sha1", "output": "base64"}, "params": HEX(RAWB.hex()), "secret": CF_SECRET},
     ok(corefy_sig(RAWB, CF_SECRET)))
case(U, "recipe.string_to_sign raw_body of bytes that are not UTF-8 is invalid_encoding", "recipe.string_to_sign",
     {"recipe": {"fields": "raw_body"}, "params": HEX(RAWB.hex())}, err("invalid_encoding"),
     note="the line is returned as text, which these bytes are not")
m4_sign(U, "m4.sign bytes in a signed field are unsupported_value", dict(BAL, now=HEX("ff")), err("unsupported_value", "now"), method="shop_balance")
case(U, "exotic parse_callback bytes that are not UTF-8", "parse_callback", {"provider": "exotic", "body": HEX("7b226f72646572ff")},
     err("invalid_encoding"))
case(U, "corefy parse_callback bytes that are not UTF-8", "parse_callback", {"provider": "corefy", "body": HEX("c0af")}, err("invalid_encoding"))
case(U, "validate bytes as a value are unsupported_value", "validate", {"validator": DIGITS, "values": {"f": HEX("3132ff")}},
     report("unsupported_value", pv=False))

# ============================================================================================
# 5. lone surrogates (a JS / Python string; never signed as a silently changed string)
# ============================================================================================
L = "surrogate"
m4_sign(L, "m4.sign a lone surrogate in the amount", dict(TRY, amount=LONE("100.23")), err("unsupported_value", "amount"))
m4_sign(L, "m4.sign a lone surrogate in the method name", BAL, err("invalid_argument", "method"), method=LONE("shop_balance"))
case(L, "exotic.sign_payout a lone surrogate in the sign_key", "exotic.sign_payout", {"params": CARD, "sign_key": LONE("test_sign_key")},
     err("invalid_argument", "sign_key"))
case(L, "exotic.sign_payout a lone surrogate in number_card", "exotic.sign_payout",
     {"params": dict(CARD, number_card=LONE("4111111111111111")), "sign_key": EX_KEY}, err("unsupported_value", "number_card"))
case(L, "corefy.callback_signature a lone surrogate in the secret", "corefy.callback_signature", {"body": "{}", "secret": LONE("corefy-secret")},
     err("invalid_argument", "secret"))
case(L, "corefy.callback_signature a lone surrogate in the body", "corefy.callback_signature", {"body": LONE("{}"), "secret": CF_SECRET},
     err("invalid_argument", "body"))
case(L, "validate a lone surrogate in a required value", "validate",
     {"validator": rules("^\\p{L}+$", required=True), "values": {"f": LONE("Жанна")}}, report("unsupported_value", pv=False))
case(L, "m4.verify_callback object payload with a lone surrogate is not authentic (false)", "m4.verify_callback",
     {"payload": {"account": LONE("4111"), "shop_id": 1520, "sign": sha256("4\ufffd111:1520" + M4_SECRET)}, "secret": M4_SECRET}, ok(False),
     note=I8 + " (unsupported_value account); the sign is over U+FFFD, so a lossy conversion would wrongly say true")
case(L, "m4.verify_callback raw JSON with an escaped lone surrogate is not authentic (false)", "m4.verify_callback",
     {"payload": '{"account":"\\ud800","sign":"' + sha256("\ufffd" + M4_SECRET) + '"}', "secret": M4_SECRET}, ok(False),
     note=I8 + " (invalid_json): \\ud800 without its low half is no text; the sign is over U+FFFD")
request(L, "m4 request a lone surrogate in a signed field", "m4", M4_ARGS, "withdraw_create", dict(S2, account=LONE("7999")),
        err("unsupported_value", "account"))
request(L, "m4 request a lone surrogate in the unsigned description", "m4", M4_ARGS, "withdraw_create", dict(S2, description=LONE("Payout")),
        err("unsupported_value", "description"))
request(L, "m4 request a lone surrogate inside account_details", "m4", M4_ARGS, "withdraw_create",
        dict(S2, account_details={"name": LONE("Ivan")}), err("unsupported_value", "account_details"))
request(L, "corefy request a lone surrogate in reference_id", "corefy", CF_ARGS, "create_payout_invoice", dict(CMIN, reference_id=LONE("ref-1")),
        err("unsupported_value", "reference_id"))
request(L, "exotic status_pay_out a lone surrogate in pay_out_id", "exotic", EX_ARGS, "status_pay_out", {"pay_out_id": LONE("ord-1")},
        err("invalid_argument", "pay_out_id"))
request(L, "exotic status_pay_out a lone surrogate as the bare id", "exotic", EX_ARGS, "status_pay_out", LONE("ord-1"),
        err("invalid_argument", "pay_out_id"),
        note="found in review and fixed: the field named depends on the runtime: Python (status_pay_out(id) goes through request_with) says "
                "invalid_argument `pay_out_id`; Rust Gateway::request, Node and WASM say invalid_argument `fields` "
                "(\"`fields` must be a mapping of field names to values (got string with a lone surrogate)\"), which "
                "misleads: the caller passed an id. Same for any non-scalar bare id (true, a list)")
request(L, "m4 constructor a lone surrogate in the secret", "m4", [357, LONE("account-secret-key"), None], "shop_balance",
        {"now": "2026-05-24T16:35:42"}, err("invalid_argument", "secret"))

# ============================================================================================
# 6. nested objects and lists in signed fields
# ============================================================================================
X = "nested"
m4_sign(X, "m4.sign amount is an object", dict(TRY, amount={"value": "100.23", "currency": "USD"}), err("unsupported_value", "amount"))
m4_sign(X, "m4.sign payway is a list", dict(TRY, payway=["card_payway_usd"]), err("unsupported_value", "payway"))
m4_sign(X, "m4.sign shop_id is an empty object", dict(BAL, shop_id={}), err("unsupported_value", "shop_id"), method="shop_balance")
case(X, "exotic.sign_payout number_card is a list", "exotic.sign_payout", {"params": dict(CARD, number_card=["4111", "1111"]), "sign_key": EX_KEY},
     err("unsupported_value", "number_card"))
case(X, "recipe.sign a listed field holding an object", "recipe.sign",
     {"recipe": {"fields": ["order_id", "amount"]}, "params": {"order_id": "o-1", "amount": {"v": 1}}, "secret": "k3y-secret"},
     err("unsupported_value", "amount"))
case(X, "m4.verify_callback object payload with a nested list is not authentic (false)", "m4.verify_callback",
     {"payload": {"shop_id": 1520, "items": [1, 2], "sign": sha256("1520" + M4_SECRET)}, "secret": M4_SECRET}, ok(False),
     note=I8 + " (unsupported_value items); the sign is over the other fields, so skipping the list would wrongly say true")
case(X, "m4.verify_callback raw JSON with a nested object is not authentic (false)", "m4.verify_callback",
     {"payload": '{"shop_id":1520,"data":{"status":5},"sign":"' + sha256("1520" + M4_SECRET) + '"}', "secret": M4_SECRET}, ok(False),
     note=I8 + " (unsupported_value data): nested values are not in the all-non-empty rule: refuse rather than guess a "
          "serialisation; the sign is over the other fields, so skipping the object would wrongly say true")
case(X, "m4.verify_callback raw JSON with a bool is not authentic (false)", "m4.verify_callback",
     {"payload": '{"shop_id":1520,"test":true,"sign":"' + sha256("1520:true" + M4_SECRET) + '"}', "secret": M4_SECRET}, ok(False),
     note=I8 + "; the sign is over \"true\", so stringifying the bool would wrongly say true")
request(X, "m4 request amount is an object", "m4", M4_ARGS, "withdraw_create", dict(S2, amount={"value": "100.23"}), err("invalid_amount", "amount"),
        note="issue 11 item 5: amount is decimal text; anything else -> invalid_amount (was unsupported_value)")
request(X, "corefy create amount is a list", "corefy", CF_ARGS, "create_payout_invoice", dict(CMIN, amount=["100.50"]), err("unsupported_value", "amount"))
case(X, "validate a list value is unsupported_value", "validate", {"validator": DIGITS, "values": {"f": ["1", "2"]}}, report("unsupported_value", pv=False))

# ============================================================================================
# 7. "__proto__" and "constructor" keys (plain own keys in every runtime)
# ============================================================================================
PR = "proto"
m4_sign(PR, "m4.sign extra __proto__ and constructor keys are ignored", dict(BAL, __proto__={"shop_id": 1}, constructor="x"), method="shop_balance",
        note="the __proto__ value holds a shop_id: it must not leak into the signed shop_id")
PRE = {"fields": ["__proto__", "constructor"]}
PRP = {"constructor": "c-val", "__proto__": "p-val", "toString": "t"}
case(PR, "recipe.sign fields __proto__ and constructor are signed as listed", "recipe.sign",
     {"recipe": PRE, "params": PRP, "secret": "k3y-secret"}, ok(sha256("p-val:c-val" + "k3y-secret"), "p-val:c-val"))
case(PR, "recipe.sign sorted fields __proto__, constructor", "recipe.sign",
     {"recipe": {"fields": ["constructor", "__proto__"], "sort": True}, "params": PRP, "secret": "k3y-secret"},
     ok(sha256("p-val:c-val" + "k3y-secret"), "p-val:c-val"), note="byte order: '_' (0x5F) sorts before 'c'")
case(PR, "recipe.sign a missing __proto__ field is missing_field (never the prototype)", "recipe.sign",
     {"recipe": PRE, "params": {"constructor": "c-val"}, "secret": "k3y-secret"}, err("missing_field", "__proto__"))
CBP = {"shop_id": 1520, "__proto__": "p", "amount": "100.00", "constructor": "c"}
CBP["sign"] = m4_callback_sign(CBP)
assert CBP["sign"] == sha256("p:100.00:c:1520" + M4_SECRET)
case(PR, "m4.verify_callback object payload signs __proto__ and constructor", "m4.verify_callback", {"payload": CBP, "secret": M4_SECRET}, ok(True))
case(PR, "m4.verify_callback raw JSON signs __proto__ and constructor", "m4.verify_callback",
     {"payload": json.dumps(CBP), "secret": M4_SECRET}, ok(True))
AD = {"__proto__": {"admin": True}, "constructor": "c", "name": "Ivan"}
request(PR, "m4 request account_details keeps __proto__ and constructor as plain keys", "m4", M4_ARGS, "withdraw_create",
        dict(S2, account_details=AD), ok(m4_request("withdraw_create", dict(S2, account_details=AD))))
assert '"account_details":{"__proto__":{"admin":true},"constructor":"c","name":"Ivan"}' in m4_request("withdraw_create", dict(S2, account_details=AD))["body"]
case(PR, "exotic.sign_payout extra __proto__ key is ignored", "exotic.sign_payout", {"params": dict(CARD, __proto__={"order_id": "x"}), "sign_key": EX_KEY},
     ok(sha256("ord-1001:150.00:4111111111111111:rub:" + EX_KEY), "ord-1001:150.00:4111111111111111:rub"))

# ============================================================================================
# 8. duplicate keys in raw callbacks
# ============================================================================================
D = "duplicate"
DUPN = I8 + " (duplicate_field); the sign is valid for the %s value, so a parser that keeps it would wrongly say true"
for which, amount in [("last", "1000.00"), ("first", "1.00")]:
    case(D, f"m4.verify_callback raw JSON with amount twice, signed for the {which} value", "m4.verify_callback",
         {"payload": '{"shop_id":1520,"amount":"1.00","amount":"1000.00","sign":"%s"}' % sha256(f"{amount}:1520" + M4_SECRET),
          "secret": M4_SECRET}, ok(False), note=DUPN % which)
    case(D, f"m4.verify_callback form-encoded with amount twice, signed for the {which} value", "m4.verify_callback",
         {"payload": "shop_id=1520&amount=1.00&amount=1000.00&sign=" + sha256(f"{amount}:1520" + M4_SECRET), "secret": M4_SECRET},
         ok(False), note=DUPN % which)
case(D, "m4.verify_callback raw JSON with sign twice", "m4.verify_callback",
     {"payload": '{"sign":"00","shop_id":1520,"sign":"%s"}' % sha256("1520" + M4_SECRET), "secret": M4_SECRET}, ok(False),
     note=DUPN % "last")
case(D, "m4.verify_callback raw JSON duplicate whose first value is null", "m4.verify_callback",
     {"payload": '{"shop_id":1520,"amount":null,"amount":"5","sign":"%s"}' % sha256("5:1520" + M4_SECRET), "secret": M4_SECRET},
     ok(False), note="a null is not signed, but the key still occurs twice; " + DUPN % "last")
case(D, "m4.verify_callback raw JSON duplicate spelled with a \\u escape", "m4.verify_callback",
     {"payload": '{"shop_id":1520,"amount":"1","\\u0061mount":"2","sign":"%s"}' % sha256("2:1520" + M4_SECRET), "secret": M4_SECRET},
     ok(False), note=DUPN % "last")
case(D, "m4.verify_callback form-encoded duplicate spelled %61mount", "m4.verify_callback",
     {"payload": "shop_id=1520&amount=1.00&%61mount=2&sign=" + sha256("2:1520" + M4_SECRET), "secret": M4_SECRET}, ok(False),
     note=DUPN % "last")
case(D, "exotic parse_callback status twice (second via \\u escape)", "parse_callback",
     {"provider": "exotic", "body": '{"order_id":"o1","status":"expectation","\\u0073tatus":"successful"}'}, err("duplicate_field", "status"))
case(D, "corefy parse_callback status twice inside attributes", "parse_callback",
     {"provider": "corefy", "body": '{"data":{"id":"cpoi_1","type":"payout-invoices","attributes":{"status":"process_failed","status":"processed"}}}'},
     err("duplicate_field", "status"))
case(D, "corefy parse_callback data twice at the top", "parse_callback",
     {"provider": "corefy", "body": '{"data":{"id":"a","attributes":{"status":"processed"}},"data":{"id":"b","attributes":{"status":"processed"}}}'},
     err("duplicate_field", "data"))
case(D, "corefy parse_callback duplicate deep in metadata", "parse_callback",
     {"provider": "corefy", "body": '{"data":{"id":"cpoi_1","attributes":{"status":"processed","metadata":{"m":[{"k":1,"k":2}]}}}}'},
     err("duplicate_field", "k"))

# ============================================================================================
# 9. empty and whitespace-padded secrets
# ============================================================================================
S = "secret"
for label, sec in [("empty", ""), ("leading space", " " + M4_SECRET), ("trailing newline", M4_SECRET + "\n"),
                   ("leading tab", "\t" + M4_SECRET), ("only spaces", "    "), ("trailing CRLF", M4_SECRET + "\r\n")]:
    m4_sign(S, f"m4.sign secret {label}", BAL, err("invalid_secret", "secret"), method="shop_balance", secret=sec)
m4_sign(S, "m4.sign secret with a trailing no-break space", BAL, err("invalid_secret", "secret"), method="shop_balance", secret=M4_SECRET + "\u00a0",
        note="padding is any Unicode white space (U+00A0 from a copy-paste included)")
m4_sign(S, "m4.sign an unknown method wins over an empty secret", BAL, err("unknown_method", "method"), method="shop/balance", secret="")
case(S, "m4.verify_callback secret empty", "m4.verify_callback", {"payload": {"shop_id": 1, "sign": "00"}, "secret": ""}, err("invalid_secret", "secret"))
case(S, "exotic.sign_payout sign_key empty", "exotic.sign_payout", {"params": CARD, "sign_key": ""}, err("invalid_secret", "sign_key"))
case(S, "exotic.sign_payout sign_key with a trailing newline", "exotic.sign_payout", {"params": CARD, "sign_key": EX_KEY + "\n"},
     err("invalid_secret", "sign_key"))
case(S, "corefy.callback_signature secret with a leading space", "corefy.callback_signature", {"body": "{}", "secret": " " + CF_SECRET},
     err("invalid_secret", "secret"))
case(S, "corefy.verify_callback secret empty", "corefy.verify_callback",
     {"body": "{}", "signature": corefy_sig("{}", CF_SECRET), "secret": ""}, err("invalid_secret", "secret"))
case(S, "corefy.verify_callback secret with a trailing tab", "corefy.verify_callback",
     {"body": "{}", "signature": corefy_sig("{}", CF_SECRET), "secret": CF_SECRET + "\t"}, err("invalid_secret", "secret"))
case(S, "corefy.basic_auth api_key empty", "corefy.basic_auth", {"account_id": "coma_8Xq2", "api_key": ""}, err("invalid_secret", "api_key"))
case(S, "corefy.basic_auth api_key with a trailing newline", "corefy.basic_auth", {"account_id": "coma_8Xq2", "api_key": CF_KEY + "\n"},
     err("invalid_secret", "api_key"))
case(S, "recipe.sign secret empty", "recipe.sign", {"recipe": {"fields": ["order_id"]}, "params": {"order_id": "o-1"}, "secret": ""},
     err("invalid_secret", "secret"))
case(S, "recipe.sign secret with a leading tab", "recipe.sign", {"recipe": {"fields": ["order_id"], "secret": "hmac_key"},
                                                                   "params": {"order_id": "o-1"}, "secret": "\tk3y-secret"},
     err("invalid_secret", "secret"))
request(S, "m4 constructor secret with a leading space", "m4", [357, " " + M4_SECRET, None], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("invalid_secret", "secret"))
request(S, "m4 constructor secret with a trailing newline", "m4", [357, M4_SECRET + "\n", None], "shop_balance", {"now": "2026-05-24T16:35:42"},
        err("invalid_secret", "secret"))
request(S, "exotic constructor sign_key with a trailing newline", "exotic", ["merchant-7", EX_KEY + "\n", EX_API, EX_ARGS[3], None],
        "status_pay_out", "ord-1", err("invalid_secret", "sign_key"))
request(S, "exotic constructor api_key empty", "exotic", ["merchant-7", EX_KEY, "", EX_ARGS[3], None], "status_pay_out", "ord-1",
        err("invalid_secret", "api_key"))
request(S, "exotic constructor api_key with a leading space", "exotic", ["merchant-7", EX_KEY, " " + EX_API, EX_ARGS[3], None],
        "status_pay_out", "ord-1", err("invalid_secret", "api_key"))
request(S, "corefy constructor api_key with a trailing CRLF", "corefy", [CF_ARGS[0], CF_KEY + "\r\n", CF_ARGS[2]], "payout_services", None,
        err("invalid_secret", "api_key"))
request(S, "corefy constructor api_key empty", "corefy", [CF_ARGS[0], "", CF_ARGS[2]], "payout_services", None, err("invalid_secret", "api_key"))

# ============================================================================================
# 10. trailing newlines
# ============================================================================================
NL = "newline"
m4_sign(NL, "m4.sign a value with a trailing newline is signed as is", dict(TRY, payway="card_payway_usd\n"))
assert "card_payway_usd\n:" in m4_line("withdraw/try", dict(TRY, payway="card_payway_usd\n"))
m4_sign(NL, "m4.sign now with a trailing newline is signed as is (only request builders check now)", dict(BAL, now="2026-05-24T16:35:42\n"),
        method="shop_balance")
m4_sign(NL, "m4.sign a method with a trailing newline is unknown_method", BAL, err("unknown_method", "method"), method="shop_balance\n")
request(NL, "m4 request now with a trailing newline is invalid_value", "m4", M4_ARGS, "shop_balance", {"now": "2026-05-24T16:35:42\n"},
        err("invalid_value", "now"))
case(NL, "validate a pattern with a trailing newline (surrounding white space stripped)", "validate",
     {"validator": rules("^\\d+$\n"), "values": {"f": "123"}}, report(),
     note="VALIDATION.md patterns: surrounding whitespace stripped")
case(NL, "validate a value with a trailing newline is trimmed first, then matches", "validate",
     {"validator": DIGITS, "values": {"f": "123\n"}}, report(),
     note="VALIDATION.md step 0 trims the value; the strict $ applies to the trimmed text (the report's values give '123')")
case(NL, "validate a newline inside the value never matches ^\\d+$", "validate",
     {"validator": DIGITS, "values": {"f": "12\n3"}}, report("pattern_mismatch", pv=False),
     note="$ is the very end only: no match before a newline")
case(NL, "validate a newline-only value of a required field is required", "validate",
     {"validator": rules("^\\d+$", required=True), "values": {"f": "\n"}}, report("required", pv=True))
CBN = {"shop_id": 1520, "amount": "100.00\n"}
CBN["sign"] = m4_callback_sign(CBN)
case(NL, "m4.verify_callback a value with a trailing newline is signed as is", "m4.verify_callback", {"payload": CBN, "secret": M4_SECRET}, ok(True))
case(NL, "m4.verify_callback the sign with a trailing newline is trimmed", "m4.verify_callback",
     {"payload": dict(CBN, sign=CBN["sign"] + "\n"), "secret": M4_SECRET}, ok(True))
case(NL, "corefy.verify_callback a signature header with a trailing newline is trimmed", "corefy.verify_callback",
     {"body": '{"data":{}}', "signature": corefy_sig('{"data":{}}', CF_SECRET) + "\r\n", "secret": CF_SECRET}, ok(True))
case(NL, "corefy.verify_callback a body with an extra trailing newline does not verify", "corefy.verify_callback",
     {"body": '{"data":{}}\n', "signature": corefy_sig('{"data":{}}', CF_SECRET), "secret": CF_SECRET}, ok(False),
     note="the body is signed byte for byte: never trimmed")

# ============================================================================================
assert len(cases) >= 45 and all(category[c] for c in CATEGORIES), category
write_corpus("bad-input.json",
             "Bad-input matrix (FORMAT.md: BAD INPUT): wrong types, untrustworthy numbers, 10 MB strings, invalid UTF-8, lone "
             "surrogates, nested values, __proto__ keys, duplicate keys, padded secrets, trailing newlines. Expected values "
             "computed by gen_bad_input.py with hashlib from the stated rules, not by the library.",
             cases, disputed, "disputed bad-input cases (the rules say one thing, the library does another)")
print(len(cases), "cases;", ", ".join(f"{CATEGORIES[c].split(' ', 1)[0]}:{c} {category[c]}" for c in CATEGORIES),
      f"; {len(disputed)} disputed")
