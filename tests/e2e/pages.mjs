// The README's browser example as bundled by vite, esbuild and webpack, and loaded without a
// bundler: each page is served from 127.0.0.1 and driven in headless Chromium as a payee
// types a card number.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

function serve(root, index) {
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path === "/") path = `/${index}`;
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// [name, folder served, index page]; the command line may name others (JSON), e.g. the
// checkout module's pages, which must behave the same as a payee types.
const PAGES = process.argv[2] ? JSON.parse(process.argv[2]) : [["vite", "dist-vite", "index.html"], ["esbuild", "dist-esbuild", "index.html"], ["webpack", "dist-webpack", "index.html"], ["no bundler", ".", "plain.html"]];
const WHAT = process.argv[3] ?? "the README's browser example";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const results = [];
try {
  for (const [name, dir, index] of PAGES) {
    const server = await serve(dir, index);
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const wasm = [];
    page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push(r.status()));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const field = page.locator("#number_card");
    const says = (text) =>
      page.waitForFunction((t) => {
        // Until the module has attached its listener, the input event is sent again.
        document.querySelector("#number_card").dispatchEvent(new Event("input"));
        return document.querySelector("#number_card-message").textContent === t;
      }, text, { timeout: 30_000, polling: 100 });
    await field.pressSequentially("4111 1111 1111 1112");
    await says("Invalid card number.");
    const shown = await field.inputValue();
    if (shown !== "4111 1111 1111 1112") throw new Error(`${name}: the field shows ${JSON.stringify(shown)}`);
    if ((await field.getAttribute("aria-invalid")) !== "true") throw new Error(`${name}: aria-invalid not set`);
    await field.fill("");
    await field.pressSequentially("4111 1111 1111 1111");
    await says("visa");
    if (errors.length) throw new Error(`${name}: page errors: ${errors.join("; ")}`);
    results.push(`${name} (wasm ${wasm.length ? `fetched: ${wasm.join(",")}` : "inlined"})`);
    await page.close();
    server.close();
  }
} finally {
  await browser.close();
}
console.log(`${WHAT} validates a card number in Chromium: ${results.join(", ")}`);
