// Compile-only check (tsc --noEmit) that the published type declarations describe the API
// users call: the napi addon and the browser package, side by side.
import * as node from "../../bindings-node/index.js";
import * as web from "../../bindings-wasm/pkg-web/payoutkit_wasm.js";

for (const lib of [node, web] as const) {
  const sign: string = lib.m4.sign("invoice/create", { shop_id: 1520, amount: "6320.91" }, "secret");
  const fields: string[] = lib.m4.signedFields("withdraw/create");
  const ok: boolean = lib.corefy.verifyCallback("{}", " sig ", "secret");
  const auth: string = lib.corefy.basicAuth("coma_1", "key");
  const payout: string = lib.exotic.signPayout({ order_id: "1" }, "key");
  const recipe = new lib.Recipe({ fields: ["a", "b"], sort: true, secret: "hmac_key", hash: "sha512", output: "base64" });
  const spec: node.RecipeSpec | web.RecipeSpec = recipe.spec();
  const line: string = lib.Recipe.m4("shop_balance").redactedStringToSign({ shop_id: 1, now: "x" });
  const v = lib.Validator.forExotic("card");
  const report: node.Report | web.Report = v.validate({ number_card: "4111" }, "ru", true);
  const first: string | undefined = report.errors[0]?.message;
  const rules = new lib.Validator([{ key: "card", required: true, checks: ["luhn"], max_length: 19 }]);
  const brand: string | null = lib.cardBrand("4111");
  const masked: string = lib.maskPan("4111111111111111");
  const codes: string[] = lib.errorCodes();
  void [sign, fields, ok, auth, payout, spec, line, first, rules, brand, masked, codes, lib.luhnValid("1"), lib.ibanValid("x")];
}
try {
  node.m4.sign("x", {}, "k");
} catch (e) {
  const err = e as node.PayoutkitError;
  const code: string = err.code;
  const field: string | null = err.field;
  void [code, field];
}
