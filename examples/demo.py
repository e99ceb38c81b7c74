"""`make demo`, Python part: the providers' documented examples through the wheel."""

import json
from pathlib import Path

from payoutkit import Recipe, corefy, exotic, m4

corpus = json.loads((Path(__file__).parents[1] / "tests/vectors/signing.json").read_text("utf-8"))
for case in corpus["cases"]:
    if case.get("source") not in ("docs", "derived"):
        continue
    a = case["args"]
    if case["op"] == "m4.sign":
        recipe, data, sig = Recipe.m4(a["method"]), a["params"], m4.sign(a["method"], a["params"], a["secret"])
    elif case["op"] == "exotic.sign_payout":
        recipe = Recipe.exotic_payout(a["params"]["payment_method"])
        data, sig = a["params"], exotic.sign_payout(a["params"], a["sign_key"])
    elif case["op"] == "corefy.callback_signature" and isinstance(a["body"], str):
        recipe, data, sig = Recipe.corefy_callback(), a["body"], corefy.callback_signature(a["body"], a["secret"])
    else:
        continue
    print(f"python | {case['name']:<45} | {recipe.redacted_string_to_sign(data)} | {sig}")
