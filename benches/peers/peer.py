"""What a Python integrator writes instead of payoutkit: hashlib, hmac, base64, re, Decimal
and a Luhn loop. Idiomatic, not tuned: this is the baseline payoutkit has to beat."""

import base64
import hashlib
import hmac
import re
from decimal import Decimal, InvalidOperation

# The M4 docs' table for the one method the benchmark signs (already sorted by key).
M4_SIGNED = {
    "withdraw/create": ("account", "amount", "amount_type", "payway", "shop_currency", "shop_id", "shop_payment_id"),
}
EXOTIC_REQUISITE = {"card": "number_card", "sbp": "phone_number", "score": "number_score", "iban": "iban_number"}


def m4_sign(method, params, secret):
    line = ":".join(str(params[k]) for k in M4_SIGNED[method])
    return hashlib.sha256((line + secret).encode()).hexdigest()


def exotic_sign_payout(p, sign_key):
    requisite = p[EXOTIC_REQUISITE[p["payment_method"]]]
    line = f"{p['order_id']}:{p['fiat_amount']}:{requisite}:{p['fiat_currency']}:{sign_key}"
    return hashlib.sha256(line.encode()).hexdigest()


def corefy_callback_signature(body, secret):
    key = secret.encode()
    return base64.b64encode(hashlib.sha1(key + body + key).digest()).decode()


def corefy_verify_callback(body, signature, secret):
    return hmac.compare_digest(corefy_callback_signature(body, secret), signature.strip())


# The benchmark form, checked the way a hand-written Django/FastAPI validator would.
CARD = re.compile(r"\d{16}")
PHONE = re.compile(r"\+\d{10,14}")
ACCOUNT = re.compile(r"\d{1,15}")
NAME = re.compile(r"(?:[^\W\d_]|\s){2,100}")  # `re` has no \p{L}: letters are "word but not digit or _"
AMOUNT = re.compile(r"\d+(?:\.\d{1,2})?")
IBAN = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")
IBAN_LENGTHS = {"DE": 22, "GB": 22, "FR": 27, "UA": 29, "PL": 28, "NL": 18, "ES": 24, "IT": 27}


def luhn(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(iban):
    if not IBAN.fullmatch(iban) or IBAN_LENGTHS.get(iban[:2]) != len(iban):
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def validate_form(values):
    """{field: error code} for the benchmark form (empty when valid)."""
    errors = {}
    card = values.get("card", "").replace(" ", "").replace("-", "")
    if not CARD.fullmatch(card):
        errors["card"] = "pattern_mismatch"
    elif not luhn(card):
        errors["card"] = "luhn"
    iban = values.get("iban", "").replace(" ", "").upper()
    if len(iban) > 34 or not iban_ok(iban):
        errors["iban"] = "iban_checksum"
    if not PHONE.fullmatch(values.get("phone", "")):
        errors["phone"] = "pattern_mismatch"
    if not ACCOUNT.fullmatch(values.get("account", "")):
        errors["account"] = "pattern_mismatch"
    if not NAME.fullmatch(values.get("name", "")):
        errors["name"] = "pattern_mismatch"
    amount = values.get("amount", "").replace(",", ".")
    try:
        if not AMOUNT.fullmatch(amount) or not Decimal("0.01") <= Decimal(amount) <= Decimal("9999999"):
            errors["amount"] = "invalid_amount"
    except InvalidOperation:
        errors["amount"] = "invalid_amount"
    return errors
