"""Whole-form validation through the wheel, µs per form (benchmark, not a test)."""

import json
import statistics
import subprocess
import time
from pathlib import Path

import payoutkit

# The form lives in benches/form.mjs (one definition for every runtime); read it through Node.
here = Path(__file__).parent
form = json.loads(
    subprocess.check_output(
        ["node", "--input-type=module", "-e",
         f"import {{FORM_RULES, FORM_VALUES}} from '{(here / 'form.mjs').as_posix()}';"
         "console.log(JSON.stringify([FORM_RULES, FORM_VALUES]))"]
    )
)
validator, values = payoutkit.Validator(form[0]), form[1]
assert validator.validate(values).valid
batch, runs = 5000, []
for _ in range(batch):
    validator.validate(values, "en", True)
for _ in range(7):
    t0 = time.perf_counter()
    for _ in range(batch):
        validator.validate(values, "en", True)
    runs.append((time.perf_counter() - t0) * 1e6 / batch)
print(f"python wheel: {statistics.median(runs):.2f} µs/form (min {min(runs):.2f}, max {max(runs):.2f}, {batch}/batch)")
