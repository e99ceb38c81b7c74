//! Flow state restore from arbitrary JSON: either `invalid_state` or a flow that round-trips
//! and takes events without panicking (and never sends a create it refuses internally).
#![no_main]
use libfuzzer_sys::fuzz_target;
use payoutkit::flow::PayoutFlow;
use payoutkit::dynamic::gateway;
use payoutkit::Provider;
use payoutkit::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let gateways = [
        gateway(Provider::M4, vec![Value::from(1520), Value::from("account-secret-key")]).unwrap(),
        gateway(Provider::Exotic, vec!["m".into(), "sign-key".into(), "api-key".into(), "https://e.example".into()]).unwrap(),
        gateway(Provider::Corefy, vec!["coma_1".into(), "api-key".into(), "https://c.example".into()]).unwrap(),
    ];
    for gw in gateways {
        let Ok(mut flow) = PayoutFlow::from_json(gw.clone(), text) else { continue };
        let saved = flow.to_json();
        assert_eq!(PayoutFlow::from_json(gw, &saved).unwrap().to_json(), saved);
        let body = Value::from(r#"{"result":false,"error_code":7,"data":{"data":[]}}"#);
        for now in [0, 30, 7200, i64::MAX] {
            let _ = flow.on_timeout(now);
            let _ = flow.on_wake(now);
            let _ = flow.on_response(404, &body, now);
            let _ = flow.start(now);
            let _ = flow.on_callback(&body, now);
        }
    }
});
