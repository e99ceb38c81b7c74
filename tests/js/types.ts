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
{
  const gw = new node.M4(1520, "secret");
  const req: node.Request = gw.withdrawCreate({ payway: "p", amount: "1.00", shop_payment_id: "x" });
  const url: string = gw.shopPaymentStatus("x").url;
  const body: string | null = new node.Corefy("coma_1", "key", "https://pay.example").findPayoutInvoice("ref").body;
  const ex: string = new node.Exotic("m", "sk", "ak", "https://e.example").statusPayOut("o-1").method;
  const outcome: node.Outcome = node.m4.classify(200, "{}");
  const kind: "succeeded" | "rejected" | "pending" | "not_found" | "fatal_error" | "retryable_error" = outcome.kind;
  const flow = new node.m4.PayoutFlow(gw, { shop_payment_id: "x" }, { poll_interval: 30, withdraw_try: true });
  const action: node.Action = flow.start(Date.now() / 1000);
  if (action.kind === "send") void action.request.headers["Content-Type"];
  else if (action.kind === "wait") void (action.seconds + 1);
  else void action.outcome.message;
  const resumed = node.m4.PayoutFlow.fromJson(gw, flow.toJson());
  const n: number = resumed.createsSent;
  const event: Record<string, unknown> = node.corefy.parseCallback("{}");
  const cflow = new node.corefy.PayoutFlow(new node.Corefy("a", "b", "https://c"), { reference_id: "r" });
  void [req, url, body, ex, kind, n, event, cflow.onTimeout(), cflow.done, node.exotic.classify(404, null)];
}
{
  const gw = new web.M4(1520, "secret");
  const req: web.Request = gw.withdrawCreate({ payway: "p", amount: "1.00", shop_payment_id: "x" });
  const url: string = gw.shopPaymentStatus("x").url;
  const body: string | null = new web.Corefy("coma_1", "key", "https://pay.example").findPayoutInvoice("ref").body;
  const ex: string = new web.Exotic("m", "sk", "ak", "https://e.example").statusPayOut("o-1").method;
  const outcome: web.Outcome = web.m4.classify(200, "{}");
  const kind: "succeeded" | "rejected" | "pending" | "not_found" | "fatal_error" | "retryable_error" = outcome.kind;
  const flow = new web.m4.PayoutFlow(gw, { shop_payment_id: "x" }, { poll_interval: 30, withdraw_try: true });
  const action: web.Action = flow.start(Date.now() / 1000);
  if (action.kind === "send") void action.request.headers["Content-Type"];
  else if (action.kind === "wait") void (action.seconds + 1);
  else void action.outcome.message;
  const resumed = web.m4.PayoutFlow.fromJson(gw, flow.toJson());
  const n: number = resumed.createsSent;
  const event: Record<string, unknown> = web.corefy.parseCallback("{}");
  const cflow = new web.corefy.PayoutFlow(new web.Corefy("a", "b", "https://c"), { reference_id: "r" });
  void [req, url, body, ex, kind, n, event, cflow.onTimeout(), cflow.done, web.exotic.classify(404, null)];
}
try {
  node.m4.sign("x", {}, "k");
} catch (e) {
  const err = e as node.PayoutkitError;
  const code: string = err.code;
  const field: string | null = err.field;
  void [code, field];
}
