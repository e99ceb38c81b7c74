// Writes package.json for a generated wasm-bindgen package (pkg-web: ES module for
// browsers and bundlers; pkg-node: CommonJS for Node), from the workspace version.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const [target, out] = process.argv.slice(2);
const cargo = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
const version = /\[workspace\.package\][^[]*?version = "([^"]+)"/s.exec(cargo)[1];
const pkg = {
  name: target === "web" ? "payoutkit-wasm" : "payoutkit-wasm-node",
  version,
  description: "payoutkit in WebAssembly: sign and verify payout requests for M4, exotic.company and Corefy/MilkyPay",
  license: "MIT OR Apache-2.0",
  type: target === "web" ? "module" : "commonjs",
  main: "payoutkit_wasm.js",
  types: "payoutkit_wasm.d.ts",
  files: ["payoutkit_wasm.js", "payoutkit_wasm.d.ts", "payoutkit_wasm_bg.wasm", "payoutkit_wasm_bg.wasm.d.ts", "snippets/"],
  sideEffects: target === "web" ? ["./snippets/*"] : undefined,
};
writeFileSync(`${out}/package.json`, JSON.stringify(pkg, null, 2) + "\n");

// JS snippets (the core's wire encoder) are ES modules; the CommonJS package `require`s them,
// so there each `export function f` becomes a CommonJS export of the same function.
if (target !== "web") {
  for (const entry of readdirSync(`${out}/snippets`, { recursive: true })) {
    if (!entry.endsWith(".js")) continue;
    const file = `${out}/snippets/${entry}`;
    writeFileSync(file, readFileSync(file, "utf8").replace(/^export function (\w+)/gm, "module.exports.$1 = $1;\nfunction $1"));
  }
}
