"""The payout stores (SQLite and a real PostgreSQL): leases, fencing, the callback inbox."""

from __future__ import annotations

import json
import threading
import time
from typing import Any, List

import pytest

import payoutkit
from payoutkit import m4
from payoutkit.store import LeaseLost, SQLiteStore, open_store
from conftest import m4_params

GW = payoutkit.M4(1520, "s3cret-key", "http://127.0.0.1:9/gateway/v1")


def flow(ref: str) -> Any:
    return m4.PayoutFlow(GW, m4_params(ref), poll_interval=1, deadline=60)


def test_add_is_idempotent(store):
    assert store.add("p-1", "m4", flow("p-1"))
    assert not store.add("p-1", "m4", flow("p-1"))
    rec = store.get("p-1")
    assert rec.status == "new" and rec.gateway == "m4"
    assert json.loads(store.state("p-1"))["phase"] == "new"
    assert store.counts() == {"new": 1}


def test_each_payout_is_claimed_by_one_worker_at_a_time(store):
    for i in range(40):
        store.add(f"p-{i}", "m4", flow(f"p-{i}"))
    got: List[str] = []
    lock = threading.Lock()

    def claimer(name: str) -> None:
        while True:
            leases = store.claim(name, limit=3, ttl=30)
            if not leases:
                return
            with lock:
                got.extend(lease.key for lease in leases)

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == sorted(f"p-{i}" for i in range(40))  # each exactly once


def test_fencing_a_lapsed_lease_is_taken_over_and_the_old_holder_cannot_save(store):
    store.add("p-1", "m4", flow("p-1"))
    (a,) = store.claim("a", ttl=0.5)
    assert store.claim("b", ttl=0.5) == []  # held
    f = m4.PayoutFlow.from_json(GW, a.state)
    action = f.start()
    a.save_flow(f.to_json(), action, time.time())  # commits "sent" and renews
    a.before_send()
    time.sleep(0.7)  # a stall past the lease
    with pytest.raises(LeaseLost):
        a.before_send()  # the local clock already says no
    (b,) = store.claim("b", ttl=30)  # taken over
    assert json.loads(b.state)["phase"] == "sent"  # b resumes: the in-flight create is unanswered
    with pytest.raises(LeaseLost):
        a.save_flow(f.to_json(), action, time.time())
    with pytest.raises(LeaseLost):
        a.before_send()
    fb = m4.PayoutFlow.from_json(GW, b.state)
    nb = fb.resume()
    assert nb.kind == "send" and nb.request.url.endswith("/withdraw/shop_payment_status")  # a lookup, not a create
    b.save_flow(fb.to_json(), nb, time.time())
    b.release()


def test_renewal_keeps_the_lease(store):
    store.add("p-1", "m4", flow("p-1"))
    (a,) = store.claim("a", ttl=0.6)
    for _ in range(4):
        time.sleep(0.3)
        assert a.renew()
    assert store.claim("b", ttl=1) == []
    a.release()
    assert [x.key for x in store.claim("b", ttl=1)] == ["p-1"]


def test_waits_and_done_are_stored(store):
    store.add("p-1", "m4", flow("p-1"))
    (a,) = store.claim("a", ttl=30)
    f = m4.PayoutFlow.from_json(GW, a.state)
    f.start()
    wait = f.on_response(200, json.dumps({"result": True, "message": "Ok", "error_code": 0, "data": {"id": 5, "status": 1}}))
    assert wait.kind == "wait"
    a.save_flow(f.to_json(), wait, time.time())
    a.release()
    assert store.claim("b", ttl=30) == []  # not due yet
    rec = store.get("p-1")
    assert rec.status == "active" and rec.wake_at > time.time() and rec.creates_sent == 1
    time.sleep(1.1)
    (b,) = store.claim("b", ttl=30)
    f = m4.PayoutFlow.from_json(GW, b.state)
    check = f.resume()
    done = f.on_response(200, json.dumps({"result": True, "message": "Ok", "error_code": 0,
                                          "data": {"id": 5, "status": 5, "number_card": "4000000000000002"}}))
    assert check.kind == "send" and done.kind == "done"
    b.save_flow(f.to_json(), done, time.time())
    b.release()
    rec = store.get("p-1")
    assert rec.status == "done" and rec.outcome_kind == "succeeded"
    assert "4000000000000002" not in json.dumps(rec.outcome)  # card numbers masked in stored outcomes
    assert store.counts() == {"done": 1, "done:succeeded": 1}
    assert store.unfinished() == 0


def test_callbacks_wake_a_payout_and_are_marked_with_the_state(store):
    store.add("p-1", "corefy", flow("p-1"), wake_in=3600)
    assert store.claim("a", ttl=30) == []
    body = b'{"data":{"id":"cpoi_1","attributes":{"status":"processed","reference_id":"p-1","fields":{"card_number":"4000000000000002"}}}}'
    cid, verdict = store.add_callback("corefy", "p-1", body, "accepted")
    assert verdict == "accepted"
    assert store.add_callback("corefy", "p-1", body, "accepted")[1] == "duplicate"
    assert store.add_callback("corefy", "p-1", b"{}", "rejected")[1] == "rejected"
    (a,) = store.claim("a", ttl=30)  # due at once
    pending = a.pending_callbacks()
    assert [c.id for c in pending] == [cid]
    assert b"4000000000000002" not in pending[0].body and b"400000******0002" in pending[0].body
    assert b'"p-1"' in pending[0].body
    f = m4.PayoutFlow.from_json(GW, a.state)
    action = f.start()
    a.note_callback(cid, "delivered")
    a.save_flow(f.to_json(), action, time.time())
    assert a.pending_callbacks() == []
    (c,) = [c for c in store.callbacks("p-1") if c.id == cid]
    assert c.delivered_at is not None and c.attempts == 1
    assert sorted(c.verdict for c in store.callbacks("p-1")) == ["accepted", "duplicate", "rejected"]


def test_a_deferred_callback_wakes_the_payout_at_its_retry_time(store):
    store.add("p-1", "corefy", flow("p-1"))
    (a,) = store.claim("a", ttl=30)
    cid, _ = store.add_callback("corefy", "p-1", b'{"x":1}', "accepted")
    f = m4.PayoutFlow.from_json(GW, a.state)
    f.start()
    wait = f.on_response(200, json.dumps({"result": True, "message": "Ok", "error_code": 0, "data": {"id": 5, "status": 1}}))
    a.note_callback(cid, "deferred", time.time() + 0.5)
    a.save_flow(f.to_json(), wait, time.time())
    a.release()
    rec = store.get("p-1")
    assert rec.wake_at <= time.time() + 1.0  # the callback's retry, not the flow's 1 s poll... whichever is first


def test_find_key_and_orphans(store):
    store.add("ord-7", "exotic", flow("ord-7"))
    assert store.find_key("exotic", ["x", "ord-7", "successful"]) == "ord-7"
    assert store.find_key("corefy", ["ord-7"]) is None
    cid, verdict = store.add_callback("exotic", None, b'{"order_id":"nope"}', "orphan")
    assert verdict == "orphan" and store.callbacks()[-1].payout_key is None


def test_codec_encrypts_state_at_rest(tmp_path):
    enc = (lambda s: s[::-1], lambda s: s[::-1])  # any pair: your KMS / Fernet
    s = SQLiteStore(str(tmp_path / "x.db"), codec=enc)
    s.add("p-1", "m4", flow("p-1"))
    raw = s._execute("SELECT state FROM payoutkit_payouts")[0][0]
    assert "4000000000000002" not in raw
    assert json.loads(s.state("p-1"))["phase"] == "new"
    (lease,) = s.claim("a")
    assert json.loads(lease.state)["phase"] == "new"
    s.close()


def test_open_store_urls(tmp_path):
    s = open_store(f"sqlite:///{tmp_path}/a.db")
    assert isinstance(s, SQLiteStore)
    s.close()
    with pytest.raises(ValueError):
        open_store("mysql://x")


def test_postgres_repr_hides_the_dsn(pg_dsn):
    from payoutkit.store import PostgresStore

    s = PostgresStore(pg_dsn.replace("payoutkit@", "payoutkit:hunter2@"))
    assert "hunter2" not in repr(s)
    s.close()
