// payoutkit-wasm: payoutkit for browsers, bundlers (vite, webpack, esbuild) and edge
// runtimes. `await init()` once, then the same API as the Node package. A checkout never
// needs a secret in the browser: sign on the server.
import initWasm, * as wasm from "./payoutkit_wasm.js";
import { makeApi } from "./api.mjs";

let ready = null;
let loaded = false;

/**
 * Load the WebAssembly module: from `input` (a URL, a Response or its promise, bytes, or a
 * compiled WebAssembly.Module, as edge runtimes provide), else from the `.wasm` file beside
 * this module, else (a bundler that did not copy the file, or Node) from the bytes inlined
 * in the package.
 */
export default function init(input) {
  ready ??= (async () => {
    if (input !== undefined) {
      await initWasm({ module_or_path: await input });
    } else {
      try {
        await initWasm({ module_or_path: new URL("payoutkit_wasm_bg.wasm", import.meta.url) });
      } catch {
        const { default: base64 } = await import("./inline.js");
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        await initWasm({ module_or_path: bytes });
      }
    }
    loaded = true;
  })();
  return ready;
}

const loadedBackend = () => {
  if (!loaded) throw new Error("payoutkit-wasm: call `await init()` first");
  return wasm;
};

const api = makeApi(loadedBackend, "wasm");
// The named exports are filled in from the core's tables by js/build.mjs.
export const { /* NAMES */ } = api;
