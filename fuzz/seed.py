"""Write the fuzz seed corpus (fuzz/corpus/<target>/) from the shared vectors.

Run with the payoutkit wheel installed (`.venv/bin/python fuzz/seed.py`): flow states are
taken from real flows driven by tests/vectors/requests.json."""

import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VECTORS = HERE.parent / "tests" / "vectors"
sys.path.insert(0, str(HERE.parent / "bindings-python" / "tests"))


def cases(name):
    return json.loads((VECTORS / name).read_text("utf-8"))["cases"]


def plain(v):
    """The vectors' tags as plain JSON (the fuzz targets read JSON)."""
    if isinstance(v, dict):
        if len(v) == 1 and next(iter(v)).startswith("$"):
            (tag, s), = v.items()
            return bytes.fromhex(s).decode("utf-8", "replace") if tag == "$bytes_hex" else s if isinstance(s, str) else str(s)
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def text(v):
    if isinstance(v, dict) and "$bytes_hex" in v:
        return bytes.fromhex(v["$bytes_hex"])
    return (v if isinstance(v, str) else json.dumps(plain(v), ensure_ascii=False)).encode()


seeds = {t: set() for t in ["sign", "callback", "pattern", "validate", "classify", "flow_restore"]}
for c in cases("signing.json") + cases("robustness.json"):
    a = c["args"]
    if "params" in a:
        seeds["sign"].add(text(a.get("recipe", {})) + b"\0" + text(a["params"]))
    for k in ("payload", "body"):
        if k in a:
            seeds["callback"].add(text(a[k]))
STATUS = [0, 200, 201, 202, 400, 401, 404, 409, 422, 429, 500, 502, 503, 504]
for c in cases("requests.json"):
    a = c["args"]
    if c["op"] == "classify" and isinstance(a["http_status"], int) and a["body"] is not None:
        s = STATUS.index(a["http_status"]) if a["http_status"] in STATUS else 1
        seeds["classify"].add(bytes([s]) + text(a["body"]))
    if c["op"] == "parse_callback":
        seeds["callback"].add(text(a["body"]))
for c in cases("validation.json"):
    a = c["args"]
    if c["op"] != "validate":
        continue
    src, values = a["validator"], plain(a.get("values", {}))
    if "rules" in src:
        seeds["validate"].add(text(src["rules"]) + b"\0" + text(values))
        for r in src["rules"]:
            if isinstance(r, dict) and isinstance(r.get("pattern"), str) and isinstance(values, dict):
                v = values.get(r.get("key"))
                seeds["pattern"].add(r["pattern"].encode() + b"\0" + (v if isinstance(v, str) else "").encode())
    elif "corefy_prerequest" in src or "m4_account_info_config" in src:
        seeds["validate"].add(text(src.get("corefy_prerequest", src.get("m4_account_info_config"))) + b"\0" + text(values))

# Flow states: drive the corpus's flows and keep every saved state.
import payoutkit  # noqa: E402
import test_vectors as tv  # noqa: E402

for c in cases("requests.json"):
    if c["op"] != "flow":
        continue
    a = tv.untag(c["args"])
    try:
        gw = tv.GATEWAYS[a["provider"]](*a["args"])
        f = payoutkit.PayoutFlow(gw, a["params"], **(a["options"] or {}))
    except payoutkit.PayoutkitError:
        continue
    for ev in a["events"]:
        seeds["flow_restore"].add(f.to_json().encode())
        try:
            on = ev["on"]
            if on == "start":
                f.start(ev["now"])
            elif on == "response":
                f.on_response(ev["http_status"], ev["body"], ev["now"])
            elif on == "timeout":
                f.on_timeout(ev["now"])
            elif on == "wake":
                f.on_wake(ev["now"])
            else:
                f.on_callback(ev["body"], ev["now"])
        except payoutkit.PayoutkitError:
            break
    seeds["flow_restore"].add(f.to_json().encode())

for target, items in seeds.items():
    out = HERE / "corpus" / target
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for item in items:
        if len(item) <= 4096:
            (out / hashlib.sha1(item).hexdigest()).write_bytes(item)
    print(f"{target}: {len(list(out.iterdir()))} seeds")
