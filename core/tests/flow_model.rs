//! Proof by exhaustion that the payout flows cannot pay twice.
//!
//! Each flow is driven through every sequence of answers up to depth 12 against a model of
//! its provider that records every payout it actually creates. At every step the model may
//! answer normally (each status it can be in), with an error of each class, time out (after
//! or before doing the work), answer 5xx (after or before), answer a lookup with a *stale*
//! "not found" for a payout it has just created (lookups lag behind creates), answer a
//! search with someone else's invoice, or (exotic, Corefy) deliver a callback, truthful,
//! forged, or for another payout; a wait may end on time or an hour late (a worker that was
//! down). Like the real providers, M4 refuses a second create for an id (error 6) and Corefy
//! answers it with 409 and the existing invoice; exotic documents no such protection, so its
//! model creates a second payout if asked. The flow is saved to JSON and restored before
//! every event, so resuming is exercised everywhere. Asserted:
//! - never two payouts for one id;
//! - a create reaches a model that already holds the payout only after the model itself said
//!   "not found" (a stale answer) since the last create, and never more than 3 creates;
//! - `done` never claims more than the model knows: `succeeded` only for a payout that
//!   succeeded, `rejected` only for one rejected or never created, errors only when no payout
//!   exists; a payout that is still pending is only ever reported as `pending`;
//! - no wait runs past the deadline, any event at or after the deadline ends the flow, and
//!   at most 5 requests go out between two waits (no hot loop against the provider).
//!
//! States are memoised (flow JSON + model), and the number of distinct answer sequences is
//! counted through the memo, so the count is exact without walking each path.

use payoutkit::flow::{Action, PayoutFlow};
use payoutkit::gateway::Gateway;
use payoutkit::http::{Kind, Request};
use payoutkit::Value;
use serde_json::{json, Value as J};
use std::collections::HashMap;

const DEPTH: u32 = 12;
const DEADLINE: i64 = 7200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Provider {
    M4,
    Exotic,
    Corefy,
}

/// The provider's truth about the one payout id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Model {
    t: i64,
    /// Payouts created for the id (must stay <= 1).
    payouts: u8,
    /// Create requests received.
    creates: u8,
    /// Whether a stale "not found" was answered since the last create.
    stale_given: bool,
    /// Requests since the last wait.
    burst: u8,
    /// The payout's status (provider vocabulary), when it exists.
    status: &'static str,
}

#[derive(Clone, Debug)]
enum Event {
    Response(u16, String),
    Timeout,
    Wake(i64),
    Callback(String),
}

fn final_kind(p: Provider, status: &str) -> Kind {
    match (p, status) {
        (Provider::M4, "5") | (Provider::Exotic, "successful") | (Provider::Corefy, "processed") => Kind::Succeeded,
        (Provider::M4, "6") | (Provider::Exotic, "rejected_gate") | (Provider::Corefy, "process_failed") => Kind::Rejected,
        _ => Kind::Pending,
    }
}

/// Status moves the model may make while a payout is not final.
fn next_statuses(p: Provider, status: &'static str) -> Vec<&'static str> {
    if final_kind(p, status) != Kind::Pending {
        return vec![status];
    }
    match (p, status) {
        (Provider::M4, _) => vec![status, "2", "3", "9", "5", "6"],
        (Provider::Exotic, _) => vec![status, "successful", "rejected_gate"],
        // A created invoice waits for process; a processing one may finish either way.
        (Provider::Corefy, "created") => vec!["created"],
        (Provider::Corefy, _) => vec![status, "processed", "process_failed"],
    }
    .into_iter()
    .enumerate()
    .filter(|(i, s)| *i == 0 || *s != status)
    .map(|(_, s)| s)
    .collect()
}

fn m4_ok(status: &str) -> String {
    json!({"result": true, "message": "Ok", "error_code": 0, "data": {"id": 48581287, "status": status.parse::<i64>().unwrap(), "shop_payment_id": "p-1"}}).to_string()
}
fn m4_err(code: i64) -> String {
    json!({"result": false, "message": "error", "error_code": code, "data": null}).to_string()
}
fn corefy_invoice(status: &str) -> String {
    json!({"data": {"type": "payout-invoices", "id": "cpoi_1", "attributes": {"status": status, "reference_id": "p-1", "amount": 10.5}}}).to_string()
}
fn exotic_status(status: &str) -> String {
    json!({"ok": true, "order_id": "p-1", "type": "pay_out", "status": status, "fiat_amount": "1500.00"}).to_string()
}

/// Which request this is, from its method and URL.
fn request_kind(r: &Request) -> &'static str {
    let u = r.url.as_str();
    if u.ends_with("withdraw/try") {
        "try"
    } else if u.ends_with("check_account") {
        "check_account"
    } else if u.ends_with("withdraw/create") || u.ends_with("create_pay_out/") || (r.method == "POST" && u.ends_with("/payout-invoices")) {
        "create"
    } else if u.ends_with("/process") {
        "process"
    } else {
        "check"
    }
}

/// Every answer the model can give to a request, with the model after it.
fn answers(p: Provider, m: &Model, r: &Request) -> Vec<(Model, Event)> {
    let mut out = Vec::new();
    let exists = m.payouts > 0;
    let kind = request_kind(r);
    match kind {
        "try" | "check_account" => {
            let ok = if kind == "try" {
                json!({"result": true, "message": "Ok", "error_code": 0, "data": {"account_info_config": {}}}).to_string()
            } else {
                json!({"result": true, "message": "Ok", "error_code": 0, "data": {"result": true, "account_info": {"first_name": "A"}}}).to_string()
            };
            out.push((m.clone(), Event::Response(200, ok)));
            if kind == "check_account" {
                let no = json!({"result": true, "message": "Ok", "error_code": 0, "data": {"result": false}}).to_string();
                out.push((m.clone(), Event::Response(200, no)));
            }
            out.push((m.clone(), Event::Response(200, m4_err(1))));
            out.push((m.clone(), Event::Response(200, m4_err(9))));
            out.push((m.clone(), Event::Response(502, "<html>bad gateway</html>".into())));
            out.push((m.clone(), Event::Timeout));
        }
        "create" => {
            let mut m = m.clone();
            m.creates += 1;
            m.stale_given = false;
            if exists {
                // The provider's own duplicate protection answers (exotic has none).
                match p {
                    Provider::M4 => out.push((m.clone(), Event::Response(400, m4_err(6)))),
                    Provider::Corefy => out.push((m.clone(), Event::Response(409, corefy_invoice(m.status)))),
                    Provider::Exotic => {
                        let mut twice = m.clone();
                        twice.payouts += 1;
                        out.push((twice, Event::Response(200, json!({"internal_transaction_id": "it-2"}).to_string())));
                    }
                }
                out.push((m.clone(), Event::Timeout));
                return out;
            }
            let mut created = m.clone();
            created.payouts += 1;
            let first: &[&'static str] = match p {
                Provider::M4 => &["1", "5", "6"],
                Provider::Exotic => &["expectation", "successful"],
                Provider::Corefy => &["created"],
            };
            for s in first {
                let mut c = created.clone();
                c.status = s;
                let body = match p {
                    Provider::M4 => m4_ok(s),
                    Provider::Corefy => corefy_invoice(s),
                    Provider::Exotic if *s == "successful" => exotic_status(s),
                    Provider::Exotic => json!({"internal_transaction_id": "it-1", "fiat_amount": "1500.00", "warning": "low balance after this payout"}).to_string(),
                };
                out.push((c.clone(), Event::Response(if p == Provider::Corefy { 201 } else { 200 }, body)));
                out.push((c.clone(), Event::Timeout)); // done, but the answer was lost
                out.push((c, Event::Response(504, "gateway timeout".into()))); // done behind a failing proxy
            }
            // Done, with an answer the flow has to treat with care.
            let mut c = created.clone();
            c.status = match p {
                Provider::M4 => "1",
                Provider::Exotic => "expectation",
                Provider::Corefy => "created",
            };
            match p {
                Provider::M4 => out.push((c, Event::Response(200, json!({"result": true, "error_code": 0, "data": null}).to_string()))),
                Provider::Corefy => {
                    out.push((c.clone(), Event::Response(202, json!({"data": null}).to_string())));
                    let no_id = json!({"data": {"type": "payout-invoices", "id": "", "attributes": {"status": "created", "reference_id": "p-1"}}});
                    out.push((c, Event::Response(201, no_id.to_string())));
                }
                Provider::Exotic => {
                    out.push((c.clone(), Event::Response(200, json!({"ok": false}).to_string())));
                    out.push((c, Event::Response(409, json!({"error": "order_id already exists"}).to_string())));
                }
            }
            // Not done at all.
            out.push((m.clone(), Event::Timeout));
            out.push((m.clone(), Event::Response(503, "unavailable".into())));
            match p {
                Provider::M4 => {
                    out.push((m.clone(), Event::Response(200, m4_err(4))));
                    out.push((m.clone(), Event::Response(400, json!({"result": false, "error_code": "5", "data": null}).to_string())));
                    out.push((m.clone(), Event::Response(200, m4_err(9))));
                }
                Provider::Corefy => {
                    let e = json!({"errors": {"amount": "This value should be greater than 0."}}).to_string();
                    out.push((m.clone(), Event::Response(422, e)));
                    out.push((m.clone(), Event::Response(400, json!({"errors": [{"status": "Bad Request", "code": "400"}]}).to_string())));
                    out.push((m.clone(), Event::Response(429, json!({"errors": [{"status": "Too Many Requests", "code": "429"}]}).to_string())));
                }
                Provider::Exotic => {
                    out.push((m.clone(), Event::Response(400, json!({"error": "low balance"}).to_string())));
                    out.push((m.clone(), Event::Response(400, json!({"error": "something unexpected"}).to_string())));
                }
            }
        }
        "process" => {
            if exists && m.status == "created" {
                let mut c = m.clone();
                c.status = "processing";
                out.push((c.clone(), Event::Response(200, corefy_invoice("processing"))));
                out.push((c, Event::Timeout));
            }
            out.push((m.clone(), Event::Response(500, json!({"errors": [{"status": "internal_error", "code": "500"}]}).to_string())));
            out.push((m.clone(), Event::Response(422, json!({"errors": [{"status": "Unprocessable", "code": "422"}]}).to_string())));
        }
        _ => {
            let search = p == Provider::Corefy && r.url.contains("filter");
            if exists {
                for s in next_statuses(p, m.status) {
                    let mut c = m.clone();
                    c.status = s;
                    let body = match p {
                        Provider::M4 => m4_ok(s),
                        Provider::Corefy if search => {
                            let one: J = serde_json::from_str(&corefy_invoice(s)).unwrap();
                            json!({"data": [one["data"]]}).to_string()
                        }
                        Provider::Corefy => corefy_invoice(s),
                        Provider::Exotic => exotic_status(s),
                    };
                    out.push((c, Event::Response(200, body)));
                }
                if p == Provider::M4 {
                    out.push((m.clone(), Event::Response(200, m4_err(8))));
                }
            }
            // "Not found": the truth, or a stale answer about a payout just created (only
            // while it has not moved yet, as a lagging index would).
            let fresh = matches!(m.status, "1" | "expectation" | "created");
            if !exists || fresh {
                let mut c = m.clone();
                c.stale_given = exists;
                let not_found = match p {
                    Provider::M4 => Event::Response(200, m4_err(7)),
                    Provider::Corefy if search => Event::Response(200, json!({"data": []}).to_string()),
                    Provider::Corefy => Event::Response(404, json!({"errors": [{"status": "Not Found", "code": "404"}]}).to_string()),
                    Provider::Exotic => Event::Response(404, json!({"error": "not found"}).to_string()),
                };
                out.push((c, not_found));
            }
            if search {
                // A server that ignores the filter: someone else's invoice, and a 404.
                let other = json!({"data": [{"type": "payout-invoices", "id": "cpoi_OTHER", "attributes": {"status": "processed", "reference_id": "p-OTHER"}}]});
                out.push((m.clone(), Event::Response(200, other.to_string())));
                out.push((m.clone(), Event::Response(404, json!({"errors": [{"status": "Not Found", "code": "404"}]}).to_string())));
            }
            out.push((m.clone(), Event::Response(500, "oops".into())));
            out.push((m.clone(), Event::Timeout));
        }
    }
    out
}

/// Events while the flow waits: wake on time, an hour late, or a callback (exotic and
/// Corefy), truthful or forged.
fn wake_events(p: Provider, m: &Model, seconds: i64) -> Vec<(Model, Event)> {
    let mut out = vec![];
    for late in [0, 3600] {
        let mut c = m.clone();
        c.burst = 0;
        c.t += seconds + late;
        out.push((c.clone(), Event::Wake(c.t)));
    }
    let (forged, other) = match p {
        Provider::M4 => return out,
        Provider::Exotic => (
            json!({"order_id": "p-1", "type": "pay_out", "status": "successful", "standart_sign": "x"}).to_string(),
            json!({"order_id": "p-OTHER", "type": "pay_out", "status": "successful", "standart_sign": "x"}).to_string(),
        ),
        Provider::Corefy => (
            corefy_invoice("processed"),
            json!({"data": {"type": "payout-invoices", "id": "cpoi_OTHER", "attributes": {"status": "processed", "reference_id": "p-OTHER"}}}).to_string(),
        ),
    };
    // Callbacks arrive at once, or 10 s into the wait (when the flow may act on them).
    let mut later = m.clone();
    if seconds > 10 {
        later.t += 10;
        later.burst = 0;
    }
    for at in [m.clone(), later] {
        out.push((at.clone(), Event::Callback(forged.clone())));
        out.push((at, Event::Callback(other.clone())));
    }
    out
}

struct Explorer {
    p: Provider,
    gateway: Gateway,
    memo: HashMap<(String, Model, u32), u128>,
    states: u64,
}

impl Explorer {
    fn check_done(&self, m: &Model, kind: Kind, message: &str) {
        let truth = if m.payouts == 0 { None } else { Some(final_kind(self.p, m.status)) };
        let ok = match kind {
            Kind::Succeeded => truth == Some(Kind::Succeeded),
            Kind::Rejected => truth == Some(Kind::Rejected) || truth.is_none(),
            Kind::Pending => true,
            Kind::Duplicate => truth.is_some(),
            Kind::FatalError | Kind::RetryableError | Kind::NotFound => truth.is_none(),
        };
        assert!(ok, "{:?}: done {kind:?} ({message}) but the model says {truth:?} ({m:?})", self.p);
    }

    /// Number of distinct answer sequences from here (each ends at `done` or at depth 0).
    fn explore(&mut self, state: String, action: Action, m: Model, depth: u32) -> u128 {
        assert!(m.payouts <= 1, "{:?}: two payouts for one id", self.p);
        assert!(m.creates <= 3, "{:?}: more than 3 creates", self.p);
        assert!(m.burst <= 5, "{:?}: more than 5 requests without a wait", self.p);
        let action_key = format!("{action:?}");
        let key = (format!("{state}|{action_key}"), m.clone(), depth);
        if let Some(n) = self.memo.get(&key) {
            return *n;
        }
        self.states += 1;
        let deadline_at = serde_json::from_str::<J>(&state).unwrap()["deadline_at"].as_i64().unwrap();
        let events = match &action {
            Action::Done(o) => {
                self.check_done(&m, o.kind, &o.message);
                self.memo.insert(key, 1);
                return 1;
            }
            _ if depth == 0 => {
                self.memo.insert(key, 1);
                return 1;
            }
            Action::Send(r) => {
                assert!(m.t < deadline_at, "{:?}: a request sent at or after the deadline", self.p);
                if request_kind(r) == "create" && m.payouts > 0 {
                    assert!(m.stale_given, "{:?}: a create while the payout exists, without a 'not found' to justify it", self.p);
                }
                let mut m = m.clone();
                m.burst += 1;
                answers(self.p, &m, r)
            }
            Action::Wait(s) => {
                assert!(*s >= 0 && m.t + s <= deadline_at, "{:?}: a wait past the deadline", self.p);
                wake_events(self.p, &m, *s)
            }
        };
        let mut total = 0;
        for (next_model, event) in events {
            // Every event is fed to a flow restored from the saved state.
            let mut flow = PayoutFlow::from_json(self.gateway.clone(), &state).expect("restore");
            assert_eq!(flow.to_json(), state, "to_json(from_json(s)) == s");
            let t = next_model.t;
            let result = match &event {
                Event::Response(status, body) => flow.on_response(*status, &Value::from(body.as_str()), t),
                Event::Timeout => flow.on_timeout(t),
                Event::Wake(now) => flow.on_wake(*now),
                Event::Callback(body) => flow.on_callback(&Value::from(body.as_str()), t),
            };
            let next_action = match (result, &event) {
                (Ok(a), _) => a,
                // A callback for another payout is refused, and changes nothing.
                (Err(e), Event::Callback(body)) if body.contains("p-OTHER") => {
                    assert_eq!(e.code().as_str(), "invalid_value");
                    assert_eq!(flow.to_json(), state, "a refused event changed the state");
                    total += 1;
                    continue;
                }
                (Err(e), _) => panic!("{:?}: {event:?} -> {e}", self.p),
            };
            if t >= deadline_at {
                assert!(matches!(next_action, Action::Done(_)), "{:?}: not done at the deadline", self.p);
            }
            total += self.explore(flow.to_json(), next_action, next_model, depth - 1);
        }
        self.memo.insert(key, total);
        total
    }
}

fn run(p: Provider, gateway: Gateway, params: J, options: J) -> (u128, u64) {
    let mut flow = PayoutFlow::new(gateway.clone(), &Value::from(params), &Value::from(options)).unwrap();
    let first = flow.start(0).unwrap();
    let model = Model { t: 0, payouts: 0, creates: 0, stale_given: false, burst: 0, status: "" };
    let mut ex = Explorer { p, gateway, memo: HashMap::new(), states: 0 };
    let n = ex.explore(flow.to_json(), first, model, DEPTH);
    (n, ex.states)
}

fn m4() -> Gateway {
    payoutkit::dynamic::gateway(payoutkit::Provider::from_name("m4").unwrap(), vec![Value::from(1520), Value::from("account-secret-key")]).unwrap()
}

fn m4_params() -> J {
    json!({"payway": "card_payway_usd", "amount": "100.23", "amount_type": "ps_amount", "shop_currency": 840,
           "account": "79991112233", "shop_payment_id": "p-1"})
}

#[test]
fn m4_flow_never_pays_twice() {
    let (n, states) = run(Provider::M4, m4(), m4_params(), json!({"deadline": DEADLINE}));
    eprintln!("m4.PayoutFlow: {n} answer sequences up to depth {DEPTH} ({states} distinct states)");
    assert!(n > 500_000);
}

#[test]
fn m4_flow_with_try_and_check_account_never_pays_twice() {
    let (n, states) = run(Provider::M4, m4(), m4_params(), json!({"withdraw_try": true, "check_account": true}));
    eprintln!("m4.PayoutFlow (try + check_account): {n} answer sequences up to depth {DEPTH} ({states} distinct states)");
    assert!(n > 500_000);
}

#[test]
fn corefy_flow_never_pays_twice() {
    let gw = payoutkit::dynamic::gateway(payoutkit::Provider::from_name("corefy").unwrap(), vec![Value::from("coma_1"), Value::from("api-key"), Value::from("https://pay.example")]).unwrap();
    let params = json!({"reference_id": "p-1", "service": "card", "currency": "USD", "amount": "10.50", "fields": {"card_number": "5123817234060000"}});
    let (n, states) = run(Provider::Corefy, gw, params, J::Null);
    eprintln!("corefy.PayoutFlow: {n} answer sequences up to depth {DEPTH} ({states} distinct states)");
    assert!(n > 500_000);
}

#[test]
fn exotic_flow_never_pays_twice() {
    let gw = payoutkit::dynamic::gateway(payoutkit::Provider::from_name("exotic").unwrap(), vec![Value::from("m-1"), Value::from("sign-key"), Value::from("api-key"), Value::from("https://exotic.example")]).unwrap();
    let params = json!({"order_id": "p-1", "payment_method": "sbp", "fiat_amount": "1500.00", "fiat_currency": "rub",
        "phone_number": "79161234567", "bank_name": "Sber", "success_callback_url": "https://m.example/ok", "error_callback_url": "https://m.example/err"});
    let (n, states) = run(Provider::Exotic, gw, params, J::Null);
    eprintln!("exotic.PayoutFlow: {n} answer sequences up to depth {DEPTH} ({states} distinct states)");
    assert!(n > 200_000);
}

#[test]
fn state_resumes_only_with_the_same_account_and_keeps_value_types() {
    let params = json!({"payway": "card_payway_usd", "amount": "100.23", "amount_type": "ps_amount", "shop_currency": 840,
        "account": "79991112233", "shop_payment_id": "p-1", "account_details": {"z": 1, "a": [true, null]}});
    let mut p = Value::from(params);
    if let Value::Map(m) = &mut p {
        // A Python Decimal written with an exponent, and an integer beyond i64.
        m.insert("amount", Value::Decimal("1.0023E+2".into()));
        m.insert("shop_currency", Value::Int(1 << 70));
    }
    let mut flow = PayoutFlow::new(m4(), &p, &Value::Null).unwrap();
    let Action::Send(first) = flow.start(0).unwrap() else { panic!() };
    let state = flow.to_json();
    assert!(!state.contains("account-secret-key"));
    let mut resumed = PayoutFlow::from_json(m4(), &state).unwrap();
    assert_eq!(resumed.to_json(), state);
    // The restored create is the same bytes (Decimal, big integer and key order kept).
    let lookup = resumed.on_timeout(1).unwrap();
    assert!(matches!(lookup, Action::Send(_)));
    let not_found = Value::from(r#"{"result":false,"error_code":7,"data":null}"#);
    assert!(matches!(resumed.on_response(200, &not_found, 2).unwrap(), Action::Wait(30)));
    assert!(matches!(resumed.on_wake(32).unwrap(), Action::Send(_)));
    let Action::Send(again) = resumed.on_response(200, &not_found, 33).unwrap() else { panic!() };
    assert_eq!(again.body, first.body);
    // Another shop's gateway (or another base URL) cannot resume it.
    let other = payoutkit::dynamic::gateway(payoutkit::Provider::from_name("m4").unwrap(), vec![Value::from(1521), Value::from("account-secret-key")]).unwrap();
    let err = PayoutFlow::from_json(other, &state).unwrap_err();
    assert_eq!(err.code().as_str(), "invalid_state");
    let elsewhere = payoutkit::dynamic::gateway(payoutkit::Provider::from_name("m4").unwrap(), vec![Value::from(1520), Value::from("account-secret-key"), Value::from("https://sandbox.example")]).unwrap();
    assert_eq!(PayoutFlow::from_json(elsewhere, &state).unwrap_err().code().as_str(), "invalid_state");
}

#[test]
fn a_failed_event_changes_nothing() {
    let mut flow = PayoutFlow::new(m4(), &Value::from(m4_params()), &Value::Null).unwrap();
    flow.start(0).unwrap();
    let before = flow.to_json();
    assert!(flow.on_wake(1).is_err());
    assert!(flow.on_response(200, &Value::Int(5), 1).is_err());
    assert!(flow.on_callback(&Value::from("{}"), 1).is_err());
    assert_eq!(flow.to_json(), before);
}
