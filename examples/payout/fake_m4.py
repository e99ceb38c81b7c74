"""A fake M4 gateway for testing the payout examples over real HTTP (stdlib only).

It checks every `sign` with hashlib (independently of payoutkit), keeps payouts by
`shop_payment_id` with M4's duplicate protection (error 6), answers status lookups (error 7
for an unknown id) and finishes a payout (status 5) after two status requests. With
FAKE_M4_SLOW_FIRST_CREATE=1 the first create of every id is carried out but answered too late for the
client's time-out: the client must look the payout up instead of paying twice. On exit
(SIGTERM) it prints how many payouts each id got.
"""

import hashlib
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ.get("M4_SECRET", "account-secret-key")
SIGNED = {
    "withdraw/create": ["account", "amount", "amount_type", "payway", "shop_currency", "shop_id", "shop_payment_id"],
    "withdraw/status": ["now", "shop_id", "withdraw_id"],
    "withdraw/shop_payment_status": ["now", "shop_id", "shop_payment_id"],
}
payouts = {}  # shop_payment_id -> {"id", "status", "polls", "count"}
lock = threading.Lock()
slow = os.environ.get("FAKE_M4_SLOW_FIRST_CREATE") == "1"


def envelope(data=None, code=0, message="Ok"):
    return {"result": code == 0, "message": message, "error_code": code, "data": data}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_POST(self):
        method = self.path.removeprefix("/gateway/v1/")
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        fields = SIGNED.get(method)
        line = ":".join(str(body[k]) for k in fields) + SECRET if fields else ""
        if not fields or hashlib.sha256(line.encode()).hexdigest() != body.get("sign"):
            return self.reply(200, envelope(code=10, message="Invalid sign"))
        with lock:
            if method == "withdraw/create":
                pid = body["shop_payment_id"]
                if pid in payouts:
                    payouts[pid]["count_dup"] = payouts[pid].get("count_dup", 0) + 1
                    return self.reply(400, envelope(code=6, message="non-unique shop_payment_id"))
                payouts[pid] = {"id": 48581287 + len(payouts), "status": 1, "polls": 0}
                data = {"id": payouts[pid]["id"], "status": 1, "shop_payment_id": pid}
                delay = slow
            else:
                key = body.get("shop_payment_id") or next((k for k, p in payouts.items() if p["id"] == int(body["withdraw_id"])), None)
                p = payouts.get(key)
                if p is None:
                    return self.reply(200, envelope(code=7, message="Operation has not been found"))
                p["polls"] += 1
                if p["polls"] >= 2:
                    p["status"] = 5
                data = {"id": p["id"], "status": p["status"], "shop_payment_id": key}
                delay = False
        if delay:
            time.sleep(3)  # longer than the client's time-out
        self.reply(200, envelope(data))

    def reply(self, status, obj):
        raw = json.dumps(obj).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), Handler)
    print(server.server_address[1], flush=True)

    def stop(*_):
        print(json.dumps({pid: {"payouts": 1, "duplicates_refused": p.get("count_dup", 0), "status": p["status"]} for pid, p in payouts.items()}), flush=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    server.serve_forever()


if __name__ == "__main__":
    main()
