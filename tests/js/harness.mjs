// Runs tests/vectors/*.json against a payoutkit JS module (the napi addon or the packaged
// WASM) in Node: one node:test per case, so the runner prints the count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
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

// Secrets never show: not in inspect() output of any object holding them, not in error
// messages or stacks, not in string_to_sign, not in saved flow state.
export function runSecretChecks(lib, label) {
  const SECRET = "s3cr3t-§-key", SIGN_KEY = "sign-§-key", API_KEY = "api-§-key";
  const secrets = [SECRET, SIGN_KEY, API_KEY];
  const hidden = (what, text) => {
    for (const s of secrets) assert.ok(!String(text).includes(s), `${label}: ${what} shows a secret: ${text}`);
  };
  const params = { shop_payment_id: "p-1", payway: "card_payway_usd", amount: "1.00", amount_type: "ps_amount", shop_currency: 840, account: "4111" };
  test(`${label}: no secret in inspect(), errors, lines or saved state`, () => {
    const m4 = new lib.M4(1520, SECRET);
    const exotic = new lib.Exotic("m-1", SIGN_KEY, API_KEY, "https://e.example");
    const corefy = new lib.Corefy("coma_1", API_KEY, "https://c.example");
    for (const [what, obj] of [["M4", m4], ["Exotic", exotic], ["Corefy", corefy]]) hidden(`inspect(${what})`, inspect(obj, { showHidden: true, depth: 5 }));
    const flow = new lib.m4.PayoutFlow(m4, params);
    flow.start(0);
    hidden("inspect(PayoutFlow)", inspect(flow, { showHidden: true, depth: 5 }));
    hidden("flow.toJson()", flow.toJson());
    const signed = { ...params, shop_id: 1520 };
    hidden("stringToSign", lib.m4.stringToSign("withdraw/create", signed));
    hidden("redactedStringToSign", lib.Recipe.m4("withdraw/create").redactedStringToSign(signed));
    // Errors: the secret passed where it does not belong, or next to bad input.
    const attempts = [
      () => lib.m4.sign(SECRET, params, SECRET),                 // secret as the method name
      () => lib.m4.sign("withdraw/create", {}, SECRET),          // missing field
      () => lib.m4.sign("withdraw/create", params, ` ${SECRET}`), // padded secret
      () => lib.exotic.signPayout({ payment_method: SIGN_KEY }, SIGN_KEY),
      () => lib.corefy.basicAuth(API_KEY + ":x", API_KEY),
      () => new lib.M4(1520, `${SECRET}\n`),
      () => new lib.Exotic("m", SIGN_KEY, ` ${API_KEY}`, "https://e.example"),
      () => m4.withdrawCreate({ ...params, bogus: SECRET }),
      () => exotic.rejectedPayOut("o-1"),
      () => lib.m4.PayoutFlow.fromJson(m4, SECRET),
      () => lib.corefy.verifyCallback("{}", 5, API_KEY),
    ];
    for (const attempt of attempts) {
      let err;
      try { attempt(); } catch (e) { err = e; }
      assert.ok(err instanceof Error, `${label}: expected an error from ${attempt}`);
      hidden("an error", `${err.message} ${err.stack} ${inspect(err)}`);
    }
  });
}
