// Chromium benchmark driver: serves the repository on 127.0.0.1, opens benches/bench.html in
// headless Chromium (playwright-core, Debian's browser) and writes target/bench/chromium.json.
// `--check` only proves payoutkit and the browser peers agree (make test).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { serve } from "../examples/checkout/serve.mjs";
import { launch } from "../bindings-wasm/test/chromium.mjs";

const checkOnly = process.argv.includes("--check");
// The checkout module validates from bundles the server makes: made here by the Node package,
// as a checkout's server would, for the same form rules the full build times.
const { Validator } = createRequire(import.meta.url)("../bindings-node/index.cjs");
const inputs = JSON.parse(readFileSync(new URL("./inputs.json", import.meta.url), "utf8"));
const bundles = { form: new Validator(inputs.form.rules).bundle(), empty: new Validator([]).bundle() };
const server = await serve(0);
const browser = await launch();
let result;
try {
  const page = await browser.newPage();
  await page.addInitScript((b) => { window.__bundles = b; }, bundles);
  await page.goto(`http://127.0.0.1:${server.address().port}/benches/bench.html${checkOnly ? "?check" : ""}`);
  await page.waitForFunction(() => window.__bench || null, null, { timeout: 600_000 });
  result = await page.evaluate(() => window.__bench);
} finally {
  await browser.close();
  server.close();
}
if (result.error) throw new Error(`browser benchmark: ${result.error}`);
const browserName = /HeadlessChrome\/[\d.]+/.exec(result.userAgent)?.[0] ?? result.userAgent;
if (checkOnly) {
  console.log(`chromium: payoutkit (WASM) and js-sha256/js-sha1, WebCrypto agree (${browserName})`);
} else {
  const runtime = `${browserName.replace("HeadlessChrome", "Chromium (headless)")} (WASM, pkg-web)`;
  for (const r of result.rows) {
    const ratio = r.peer_ns ? `x${(r.peer_ns / r.ours_ns).toFixed(2)}` : "";
    console.log(`${runtime} ${r.op.padEnd(28)} payoutkit ${r.ours_ns.toFixed(0).padStart(9)} ns   ${String(r.peer ?? "").padEnd(20)} ${String(r.peer_ns?.toFixed(0) ?? "").padStart(9)} ns ${ratio}`);
  }
  const dir = `${process.env.CARGO_TARGET_DIR ?? new URL("../target", import.meta.url).pathname}/bench`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/chromium.json`, JSON.stringify({ runtime, rows: result.rows }, null, 1));
}
