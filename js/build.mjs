// Assembles the npm packages from the built backends and the one JS API (js/api.mjs):
//   node js/build.mjs node   -> bindings-node/  (npm `payoutkit`: native addon + WebAssembly fallback)
//   node js/build.mjs web    -> bindings-wasm/pkg-web/  (npm `payoutkit-wasm`: browsers, bundlers, edge)
// The backends are built first by `make` (cargo, napi, wasm-bindgen, wasm-opt).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const js = (f) => readFileSync(join(root, "js", f), "utf8");
const [target] = process.argv.slice(2);
const BANNER = "// Built by js/build.mjs from js/api.mjs: do not edit.\n";

/** js/api.mjs with its table inlined, as a CommonJS module. */
function apiCjs() {
  const table = js("api-table.mjs").replace(/^\/\/.*\n/, "").replace("export const TABLE", "const TABLE");
  let src = js("api.mjs").replace('import { TABLE } from "./api-table.mjs";\n', table);
  const exported = [...src.matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]);
  src = src.replace(/^export (class|function) /gm, "$1 ");
  return `${BANNER}"use strict";\n${src}\nmodule.exports = { ${exported.join(", ")} };\n`;
}

/** The names the API exports (for the ESM entries' named exports). */
function names() {
  const table = JSON.parse(js("api-table.mjs").replace(/^\/\/.*\n/, "").replace("export const TABLE = ", "").replace(/;\s*$/, ""));
  const top = table.ops.map((o) => o.js_name).filter((n) => !n.includes("."));
  return [
    "backend", "version", "m4", "exotic", "corefy", ...table.providers.map((p) => p.class), "Gateway",
    "Validator", "Recipe", "Request", "Outcome", "PayoutkitError", "SignatureError", "Signer", "run", "CallbackQueue", ...top,
  ];
}

function shared(dir) {
  for (const f of ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"]) {
    if (existsSync(join(root, f))) copyFileSync(join(root, f), join(dir, f));
  }
}

if (target === "node") {
  const dir = join(root, "bindings-node");
  writeFileSync(join(dir, "api.cjs"), apiCjs());
  copyFileSync(join(root, "js", "node-loader.cjs"), join(dir, "index.cjs"));
  const list = names();
  writeFileSync(
    join(dir, "index.mjs"),
    `${BANNER}// ESM entry: the same API object as require("payoutkit") (one instance, one backend).\n` +
      `import api from "./index.cjs";\nexport const { ${list.join(", ")} } = api;\n`,
  );
  const dts = js("api.d.ts");
  writeFileSync(join(dir, "index.d.ts"), dts);
  writeFileSync(join(dir, "index.d.mts"), dts);
  // payoutkit/worker's types are written once (worker.d.ts); the ESM twin imports index.mjs.
  const worker = readFileSync(join(dir, "worker.d.ts"), "utf8");
  writeFileSync(join(dir, "worker.d.mts"), worker.replace('from "./index";', 'from "./index.mjs";'));
  shared(dir);
} else if (target === "web") {
  const dir = join(root, "bindings-wasm", "pkg-web");
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, "js", "api.mjs"), join(dir, "api.mjs"));
  copyFileSync(join(root, "js", "api-table.mjs"), join(dir, "api-table.mjs"));
  writeFileSync(join(dir, "index.js"), BANNER + js("web-entry.mjs").replace("/* NAMES */", names().join(", ")));
  // The module's bytes inline, for runtimes and bundlers that cannot fetch the file beside
  // the module (esbuild leaves `new URL(..., import.meta.url)` alone; Node has no fetch of file:).
  const wasm = readFileSync(join(dir, "payoutkit_wasm_bg.wasm"));
  writeFileSync(join(dir, "inline.js"), `${BANNER}export default ${JSON.stringify(wasm.toString("base64"))};\n`);
  const init =
    "\n/** Anything `init` can load the WebAssembly module from; by default the `.wasm` beside this module, else the bytes inlined in the package. */\n" +
    "export type InitInput = string | URL | globalThis.Request | Response | BufferSource | WebAssembly.Module;\n" +
    "/** Load the WebAssembly module (once; later calls return at once). Call it before anything else. */\n" +
    "export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;\n";
  writeFileSync(join(dir, "index.d.ts"), js("api.d.ts") + init);
  const version = /"version": "([^"]+)"/.exec(js("api-table.mjs"))[1];
  const pkg = {
    name: "payoutkit-wasm",
    version,
    description: "payoutkit in WebAssembly for browsers, bundlers and edge runtimes: sign, build, check and validate payout requests (M4, exotic.company, Corefy/MilkyPay)",
    license: "MIT OR Apache-2.0",
    type: "module",
    main: "index.js",
    types: "index.d.ts",
    exports: {
      ".": { types: "./index.d.ts", default: "./index.js" },
      "./payoutkit_wasm_bg.wasm": "./payoutkit_wasm_bg.wasm",
      "./package.json": "./package.json",
    },
    files: ["index.js", "index.d.ts", "api.mjs", "api-table.mjs", "payoutkit_wasm.js", "payoutkit_wasm_bg.wasm", "inline.js", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"],
    sideEffects: false,
    engines: { node: ">=18" },
    keywords: ["payouts", "psp", "signature", "validation", "webassembly", "m4", "corefy", "milkypay"],
  };
  writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  shared(dir);
} else {
  console.error("usage: node js/build.mjs node|web");
  process.exit(2);
}
