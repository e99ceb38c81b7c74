//! Proof by exhaustion that the payout flows cannot pay twice.
//!
//! Each flow is driven through every sequence of answers up to depth 12 against a model of
//! its provider that records every payout it actually creates. At every step the model may
//! answer normally (each status it can be in), with an error of each class, time out (after
//! or before doing the work), answer 5xx (after or before), or (exotic, Corefy) deliver a
//! callback, possibly a forged one; a wait may end on time or an hour late (a worker that
//! was down). The flow is saved to JSON and restored before every event, so resuming is
//! exercised everywhere. Asserted:
//! - no create ever reaches the model while a payout for the id exists (so never two);
//! - `done` never claims more than the model knows: `succeeded` only for a payout that
//!   succeeded, `rejected` only for one rejected or never created, errors only when no payout
//!   exists; a payout that is still pending is only ever reported as `pending`;
//! - no wait runs past the deadline, and any event at or after the deadline ends the flow.
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
    /// Creates that arrived while a payout existed (must stay 0).
    creates_while_exists: u8,
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
        (Provider::M4, _) => vec![status, "3", "5", "6"],
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
            let mut created = m.clone();
            if exists {
                // The provider's own duplicate protection answers; the flow broke its rule.
                created.creates_while_exists += 1;
                let dup = match p {
                    Provider::M4 => Event::Response(400, m4_err(6)),
                    Provider::Corefy => Event::Response(409, corefy_invoice(m.status)),
                    Provider::Exotic => Event::Response(400, json!({"error": "duplicate order_id"}).to_string()),
                };
                out.push((created, dup));
                return out;
            }
            created.payouts += 1;
            let first: &[&'static str] = match p {
                Provider::M4 => &["1", "5", "6"],
                Provider::Exotic => &["expectation"],
                Provider::Corefy => &["created"],
            };
            for s in first {
                let mut c = created.clone();
                c.status = s;
                let body = match p {
                    Provider::M4 => m4_ok(s),
                    Provider::Corefy => corefy_invoice(s),
                    Provider::Exotic => json!({"internal_transaction_id": "it-1", "fiat_amount": "1500.00", "usdt_amount": "16.5"}).to_string(),
                };
                out.push((c.clone(), Event::Response(if p == Provider::Corefy { 201 } else { 200 }, body)));
                out.push((c.clone(), Event::Timeout)); // done, but the answer was lost
                out.push((c, Event::Response(504, "gateway timeout".into()))); // done behind a failing proxy
            }
            // Not done at all.
            out.push((m.clone(), Event::Timeout));
            out.push((m.clone(), Event::Response(503, "unavailable".into())));
            match p {
                Provider::M4 => {
                    out.push((m.clone(), Event::Response(200, m4_err(4))));
                    out.push((m.clone(), Event::Response(200, m4_err(9))));
                }
                Provider::Corefy => {
                    let e = json!({"errors": {"amount": "This value should be greater than 0."}}).to_string();
                    out.push((m.clone(), Event::Response(422, e)));
                    out.push((m.clone(), Event::Response(400, json!({"errors": [{"status": "Bad Request", "code": "400"}]}).to_string())));
                }
                Provider::Exotic => out.push((m.clone(), Event::Response(400, json!({"error": "low balance"}).to_string()))),
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
            if exists {
                for s in next_statuses(p, m.status) {
                    let mut c = m.clone();
                    c.status = s;
                    let body = match p {
                        Provider::M4 => m4_ok(s),
                        Provider::Corefy if r.url.contains("filter") => {
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
            } else {
                let not_found = match p {
                    Provider::M4 => Event::Response(200, m4_err(7)),
                    Provider::Corefy if r.url.contains("filter") => Event::Response(200, json!({"data": []}).to_string()),
                    Provider::Corefy => Event::Response(404, json!({"errors": [{"status": "Not Found", "code": "404"}]}).to_string()),
                    Provider::Exotic => Event::Response(404, json!({"error": "not found"}).to_string()),
                };
                out.push((m.clone(), not_found));
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
        c.t += seconds + late;
        out.push((c.clone(), Event::Wake(c.t)));
    }
    let forged = match p {
        Provider::M4 => return out,
        Provider::Exotic => json!({"order_id": "p-1", "type": "pay_out", "status": "successful", "standart_sign": "x"}).to_string(),
        Provider::Corefy => corefy_invoice("processed"),
    };
    out.push((m.clone(), Event::Callback(forged)));
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
            Kind::FatalError | Kind::RetryableError | Kind::NotFound => truth.is_none(),
        };
        assert!(ok, "{:?}: done {kind:?} ({message}) but the model says {truth:?} ({m:?})", self.p);
    }

    /// Number of distinct answer sequences from here (each ends at `done` or at depth 0).
    fn explore(&mut self, state: String, action: Action, m: Model, depth: u32) -> u128 {
        assert_eq!(m.creates_while_exists, 0, "{:?}: a create reached the model while a payout existed", self.p);
        assert!(m.payouts <= 1, "{:?}: two payouts for one id", self.p);
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
            let next_action = result.unwrap_or_else(|e| panic!("{:?}: {event:?} -> {e}", self.p));
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
    let model = Model { t: 0, payouts: 0, creates_while_exists: 0, status: "" };
    let mut ex = Explorer { p, gateway, memo: HashMap::new(), states: 0 };
    let n = ex.explore(flow.to_json(), first, model, DEPTH);
    (n, ex.states)
}

fn m4() -> Gateway {
    Gateway::from_args("m4", vec![Value::from(1520), Value::from("account-secret-key")]).unwrap()
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
    let gw = Gateway::from_args("corefy", vec![Value::from("coma_1"), Value::from("api-key"), Value::from("https://pay.example")]).unwrap();
    let params = json!({"reference_id": "p-1", "service": "card", "currency": "USD", "amount": "10.50", "fields": {"card_number": "5123817234060000"}});
    let (n, states) = run(Provider::Corefy, gw, params, J::Null);
    eprintln!("corefy.PayoutFlow: {n} answer sequences up to depth {DEPTH} ({states} distinct states)");
    assert!(n > 500_000);
}

#[test]
fn exotic_flow_never_pays_twice() {
    let gw = Gateway::from_args("exotic", vec![Value::from("m-1"), Value::from("sign-key"), Value::from("api-key"), Value::from("https://exotic.example")]).unwrap();
    let params = json!({"order_id": "p-1", "payment_method": "sbp", "fiat_amount": "1500.00", "fiat_currency": "rub",
        "phone_number": "79161234567", "bank_name": "Sber", "success_callback_url": "https://m.example/ok", "error_callback_url": "https://m.example/err"});
    let (n, states) = run(Provider::Exotic, gw, params, J::Null);
    eprintln!("exotic.PayoutFlow: {n} answer sequences up to depth {DEPTH} ({states} distinct states)");
    assert!(n > 200_000);
}
