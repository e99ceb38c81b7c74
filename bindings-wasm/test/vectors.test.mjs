// The packaged WASM module (wasm-release + wasm-opt, `nodejs` target) against the corpus.
import { createRequire } from "node:module";
import { runVectors } from "../../tests/js/harness.mjs";

runVectors(createRequire(import.meta.url)("../pkg-node/payoutkit_wasm.js"), "wasm pkg");
