import { createRequire } from "node:module";
import { runPropertyChecks, runSecretChecks, runVectors } from "../../tests/js/harness.mjs";

const lib = createRequire(import.meta.url)("../index.js");
runVectors(lib, "node addon");
runSecretChecks(lib, "node addon");
runPropertyChecks(lib, "node addon");
