"""Pay out through M4 with httpx; payoutkit builds and signs every request and decides
every next step (sans-IO), so a time-out never turns into a second payout."""

import os
import time

import httpx

import payoutkit

gateway = payoutkit.M4(
    shop_id=1520,
    secret=os.environ["M4_SECRET"],
    base_url=os.environ.get("M4_BASE_URL", "https://api.m4solutions.io/gateway/v1"),
)
payout = {
    "shop_payment_id": os.environ.get("PAYOUT_ID", "payout-1001"),  # your idempotency key
    "payway": "card_payway_usd",
    "amount": "100.23",
    "amount_type": "ps_amount",
    "shop_currency": 840,
    "account": "4000000000000002",
}
flow = payoutkit.m4.PayoutFlow(gateway, payout, poll_interval=int(os.environ.get("POLL_INTERVAL", "30")))

with httpx.Client(timeout=float(os.environ.get("HTTP_TIMEOUT", "10"))) as http:
    action = flow.start()
    while action.kind != "done":
        # Save the state before acting on it (no secret inside). After a crash:
        # flow = payoutkit.m4.PayoutFlow.from_json(gateway, state); action = flow.resume()
        state = flow.to_json()
        if action.kind == "send":
            req = action.request
            try:
                resp = http.request(req.method, req.url, headers=req.headers, content=req.body)
            except httpx.TransportError:  # time-out or connection error: the flow looks the payout up
                action = flow.on_timeout()
            else:
                action = flow.on_response(resp.status_code, resp.content)
        else:  # "wait": sleep (or schedule a job) and come back
            time.sleep(action.seconds)
            action = flow.on_wake()

outcome = action.outcome
print(f"python: {outcome.kind} status={outcome.status} creates_sent={flow.creates_sent}: {outcome.message}")
