"""payoutkit.run / arun against the provider simulator over real HTTP, with faults on."""

from __future__ import annotations

import asyncio
import json
import queue
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Tuple

import httpx
import pytest
import requests

import payoutkit
from payoutkit import NoAnswer, WakeAt, corefy, exotic, m4
from payoutkit.store import LeaseLost
from conftest import corefy_params, exotic_params, m4_params


def test_importing_payoutkit_imports_no_http_client_or_driver():
    code = "import payoutkit, sys; bad = [m for m in ('httpx', 'requests', 'aiohttp', 'psycopg', 'sqlite3') if m in sys.modules]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "[]"


@pytest.mark.parametrize("client", ["httpx", "requests", "urllib"])
def test_m4_slow_then_lost_answers_never_pay_twice(sim, client):
    # Every create is made but answered too late, or not at all: the flow looks it up.
    sim.set_faults("m4", slow=1.0, slow_seconds=1.5, creates_only=True)
    flow = m4.PayoutFlow(sim.gateway("m4"), m4_params(f"slow-{client}"), poll_interval=1, deadline=30)
    http: Any = {"httpx": httpx.Client, "requests": requests.Session, "urllib": lambda: None}[client]()
    outcome = payoutkit.run(flow, http, timeout=0.5)
    assert outcome.kind == "succeeded" and outcome.status == 5
    entry = sim.ledger()[f"m4:slow-{client}"]
    assert entry["created"] == 1 and flow.creates_sent == 1


def test_lost_answers_and_lagging_lookups_meet_duplicate_protection(sim):
    # Created, connection dropped, and lookups blind for 2.5 s: the flow may create again after
    # two "not found" lookups; M4 refuses the duplicate (error 6) and the flow follows it.
    sim.set_faults("m4", lost=1.0, creates_only=True, lookup_lag=2.5)
    flow = m4.PayoutFlow(sim.gateway("m4"), m4_params("lag-1"), poll_interval=1, deadline=30)
    sim_ledger: Dict[str, Any]
    with httpx.Client() as http:
        outcome = payoutkit.run(flow, http, timeout=1)
    sim_ledger = sim.ledger()["m4:lag-1"]
    assert outcome.kind == "succeeded"
    assert sim_ledger["created"] == 1
    assert sim_ledger["refused"] == flow.creates_sent - 1


def test_state_is_saved_before_every_send(sim):
    saved: List[str] = []
    sent_phases: List[str] = []
    http = httpx.Client()

    def send(request: Any, timeout: float) -> Tuple[int, bytes]:
        sent_phases.append(json.loads(saved[-1])["phase"])
        r = http.request(request.method, request.url, headers=request.headers, content=request.body, timeout=timeout)
        return r.status_code, r.content

    flow = corefy.PayoutFlow(sim.gateway("corefy"), corefy_params("saved-1"), poll_interval=1, deadline=30)
    outcome = payoutkit.run(flow, send, store=saved.append)
    assert outcome.kind == "succeeded"
    assert sent_phases and all(p == "sent" for p in sent_phases)
    assert json.loads(saved[-1])["phase"] == "done"
    for state in saved:
        assert "sim-corefy-api-key" not in state


def test_a_store_that_refuses_stops_the_send():
    class Refuses:
        def save_flow(self, state: str, action: Any, now: float) -> None:
            if action.kind == "send":
                raise LeaseLost("taken over")

    sent: List[Any] = []
    gw = payoutkit.M4(1520, "s3cret", "http://127.0.0.1:9/gateway/v1")
    flow = m4.PayoutFlow(gw, m4_params("refused-1"))
    with pytest.raises(LeaseLost):
        payoutkit.run(flow, lambda r, t: sent.append(r) or (200, b"{}"), store=Refuses())
    assert sent == []


def test_transport_failures_are_timeouts_for_the_flow():
    calls: List[str] = []

    def send(request: Any, timeout: float) -> Tuple[int, bytes]:
        calls.append(request.url)
        raise TimeoutError()

    gw = payoutkit.M4(1520, "s3cret", "http://127.0.0.1:9/gateway/v1")
    flow = m4.PayoutFlow(gw, m4_params("timeouts-1"), poll_interval=1, deadline=3)
    clock = [1_000_000.0]
    outcome = payoutkit.run(flow, send, clock=lambda: clock[0], sleep=lambda s: clock.__setitem__(0, clock[0] + s))
    # Never answered: the deadline ends it as an explicit pending, with one create only.
    assert outcome.kind == "pending"
    assert flow.creates_sent == 1
    assert calls[0].endswith("/withdraw/create") and all(c.endswith("/withdraw/shop_payment_status") for c in calls[1:])


def test_request_timeout_attribute_wins_over_the_default():
    seen: List[float] = []

    class Req:
        method, url, headers, body, timeout = "GET", "http://x", {}, None, 7

    assert payoutkit._driver._timeout(Req(), 30.0) == 7.0
    assert payoutkit._driver._timeout(object(), 12.5) == 12.5
    del seen


def test_wait_return_gives_wake_at_and_the_run_resumes_from_saved_state(sim):
    gw = sim.gateway("m4")
    flow = m4.PayoutFlow(gw, m4_params("wake-1"), poll_interval=1, deadline=30)
    rounds = 0
    with httpx.Client() as http:
        result: Any = payoutkit.run(flow, http, wait="return")
        while isinstance(result, WakeAt):
            rounds += 1
            assert "4000000000000002" not in repr(result)
            time.sleep(max(0.0, result.at - time.time()))
            flow = m4.PayoutFlow.from_json(gw, result.state)  # as a scheduler would
            result = payoutkit.run(flow, http, wait="return")
    assert result.kind == "succeeded" and rounds >= 1
    assert sim.ledger()["m4:wake-1"]["created"] == 1


def test_arun_with_httpx_async_client_and_faults(sim):
    sim.set_faults(lost=0.3, error_after=0.2, slow=0.2, slow_seconds=1.2)

    async def main() -> List[Any]:
        async with httpx.AsyncClient() as http:
            flows = [m4.PayoutFlow(sim.gateway("m4"), m4_params(f"async-{i}"), poll_interval=1, deadline=40) for i in range(3)]
            flows += [corefy.PayoutFlow(sim.gateway("corefy"), corefy_params(f"async-c{i}"), poll_interval=1, deadline=40) for i in range(3)]
            return list(await asyncio.gather(*(payoutkit.arun(f, http, timeout=0.8) for f in flows)))

    outcomes = asyncio.run(main())
    assert [o.kind for o in outcomes] == ["succeeded"] * 6
    ledger = sim.ledger()
    assert all(e["created"] == 1 for e in ledger.values()), ledger


def test_arun_with_aiohttp(sim):
    aiohttp = pytest.importorskip("aiohttp")
    sim.set_faults("m4", slow=1.0, slow_seconds=1.5, creates_only=True)

    async def main() -> Any:
        async with aiohttp.ClientSession() as http:
            flow = m4.PayoutFlow(sim.gateway("m4"), m4_params("aio-1"), poll_interval=1, deadline=30)
            return await payoutkit.arun(flow, http, timeout=0.5)

    assert asyncio.run(main()).kind == "succeeded"
    assert sim.ledger()["m4:aio-1"]["created"] == 1


class _Receiver:
    """A callback endpoint that verifies with the core and queues what is authentic."""

    def __init__(self, sim: Any, q: Any) -> None:
        recipe, key, secret = sim.standart_sign(), sim.accounts.exotic_sign_key, sim.accounts.corefy_callback_secret

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.path.startswith("/corefy"):
                    ok = corefy.verify_callback(body, self.headers.get("X-Signature", ""), secret)
                else:
                    fields = json.loads(body)
                    ok = recipe.verify({k: v for k, v in fields.items() if k != "standart_sign"}, key, fields["standart_sign"])
                if ok:
                    q.put(body)
                self.send_response(200 if ok else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


def test_exotic_callback_first_ends_with_the_callback_not_the_deadline(sim):
    sim.set_faults("exotic", forged_callbacks=1.0, duplicate_callbacks=1.0)
    q: "queue.Queue[bytes]" = queue.Queue()
    rx = _Receiver(sim, q)
    # No poll_interval: the flow waits for the callback (at most its deadline).
    flow = exotic.PayoutFlow(sim.gateway("exotic"), exotic_params("cb-1", rx.url + "/exotic"), deadline=120)
    started = time.time()
    with httpx.Client() as http:
        outcome = payoutkit.run(flow, http, callbacks=q, timeout=2)
    rx.server.shutdown()
    assert outcome.kind == "succeeded" and outcome.status == "successful"
    assert time.time() - started < 60
    assert sim.ledger()["exotic:cb-1"]["created"] == 1
    assert sim.stats()["forged_accepted"] == 0


def test_corefy_callbacks_wake_the_flow(sim):
    q: "queue.Queue[bytes]" = queue.Queue()
    rx = _Receiver(sim, q)
    flow = corefy.PayoutFlow(sim.gateway("corefy"), corefy_params("cb-c1", rx.url + "/corefy", auto=True), poll_interval=600, deadline=120)
    started = time.time()
    with httpx.Client() as http:
        outcome = payoutkit.run(flow, http, callbacks=q, timeout=2)
    rx.server.shutdown()
    assert outcome.kind == "succeeded"
    assert time.time() - started < 60  # not the 600 s poll: a callback woke it


def test_wrong_client_type_is_a_clear_error():
    gw = payoutkit.M4(1520, "s3cret", "http://127.0.0.1:9/gateway/v1")
    with pytest.raises(TypeError, match="httpx.Client"):
        payoutkit.run(m4.PayoutFlow(gw, m4_params("x")), 42)
    with pytest.raises(ValueError, match="wait"):
        payoutkit.run(m4.PayoutFlow(gw, m4_params("x")), None, wait="later")


def test_no_answer_is_exported():
    assert issubclass(NoAnswer, Exception)
