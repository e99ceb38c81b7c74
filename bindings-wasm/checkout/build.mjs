// Assembles the checkout package (bindings-wasm/checkout/pkg: payoutkit_checkout.wasm after
// wasm-opt, checkout.mjs, checkout.d.ts, package.json, README.md) from the cargo build, and
// checks its size budget: the module a checkout loads (the .wasm and checkout.mjs), gzip -9,
// at most 60 KB (61,440 bytes). Prints gzip and brotli bytes of each file.
//   node bindings-wasm/checkout/build.mjs <cargo's payoutkit_checkout.wasm> <wasm-opt>
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";

export const BUDGET = 60 * 1024;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const [wasmIn, wasmOpt] = process.argv.slice(2);
const pkg = here("./pkg/");
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
execFileSync(wasmOpt, ["-Oz", "--strip-debug", "--strip-producers", wasmIn, "-o", `${pkg}payoutkit_checkout.wasm`], { stdio: "inherit" });
copyFileSync(here("./js/checkout.mjs"), `${pkg}checkout.mjs`);
copyFileSync(here("./js/checkout.d.ts"), `${pkg}checkout.d.ts`);
copyFileSync(here("./README.md"), `${pkg}README.md`);
const version = readFileSync(here("../../Cargo.toml"), "utf8").match(/\[workspace\.package\][^[]*?version = "([^"]+)"/)[1];
writeFileSync(`${pkg}package.json`, JSON.stringify({
  name: "payoutkit-checkout",
  version,
  description: "payoutkit's checkout module for browsers: payout fields validated, formatted and labelled as the payee types, from validator bundles (no secrets, no signing)",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./checkout.mjs",
  types: "./checkout.d.ts",
  exports: { ".": { types: "./checkout.d.ts", default: "./checkout.mjs" }, "./payoutkit_checkout.wasm": "./payoutkit_checkout.wasm" },
  files: ["checkout.mjs", "checkout.d.ts", "payoutkit_checkout.wasm", "README.md"],
  sideEffects: false,
}, null, 2) + "\n");

export function sizes(file) {
  const b = readFileSync(file);
  return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}
const wasm = sizes(`${pkg}payoutkit_checkout.wasm`);
const js = sizes(`${pkg}checkout.mjs`);
const total = wasm.gzip + js.gzip;
console.log(`checkout wasm: ${wasm.raw} B raw, ${wasm.gzip} B gzip -9, ${wasm.brotli} B brotli 11`);
console.log(`checkout js:   ${js.raw} B raw, ${js.gzip} B gzip -9, ${js.brotli} B brotli 11`);
console.log(`checkout entry (wasm + js): ${total} B gzip -9, ${wasm.brotli + js.brotli} B brotli 11 (budget ${BUDGET} B gzip)`);
if (total > BUDGET) {
  console.error(`the checkout entry is over its budget: ${total} > ${BUDGET} bytes gzip`);
  process.exit(1);
}
