//! Secrets never show in Debug output, errors, lines to sign or saved flow state.

use payoutkit::flow::{Action, PayoutFlow};
use payoutkit::gateway::Gateway;
use payoutkit::{m4, Map, Secret, Value};

const SECRETS: [&str; 3] = ["s3cr3t-§-key", "sign-§-key", "api-§-key"];

fn hidden(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} shows a secret: {text}");
    }
}

fn params() -> Value {
    Map::new()
        .with("shop_payment_id", "p-1")
        .with("payway", "card_payway_usd")
        .with("amount", "1.00")
        .with("amount_type", "ps_amount")
        .with("shop_currency", 840)
        .with("account", "4111")
        .into()
}

#[test]
fn debug_lines_and_state_never_show_a_secret() {
    let gateways = [
        Gateway::from_args("m4", vec![1520.into(), SECRETS[0].into()]).unwrap(),
        Gateway::from_args("exotic", vec!["m-1".into(), SECRETS[1].into(), SECRETS[2].into(), "https://e.example".into()]).unwrap(),
        Gateway::from_args("corefy", vec!["coma_1".into(), SECRETS[2].into(), "https://c.example".into()]).unwrap(),
    ];
    for gw in &gateways {
        hidden("Gateway Debug", &format!("{gw:?}"));
    }
    let status = gateways[1].request("status_pay_out", &"o-1".into(), 0).unwrap();
    assert_eq!(status.header("X-Api-Key"), Some(SECRETS[2])); // sent, by design
    hidden("Request Debug", &format!("{status:?}"));
    hidden("Request Debug", &format!("{:?}", gateways[2].request("get_payout_invoice", &"cpoi_1".into(), 0).unwrap()));
    let mut flow = PayoutFlow::new(gateways[0].clone(), &params(), &Value::Null).unwrap();
    let action = flow.start(0).unwrap();
    assert!(matches!(action, Action::Send(_)));
    hidden("Action Debug", &format!("{action:?}"));
    hidden("PayoutFlow Debug", &format!("{flow:?}"));
    hidden("flow state", &flow.to_json());
    let mut signed = params();
    if let Value::Map(m) = &mut signed {
        m.insert("shop_id", 1520);
    }
    hidden("string_to_sign", &m4::string_to_sign("withdraw/create", &signed).unwrap());
    hidden("redacted", &m4::recipe("withdraw/create").unwrap().redacted_string_to_sign(&signed).unwrap());
    hidden("Secret Debug", &format!("{:?} {}", Secret::new(SECRETS[0]), Secret::new(SECRETS[0])));
}

#[test]
fn errors_never_show_a_secret() {
    let s = Secret::new(SECRETS[0]);
    let m4gw = Gateway::from_args("m4", vec![1520.into(), SECRETS[0].into()]).unwrap();
    let errors = [
        m4::sign(SECRETS[0], &params(), &s).unwrap_err(),
        m4::sign("withdraw/create", &Value::Map(Map::new()), &s).unwrap_err(),
        m4::sign("withdraw/create", &params(), &Secret::new(format!(" {}", SECRETS[0]))).unwrap_err(),
        Gateway::from_args("m4", vec![1520.into(), format!("{}\n", SECRETS[0]).into()]).unwrap_err(),
        m4gw.request("withdraw_create", &Value::Map(Map::new().with("bogus", SECRETS[0])), 0).unwrap_err(),
        PayoutFlow::from_json(m4gw.clone(), SECRETS[0]).unwrap_err(),
    ];
    for e in errors {
        hidden("error", &format!("{e} {e:?}"));
    }
}
