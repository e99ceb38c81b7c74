import { createRequire } from "node:module";
import { runSecretChecks, runVectors } from "../../tests/js/harness.mjs";

const lib = createRequire(import.meta.url)("../index.js");
runVectors(lib, "node addon");
runSecretChecks(lib, "node addon");
