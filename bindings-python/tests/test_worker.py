"""The worker, the callback handler and the stalled-worker (fencing) cases, against the
simulator over real HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from typing import Any, Dict, List, Tuple

import httpx
import pytest

import payoutkit
from payoutkit import Exotic, corefy, exotic, m4
from payoutkit.store import LeaseLost, SQLiteStore
from payoutkit.worker import CallbackServer, GatewayConfig, Worker, enqueue, gateways_from_config, gateways_from_env, receive_callback
from conftest import corefy_params, exotic_params, m4_params


def configs(sim: Any) -> Dict[str, GatewayConfig]:
    a = sim.accounts
    return {
        "m4": GatewayConfig("m4", "m4", sim.gateway("m4")),
        "exotic": GatewayConfig("exotic", "exotic", sim.gateway("exotic"), standart_sign=sim.standart_sign(), sign_key=a.exotic_sign_key),
        "corefy": GatewayConfig("corefy", "corefy", sim.gateway("corefy"), callback_secret=a.corefy_callback_secret),
    }


def test_worker_drives_all_three_providers_with_callbacks_and_forgeries(sim, tmp_path):
    sim.set_faults(forged_callbacks=1.0, duplicate_callbacks=0.5, lookup_lag=1.0)
    # Lost answers for the polling flows only: a callback-first exotic flow whose one status
    # check (after the callback) is lost waits until its deadline (the core's choice).
    sim.set_faults("m4", lost=0.1)
    sim.set_faults("corefy", lost=0.1)
    store = SQLiteStore(str(tmp_path / "w.db"))
    gws = configs(sim)
    rx = CallbackServer(store, gws).start()
    for i in range(3):
        enqueue(store, f"m4-{i}", gws["m4"], m4_params(f"m4-{i}"), poll_interval=1, deadline=60)
        enqueue(store, f"ex-{i}", gws["exotic"], exotic_params(f"ex-{i}", f"{rx.url}/exotic/ex-{i}"), deadline=60)
        enqueue(store, f"co-{i}", gws["corefy"], corefy_params(f"co-{i}", f"{rx.url}/corefy", auto=i % 2 == 0), poll_interval=30, deadline=60)
    worker = Worker(store, gws, concurrency=4, lease_ttl=5, http_timeout=1.5, idle_sleep=0.1)
    started = time.time()
    worker.serve(until_idle=True, max_seconds=90)
    time.sleep(1.5)  # late forged callbacks
    rx.stop()
    assert time.time() - started < 75  # not max_seconds; a payout that waited for its 60 s deadline ends pending (below)
    kinds = {r.key: r.outcome_kind for r in store.payouts()}
    assert set(kinds.values()) == {"succeeded"}, kinds
    ledger = sim.ledger()
    assert all(e["created"] == 1 for e in ledger.values()), ledger
    stored = store.callbacks()
    sent = sim.callbacks()
    assert sim.stats()["forged_accepted"] == 0
    forged = [c for c in sent if c["forged"]]
    assert forged and all(c["answer"] == 401 for c in forged)
    assert sum(1 for c in stored if c.verdict == "rejected") == len(forged)
    assert all(c.delivered_at is None for c in stored if c.verdict == "rejected")
    assert any(c.delivered_at is not None and c.note is None for c in stored if c.verdict == "accepted")
    assert all(b"4000000000000002" not in c.body for c in stored)
    store.close()


def test_receive_callback_verdicts(sim, tmp_path):
    store = SQLiteStore(str(tmp_path / "cb.db"))
    gws = configs(sim)
    enqueue(store, "co-1", gws["corefy"], corefy_params("co-1"))
    enqueue(store, "ex-1", gws["exotic"], exotic_params("ex-1"))
    body = b'{"data":{"type":"payout-invoices","id":"cpoi_1","attributes":{"status":"processed","reference_id":"co-1"}}}'
    sig = corefy.callback_signature(body, sim.accounts.corefy_callback_secret)
    assert receive_callback(store, gws, "corefy", body, {"x-signature": sig}) == (200, "accepted")  # found by its values
    assert receive_callback(store, gws, "corefy", body, {"X-Signature": sig}, "co-1") == (200, "duplicate")
    assert receive_callback(store, gws, "corefy", body, {"X-Signature": "Q3UxmhaWwdRK9cUZ/yhNQWFNA+8="}, "co-1") == (401, "rejected")
    assert receive_callback(store, gws, "corefy", body, {}, "co-1") == (401, "rejected")
    assert receive_callback(store, gws, "corefy", b"not json", {"X-Signature": "!!"}, "co-1") == (401, "rejected")
    other = body.replace(b"co-1", b"co-unknown")
    assert receive_callback(store, gws, "corefy", other, {"X-Signature": corefy.callback_signature(other, sim.accounts.corefy_callback_secret)}) == (200, "orphan")
    fields = {"order_id": "ex-1", "type": "pay_out", "status": "successful", "fiat_amount": "1500.00", "number_card": "4000000000000002"}
    signed = dict(fields, standart_sign=sim.standart_sign().sign(fields, sim.accounts.exotic_sign_key))
    assert receive_callback(store, gws, "exotic", json.dumps(signed).encode(), {}, "ex-1") == (200, "accepted")
    forged = dict(signed, status="rejected_gate")
    assert receive_callback(store, gws, "exotic", json.dumps(forged).encode(), {}, "ex-1") == (401, "rejected")
    assert receive_callback(store, gws, "exotic", b'{"order_id":"ex-1","order_id":"ex-2","status":"x"}', {}, "ex-1") == (400, "malformed")
    # The gateway's own standart_sign recipe decides (the core's callback_verdict): none, unverified.
    a = sim.accounts
    bare = Exotic(a.exotic_merchant, a.exotic_sign_key, a.exotic_api_key, sim.base_url("exotic"))
    no_recipe = dict(gws, exotic=GatewayConfig("exotic", "exotic", bare))
    assert receive_callback(store, no_recipe, "exotic", json.dumps(dict(forged, fiat_amount="1.00")).encode(), {}, "ex-1") == (200, "unverified")
    assert receive_callback(store, gws, "m4", b"{}", {}) == (404, "unknown")
    assert receive_callback(store, gws, "nope", b"{}", {}) == (404, "unknown")
    verdicts = [c.verdict for c in store.callbacks()]
    assert verdicts.count("rejected") == 4
    store.close()


class _Stalling:
    """A transport whose first request (the create) is held back until released: a worker
    that stalls between committing "sent" and the bytes leaving."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.http = httpx.Client()
        self.answers: List[Tuple[int, bytes]] = []

    def __call__(self, request: Any, timeout: float) -> Tuple[int, bytes]:
        if not self.answers:
            self.release.wait(30)
        r = self.http.request(request.method, request.url, headers=request.headers, content=request.body, timeout=timeout)
        self.answers.append((r.status_code, r.content))
        return r.status_code, r.content


@pytest.mark.parametrize("provider", ["m4", "corefy", "exotic"])
def test_a_worker_stalled_between_commit_and_send_never_pays_twice(sim, store, provider):
    gws = configs(sim)
    params = {"m4": m4_params, "corefy": corefy_params, "exotic": exotic_params}[provider](f"stall-{provider}")
    enqueue(store, "p", gws[provider], params, poll_interval=1, deadline=60)
    (a,) = store.claim("a", ttl=1.0)
    flow_a = {"m4": m4, "corefy": corefy, "exotic": exotic}[provider].PayoutFlow.from_json(gws[provider].gateway, a.state)
    stalling = _Stalling()
    result: Dict[str, Any] = {}

    def worker_a() -> None:
        try:
            result["a"] = payoutkit.run(flow_a, stalling, store=a, wait="return")
        except LeaseLost as e:
            result["a"] = e

    t = threading.Thread(target=worker_a)
    t.start()
    time.sleep(1.3)  # a's create is committed as sent, and stalls past its lease
    (b,) = store.claim("b", ttl=30)
    flow_b = type(flow_a).from_json(gws[provider].gateway, b.state)
    with httpx.Client() as http:
        res: Any = payoutkit.run(flow_b, http, store=b, wait="return")
        # b looks the payout up; M4 and Corefy may create it after two "not found" lookups
        while isinstance(res, payoutkit.WakeAt) and time.time() < res.at + 5 and flow_b.creates_sent < 2 and provider != "exotic":
            time.sleep(max(0.0, res.at - time.time()))
            res = payoutkit.run(flow_b, http, store=b, wait="return")
        stalling.release.set()  # now a's stale create reaches the provider
        t.join(30)
        while isinstance(res, payoutkit.WakeAt):
            time.sleep(max(0.0, res.at - time.time()))
            res = payoutkit.run(flow_b, http, store=b, wait="return")
    ledger = sim.ledger()[f"{provider}:stall-{provider}"]
    assert ledger["created"] == 1, ledger  # never paid twice
    assert isinstance(result["a"], LeaseLost)  # a stopped at its next save
    assert res.kind in ("succeeded", "pending")
    if provider == "exotic":
        assert flow_b.creates_sent == 1  # only a's: exotic's flow never creates again
        assert res.kind == "succeeded"
    else:
        assert flow_b.creates_sent == 2 and ledger["refused"] == 1  # b created after two "not found"; a's create was refused
        assert stalling.answers[0][0] in (400, 409)


def test_gateways_from_env_and_config_keep_secrets_out_of_repr(sim, tmp_path):
    env = {
        "PAYOUTKIT_GATEWAYS": "m4,pay",
        "PAYOUTKIT_M4_SHOP_ID": "1520",
        "PAYOUTKIT_M4_SECRET": "m4-s3cret-value",
        "PAYOUTKIT_M4_BASE_URL": sim.base_url("m4"),
        "PAYOUTKIT_PAY_PROVIDER": "corefy",
        "PAYOUTKIT_PAY_ACCOUNT_ID": "coma_1",
        "PAYOUTKIT_PAY_API_KEY": "corefy-s3cret-value",
        "PAYOUTKIT_PAY_BASE_URL": sim.base_url("corefy"),
        "PAYOUTKIT_PAY_CALLBACK_SECRET": "sk-s3cret-value",
    }
    gws = gateways_from_env(env)
    assert sorted(gws) == ["m4", "pay"] and gws["pay"].provider == "corefy"
    for g in gws.values():
        assert "s3cret" not in repr(g) and "s3cret" not in repr(g.gateway)
    cfg = {"gateways": {"x": {"provider": "exotic", "merchant": "m", "sign_key": {"env": "K"}, "api_key": {"file": str(tmp_path / "k")},
                              "base_url": "https://e.example", "standart_sign": {"fields": ["order_id"], "secret": "append_with_separator"}}}}
    (tmp_path / "k").write_text("api-s3cret\n")
    x = gateways_from_config(cfg, {"K": "sign-s3cret"})["x"]
    assert x.sign_key == "sign-s3cret" and x.standart_sign is not None and "s3cret" not in repr(x)
    with pytest.raises(ValueError, match=r"\$NOPE"):
        gateways_from_config({"gateways": {"m": {"provider": "m4", "shop_id": 1, "secret": {"env": "NOPE"}}}}, {})
    with pytest.raises(ValueError, match="unknown setting"):
        gateways_from_config({"gateways": {"m": {"provider": "m4", "shop_id": 1, "secret": "x", "typo": 1}}}, {})


def test_worker_command_enqueues_and_runs_until_idle_without_printing_secrets(sim, tmp_path):
    env = dict(os.environ, PAYOUTKIT_GATEWAYS="m4", PAYOUTKIT_M4_SHOP_ID="1520", PAYOUTKIT_M4_SECRET=sim.accounts.m4_secret,
               PAYOUTKIT_M4_BASE_URL=sim.base_url("m4"), PAYOUTKIT_STORE=f"sqlite:///{tmp_path}/cmd.db")
    lines = "".join(json.dumps({"key": f"cmd-{i}", "gateway": "m4", "params": m4_params(f"cmd-{i}"), "options": {"poll_interval": 1}}) + "\n" for i in range(3))
    (tmp_path / "p.jsonl").write_text(lines)
    cmd = [sys.executable, "-m", "payoutkit.worker"]
    out = subprocess.run(cmd + ["--enqueue", str(tmp_path / "p.jsonl")], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == {"added": 3, "already_there": 0}
    run = subprocess.run(cmd + ["--until-idle", "--max-seconds", "60", "-vv", "--http-timeout", "5", "--lease-ttl", "10"], env=env,
                         capture_output=True, text=True, check=True)
    status = subprocess.run(cmd + ["--status"], env=env, capture_output=True, text=True, check=True)
    assert json.loads(status.stdout) == {"done": 3, "done:succeeded": 3}
    everything = out.stdout + out.stderr + run.stdout + run.stderr + status.stdout
    assert sim.accounts.m4_secret not in everything
    assert "4000000000000002" not in everything
    assert "payout cmd-0: succeeded" in run.stderr
    help_text = subprocess.run(cmd + ["--help"], capture_output=True, text=True, check=True).stdout
    assert "examples:" in help_text and "--callbacks" in help_text


def test_worker_refuses_a_lease_shorter_than_a_request(tmp_path):
    with pytest.raises(ValueError):
        Worker(SQLiteStore(str(tmp_path / "x.db")), {}, lease_ttl=5, http_timeout=10)
