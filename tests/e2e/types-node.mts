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

// payoutkit/worker (the Node worker's API) and the core's explain / callback verdict.
import { Worker, PostgresStore, SQLiteStore, openStore, gatewaysFromConfig, enqueue, LeaseLost, type PayoutRecord } from "payoutkit/worker";
import { explain } from "payoutkit";
async function useWorker(): Promise<void> {
  const store = await openStore("sqlite:///payouts.db");
  const gateways = gatewaysFromConfig({ gateways: { m4: { provider: "m4", shop_id: 1520, secret: { env: "M4_SECRET" } } } });
  const added: boolean = await enqueue(store, "payout-1", gateways.m4, { shop_payment_id: "payout-1" }, { poll_interval: 30 });
  const worker = new Worker(store, gateways, { concurrency: 4, leaseTtl: 60, httpTimeout: 10 });
  await worker.serve({ untilIdle: true });
  const rec: PayoutRecord | null = await store.get("payout-1");
  const pg: PostgresStore | SQLiteStore = store;
  const verdict: string = gateways.m4.gateway.callbackVerdict("{}", { "X-Signature": "x" }, null).verdict;
  const lines = explain("POST /gateway/v1/withdraw/create HTTP/1.1\n\n{}", { kind: "m4" }).lines;
  void [added, rec?.status, pg, verdict, lines, new LeaseLost("x") instanceof Error, worker.stats.done];
}
void useWorker;
