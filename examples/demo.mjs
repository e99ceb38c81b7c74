// `make demo`, JS part: the providers' documented examples through the Node package, on its
// native addon (`node examples/demo.mjs native`) or forced onto its WebAssembly fallback
// (`... wasm`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

process.env.PAYOUTKIT_BACKEND = process.argv[2] ?? "native";
const { m4, exotic, corefy, Recipe, backend } = createRequire(import.meta.url)("../bindings-node");
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
  console.log(`${backend.padEnd(6)} | ${c.name.padEnd(45)} | ${recipe.redactedStringToSign(data)} | ${sig}`);
}
