#!/usr/bin/env python3
"""Generate tests/vectors/validation.json, the shared validation test-vector corpus of payoutkit.

Oracle (independent of the library): Python 3.11 standard library plus the PyPI packages
`regex` (PCRE-like engine with partial matching and \\p{..}) and `schwifty` (IBAN registry, used to
cross-check the IBAN lengths below). The rules of tests/vectors/VALIDATION.md are implemented here
from scratch: pattern spellings, ASCII \\d \\w \\s, strict "$", leading look-ahead, unsupported
constructs, Luhn, mod-97, exact decimal comparison, the message catalogue.

Every case states its intent (expected error codes in order, valid / potentially_valid, or the
helper result); the generator refuses to write the file when its computation disagrees.
Every "incomplete" pattern verdict (value is a prefix of some match) is cross-checked by searching
for a concrete completion that fully matches, and every "invalid" verdict by failing to find one.
After writing, the file is re-read and every case recomputed from the parsed JSON (round trip).

Run:  /tmp/valvec-venv/bin/python tests/vectors/gen_validation.py
      (venv: python3 -m venv /tmp/valvec-venv && /tmp/valvec-venv/bin/pip install regex schwifty)
      (writes into tests/vectors/, or into $PAYOUTKIT_VECTORS_OUT when set; the helpers shared
      by the generators are in vectorlib.py; regenerate.py runs them all)
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from decimal import Decimal

import regex

from vectorlib import COREFY_PREREQUEST_SAMPLE, MAX_SAFE, case, walk_numbers, write_corpus

try:
    from schwifty import registry as _schwifty_registry
except ImportError:  # pragma: no cover - the generator still works with the built-in table
    _schwifty_registry = None

# --------------------------------------------------------------------------------------------
# message catalogue (copied from VALIDATION.md)
# --------------------------------------------------------------------------------------------
MESSAGES = {
    "required": ("This field is required.", "Обязательное поле.", "Обов'язкове поле."),
    "too_short": ("Enter at least {min} characters.", "Введите не менее {min} символов.",
                  "Введіть щонайменше {min} символів."),
    "too_long": ("Enter at most {max} characters.", "Введите не более {max} символов.",
                 "Введіть не більше {max} символів."),
    "pattern_mismatch": ("Invalid format.", "Неверный формат.", "Невірний формат."),
    "luhn": ("Invalid card number.", "Неверный номер карты.", "Невірний номер картки."),
    "iban_country": ("Unknown IBAN country code {country}.", "Неизвестный код страны IBAN {country}.",
                     "Невідомий код країни IBAN {country}."),
    "iban_length": ("An IBAN from this country has {expected} characters.",
                    "IBAN этой страны содержит {expected} символов.",
                    "IBAN цієї країни містить {expected} символів."),
    "iban_checksum": ("Invalid IBAN: check digits do not match.",
                      "Неверный IBAN: контрольные цифры не совпадают.",
                      "Невірний IBAN: контрольні цифри не збігаються."),
    "invalid_amount": ("Enter an amount such as 100.50.", "Введите сумму, например 100.50.",
                       "Введіть суму, наприклад 100.50."),
    "amount_precision": ("Use at most {decimals} decimal places.", "Не более {decimals} знаков после запятой.",
                         "Не більше {decimals} знаків після коми."),
    "amount_below_min": ("The minimum amount is {min}.", "Минимальная сумма {min}.", "Мінімальна сума {min}."),
    "amount_above_max": ("The maximum amount is {max}.", "Максимальная сумма {max}.", "Максимальна сума {max}."),
    "unsupported_pattern": ("This field's format cannot be checked here.",
                            "Формат этого поля нельзя проверить здесь.",
                            "Формат цього поля неможливо перевірити тут."),
    "invalid_pattern": ("This field's format rule is broken.", "Правило формата этого поля повреждено.",
                        "Правило формату цього поля пошкоджене."),
    "card_digits": ("A card number has only digits.", "Номер карты состоит только из цифр.",
                    "Номер картки складається лише з цифр."),
    "phone_digits": ("A phone number has only digits, with + in front.",
                     "Номер телефона состоит только из цифр и + в начале.",
                     "Номер телефону складається лише з цифр і + на початку."),
    "iban_chars": ("An IBAN has only Latin letters and digits.", "IBAN состоит только из латинских букв и цифр.",
                   "IBAN складається лише з латинських літер і цифр."),
    "latin_letters": ("Use Latin letters only.", "Используйте только латинские буквы.",
                      "Використовуйте лише латинські літери."),
}
LOCALES = {"en": 0, "ru": 1, "uk": 2}
ALL_CODES = list(MESSAGES)

# --------------------------------------------------------------------------------------------
# field kinds (copied from VALIDATION.md "Field kinds")
# name: (payee, labels en/ru/uk, hints en/ru/uk, example, (type, inputmode, autocomplete, autocapitalize,
#        no spelling), separators, max_length, keys)
# --------------------------------------------------------------------------------------------
N3 = ("", "", "")
KINDS = {
    "card_number": (True, ("Card number", "Номер карты", "Номер картки"),
                    ("The digits on the front of the card", "Цифры на лицевой стороне карты",
                     "Цифри на лицьовому боці картки"),
                    "4111 1111 1111 1111", ("text", "numeric", "cc-number", "", True), " -", 19,
                    ["card_number", "number_card", "card", "pan", "cardnumber", "card_no"]),
    "card_holder": (True, ("Name on the card", "Имя на карте", "Ім'я на картці"),
                    ("As printed on the card", "Как на карте", "Як на картці"),
                    "IVAN PETROV", ("text", "", "cc-name", "characters", True), "", None,
                    ["card_holder", "cardholder", "card_holder_name", "holder_name", "card_name"]),
    "phone": (True, ("Phone number", "Номер телефона", "Номер телефону"),
              ("With the country code", "С кодом страны", "З кодом країни"),
              "+7 916 123-45-67", ("tel", "tel", "tel", "", False), " -()", None,
              ["phone", "phone_number", "beneficiary_phone", "msisdn", "mobile", "phone_no"]),
    "iban": (True, ("IBAN", "IBAN", "IBAN"),
             ("Starts with the country code, up to 34 letters and digits",
              "Начинается с кода страны, до 34 букв и цифр", "Починається з коду країни, до 34 літер і цифр"),
             "DE89 3704 0044 0532 0130 00", ("text", "", "off", "characters", True), " -", 34,
             ["iban", "iban_number", "beneficiary_iban"]),
    "account_number": (True, ("Account number", "Номер счёта", "Номер рахунку"), N3, "",
                       ("text", "", "off", "", True), "", None,
                       ["account", "account_number", "number_score", "beneficiary_account",
                        "beneficiary_account_number", "account_no"]),
    "amount": (True, ("Amount", "Сумма", "Сума"), N3, "100.50", ("text", "decimal", "transaction-amount", "", False),
               "", None, ["amount", "fiat_amount"]),
    "email": (True, ("Email", "Электронная почта", "Електронна пошта"), N3, "name@example.com",
              ("email", "email", "email", "off", True), "", None, ["email", "beneficiary_email"]),
    "full_name": (True, ("Full name", "Имя и фамилия", "Ім'я та прізвище"), N3, "", ("text", "", "name", "words", False),
                  "", None, ["full_name", "name", "beneficiary_full_name", "beneficiary_name", "recipient_name"]),
    "given_name": (True, ("First name", "Имя", "Ім'я"), N3, "", ("text", "", "given-name", "words", False), "", None,
                   ["first_name", "beneficiary_first_name"]),
    "family_name": (True, ("Last name", "Фамилия", "Прізвище"), N3, "", ("text", "", "family-name", "words", False), "",
                    None, ["last_name", "beneficiary_last_name"]),
    "bank_name": (True, ("Bank", "Банк", "Банк"), N3, "", ("text", "", "off", "words", False), "", None,
                  ["bank_name", "beneficiary_bank_name"]),
    "bic": (True, ("BIC / SWIFT code", "BIC / SWIFT-код", "BIC / SWIFT-код"),
            ("8 or 11 letters and digits", "8 или 11 букв и цифр", "8 або 11 літер і цифр"), "DEUTDEFF",
            ("text", "", "off", "characters", True), "", None,
            ["swift_code", "beneficiary_bank_swift_code", "beneficiary_bic_swift", "bic", "swift"]),
    "tax_id": (True, ("Tax ID", "ИНН", "ІПН"), N3, "", ("text", "", "off", "", True), "", None,
               ["itn", "inn", "beneficiary_itn", "tax_id", "individual_tax_id", "document_id"]),
    "text": (True, N3, N3, "", ("text", "", "off", "", False), "", None, []),
    "order_id": (False, ("Order ID", "Номер заказа", "Номер замовлення"), N3, "", ("text", "", "off", "", True), "", None,
                 ["order_id", "reference_id"]),
    "url": (False, ("URL", "URL", "URL"), N3, "", ("url", "url", "off", "", True), "", None,
            ["success_callback_url", "error_callback_url", "callback_url"]),
    "currency": (False, ("Currency", "Валюта", "Валюта"), N3, "", ("text", "", "off", "characters", True), "", None,
                 ["fiat_currency", "currency"]),
    "description": (False, ("Description", "Описание", "Опис"), N3, "", ("text", "", "off", "", False), "", None,
                    ["order_description", "description"]),
    "customer": (False, ("Customer ID", "ID клиента", "ID клієнта"), N3, "", ("text", "", "off", "", True), "", None,
                 ["customer"]),
}
NAME_KINDS = {"card_holder", "full_name", "given_name", "family_name", "bank_name"}


def kind_of_key(key: str) -> str:
    k = key.strip().lower()
    for name, row in KINDS.items():
        if k in row[7]:
            return name
    return "text"


def message(code: str, params: dict, locale: str) -> str:
    text = MESSAGES[code][LOCALES.get(locale, 0)]
    for k, v in params.items():
        text = text.replace("{" + k + "}", str(v))
    assert "{" not in text, (code, params, text)
    return text


# --------------------------------------------------------------------------------------------
# IBAN registry: lengths of the countries the corpus uses (official SWIFT registry values),
# cross-checked against schwifty. Codes the corpus treats as unknown are asserted unknown there.
# --------------------------------------------------------------------------------------------
IBAN_LENGTHS = {"DE": 22, "GB": 22, "FR": 27, "NL": 18, "UA": 29, "CH": 21, "ES": 24, "IT": 27, "PL": 28,
                "BE": 16, "AT": 20, "SE": 24, "NO": 15, "FI": 18, "GR": 27, "KZ": 20, "GE": 22, "TR": 26}
UNKNOWN_IBAN_COUNTRIES = {"XX", "US", "ZZ", "QQ", "CA", "12", "D", "1", "ДЕ"}


def _schwifty_length(cc):
    if _schwifty_registry is None:
        return None
    try:
        return _schwifty_registry.get_iban_spec(cc).iban_length
    except Exception:
        return None


if _schwifty_registry is not None:
    for _cc, _n in IBAN_LENGTHS.items():
        assert _schwifty_length(_cc) == _n, (_cc, _n, _schwifty_length(_cc))
    for _cc in UNKNOWN_IBAN_COUNTRIES:
        assert _schwifty_length(_cc) is None, _cc


def iban_country_length(cc: str):
    if cc in IBAN_LENGTHS:
        return IBAN_LENGTHS[cc]
    # a country outside the table must be one the corpus deliberately treats as unknown
    assert cc in UNKNOWN_IBAN_COUNTRIES, f"corpus uses IBAN country {cc!r} outside the checked table"
    return None


def mod97(s: str) -> int:
    r = s[4:] + s[:4]
    num = "".join(str(int(ch, 36)) for ch in r)
    return int(num) % 97


def is_ascii_alnum(s: str) -> bool:
    return all(ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" for ch in s)


def is_ascii_digits(s: str) -> bool:
    return s != "" and all(ch in "0123456789" for ch in s)


def luhn_ok(digits: str) -> bool:
    if not is_ascii_digits(digits) or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def strip_sep(s: str, seps: str) -> str:
    return "".join(ch for ch in s if ch not in seps)


# --------------------------------------------------------------------------------------------
# patterns
# --------------------------------------------------------------------------------------------
class Unsupported(Exception):
    pass


class Invalid(Exception):
    pass


OUT_CLASS = {
    "d": "[0-9]", "D": "[^0-9]",
    "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]",
    "s": r"[\x20\x09\x0a\x0d\x0c\x0b]", "S": r"[^\x20\x09\x0a\x0d\x0c\x0b]",
}
IN_CLASS = {
    "d": "0-9", "D": r"\x00-\x2f\x3a-\U0010ffff",
    "w": "A-Za-z0-9_", "W": r"\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\U0010ffff",
    "s": r"\x20\x09\x0a\x0d\x0c\x0b", "S": r"\x00-\x08\x0e-\x1f\x21-\U0010ffff",
}


def normalise_spelling(raw: str):
    """VALIDATION.md spellings -> (pattern body, flags)."""
    p = raw.strip()
    if len(p) >= 2 and p[0] == p[-1] and p[0] in "'\"":
        p = p[1:-1].strip()
    flags = ""
    m = re.fullmatch(r"/(.+)/([A-Za-z]*)", p, re.S)
    if m:
        p, flags = m.group(1), m.group(2)
        assert set(flags) <= set("iu"), f"flags {flags!r} are not part of the corpus"
    runs = re.findall(r"\\+", p)
    if runs and all(len(r) % 2 == 0 for r in runs):  # over-escaped: only doubled backslashes
        p = re.sub(r"\\+", lambda mm: "\\" * (len(mm.group()) // 2), p)
    return p, flags


def _group_end(p: str, i: int) -> int:
    """Index of the ')' closing the group opened at p[i] == '('."""
    depth, j, in_class = 0, i, False
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if j + 1 < len(p) and p[j + 1] == "^":
                j += 1
            if j + 1 < len(p) and p[j + 1] == "]":
                j += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise Invalid("unbalanced group")


def translate(p: str, allow_leading_lookahead: bool = True):
    """PCRE-as-providers-mean-it -> `regex` syntax. Returns (text, None) or (text, (la, rest, anchor))."""
    out = []
    i, n = 0, len(p)
    in_class = class_first = prev_quant = False
    while i < n:
        c = p[i]
        if in_class:
            if c == "\\":
                if i + 1 >= n:
                    raise Invalid("trailing backslash")
                d = p[i + 1]
                out.append(IN_CLASS.get(d, "\\" + d))
                i += 2
            elif c == "]" and not class_first:
                out.append("]")
                in_class = False
                i += 1
            elif c == "[":
                out.append("\\[")
                i += 1
            else:
                out.append(c)
                i += 1
            class_first = False
            continue
        if c == "\\":
            if i + 1 >= n:
                raise Invalid("trailing backslash")
            d = p[i + 1]
            if d in OUT_CLASS:
                out.append(OUT_CLASS[d])
            elif d in "pPx" and p.startswith("{", i + 2):  # \p{L}, \x{41}: copy through "}"
                j = p.find("}", i + 2)
                if j < 0:
                    raise Invalid("unterminated escape")
                out.append(p[i:j + 1])
                i = j + 1
                prev_quant = False
                continue
            elif d in "123456789" or d in "kg":
                raise Unsupported("back-reference")
            elif d in "bBAzZGQE":
                raise AssertionError(f"escape \\{d} not covered by the corpus")
            else:
                out.append("\\" + d)
            i += 2
            prev_quant = False
            continue
        if c == "[":
            out.append("[")
            i += 1
            if i < n and p[i] == "^":
                out.append("^")
                i += 1
            in_class, class_first, prev_quant = True, True, False
            continue
        if c == "(":
            if p.startswith("(?<=", i) or p.startswith("(?<!", i) or p.startswith("(?>", i):
                raise Unsupported("look-behind / atomic group")
            if p.startswith("(?P=", i):
                raise Unsupported("named back-reference")
            if p.startswith("(?=", i) or p.startswith("(?!", i):
                leading = i == 0 or (i == 1 and p[0] == "^")
                if not (leading and allow_leading_lookahead):
                    raise Unsupported("non-leading look-ahead")
                assert p.startswith("(?=", i), "negative leading look-ahead is not part of the corpus"
                j = _group_end(p, i)
                la, _ = translate(p[i + 3:j], False)
                rest, _ = translate(p[j + 1:], False)
                anchor = "^" if i == 1 else ""
                return anchor + "(?=" + la + ")" + rest, (la, rest, anchor)
            out.append("(")
            i += 1
            prev_quant = False
            continue
        if c in "*+?":
            if prev_quant and c == "+":
                raise Unsupported("possessive quantifier")
            if prev_quant and c == "?":  # lazy modifier
                out.append("?")
                prev_quant = False
            else:
                out.append(c)
                prev_quant = True
            i += 1
            continue
        if c == "{":
            m = re.match(r"\{[0-9]+(,[0-9]*)?\}", p[i:])
            if m:  # a real counted quantifier
                out.append(m.group())
                i += len(m.group())
                prev_quant = True
                continue
            out.append("\\{")  # PCRE: not a quantifier -> literal text ("\d{10-14}")
            i += 1
            prev_quant = False
            continue
        if c == "}":
            out.append("\\}")
        elif c == "$":
            out.append(r"\Z")  # no trailing-newline allowance
        else:
            out.append(c)
        i += 1
        prev_quant = False
    if in_class:
        raise Invalid("unterminated class")
    return "".join(out), None


class Pattern:
    def __init__(self, raw: str):
        self.raw = raw
        self.status = "ok"
        body, flags = normalise_spelling(raw)
        self.body, self.flags = body, flags
        fl = regex.V0 | (regex.IGNORECASE if "i" in flags else 0)
        # Case-insensitive matching is ASCII-only (the browser build carries no Unicode case
        # tables): under /i, non-ASCII letters or \p{..} classes make the pattern unsupported.
        if "i" in flags and (any(ord(c) > 127 and c.isalpha() for c in body) or "\\p{" in body or "\\P{" in body):
            self.status = "unsupported_pattern"
            return
        try:
            text, la = translate(body)
            self.text = text
            self.full = regex.compile(text, fl)
            if la:
                self.la = regex.compile(la[0], fl)
                self.rest = regex.compile(la[2] + la[1], fl)
            else:
                self.la = None
        except Unsupported:
            self.status = "unsupported_pattern"
        except (Invalid, regex.error):
            self.status = "invalid_pattern"

    def matches(self, v: str) -> bool:
        return self.full.fullmatch(v) is not None

    def viable(self, v: str) -> bool:
        """v is a prefix of some string the pattern matches."""
        if self.la is None:
            return self.full.fullmatch(v, partial=True) is not None
        # regex's partial mode reports any look-ahead reaching the end as partial, so a leading
        # look-ahead is handled as the conjunction of its two conditions (exact for the patterns in
        # this corpus; confirmed below by an explicit completion search).
        return (self.la.match(v, partial=True) is not None
                and self.rest.fullmatch(v, partial=True) is not None)


def find_completion(pat: Pattern, v: str, budget: int = 300000):
    """Search a string w with pat.matches(v + w); None when not found within the budget."""
    alphabet = []
    for ch in "0123456789aAzZxEU .-+@_/" + "яЯё" + pat.body:
        if ch != "\\" and ch not in alphabet and ch.isprintable():
            alphabet.append(ch)
    frontier, seen, steps = [v], {v}, 0
    while frontier and steps < budget:
        nxt = []
        for s in frontier:
            for ch in alphabet:
                t = s
                for _ in range(260):
                    steps += 1
                    if steps > budget:
                        return None
                    if pat.matches(t):
                        return t[len(v):]
                    t += ch
                    if len(t) > len(v) + 2 and not pat.viable(t):
                        break
            for ch in alphabet:
                t = s + ch
                if t not in seen and pat.viable(t):
                    seen.add(t)
                    nxt.append(t)
        frontier = nxt[:400]
    return None


PATTERN_CHECKS = []  # (pattern raw, value, viable) verified by completion search


# --------------------------------------------------------------------------------------------
# rules and validators
# --------------------------------------------------------------------------------------------
class VError(Exception):
    def __init__(self, code, field):
        super().__init__(code, field)
        self.code, self.field = code, field

    def as_expect(self):
        return {"error": {"code": self.code, "field": self.field}}


AMOUNT_RE = re.compile(r"[0-9]+(\.[0-9]+)?")
RULE_KEYS = ["key", "required", "pattern", "min_length", "max_length", "checks", "min", "max", "decimals",
             "separators", "kind", "label", "hint", "example"]


def _nonneg_int(x):
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def make_rule(spec: dict) -> dict:
    if not isinstance(spec, dict):
        raise VError("invalid_rule", None)
    for k in spec:
        if k not in RULE_KEYS:
            raise VError("invalid_rule", k)
    key = spec.get("key")
    if not isinstance(key, str) or key == "":
        raise VError("invalid_rule", "key")
    r = {"key": key, "required": spec.get("required", False), "pattern": spec.get("pattern"),
         "min_length": spec.get("min_length"), "max_length": spec.get("max_length"),
         "checks": spec.get("checks", []), "min": spec.get("min"), "max": spec.get("max"),
         "decimals": spec.get("decimals"), "separators": spec.get("separators")}
    if not isinstance(r["required"], bool):
        raise VError("invalid_rule", "required")
    if r["pattern"] is not None and not isinstance(r["pattern"], str):
        raise VError("invalid_rule", "pattern")
    for k in ("min_length", "max_length", "decimals"):
        if r[k] is not None and not _nonneg_int(r[k]):
            raise VError("invalid_rule", k)
    if not isinstance(r["checks"], list) or any(c not in ("luhn", "iban", "amount") for c in r["checks"]):
        raise VError("invalid_rule", "checks")
    for k in ("min", "max"):
        if r[k] is not None and not (isinstance(r[k], str) and AMOUNT_RE.fullmatch(r[k])):
            raise VError("invalid_rule", k)
    if r["separators"] is not None and not isinstance(r["separators"], str):
        raise VError("invalid_rule", "separators")
    # kind: given, else the key's, else from the checks (luhn, iban before amount)
    kind = spec.get("kind")
    if kind is not None and kind not in KINDS:
        raise VError("invalid_rule", "kind")
    r["texts"] = {}
    for k in ("label", "hint", "example"):
        t = spec.get(k)
        if t is None:
            r["texts"][k] = {}
        elif isinstance(t, str):
            r["texts"][k] = {"": t}
        elif isinstance(t, dict) and all(isinstance(x, str) for x in t.values()):
            r["texts"][k] = dict(t)
        else:
            raise VError("invalid_rule", k)
    auto = kind_of_key(key)
    if auto == "text":
        for c in r["checks"]:
            if c in ("luhn", "iban"):
                auto = "card_number" if c == "luhn" else "iban"
                break
        else:
            if "amount" in r["checks"]:
                auto = "amount"
    r["kind"] = kind or auto
    if r["separators"] is None:
        r["separators"] = " -" if ("luhn" in r["checks"] or "iban" in r["checks"]) else KINDS[r["kind"]][5]
    r["pat"] = Pattern(r["pattern"]) if r["pattern"] is not None else None
    return r


def _text_of_number(tok: str) -> str:
    return tok


def corefy_rules(text: str, service: str):
    try:
        # keep number texts exactly as written ("0.01", "9999999", "1.50")
        doc = json.loads(text, parse_float=_text_of_number, parse_int=_text_of_number)
    except ValueError:
        raise VError("invalid_json", None)
    services = doc.get("data", {}).get("services", {}) if isinstance(doc, dict) else {}
    if service not in services:
        raise VError("invalid_value", "service")
    svc = services[service]
    specs = []
    for f in svc.get("fields", []):
        spec = {"key": f["key"], "required": bool(f.get("required", False))}
        if f.get("regexp") is not None:
            spec["pattern"] = f["regexp"]
        for k in ("label", "hint", "example"):
            t = f.get(k)
            if isinstance(t, str) and t.strip():
                spec[k] = t
            elif isinstance(t, dict):
                spec[k] = {l: x for l, x in t.items() if isinstance(x, str) and x.strip()}
        specs.append(spec)
    amount = {"key": "amount", "required": True, "checks": ["amount"]}
    for src, dst in (("amount_min", "min"), ("amount_max", "max")):
        if svc.get(src) is not None:
            amount[dst] = str(svc[src])
    specs.append(amount)
    return [make_rule(s) for s in specs]


def m4_rules(text: str):
    try:
        doc = json.loads(text)
    except ValueError:
        raise VError("invalid_json", None)
    if not isinstance(doc, dict):
        raise VError("invalid_json", None)
    rules = []
    for k, v in doc.items():
        spec = {"key": k, "required": True, "pattern": v["regex"]}
        title = v.get("title")
        if isinstance(title, str) and title.strip():
            spec["hint"] = title  # the hint; the label too when the key has no known kind
            if kind_of_key(k) == "text":
                spec["label"] = title
        rules.append(make_rule(spec))
    return rules


EXOTIC_REQUISITE = {
    "card": [{"key": "number_card", "required": True, "pattern": r"^\d{16}$", "checks": ["luhn"],
              "separators": " -"}],
    "sbp": [{"key": "phone_number", "required": True, "pattern": r"^\d{11,13}$", "separators": " -()+"},
            {"key": "bank_name", "required": True, "max_length": 72}],
    "score": [{"key": "number_score", "required": True, "pattern": r"^\d{20}$", "separators": " -"}],
    "iban": [{"key": "iban_number", "required": True, "max_length": 34, "checks": ["iban"]}],
}


def exotic_rules(pm):
    if pm not in EXOTIC_REQUISITE:
        raise VError("invalid_value", "payment_method")
    specs = [
        {"key": "order_id", "required": True, "max_length": 255},
        {"key": "fiat_amount", "required": True, "checks": ["amount"], "decimals": 2, "min": "0.01"},
        {"key": "fiat_currency", "required": True},
        *EXOTIC_REQUISITE[pm],
        {"key": "success_callback_url", "required": True, "max_length": 512},
        {"key": "error_callback_url", "required": True, "max_length": 512},
        {"key": "full_name", "max_length": 128},
        {"key": "customer", "max_length": 128},
        {"key": "order_description", "max_length": 8000},
    ]
    return [make_rule(s) for s in specs]


def build_validator(vsrc: dict):
    if "rules" in vsrc:
        return [make_rule(s) for s in vsrc["rules"]]
    if "corefy_prerequest" in vsrc:
        return corefy_rules(vsrc["corefy_prerequest"], vsrc["service"])
    if "m4_account_info_config" in vsrc:
        return m4_rules(vsrc["m4_account_info_config"])
    if "exotic" in vsrc:
        return exotic_rules(vsrc["exotic"])
    raise AssertionError(vsrc)


# --------------------------------------------------------------------------------------------
# per-field evaluation
# --------------------------------------------------------------------------------------------
VALID, INCOMPLETE, INVALID = "valid", "incomplete", "invalid"


def value_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        raise AssertionError("bool values are not part of the corpus")
    if isinstance(v, int):
        assert abs(v) <= MAX_SAFE
        return str(v)
    if isinstance(v, float):
        assert math.isfinite(v)
        if v.is_integer():
            return str(int(v))
        t = repr(v)
        assert "e" not in t and "E" not in t, "exponent floats are not part of the corpus"
        return t
    assert isinstance(v, str)
    return v


TRIM_SAFE_EDGE = set(" \t\n\r")  # the only whitespace the corpus puts at value edges


def eval_field(rule: dict, raw):
    """-> (state, code, params, normalised value)."""
    state, code, params, v = eval_field_checks(rule, raw)
    if code is None or state == VALID:
        return state, code, params, v
    return (state, *refine(rule, state, code, params, v), v)


ASCII_DIGITS = set("0123456789")
IBAN_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def refine(rule, state, code, params, v):
    """VALIDATION.md "Messages that name the problem": (code, params)."""
    kind = rule["kind"]
    is_iban = "iban" in rule["checks"] or kind == "iban"
    if is_iban and code in ("pattern_mismatch", "iban_country", "iban_length", "iban_checksum") \
            and not set(v) <= IBAN_CHARS:
        return "iban_chars", {}
    if kind == "card_number" and code in ("pattern_mismatch", "luhn") and not set(v) <= ASCII_DIGITS:
        return "card_digits", {}
    if kind == "phone" and code == "pattern_mismatch" and not set(v) <= ASCII_DIGITS | {"+"}:
        return "phone_digits", {}
    if kind in NAME_KINDS and code == "pattern_mismatch" and state == INVALID and not v.isascii():
        latin = "".join(("A" if c.isupper() else "a") if (not c.isascii() and c.isalpha()) else c for c in v)
        pat = rule["pat"]
        if pat.matches(latin) or pat.viable(latin):
            return "latin_letters", {}
    return code, params


def eval_field_checks(rule: dict, raw):
    text = value_text(raw)
    assert text[:1] not in "\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u2029\ufeff" or text == "", \
        "keep edge whitespace ASCII so every runtime trims alike"
    assert text[-1:] not in "\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u2029\ufeff" or text == ""
    v = text.strip()
    v = strip_sep(v, rule["separators"])
    checks = rule["checks"]
    if "iban" in checks or rule["kind"] == "iban":
        # IBAN normalising: spaces and dashes out, ASCII letters upper-cased
        v = "".join(c.upper() if c.isascii() else c for c in v if c not in " -")
    if "amount" in checks:
        v = v.replace(" ", "").replace(",", ".")
    pat = rule["pat"]
    # 3 (before 2, see note in the corpus "about"): a pattern that cannot run fails closed for every value
    if pat is not None and pat.status != "ok":
        return INVALID, pat.status, {}, v
    if v == "":
        if rule["required"]:
            return INCOMPLETE, "required", {}, v
        return VALID, None, None, v
    n = len(v)  # code points
    if rule["min_length"] is not None and n < rule["min_length"]:
        return INCOMPLETE, "too_short", {"min": rule["min_length"]}, v
    if rule["max_length"] is not None and n > rule["max_length"]:
        return INVALID, "too_long", {"max": rule["max_length"]}, v
    if pat is not None and not pat.matches(v):
        viable = pat.viable(v)
        PATTERN_CHECKS.append((pat, v, viable))
        return (INCOMPLETE if viable else INVALID), "pattern_mismatch", {}, v
    if "luhn" in checks and not luhn_ok(v):
        limit = rule["max_length"] if rule["max_length"] is not None else 19
        # incomplete only while more digits are still allowed: by length AND by the pattern
        incomplete = is_ascii_digits(v) and len(v) < limit and (pat is None or pat.viable(v + "0"))
        return (INCOMPLETE if incomplete else INVALID), "luhn", {}, v
    if "iban" in checks:
        cc = v[:2]
        length = iban_country_length(cc) if (len(cc) == 2 and cc.isalpha()) else None
        if len(cc) < 2 or not cc.isalpha():
            assert cc in UNKNOWN_IBAN_COUNTRIES, cc
        if length is None:
            return (INCOMPLETE if len(v) < 2 else INVALID), "iban_country", {"country": cc}, v
        if len(v) != length:
            return (INCOMPLETE if len(v) < length else INVALID), "iban_length", {"expected": length}, v
        if not is_ascii_alnum(v) or mod97(v) != 1:
            return INVALID, "iban_checksum", {}, v
    if "amount" in checks:
        if not AMOUNT_RE.fullmatch(v):
            return (INCOMPLETE if re.fullmatch(r"[0-9]+\.", v) else INVALID), "invalid_amount", {}, v
        decimals = len(v.split(".")[1]) if "." in v else 0
        if rule["decimals"] is not None and decimals > rule["decimals"]:
            return INVALID, "amount_precision", {"decimals": rule["decimals"]}, v
        if rule["min"] is not None and Decimal(v) < Decimal(rule["min"]):
            return INCOMPLETE, "amount_below_min", {"min": rule["min"]}, v
        if rule["max"] is not None and Decimal(v) > Decimal(rule["max"]):
            return INVALID, "amount_above_max", {"max": rule["max"]}, v
    return VALID, None, None, v


def validate(args: dict):
    rules = build_validator(args["validator"])
    values = args["values"]
    locale = args.get("locale")
    partial = args.get("partial", False)
    errors, states = [], []
    for rule in rules:
        state, code, params, _ = eval_field(rule, values.get(rule["key"]))
        states.append(state)
        if state == INVALID or (state == INCOMPLETE and not partial):
            e = {"field": rule["key"], "code": code, "params": params}
            if locale is not None:
                e["message"] = message(code, params, locale)
            errors.append(e)
    return {"valid": all(s == VALID for s in states),
            "potentially_valid": all(s != INVALID for s in states),
            "errors": errors}


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def digits_of(s: str) -> str:
    return strip_sep(s, " -")


def luhn_valid(args):
    return luhn_ok(digits_of(args["value"]))


def iban_valid(args):
    v = digits_of(args["value"]).upper()
    cc = v[:2]
    if len(cc) < 2 or not cc.isalpha():
        return False
    length = iban_country_length(cc)
    return length is not None and len(v) == length and is_ascii_alnum(v) and mod97(v) == 1


def card_brand(args):
    d = digits_of(args["value"])
    assert d == "" or is_ascii_digits(d)
    p2 = int(d[:2]) if len(d) >= 2 else -1
    p4 = int(d[:4]) if len(d) >= 4 else -1
    if 2200 <= p4 <= 2204:
        return "mir"
    if p2 in (34, 37):
        return "amex"
    if p2 == 62:
        return "unionpay"
    if d[:1] == "4":
        return "visa"
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:
        return "mastercard"
    if p2 == 50 or (56 <= p2 <= 69 and p2 != 62):
        return "maestro"
    return None


def mask_pan(args):
    d = digits_of(args["value"])
    assert is_ascii_digits(d) or d == ""
    if len(d) < 12:
        raise VError("invalid_value", "value")
    return d[:6] + "*" * (len(d) - 10) + d[-4:]


# --------------------------------------------------------------------------------------------
# fields (VALIDATION.md "Fields") and formatting (VALIDATION.md "Formatting")
# --------------------------------------------------------------------------------------------
def _lang(locale):
    return LOCALES.get(locale, 0)


def _own(texts: dict, locale):
    for l in (locale, ""):
        t = texts.get(l)
        if t is not None and t.strip():
            return t
    return None


def _pick(texts: dict, locale, table):
    return _own(texts, locale) or table or _own(texts, "en")


def pattern_facts(pat):
    """(max characters or None, digits only) of a pattern that runs, from Python's own regex parser
    (re._parser) over the translated text; \p{..} classes stand for one non-digit character."""
    import re._parser as sre
    from re._constants import LITERAL, NOT_LITERAL, IN, RANGE, NEGATE, ANY, MAX_REPEAT, MIN_REPEAT, SUBPATTERN, \
        BRANCH, AT, CATEGORY, ASSERT, ASSERT_NOT, MAXREPEAT

    def parse(text):
        return sre.parse(re.sub(r"\\[pP]\{[^}]*\}", "\uFFFF", text))

    def maxw(text):
        hi = parse(text).getwidth()[1]
        return None if hi >= MAXREPEAT else hi

    def digits(items):
        for op, av in items:
            if op == LITERAL:
                if chr(av) not in ASCII_DIGITS:
                    return False
            elif op in (NOT_LITERAL, ANY, CATEGORY):
                return False
            elif op == IN:
                for iop, iav in av:
                    if iop == LITERAL and chr(iav) in ASCII_DIGITS:
                        continue
                    if iop == RANGE and iav[0] >= ord("0") and iav[1] <= ord("9"):
                        continue
                    return False
            elif op in (MAX_REPEAT, MIN_REPEAT):
                if not digits(av[2]):
                    return False
            elif op == SUBPATTERN:
                if not digits(av[3]):
                    return False
            elif op == BRANCH:
                if not all(digits(b) for b in av[1]):
                    return False
            elif op in (AT, ASSERT, ASSERT_NOT):
                continue
            else:
                raise AssertionError(op)
        return True

    if pat.la is None:
        return maxw(pat.text), digits(parse(pat.text))
    la_text = pat.la.pattern
    rest_text = pat.rest.pattern
    bounds = [m for m in (maxw(rest_text), maxw(la_text) if la_text.endswith("\\Z") else None) if m is not None]
    return (min(bounds) if bounds else None), digits(parse(rest_text))


def typed_length(kind, n):
    if kind in ("card_number", "iban"):
        return n + max(0, -(-n // 4) - 1)
    if kind == "phone":
        return n + n // 2
    return n


def field_info_of(key, kind, texts, required, max_length, digits_only, separators, locale):
    payee, labels, hints, example, inp, kind_seps, _, _ = KINDS[kind]
    i = _lang(locale)
    label = _pick(texts.get("label", {}), locale, labels[i] or None)
    if label is None:  # the key, humanised: "_" and "-" as spaces, an ASCII first letter upper-cased
        h = "".join(" " if c in "_-" else c for c in key)
        label = (h[:1].upper() if h[:1].isascii() else h[:1]) + h[1:]
    hint = _pick(texts.get("hint", {}), locale, hints[i] or None)
    ex = _pick(texts.get("example", {}), locale, example or None)
    typ, inputmode, autocomplete, autocap, nospell = inp
    if inputmode == "" and digits_only and kind not in ("phone", "amount"):
        inputmode = "numeric"
    attrs = {"type": typ}
    if inputmode:
        attrs["inputmode"] = inputmode
    attrs["autocomplete"] = autocomplete
    if autocap:
        attrs["autocapitalize"] = autocap
    if nospell:
        attrs["autocorrect"] = "off"
        attrs["spellcheck"] = "false"
    own_seps = separators != "" and all(c in kind_seps for c in separators)
    other_seps = separators != "" and not own_seps
    if max_length is not None and not other_seps:
        attrs["maxlength"] = str(typed_length(kind, max_length) if own_seps else max_length)
    return {"key": key, "kind": kind, "label": label, "hint": hint, "example": ex, "required": required,
            "max_length": max_length, "payee": payee, "attributes": attrs}


def rule_info(rule, locale):
    pat = rule["pat"]
    pmax, digits_only = pattern_facts(pat) if pat is not None and pat.status == "ok" else (None, False)
    lims = [m for m in (rule["max_length"], pmax) if m is not None]
    max_length = min(lims) if lims else KINDS[rule["kind"]][6]
    return field_info_of(rule["key"], rule["kind"], rule["texts"], rule["required"], max_length, digits_only,
                         rule["separators"], locale)


def validator_fields(args):
    rules = build_validator(args["validator"])
    return [rule_info(r, args.get("locale") or "en") for r in rules]


def field_info(args):
    kind = args["kind"]
    if kind not in KINDS:
        raise VError("invalid_value", "kind")
    return field_info_of(kind, kind, {}, False, KINDS[kind][6], False, KINDS[kind][5], args.get("locale") or "en")


def u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


CC2 = {20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, *range(43, 50), *range(51, 59), *range(60, 67), 81, 82, 84, 86,
       *range(90, 96), 98}
PHONE_GROUPS = {"7": ([3, 3, 2, 2], " --"), "375": ([2, 3, 2, 2], " --"), "380": ([2, 3, 2, 2], "   "),
                "1": ([3, 3, 4], "  "), "44": ([4, 6], " ")}


def _layout(sig, before, sizes, seps, rest):
    """sig characters in groups (sizes, then groups of rest), seps[i] after group i (default space)."""
    out, caret, g, left = "", 0, 0, (sizes[0] if sizes else rest)
    for i, c in enumerate(sig):
        if left == 0:
            out += seps[g] if g < len(seps) else " "
            g += 1
            left = sizes[g] if g < len(sizes) else rest
        out += c
        left -= 1
        if i + 1 == before:
            caret = len(out)
    return out, caret


def _significant(value, caret, seps, keep):
    sig, before, at = [], 0, 0
    for c in value:
        at += u16(c)
        k = keep(len(sig), c)
        if k is not None:
            sig.append(k)
            if at <= caret:
                before += 1
        elif c not in seps:
            return None
    return sig, before


def format_input(args):
    kind, value = args["kind"], args["value"]
    if kind not in KINDS:
        raise VError("invalid_value", "kind")
    caret = args.get("caret")
    if caret is None:
        caret = u16(value)
    res = None
    if kind == "card_number":
        got = _significant(value, caret, " -", lambda i, c: c if c in ASCII_DIGITS else None)
        if got:
            sig, before = got
            brand = card_brand({"value": "".join(sig)}) if sig else None
            res = _layout(sig, before, [4, 6, 5] if brand == "amex" else [4, 4, 4, 4], "", 4)
    elif kind == "iban":
        got = _significant(value, caret, " -", lambda i, c: c.upper() if (c.isascii() and c.isalnum()) else None)
        if got:
            res = _layout(got[0], got[1], [4], "", 4)
    elif kind == "phone":
        got = _significant(value, caret, " -()", lambda i, c: c if (c in ASCII_DIGITS or (c == "+" and i == 0)) else None)
        if got:
            sig, before = got
            plus = sig[:1] == ["+"]
            digits = sig[1:] if plus else sig
            cc = None
            if plus:
                if digits[:1] in (["1"], ["7"]):
                    cc = 1
                elif len(digits) >= 2 and int("".join(digits[:2])) in CC2:
                    cc = 2
                elif len(digits) >= 3 and len(digits) >= 2 and int("".join(digits[:2])) not in CC2:
                    cc = 3
            elif digits[:1] in (["7"], ["8"]):
                cc = 1
            if cc is not None and len(digits) > cc:
                code = "".join(digits[:cc]) if plus else "7"
                sizes, seps = PHONE_GROUPS.get(code, ([], ""))
                head = (1 if plus else 0) + cc
                groups, left = [head], len(sig) - head
                for size in sizes:
                    if left == 0:
                        break
                    groups.append(min(size, left))
                    left -= groups[-1]
                while left > 0:
                    groups.append(4 if left == 4 else min(left, 3))
                    left -= groups[-1]
                res = _layout(sig, before, groups, " " + seps, 3)
    if res is None:
        return {"value": value, "caret": min(caret, u16(value))}
    return {"value": res[0], "caret": res[1]}


OPS = {"validate": validate, "validator.error": None, "luhn_valid": luhn_valid, "iban_valid": iban_valid,
       "card_brand": card_brand, "mask_pan": mask_pan, "format_input": format_input, "field_info": field_info,
       "validator.fields": validator_fields}


def run(op, args):
    try:
        if op == "validator.error":
            build_validator(args["validator"])
            raise AssertionError("validator.error case built a validator")
        return {"result": OPS[op](args)}
    except VError as e:
        return e.as_expect()


# --------------------------------------------------------------------------------------------
# case builders (each states its intent; the generator stops on disagreement)
# --------------------------------------------------------------------------------------------
CASES = []


def _add(name, op, args, expect, source, note):
    CASES.append(case(name, op, args, expect, source, note))


def V(name, validator, values, codes=(), *, valid=None, pv=None, partial=None, locale=None,
      note=None, source="own", fields=None):
    """validate case. codes: the expected error codes in order. valid/pv: expected flags
    (valid defaults to `not codes` unless partial; pv defaults to True when there are no codes)."""
    args = {"validator": validator, "values": values}
    if locale is not None:
        args["locale"] = locale
    if partial is not None:
        args["partial"] = partial
    got = validate(args)
    got_codes = [e["code"] for e in got["errors"]]
    assert got_codes == list(codes), (name, got_codes, list(codes), got)
    if valid is None:
        assert not partial, f"{name}: state valid= explicitly for partial cases"
        valid = not codes
    if pv is None:
        assert not codes, f"{name}: state pv= explicitly when there are errors"
        pv = True
    assert got["valid"] == valid, (name, "valid", got)
    assert got["potentially_valid"] == pv, (name, "potentially_valid", got)
    if fields is not None:
        assert [e["field"] for e in got["errors"]] == list(fields), (name, got)
    if locale is not None:
        assert got["errors"] or valid or partial, name
    _add(name, "validate", args, {"result": got}, source, note)


def report_values(args: dict, keys) -> dict:
    """The report's normalised `values` for `keys` (VALIDATION.md REPORT): exotic fiat_amount is the two-decimal
    text the builder signs and sends (issue 11 item 3). Only valid fields are pinned."""
    rules = {r["key"]: r for r in build_validator(args["validator"])}
    out = {}
    for k in keys:
        state, _, _, v = eval_field(rules[k], args["values"].get(k))
        assert state == VALID, (k, state)
        if "exotic" in args["validator"] and k == "fiat_amount":
            whole, _, frac = v.partition(".")
            assert len(frac) <= 2
            v = whole + "." + frac.ljust(2, "0")
        out[k] = v
    return out


def VV(name, validator, values, want_values, codes=(), *, pv=None, note=None, source="own"):
    """validate case whose expected report also pins `values` for the keys of want_values (compared key by key)."""
    args = {"validator": validator, "values": values}
    got = validate(args)
    assert [e["code"] for e in got["errors"]] == list(codes), (name, got)
    assert got["valid"] == (not codes) and got["potentially_valid"] == (True if pv is None else pv), (name, got)
    vals = report_values(args, list(want_values))
    assert vals == want_values, (name, vals, want_values)
    _add(name, "validate", args, {"result": {**got, "values": want_values}}, source, note)


def VE(name, validator, code, field, note=None, source="own"):
    args = {"validator": validator}
    got = run("validator.error", args)
    want = {"error": {"code": code, "field": field}}
    assert got == want, (name, got, want)
    _add(name, "validator.error", args, want, source, note)


def H(name, op, value, want, note=None, source="own"):
    args = {"value": value}
    got = run(op, args)
    expect = want if isinstance(want, dict) and "error" in want else {"result": want}
    assert got == expect, (name, got, expect)
    _add(name, op, args, expect, source, note)


def R(**kw):
    """one-rule validator"""
    kw.setdefault("key", "f")
    return {"rules": [kw]}


# --------------------------------------------------------------------------------------------
# the Corefy /payout-prerequest sample (source-docs/004-milkypay-corefy-payouts.txt), verbatim
# response body; its "regexp" values are over-escaped exactly as printed in the docs.
# --------------------------------------------------------------------------------------------
COREFY_SAMPLE = json.dumps(json.loads(COREFY_PREREQUEST_SAMPLE), ensure_ascii=False, separators=(",", ":"))
assert '"regexp":"^\\\\\\\\d{1,15}$"' in COREFY_SAMPLE  # still over-escaped in the JSON text
assert '"amount_min":0.01,"amount_max":9999999' in COREFY_SAMPLE
CF = {"corefy_prerequest": COREFY_SAMPLE, "service": "test_usd"}

# A derived Corefy-shaped response (own construction): a card service with catalogue-style /…/ patterns,
# a field without "regexp", and amount limits written as 1.50 / 50000.
COREFY_CARD = json.dumps({"data": {"currency": "UAH", "services": {"card_uah": {
    "code": "card_uah", "method": "card", "currency": "UAH",
    "fields": [
        {"key": "card_number", "type": "string", "regexp": r"/^\d{12,19}$/", "required": True, "position": 0},
        {"key": "card_holder", "type": "string", "regexp": r"/^([A-Za-z]+)\s([A-Za-z]+)$/", "required": False,
         "position": 1},
        {"key": "comment", "type": "string", "required": False, "position": 2},
    ],
    "amount_min": "@MIN@", "amount_max": 50000}}}}, ensure_ascii=False, separators=(",", ":")
).replace('"@MIN@"', "1.50")
CF_CARD = {"corefy_prerequest": COREFY_CARD, "service": "card_uah"}

M4_ACCOUNT = json.dumps({"account": {"regex": r"\d{9,15}$", "title": "Account number"}},
                        ensure_ascii=False, separators=(",", ":"))
assert M4_ACCOUNT == '{"account":{"regex":"\\\\d{9,15}$","title":"Account number"}}'
M4 = {"m4_account_info_config": M4_ACCOUNT}
M4_TWO = {"m4_account_info_config": json.dumps({
    "wallet": {"regex": r"/^U\d{6,9}$/", "title": "Perfect Money wallet"},
    "email": {"regex": r"^[_a-z0-9-]+(\.[_a-z0-9-]+)*@[a-z0-9-]+(\.[a-z0-9-]+)*(\.[a-z]{2,4})$",
              "title": "E-mail"}}, ensure_ascii=False, separators=(",", ":"))}

URL_OK = "https://merchant.example/payout/ok"
URL_FAIL = "https://merchant.example/payout/fail"


def exo(pm, **over):
    base = {"order_id": "ord-1001", "fiat_amount": "150.00", "fiat_currency": "RUB",
            "success_callback_url": URL_OK, "error_callback_url": URL_FAIL,
            "full_name": "Иван Петров", "customer": "cust-42", "order_description": "Payout #1001"}
    req = {"card": {"number_card": "4111111111111111"},
           "sbp": {"phone_number": "79161234567", "bank_name": "Сбербанк"},
           "score": {"number_score": "40817810099910004312"},
           "iban": {"iban_number": "DE89370400440532013000"}}[pm]
    base.update(req)
    for k, v in over.items():
        if v is ABSENT:
            base.pop(k, None)
        else:
            base[k] = v
    return base


ABSENT = object()
EX = {pm: {"exotic": pm} for pm in ("card", "sbp", "score", "iban")}

# ============================================================================================
# 1. report codes on hand-written rules
# ============================================================================================
V("required: absent value", R(key="name", required=True), {}, ["required"], pv=True)
V("required: empty string", R(key="name", required=True), {"name": ""}, ["required"], pv=True)
V("required: null value", R(key="name", required=True), {"name": None}, ["required"], pv=True)
V("required: whitespace only is empty after trim", R(key="name", required=True), {"name": " \t \n"},
  ["required"], pv=True)
V("optional: empty value skips every other check",
  R(key="name", min_length=3, pattern=r"^[a-z]+$", checks=["amount"], min="1"), {"name": ""})
V("optional: separators-only value is empty after normalising", R(key="card", checks=["luhn"], min_length=12),
  {"card": " - - "}, note="default separators for luhn are \" -\"; nothing remains, field optional -> valid")
V("required: separators-only value is required", R(key="card", required=True, checks=["luhn"]),
  {"card": "--"}, ["required"], pv=True)
V("values: key not in the rules is ignored", R(key="a", required=True), {"a": "x", "b": ""})

V("too_short: 2 of 3", R(key="code", min_length=3), {"code": "ab"}, ["too_short"], pv=True)
V("too_short: boundary ok", R(key="code", min_length=3), {"code": "abc"})
V("too_short: counted after trimming", R(key="code", min_length=3), {"code": "  ab  "}, ["too_short"], pv=True)
V("too_long: 6 of 5", R(key="code", max_length=5), {"code": "abcdef"}, ["too_long"], pv=False)
V("too_long: boundary ok", R(key="code", max_length=5), {"code": "abcde"})
V("too_long: before pattern", R(key="code", max_length=3, pattern=r"^\d+$"), {"code": "12a4"}, ["too_long"],
  pv=False, note="length checks come before the pattern")
V("too_short: before pattern", R(key="code", min_length=5, pattern=r"^[a-z]+$"), {"code": "12"},
  ["too_short"], pv=True, note="first failure wins: too_short (incomplete) although the pattern can never match")

V("pattern_mismatch: letters in digits", R(key="acc", pattern=r"^\d{1,15}$"), {"acc": "12a"},
  ["pattern_mismatch"], pv=False)
V("pattern_mismatch: too few for the pattern is incomplete", R(key="acc", pattern=r"^\d{5}$"), {"acc": "123"},
  ["pattern_mismatch"], pv=True)
V("pattern: match", R(key="acc", pattern=r"^\d{5}$"), {"acc": "12345"})
V("pattern: implicitly anchored (no ^ $)", R(key="acc", pattern=r"\d{3}"), {"acc": "x1234"},
  ["pattern_mismatch"], pv=False, note="the pattern must match the whole value, not a substring")
V("pattern: implicitly anchored alternation", R(key="acc", pattern=r"abc|\d+"), {"acc": "abc1"},
  ["pattern_mismatch"], pv=False, note="whole-value anchoring applies to every alternative: (?:abc|\\d+)")
V("pattern: implicitly anchored alternation ok", R(key="acc", pattern=r"abc|\d+"), {"acc": "123"})

V("luhn: bad check digit, 16 digits is incomplete", R(key="card", required=True, checks=["luhn"]),
  {"card": "4111111111111112"}, ["luhn"], pv=True,
  note="luhn -> incomplete while fewer than 19 digits and no max_length")
V("luhn: bad check digit at max_length is invalid", R(key="card", checks=["luhn"], max_length=16),
  {"card": "4111111111111112"}, ["luhn"], pv=False)
V("luhn: 19 digits bad is invalid", R(key="card", checks=["luhn"]), {"card": "4111111111111111112"},
  ["luhn"], pv=False)
V("luhn: valid 19 digits", R(key="card", checks=["luhn"]), {"card": "6200000000000000000"})
V("luhn: non-digit is card_digits", R(key="card", checks=["luhn"]), {"card": "4111 1111 1111 1111 111a"},
  ["card_digits"], pv=False, note="19 digits plus a letter: the luhn check fails (non-digit), invalid; the field is a "
  "card number (kind from the key), so the message names the problem: card_digits")
V("luhn: non-digit in a field of no card kind is luhn", R(key="x", checks=["luhn"], kind="account_number"),
  {"x": "4111 1111 1111 1111 111a"}, ["luhn"], pv=False, note="an explicit kind other than card_number keeps luhn")
V("luhn: single digit fails", R(key="card", checks=["luhn"]), {"card": "0"}, ["luhn"], pv=True,
  note="luhn needs at least 2 digits; 1 digit < 19 -> incomplete")
V("luhn: spaces and dashes removed", R(key="card", checks=["luhn"]), {"card": " 4111-1111 1111-1111 "})
V("luhn: custom separators keep spaces", R(key="card", checks=["luhn"], separators=".", pattern=r"^\d{16}$"),
  {"card": "4111 1111 1111 1111"}, ["card_digits"], pv=False,
  note="separators \".\" replace the default \" -\": the spaces stay, the pattern fails (a space can never be part of a "
  "match); a card number field says card_digits")
V("luhn: custom separators dots", R(key="card", checks=["luhn"], separators="."), {"card": "4111.1111.1111.1111"})

V("iban_country: XX", R(key="iban", checks=["iban"]), {"iban": "XX89370400440532013000"}, ["iban_country"],
  pv=False)
V("iban_country: US is not an IBAN country", R(key="iban", checks=["iban"]), {"iban": "US64SVBKUS6S3300958879"},
  ["iban_country"], pv=False)
V("iban_country: digits first", R(key="iban", checks=["iban"]), {"iban": "1289370400440532013000"},
  ["iban_country"], pv=False)
V("iban_length: one short is incomplete", R(key="iban", checks=["iban"]), {"iban": "DE8937040044053201300"},
  ["iban_length"], pv=True)
V("iban_length: one long is invalid", R(key="iban", checks=["iban"]), {"iban": "DE893704004405320130000"},
  ["iban_length"], pv=False)
V("iban_checksum: wrong check digits", R(key="iban", checks=["iban"]), {"iban": "DE88370400440532013000"},
  ["iban_checksum"], pv=False)
V("iban_checksum: transposed digits", R(key="iban", checks=["iban"]), {"iban": "GB82WEST12345698765423"},
  ["iban_checksum"], pv=False)
V("iban_chars: non-alphanumeric", R(key="iban", checks=["iban"]), {"iban": "DE89370400440532013_00"},
  ["iban_chars"], pv=False, note="right length, '_' is not alphanumeric: iban_checksum, named iban_chars")
V("iban: valid with spaces and lower case", R(key="iban", checks=["iban"]),
  {"iban": "de89 3704 0044 0532 0130 00"})
V("iban: valid with dashes", R(key="iban", checks=["iban"]), {"iban": "FR14-2004-1010-0505-0001-3M02-606"})

AMT = dict(key="amount", required=True, checks=["amount"], decimals=2, min="0.01", max="1000.00")
V("invalid_amount: letters", R(**AMT), {"amount": "ten"}, ["invalid_amount"], pv=False)
V("invalid_amount: two separators", R(**AMT), {"amount": "1,000.50"}, ["invalid_amount"], pv=False,
  note="\",\" -> \".\" gives 1.000.50")
V("invalid_amount: negative", R(**AMT), {"amount": "-5"}, ["invalid_amount"], pv=False)
V("invalid_amount: trailing dot is incomplete", R(**AMT), {"amount": "12."}, ["invalid_amount"], pv=True)
V("invalid_amount: leading dot", R(**AMT), {"amount": ".5"}, ["invalid_amount"], pv=False)
V("invalid_amount: exponent", R(**AMT), {"amount": "1e3"}, ["invalid_amount"], pv=False)
V("amount: comma decimal and spaces", R(**AMT), {"amount": "1 000,50"}, ["amount_above_max"], pv=False,
  note="\"1 000,50\" -> 1000.50 > 1000.00")
V("amount: comma decimal ok", R(**AMT), {"amount": "999,99"})
V("amount: max is inclusive", R(**AMT), {"amount": "1000"})
V("amount: min is inclusive", R(**AMT), {"amount": "0.01"})
V("amount: number value", R(**AMT), {"amount": 10.5})
V("amount: integer value", R(**AMT), {"amount": 1000})
V("amount: float with zero fraction is integer text", R(**AMT), {"amount": 100.0},
  note="100.0 -> \"100\" (JSON readers may see the integer 100)")
V("amount_precision: 3 decimals", R(**AMT), {"amount": "10.123"}, ["amount_precision"], pv=False)
V("amount_precision: trailing zero counts", R(**AMT), {"amount": "10.500"}, ["amount_precision"], pv=False,
  note="decimals are counted on the text: 10.500 has 3")
V("amount_precision: number value", R(**AMT), {"amount": 0.125}, ["amount_precision"], pv=False)
V("amount_below_min: zero", R(**AMT), {"amount": "0"}, ["amount_below_min"], pv=True)
V("amount_below_min: 0.00", R(**AMT), {"amount": "0.00"}, ["amount_below_min"], pv=True)
V("amount_above_max: 1000.01", R(**AMT), {"amount": "1000.01"}, ["amount_above_max"], pv=False)
V("amount_above_max: exact decimal compare", R(key="amount", checks=["amount"], max="0.3"),
  {"amount": "0.30000000000000001"}, ["amount_above_max"], pv=False,
  note="exact decimal: 0.30000000000000001 > 0.3 (equal as binary floats)")
V("amount: exact decimal equal", R(key="amount", checks=["amount"], max="0.3"), {"amount": "0.30000"})
V("amount: precision before min", R(**AMT), {"amount": "0.001"}, ["amount_precision"], pv=False)
V("amount: no decimals limit without decimals", R(key="amount", checks=["amount"], min="0.01"),
  {"amount": "0.0100000"})
V("amount: leading zeros are a number", R(**AMT), {"amount": "007.50"})

# ============================================================================================
# 2. unsupported and invalid patterns (fail closed)
# ============================================================================================
V("unsupported_pattern: look-behind", R(key="f", pattern=r"(?<=a)b"), {"f": "b"}, ["unsupported_pattern"],
  pv=False)
V("unsupported_pattern: negative look-behind", R(key="f", pattern=r"^(?<!x)\d+$"), {"f": "12"},
  ["unsupported_pattern"], pv=False)
V("unsupported_pattern: back-reference", R(key="f", pattern=r"^(\d)\1$"), {"f": "11"}, ["unsupported_pattern"],
  pv=False)
V("unsupported_pattern: non-leading look-ahead", R(key="f", pattern=r"^a(?=b)"), {"f": "ab"},
  ["unsupported_pattern"], pv=False)
V("unsupported_pattern: trailing look-ahead", R(key="f", pattern=r"^\d+(?=\d{2}$)\d{2}$"), {"f": "1234"},
  ["unsupported_pattern"], pv=False)
V("unsupported_pattern: possessive", R(key="f", pattern=r"^\d++$"), {"f": "12"}, ["unsupported_pattern"],
  pv=False)
V("unsupported_pattern: atomic group", R(key="f", pattern=r"^(?>a+)b$"), {"f": "aab"}, ["unsupported_pattern"],
  pv=False)
V("unsupported_pattern: empty optional value still fails", R(key="f", pattern=r"(?<=a)b"), {"f": ""},
  ["unsupported_pattern"], pv=False, note="fail closed for every value, even empty/absent ones")
V("unsupported_pattern: absent required value reports unsupported", R(key="f", required=True,
  pattern=r"^(\d)\1$"), {}, ["unsupported_pattern"], pv=False,
  note="the pattern error wins over required: it is reported for every value")
V("unsupported_pattern: reported under partial", R(key="f", pattern=r"^a(?=b)"), {"f": "a"},
  ["unsupported_pattern"], valid=False, pv=False, partial=True)
V("unsupported_pattern: other fields still checked",
  {"rules": [{"key": "a", "required": True}, {"key": "f", "pattern": r"(?<=a)b"}, {"key": "c", "max_length": 2}]},
  {"a": "", "f": "b", "c": "abc"}, ["required", "unsupported_pattern", "too_long"], pv=False,
  fields=["a", "f", "c"])
V("invalid_pattern: unterminated class", R(key="f", pattern="^[a-"), {"f": "a"}, ["invalid_pattern"], pv=False)
V("invalid_pattern: unbalanced group", R(key="f", pattern=r"^(\d+$"), {"f": "12"}, ["invalid_pattern"], pv=False)
V("invalid_pattern: reversed range", R(key="f", pattern="^[z-a]+$"), {"f": "b"}, ["invalid_pattern"], pv=False)
V("invalid_pattern: nothing to repeat", R(key="f", pattern="*abc"), {"f": "abc"}, ["invalid_pattern"], pv=False)
V("invalid_pattern: empty optional value still fails", R(key="f", pattern="^[a-"), {},
  ["invalid_pattern"], pv=False, note="treated like unsupported_pattern: fail closed for every value")
V("invalid_pattern: not a construction error", {"rules": [{"key": "f", "pattern": "^[a-"},
                                                           {"key": "g", "pattern": r"^\d+$"}]},
  {"f": "abc", "g": "12"}, ["invalid_pattern"], pv=False, fields=["f"])

# ============================================================================================
# 3. pattern spellings
# ============================================================================================
SP_NOTE = "spelling normalises to ^\\d{1,15}$"
for label, pat in [("plain", r"^\d{1,15}$"), ("over-escaped", r"^\\d{1,15}$"), ("slashes", r"/^\d{1,15}$/"),
                   ("slashes u", r"/^\d{1,15}$/u"), ("single quotes", r"'^\d{1,15}$'"),
                   ("double quotes", r'"^\d{1,15}$"'), ("whitespace", "  \t" + r"^\d{1,15}$" + " \n"),
                   ("whitespace and slashes", r"  /^\d{1,15}$/u  "), ("over-escaped slashes", r"/^\\d{1,15}$/")]:
    V(f"spelling {label}: match", R(key="acc", pattern=pat), {"acc": "123456789012345"}, note=SP_NOTE)
    V(f"spelling {label}: mismatch", R(key="acc", pattern=pat), {"acc": "1234567890123456"},
      ["pattern_mismatch"], pv=False, note=SP_NOTE)
V("spelling over-escaped class", R(key="status", pattern=r"^[A-Z\\-\\sa-z]{2,64}$"), {"status": "Payout-done ok"},
  note="^[A-Z\\\\-\\\\sa-z]{2,64}$ is read as ^[A-Z\\-\\sa-z]{2,64}$")
V("spelling over-escaped class mismatch", R(key="status", pattern=r"^[A-Z\\-\\sa-z]{2,64}$"),
  {"status": "done_1"}, ["pattern_mismatch"], pv=False)
V("spelling mixed escapes are not halved", R(key="f", pattern=r"^\\d+\.\d$"), {"f": "\\dd.5"},
  note="a single backslash escape (\\.) is present, so \\\\ stays a literal backslash: literal '\\' then d+ . digit")
V("spelling mixed escapes mismatch", R(key="f", pattern=r"^\\d+\.\d$"), {"f": "12.5"}, ["pattern_mismatch"],
  pv=False)
V("spelling /i case-insensitive", R(key="f", pattern="/^[a-z]{3,10}$/i"), {"f": "PayOut"})
V("spelling /i mismatch", R(key="f", pattern="/^[a-z]{3,10}$/i"), {"f": "Pay-Out"}, ["pattern_mismatch"],
  pv=False)
V("spelling without /i is case-sensitive", R(key="f", pattern="/^[a-z]{3,10}$/"), {"f": "PayOut"},
  ["pattern_mismatch"], pv=False)
V("spelling /iu Cyrillic case-insensitive is unsupported", R(key="f", pattern="/^[а-я]{2,20}$/iu"), {"f": "ПРИВЕТ"},
  ["unsupported_pattern"], pv=False, note="case folding is ASCII-only: /i over non-ASCII letters fails closed")
V("spelling /iu Cyrillic mismatch is unsupported too", R(key="f", pattern="/^[а-я]{2,20}$/iu"), {"f": "ПРИВЕТ!"},
  ["unsupported_pattern"], pv=False)
V("spelling /i ASCII range folds", R(key="f", pattern="/^[a-f0-9]{4}-x$/i"), {"f": "aF09-X"})
V("spelling /i with \\p{L} is unsupported", R(key="f", pattern=r"/^\p{L}+$/i"), {"f": "abc"},
  ["unsupported_pattern"], pv=False)
V("spelling /u with \\p{L}", R(key="f", pattern=r"/^[\s\p{L}]{2,100}$/u"), {"f": "Олександр Коваль"})
V("spelling quotes around slashes", R(key="f", pattern=r"""'/^E\d{6,9}$/'"""), {"f": "E1234567"},
  note="stray quotes are stripped, then the /…/ delimiters")

# ============================================================================================
# 4. pattern semantics: ASCII classes, strict $, ".", literal {10-14}, leading look-ahead
# ============================================================================================
V("semantics \\d is ASCII", R(key="f", pattern=r"^\d+$"), {"f": "١٢٣"}, ["pattern_mismatch"], pv=False,
  note="Arabic-Indic digits are not \\d")
V("semantics \\d rejects fullwidth digits", R(key="f", pattern=r"^\d+$"), {"f": "１２３"}, ["pattern_mismatch"],
  pv=False)
V("semantics \\w is ASCII", R(key="f", pattern=r"^\w+$"), {"f": "Иван"}, ["pattern_mismatch"], pv=False)
V("semantics \\w is ASCII under /u", R(key="f", pattern=r"/^\w+$/u"), {"f": "Иван"}, ["pattern_mismatch"],
  pv=False)
V("semantics \\w includes underscore", R(key="f", pattern=r"^\w+$"), {"f": "user_1"})
V("semantics \\s is ASCII", R(key="f", pattern=r"^[a-z\s]+$"), {"f": "a\u00a0b"}, ["pattern_mismatch"],
  pv=False, note="NO-BREAK SPACE inside the value is not \\s")
V("semantics \\s matches tab", R(key="f", pattern=r"^[a-z]+\s[a-z]+$"), {"f": "a\tb"})
V("semantics \\D complement", R(key="f", pattern=r"^\D+$"), {"f": "abc-١"},
  note="\\D is the complement of ASCII [0-9], so it matches Arabic-Indic digits")
V("semantics \\S in class", R(key="f", pattern=r"^[\S]+$"), {"f": "a b"}, ["pattern_mismatch"], pv=False)
V("semantics $ strict: internal newline", R(key="f", pattern=r"^\d+$"), {"f": "12\n3"}, ["pattern_mismatch"],
  pv=False, note="values are trimmed first, so a trailing \"\\n\" never reaches the pattern; an internal one "
                 "can never match ^\\d+$")
V("semantics trailing newline is trimmed", R(key="f", pattern=r"^\d+$"), {"f": "123\n"},
  note="step 0 trims the value to \"123\" before matching")
V("semantics $ strict: newline left by separators", R(key="f", pattern=r"^\d+$", separators="-"),
  {"f": "123\n-"}, ["pattern_mismatch"], pv=False,
  note="trim keeps \"123\\n-\" (ends with \"-\"); removing the separator \"-\" leaves \"123\\n\". "
       "\"$\" has no trailing-newline allowance, so ^\\d+$ does not match; and no appended text can match")
V("semantics $ strict: card number with newline", EX["card"],
  exo("card", number_card="4111 1111 1111 1111\n-"), ["card_digits"], pv=False,
  note="\"4111111111111111\\n\" after trim and removing \" -\"; ^\\d{16}$ must not accept the trailing newline")
V("semantics dot excludes newline", R(key="f", pattern=r"^a.b$"), {"f": "a\nb"}, ["pattern_mismatch"], pv=False)
V("semantics dot matches carriage return", R(key="f", pattern=r"^a.b$"), {"f": "a\rb"},
  note="\".\" matches any character except \"\\n\"")
V("semantics dot matches emoji", R(key="f", pattern=r"^.{3}$"), {"f": "a😀b"},
  note="\".\" is one code point; the emoji is outside the BMP")
V("semantics [A-Я] excludes Ё", R(key="f", pattern=r"^[А-Яа-я ]+$"), {"f": "Пётр"}, ["pattern_mismatch"],
  pv=False, note="ё (U+0451) is outside а-я")

# ============================================================================================
# 5. real provider patterns (providers.md 3.7); one rule per case; non-partial
# ============================================================================================
REAL = [
    # (label, pattern, matching values, [(non-matching value, viable)])
    ("card_number digits", r"^\d{12,19}$", ["4111111111111111"], [("41111111111", True), ("4111 1111", False)]),
    ("card_number sberbank", r"^([245]{1}[\d]{15}|[6]{1}[\d]{17})$", ["2202201234567890", "600000000000000000"],
     [("3111111111111111", False), ("60000000000000000", True)]),
    ("card_number any", r"^.{12,19}$", ["abc-123-def-456"], [("12345678901234567890", False)]),
    ("card_holder", r"^([A-Za-z]+)\s([A-Za-z]+)$", ["IVAN PETROV"],
     [("Ivan Petrov Jr", False), ("Иван Петров", False), ("Ivan", True)]),
    ("account digits", r"^\d{1,15}$", ["0"], [("1234567890123456", False)]),
    ("perfectmoney U", r"^U\d{6,9}$", ["U1234567"], [("u1234567", False), ("U123", True)]),
    ("perfectmoney E", r"^E\d{6,9}$", ["E123456"], [("E1234567890", False)]),
    ("nixmoney", r"^(U|E)[0-9]{14}$", ["U12345678901234"], [("X12345678901234", False)]),
    ("test status", r"^[A-Z\-\sa-z]{2,64}$", ["Payout-Status ok"], [("status_1", False), ("s", True)]),
    ("iban sepa", r"^[A-Z]{2}(\w){13,29}$", ["DE89370400440532013000"],
     [("de89370400440532013000", False), ("DE89 3704", False)]),
    ("account_number any", r"^.{1,50}$", ["Any text, up to fifty characters"], [("x" * 51, False)]),
    ("account_number iban or number", r"^[A-Z]{2}[A-Z0-9]{13,32}$|^[0-9]{3,15}$",
     ["UA213223130000026007233566001", "26007233566001"], [("12", True), ("UA21-3223", False)]),
    ("account_number digits 5-100", r"^[0-9]{5,100}$", ["12345"], [("1234", True)]),
    ("swift_code", r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$", ["DEUTDEFF", "DEUTDEFF500"],
     [("DEUTDEFF50", True), ("DEUT1EFF", False)]),
    ("bic non-capturing alternation", r"^(?:[0-9A-Z]{8}|[0-9A-Z]{11})$", ["PRIVUA2X"],
     [("PRIVUA2XXXXX", False), ("PRIVUA2XX", True)]),
    ("bic anchored alternation", r"^[0-9A-Z]{8}$|^[0-9A-Z]{11}$", ["PRIVUA2XXXX"], [("privua2x", False)]),
    ("phone plus 10-14", r"^\+\d{10,14}$", ["+79161234567"], [("79161234567", False), ("+7916", True)]),
    ("phone plus 1-15", r"^\+\d{1,15}$", ["+1"], [("+1234567890123456", False)]),
    ("phone dashes", r"^\+?[-\d]{9,32}$", ["+380-67-123-45-67"], [("+380 67", False)]),
    ("phone optional plus", r"^\+?\d{9,14}$", ["380671234567"], [("+38067", True)]),
    ("phone_number ua", r"^(\+380)[0-9]{9}$", ["+380671234567"], [("+390671234567", False), ("+38", True)]),
    ("phone_number ru", r"^[\+]{1}[7]{1}[9]{1}[\d]{9}$", ["+79161234567"], [("+78161234567", False)]),
    ("phone_number 11", r"^\d{11}$", ["12345678901"], [("123456789012", False)]),
    ("beneficiary_phone 10-14", r"^\d{10,14}$", ["9876543210"], [("98765-43210", False)]),
    ("beneficiary_phone in optional 91", r"^(\+?91)?\d{10}$", ["+919876543210", "9876543210"],
     [("+929876543210", False)]),
    ("beneficiary_phone in +91", r"^\+91\d{10}$", ["+919876543210"], [("919876543210", False)]),
    ("wallet_id any", r"^.{10,64}$", ["wallet-1234"], [("short", True)]),
    ("wallet_id ethereum", r"^0x[a-fA-F0-9]{40}$", ["0x52908400098527886E0F7030069857D2E4169EE7"],
     [("0x52908400098527886E0F7030069857D2E4169EEG", False), ("0x5290", True), ("0X5290", False)]),
    ("email", r"^[_a-z0-9-]+(\.[_a-z0-9-]+)*@[a-z0-9-]+(\.[a-z0-9-]+)*(\.[a-z]{2,4})$",
     ["john.doe@mail.example.com", "john@example.info"],
     [("John@example.com", False), ("john@example", True), ("john@@example.com", False)]),
    ("email A-Z variant (approximation)",
     r"^[_A-Za-z0-9-]+(\.[_A-Za-z0-9-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(\.[A-Za-z]{2,3})$",
     ["John.Doe@Example.COM"], [("john@example.info", True), ("john doe@example.com", False)]),
    ("first/last name", r"^[A-Z\-\ a-z]{2,100}$", ["Mary-Jane Smith"], [("Mary2", False)]),
    ("name unicode L N P", r"/^[\s\p{L}\p{N}\p{P}]{1,100}$/u", ["Олена Шевченко-Коваль, 2", "O'Brien (Jr.)"],
     [("price+tax", False), ("Tom $", False)]),
    ("full_name latin cyrillic", r"^[A-Za-zА-Яа-я\-\d\s]{2,100}$", ["Иван Петров-2"],
     [("Пётр Иванов", False), ("Я", True)]),
    ("full_name unicode letters", r"/^[\s\p{L}]{2,100}$/u", ["Пётр Іваненко", "José Ñúñez"],
     [("Ivan 2", False)]),
    ("itn 10", r"^\d{10}$", ["1234567890"], [("123456789a", False)]),
    ("ifsc", r"^[A-Za-z0-9]{11}$", ["SBIN0001234"], [("SBIN-001234", False)]),
    ("bank_code 2-20", r"^[A-Za-z0-9]{2,20}$", ["044525225"], [("A", True)]),
    ("bank_code mx", r"^[0-9]{3}$", ["002"], [("0021", False)]),
    ("document_id br", r"^[0-9]{8,14}$", ["12345678901"], [("1234567", True)]),
    ("document_id ar", r"^[0-9]{11}$", ["20123456789"], [("20-12345678-9", False)]),
    ("document_id co", r"^.{6,12}$", ["CC123456"], [("CC1234567890X", False)]),
    ("pix_key", r"^.{4,255}$", ["a@b.c"], [("abc", True)]),
    ("pix account_type", r"^(CPF|CNPJ|EVP|PHONE|EMAIL|RANDOMKEY)$", ["CNPJ", "RANDOMKEY"],
     [("CP", True), ("cpf", False), ("CPFX", False)]),
    ("client_id digits", r"^\d{1,128}$", ["1"], [("1" * 129, False)]),
    ("client_id word chars", r"^(\w|\.| |\-|\+|@){1,128}$", ["user.name+tag@host-1"], [("user#1", False)]),
    ("look-ahead length and chars", r"^(?=.{7,15}$)[\d +]+$", ["+7 916 1234567", "1234567"],
     [("123456", True), ("+7 916 123 45 67", False), ("1234567890123456", False), ("12-34-567", False)]),
    ("literal {10-14}", r"^\d{10-14}$", ["5{10-14}"], [("123456789012", False), ("5{10", True)]),
    ("malformed A-z range", r"^[A-za-z]{2,64}$", ["snake_case", "a^b"], [("snake-case", False)]),
]
REAL_NOTES = {
    "look-ahead length and chars": "leading look-ahead: both the length (7-15) and the class [\\d +] must hold",
    "literal {10-14}": "\\d{10-14} is not a quantifier: PCRE reads \"{10-14}\" as literal text",
    "malformed A-z range": "A-z spans [ \\ ] ^ _ ` as well",
    "email A-Z variant (approximation)": "providers.md names an A-Z variant with TLD {2,3}; this spelling is "
                                         "an approximation of it",
    "bic anchored alternation": "whole-value semantics apply to each alternative",
}
for label, pat, goods, bads in REAL:
    note = REAL_NOTES.get(label)
    for i, g in enumerate(goods):
        V(f"real {label}: match {i + 1}" if len(goods) > 1 else f"real {label}: match", R(key="f", pattern=pat),
          {"f": g}, source="derived", note=note)
    for i, (b, viable) in enumerate(bads):
        V(f"real {label}: mismatch {i + 1}" if len(bads) > 1 else f"real {label}: mismatch",
          R(key="f", pattern=pat), {"f": b}, ["pattern_mismatch"], pv=viable, source="derived",
          note=(note + "; " if note else "") + ("prefix of a match -> incomplete" if viable
                                                 else "no completion can match -> invalid"))

# ============================================================================================
# 6. partial input
# ============================================================================================
CARD_RULE = {"rules": [{"key": "card", "required": True, "pattern": r"^\d{16}$", "checks": ["luhn"]}]}
V("partial card: half typed", CARD_RULE, {"card": "5123 8172"}, [], valid=False, pv=True, partial=True)
V("partial off card: half typed", CARD_RULE, {"card": "5123 8172"}, ["pattern_mismatch"], pv=True, partial=False)
V("partial card: 15 digits", CARD_RULE, {"card": "5123-8172-3406-000"}, [], valid=False, pv=True, partial=True)
V("partial card: complete and valid", CARD_RULE, {"card": "5123 8172 3406 0000"}, [], valid=True, pv=True,
  partial=True)
V("partial card: letter typed", CARD_RULE, {"card": "5123 8a"}, ["card_digits"], valid=False, pv=False,
  partial=True)
V("partial card: 17 digits", CARD_RULE, {"card": "51238172340600001"}, ["pattern_mismatch"], valid=False,
  pv=False, partial=True)
V("partial card: 16 digits bad luhn", CARD_RULE, {"card": "5123817234060001"}, ["luhn"], valid=False, pv=False,
  partial=True, note="the pattern ^\\d{16}$ allows no more digits, so a bad check digit is final")
V("partial off card: 16 digits bad luhn", CARD_RULE, {"card": "5123817234060001"}, ["luhn"], pv=False)
V("partial card without pattern: 16 digits bad luhn", {"rules": [{"key": "card", "required": True, "checks": ["luhn"]}]},
  {"card": "5123817234060001"}, [], valid=False, pv=True, partial=True,
  note="no pattern and no max_length: up to 19 digits may follow, so still incomplete")
V("partial card: empty required", CARD_RULE, {"card": ""}, [], valid=False, pv=True, partial=True)
IBAN_RULE = {"rules": [{"key": "iban", "required": True, "checks": ["iban"]}]}
V("partial iban: half typed", IBAN_RULE, {"iban": "de89 3704 0044"}, [], valid=False, pv=True, partial=True)
V("partial off iban: half typed", IBAN_RULE, {"iban": "de89 3704 0044"}, ["iban_length"], pv=True, partial=False)
V("partial iban: one letter", IBAN_RULE, {"iban": "d"}, [], valid=False, pv=True, partial=True,
  note="iban_country with fewer than 2 characters is incomplete")
V("partial off iban: one letter", IBAN_RULE, {"iban": "d"}, ["iban_country"], pv=True)
V("partial iban: unknown country", IBAN_RULE, {"iban": "XX12"}, ["iban_country"], valid=False, pv=False,
  partial=True)
V("partial iban: too long", IBAN_RULE, {"iban": "NL91ABNA04171643001"}, ["iban_length"], valid=False, pv=False,
  partial=True)
V("partial iban: full length bad checksum", IBAN_RULE, {"iban": "NL92ABNA0417164300"}, ["iban_checksum"],
  valid=False, pv=False, partial=True)
V("partial amount: trailing dot", R(**AMT), {"amount": "12."}, [], valid=False, pv=True, partial=True)
V("partial off amount: trailing dot", R(**AMT), {"amount": "12."}, ["invalid_amount"], pv=True, partial=False)
V("partial amount: comma typed", R(**AMT), {"amount": "12,"}, [], valid=False, pv=True, partial=True,
  note="\"12,\" -> \"12.\"")
V("partial amount: below min", R(**AMT), {"amount": "0"}, [], valid=False, pv=True, partial=True)
V("partial amount: above max", R(**AMT), {"amount": "1001"}, ["amount_above_max"], valid=False, pv=False,
  partial=True)
V("partial amount: too precise", R(**AMT), {"amount": "1.234"}, ["amount_precision"], valid=False, pv=False,
  partial=True)
V("partial amount: letters", R(**AMT), {"amount": "12a"}, ["invalid_amount"], valid=False, pv=False,
  partial=True)
PH = R(key="phone", required=True, pattern=r"^\+\d{10,14}$")
V("partial pattern: prefix of a match", PH, {"phone": "+7916"}, [], valid=False, pv=True, partial=True)
V("partial pattern: just the plus", PH, {"phone": "+"}, [], valid=False, pv=True, partial=True)
V("partial pattern: never matches", PH, {"phone": "7916"}, ["pattern_mismatch"], valid=False, pv=False,
  partial=True)
V("partial pattern: too long for the pattern", PH, {"phone": "+791612345678901"}, ["pattern_mismatch"],
  valid=False, pv=False, partial=True)
V("partial look-ahead: short prefix", R(key="f", pattern=r"^(?=.{7,15}$)[\d +]+$"), {"f": "+7 91"}, [],
  valid=False, pv=True, partial=True)
V("partial look-ahead: bad char", R(key="f", pattern=r"^(?=.{7,15}$)[\d +]+$"), {"f": "12a"},
  ["pattern_mismatch"], valid=False, pv=False, partial=True,
  note="both look-ahead and body must stay satisfiable: 'a' can never be in [\\d +]")
V("partial too_short", R(key="f", min_length=4), {"f": "ab"}, [], valid=False, pv=True, partial=True)
V("partial too_long", R(key="f", max_length=4), {"f": "abcde"}, ["too_long"], valid=False, pv=False,
  partial=True)
V("partial mixed fields", {"rules": [{"key": "card", "required": True, "pattern": r"^\d{16}$", "checks": ["luhn"]},
                                     {"key": "name", "required": True, "max_length": 5},
                                     {"key": "amount", "required": True, "checks": ["amount"]}]},
  {"card": "4111", "name": "Алексей", "amount": "5."}, ["too_long"], valid=False, pv=False, partial=True,
  fields=["name"], note="only invalid fields are reported under partial")
V("partial off mixed fields", {"rules": [{"key": "card", "required": True, "pattern": r"^\d{16}$",
                                          "checks": ["luhn"]},
                                         {"key": "name", "required": True, "max_length": 5},
                                         {"key": "amount", "required": True, "checks": ["amount"]}]},
  {"card": "4111", "name": "Алексей", "amount": "5."}, ["pattern_mismatch", "too_long", "invalid_amount"],
  pv=False, fields=["card", "name", "amount"])

# ============================================================================================
# 7. length in code points
# ============================================================================================
V("length: Cyrillic at max", R(key="f", max_length=6), {"f": "Привет"},
  note="6 characters, 12 UTF-8 bytes")
V("length: Cyrillic over max", R(key="f", max_length=5), {"f": "Привет"}, ["too_long"], pv=False)
V("length: emoji at max", R(key="f", max_length=5), {"f": "😀😀😀😀😀"},
  note="5 code points (10 UTF-16 units, 20 UTF-8 bytes)")
V("length: emoji over max", R(key="f", max_length=5), {"f": "😀😀😀😀😀😀"}, ["too_long"], pv=False)
V("length: emoji under min", R(key="f", min_length=3), {"f": "😀😀"}, ["too_short"], pv=True,
  note="2 code points although 4 UTF-16 units")
V("length: combining mark counts", R(key="f", max_length=4), {"f": "Jose\u0301"}, ["too_long"], pv=False,
  note="\"e\" + COMBINING ACUTE ACCENT = 2 code points; no normalisation")
V("length: precomposed fits", R(key="f", max_length=4), {"f": "José"})
V("length: exotic full_name 128 Cyrillic", EX["card"], exo("card", full_name="Щ" * 128))
V("length: exotic full_name 129 Cyrillic", EX["card"], exo("card", full_name="Щ" * 129), ["too_long"], pv=False)
V("length: exotic order_description 8000 emoji", EX["card"], exo("card", order_description="💸" * 8000),
  note="8000 code points, 32000 UTF-8 bytes")
V("length: exotic order_description 8001", EX["card"], exo("card", order_description="ж" * 8001), ["too_long"],
  pv=False)

# ============================================================================================
# 8. locales and messages
# ============================================================================================
V("locale en required", R(key="name", required=True), {}, ["required"], pv=True, locale="en")
V("locale ru required", R(key="name", required=True), {}, ["required"], pv=True, locale="ru")
V("locale uk required", R(key="name", required=True), {}, ["required"], pv=True, locale="uk")
V("locale de falls back to en", R(key="name", required=True), {}, ["required"], pv=True, locale="de")
V("locale ru too_short param", R(key="code", min_length=8), {"code": "abc"}, ["too_short"], pv=True, locale="ru")
V("locale uk too_long param", R(key="code", max_length=3), {"code": "abcd"}, ["too_long"], pv=False, locale="uk")
V("locale en too_long param", R(key="code", max_length=3), {"code": "abcd"}, ["too_long"], pv=False, locale="en")
V("locale uk pattern", R(key="f", pattern=r"^\d+$"), {"f": "x"}, ["pattern_mismatch"], pv=False, locale="uk")
V("locale ru luhn", R(key="card", checks=["luhn"], max_length=16), {"card": "4111111111111112"}, ["luhn"],
  pv=False, locale="ru")
V("locale uk luhn", R(key="card", checks=["luhn"]), {"card": "4111111111111112"}, ["luhn"], pv=True,
  locale="uk")
V("locale en iban_country param", IBAN_RULE, {"iban": "XX00123"}, ["iban_country"], pv=False, locale="en")
V("locale ru iban_country param", IBAN_RULE, {"iban": "ZZ00123"}, ["iban_country"], pv=False, locale="ru")
V("locale uk iban_length param", IBAN_RULE, {"iban": "DE89 3704"}, ["iban_length"], pv=True, locale="uk")
V("locale ru iban_length param", IBAN_RULE, {"iban": "GB82 WEST 1234 5698 7654 3"}, ["iban_length"], pv=True,
  locale="ru")
V("locale en iban_checksum", IBAN_RULE, {"iban": "GB83WEST12345698765432"}, ["iban_checksum"], pv=False,
  locale="en")
V("locale uk iban_checksum", IBAN_RULE, {"iban": "GB83WEST12345698765432"}, ["iban_checksum"], pv=False,
  locale="uk")
V("locale ru invalid_amount", R(**AMT), {"amount": "abc"}, ["invalid_amount"], pv=False, locale="ru")
V("locale uk invalid_amount", R(**AMT), {"amount": "abc"}, ["invalid_amount"], pv=False, locale="uk")
V("locale uk amount_precision param", R(**AMT), {"amount": "1.999"}, ["amount_precision"], pv=False,
  locale="uk")
V("locale ru amount_precision param", R(**AMT), {"amount": "1.999"}, ["amount_precision"], pv=False,
  locale="ru")
V("locale en precision before min", R(**AMT), {"amount": "0.001"}, ["amount_precision"], pv=False,
  locale="en", note="precision is checked before min")
V("locale ru amount_below_min param", R(**AMT), {"amount": "0.00"}, ["amount_below_min"], pv=True,
  locale="ru")
V("locale de amount_below_min falls back to en", R(**AMT), {"amount": "0"}, ["amount_below_min"], pv=True,
  locale="de")
V("locale ru amount_above_max param", R(**AMT), {"amount": "5000"}, ["amount_above_max"], pv=False, locale="ru")
V("locale uk amount_above_max param", R(**AMT), {"amount": "5000"}, ["amount_above_max"], pv=False, locale="uk")
V("locale en unsupported_pattern", R(key="f", pattern=r"(?<=a)b"), {"f": "b"}, ["unsupported_pattern"],
  pv=False, locale="en")
V("locale ru unsupported_pattern", R(key="f", pattern=r"(?<=a)b"), {"f": "b"}, ["unsupported_pattern"],
  pv=False, locale="ru")
V("locale uk unsupported_pattern", R(key="f", pattern=r"(?<=a)b"), {"f": "b"}, ["unsupported_pattern"],
  pv=False, locale="uk")
V("locale en invalid_pattern", R(key="f", pattern="^[a-"), {"f": "a"}, ["invalid_pattern"], pv=False, locale="en")
V("locale ru invalid_pattern", R(key="f", pattern="^[a-"), {"f": "a"}, ["invalid_pattern"], pv=False, locale="ru")
V("locale uk invalid_pattern", R(key="f", pattern="^[a-"), {"f": "a"}, ["invalid_pattern"], pv=False, locale="uk")
V("locale ru valid report has no errors", R(key="f", required=True), {"f": "x"}, locale="ru")
V("locale uk partial hides incomplete", R(key="name", required=True), {}, [], valid=False, pv=True,
  partial=True, locale="uk")
V("locale ru exotic sbp several errors", EX["sbp"],
  exo("sbp", fiat_amount="0", phone_number="+7 (916) 12", bank_name="Б" * 73),
  ["amount_below_min", "pattern_mismatch", "too_long"], pv=False, locale="ru",
  fields=["fiat_amount", "phone_number", "bank_name"])

# ============================================================================================
# 9. provider validators
# ============================================================================================
# --- Corefy pre-request sample
V("corefy sample: valid", CF, {"account": "123456789", "amount": "10.00"}, source="docs",
  note="rules: account (required, ^\\\\d{1,15}$ over-escaped), three optional test_details_* fields, then the "
       "implicit amount rule (min 0.01, max 9999999)")
V("corefy sample: valid with optional fields", CF,
  {"account": "1", "test_details_success_rate": "100", "test_details_payout_status": "success",
   "test_details_payout_resolution": "Payout - ok", "amount": 10}, source="docs")
V("corefy sample: account missing", CF, {"amount": "10.00"}, ["required"], pv=True, source="docs",
  fields=["account"])
V("corefy sample: amount missing", CF, {"account": "123"}, ["required"], pv=True, source="docs", fields=["amount"])
V("corefy sample: account letters", CF, {"account": "12a", "amount": "10"}, ["pattern_mismatch"], pv=False,
  source="docs", note="over-escaped ^\\\\d{1,15}$ must be read as ^\\d{1,15}$, not as a literal backslash")
V("corefy sample: account with literal backslash", CF, {"account": "\\ddd", "amount": "10"},
  ["pattern_mismatch"], pv=False, source="docs",
  note="a reader that kept the doubled backslash would accept this")
V("corefy sample: account 16 digits", CF, {"account": "1234567890123456", "amount": "10"}, ["pattern_mismatch"],
  pv=False, source="docs")
V("corefy sample: status bad char", CF, {"account": "1", "test_details_payout_status": "ok!", "amount": "10"},
  ["pattern_mismatch"], pv=False, source="docs", fields=["test_details_payout_status"])
V("corefy sample: status too short is incomplete", CF,
  {"account": "1", "test_details_payout_status": "o", "amount": "10"}, ["pattern_mismatch"], pv=True,
  source="docs")
V("corefy sample: amount below min", CF, {"account": "1", "amount": "0.001"}, ["amount_below_min"], pv=True,
  source="docs", note="no decimals limit on Corefy amounts; 0.001 < 0.01")
V("corefy sample: amount above max", CF, {"account": "1", "amount": "10000000"}, ["amount_above_max"], pv=False,
  source="docs")
V("corefy sample: amount at max", CF, {"account": "1", "amount": 9999999}, source="docs")
V("corefy sample: errors in field order", CF,
  {"account": "x", "test_details_success_rate": "50%", "test_details_payout_resolution": "r", "amount": "-1"},
  ["pattern_mismatch", "pattern_mismatch", "pattern_mismatch", "invalid_amount"], pv=False, source="docs",
  fields=["account", "test_details_success_rate", "test_details_payout_resolution", "amount"])
V("corefy sample: messages uk", CF, {"amount": "99999999"}, ["required", "amount_above_max"], pv=False,
  locale="uk", source="docs")
V("corefy sample: messages ru min", CF, {"account": "7", "amount": "0"}, ["amount_below_min"], pv=True,
  locale="ru", source="docs")
V("corefy sample: partial", CF, {"account": "12", "test_details_payout_status": "s", "amount": "1."}, [],
  valid=False, pv=True, partial=True, source="docs")
V("corefy derived: card service valid", CF_CARD, {"card_number": "4111111111111111", "card_holder": "IVAN PETROV",
                                                   "amount": "1.50"})
V("corefy derived: amount_min text kept", CF_CARD, {"card_number": "4111111111111111", "amount": "1.49"},
  ["amount_below_min"], pv=True, locale="en",
  note="amount_min is written 1.50 in the JSON text; the param keeps that text")
V("corefy derived: slashes pattern and field without regexp", CF_CARD,
  {"card_number": "4111 1111 1111 1111", "card_holder": "Ivan", "comment": "anything at all ¯\\_(ツ)_/¯",
   "amount": "50000.01"}, ["pattern_mismatch", "amount_above_max"], pv=False,
  fields=["card_holder", "amount"], note="card_number is a card number (kind from the key): spaces and dashes go, as "
  "for a luhn field, and the pattern ^\\d{12,19}$ matches")

# --- M4 account_info_config
V("m4 config: valid", M4, {"account": "123456789"}, source="derived",
  note="\\d{9,15}$ without ^ behaves as ^\\d{9,15}$")
V("m4 config: leading text rejected (implicit ^)", M4, {"account": "x123456789"}, ["pattern_mismatch"], pv=False,
  source="derived", note="a substring search would accept this")
V("m4 config: too long", M4, {"account": "1234567890123456"}, ["pattern_mismatch"], pv=False, source="derived")
V("m4 config: short is incomplete", M4, {"account": "12345"}, ["pattern_mismatch"], pv=True, source="derived")
V("m4 config: short partial", M4, {"account": "12345"}, [], valid=False, pv=True, partial=True, source="derived")
V("m4 config: required", M4, {}, ["required"], pv=True, locale="en", source="derived")
V("m4 config two fields: object order", M4_TWO, {"wallet": "E1234567", "email": "Foo@example.com"},
  ["pattern_mismatch", "pattern_mismatch"], pv=False, fields=["wallet", "email"],
  note="rules follow the JSON object order (wallet before email), not alphabetical")
V("m4 config two fields: valid", M4_TWO, {"wallet": "U1234567", "email": "foo.bar@example.com"})

# --- exotic
V("exotic card: valid", EX["card"], exo("card"))
V("exotic card: spaces", EX["card"], exo("card", number_card="5123 8172 3406 0000"))
V("exotic card: dashes", EX["card"], exo("card", number_card="5123-8172-3406-0000"))
V("exotic card: bad luhn", EX["card"], exo("card", number_card="5123 8172 3406 0001"), ["luhn"], pv=False,
  note="16 digits and the pattern ^\\d{16}$ allows no more: invalid")
V("exotic card: 19 digits fail the pattern", EX["card"], exo("card", number_card="6200000000000000000"),
  ["pattern_mismatch"], pv=False)
V("exotic card: only required fields", EX["card"],
  exo("card", full_name=ABSENT, customer=ABSENT, order_description=ABSENT))
V("exotic card: all missing", EX["card"], {},
  ["required", "required", "required", "required", "required", "required"], pv=True,
  fields=["order_id", "fiat_amount", "fiat_currency", "number_card", "success_callback_url",
          "error_callback_url"])
V("exotic card: partial typing", EX["card"], exo("card", number_card="5123 81", fiat_amount="150."), [],
  valid=False, pv=True, partial=True)
V("exotic card: amount as number", EX["card"], exo("card", fiat_amount=150.5))
V("exotic card: amount with comma", EX["card"], exo("card", fiat_amount="1 500,50"))
V("exotic card: amount precision", EX["card"], exo("card", fiat_amount="150.001"), ["amount_precision"],
  pv=False)
V("exotic card: amount zero", EX["card"], exo("card", fiat_amount="0.00"), ["amount_below_min"], pv=True,
  locale="en")
V("exotic card: order_id 256", EX["card"], exo("card", order_id="o" * 256), ["too_long"], pv=False)
V("exotic card: callback 513", EX["card"], exo("card", error_callback_url="https://e.example/" + "a" * 495),
  ["too_long"], pv=False)
V("exotic card: callback 512", EX["card"], exo("card", success_callback_url="https://e.example/" + "a" * 494))
V("exotic sbp: valid", EX["sbp"], exo("sbp"))
V("exotic sbp: phone as typed", EX["sbp"], exo("sbp", phone_number="+7 (916) 123-45-67"),
  note="separators \" -()+\" leave 79161234567")
V("exotic sbp: phone too short", EX["sbp"], exo("sbp", phone_number="+7 (916) 123-45"), ["pattern_mismatch"],
  pv=True)
V("exotic sbp: phone with letters", EX["sbp"], exo("sbp", phone_number="+7 (916) CALL-ME"), ["phone_digits"],
  pv=False)
V("exotic sbp: bank_name missing", EX["sbp"], exo("sbp", bank_name=ABSENT), ["required"], pv=True,
  fields=["bank_name"])
V("exotic sbp: bank_name 72", EX["sbp"], exo("sbp", bank_name="Б" * 72))
V("exotic sbp: bank_name 73", EX["sbp"], exo("sbp", bank_name="Б" * 73), ["too_long"], pv=False, locale="uk")
V("exotic score: valid", EX["score"], exo("score"))
V("exotic score: grouped", EX["score"], exo("score", number_score="40817 810 0 9991 0004312"))
V("exotic score: 19 digits partial", EX["score"], exo("score", number_score="4081781009991000431"), [],
  valid=False, pv=True, partial=True)
V("exotic score: 19 digits", EX["score"], exo("score", number_score="4081781009991000431"), ["pattern_mismatch"],
  pv=True)
V("exotic score: 21 digits", EX["score"], exo("score", number_score="408178100999100043120"),
  ["pattern_mismatch"], pv=False)
V("exotic iban: valid", EX["iban"], exo("iban"))
V("exotic iban: lower case with spaces", EX["iban"], exo("iban", iban_number="gb82 west 1234 5698 7654 32"))
V("exotic iban: bad checksum", EX["iban"], exo("iban", iban_number="GB82WEST12345698765433"), ["iban_checksum"],
  pv=False, locale="ru")
V("exotic iban: unknown country", EX["iban"], exo("iban", iban_number="QQ82WEST12345698765432"), ["iban_country"],
  pv=False)
V("exotic iban: longer than 34", EX["iban"], exo("iban", iban_number="DE89370400440532013000DE89370400440"),
  ["too_long"], pv=False, note="max 34 applies before the IBAN check")
V("exotic iban: half typed partial", EX["iban"], exo("iban", iban_number="UA21 3223 1300"), [], valid=False,
  pv=True, partial=True)
V("exotic iban: several fields", EX["iban"],
  exo("iban", order_id="", fiat_amount="abc", iban_number="UA21 3223 1300", customer="c" * 129),
  ["required", "invalid_amount", "iban_length", "too_long"], pv=False,
  fields=["order_id", "fiat_amount", "iban_number", "customer"])

# --- exotic fiat_amount values (issue 11 item 3): the report's values carry the two-decimal text that the builder
# signs and sends ("1500" -> "1500.00", 1500.5 -> "1500.50"). Runners compare `values` only where a case pins it.
I3 = ("issue 11 item 3: 003 fiat_amount is 'string ... with two decimal places'; values.fiat_amount is the same text "
      "the builder signs and sends")
for label, v, want in [("int 1500", 1500, "1500.00"), ("\"1500\"", "1500", "1500.00"), ("\"1500.5\"", "1500.5", "1500.50"),
                       ("float 1500.5", 1500.5, "1500.50"), ("integral float 1500.0", 1500.0, "1500.00"),
                       ("\"1500.00\" as is", "1500.00", "1500.00"), ("\"1500.0\"", "1500.0", "1500.00"), ("\"0.5\"", "0.5", "0.50"),
                       ("smallest \"0.01\"", "0.01", "0.01"), ("trimmed \" 1500.5 \"", " 1500.5 ", "1500.50"),
                       ("grouped with a decimal comma \"1 500,5\"", "1 500,5", "1500.50")]:
    VV(f"exotic card: values.fiat_amount {label} -> \"{want}\"", EX["card"], exo("card", fiat_amount=v), {"fiat_amount": want},
       note=I3 + ("; the validator normalises spaces and the comma for display, while the builder takes plain decimal text "
                  "only (requests.json)" if "," in str(v) else ""))
for pm in ["sbp", "score", "iban"]:
    VV(f"exotic {pm}: values.fiat_amount 150.5 -> \"150.50\"", EX[pm], exo(pm, fiat_amount=150.5), {"fiat_amount": "150.50"}, note=I3)
VV("exotic sbp: values carry the normalised phone and the two-decimal amount", EX["sbp"],
   exo("sbp", phone_number="+7 (916) 123-45-67", fiat_amount="1500"), {"phone_number": "79161234567", "fiat_amount": "1500.00"},
   note=I3 + "; README: values.phone_number \"+7 (916) 123-45-67\" -> \"79161234567\"")
VV("exotic iban: values carry the normalised IBAN and the two-decimal amount", EX["iban"],
   exo("iban", iban_number="gb82 west 1234 5698 7654 32", fiat_amount="99.9"),
   {"iban_number": "GB82WEST12345698765432", "fiat_amount": "99.90"}, note=I3)
V("exotic card: fiat_amount \"1500.505\" has more than two decimals", EX["card"], exo("card", fiat_amount="1500.505"),
  ["amount_precision"], pv=False, note=I3 + "; the builder refuses it with invalid_amount fiat_amount")
V("exotic card: fiat_amount 1500.505 (float) has more than two decimals", EX["card"], exo("card", fiat_amount=1500.505),
  ["amount_precision"], pv=False, note=I3)

# --- issue 14: field kinds, messages that name the problem, fields(), as-you-type formatting
def F(name, op, args, want=None, note=None, source="own"):
    """a fields / formatting case: the oracle's answer, checked against `want` where given."""
    got = run(op, args)
    if want is not None:
        expect = want if isinstance(want, dict) and "error" in want else {"result": want}
        assert got == expect, (name, got, expect)
    _add(name, op, args, got, source, note)


V("kinds: a letter in a card number (exotic card), ru", EX["card"], exo("card", number_card="4111 1111 1111 111O"),
  ["card_digits"], pv=False, locale="ru", note="the letter O for a zero: the message names the problem")
V("kinds: a letter in a card number, uk", EX["card"], exo("card", number_card="4111 x"), ["card_digits"], pv=False,
  locale="uk")
V("kinds: card_number kind from the key removes spaces (Corefy card)", CF_CARD,
  {"card_number": "5123 8172-3406 0000", "amount": "100"})
V("kinds: card_number key with a letter (Corefy card)", CF_CARD, {"card_number": "5123 817a", "amount": "100"},
  ["card_digits"], pv=False, locale="en")
V("kinds: phone kind from the key removes spaces, dashes and brackets", R(key="phone", pattern=r"^\+\d{10,14}$"),
  {"phone": "+7 (916) 123-45-67"})
V("kinds: phone with a letter", R(key="phone", pattern=r"^\+\d{10,14}$"), {"phone": "+7 916 l23"},
  ["phone_digits"], pv=False, locale="en")
V("kinds: phone with a plus inside, en", R(key="phone_number", pattern=r"^\+\d{10,14}$"), {"phone_number": "7+916"},
  ["pattern_mismatch"], pv=False, locale="en",
  note="only digits and + (a + in the wrong place is a format problem, not a character problem)")
V("kinds: phone_digits in partial mode", R(key="phone", pattern=r"^\+\d{10,14}$"), {"phone": "+7 916 1#"},
  ["phone_digits"], valid=False, pv=False, partial=True, locale="ru")
V("kinds: iban kind upper-cases and removes spaces without the iban check",
  R(key="iban", pattern=r"^[A-Z]{2}(\w){13,29}$"), {"iban": "de89 3704 0044 0532 0130 00"})
V("kinds: iban_chars for a Cyrillic letter in an IBAN", R(key="iban", checks=["iban"]),
  {"iban": "DE89 3704 0044 0532 0130 0Д"}, ["iban_chars"], pv=False, locale="uk",
  note="right length, a non-Latin letter: iban_checksum, named iban_chars")
V("kinds: iban_chars instead of iban_country", R(key="iban", checks=["iban"]), {"iban": "ДЕ89"}, ["iban_chars"],
  pv=False, locale="ru")
V("kinds: iban_chars instead of iban_length (incomplete)", R(key="iban_number", checks=["iban"]),
  {"iban_number": "DE89 370_"}, ["iban_chars"], pv=True, locale="en", note="the state stays the check's own")
V("kinds: latin_letters for a Cyrillic name on the card (Corefy card_holder)", CF_CARD,
  {"card_number": "4111111111111111", "card_holder": "Иван Петров", "amount": "100"}, ["latin_letters"], pv=False,
  locale="ru")
V("kinds: latin_letters for a mixed name", CF_CARD,
  {"card_number": "4111111111111111", "card_holder": "Ivan Пётр", "amount": "100"}, ["latin_letters"], pv=False,
  locale="uk")
V("kinds: a digit in a Latin name is still pattern_mismatch", CF_CARD,
  {"card_number": "4111111111111111", "card_holder": "Ivan P3trov", "amount": "100"}, ["pattern_mismatch"], pv=False)
V("kinds: Cyrillic where even Latin letters would not fit is pattern_mismatch",
  R(key="card_holder", pattern=r"^[A-Z]+$"), {"card_holder": "иван"}, ["pattern_mismatch"], pv=False,
  note="'иван' -> 'aaaa' does not fit ^[A-Z]+$ either: nothing more precise to say")
V("kinds: an explicit kind in a hand-written rule", R(key="x", kind="card_number", pattern=r"^\d{16}$"),
  {"x": "4111-1111-1111-1111"})
V("kinds: an explicit kind names the problem", R(key="x", kind="phone", pattern=r"^\d{11}$"), {"x": "7916abc"},
  ["phone_digits"], pv=False)
V("kinds: explicit separators win over the kind's", R(key="phone", separators="", pattern=r"^\+\d{10,14}$"),
  {"phone": "+7 916 1234567"}, ["phone_digits"], pv=False, note="a space is not a digit either")
VE("kinds: unknown kind", R(key="x", kind="passport"), "invalid_rule", "kind")
VE("kinds: label of the wrong type", R(key="x", label=5), "invalid_rule", "label")
VE("kinds: hint with a non-text value", R(key="x", hint={"en": 5}), "invalid_rule", "hint")

# fields(): labels, hints, examples (provider texts win), required, max_length, the <input> attributes
for loc in ("en", "ru", "uk", "de"):
    F(f"fields: Corefy sample test_usd ({loc})", "validator.fields", {"validator": CF, "locale": loc}, source="docs",
      note="labels and hints from the pre-request in en/ru/uk (any other locale: en); ^\\d{1,15}$ gives max_length 15 "
      "and inputmode numeric")
F("fields: Corefy sample, no locale is en", "validator.fields", {"validator": CF}, source="docs")
F("fields: Corefy card service (kinds from the keys)", "validator.fields", {"validator": CF_CARD, "locale": "ru"},
  source="derived")
for pm in ("card", "sbp", "score", "iban"):
    F(f"fields: exotic {pm} (en)", "validator.fields", {"validator": EX[pm], "locale": "en"})
F("fields: exotic card (uk)", "validator.fields", {"validator": EX["card"], "locale": "uk"})
F("fields: M4 account_info_config (title as hint)", "validator.fields",
  {"validator": {"m4_account_info_config": M4_ACCOUNT}, "locale": "ru"}, source="docs")
F("fields: M4 field of no known kind (title as label)", "validator.fields",
  {"validator": {"m4_account_info_config": json.dumps({"payer_code": {"regex": "^[A-Z]{3}$", "title": "Payer code"}})}})
F("fields: hand-written rules with texts", "validator.fields", {"validator": {"rules": [
    {"key": "pan", "required": True, "checks": ["luhn"], "label": {"en": "Card", "ru": "Карта"},
     "hint": "16 digits", "example": "5123 8172 3406 0000"},
    {"key": "phone", "pattern": r"^(?=.{7,15}$)[\d +]+$"},
    {"key": "iban", "checks": ["iban"], "max_length": 22},
    {"key": "beneficiary_name", "pattern": r"^[\s\p{L}]{2,100}$"},
    {"key": "wallet", "pattern": r"^0x[a-fA-F0-9]{40}$", "separators": " "},
    {"key": "amount", "checks": ["amount"], "min": "1"},
    {"key": "x", "kind": "email", "max_length": 64},
]}, "locale": "ru"}, note="a plain-text hint is every language's; the look-ahead bounds the phone at 15 characters "
  "(typed: 22); separators other than the kind's drop maxlength")
F("fields: the same rules in de (English texts)", "validator.fields", {"validator": {"rules": [
    {"key": "pan", "required": True, "checks": ["luhn"], "label": {"en": "Card", "ru": "Карта"}},
    {"key": "reference", "pattern": r"^[A-Z0-9]{6,12}$", "kind": "text"},
]}, "locale": "de"})
for k in KINDS:
    F(f"field_info: {k}", "field_info", {"kind": k})
for loc in ("ru", "uk"):
    for k in ("card_number", "phone", "iban", "amount"):
        F(f"field_info: {k} ({loc})", "field_info", {"kind": k, "locale": loc})
F("field_info: unknown kind", "field_info", {"kind": "passport"}, {"error": {"code": "invalid_value", "field": "kind"}})

# format_input: what the field shows while the payee types, and where the caret goes (UTF-16 units)
FMT = [
    ("visa, typed to the end", "card_number", "4111111111111111", None, "4111 1111 1111 1111", 19),
    ("visa, first group complete", "card_number", "4111", None, "4111", 4),
    ("visa, a fifth digit starts a group", "card_number", "41111", None, "4111 1", 6),
    ("amex 4-6-5", "card_number", "378282246310005", None, "3782 822463 10005", 17),
    ("amex while typing", "card_number", "3782822", None, "3782 822", 8),
    ("mir 19 digits 4-4-4-4-3", "card_number", "2200123456789012345", None, "2200 1234 5678 9012 345", 23),
    ("unionpay 19 digits", "card_number", "6200000000000000003", None, "6200 0000 0000 0000 003", 23),
    ("unknown brand groups of 4", "card_number", "9999888877776666", None, "9999 8888 7777 6666", 19),
    ("dashes become spaces", "card_number", "4111-1111-1111-1111", None, "4111 1111 1111 1111", 19),
    ("caret in the middle stays after its digit", "card_number", "4111 11111", 7, "4111 1111 1", 7),
    ("caret before a moved space", "card_number", "411111", 4, "4111 11", 4),
    ("caret after a digit that moves to the next group", "card_number", "41111", 5, "4111 1", 6),
    ("caret at the start", "card_number", "4111 1111", 0, "4111 1111", 0),
    ("deleting a space keeps the digits", "card_number", "41111111", 4, "4111 1111", 4),
    ("a letter: as typed", "card_number", "4111 11a1", 8, "4111 11a1", 8),
    ("empty", "card_number", "", 0, "", 0),
    ("over 19 digits: groups of 4 go on", "card_number", "41111111111111111111", None, "4111 1111 1111 1111 1111", 24),
    ("iban groups of 4, upper case", "iban", "de89370400440532013000", None, "DE89 3704 0044 0532 0130 00", 27),
    ("iban while typing", "iban", "GB82 west12", None, "GB82 WEST 12", 12),
    ("iban with a non-Latin letter: as typed", "iban", "DE89 Д", None, "DE89 Д", 6),
    ("phone +7", "phone", "+79161234567", None, "+7 916 123-45-67", 16),
    ("phone 8 (Russian trunk)", "phone", "89161234567", None, "8 916 123-45-67", 15),
    ("phone 7 without +", "phone", "79161234567", None, "7 916 123-45-67", 15),
    ("phone +380", "phone", "+380671234567", None, "+380 67 123 45 67", 17),
    ("phone +375", "phone", "+375291234567", None, "+375 29 123-45-67", 17),
    ("phone +1", "phone", "+14155552671", None, "+1 415 555 2671", 15),
    ("phone +44", "phone", "+447911123456", None, "+44 7911 123456", 15),
    ("phone +49 (groups of 3)", "phone", "+4930123456", None, "+49 301 234 56", 14),
    ("phone +49, last lone digit joins", "phone", "+49301234567", None, "+49 301 234 567", 15),
    ("phone +49, four left", "phone", "+493012345678", None, "+49 301 234 5678", 16),
    ("phone country code not known yet", "phone", "+38", None, "+38", 3),
    ("phone country code only", "phone", "+380", None, "+380", 4),
    ("phone brackets and dashes typed", "phone", "+7 (916) 123", None, "+7 916 123", 10),
    ("phone caret in the middle", "phone", "+7916123", 4, "+7 916 123", 5),
    ("phone with a letter: as typed", "phone", "+7 916 CALL", None, "+7 916 CALL", 11),
    ("phone with a plus inside: as typed", "phone", "7+916", None, "7+916", 5),
    ("phone without a known country: as typed", "phone", "916 123", None, "916 123", 7),
    ("amount: as typed", "amount", "1 500,50", 3, "1 500,50", 3),
    ("text: as typed, caret kept within", "text", "abc", 99, "abc", 3),
    ("astral characters count two UTF-16 units", "text", "a\U0001F600b", 3, "a\U0001F600b", 3),
    ("card number after an astral character: as typed", "card_number", "\U0001F6004111", 6, "\U0001F6004111", 6),
]
for label, kind, value, caret, want_value, want_caret in FMT:
    args = {"kind": kind, "value": value}
    if caret is not None:
        args["caret"] = caret
    F(f"format_input: {label}", "format_input", args, {"value": want_value, "caret": want_caret})
F("format_input: unknown kind", "format_input", {"kind": "passport", "value": "1"},
  {"error": {"code": "invalid_value", "field": "kind"}})

# --- validator.error
VE("error corefy invalid JSON", {"corefy_prerequest": "{\"data\":", "service": "test_usd"}, "invalid_json", None)
VE("error corefy not JSON at all", {"corefy_prerequest": "<html>502 Bad Gateway</html>", "service": "test_usd"},
   "invalid_json", None)
VE("error corefy unknown service", {"corefy_prerequest": COREFY_SAMPLE, "service": "test_eur"}, "invalid_value",
   "service", source="docs")
VE("error m4 config invalid JSON", {"m4_account_info_config": "{account: '\\\\d+'}"}, "invalid_json", None,
   note="VALIDATION.md states invalid_json for Corefy; the same is assumed for the M4 config")
VE("error exotic unknown method", {"exotic": "crypto"}, "invalid_value", "payment_method")
VE("error exotic method is case-sensitive", {"exotic": "CARD"}, "invalid_value", "payment_method")
VE("error rule min_length not a number", {"rules": [{"key": "a", "min_length": "x"}]}, "invalid_rule",
   "min_length", note="field = the offending spec key")
VE("error rule unknown check", {"rules": [{"key": "a", "checks": ["crc"]}]}, "invalid_rule", "checks")
VE("error rule decimals as string", {"rules": [{"key": "a", "checks": ["amount"], "decimals": "2"}]},
   "invalid_rule", "decimals")
VE("error rule without key", {"rules": [{"required": True}]}, "invalid_rule", "key")
VE("error rule negative max_length", {"rules": [{"key": "a", "max_length": -1}]}, "invalid_rule", "max_length")
VE("error rule min not a decimal", {"rules": [{"key": "a", "checks": ["amount"], "min": "ten"}]}, "invalid_rule",
   "min")

# ============================================================================================
# 10. helpers
# ============================================================================================
for v, want in [("4111111111111111", True), ("4111111111111112", False), ("4111 1111 1111 1111", True),
                ("4111-1111-1111-1111", True), ("79927398713", True), ("79927398710", False), ("00", True),
                ("0", False), ("18", True), ("", False), ("4111a11111111111", False), ("4111.1111.1111.1111", False),
                ("6200000000000000000", True), ("5123817234060000", True)]:
    note = {"0": "at least 2 digits", "00": "two zeros: sum 0", "": "no digits",
            "4111.1111.1111.1111": "only spaces and dashes are removed"}.get(v)
    H(f"luhn_valid {v!r}", "luhn_valid", v, want, note=note)

for v, want in [("DE89370400440532013000", True), ("GB82WEST12345698765432", True),
                ("FR1420041010050500013M02606", True), ("NL91ABNA0417164300", True),
                ("UA213223130000026007233566001", True), ("CH9300762011623852957", True),
                ("ES9121000418450200051332", True), ("IT60X0542811101000000123456", True),
                ("PL61109010140000071219812874", True), ("BE68539007547034", True), ("AT611904300234573201", True),
                ("SE4550000000058398257466", True), ("NO9386011117947", True), ("FI2112345600000785", True),
                ("GR1601101250000000012300695", True), ("KZ86125KZT5004100100", True),
                ("GE29NB0000000101904917", True), ("TR330006100519786457841326", True),
                ("gb82 west 1234 5698 7654 32", True), ("DE89-3704-0044-0532-0130-00", True),
                ("DE89370400440532013001", False), ("DE8937040044053201300", False),
                ("DE893704004405320130000", False), ("XX89370400440532013000", False),
                ("US64SVBKUS6S3300958879", False), ("", False), ("NO9386011117948", False),
                ("CH93 0076 2011 6238 5295 7 ", True), ("DE89.3704.0044.0532.0130.00", False)]:
    H(f"iban_valid {v!r}", "iban_valid", v, want)

for v, want in [("2200000000000004", "mir"), ("2204123412341234", "mir"), ("2205000000000000", None),
                ("340000000000009", "amex"), ("378282246310005", "amex"), ("6200000000000005", "unionpay"),
                ("6212345678901265", "unionpay"), ("4111111111111111", "visa"), ("4", "visa"),
                ("5105105105105100", "mastercard"), ("5555555555554444", "mastercard"),
                ("2221000000000009", "mastercard"), ("2720990000000000", "mastercard"), ("2721000000000000", None),
                ("5018000000000009", "maestro"), ("5600000000000000", "maestro"), ("6759649826438453", "maestro"),
                ("6011111111111117", "maestro"), ("6900000000000000", "maestro"), ("3530111333300000", None),
                ("30569309025904", None), ("1234567890123456", None), ("", None),
                ("2202 2012 3456 7890", "mir"), ("5123-8172-3406-0000", "mastercard"), ("7000000000000000", None)]:
    note = {"6011111111111117": "6011 (Discover) falls in maestro 56-69 by the contract's table",
            "2205000000000000": "2205 is neither Mir (2200-2204) nor Mastercard (2221-2720)",
            "4": "prefix rules only need the leading digits"}.get(v)
    H(f"card_brand {v!r}", "card_brand", v, want, note=note)

for v, want in [("5123817234060000", "512381******0000"), ("5123 8172 3406 0000", "512381******0000"),
                ("5123-8172-3406-0000", "512381******0000"), ("411111111111", "411111**1111"),
                ("6200000000000000000", "620000*********0000"), ("41111111111", {"error": {"code": "invalid_value",
                                                                                            "field": "value"}}),
                ("4111 1111 111", {"error": {"code": "invalid_value", "field": "value"}}),
                ("", {"error": {"code": "invalid_value", "field": "value"}})]:
    H(f"mask_pan {v!r}", "mask_pan", v, want)


# --------------------------------------------------------------------------------------------
# checks and output
# --------------------------------------------------------------------------------------------
def check_pattern_verdicts():
    """Cross-check every incomplete/invalid pattern verdict by searching for a concrete completion."""
    seen = set()
    for pat, v, viable in PATTERN_CHECKS:
        key = (pat.raw, v)
        if key in seen:
            continue
        seen.add(key)
        w = find_completion(pat, v)
        if viable:
            assert w is not None, f"no completion found for viable {v!r} against {pat.raw!r}"
        else:
            assert w is None, f"{v!r} + {w!r} matches {pat.raw!r} although judged invalid"


def coverage():
    codes = Counter()
    locales = Counter()
    msg_cases = 0
    for c in CASES:
        if c["op"] != "validate":
            continue
        res = c["expect"]["result"]
        for e in res["errors"]:
            codes[e["code"]] += 1
        if "locale" in c["args"]:
            locales[c["args"]["locale"]] += 1
            if res["errors"]:
                msg_cases += 1
    for code in ALL_CODES:
        assert codes[code] >= 2, (code, codes[code])
    for loc in ("en", "ru", "uk", "de"):
        assert locales[loc] >= 1, loc
    assert msg_cases >= 12
    ops = Counter(c["op"] for c in CASES)
    assert ops["luhn_valid"] >= 8 and ops["iban_valid"] >= 10 and ops["mask_pan"] >= 4
    assert ops["format_input"] >= 30 and ops["validator.fields"] >= 10 and ops["field_info"] >= len(KINDS)
    brands = {c["expect"]["result"] for c in CASES if c["op"] == "card_brand"}
    assert brands == {"mir", "amex", "unionpay", "visa", "mastercard", "maestro", None}, brands
    # every real pattern with a match and a mismatch
    for label, _, goods, bads in REAL:
        assert goods and bads, label
    return ops, codes


def main():
    assert len(CASES) >= 160, len(CASES)
    for c in CASES:
        walk_numbers(c["args"], c["name"], plain_floats=True)
    check_pattern_verdicts()
    ops, codes = coverage()
    about = ("payoutkit validation vectors (hand-written rules, Corefy /payout-prerequest fields, M4 "
             "account_info_config, exotic.company payout payloads, Luhn/IBAN/card-brand/mask helpers). "
             "Format and semantics: tests/vectors/VALIDATION.md and FORMAT.md. Generated by "
             "tests/vectors/gen_validation.py with an independent Python oracle (stdlib + the `regex` "
             "package for PCRE-like fullmatch/partial matching, `schwifty` to cross-check IBAN lengths); "
             "do not edit by hand, edit the generator and re-run it. Readings fixed by this corpus: an "
             "invalid_pattern or unsupported_pattern field fails closed for every value, including "
             "empty/absent ones (and is reported instead of \"required\"); a Luhn failure is incomplete only "
             "when the value is all digits and shorter than 19 (or max_length); validator.error "
             "invalid_rule names the offending spec key. \"message\" is present exactly in cases that pass "
             "a locale. source 'docs' = provider documentation sample, 'derived' = provider data from "
             "shared/specs/providers.md 3.7, 'own' = written for this corpus.")
    out = write_corpus("validation.json", about, CASES)

    # round trip: recompute every case from the parsed file
    PATTERN_CHECKS.clear()
    back = json.loads(out.read_text(encoding="utf-8"))
    for c in back["cases"]:
        got = run(c["op"], c["args"])
        if c["op"] == "validate" and "values" in c["expect"]["result"]:
            got["result"]["values"] = report_values(c["args"], list(c["expect"]["result"]["values"]))
        assert got == c["expect"], (c["name"], got, c["expect"])
    print(f"wrote {out} with {len(CASES)} cases")
    for op, n in ops.items():
        print(f"  op {op:18s} {n}")
    for code in ALL_CODES:
        print(f"  code {code:20s} {codes[code]}")


if __name__ == "__main__":
    main()
