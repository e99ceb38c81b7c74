// Pay out through M4 with fetch; payoutkit builds and signs every request and decides
// every next step (sans-IO), so a time-out never turns into a second payout.
import { M4, m4 } from "payoutkit";

const gateway = new M4(1520, process.env.M4_SECRET, process.env.M4_BASE_URL ?? "https://api.m4solutions.io/gateway/v1");
const payout = {
  shop_payment_id: process.env.PAYOUT_ID ?? "payout-1001", // your idempotency key
  payway: "card_payway_usd",
  amount: "100.23",
  amount_type: "ps_amount",
  shop_currency: 840,
  account: "4000000000000002",
};
const flow = new m4.PayoutFlow(gateway, payout, { poll_interval: Number(process.env.POLL_INTERVAL ?? 30) });
const timeoutMs = 1000 * Number(process.env.HTTP_TIMEOUT ?? 10);
const now = () => Date.now() / 1000;

let action = flow.start(now());
while (action.kind !== "done") {
  // Save the state before acting on it (no secret inside). After a crash:
  // flow = m4.PayoutFlow.fromJson(gateway, state); action = flow.resume(now())
  const state = flow.toJson();
  if (action.kind === "send") {
    const { method, url, headers, body } = action.request;
    let resp;
    try {
      resp = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      action = flow.onTimeout(now()); // time-out or connection error: the flow looks the payout up
      continue;
    }
    action = flow.onResponse(resp.status, new Uint8Array(await resp.arrayBuffer()), now());
  } else {
    // "wait": sleep (or schedule a job) and come back
    await new Promise((r) => setTimeout(r, action.seconds * 1000));
    action = flow.onWake(now());
  }
}
const { outcome } = action;
console.log(`node: ${outcome.kind} status=${outcome.status} creates_sent=${flow.createsSent}: ${outcome.message}`);
