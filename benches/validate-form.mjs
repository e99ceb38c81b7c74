// `make bench-validate`: whole-form validation, µs per form, in headless Chromium (the
// browser package) and in Node (the addon and the WASM package). A benchmark, not a test:
// compare the numbers of one run, never assert on time.
import { createRequire } from "node:module";
import { serve } from "../examples/checkout/serve.mjs";
import { launch } from "../bindings-wasm/test/chromium.mjs";
import { FORM_RULES, FORM_VALUES, measure } from "./form.mjs";

const require = createRequire(import.meta.url);
const fmt = (r) => `${r.us_per_form.toFixed(2)} µs/form (min ${r.min.toFixed(2)}, max ${r.max.toFixed(2)}, ${r.batch}/batch)`;

const server = await serve(0);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/benches/form.html`);
  await page.waitForFunction(() => window.__bench || null, null, { timeout: 120_000 });
  console.log(`chromium wasm (pkg-web): ${fmt(await page.evaluate(() => window.__bench))}`);
} finally {
  await browser.close();
  server.close();
}
for (const [label, path] of [["node wasm (pkg-node)", "../bindings-wasm/pkg-node/payoutkit_wasm.js"], ["node addon", "../bindings-node"]]) {
  const { Validator } = require(path);
  console.log(`${label}: ${fmt(measure(new Validator(FORM_RULES), FORM_VALUES))}`);
}
