"""``payoutkit``: a command line for the people who debug integrations.

    payoutkit sign m4 withdraw/create params.json --secret-env M4_SECRET
    payoutkit verify corefy-callback body.json --signature 'Q3Ux…' --secret-env COREFY_SECRET
    payoutkit explain request.txt                 # what got signed, and how
    payoutkit sim m4 exotic corefy --port 0       # the provider simulator

Every signature is computed by the core, and every pasted request is read by it
(``payoutkit.explain``: which M4 method a path is, which header or field carries a
signature): this module holds no provider rule. Secrets are read from the environment, a file or
a prompt (never from the command line, where ``ps`` would show them) and never printed;
card numbers are masked in everything printed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any, Dict, Optional, Sequence, Tuple

from . import _native, corefy as _corefy, exotic as _exotic, m4 as _m4
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


def _recipe_spec(spec: Optional[str]) -> Dict[str, Any]:
    if not spec:
        raise _Usage("give --recipe (a JSON recipe spec, or a file holding one)")
    return _params(_read(spec))


def _recipe(spec: Optional[str]) -> Recipe:
    return Recipe(**_recipe_spec(spec))


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
    elif kind == "recipe":
        body = _params(_read(args.source))
        recipe = _recipe(args.recipe)
        ok = _safe(lambda: recipe.verify(body, _secret(args) or "", str(args.signature or "")))
    else:
        # The signature inside the body (M4 and exotic `sign`, exotic callbacks'
        # `standart_sign`): where it is, and what is signed, is the core's to say (explain).
        text = _read(args.source)
        _params(text)
        if kind == "m4":
            _method_and_source(args)
        options: Dict[str, Any] = {"kind": kind, "method": args.method, "signature": args.signature}
        if kind == "exotic-callback":
            options["recipe"] = _recipe_spec(args.recipe)
        options["secret"] = _secret(args) or ""
        ok = _safe(lambda: _native.call("explain", text, options)["match"])
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


def _explain(args: argparse.Namespace) -> int:
    """The core reads the pasted text (payoutkit.explain): what it is, which fields went in,
    the string to sign; this prints its report."""
    text = _read(args.source)
    options: Dict[str, Any] = {"kind": args.kind, "method": args.method, "secret": _secret(args, required=False)}
    if args.recipe:
        options["recipe"] = _recipe_spec(args.recipe)
    try:
        report = _native.call("explain", text, options)
    except PayoutkitError as e:
        if e.code == "invalid_argument":
            raise _Usage(str(e)) from None
        raise
    for line in report["lines"]:
        _out(line)
    return 0 if report["ok"] else 1


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
