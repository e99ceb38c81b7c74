// The Node package against the corpus: with the native addon, and forced onto the
// WebAssembly fallback (PAYOUTKIT_BACKEND=wasm) in a child process, as a platform without a
// prebuilt binary would run it.
import { createRequire } from "node:module";
import { test } from "node:test";
import assert from "node:assert/strict";
import { runPropertyChecks, runPrintoutChecks, runSecretChecks, runVectors } from "../../tests/js/harness.mjs";

const lib = createRequire(import.meta.url)("../index.cjs");
const label = `node package (${lib.backend})`;
test(`${label}: the backend is the one asked for`, () => assert.equal(lib.backend, process.env.PAYOUTKIT_BACKEND ?? "native"));
runVectors(lib, label);
runSecretChecks(lib, label);
runPropertyChecks(lib, label);
runPrintoutChecks(lib, label);
