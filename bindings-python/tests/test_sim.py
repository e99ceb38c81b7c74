"""The provider simulator answers in the documents' shapes, checks credentials with the
core, honours each provider's documented duplicate protection, and exposes its ledger and
faults (Python and HTTP)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from typing import Any

import httpx
import pytest

import payoutkit
from payoutkit import Recipe, corefy, exotic, m4
from payoutkit.testing import Accounts, Faults, Simulator
from conftest import corefy_params, exotic_params, m4_params


def send(http: httpx.Client, req: Any) -> httpx.Response:
    return http.request(req.method, req.url, headers=req.headers, content=req.body)


def test_m4_endpoints_signatures_and_duplicate_protection(sim):
    gw = sim.gateway("m4")
    with httpx.Client() as http:
        r = send(http, gw.withdraw_create(**m4_params("dup-1")))
        body = r.json()
        assert r.status_code == 200 and body["result"] is True and body["error_code"] == 0 and body["data"]["status"] == 1
        assert set(body["data"]) >= {"balance", "id", "payee_receive", "ps_currency", "shop_currency", "shop_payment_id", "shop_write_off", "status"}
        again = send(http, gw.withdraw_create(**m4_params("dup-1")))
        assert again.status_code == 400 and again.json()["error_code"] == 6 and again.json()["result"] is False
        assert m4.classify(again.status_code, again.content).kind in ("fatal_error", "duplicate")
        status = send(http, gw.shop_payment_status("dup-1")).json()
        assert status["data"]["shop_payment_id"] == "dup-1" and {"rrn", "bank_transaction_id", "error_code"} <= set(status["data"])
        assert send(http, gw.withdraw_status(body["data"]["id"])).json()["data"]["id"] == body["data"]["id"]
        assert send(http, gw.shop_payment_status("nope")).json()["error_code"] == 7
        wrong = payoutkit.M4(sim.accounts.m4_shop_id, "not-the-secret", sim.base_url("m4"))
        bad = send(http, wrong.withdraw_create(**m4_params("dup-2"))).json()
        assert bad["error_code"] == 10 and bad["message"].startswith("Invalid sign") and "not-the-secret" not in bad["message"]
        assert "4000000000000002" not in bad["message"]
        other_shop = payoutkit.M4(999, sim.accounts.m4_secret, sim.base_url("m4"))
        assert send(http, other_shop.shop_balance()).json()["error_code"] == 11
        tried = send(http, gw.withdraw_try(payway="card_payway_usd", amount="10.00", amount_type="ps_amount", shop_currency=840, account="4000000000000002")).json()
        assert "account_info_config" in tried["data"]
        assert send(http, gw.check_account(payway="card_payway_usd", amount="10.00", account="4000000000000002")).json()["data"]["result"] is True
        assert send(http, gw.shop_balance()).json()["data"]["balances"][0]["currency"] == 840
        assert send(http, gw.shop_output_config()).json()["data"][0]["payways"][0]["alias"] == "card_payway_usd"
    ledger = sim.ledger()
    assert ledger["m4:dup-1"]["created"] == 1 and ledger["m4:dup-1"]["refused"] == 1 and ledger["m4:dup-1"]["create_requests"] == 2
    assert "m4:dup-2" not in ledger


def test_exotic_has_no_duplicate_protection_so_a_second_create_is_a_second_payout(sim):
    gw = sim.gateway("exotic")
    with httpx.Client() as http:
        first = send(http, gw.create_pay_out(**exotic_params("twice")))
        assert first.status_code == 200 and set(first.json()) >= {"internal_transaction_id", "usdt_amount", "merchant_spent_usdt", "exchange_rate", "reject_callback_url"}
        assert exotic.classify(first.status_code, first.content).kind == "pending"
        send(http, gw.create_pay_out(**exotic_params("twice")))
        status = send(http, gw.status_pay_out("twice"))
        assert status.status_code == 200 and status.json()["ok"] is True and status.json()["status"] == "expectation"
        assert send(http, gw.status_pay_out("never")).status_code == 404
        wrong_key = payoutkit.Exotic(sim.accounts.exotic_merchant, sim.accounts.exotic_sign_key, "wrong", sim.base_url("exotic"))
        assert send(http, wrong_key.status_pay_out("twice")).status_code == 401
        wrong_sign = payoutkit.Exotic(sim.accounts.exotic_merchant, "wrong", sim.accounts.exotic_api_key, sim.base_url("exotic"))
        assert send(http, wrong_sign.create_pay_out(**exotic_params("bad"))).json() == {"ok": False, "message": "invalid sign"}
        cancel = send(http, gw.rejected_pay_out("twice"))
        assert cancel.json() == {"ok": True, "order_id": "twice", "status": "rejected_merchant"}
    assert sim.ledger()["exotic:twice"]["created"] == 2  # what payoutkit's flow must never provoke
    assert sim.stats()["paid_twice"] == ["exotic:twice"]


def test_corefy_json_api_auth_conflict_and_public_api(sim):
    gw = sim.gateway("corefy")
    with httpx.Client() as http:
        created = send(http, gw.create_payout_invoice(**corefy_params("ref-1")))
        inv = created.json()["data"]
        assert created.status_code == 201 and inv["type"] == "payout-invoices" and inv["id"].startswith("cpoi_")
        assert inv["attributes"]["status"] == "created" and inv["attributes"]["fields"]["card_number"] == "400000******0002"
        dup = send(http, gw.create_payout_invoice(**corefy_params("ref-1")))
        assert dup.status_code == 409 and dup.json()["data"]["id"] == inv["id"]
        assert corefy.classify(dup.status_code, dup.content).status == "created"
        found = send(http, gw.find_payout_invoice("ref-1")).json()
        assert [d["id"] for d in found["data"]] == [inv["id"]] and "meta" in found
        assert send(http, gw.find_payout_invoice("nope")).json()["data"] == []
        assert send(http, gw.get_payout_invoice(inv["id"])).status_code == 200
        assert send(http, gw.get_payout_invoice("cpoi_nope")).json() == {"errors": [{"status": "Not Found", "code": "404"}]}
        assert send(http, gw.process_payout_invoice(inv["id"])).status_code == 200
        assert send(http, gw.payout_services()).json()["data"][0]["type"] == "payout-services"
        pre = send(http, gw.payout_prerequest(currency="USD", amount="10")).json()
        assert "test_usd" in pre["data"]["services"]
        bad = payoutkit.Corefy(sim.accounts.corefy_account_id, "wrong", sim.base_url("corefy"), public_key="pk_wrong")
        assert send(http, bad.get_payout_invoice(inv["id"])).json() == {"errors": [{"status": "Unauthorized", "code": "401"}]}
        assert send(http, bad.payout_prerequest(currency="USD", amount="10")).status_code == 401
        ok = gw.create_payout_invoice(**corefy_params("ref-2"))
        invalid = http.post(ok.url, headers=ok.headers, content=ok.body.replace('"amount":10.50', '"amount":0'))
        assert invalid.status_code == 422 and "amount" in invalid.json()["errors"]
        time.sleep(1.0)
        assert send(http, gw.get_payout_invoice(inv["id"])).json()["data"]["attributes"]["status"] == "processed"
    assert sim.ledger()["corefy:ref-1"]["created"] == 1 and sim.ledger()["corefy:ref-1"]["refused"] == 1


def test_lookups_lag_creates_but_duplicate_protection_does_not(sim):
    sim.set_faults(lookup_lag=1.0)
    gw = sim.gateway("m4")
    with httpx.Client() as http:
        send(http, gw.withdraw_create(**m4_params("lag")))
        assert send(http, gw.shop_payment_status("lag")).json()["error_code"] == 7
        assert send(http, gw.withdraw_create(**m4_params("lag"))).json()["error_code"] == 6
        time.sleep(1.1)
        assert send(http, gw.shop_payment_status("lag")).json()["error_code"] == 0


@pytest.mark.parametrize("fault", ["lost", "slow", "error_before", "error_after"])
def test_faults(sim, fault):
    sim.set_faults("m4", **{fault: 1.0, "slow_seconds": 1.0})
    gw = sim.gateway("m4")
    with httpx.Client(timeout=0.5) as http:
        if fault in ("lost", "slow"):
            with pytest.raises(httpx.TransportError):
                send(http, gw.withdraw_create(**m4_params(fault)))
        else:
            r = send(http, gw.withdraw_create(**m4_params(fault)))
            assert r.status_code >= 500 and m4.classify(r.status_code, r.content).kind == "retryable_error"
    made = sim.ledger().get(f"m4:{fault}", {"created": 0})["created"]
    assert made == (0 if fault == "error_before" else 1)
    assert sim.stats()["counts"][f"m4:fault:{fault}"] == 1


def test_callbacks_are_signed_as_documented_and_forgeries_are_not(sim):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    import threading

    got: list = []

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a: Any) -> None:
            pass

        def do_POST(self) -> None:
            got.append((self.path, dict(self.headers), self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}"
    sim.set_faults(forged_callbacks=1.0, duplicate_callbacks=1.0)
    with httpx.Client() as http:
        send(http, sim.gateway("corefy").create_payout_invoice(**corefy_params("cb", url + "/corefy", auto=True)))
        send(http, sim.gateway("exotic").create_pay_out(**exotic_params("cb", url + "/exotic")))
    time.sleep(2.5)
    srv.shutdown()
    secret, recipe, key = sim.accounts.corefy_callback_secret, sim.standart_sign(), sim.accounts.exotic_sign_key
    verdicts = {"corefy": [], "exotic": []}
    for path, headers, body in got:
        if path == "/corefy":
            verdicts["corefy"].append(corefy.verify_callback(body, headers["X-Signature"], secret))
            assert corefy.parse_callback(body)["reference_id"] == "cb"
        else:
            fields = json.loads(body)
            sig = fields.pop("standart_sign")
            verdicts["exotic"].append(recipe.verify(fields, key, sig))
            assert exotic.parse_callback(body)["order_id"] == "cb"
    log = sim.callbacks()
    forged = sum(1 for c in log if c["forged"])
    assert forged >= 2 and sim.stats()["forged_accepted"] == forged  # this receiver acknowledged everything
    assert verdicts["corefy"].count(False) + verdicts["exotic"].count(False) == forged
    assert verdicts["corefy"].count(True) >= 2 and verdicts["exotic"].count(True) >= 1


def test_admin_http_endpoint(sim):
    admin = sim.url + "/_sim"
    req = urllib.request.Request(admin + "/faults", data=json.dumps({"provider": "corefy", "slow": 0.5}).encode(), method="POST")
    with urllib.request.urlopen(req) as r:
        faults = json.loads(r.read())
    assert faults["corefy"]["slow"] == 0.5 and faults["m4"]["slow"] == 0.0
    with httpx.Client() as http:
        send(http, sim.gateway("m4").withdraw_create(**m4_params("adm")))
        assert http.get(admin + "/ledger").json()["m4:adm"]["created"] == 1
        assert http.get(admin + "/stats").json()["payouts"] == 1
        assert http.post(admin + "/faults", content=b'{"nope": 1}').status_code == 400
        assert http.post(admin + "/reset").json() == {"ok": True}
        assert http.get(admin + "/ledger").json() == {}


def test_sim_command_prints_its_urls_and_stops_on_sigterm(tmp_path):
    import os
    import signal

    env = dict(os.environ, **Accounts(m4_secret="cli-s3cret").env())
    p = subprocess.Popen([sys.executable, "-m", "payoutkit.testing.sim", "m4", "--port", "0", "--faults", '{"lookup_lag": 1}'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        ready = json.loads(p.stdout.readline())
        assert ready["m4"].endswith("/m4/gateway/v1") and "exotic" not in ready
        gw = payoutkit.M4(1520, "cli-s3cret", ready["m4"])
        with httpx.Client() as http:
            assert send(http, gw.withdraw_create(**m4_params("cli"))).json()["error_code"] == 0
            assert http.get(ready["admin"] + "/faults").json()["m4"]["lookup_lag"] == 1.0
    finally:
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=10)
    assert json.loads(out.strip().splitlines()[-1])["payouts"] == 1
    assert "cli-s3cret" not in out + err
    assert "examples:" in subprocess.run([sys.executable, "-m", "payoutkit.testing.sim", "--help"], capture_output=True, text=True).stdout


def test_faults_validate_and_accounts_hide_secrets():
    with pytest.raises(ValueError, match="unknown fault"):
        Faults().update(slowness=1)
    assert "sim-m4-secret" not in repr(Accounts())
    with Simulator(["m4"], faults={"m4": {"lost": 0.5}}) as s:
        assert s.faults("m4").lost == 0.5 and s.faults("corefy").lost == 0.0
        assert "secret" not in repr(s)
