import { createRequire } from "node:module";
import { runVectors } from "../../tests/js/harness.mjs";

runVectors(createRequire(import.meta.url)("../index.js"), "node addon");
