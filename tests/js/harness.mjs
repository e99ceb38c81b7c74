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
  test(`${label}: every endpoint of every provider is a method`, () => {
    for (const [provider, cls] of [["m4", lib.M4], ["exotic", lib.Exotic], ["corefy", lib.Corefy]]) {
      for (const e of lib.endpoints(provider)) assert.equal(typeof cls.prototype[e.js_name], "function", `${cls.name}.${e.js_name}`);
    }
  });
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
      () => lib.corefy.parseVerifiedCallback("{}", "c2ln", API_KEY),
    ];
    for (const attempt of attempts) {
      let err;
      try { attempt(); } catch (e) { err = e; }
      assert.ok(err instanceof Error, `${label}: expected an error from ${attempt}`);
      hidden("an error", `${err.message} ${err.stack} ${inspect(err)}`);
    }
  });
}

// Property checks through the binding (seeded, so a failure repeats): key order never
// changes an M4 signature, verify(sign(x)) holds and a flipped byte breaks it, the line to
// sign never holds the secret. The core's own proptest suite covers the same invariants in
// depth; these catch a binding that converts objects, strings or bytes differently.
export function runPropertyChecks(lib, label) {
  let seed = 0x2545f491;
  const rand = (n) => {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const ALPHABET = "abcXYZ019 ._:/@+-ёж€";
  const text = (max) => Array.from({ length: rand(max + 1) }, () => ALPHABET[rand(ALPHABET.length)]).join("");
  test(`${label}: properties hold on 300 random inputs`, () => {
    const fields = lib.m4.signedFields("withdraw/create");
    for (let i = 0; i < 300; i++) {
      const secret = `§${text(20)}k`;
      const entries = fields.map((f) => [f, text(12)]);
      entries.push([`extra_${i}`, text(8)]);
      const params = Object.fromEntries(entries);
      const reversed = Object.fromEntries([...entries].reverse());
      const sig = lib.m4.sign("withdraw/create", params, secret);
      assert.equal(lib.m4.sign("withdraw/create", reversed, secret), sig, "key order changed the signature");
      assert.ok(!lib.m4.stringToSign("withdraw/create", params).includes(secret), "the line holds the secret");
      const body = new TextEncoder().encode(JSON.stringify(params));
      const xsig = lib.corefy.callbackSignature(body, secret);
      assert.ok(lib.corefy.verifyCallback(body, xsig, secret));
      const flipped = Uint8Array.from(body);
      flipped[rand(flipped.length)] ^= 1 << rand(8);
      assert.ok(!lib.corefy.verifyCallback(flipped, xsig, secret), "a flipped body byte still verified");
      assert.ok(!lib.corefy.verifyCallback(body, xsig, `${secret}x`), "another secret verified");
    }
  });
}

// Printouts (inspect, console.log, toString, JSON.stringify) of a Request, an Action and an
// Outcome never show a credential or a full card number; the body sent stays exact.
export function runPrintoutChecks(lib, label) {
  const PAN = "4111111111111111", MASKED = "411111******1111", API_KEY = "api-key-for-printouts", SECRET = "m4-secret-for-printouts";
  const shown = (value) => [inspect(value, { depth: 8 }), String(value), JSON.stringify(value), inspect({ nested: [value] }, { depth: 8 })];
  test(`${label}: printouts hide credentials and mask card numbers`, () => {
    const corefy = new lib.Corefy("coma_1", API_KEY, "https://c.example");
    const exotic = new lib.Exotic("m-1", "sign-key-1", API_KEY, "https://e.example");
    const m4 = new lib.M4(1520, SECRET);
    const params = { shop_payment_id: "p-1", payway: "card_payway_usd", amount: "1.00", amount_type: "ps_amount", shop_currency: 840, account: PAN };
    const create = m4.withdrawCreate(params);
    assert.ok(create.body.includes(PAN), "the body sent must carry the card number");
    const items = [
      corefy.getPayoutInvoice("cpoi_1"), exotic.statusPayOut("o-1"), create,
      new lib.m4.PayoutFlow(m4, params).start(0),
      lib.exotic.classify(200, JSON.stringify({ status: "successful", number_card: PAN })),
      lib.corefy.classify(200, JSON.stringify({ data: { id: "cpoi_1", attributes: { status: "processed", fields: { card_number: PAN } } } })),
    ];
    for (const item of items) {
      for (const text of shown(item)) {
        for (const secret of [API_KEY, SECRET, PAN, lib.corefy.basicAuth("coma_1", API_KEY)]) assert.ok(!text.includes(secret), `${label}: printout shows ${secret}: ${text}`);
      }
    }
    assert.ok(shown(create).every((t) => t.includes(MASKED)), "the printout shows the masked number");
    assert.ok(inspect(corefy.getPayoutInvoice("cpoi_1")).includes("***"));
  });
}
