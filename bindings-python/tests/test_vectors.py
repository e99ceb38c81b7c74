"""The shared corpus (tests/vectors/*.json, format in FORMAT.md there) against the wheel."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import payoutkit
from payoutkit import Recipe, corefy, exotic, m4

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
CASES = [c for f in sorted(VECTORS.glob("*.json")) for c in json.loads(f.read_text("utf-8"))["cases"]]


def untag(v):
    """$bigint -> int, $decimal -> Decimal, $bytes_hex -> bytes."""
    if isinstance(v, list):
        return [untag(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            ((k, s),) = v.items()
            if k == "$repeat":
                return s[0] * s[1]
            if k == "$float":
                return float(s)  # "NaN", "Infinity", "-Infinity", "-0", "1e21"
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


OPS = {
    "m4.sign": lambda a: m4.sign(a["method"], a["params"], a["secret"]),
    "m4.string_to_sign": lambda a: m4.string_to_sign(a["method"], a["params"]),
    "m4.signed_fields": lambda a: m4.signed_fields(a["method"]),
    "m4.verify_callback": lambda a: m4.verify_callback(a["payload"], a["secret"]),
    "exotic.sign_payout": lambda a: exotic.sign_payout(a["params"], a["sign_key"]),
    "exotic.string_to_sign": lambda a: exotic.string_to_sign(a["params"]),
    "corefy.callback_signature": lambda a: corefy.callback_signature(a["body"], a["secret"]),
    "corefy.verify_callback": lambda a: corefy.verify_callback(a["body"], a["signature"], a["secret"]),
    "corefy.basic_auth": lambda a: corefy.basic_auth(a["account_id"], a["api_key"]),
    "recipe.sign": lambda a: Recipe(**a["recipe"]).sign(a["params"], a["secret"]),
    "recipe.verify": lambda a: Recipe(**a["recipe"]).verify(a["params"], a["secret"], a["signature"]),
    "recipe.string_to_sign": lambda a: Recipe(**a["recipe"]).string_to_sign(a["params"]),
}
def validator(src):
    if "rules" in src:
        return payoutkit.Validator(src["rules"])
    if "corefy_prerequest" in src:
        return payoutkit.Validator.from_corefy_prerequest(src["corefy_prerequest"], src["service"])
    if "m4_account_info_config" in src:
        return payoutkit.Validator.from_m4_account_info_config(src["m4_account_info_config"])
    return payoutkit.Validator.for_exotic(src["exotic"])


def report(r, want):
    """A report as the corpus pins it: message only where expected; values only the keys expected."""
    errors = [
        {"field": e.field, "code": e.code, "params": e.params, **({"message": e.message} if "message" in w else {})}
        for e, w in zip(r.errors, want.get("errors", []) + [{}] * len(r.errors))
    ]
    out = {"valid": r.valid, "potentially_valid": r.potentially_valid, "errors": errors}
    if "values" in want:
        out["values"] = {k: r.values.get(k) for k in want["values"]}
    return out


OPS.update(
    {
        "validate": lambda a: validator(a["validator"]).validate(a["values"], a.get("locale", "en"), a.get("partial", False)),
        "validator.error": lambda a: validator(a["validator"]) and "built",
        "luhn_valid": lambda a: payoutkit.luhn_valid(a["value"]),
        "iban_valid": lambda a: payoutkit.iban_valid(a["value"]),
        "card_brand": lambda a: payoutkit.card_brand(a["value"]),
        "mask_pan": lambda a: payoutkit.mask_pan(a["value"]),
        # Issue 14: fields and formatting (Validator.fields needs the _api.py method of the report).
        "format_input": lambda a: payoutkit.format_input(a["kind"], a["value"], a.get("caret")),
        "field_info": lambda a: payoutkit.field_info(a["kind"], a.get("locale")),
        "validator.fields": lambda a: validator(a["validator"]).fields(a.get("locale") or "en"),
    }
)
GATEWAYS = {"m4": payoutkit.M4, "exotic": payoutkit.Exotic, "corefy": payoutkit.Corefy}
PROVIDERS = {"m4": m4, "exotic": exotic, "corefy": corefy}


def outcome(o):
    return {"kind": o.kind, "status": o.status, "error_code": o.error_code, "http_status": o.http_status}


def request(a):
    gw = GATEWAYS[a["provider"]](*a["args"])
    fields = a["fields"]
    # Every endpoint of the core's table is a method (no fallback); unknown names go to request().
    known = [e["name"] for e in payoutkit.endpoints(a["provider"])]
    build = getattr(gw, a["endpoint"]) if a["endpoint"] in known else None
    if build is None:
        r = gw.request(a["endpoint"], fields) if not isinstance(fields, dict) else gw.request(a["endpoint"], **fields)
    elif isinstance(fields, dict):
        r = build(**fields)
    else:
        r = build() if fields is None else build(fields)
    return {"method": r.method, "url": r.url, "headers": r.headers, "body": r.body}


def project(action):
    if action.kind == "send":
        r = action.request
        return {"kind": "send", "method": r.method, "url": r.url, "body": r.body}
    if action.kind == "wait":
        return {"kind": "wait", "seconds": action.seconds}
    return {"kind": "done", "outcome": outcome(action.outcome)}


def flow(a):
    """Drive a flow through the events, resuming it from its saved state before each one."""
    gw = GATEWAYS[a["provider"]](*a["args"])
    Flow = PROVIDERS[a["provider"]].PayoutFlow
    f = Flow(gw, a["params"], **(a["options"] or {}))
    actions = []
    for i, ev in enumerate(a["events"]):
        if i:
            state = f.to_json()
            assert not any(isinstance(s, str) and len(s) >= 6 and ("key" in s or "secret" in s) and s in state for s in a["args"])
            f = Flow.from_json(gw, state)
        on, now = ev["on"], ev["now"]
        try:
            if on == "start":
                r = f.start(now)
            elif on == "response":
                r = f.on_response(ev["http_status"], ev["body"], now)
            elif on == "timeout":
                r = f.on_timeout(now)
            elif on == "wake":
                r = f.on_wake(now)
            elif on == "resume":
                r = f.resume(now)
            else:
                r = f.on_callback(ev["body"], now)
        except payoutkit.PayoutkitError as e:
            actions.append({"kind": "error", "code": e.code, "field": e.field})
            break
        actions.append(project(r))
    return {"actions": actions, "creates_sent": f.creates_sent}


OPS.update(
    {
        "request": request,
        "classify": lambda a: outcome(PROVIDERS[a["provider"]].classify(a["http_status"], a["body"])),
        "parse_callback": lambda a: PROVIDERS[a["provider"]].parse_callback(a["body"]),
        "flow": flow,
        "flow.new": lambda a: PROVIDERS[a["provider"]].PayoutFlow(flow_gateway(a), a["params"], **flow_options(a)) and "built",
        "flow.restore": lambda a: PROVIDERS[a["provider"]].PayoutFlow.from_json(flow_gateway(a), a["state"]) and "restored",
        "m4.parse_verified_callback": lambda a: m4.parse_verified_callback(a["payload"], a["secret"]),
        "inspect_value": lambda a: tag_big(payoutkit.inspect_value(a["value"])),
        "signer.sign": lambda a: (
            m4.signer(a["method"], a["secret"]) if a["kind"] == "m4"
            else exotic.signer(a["payment_method"], a["secret"]) if a["kind"] == "exotic"
            else Recipe(**a["recipe"]).signer(a["secret"])
        ).sign(a["params"]),
        "corefy.parse_verified_callback": lambda a: corefy.parse_verified_callback(a["body"], a["signature"], a["secret"]),
        "exotic.parse_verified_callback": lambda a: payoutkit.Exotic(*a["args"]).parse_verified_callback(a["body"]),
    }
)


def tag_big(v):
    """Integers beyond 2^53 as the corpus writes them ({"$bigint": ...}); the rest as is."""
    if isinstance(v, dict):
        return {k: tag_big(x) for k, x in v.items()}
    if isinstance(v, list):
        return [tag_big(x) for x in v]
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53 - 1:
        return {"$bigint": str(v)}
    return v


def flow_options(a):
    """Options as keyword arguments; a case whose options are not a mapping cannot be written
    in Python (``**options``), so it checks the JS runtimes only."""
    options = a.get("options") or {}
    if not isinstance(options, dict):
        pytest.skip("options that are not a mapping cannot be passed as **options in Python")
    return options


def flow_gateway(a):
    """The gateway a flow op is given: built from args, or (bad-input cases) the plain value in `gateway`."""
    return a["gateway"] if "gateway" in a else GATEWAYS[a["provider"]](*a["args"])


def test_every_endpoint_is_a_method():
    for provider, cls in GATEWAYS.items():
        for e in payoutkit.endpoints(provider):
            assert callable(getattr(cls, e["name"], None)), (cls.__name__, e["name"])
LINE_OP = {"m4.sign": "m4.string_to_sign", "exotic.sign_payout": "exotic.string_to_sign", "recipe.sign": "recipe.string_to_sign"}


def test_corpus_size():
    assert len(CASES) >= 45


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector(case):
    args, expect = untag(case["args"]), case["expect"]
    if "error" in expect:
        with pytest.raises(payoutkit.PayoutkitError) as info:
            OPS[case["op"]](args)
        assert {"code": info.value.code, "field": info.value.field} == expect["error"], str(info.value)
        shown = f"{info.value} {info.value!r}"
    else:
        result = OPS[case["op"]](args)
        if case["op"] == "validate":
            result = report(result, expect["result"])
        assert result == expect["result"]
        shown = repr(result)
    if "string_to_sign" in expect and case["op"] in LINE_OP:
        assert OPS[LINE_OP[case["op"]]](args) == expect["string_to_sign"]
    for k in ("secret", "sign_key", "api_key"):
        s = args.get(k)
        if isinstance(s, str) and len(s.strip()) >= 4 and case["op"] not in ("corefy.basic_auth", "request"):
            assert s.strip() not in shown, "secret shown"
