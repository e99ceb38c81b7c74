// The checkout module against the full build's answers (tests/checkout.test.mjs): shared by
// Node and the Chromium page, so no Node imports here.

/** Run the expectations through a loaded checkout module (shared with the Chromium page). */
export function check(checkout, cases) {
  const failures = [];
  let runs = 0;
  for (const c of cases) {
    const v = checkout.validator(c.bundle);
    for (const [l, json] of Object.entries(c.fields)) {
      if (JSON.stringify(v.fields(l)) !== JSON.stringify(JSON.parse(json))) failures.push(`${c.name}: fields(${l})`);
    }
    for (const r of c.runs) {
      let got;
      try {
        got = JSON.stringify(v.validate(r.values, r.locale, r.partial));
      } catch (e) {
        got = JSON.stringify({ error: { code: e.code, field: e.field } });
      }
      runs++;
      if (got !== r.want) failures.push(`${c.name} (${r.locale}, partial ${r.partial}): ${got} != ${r.want}`);
    }
    v.free();
  }
  return { validators: cases.length, runs, failures: failures.slice(0, 20), failed: failures.length };
}
