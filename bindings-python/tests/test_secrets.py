"""Secrets never show: not in repr() of anything holding them, not in exceptions, not in
string_to_sign, not in saved flow state."""

from __future__ import annotations

import pickle

import pytest

import payoutkit
from payoutkit import Recipe, m4

SECRET, SIGN_KEY, API_KEY = "s3cr3t-§-key", "sign-§-key", "api-§-key"
PARAMS = {"shop_payment_id": "p-1", "payway": "card_payway_usd", "amount": "1.00", "amount_type": "ps_amount",
          "shop_currency": 840, "account": "4111"}


def hidden(text: object) -> None:
    for s in (SECRET, SIGN_KEY, API_KEY):
        assert s not in str(text), f"a secret shows in {text!r}"


def test_reprs_lines_and_state():
    gateways = [payoutkit.M4(1520, SECRET), payoutkit.Exotic("m-1", SIGN_KEY, API_KEY, "https://e.example"),
                payoutkit.Corefy("coma_1", API_KEY, "https://c.example", public_key="pk_test_1")]
    for gw in gateways:
        hidden(repr(gw))
        hidden(str(gw))
    exotic_status = gateways[1].status_pay_out("o-1")
    assert exotic_status.headers["X-Api-Key"] == API_KEY  # sent, by design
    hidden(repr(exotic_status))  # but never printed
    hidden(repr(gateways[2].get_payout_invoice("cpoi_1")))
    flow = m4.PayoutFlow(gateways[0], PARAMS)
    action = flow.start(0)
    hidden(repr(action))
    hidden(repr(flow))
    hidden(flow.to_json())
    signed = dict(PARAMS, shop_id=1520)
    hidden(m4.string_to_sign("withdraw/create", signed))
    hidden(Recipe.m4("withdraw/create").redacted_string_to_sign(signed))
    hidden(repr(Recipe.m4("withdraw/create")))


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: m4.sign(SECRET, PARAMS, SECRET),  # the secret as the method name
        lambda: m4.sign("withdraw/create", {}, SECRET),
        lambda: m4.sign("withdraw/create", PARAMS, f" {SECRET}"),
        lambda: payoutkit.exotic.sign_payout({"payment_method": SIGN_KEY}, SIGN_KEY),
        lambda: payoutkit.corefy.basic_auth(API_KEY + ":x", API_KEY),
        lambda: payoutkit.M4(1520, f"{SECRET}\n"),
        lambda: payoutkit.Exotic("m", SIGN_KEY, f" {API_KEY}", "https://e.example"),
        lambda: payoutkit.M4(1520, SECRET).withdraw_create(**PARAMS, bogus=SECRET),
        lambda: payoutkit.Exotic("m", SIGN_KEY, API_KEY, "https://e.example").rejected_pay_out("o-1"),
        lambda: m4.PayoutFlow.from_json(payoutkit.M4(1520, SECRET), SECRET),
        lambda: payoutkit.corefy.verify_callback("{}", 5, API_KEY),
    ],
)
def test_errors_never_show_a_secret(attempt):
    with pytest.raises(payoutkit.PayoutkitError) as info:
        attempt()
    hidden(f"{info.value} {info.value!r} {info.value.args}")
    hidden(pickle.loads(pickle.dumps(info.value)))


def test_printouts_hide_credentials_and_mask_card_numbers():
    """repr/str of a Request, an Action and an Outcome (what logging prints) never show a
    credential or a full card number; the body sent stays exact (PCI DSS: no full PAN in logs)."""
    pan, masked, api_key, secret = "4111111111111111", "411111******1111", "api-key-for-printouts", "m4-secret-for-printouts"
    m4gw = payoutkit.M4(1520, secret)
    params = {"shop_payment_id": "p-1", "payway": "card_payway_usd", "amount": "1.00", "amount_type": "ps_amount", "shop_currency": 840, "account": pan}
    create = m4gw.withdraw_create(**params)
    assert pan in (create.body or "")
    corefy = payoutkit.Corefy("coma_1", api_key, "https://c.example")
    items = [
        create,
        corefy.get_payout_invoice("cpoi_1"),
        payoutkit.Exotic("m-1", "sign-key-1", api_key, "https://e.example").status_pay_out("o-1"),
        payoutkit.m4.PayoutFlow(m4gw, params).start(0),
        payoutkit.exotic.classify(200, '{"status": "successful", "number_card": "%s"}' % pan),
        payoutkit.corefy.classify(200, '{"data": {"id": "c", "attributes": {"status": "processed", "fields": {"card_number": "%s"}}}}' % pan),
    ]
    for item in items:
        for text in (repr(item), str(item), f"{item}", repr([item])):
            for hidden in (pan, api_key, secret, payoutkit.corefy.basic_auth("coma_1", api_key)):
                assert hidden not in text, text
    assert masked in repr(create) and "***" in repr(corefy.get_payout_invoice("cpoi_1"))
