"""Regression cases for defects found in review (hand-specified expectations: each is a
decision, not a computation). Writes robustness.json; run by every runtime like the others.

Run:  python3 tests/vectors/gen_robustness.py
      (writes into tests/vectors/, or into $PAYOUTKIT_VECTORS_OUT when set; vectorlib.py)
"""

import json

from vectorlib import LONE, case as make_case, report, rules, write_corpus

cases = []


def case(name, op, args, expect, note=""):
    cases.append(make_case(name, op, args, expect, "own", note))


# \p{..} / \x{..} braces outside classes, and + after escapes or inside classes, are not possessive.
for name, pat, val in [
    ("\\p{L} with a counted repetition", r"^\p{L}{2,50}$", "Жанна"),
    ("\\p{L}+ is not possessive", r"^\p{L}+$", "Ёлка"),
    ("\\p{Lu}\\p{Ll}* with /u", r"/^\p{Lu}\p{Ll}*$/u", "Ёлка"),
    ("\\x{4A} hex escape", r"^\x{4A}$", "J"),
    ("+ inside a class then +", r"^[0-9*+]+$", "1+2*3"),
    ("escaped plus then +", r"^\++\d+$", "++7"),
    ("lazy +? is not possessive", r"^a+?b$", "aab"),
    ("/i folds POSIX [:lower:]", r"/^[[:lower:]]+$/i", "ABC"),
]:
    case(f"pattern: {name}", "validate", {"validator": rules(pat), "values": {"f": val}}, report())
for name, pat in [
    ("possessive a++", r"^a++$"),
    ("atomic group", r"^(?>ab)$"),
    ("NFA beyond the size limit", r"^((a{1000}){1000}){1000}$"),
    ("leading look-ahead before a top-level |", r"^(?=.{3,5}$)a+|b+$"),
    ("/i over a cross-case range", r"/^[Z-a]+$/i"),
]:
    case(f"pattern: {name} is unsupported", "validate", {"validator": rules(pat), "values": {"f": "a"}},
         report("unsupported_pattern", pv=False))

# Corefy limits: numeric strings and exponents are read; unreadable ones fail the build.
def prerequest(**limits):
    svc = {"fields": [{"key": "account", "required": True, "regexp": "^\\d{1,15}$"}], **limits}
    # RAW:<text> puts <text> into the JSON as a bare number, exactly as written (e.g. 1e1).
    text = json.dumps({"data": {"services": {"s": svc}}})
    for k, v in limits.items():
        if isinstance(v, str) and v.startswith("RAW:"):
            text = text.replace(json.dumps(v), v[4:])
    return text


def corefy_amount(limits, amount, codes, params=None):
    errs = [{"field": "amount", "code": c, "params": params or {}} for c in codes]
    return {"validator": {"corefy_prerequest": prerequest(**limits), "service": "s"}, "values": {"account": "1", "amount": amount}}, errs


for name, limits, amount, codes, params, pv in [
    ("string max is enforced", {"amount_max": "100"}, "1000000", ["amount_above_max"], {"max": "100"}, False),
    ("string min keeps its text", {"amount_min": "10.00"}, "5", ["amount_below_min"], {"min": "10.00"}, True),
    ("exponent min is expanded", {"amount_min": "RAW:1e1"}, "5", ["amount_below_min"], {"min": "10"}, True),
    ("negative min is no lower bound", {"amount_min": -1, "amount_max": 5}, "0", [], None, True),
]:
    args, errs = corefy_amount(limits, amount, codes, params)
    case(f"corefy limits: {name}", "validate", args, {"result": {"valid": not codes, "potentially_valid": pv, "errors": errs}})
case("corefy limits: unreadable max fails the build", "validator.error",
     {"validator": {"corefy_prerequest": prerequest(amount_max="lots"), "service": "s"}},
     {"error": {"code": "invalid_value", "field": "amount_max"}})
case("amount: no-break and narrow spaces group digits", "validate",
     {"validator": {"rules": [{"key": "f", "checks": ["amount"], "max": "2000000"}]}, "values": {"f": "1\u00a0500\u202f000,50"}},
     report())

# Deep or cyclic structures never exhaust a runtime's stack: past 32 levels a value is
# "nested too deeply", so signing it is unsupported_value.
deep = "x"
for _ in range(100):
    deep = [deep]
# issue 11 item 8: a value that cannot be signed makes the callback not authentic: false, never an error (the
# stack still must not overflow on the way there).
case("m4 callback: a 100-level nested value is not authentic (false)", "m4.verify_callback",
     {"payload": {"sign": "00", "shop_id": 1, "x": deep}, "secret": "account-secret-key"},
     {"result": False})

# Arguments of the wrong type: the same typed error in every runtime.
for op in ["luhn_valid", "iban_valid", "card_brand", "mask_pan"]:
    case(f"{op}: a number is invalid_argument", op, {"value": 4111}, {"error": {"code": "invalid_argument", "field": "value"}})
case("validate: partial must be a boolean", "validate",
     {"validator": rules("^\\d+$"), "values": {"f": "1"}, "partial": 1}, {"error": {"code": "invalid_argument", "field": "partial"}})
case("validate: locale must be a string", "validate",
     {"validator": rules("^\\d+$"), "values": {"f": "1"}, "locale": 7}, {"error": {"code": "invalid_argument", "field": "locale"}})
case("validate: exotic method must be a string", "validator.error", {"validator": {"exotic": 5}},
     {"error": {"code": "invalid_argument", "field": "payment_method"}})

# JS and Python strings can hold a lone surrogate, which UTF-8 cannot: never sign a
# silently changed string.
case("m4.sign: a lone surrogate in a signed field is unsupported_value", "m4.sign",
     {"method": "shop_balance", "params": {"shop_id": 1520, "now": LONE("2026-05-24T16:35:42")}, "secret": "account-secret-key"},
     {"error": {"code": "unsupported_value", "field": "now"}})
case("m4.sign: a lone surrogate in the secret is invalid_argument", "m4.sign",
     {"method": "shop_balance", "params": {"shop_id": 1520, "now": "2026-05-24T16:35:42"}, "secret": LONE("k3y")},
     {"error": {"code": "invalid_argument", "field": "secret"}})
case("validate: a lone surrogate is unsupported_value", "validate",
     {"validator": rules("^.+$"), "values": {"f": LONE("ab")}}, report("unsupported_value", pv=False))

# The unknown-method message does not echo the argument (it could be a swapped secret).
case("m4.sign: an unknown method is not echoed (it could be a swapped secret)", "m4.sign",
     {"method": "sk_live_swapped_secret", "params": {}, "secret": "sk_live_swapped_secret"},
     {"error": {"code": "unknown_method", "field": "method"}},
     note="every runner checks the secret's text never appears in a message; here it is also the method argument")

# Values coming out of the core are the same host values in every runtime (issue 13): text
# as text, decimal text as a string, integers beyond 2^53 as the host's big integers (JSON
# cannot say that: the runners write them as {"$bigint": "..."} to compare), nested data as
# nested data in order, null as null.
VALUES_NOTE = "inspect_value returns the value as the core read it; every runtime must hand back the same host values"
for name, value, want in [
    ("text and integers", {"s": "ok", "i": 840, "neg": -5}, {"s": "ok", "i": 840, "neg": -5}),
    ("a decimal comes out as its exact text", {"amount": {"$decimal": "1500.50"}}, {"amount": "1500.50"}),
    ("a big integer stays an integer", {"n": {"$bigint": "18446744073709551616"}}, {"n": {"$bigint": "18446744073709551616"}}),
    ("2^53 - 1 stays a plain integer", {"n": 9007199254740991}, {"n": 9007199254740991}),
    ("nested data keeps its shape and order", {"z": [1, {"b": None, "a": True}], "a": {"x": ["y"]}}, {"z": [1, {"b": None, "a": True}], "a": {"x": ["y"]}}),
    ("a float stays a float", {"f": 1.5}, {"f": 1.5}),
]:
    case(f"values out: {name}", "inspect_value", {"value": value}, {"result": want}, VALUES_NOTE)

# Prepared signers (issue 14): the same signatures as the one-shot functions, the secret
# checked once when the signer is made. Expected values computed here with hashlib.
import hashlib  # noqa: E402
SIGNER_NOTE = "a prepared signer signs exactly as m4.sign / exotic.sign_payout / Recipe.sign"
M4P = {"account": "4000000000000002", "amount": "100.23", "amount_type": "ps_amount", "payway": "card_payway_usd",
       "shop_currency": 840, "shop_id": 1520, "shop_payment_id": "p-1", "description": "not signed"}
m4_line = ":".join(str(M4P[k]) for k in sorted(["account", "amount", "amount_type", "payway", "shop_currency", "shop_id", "shop_payment_id"]))
case("signer: m4 withdraw/create", "signer.sign", {"kind": "m4", "method": "withdraw/create", "secret": "k3y-secret", "params": M4P},
     {"result": hashlib.sha256((m4_line + "k3y-secret").encode()).hexdigest()}, SIGNER_NOTE)
case("signer: m4 with a signed field missing", "signer.sign", {"kind": "m4", "method": "withdraw/create", "secret": "k3y-secret",
     "params": {k: v for k, v in M4P.items() if k != "amount"}}, {"error": {"code": "missing_field", "field": "amount"}}, SIGNER_NOTE)
case("signer: m4 with a float amount takes the general path", "signer.sign", {"kind": "m4", "method": "shop_balance", "secret": "k3y-secret",
     "params": {"shop_id": 1520.0, "now": "2026-05-24T16:35:42"}},
     {"result": hashlib.sha256(("2026-05-24T16:35:42:1520" + "k3y-secret").encode()).hexdigest()}, SIGNER_NOTE)
case("signer: an empty secret fails when the signer is made", "signer.sign", {"kind": "m4", "method": "shop_balance", "secret": "",
     "params": {}}, {"error": {"code": "invalid_secret", "field": "secret"}}, SIGNER_NOTE)
EXP = {"order_id": "order123", "payment_method": "sbp", "fiat_amount": "1500.00", "fiat_currency": "rub", "phone_number": "79161234567"}
case("signer: exotic sbp (the document's example)", "signer.sign", {"kind": "exotic", "payment_method": "sbp", "secret": "test_sign_key",
     "params": EXP}, {"result": "53f49a84b929a1c6bf16fdf36ed151738def4b30a8088237ce480ffef538aa2f"}, SIGNER_NOTE)
case("signer: a recipe with an HMAC key", "signer.sign", {"kind": "recipe", "recipe": {"fields": ["b", "a"], "secret": "hmac_key"},
     "secret": "k", "params": {"a": "1", "b": 2}},
     {"result": __import__("hmac").new(b"k", b"2:1", hashlib.sha256).hexdigest()}, SIGNER_NOTE)

write_corpus("robustness.json",
             "Regression cases for review findings: pattern braces/possessives/size, Corefy limits, deep nesting, argument types.",
             cases)
print(len(cases), "cases")
