// The packaged WASM module (wasm-release + wasm-opt, `nodejs` target) against the corpus.
import { createRequire } from "node:module";
import { runPropertyChecks, runSecretChecks, runVectors } from "../../tests/js/harness.mjs";

const lib = createRequire(import.meta.url)("../pkg-node/payoutkit_wasm.js");
runVectors(lib, "wasm pkg");
runSecretChecks(lib, "wasm pkg");
runPropertyChecks(lib, "wasm pkg");
