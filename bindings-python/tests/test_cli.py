"""The `payoutkit` command line: sign, verify, explain (documented vectors), secrets never
printed, card numbers masked. Run as `python -m payoutkit.cli` (the console script
`payoutkit` calls the same main)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import List, Tuple

import pytest

SECRET = "account-secret-key"
S2 = {"account": "79991112233", "amount": "100.23", "amount_type": "ps_amount", "payway": "qiwi_topup_rub_to_wallet[mock_server,success]",
      "shop_currency": 643, "shop_id": 357, "shop_payment_id": "shop_payment_111"}
S1_BODY = '{"data":{"type":"payout-invoices","id":"cpoi_VdHYVxq4RsLEebAQ","attributes":{"status":"processed","resolution":"ok"}}}'
G3 = {"order_id": "order123", "payment_method": "sbp", "fiat_amount": "1500.00", "phone_number": "79161234567", "fiat_currency": "rub"}


def cli(*args: str, secret: str = SECRET, stdin: str = "") -> Tuple[int, str]:
    env = dict(os.environ, THE_SECRET=secret)
    p = subprocess.run([sys.executable, "-m", "payoutkit.cli", *args], input=stdin, capture_output=True, text=True, env=env)
    out = p.stdout + p.stderr
    assert secret not in out, "a secret was printed"
    return p.returncode, out


def test_sign_documented_vectors():
    assert cli("sign", "m4", "withdraw/create", json.dumps(S2), "--secret-env", "THE_SECRET") == (0, "3aa48d45adc4049da3297ec8ae178fd33eb7e366ab47967147120e1a77148251\n")
    assert cli("sign", "exotic", json.dumps(G3), "--secret-env", "THE_SECRET", secret="test_sign_key")[1].strip() == \
        "53f49a84b929a1c6bf16fdf36ed151738def4b30a8088237ce480ffef538aa2f"
    assert cli("sign", "corefy-callback", "-", "--secret-env", "THE_SECRET", secret="sk_test_example", stdin=S1_BODY)[1].strip() == \
        "Q3UxmhaWwdRK9cUZ/yhNQWFNA+8="


def test_verify_exit_status():
    args = ["verify", "corefy-callback", "-", "--signature", "Q3UxmhaWwdRK9cUZ/yhNQWFNA+8=", "--secret-env", "THE_SECRET"]
    assert cli(*args, secret="sk_test_example", stdin=S1_BODY) == (0, "authentic\n")
    assert cli(*args, secret="sk_test_other", stdin=S1_BODY) == (1, "NOT authentic\n")
    signed = dict(S2, sign="3aa48d45adc4049da3297ec8ae178fd33eb7e366ab47967147120e1a77148251")
    assert cli("verify", "m4", "withdraw/create", json.dumps(signed), "--secret-env", "THE_SECRET")[0] == 0
    assert cli("verify", "m4", "withdraw/create", json.dumps(dict(signed, amount="100.24")), "--secret-env", "THE_SECRET")[0] == 1
    assert cli("verify", "m4-callback", "{not json", "--secret-env", "THE_SECRET")[0] in (1, 2)


def test_explain_a_pasted_request_masks_cards_and_hides_the_secret():
    request = (
        "POST /gateway/v1/withdraw/create HTTP/1.1\nHost: api.m4solutions.io\nContent-Type: application/json\n\n"
        + json.dumps(dict(S2, account="4000000000000002", description="not signed", sign="00"))
    )
    code, out = cli("explain", "-", "--secret-env", "THE_SECRET", stdin=request)
    assert code == 1 and "match: NO" in out
    assert "an M4 request, method withdraw/create" in out
    assert "signed fields, in order: account, amount, amount_type, payway, shop_currency, shop_id, shop_payment_id" in out
    assert "sent but not signed: description" in out
    assert "400000******0002:100.23:ps_amount" in out and "4000000000000002" not in out
    assert out.count("***") >= 2


def test_explain_callbacks():
    pasted = f"POST /callbacks/corefy HTTP/1.1\nX-Signature: Q3UxmhaWwdRK9cUZ/yhNQWFNA+8=\n\n{S1_BODY}"
    code, out = cli("explain", "-", "--secret-env", "THE_SECRET", secret="sk_test_example", stdin=pasted)
    assert code == 0 and "match: yes" in out and f"***{S1_BODY}***" in out
    code, out = cli("explain", "-", stdin=json.dumps({"order_id": "o1", "status": "successful", "standart_sign": "abc"}))
    assert code == 0 and "undocumented" in out
    m4_callback = {"shop_order_id": "5b0efa8a-153b-4421-abac-2aba4d772a86", "shop_id": 1520, "status": "success", "payment_id": 12,
                   "ps_currency": 840, "error_code": 0, "description": "", "processed": None,
                   "sign": "34ac402f96d96527ac20180ecdc0c5d53174e1930c27f142941187acb7904d4c"}
    code, out = cli("explain", "-", "--secret-env", "THE_SECRET", stdin=json.dumps(m4_callback))
    assert code == 0 and "match: yes" in out
    assert "0:12:840:1520:5b0efa8a-153b-4421-abac-2aba4d772a86:success***" in out


def test_explain_corefy_request_never_shows_the_api_key():
    import base64

    auth = base64.b64encode(b"coma_1:the-api-key").decode()
    code, out = cli("explain", "-", stdin=f"GET /api/payout-invoices/cpoi_1 HTTP/1.1\nAuthorization: Basic {auth}\n\n")
    assert code == 0 and "coma_1" in out and "the-api-key" not in out


@pytest.mark.parametrize("args", [["--help"], ["sign", "--help"], ["verify", "--help"], ["explain", "--help"], ["sim", "--help"]])
def test_help_shows_examples(args: List[str]):
    code, out = cli(*args)
    assert code == 0 and "examples:" in out


def test_secret_never_from_argv_and_missing_secret_is_a_usage_error():
    code, out = cli("sign", "m4", "withdraw/create", json.dumps(S2), "--secret-env", "NOT_SET_ANYWHERE")
    assert code == 2 and "NOT_SET_ANYWHERE" in out
