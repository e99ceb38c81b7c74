// The `web` package in real headless Chromium: a page served from 127.0.0.1 imports
// pkg-web as an ES module and runs the whole corpus.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../../examples/checkout/serve.mjs";
import { vectorFiles } from "../../tests/js/harness.mjs";
import { launch } from "./chromium.mjs";

test("pkg-web runs the whole corpus in headless Chromium", async () => {
  const server = await serve(0, { "/vector-files": () => JSON.stringify(vectorFiles()) });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/bindings-wasm/test/page.html`);
    await page.waitForFunction(() => window.__result || null, null, { timeout: 60_000 }).catch(() => {});
    const result = await page.evaluate(() => window.__result);
    assert.deepEqual(errors, []);
    assert.ok(result, "the page did not finish");
    console.log(`pkg-web in ${result.agent}: ${result.ran} vector cases, ${result.failed.length} failed`);
    assert.ok(result.ran >= 45);
    assert.deepEqual(result.failed, []);
  } finally {
    await browser.close();
    server.close();
  }
});
