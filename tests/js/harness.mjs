// Runs tests/vectors/*.json against a payoutkit JS module (the napi addon or the packaged
// WASM): one node:test per case, so the runner prints the count. Format: tests/vectors/FORMAT.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const VECTORS = join(dirname(fileURLToPath(import.meta.url)), "..", "vectors");

export function loadCases() {
  return readdirSync(VECTORS)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(VECTORS, f), "utf8")).cases);
}

// The corpus's tagged values: $bigint -> BigInt, $decimal -> its text, $bytes_hex -> Uint8Array.
export function untag(v) {
  if (Array.isArray(v)) return v.map(untag);
  if (v === null || typeof v !== "object") return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && typeof v[keys[0]] === "string") {
    const s = v[keys[0]];
    if (keys[0] === "$bigint") return BigInt(s);
    if (keys[0] === "$decimal") return s;
    if (keys[0] === "$bytes_hex") return new Uint8Array(Buffer.from(s, "hex"));
  }
  return Object.fromEntries(keys.map((k) => [k, untag(v[k])]));
}

const OPS = {
  "m4.sign": (l, a) => l.m4.sign(a.method, a.params, a.secret),
  "m4.string_to_sign": (l, a) => l.m4.stringToSign(a.method, a.params),
  "m4.signed_fields": (l, a) => l.m4.signedFields(a.method),
  "m4.verify_callback": (l, a) => l.m4.verifyCallback(a.payload, a.secret),
  "exotic.sign_payout": (l, a) => l.exotic.signPayout(a.params, a.sign_key),
  "exotic.string_to_sign": (l, a) => l.exotic.stringToSign(a.params),
  "corefy.callback_signature": (l, a) => l.corefy.callbackSignature(a.body, a.secret),
  "corefy.verify_callback": (l, a) => l.corefy.verifyCallback(a.body, a.signature, a.secret),
  "corefy.basic_auth": (l, a) => l.corefy.basicAuth(a.account_id, a.api_key),
  "recipe.sign": (l, a) => new l.Recipe(a.recipe).sign(a.params, a.secret),
  "recipe.verify": (l, a) => new l.Recipe(a.recipe).verify(a.params, a.secret, a.signature),
  "recipe.string_to_sign": (l, a) => new l.Recipe(a.recipe).stringToSign(a.params),
};
const LINE_OP = { "m4.sign": "m4.string_to_sign", "exotic.sign_payout": "exotic.string_to_sign", "recipe.sign": "recipe.string_to_sign" };

export function runCase(lib, c) {
  const args = untag(c.args);
  const call = (op) => {
    try {
      return { ok: OPS[op](lib, args) };
    } catch (e) {
      return { err: e };
    }
  };
  const got = call(c.op);
  if ("error" in c.expect) {
    assert.ok(got.err, `expected error ${JSON.stringify(c.expect.error)}, got ${JSON.stringify(got.ok)}`);
    assert.ok(got.err instanceof Error, "errors are Error instances");
    assert.deepEqual({ code: got.err.code, field: got.err.field }, c.expect.error, got.err.message);
  } else {
    if (got.err) throw got.err;
    assert.deepEqual(got.ok, c.expect.result);
  }
  if ("string_to_sign" in c.expect && LINE_OP[c.op]) {
    assert.equal(OPS[LINE_OP[c.op]](lib, args), c.expect.string_to_sign);
  }
  // No secret ever shows in a result or an error message.
  for (const k of ["secret", "sign_key", "api_key"]) {
    const s = typeof args[k] === "string" ? args[k].trim() : "";
    if (s.length >= 4 && c.op !== "corefy.basic_auth") {
      const shown = got.err ? `${got.err.message} ${String(got.err.stack)}` : JSON.stringify(got.ok);
      assert.ok(!shown.includes(s), `secret shown in ${shown}`);
    }
  }
}

export function runVectors(lib, label) {
  const cases = loadCases();
  test(`${label}: the corpus has at least 45 cases`, () => assert.ok(cases.length >= 45));
  for (const c of cases) test(`${label}: ${c.name}`, () => runCase(lib, c));
}
