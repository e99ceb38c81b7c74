"""Python benchmark: the wheel against the hashlib / re peer (benches/peers/peer.py), side
by side in one run. `--check` only proves the two agree (make test); without it, writes
target/bench/python.json for benches/report.py. A benchmark, not a test: no timing asserts."""

import json
import os
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here / "peers"))
sys.path.insert(0, str(here))

import peer  # noqa: E402
from timing import compare  # noqa: E402

import payoutkit  # noqa: E402
from payoutkit import corefy, exotic, m4  # noqa: E402

inputs = json.loads((here / "inputs.json").read_text("utf-8"))
M4, EX, CF, FORM = inputs["m4_sign"], inputs["exotic_payout"], inputs["corefy_callback"], inputs["form"]
body = CF["body"].encode()
validator = payoutkit.Validator(FORM["rules"])


def verdict(report):
    return {e.field: e.code for e in report.errors}


def check():
    """Same signatures and the same verdicts, or no numbers at all."""
    assert m4.sign(M4["method"], M4["params"], M4["secret"]) == peer.m4_sign(M4["method"], M4["params"], M4["secret"])
    assert exotic.sign_payout(EX["params"], EX["sign_key"]) == peer.exotic_sign_payout(EX["params"], EX["sign_key"])
    signature = peer.corefy_callback_signature(body, CF["secret"])
    assert corefy.callback_signature(body, CF["secret"]) == signature
    assert corefy.verify_callback(body, signature, CF["secret"]) and peer.corefy_verify_callback(body, signature, CF["secret"])
    assert not corefy.verify_callback(body, signature[:-2] + "A=", CF["secret"])
    assert not peer.corefy_verify_callback(body, signature[:-2] + "A=", CF["secret"])
    assert validator.validate(FORM["values"]).valid and peer.validate_form(FORM["values"]) == {}
    ours, theirs = verdict(validator.validate(FORM["invalid_values"])), peer.validate_form(FORM["invalid_values"])
    assert ours.keys() == theirs.keys() == FORM["invalid_values"].keys(), (ours, theirs)
    return signature


def import_time_us(statement, names):
    """Cumulative import time (µs, `-X importtime`) of the top-level `names`, median of 15."""
    runs = []
    for _ in range(15):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True, check=True).stderr
        total = 0
        for line in err.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            _, cumulative, name = line[len("import time:"):].split("|")
            if not name.startswith("  ") and name.strip() in names:
                total += int(cumulative)
        runs.append(total)
    return sorted(runs)[len(runs) // 2]


def main():
    signature = check()
    print("python: payoutkit and the peer agree (m4, exotic, corefy, form verdicts)")
    if "--check" in sys.argv:
        return
    p, s = M4["params"], M4["secret"]
    signer = m4.signer("withdraw/create", s)
    assert signer.sign(p) == m4.sign("withdraw/create", p, s)
    rows = [
        compare("m4.sign", lambda: m4.sign("withdraw/create", p, s), "hashlib", lambda: peer.m4_sign("withdraw/create", p, s)),
        compare("m4 signer.sign", lambda: signer.sign(p), "hashlib", lambda: peer.m4_sign("withdraw/create", p, s)),
        compare("exotic.sign_payout", lambda: exotic.sign_payout(EX["params"], EX["sign_key"]),
                "hashlib", lambda: peer.exotic_sign_payout(EX["params"], EX["sign_key"])),
        compare("corefy.verify_callback", lambda: corefy.verify_callback(body, signature, CF["secret"]),
                "hashlib + hmac.compare_digest", lambda: peer.corefy_verify_callback(body, signature, CF["secret"])),
        compare("validate (6-field form)", lambda: validator.validate(FORM["values"]),
                "re + Luhn loop + Decimal", lambda: peer.validate_form(FORM["values"])),
    ]
    ours = import_time_us("import payoutkit", {"payoutkit"})
    theirs = import_time_us("import hashlib, hmac, base64, re, decimal", {"hashlib", "hmac", "base64", "re", "decimal"})
    rows.append({"op": "import", "ours_ns": ours * 1000, "peer": "import hashlib, hmac, base64, re, decimal", "peer_ns": theirs * 1000})
    for r in rows:
        print(f"python {r['op']:<26} payoutkit {r['ours_ns']:>10.0f} ns   {r['peer']:<40} {r['peer_ns']:>10.0f} ns   x{r['peer_ns'] / r['ours_ns']:.2f}")
    out = here.parent / os.environ.get("CARGO_TARGET_DIR", "target") / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "python.json").write_text(json.dumps({"runtime": "Python " + sys.version.split()[0] + " (abi3 wheel)", "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
