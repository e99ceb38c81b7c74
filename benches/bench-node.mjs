// Node benchmark: the Node package on its native addon against node:crypto, and on its
// WebAssembly fallback against the pure-JS hashes (js-sha256, js-sha1) and WebCrypto, plus
// WASM compile + instantiate time. `--check` only proves payoutkit and every peer agree (make test);
// without it, writes target/bench/node.json for benches/report.py.
import { createHash, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { signers, webCrypto } from "./peers/peer.mjs";
import { check, run } from "./suite.mjs";
import { once } from "./timing.mjs";
import { sha256 } from "./node_modules/js-sha256/src/index.mjs"; // the pure-JS core (its Node entry wraps node:crypto)

const require = createRequire(import.meta.url);
const sha1 = require("js-sha1"); // `.arrayBuffer` is pure JS in Node too (only its hex entry wraps node:crypto)
const inputs = JSON.parse(readFileSync(new URL("inputs.json", import.meta.url), "utf8"));
const addon = require("../bindings-node");
// The same API over the WebAssembly fallback, side by side in this process.
const wasm = require("../bindings-node/api.cjs").makeApi(() => require("../bindings-node/wasm/payoutkit_wasm.js"), "wasm");

const toBase64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)));
export const jsHashes = signers({ sha256Hex: (s) => sha256(s), sha1Base64: (s) => toBase64(sha1.arrayBuffer(s)), equal: (a, b) => a === b });
const nodeCrypto = signers({
  sha256Hex: (s) => createHash("sha256").update(s).digest("hex"),
  sha1Base64: (s) => createHash("sha1").update(s).digest("base64"),
  equal: (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b)),
});
const addonPeers = { "node:crypto": nodeCrypto };
const wasmPeers = { "js-sha256 / js-sha1": jsHashes, WebCrypto: webCrypto };

await check(addon, addonPeers, inputs);
await check(wasm, wasmPeers, inputs);
console.log("node: payoutkit (addon, wasm) and node:crypto, js-sha256/js-sha1, WebCrypto agree");
if (!process.argv.includes("--check")) {
  const addonRows = await run(addon, addonPeers, inputs);
  const wasmRows = await run(wasm, wasmPeers, inputs);
  // Compile + instantiate from bytes already in memory, each time in a fresh copy of the glue.
  const bytes = readFileSync(new URL("../bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm", import.meta.url));
  const glue = new URL("../bindings-wasm/pkg-web/payoutkit_wasm.js", import.meta.url);
  const mods = [];
  for (let i = 0; i < 16; i++) mods.push(await import(`${glue}?copy=${i}`));
  const instantiate = await once((r) => mods[r].initSync({ module: bytes }), 15);
  wasmRows.push({ op: "instantiate (compile + init)", ours_ns: instantiate, peer: null, peer_ns: null });
  const node = `Node ${process.version}`;
  for (const [runtime, rows] of [[`${node} (napi addon)`, addonRows], [`${node} (WASM fallback)`, wasmRows]]) {
    for (const r of rows) {
      const ratio = r.peer_ns ? `x${(r.peer_ns / r.ours_ns).toFixed(2)}` : "";
      console.log(`${runtime} ${r.op.padEnd(28)} payoutkit ${r.ours_ns.toFixed(0).padStart(9)} ns   ${String(r.peer ?? "").padEnd(20)} ${String(r.peer_ns?.toFixed(0) ?? "").padStart(9)} ns ${ratio}`);
    }
  }
  const out = new URL(`../${process.env.CARGO_TARGET_DIR ? "" : "target/"}bench/`, import.meta.url);
  const dir = process.env.CARGO_TARGET_DIR ? `${process.env.CARGO_TARGET_DIR}/bench` : out.pathname;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/node-addon.json`, JSON.stringify({ runtime: `${node} (napi addon)`, rows: addonRows }, null, 1));
  writeFileSync(`${dir}/node-wasm.json`, JSON.stringify({ runtime: `${node} (WASM fallback)`, rows: wasmRows }, null, 1));
}
