// The npm package's types as an ES module consumer sees them (tsc --strict).
import { M4, Validator, m4, corefy, backend, PayoutkitError, SignatureError, type Action, type Outcome, type Request } from "payoutkit";

const which: "native" | "wasm" = backend;
const sign: string = m4.sign("invoice/create", { shop_id: 1520, amount: "6320.91" }, "secret");
const gw = new M4(1520, "secret");
const req: Request = gw.withdrawCreate({ payway: "p", amount: "1.00", shop_payment_id: "x" });
const body: string | null = req.body;
const flow = new m4.PayoutFlow(gw, { shop_payment_id: "x" }, { poll_interval: 30 });
const action: Action = flow.start(Date.now() / 1000);
if (action.kind === "send") void action.request.headers["Content-Type"];
else if (action.kind === "wait") void (action.seconds + 1);
else void action.outcome.message;
const outcome: Outcome = m4.classify(200, "{}");
const ok: boolean = corefy.verifyCallback("{}", undefined, "secret");
const report = Validator.forExotic("card").validate({ number_card: "4111" }, "ru", true);
try {
  corefy.parseVerifiedCallback("{}", "sig", "secret");
} catch (e) {
  if (e instanceof SignatureError) void e.code;
  else if (e instanceof PayoutkitError) void e.field;
}
void [which, sign, body, outcome.kind, ok, report.valid];
