// make bench (issue 14): what a checkout page costs. Bytes over the wire (gzip -9 and brotli
// 11) of the checkout module, the edge/full build and the demo page, beside the same fields
// built with card-validator + ibantools + libphonenumber-js/min (esbuild, minified);
// compile + instantiate time of each WebAssembly module in Chromium (as is, and 4x CPU); and
// the time to the first validation under a throttled mobile profile (Chromium DevTools
// protocol: 150 ms RTT, 1.6 Mbps down, 750 kbps up, 4x CPU, cache off), each page served
// compressed by examples/checkout/serve.mjs. Writes benches/PAGE-COSTS.md.
//   node benches/page-costs/page-costs.mjs [--runs N]
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";
import { serve } from "../../examples/checkout/serve.mjs";
import { launch } from "../../bindings-wasm/test/chromium.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const file = (p) => readFileSync(ROOT + p);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => n.toLocaleString("en-US");

// The peer page's bundle.
execFileSync(`${ROOT}benches/page-costs/node_modules/.bin/esbuild`, ["benches/page-costs/peer.js", "--bundle", "--minify", "--format=esm", "--outfile=benches/page-costs/dist/peer.min.js", "--log-level=error"], { cwd: ROOT });

// ------------------------------------------------------------------------------ bytes
const GROUPS = {
  "checkout module (payoutkit_checkout.wasm + checkout.mjs)": ["bindings-wasm/checkout/pkg/payoutkit_checkout.wasm", "bindings-wasm/checkout/pkg/checkout.mjs"],
  "edge/full build (payoutkit_wasm_bg.wasm + its JS)": ["bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm", "bindings-wasm/pkg-web/payoutkit_wasm.js", "bindings-wasm/pkg-web/index.js", "bindings-wasm/pkg-web/api.mjs", "bindings-wasm/pkg-web/api-table.mjs"],
  "demo page (index.html + checkout.js, without the module)": ["examples/checkout/index.html", "examples/checkout/checkout.js"],
  "card-validator + ibantools + libphonenumber-js/min (esbuild --minify)": ["benches/page-costs/dist/peer.min.js"],
};
const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const bundle = await (await fetch(`${base}/api/bundle?form=exotic:card`)).text();
const bytes = [];
for (const [name, files] of Object.entries(GROUPS)) {
  const bs = files.map(file);
  bytes.push({ name, raw: bs.reduce((a, b) => a + b.length, 0), gzip: bs.reduce((a, b) => a + gz(b), 0), brotli: bs.reduce((a, b) => a + br(b), 0), files: files.length });
}
const b = Buffer.from(bundle);
bytes.push({ name: "validator bundle, exotic card (base64 text from /api/bundle)", raw: b.length, gzip: gz(b), brotli: br(b), files: 1 });
const raw = Buffer.from(bundle, "base64");
bytes.push({ name: "validator bundle, exotic card (bytes)", raw: raw.length, gzip: gz(raw), brotli: br(raw), files: 1 });

// ------------------------------------------------------------------------------ Chromium
const browser = await launch();
async function pageWith(throttle) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  let wire = 0;
  cdp.on("Network.loadingFinished", (e) => (wire += e.encodedDataLength));
  if (throttle) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  return { ctx, page, wire: () => wire };
}

// compile + instantiate, median of `runs`, bytes already in memory.
const compile = {};
for (const throttle of [false, true]) {
  const { ctx, page } = await pageWith(throttle);
  await page.goto(`${base}/bindings-wasm/checkout/test/page.html`);
  for (const [name, url, imports] of [["checkout module", "/bindings-wasm/checkout/pkg/payoutkit_checkout.wasm", "none"], ["edge/full build", "/bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm", "bindgen"]]) {
    const ms = await page.evaluate(async ([u, n, kind]) => {
      const buf = await (await fetch(u)).arrayBuffer();
      const out = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const m = await WebAssembly.compile(buf);
        // The edge build imports wasm-bindgen glue: stub every import (instantiation only).
        const imports = {};
        for (const imp of WebAssembly.Module.imports(m)) {
          imports[imp.module] ??= {};
          imports[imp.module][imp.name] = imp.kind === "function" ? () => 0 : imp.kind === "memory" ? new WebAssembly.Memory({ initial: 1 }) : imp.kind === "table" ? new WebAssembly.Table({ initial: 1, element: "anyfunc" }) : new WebAssembly.Global({ value: "i32", mutable: true }, 0);
        }
        await WebAssembly.instantiate(m, kind === "none" ? {} : imports);
        out.push(performance.now() - t);
      }
      return out;
    }, [url, runs, imports]);
    (compile[name] ??= {})[throttle ? "cpu4" : "plain"] = median(ms);
  }
  await ctx.close();
}

// time to first validation, throttled mobile profile, cold cache.
const PAGES = {
  "demo page, checkout module + bundle from the server": "/examples/checkout/",
  "one field validated with the edge/full build (what the old demo loaded)": "/benches/page-costs/full.html",
  "card-validator + ibantools + libphonenumber-js/min (esbuild --minify)": "/benches/page-costs/peer.html",
};
const ttfv = [];
for (const [name, path] of Object.entries(PAGES)) {
  const times = [];
  let wire = 0;
  for (let i = 0; i < runs; i++) {
    const p = await pageWith(true);
    await p.page.goto(base + path, { waitUntil: "commit" });
    await p.page.waitForFunction(() => window.__firstValidationAt !== undefined, null, { timeout: 120_000, polling: 50 });
    times.push(await p.page.evaluate(() => window.__firstValidationAt));
    await p.page.waitForLoadState("networkidle");
    wire = p.wire();
    await p.ctx.close();
  }
  ttfv.push({ name, ms: median(times), min: Math.min(...times), max: Math.max(...times), wire });
}
await browser.close();
server.close();

// ------------------------------------------------------------------------------ report
const chromium = execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8" }).trim();
let md = `# What a checkout page costs (issue 14)

Measured by \`make bench\` (\`node benches/page-costs/page-costs.mjs\`) on ${new Date().toISOString().slice(0, 10)}, ${chromium},
Node ${process.version}; medians of ${runs} runs. The machine has 2 cores shared with other work: times are indicative, bytes are exact.

## Bytes over the wire

| what | files | raw B | gzip -9 B | brotli 11 B |
|---|---|---|---|---|
${bytes.map((r) => `| ${r.name} | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`).join("\n")}

The checkout module's budget is 60 KB gzip (61,440 B) for the .wasm and checkout.mjs together,
checked by \`bindings-wasm/checkout/build.mjs\` (fails above) and by its test.

## Compile + instantiate (bytes in memory, Chromium)

| module | as is, ms | 4x CPU, ms |
|---|---|---|
${Object.entries(compile).map(([n, t]) => `| ${n} | ${t.plain.toFixed(1)} | ${t.cpu4.toFixed(1)} |`).join("\n")}

## Time to first validation, throttled mobile profile

150 ms RTT, 1.6 Mbps down, 750 kbps up, 4x CPU slowdown, cache off (Chromium DevTools protocol);
pages served brotli/gzip by examples/checkout/serve.mjs; time from navigation start to the page's
first validation done (\`window.__firstValidationAt\`); wire bytes as Chromium counted them.

| page | first validation, ms (median) | min–max ms | bytes on the wire |
|---|---|---|---|
${ttfv.map((r) => `| ${r.name} | ${Math.round(r.ms)} | ${Math.round(r.min)}–${Math.round(r.max)} | ${kb(r.wire)} |`).join("\n")}
`;
writeFileSync(`${ROOT}benches/PAGE-COSTS.md`, md);
console.log(md);
