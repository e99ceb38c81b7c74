//! Secrets never show in Debug output, errors, lines to sign or saved flow state.

use payoutkit::flow::{Action, PayoutFlow};
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
        payoutkit::dynamic::gateway(payoutkit::Provider::from_name("m4").unwrap(), vec![1520.into(), SECRETS[0].into()]).unwrap(),
        payoutkit::dynamic::gateway(payoutkit::Provider::from_name("exotic").unwrap(), vec!["m-1".into(), SECRETS[1].into(), SECRETS[2].into(), "https://e.example".into()]).unwrap(),
        payoutkit::dynamic::gateway(payoutkit::Provider::from_name("corefy").unwrap(), vec!["coma_1".into(), SECRETS[2].into(), "https://c.example".into()]).unwrap(),
    ];
    for gw in &gateways {
        hidden("Gateway Debug", &format!("{gw:?}"));
    }
    let status = gateways[1].request("status_pay_out", &"o-1".into(), 0).unwrap();
    assert_eq!(status.header("X-Api-Key"), Some(SECRETS[2])); // sent, by design
    hidden("Request Debug", &format!("{status:?}"));
    hidden("Request Debug", &format!("{:?}", gateways[2].request("get_payout_invoice", &"cpoi_1".into(), 0).unwrap()));
    // Every provider's flow, with the first request in flight: the state and the Debug output
    // hold neither a secret nor the BasicAuth token made from one.
    let basic = payoutkit::corefy::basic_auth("coma_1", &Secret::new(SECRETS[2])).unwrap();
    let token = basic.trim_start_matches("Basic ");
    let exotic_params: Value = Map::new()
        .with("order_id", "o-1")
        .with("payment_method", "card")
        .with("fiat_amount", "1.00")
        .with("fiat_currency", "rub")
        .with("number_card", "4111111111111111")
        .with("success_callback_url", "https://shop.example/ok")
        .with("error_callback_url", "https://shop.example/fail")
        .into();
    let corefy_params: Value = Map::new()
        .with("reference_id", "r-1")
        .with("service", "card")
        .with("currency", "USD")
        .with("amount", "1.00")
        .with("fields", Map::new().with("card_number", "4111111111111111"))
        .into();
    for (gw, p) in gateways.iter().zip([params(), exotic_params, corefy_params]) {
        let mut flow = PayoutFlow::new(gw.clone(), &p, &Value::Null).unwrap();
        let action = flow.start(0).unwrap();
        assert!(matches!(action, Action::Send(_)));
        for (what, text) in [("Action Debug", format!("{action:?}")), ("PayoutFlow Debug", format!("{flow:?}")), ("flow state", flow.to_json())] {
            hidden(what, &text);
            assert!(!text.contains(token), "{what} shows the BasicAuth token: {text}");
        }
    }
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
    let m4gw = payoutkit::dynamic::gateway(payoutkit::Provider::from_name("m4").unwrap(), vec![1520.into(), SECRETS[0].into()]).unwrap();
    let errors = [
        m4::sign(SECRETS[0], &params(), &s).unwrap_err(),
        m4::sign("withdraw/create", &Value::Map(Map::new()), &s).unwrap_err(),
        m4::sign("withdraw/create", &params(), &Secret::new(format!(" {}", SECRETS[0]))).unwrap_err(),
        payoutkit::dynamic::gateway(payoutkit::Provider::from_name("m4").unwrap(), vec![1520.into(), format!("{}\n", SECRETS[0]).into()]).unwrap_err(),
        m4gw.request("withdraw_create", &Value::Map(Map::new().with("bogus", SECRETS[0])), 0).unwrap_err(),
        PayoutFlow::from_json(m4gw.clone(), SECRETS[0]).unwrap_err(),
    ];
    for e in errors {
        hidden("error", &format!("{e} {e:?}"));
    }
}

/// Debug printouts of a Request, an Action and an Outcome never show a credential or a full
/// card number (PCI DSS); the body itself stays exact.
#[test]
fn printouts_mask_card_numbers_and_credentials() {
    use payoutkit::{corefy, exotic, m4, Secret};
    let pan = "4111111111111111";
    let shop = m4::Client::new(1520, Secret::new(SECRETS[0]), None).unwrap();
    let params: Value = [("account", pan), ("amount", "1.00"), ("amount_type", "ps_amount"), ("payway", "p"), ("shop_payment_id", "x")]
        .into_iter()
        .chain([("shop_currency", "840")])
        .collect();
    let create = shop.request(m4::Endpoint::WithdrawCreate, &params, 0).unwrap();
    assert!(create.body.as_deref().unwrap().contains(pan));
    let corefy = corefy::Client::new("coma_1", Secret::new(SECRETS[2]), "https://c.example", None).unwrap();
    let get = corefy.request(corefy::Endpoint::GetPayoutInvoice, &"cpoi_1".into()).unwrap();
    let outcome = exotic::classify(200, &format!(r#"{{"status":"successful","number_card":"{pan}"}}"#).into()).unwrap();
    let auth = corefy::basic_auth("coma_1", &Secret::new(SECRETS[2])).unwrap();
    for text in [format!("{create:?}"), format!("{get:?}"), format!("{outcome:?}"), format!("{:?}", Action::Send(create.clone()))] {
        assert!(!text.contains(pan) && !text.contains(&auth) && !text.contains(SECRETS[2]), "{text}");
    }
    assert!(format!("{create:?}").contains("411111******1111"));
}
