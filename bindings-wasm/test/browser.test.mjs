// The `web` package in real headless Chromium (Debian's, driven by playwright-core): a page
// served from 127.0.0.1 imports pkg-web as an ES module and runs the whole corpus.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { vectorFiles } from "../../tests/js/harness.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path === "/vector-files") return res.writeHead(200, { "content-type": TYPES[".json"] }).end(JSON.stringify(vectorFiles()));
    const file = join(ROOT, path);
    if (!file.startsWith(ROOT)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

test("pkg-web runs the whole corpus in headless Chromium", async () => {
  assert.ok(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: run \`make setup\``);
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
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
