// Runs tests/vectors/*.json against a payoutkit JS module (the napi addon or the packaged
// WASM) in Node: one node:test per case, so the runner prints the count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCase } from "./cases.mjs";

const VECTORS = join(dirname(fileURLToPath(import.meta.url)), "..", "vectors");

export const vectorFiles = () => readdirSync(VECTORS).filter((f) => f.endsWith(".json")).sort();

export function loadCases() {
  return vectorFiles().flatMap((f) => JSON.parse(readFileSync(join(VECTORS, f), "utf8")).cases);
}

export function runVectors(lib, label) {
  const cases = loadCases();
  test(`${label}: the corpus has at least 45 cases`, () => assert.ok(cases.length >= 45));
  for (const c of cases) test(`${label}: ${c.name}`, () => checkCase(lib, c));
}
