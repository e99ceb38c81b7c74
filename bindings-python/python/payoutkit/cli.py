"""``payoutkit``: a command line for the people who debug integrations.

    payoutkit sign m4 withdraw/create params.json --secret-env M4_SECRET
    payoutkit verify corefy-callback body.json --signature 'Q3Ux…' --secret-env COREFY_SECRET
    payoutkit explain request.txt                 # what got signed, and how
    payoutkit sim m4 exotic corefy --port 0       # the provider simulator

Every signature is computed by the core; secrets are read from the environment, a file or
a prompt (never from the command line, where ``ps`` would show them) and never printed;
card numbers are masked in everything printed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from . import corefy as _corefy, exotic as _exotic, m4 as _m4
from ._api import Recipe

from ._errors import PayoutkitError
from ._redact import redact_text

__all__ = ["main"]

EPILOG = """examples:
  # sign an M4 request body (JSON from a file, '-' for stdin, or inline)
  payoutkit sign m4 withdraw/create params.json --secret-env M4_SECRET
  # the create_pay_out signature of exotic.company
  payoutkit sign exotic '{"order_id": "order123", "payment_method": "sbp", "fiat_amount": "1500.00",
      "phone_number": "79161234567", "fiat_currency": "rub"}' --secret-env EXOTIC_SIGN_KEY
  # Corefy's X-Signature for a callback body
  payoutkit sign corefy-callback body.json --secret-file ~/.corefy-private-key
  # any scheme, as a recipe
  payoutkit sign recipe params.json --recipe '{"fields": ["order_id", "status"], "secret": "append_with_separator"}' --secret-env KEY

  # verify a callback (exit status 0 when authentic, 1 when not)
  payoutkit verify m4-callback body.json --secret-env M4_SECRET
  payoutkit verify corefy-callback body.json --signature 'Q3UxmhaWwdRK9cUZ/yhNQWFNA+8=' --secret-env COREFY_SECRET
  payoutkit verify m4 withdraw/create request-body.json --secret-env M4_SECRET   # its "sign" field

  # explain a pasted request or callback: which fields went in, the string to sign (secret as ***)
  payoutkit explain request.txt          # 'POST /gateway/v1/withdraw/create HTTP/1.1', headers, body
  pbpaste | payoutkit explain - --secret-env M4_SECRET   # also says whether its signature matches

  # the provider simulator (see: payoutkit sim --help)
  payoutkit sim m4 exotic corefy --port 0

Secrets come from --secret-env NAME, --secret-file PATH or a prompt; never from the command
line. Card numbers are masked in everything printed.
"""

KINDS_SIGN = ("m4", "exotic", "m4-callback", "corefy-callback", "recipe")
KINDS_VERIFY = ("m4", "exotic", "m4-callback", "corefy-callback", "exotic-callback", "recipe")


class _Usage(Exception):
    pass


def _read(arg: Optional[str]) -> str:
    """Inline JSON text, '-' (stdin), '@file' or a file name."""
    if arg is None or arg == "-":
        return sys.stdin.read()
    if arg.startswith("@"):
        arg = arg[1:]
    elif arg.lstrip().startswith(("{", "[")):
        return arg
    with open(os.path.expanduser(arg), encoding="utf-8") as f:
        return f.read()


def _params(text: str) -> Dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as e:
        raise _Usage(f"not JSON: {e}") from None
    if not isinstance(value, dict):
        raise _Usage("expected a JSON object")
    return value


def _secret(args: argparse.Namespace, required: bool = True) -> Optional[str]:
    if getattr(args, "secret_env", None):
        value = os.environ.get(args.secret_env)
        if value is None:
            raise _Usage(f"${args.secret_env} is not set")
        return value
    if getattr(args, "secret_file", None):
        with open(os.path.expanduser(args.secret_file), encoding="utf-8") as f:
            return f.read().strip()
    if not required:
        return None
    if sys.stdin.isatty():
        return getpass.getpass("secret (not echoed): ")
    raise _Usage("give the secret with --secret-env NAME or --secret-file PATH")


def _recipe(spec: Optional[str]) -> Recipe:
    if not spec:
        raise _Usage("give --recipe (a JSON recipe spec, or a file holding one)")
    return Recipe(**_params(_read(spec)))


def _out(line: str) -> None:
    print(redact_text(line))


# --------------------------------------------------------------------------- sign / verify


def _sign(args: argparse.Namespace) -> int:
    kind = args.kind
    if kind == "m4":
        method, source = _method_and_source(args)
        _out(_m4.sign(method, _params(_read(source)), _secret(args) or ""))
    elif kind == "exotic":
        _out(_exotic.sign_payout(_params(_read(args.source)), _secret(args) or ""))
    elif kind == "m4-callback":
        _out(Recipe.m4_callback().sign(_params(_read(args.source)), _secret(args) or ""))
    elif kind == "corefy-callback":
        _out(_corefy.callback_signature(_read(args.source).encode("utf-8"), _secret(args) or ""))
    else:
        _out(_recipe(args.recipe).sign(_params(_read(args.source)), _secret(args) or ""))
    return 0


def _method_and_source(args: argparse.Namespace) -> Tuple[str, Optional[str]]:
    if not args.method:
        raise _Usage(f"give the M4 method, one of: {', '.join(_m4.METHODS)}")
    return args.method, args.source


def _verify(args: argparse.Namespace) -> int:
    kind = args.kind
    if kind == "corefy-callback":
        if not args.signature:
            raise _Usage("give --signature (the X-Signature header)")
        ok = _safe(lambda: _corefy.verify_callback(_read(args.source).encode("utf-8"), args.signature, _secret(args) or ""))
    elif kind == "m4-callback":
        ok = _safe(lambda: _m4.verify_callback(_read(args.source), _secret(args) or ""))
    elif kind == "exotic-callback":
        fields = _params(_read(args.source))
        signature = str(fields.pop("standart_sign", "") or args.signature or "")
        recipe = _recipe(args.recipe)
        ok = _safe(lambda: recipe.verify(fields, _secret(args) or "", signature))
    else:
        if kind == "m4":
            method, source = _method_and_source(args)
            body = _params(_read(source))
            signature = str(body.get("sign") or args.signature or "")
            ok = _safe(lambda: Recipe.m4(method).verify(body, _secret(args) or "", signature))
        elif kind == "exotic":
            body = _params(_read(args.source))
            signature = str(body.get("sign") or args.signature or "")
            ok = _safe(lambda: _exotic.sign_payout(body, _secret(args) or "") == signature)
        else:
            body = _params(_read(args.source))
            ok = _safe(lambda: _recipe(args.recipe).verify(body, _secret(args) or "", str(args.signature or "")))
    print("authentic" if ok else "NOT authentic")
    return 0 if ok else 1


def _safe(check: Any) -> bool:
    """A verifier that raises (malformed input) says "not authentic"."""
    try:
        return check() is True
    except _Usage:
        raise
    except (PayoutkitError, ValueError, TypeError):
        return False


# --------------------------------------------------------------------------- explain


def _split_http(text: str) -> Tuple[Optional[str], Optional[str], Dict[str, str], str]:
    """(method, path or URL, headers, body) from a pasted request; a bare body too."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return None, None, {}, stripped
    head, sep, body = stripped.replace("\r\n", "\n").partition("\n\n")
    lines = head.split("\n")
    first = lines[0].split()
    method = path = None
    if len(first) >= 2 and first[0].isupper():
        method, path = first[0], first[1]
        lines = lines[1:]
    headers: Dict[str, str] = {}
    for line in lines:
        name, colon, value = line.partition(":")
        if colon and name.strip():
            headers[name.strip()] = value.strip()
        elif line.strip().startswith(("{", "[")):  # no blank line before the body
            body = "\n".join(lines[lines.index(line):]) + (sep + body if sep else "")
            break
    return method, path, headers, body.strip()


def _header(headers: Mapping[str, str], name: str) -> Optional[str]:
    return next((v for k, v in headers.items() if k.lower() == name.lower()), None)


def _m4_method(path: Optional[str], forced: Optional[str]) -> Optional[str]:
    if forced:
        return forced
    if path:
        clean = path.split("?", 1)[0].rstrip("/")
        for m in sorted(_m4.METHODS, key=len, reverse=True):
            if clean.endswith("/" + m) or clean == m:
                return m
    return None


def _explain_recipe(recipe: Recipe, params: Any, secret: Optional[str], signature: Optional[str], title: str) -> int:
    spec = recipe.spec()
    fields = spec.get("fields")
    _out(f"what: {title}")
    _out(f"recipe: {json.dumps(spec)}")
    if isinstance(fields, list):
        names = sorted(fields) if spec.get("sort") else list(fields)
        present = [f for f in names if isinstance(params, dict) and params.get(f) not in (None, "")]
        missing = [f for f in names if f not in present]
        _out(f"signed fields, in order: {', '.join(names)}")
        if missing:
            _out(f"  missing: {', '.join(missing)}")
        if isinstance(params, dict):
            extra = [k for k in params if k not in names and k not in ("sign", "standart_sign")]
            if extra:
                _out(f"sent but not signed: {', '.join(extra)}")
    elif fields == "all_non_empty":
        exclude = set(spec.get("exclude") or [])
        went = sorted(k for k, v in params.items() if v not in (None, "") and k not in exclude) if isinstance(params, dict) else []
        _out(f"signed fields: every field that is not null or empty, sorted, except {', '.join(sorted(exclude)) or 'none'}: {', '.join(went)}")
    else:
        _out("signed: the raw body, byte for byte, as received")
    try:
        line = recipe.redacted_string_to_sign(params)
    except PayoutkitError as e:
        _out(f"string to sign: cannot be built: {e.code} {e.field or ''}: {e}")
        return 1
    _out(f"string to sign (secret as ***): {line}")
    if signature:
        _out(f"signature sent: {signature}")
    if secret is not None:
        computed = recipe.sign(params, secret)
        _out(f"signature computed with your secret: {computed}")
        if signature:
            ok = _safe(lambda: recipe.verify(params, secret, signature))
            _out("match: yes" if ok else "match: NO")
            return 0 if ok else 1
    return 0


def _explain(args: argparse.Namespace) -> int:
    method, path, headers, body = _split_http(_read(args.source))
    secret = _secret(args, required=False)
    kind = args.kind
    auth = _header(headers, "Authorization")
    x_signature = _header(headers, "X-Signature")
    params: Any = None
    if body:
        try:
            params = json.loads(body)
        except ValueError:
            params = None
    if method:
        _out(f"request: {method} {path}")
    if kind is None:
        if x_signature is not None or (isinstance(params, dict) and isinstance(params.get("data"), dict) and not auth and method is None):
            kind = "corefy-callback"
        elif isinstance(params, dict) and "standart_sign" in params:
            kind = "exotic-callback"
        elif isinstance(params, dict) and "order_id" in params and "payment_method" in params:
            kind = "exotic"
        elif _m4_method(path, args.method) or (isinstance(params, dict) and "shop_id" in params and "sign" in params and not any(
            k in params for k in ("shop_order_id", "shop_refund_id", "status"))):
            kind = "m4"
        elif isinstance(params, dict) and "sign" in params:
            kind = "m4-callback"
        elif auth:
            kind = "corefy"
        else:
            raise _Usage("cannot tell what this is: give --kind (m4, exotic, m4-callback, corefy-callback, exotic-callback, corefy)")
    if kind == "corefy":
        _out("what: a Corefy private API request: no body signature; HTTP Basic auth")
        if auth and auth.startswith("Basic "):
            import base64

            try:
                user = base64.b64decode(auth[6:]).decode("utf-8").split(":", 1)[0]
                _out(f"Authorization: Basic, account id {user!r}, API key *** (not shown)")
            except (ValueError, UnicodeDecodeError):
                _out("Authorization: Basic, but not base64 of account_id:api_key")
        else:
            _out("Authorization: missing (the private API needs Basic account_id:api_key)")
        return 0
    if kind == "corefy-callback":
        raw = body.encode("utf-8")
        code = _explain_recipe(Recipe.corefy_callback(), raw, secret, x_signature,
                               "a Corefy callback: X-Signature = base64(sha1(secret + raw body + secret))")
        if body != body.strip() or "\r" in body:
            _out("note: the raw body is signed byte for byte: a pasted body may have lost or gained white space")
        return code
    if not isinstance(params, dict):
        raise _Usage("the body is not a JSON object")
    if kind == "m4":
        m = _m4_method(path, args.method)
        if m is None:
            raise _Usage(f"which M4 method? give --method (one of: {', '.join(_m4.METHODS)})")
        return _explain_recipe(Recipe.m4(m), params, secret, params.get("sign"), f"an M4 request, method {m}")
    if kind == "m4-callback":
        return _explain_recipe(Recipe.m4_callback(), params, secret, params.get("sign"), "an M4 callback (invoice or refund)")
    if kind == "exotic":
        pm = str(params.get("payment_method"))
        try:
            recipe = Recipe.exotic_payout(pm)
        except PayoutkitError as e:
            raise _Usage(f"payment_method {pm!r}: {e}") from None
        return _explain_recipe(recipe, params, secret, params.get("sign"), f"an exotic create_pay_out ({pm})")
    # exotic-callback
    fields = {k: v for k, v in params.items() if k != "standart_sign"}
    if not args.recipe:
        _out("what: an exotic callback; its standart_sign is undocumented: give --recipe to explain it")
        _out(f"standart_sign sent: {params.get('standart_sign')}")
        return 0
    return _explain_recipe(_recipe(args.recipe), fields, secret, params.get("standart_sign"), "an exotic callback (standart_sign, as your recipe says)")


# --------------------------------------------------------------------------- main


def _add_secret(p: argparse.ArgumentParser) -> None:
    p.add_argument("--secret-env", metavar="NAME", help="read the secret from this environment variable")
    p.add_argument("--secret-file", metavar="PATH", help="read the secret from this file")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="payoutkit", description="Sign, verify and explain payout requests and callbacks; run the provider simulator.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = top.add_subparsers(dest="command", metavar="{sign,verify,explain,sim}")
    fmt = argparse.RawDescriptionHelpFormatter

    s = sub.add_parser("sign", help="print a signature", epilog=EPILOG, formatter_class=fmt,
                       description="Print the signature of a request body or callback (computed by the core).")
    s.add_argument("kind", choices=KINDS_SIGN)
    s.add_argument("method", nargs="?", help="the M4 method (m4 only), e.g. withdraw/create")
    s.add_argument("source", nargs="?", help="JSON text, a file, @file or - (stdin; the default)")
    s.add_argument("--recipe", help="a recipe spec (JSON text or a file), for 'recipe'")
    _add_secret(s)

    v = sub.add_parser("verify", help="check a signature (exit status 0 when authentic)", epilog=EPILOG, formatter_class=fmt,
                       description="Check a callback's or a request's signature with the core; exit status 0 when authentic, 1 when not.")
    v.add_argument("kind", choices=KINDS_VERIFY)
    v.add_argument("method", nargs="?", help="the M4 method (m4 only)")
    v.add_argument("source", nargs="?", help="JSON text, a file, @file or - (stdin; the default)")
    v.add_argument("--signature", help="the signature (Corefy: the X-Signature header; others: else taken from the body)")
    v.add_argument("--recipe", help="a recipe spec (JSON text or a file), for 'recipe' and 'exotic-callback'")
    _add_secret(v)

    e = sub.add_parser("explain", help="show what got signed and how", epilog=EPILOG, formatter_class=fmt,
                       description="For a pasted request (request line, headers, blank line, body) or callback: which fields "
                                   "went into the signature, the string to sign with the secret as ***, and, given the secret, "
                                   "whether the signature matches. Card numbers are masked.")
    e.add_argument("source", nargs="?", help="a file, or - (stdin; the default)")
    e.add_argument("--kind", choices=("m4", "exotic", "m4-callback", "corefy-callback", "exotic-callback", "corefy"), help="what it is (default: guessed)")
    e.add_argument("--method", help="the M4 method when the path does not say")
    e.add_argument("--recipe", help="exotic callbacks: the standart_sign recipe spec")
    _add_secret(e)

    sub.add_parser("sim", help="run the provider simulator (payoutkit sim --help)", add_help=False)
    return top


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["sim"]:
        from .testing import sim

        return sim.main(argv[1:], prog="payoutkit sim")
    p = parser()
    args = p.parse_args(argv)
    if args.command is None:
        p.print_help()
        return 2
    if args.command in ("sign", "verify") and args.kind != "m4" and args.method is not None and args.source is None:
        args.source, args.method = args.method, None  # only M4 takes a method
    try:
        return {"sign": _sign, "verify": _verify, "explain": _explain}[args.command](args)
    except _Usage as e:
        print(f"payoutkit {args.command}: {e}", file=sys.stderr)
        return 2
    except PayoutkitError as e:
        print(f"payoutkit {args.command}: {e.code} {e.field or ''}: {redact_text(str(e))}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"payoutkit {args.command}: {e.strerror or type(e).__name__}: {e.filename or ''}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
