// The checkout entry (bindings-wasm/checkout/pkg) against the full build, on the validation
// corpus, in Node and in headless Chromium: every validator of a `validate` case is turned
// into a bundle by the full build (the native core: core/examples/checkout_cases.rs), loaded
// into the checkout module, and must give the full build's report for the case's values, for
// every prefix of them (as typed), in three locales; the same for `fields`. The fields/format ops of the corpus run through the checkout module too. Also:
// the size budget, a bundle that needs the compiler, a broken bundle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { load, PayoutkitError } from "../pkg/checkout.mjs";
import { untag } from "../../../tests/js/cases.mjs";
import { check } from "./check.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const PKG = here("../pkg/");
const wasmBytes = readFileSync(`${PKG}payoutkit_checkout.wasm`);
export const BUDGET = 60 * 1024;

/** The full build's answers (core/examples/checkout_cases.rs: every corpus validator as a
 * bundle, its fields and its reports), written by `make -f checkout.mk checkout-test-data`. */
export function expectations() {
  const cases = JSON.parse(readFileSync(here("../../../target/checkout-cases.json"), "utf8"));
  for (const c of cases) for (const r of c.runs) r.values = untag(r.values);
  return cases;
}

const cases = expectations();

/** One validator's bundle from the full build (the native core). */
function bundleOf(src) {
  const bin = here("../../../target/release/examples/checkout_cases");
  return execFileSync(bin, ["bundle", JSON.stringify(src)], { encoding: "utf8" }).trim();
}

test("the checkout module is within its size budget (wasm + js, gzip -9)", () => {
  const wasm = gzipSync(wasmBytes, { level: 9 }).length;
  const js = gzipSync(readFileSync(`${PKG}checkout.mjs`), { level: 9 }).length;
  assert.ok(wasm + js <= BUDGET, `${wasm} + ${js} > ${BUDGET}`);
});

test("Node: the corpus through the checkout module gives the full build's reports and fields", async (t) => {
  const checkout = await load(wasmBytes);
  const r = check(checkout, cases);
  t.diagnostic(`${r.validators} validators as bundles, ${r.runs} reports, ${r.failed} differences`);
  assert.deepEqual(r.failures, []);
  assert.ok(r.validators > 400 && r.runs > 5000, JSON.stringify(r));
});

test("Node: the corpus's format_input, field_info and card_brand cases through the checkout module", async () => {
  const checkout = await load(wasmBytes);
  const corpus = JSON.parse(readFileSync(here("../../../tests/vectors/validation.json"), "utf8")).cases;
  let n = 0;
  for (const c of corpus) {
    const a = c.args;
    const run = {
      format_input: () => checkout.format(a.kind, a.value, a.caret),
      field_info: () => checkout.fieldInfo(a.kind, a.locale),
      card_brand: () => checkout.cardBrand(a.value),
    }[c.op];
    if (!run) continue;
    n++;
    if ("error" in c.expect) {
      assert.throws(run, (e) => e instanceof PayoutkitError && e.code === c.expect.error.code && e.field === c.expect.error.field, c.name);
    } else {
      assert.deepEqual(run(), c.expect.result, c.name);
    }
  }
  assert.ok(n >= 90, `${n}`);
});

test("a pattern too big for a bundle: the module says it needs the full build, and fails closed", async () => {
  const checkout = await load(wasmBytes);
  const src = { rules: [{ key: "name", required: true, pattern: "^\\p{Lu}\\p{L}{1,50} \\p{L}{1,50}$" }] };
  const v = checkout.validator(bundleOf(src));
  assert.equal(v.needsCompiler, true);
  const r = v.validate({ name: "Иван Петров" });
  assert.deepEqual([r.valid, r.errors[0].code], [false, "unsupported_pattern"]);
});

test("a broken bundle and bad arguments are PayoutkitErrors", async () => {
  const checkout = await load(wasmBytes);
  const bundle = bundleOf({ exotic: "card" });
  const bytes = Uint8Array.from(atob(bundle), (c) => c.charCodeAt(0));
  for (const bad of [bytes.subarray(0, bytes.length - 1), new Uint8Array([1, 2, 3]), "bm90IGEgYnVuZGxl"]) {
    assert.throws(() => checkout.validator(bad), (e) => e.code === "invalid_value" && e.field === "bundle");
  }
  const v = checkout.validator(bytes);
  for (const values of [null, "x", [1], new Uint8Array(2)]) {
    assert.throws(() => v.validate(values), (e) => e.code === "invalid_argument" && e.field === "values");
  }
  assert.throws(() => v.validate({}, 5), (e) => e.field === "locale");
  assert.throws(() => checkout.format("passport", "1"), (e) => e.code === "invalid_value" && e.field === "kind");
  // Values without text are unsupported_value, as in the core; numbers are read as the core reads them.
  const r = v.validate({ number_card: true, fiat_amount: 1e-7, order_id: 10n ** 30n }, "en", false);
  assert.deepEqual(r.errors.find((e) => e.field === "number_card").code, "unsupported_value");
  assert.equal(r.values.order_id, "1000000000000000000000000000000");
});

test("Chromium: the corpus through the checkout module in a page", async (t) => {
  const { serve } = await import("../../../examples/checkout/serve.mjs");
  const { launch } = await import("../../test/chromium.mjs");
  // Values as the corpus tags them (BigInts, bytes, NaN and -0 have no JSON of their own).
  const tag = (_k, v) =>
    typeof v === "bigint" ? { $bigint: String(v) }
      : v instanceof Uint8Array ? { $bytes_hex: [...v].map((b) => b.toString(16).padStart(2, "0")).join("") }
        : typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0)) ? { $float: Object.is(v, -0) ? "-0" : String(v) } : v;
  const body = JSON.stringify(cases, tag);
  const server = await serve(0, { "/__checkout_cases.json": () => body });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/bindings-wasm/checkout/test/page.html`);
    const r = await page.evaluate(async () => {
      const { load } = await import("/bindings-wasm/checkout/pkg/checkout.mjs");
      const { check } = await import("/bindings-wasm/checkout/test/check.mjs");
      const { untag } = await import("/tests/js/cases.mjs");
      const cases = await (await fetch("/__checkout_cases.json")).json();
      // Values travel as JSON: BigInts and other tags come back through the corpus tags.
      for (const c of cases) for (const r of c.runs) r.values = untag(r.values);
      return check(await load(), cases);
    });
    t.diagnostic(`${r.validators} validators as bundles, ${r.runs} reports, ${r.failed} differences`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.runs > 5000);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
