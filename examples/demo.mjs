// `make demo`, JS part: the providers' documented examples through the Node addon
// (`node examples/demo.mjs node`) or the packaged WASM module (`... wasm`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const which = process.argv[2] ?? "node";
const require = createRequire(import.meta.url);
const { m4, exotic, corefy, Recipe } = require(which === "wasm" ? "../bindings-wasm/pkg-node/payoutkit_wasm.js" : "../bindings-node");
const corpus = JSON.parse(readFileSync(new URL("../tests/vectors/signing.json", import.meta.url), "utf8"));

for (const c of corpus.cases) {
  if (!["docs", "derived"].includes(c.source)) continue;
  const a = c.args;
  let recipe, data, sig;
  if (c.op === "m4.sign") [recipe, data, sig] = [Recipe.m4(a.method), a.params, m4.sign(a.method, a.params, a.secret)];
  else if (c.op === "exotic.sign_payout")
    [recipe, data, sig] = [Recipe.exoticPayout(a.params.payment_method), a.params, exotic.signPayout(a.params, a.sign_key)];
  else if (c.op === "corefy.callback_signature" && typeof a.body === "string")
    [recipe, data, sig] = [Recipe.corefyCallback(), a.body, corefy.callbackSignature(a.body, a.secret)];
  else continue;
  console.log(`${which.padEnd(6)} | ${c.name.padEnd(45)} | ${recipe.redactedStringToSign(data)} | ${sig}`);
}
