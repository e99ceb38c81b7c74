//! The payout flow as a sans-IO state machine: it says what to send, how long to wait and
//! when it is done; the caller does the I/O and feeds back each response, time-out or wake.
//!
//! The rules that keep it from paying twice:
//! - a create is sent only while the flow *knows* no payout exists for its id: before the
//!   first create, or after two lookups of the id, a poll interval apart, both answered
//!   "not found" (a lookup can lag behind a create still in flight; M4 and Corefy also
//!   refuse a duplicate id, which the flow then follows as "the payout exists");
//! - after a create without a clear answer (time-out, 5xx, a body it cannot read, an error
//!   it does not know) the flow looks the id up before anything else;
//! - exotic documents no duplicate protection, so its flow never creates twice at all;
//! - at most three creates per flow, and a wait between any two;
//! - `done` with a failure only when the provider said the payout was not created; a
//!   payout that may exist ends as `pending` (at the deadline) with a message saying so.
//!
//! `core/tests/flow_model.rs` checks this against a model of each provider (lagging lookups
//! and duplicate protection included) over every sequence of answers up to depth 12.

use crate::error::{Error, ErrorCode, Result};
use crate::gateway::Gateway;
use crate::http::{self, Kind, Outcome, Request};
use crate::value::{Map, Value};
use alloc::format;
use alloc::string::{String, ToString};
use serde_json::{json, Value as Json};

/// What the caller should do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Send this request, then call `on_response` (or `on_timeout`).
    Send(Request),
    /// Wait this many seconds (or until a callback arrives), then call `on_wake`.
    Wait(i64),
    /// The flow is over.
    Done(Outcome),
}

impl Action {
    /// `{kind: "send", request}`, `{kind: "wait", seconds}` or `{kind: "done", outcome}`.
    pub fn to_value(&self) -> Value {
        match self {
            Action::Send(r) => Value::Map(Map::new().with("kind", "send").with("request", r.to_value())),
            Action::Wait(s) => Value::Map(Map::new().with("kind", "wait").with("seconds", *s)),
            Action::Done(o) => Value::Map(Map::new().with("kind", "done").with("outcome", o.to_value())),
        }
    }
}

/// The requests a flow sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// M4 `withdraw/try`.
    Try,
    /// M4 `check_account`.
    CheckAccount,
    /// The create request (M4 `withdraw/create`, exotic `create_pay_out`, Corefy `create_payout_invoice`).
    Create,
    /// A status lookup (by the provider's payout id once known, else by the merchant's id).
    Check,
    /// Corefy `process_payout_invoice`.
    Process,
}

const STEPS: &[(Step, &str)] =
    &[(Step::Try, "try"), (Step::CheckAccount, "check_account"), (Step::Create, "create"), (Step::Check, "check"), (Step::Process, "process")];

/// Whether a payout may exist for the flow's id: the only thing that allows a create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exists {
    No,
    Maybe,
    Yes,
}

const EXISTS: &[(Exists, &str)] = &[(Exists::No, "no"), (Exists::Maybe, "maybe"), (Exists::Yes, "yes")];

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    New,
    Sent(Step),
    Waiting { next: Step, until: i64 },
    Done(alloc::boxed::Box<Outcome>),
}

/// What one answer leads to.
#[allow(clippy::large_enum_variant)] // short-lived, never stored
enum Next {
    Send(Step),
    WaitThen(Step),
    Finish(Outcome),
}

fn name_of<T: PartialEq + Copy>(table: &[(T, &'static str)], v: T) -> &'static str {
    table.iter().find(|(t, _)| *t == v).map_or("", |(_, n)| n)
}

fn from_name<T: Copy>(table: &[(T, &'static str)], name: &str) -> Option<T> {
    table.iter().find(|(_, n)| *n == name).map(|(t, _)| *t)
}

/// Flow options (all optional): `poll_interval` and `deadline` in seconds; M4's
/// `withdraw_try` and `check_account` steps.
#[derive(Clone, Debug, PartialEq)]
struct Options {
    poll_interval: i64,
    deadline: i64,
    withdraw_try: bool,
    check_account: bool,
}

/// A payout flow for one payout (one merchant id): M4 Withdraw Flow V1, Corefy payout
/// invoices, or exotic's callback-first pay-out.
#[derive(Clone, Debug)]
pub struct PayoutFlow {
    gateway: Gateway,
    params: Map,
    options: Options,
    phase: Phase,
    exists: Exists,
    deadline_at: i64,
    /// The provider's payout id as it sent it (M4: a number, Corefy: text).
    payout_id: Option<Json>,
    account_info: Option<Json>,
    creates: u32,
    /// Consecutive "not found" lookups since the last create (two allow a new create).
    not_found: u8,
    /// When the last request was sent (unix seconds).
    last_sent_at: i64,
    bad_request: bool,
    last: Option<Outcome>,
}

/// At most this many creates per flow (each after two "not found" lookups).
const MAX_CREATES: u32 = 3;

/// A callback triggers a status check only this long after the last request: a flood of
/// (forged) callbacks must not turn into a flood of status requests.
const CALLBACK_GAP: i64 = 10;

fn invalid_state(message: impl Into<String>) -> Error {
    Error::general(ErrorCode::InvalidState, message)
}

/// The merchant's id field of each provider's create request.
fn reference_field(provider: &str) -> &'static str {
    match provider {
        "m4" => "shop_payment_id",
        "exotic" => "order_id",
        _ => "reference_id",
    }
}

fn option_int(map: &Map, key: &'static str, default: i64) -> Result<i64> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Int(i)) if *i > 0 && *i <= 30 * 86_400 => Ok(*i as i64),
        Some(Value::Float(f)) if crate::value::integral(*f).is_some_and(|i| i > 0 && i <= 30 * 86_400) => Ok(*f as i64),
        Some(_) => Err(Error::field(ErrorCode::InvalidArgument, key, format!("`{key}` must be a whole number of seconds (1 to 30 days)"))),
    }
}

fn option_bool(map: &Map, key: &'static str) -> Result<bool> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(crate::value::invalid_argument(key, "true or false", other)),
    }
}

impl PayoutFlow {
    /// A flow for the payout described by `params` (the create request's fields). Options:
    /// `poll_interval` (seconds; 30, exotic 300), `deadline` (seconds from `start`; 7200),
    /// and for M4 `withdraw_try` / `check_account` (run those steps first). The create
    /// request is built once here, so bad params fail now rather than mid-flow.
    pub fn new(gateway: Gateway, params: &Value, options: &Value) -> Result<Self> {
        params.as_map("params")?;
        let params = http::input_fields(params, None)?;
        // Options may be written in camelCase too (JS), like builder fields.
        let opts = match options {
            Value::Null => Map::new(),
            other => http::input_fields(&Value::Map(other.as_map("options")?.clone()), None)?,
        };
        let m4 = gateway.provider() == "m4";
        let allowed: &[&str] =
            if m4 { &["poll_interval", "deadline", "withdraw_try", "check_account"] } else { &["poll_interval", "deadline"] };
        http::reject_unknown(&opts, &[allowed])?;
        let options = Options {
            poll_interval: option_int(&opts, "poll_interval", if gateway.provider() == "exotic" { 300 } else { 30 })?,
            deadline: option_int(&opts, "deadline", 7200)?,
            withdraw_try: option_bool(&opts, "withdraw_try")?,
            check_account: option_bool(&opts, "check_account")?,
        };
        let flow = PayoutFlow {
            gateway,
            params,
            options,
            phase: Phase::New,
            exists: Exists::No,
            deadline_at: 0,
            payout_id: None,
            account_info: None,
            creates: 0,
            not_found: 0,
            last_sent_at: 0,
            bad_request: false,
            last: None,
        };
        http::id_text(flow.params.get(flow.reference()).unwrap_or(&Value::Null), flow.reference())?;
        for step in [Step::Try, Step::CheckAccount, Step::Create] {
            if step == Step::Create || (step == Step::Try && flow.options.withdraw_try) || (step == Step::CheckAccount && flow.options.check_account) {
                flow.request(step, 0)?;
            }
        }
        Ok(flow)
    }

    fn provider(&self) -> &'static str {
        self.gateway.provider()
    }

    fn reference(&self) -> &'static str {
        reference_field(self.provider())
    }

    fn reference_value(&self) -> Value {
        self.params.get(self.reference()).cloned().unwrap_or(Value::Null)
    }

    /// The number of create requests sent so far (more than one only after a lookup said
    /// the payout did not exist).
    pub fn creates_sent(&self) -> u32 {
        self.creates
    }

    /// Whether the flow is over.
    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Done(_))
    }

    fn subset(&self, keys: &[&str]) -> Value {
        Value::Map(self.params.iter().filter(|(k, _)| keys.contains(k)).map(|(k, v)| (k, v.clone())).collect())
    }

    fn request(&self, step: Step, now: i64) -> Result<Request> {
        let gw = &self.gateway;
        let reference = Value::Map(Map::new().with(self.reference(), self.reference_value()));
        match (self.provider(), step) {
            ("m4", Step::Try) => {
                gw.request("withdraw_try", &self.subset(&["amount", "amount_type", "payway", "shop_currency", "account", "account_details"]), now)
            }
            ("m4", Step::CheckAccount) => gw.request("check_account", &self.subset(&["account", "amount", "payway", "account_details"]), now),
            ("m4", Step::Create) => gw.request("withdraw_create", &Value::Map(self.m4_create_params()?), now),
            ("m4", _) => match &self.payout_id {
                Some(id) => gw.request("withdraw_status", &Value::from(id.clone()), now),
                None => gw.request("shop_payment_status", &reference, now),
            },
            ("exotic", Step::Create) => gw.request("create_pay_out", &Value::Map(self.params.clone()), now),
            ("exotic", _) => gw.request("status_pay_out", &self.reference_value(), now),
            (_, Step::Create) => gw.request("create_payout_invoice", &Value::Map(self.params.clone()), now),
            (_, Step::Process) => gw.request("process_payout_invoice", &self.payout_id.clone().map_or(Value::Null, Value::from), now),
            _ => match &self.payout_id {
                Some(id) => gw.request("get_payout_invoice", &Value::from(id.clone()), now),
                None => gw.request("find_payout_invoice", &reference, now),
            },
        }
    }

    /// M4 create params with `check_account`'s `account_info` carried into
    /// `account_details` (the caller's own `account_details` keys win).
    fn m4_create_params(&self) -> Result<Map> {
        let mut params = self.params.clone();
        if let Some(Json::Object(info)) = &self.account_info {
            let mut details = match params.get("account_details") {
                Some(Value::Map(m)) => m.clone(),
                _ => Map::new(),
            };
            for (k, v) in info {
                if details.get(k).is_none() {
                    details.insert(k.as_str(), Value::from(v.clone()));
                }
            }
            params.insert("account_details", details);
        }
        Ok(params)
    }

    /// Begin: the first request (`withdraw/try`, `check_account` or the create).
    pub fn start(&mut self, now: i64) -> Result<Action> {
        self.transaction(|f| {
            if f.phase != Phase::New {
                return Err(invalid_state("the flow has already started"));
            }
            f.deadline_at = now.saturating_add(f.options.deadline);
            let first = if f.options.withdraw_try {
                Step::Try
            } else if f.options.check_account {
                Step::CheckAccount
            } else {
                Step::Create
            };
            f.advance(Next::Send(first), now)
        })
    }

    /// The response to the request last sent.
    pub fn on_response(&mut self, http_status: u16, body: &Value, now: i64) -> Result<Action> {
        self.transaction(|f| {
            let Phase::Sent(step) = f.phase else {
                return Err(invalid_state("no request is awaiting a response"));
            };
            if http_status == 0 {
                let next = f.decide(step, None);
                return f.advance(next, now);
            }
            let outcome = match (f.provider(), step, &f.payout_id) {
                // A search by reference: only the invoice with our reference counts.
                ("corefy", Step::Check, None) => crate::corefy::classify_for_reference(http_status, body, &f.reference_text())?,
                _ => f.gateway.classify(http_status, body)?,
            };
            let next = f.decide(step, Some(outcome.clone()));
            f.last = Some(outcome);
            f.advance(next, now)
        })
    }

    /// The request last sent got no response (time-out, connection error).
    pub fn on_timeout(&mut self, now: i64) -> Result<Action> {
        self.on_response(0, &Value::Null, now)
    }

    /// The wait asked for is over (early wakes get the rest of the wait).
    pub fn on_wake(&mut self, now: i64) -> Result<Action> {
        self.transaction(|f| {
            let Phase::Waiting { next, until } = f.phase else {
                return Err(invalid_state("the flow is not waiting"));
            };
            if now < until {
                return Ok(Action::Wait(until - now));
            }
            f.advance(Next::Send(next), now)
        })
    }

    /// Continue after a restart, from saved state: a request that was in flight is treated
    /// as unanswered (it may or may not have been sent), a wait as over, a new flow starts,
    /// a finished one says `done` again.
    pub fn resume(&mut self, now: i64) -> Result<Action> {
        match &self.phase {
            Phase::New => self.start(now),
            Phase::Sent(_) => self.on_timeout(now),
            Phase::Waiting { .. } => self.on_wake(now),
            Phase::Done(o) => Ok(Action::Done((**o).clone())),
        }
    }

    /// A callback (raw body) for this payout arrived (exotic, Corefy). Verify the Corefy
    /// signature before; either way the flow only trusts what a status request then says.
    /// The check goes out at once, unless a request went out less than 10 s ago: then the
    /// flow keeps waiting (a flood of callbacks is not a flood of requests).
    pub fn on_callback(&mut self, body: &Value, now: i64) -> Result<Action> {
        self.transaction(|f| {
            let (event, id_field) = match f.provider() {
                "exotic" => (crate::exotic::parse_callback(body)?, "order_id"),
                "corefy" => (crate::corefy::parse_callback(body)?, "reference_id"),
                _ => return Err(invalid_state("M4 sends no payout callbacks: the flow polls")),
            };
            let text = |field: &str| {
                event.as_map("event").ok().and_then(|m| m.get(field)).and_then(|v| v.signed_text(field).ok().map(|t| t.into_owned()))
            };
            let own = text(id_field).is_some_and(|t| t == f.reference_text())
                || (f.provider() == "corefy" && f.payout_id.as_ref().and_then(id_of).is_some_and(|id| text("id") == Some(id)));
            if !own {
                return Err(Error::field(ErrorCode::InvalidValue, id_field, "the callback is for another payout"));
            }
            match f.phase {
                Phase::Waiting { until, .. } if now < f.last_sent_at.saturating_add(CALLBACK_GAP) => Ok(Action::Wait((until - now).max(0))),
                Phase::Waiting { .. } => f.advance(Next::Send(Step::Check), now),
                _ => Err(invalid_state("the flow is not waiting (a request is in flight, or it is done)")),
            }
        })
    }

    /// Run an event on a copy and keep it only if the event succeeds, so an error never
    /// leaves half-applied state behind.
    fn transaction(&mut self, event: impl FnOnce(&mut PayoutFlow) -> Result<Action>) -> Result<Action> {
        let mut draft = self.clone();
        let action = event(&mut draft)?;
        *self = draft;
        Ok(action)
    }

    fn reference_text(&self) -> String {
        self.reference_value().signed_text("reference").map(|t| t.into_owned()).unwrap_or_default()
    }

    fn deadline_outcome(&self) -> Outcome {
        let reference = self.reference_text();
        let mut out = match (self.exists, self.creates) {
            (Exists::Yes, _) => Outcome::new(
                Kind::Pending,
                0,
                format!("deadline reached: payout {reference} exists but is not final yet; keep checking its status"),
            ),
            (Exists::Maybe, _) => Outcome::new(
                Kind::Pending,
                0,
                format!("deadline reached without learning whether payout {reference} was created: look it up before paying again"),
            ),
            (Exists::No, 1..) => Outcome::new(
                Kind::Pending,
                0,
                format!("deadline reached: the provider's lookups do not know payout {reference}, but a create was sent: look it up before paying again"),
            ),
            (Exists::No, 0) => Outcome::new(Kind::RetryableError, 0, format!("deadline reached: no payout {reference} was created")),
        };
        if let Some(last) = &self.last {
            out.status = last.status.clone();
            out.error_code = last.error_code.clone();
            out.data = last.data.clone();
            out.http_status = last.http_status;
        }
        out
    }

    fn advance(&mut self, next: Next, now: i64) -> Result<Action> {
        let past_deadline = now >= self.deadline_at;
        match next {
            Next::Finish(outcome) => self.finish(outcome),
            Next::Send(_) | Next::WaitThen(_) if past_deadline => self.finish(self.deadline_outcome()),
            Next::Send(step) => {
                if step == Step::Create {
                    // The one rule against double payouts.
                    if self.exists != Exists::No || self.creates >= MAX_CREATES {
                        return Err(Error::internal("refused to send a create while a payout may exist"));
                    }
                    self.exists = Exists::Maybe;
                    self.creates += 1;
                    self.not_found = 0;
                }
                let request = self.request(step, now)?;
                self.phase = Phase::Sent(step);
                self.last_sent_at = now;
                Ok(Action::Send(request))
            }
            Next::WaitThen(step) => {
                let until = now.saturating_add(self.options.poll_interval).min(self.deadline_at);
                self.phase = Phase::Waiting { next: step, until };
                Ok(Action::Wait(until - now))
            }
        }
    }

    fn finish(&mut self, outcome: Outcome) -> Result<Action> {
        self.phase = Phase::Done(alloc::boxed::Box::new(outcome.clone()));
        Ok(Action::Done(outcome))
    }

    /// Remember the provider's payout id from a response (`data.id`, exotic's
    /// `internal_transaction_id`): a non-empty string or an integer, else nothing.
    fn note_id(&mut self, o: &Outcome) {
        let id = o.data.get("id").or_else(|| o.data.get("internal_transaction_id"));
        if let Some(id) = id.filter(|v| id_of(v).is_some()) {
            self.payout_id = Some(id.clone());
        }
    }

    /// A lookup said "not found" while a create may have gone out: the second such answer
    /// in a row (a poll interval after the first) allows a new create, up to the limit.
    fn not_found_while_unknown(&mut self) -> Next {
        self.not_found = self.not_found.saturating_add(1);
        if self.not_found >= 2 && self.creates < MAX_CREATES {
            self.exists = Exists::No;
            Next::Send(Step::Create)
        } else {
            Next::WaitThen(Step::Check)
        }
    }

    fn decide(&mut self, step: Step, outcome: Option<Outcome>) -> Next {
        if outcome.as_ref().is_some_and(|o| o.kind != Kind::NotFound) {
            self.not_found = 0;
        }
        match self.provider() {
            "m4" => self.decide_m4(step, outcome),
            "exotic" => self.decide_exotic(step, outcome),
            _ => self.decide_corefy(step, outcome),
        }
    }

    fn decide_m4(&mut self, step: Step, outcome: Option<Outcome>) -> Next {
        let code = outcome.as_ref().and_then(crate::m4::error_code);
        let exists_codes = [crate::m4::ERROR_NOT_UNIQUE, crate::m4::ERROR_PROCESSING];
        match (step, outcome) {
            // withdraw/try and check_account move no money: repeat them until the deadline.
            (Step::Try | Step::CheckAccount, None) => Next::WaitThen(step),
            (Step::Try | Step::CheckAccount, Some(o)) if o.kind == Kind::Succeeded => {
                if step == Step::CheckAccount {
                    if o.data.get("result") == Some(&Json::Bool(false)) {
                        let mut out = o;
                        out.kind = Kind::Rejected;
                        out.message = String::from("check_account: the account cannot receive this payout; no payout was created");
                        return Next::Finish(out);
                    }
                    self.account_info = o.data.get("account_info").filter(|i| i.is_object()).cloned();
                    Next::Send(Step::Create)
                } else if self.options.check_account {
                    Next::Send(Step::CheckAccount)
                } else {
                    Next::Send(Step::Create)
                }
            }
            (Step::Try | Step::CheckAccount, Some(o)) if o.kind == Kind::FatalError && code.is_some() => Next::Finish(o),
            (Step::Try | Step::CheckAccount, Some(_)) => Next::WaitThen(step),
            // withdraw/create
            (Step::Create, None) => Next::Send(Step::Check),
            (Step::Create, Some(_)) if code.is_some_and(|c| exists_codes.contains(&c)) => {
                self.exists = Exists::Yes;
                Next::Send(Step::Check)
            }
            (Step::Create, Some(o)) if matches!(o.kind, Kind::Succeeded | Kind::Rejected | Kind::Pending) => {
                self.exists = Exists::Yes;
                self.note_id(&o);
                if o.kind.is_final() && !o.status.is_null() { Next::Finish(o) } else { Next::WaitThen(Step::Check) }
            }
            // A fatal M4 error code (the table's 1-5): the payout was not created.
            (Step::Create, Some(o)) if o.kind == Kind::FatalError && code.is_some_and(|c| c > 0) => {
                self.exists = Exists::No;
                Next::Finish(o)
            }
            // A non-fatal error code: poll the status (the documented rule).
            (Step::Create, Some(o)) if code.is_some() && o.kind == Kind::RetryableError => Next::WaitThen(Step::Check),
            // No envelope (5xx, a proxy's page) or an odd answer: look it up at once.
            (Step::Create, Some(_)) => Next::Send(Step::Check),
            // Status lookups.
            (_, None) => Next::WaitThen(Step::Check),
            (_, Some(o)) => match o.kind {
                Kind::Succeeded | Kind::Rejected if !o.status.is_null() => {
                    self.exists = Exists::Yes;
                    Next::Finish(o)
                }
                Kind::Pending => {
                    self.exists = Exists::Yes;
                    self.note_id(&o);
                    Next::WaitThen(Step::Check)
                }
                Kind::NotFound if self.exists == Exists::Maybe && self.payout_id.is_none() => self.not_found_while_unknown(),
                _ => {
                    if code.is_some_and(|c| exists_codes.contains(&c)) {
                        self.exists = Exists::Yes;
                    }
                    Next::WaitThen(Step::Check)
                }
            },
        }
    }

    fn decide_corefy(&mut self, step: Step, outcome: Option<Outcome>) -> Next {
        let Some(o) = outcome else {
            return match step {
                Step::Create => Next::Send(Step::Check),
                _ => Next::WaitThen(Step::Check),
            };
        };
        if !o.status.is_null() {
            // An invoice: it exists.
            self.exists = Exists::Yes;
            self.note_id(&o);
            let auto = self.params.get("options").and_then(|v| v.as_map("options").ok()).and_then(|m| m.get("auto_process"))
                == Some(&Value::Bool(true));
            return if o.kind.is_final() {
                Next::Finish(o)
            } else if o.status == "created" && !auto && step != Step::Process && self.payout_id.is_some() {
                Next::Send(Step::Process)
            } else {
                Next::WaitThen(Step::Check)
            };
        }
        match (step, o.http_status) {
            // The directives say these were not created.
            (Step::Create, 401 | 403 | 404 | 405 | 422) => {
                self.exists = Exists::No;
                let mut out = o;
                out.kind = Kind::FatalError;
                Next::Finish(out)
            }
            (Step::Create, 400) => {
                self.bad_request = true;
                Next::Send(Step::Check)
            }
            // A duplicate without the invoice in the body: it exists; find it.
            (Step::Create, 409) => {
                self.exists = Exists::Yes;
                Next::Send(Step::Check)
            }
            (Step::Create, 429) => Next::WaitThen(Step::Check),
            (Step::Create, _) => Next::Send(Step::Check),
            (Step::Check, _) if o.kind == Kind::NotFound && self.exists == Exists::Maybe && self.payout_id.is_none() => {
                if self.bad_request && self.not_found >= 1 {
                    // Twice not found after a 400: the directive says it failed.
                    self.exists = Exists::No;
                    let mut out = o;
                    out.kind = Kind::FatalError;
                    out.message = String::from("the create request was answered 400 and no invoice exists: it was not created; fix the request");
                    return Next::Finish(out);
                }
                self.not_found_while_unknown()
            }
            _ => Next::WaitThen(Step::Check),
        }
    }

    fn decide_exotic(&mut self, step: Step, outcome: Option<Outcome>) -> Next {
        let Some(o) = outcome else {
            return if step == Step::Create { Next::Send(Step::Check) } else { Next::WaitThen(Step::Check) };
        };
        match (step, o.kind) {
            (_, Kind::Succeeded | Kind::Rejected) => {
                self.exists = Exists::Yes;
                Next::Finish(o)
            }
            (_, Kind::Pending) => {
                self.exists = Exists::Yes;
                self.note_id(&o);
                Next::WaitThen(Step::Check)
            }
            // Only a refusal the page documents (or an auth failure) means "not created".
            (Step::Create, _) if crate::exotic::create_refused(&o) => {
                self.exists = Exists::No;
                let mut out = o;
                out.kind = Kind::FatalError;
                Next::Finish(out)
            }
            // Anything else may have created it. exotic documents no duplicate protection, so
            // this flow never creates again: it looks the order up until the deadline.
            (Step::Create, _) => Next::Send(Step::Check),
            _ => Next::WaitThen(Step::Check),
        }
    }

    /// The flow's state as JSON text. It holds no secret (the gateway is supplied again on
    /// resume, and must be the same account: its non-secret fingerprint is checked), but it
    /// holds the payout's params (account numbers): store it like the payout record.
    pub fn to_json(&self) -> String {
        let (phase, step, until, outcome) = match &self.phase {
            Phase::New => ("new", Json::Null, Json::Null, Json::Null),
            Phase::Sent(s) => ("sent", name_of(STEPS, *s).into(), Json::Null, Json::Null),
            Phase::Waiting { next, until } => ("waiting", name_of(STEPS, *next).into(), (*until).into(), Json::Null),
            Phase::Done(o) => ("done", Json::Null, Json::Null, o.to_json()),
        };
        let o = &self.options;
        json!({
            "version": 1,
            "provider": self.provider(),
            "gateway": self.gateway.fingerprint(),
            "params": state_value(&Value::Map(self.params.clone())),
            "options": {"poll_interval": o.poll_interval, "deadline": o.deadline, "withdraw_try": o.withdraw_try, "check_account": o.check_account},
            "phase": phase, "step": step, "until": until, "outcome": outcome,
            "exists": name_of(EXISTS, self.exists),
            "deadline_at": self.deadline_at,
            "payout_id": self.payout_id,
            "account_info": self.account_info,
            "creates": self.creates,
            "not_found": self.not_found,
            "last_sent_at": self.last_sent_at,
            "bad_request": self.bad_request,
            "last": self.last.as_ref().map(Outcome::to_json),
        })
        .to_string()
    }

    /// Resume a flow saved with [`PayoutFlow::to_json`], with the gateway it ran with (same
    /// provider and account). Anything else is `invalid_state`. Then call
    /// [`PayoutFlow::resume`].
    pub fn from_json(gateway: Gateway, text: &str) -> Result<Self> {
        let bad = || invalid_state("not a payout flow state written by this version of payoutkit");
        let v: Json = serde_json::from_str(text).map_err(|_| bad())?;
        if v.get("version") != Some(&json!(1)) {
            return Err(bad());
        }
        if v.get("provider").and_then(Json::as_str) != Some(gateway.provider()) {
            return Err(invalid_state("the saved flow belongs to another provider's gateway"));
        }
        if v.get("gateway").and_then(Json::as_str) != Some(gateway.fingerprint().as_str()) {
            return Err(invalid_state("the saved flow ran with another account or base URL: resume it with the same gateway"));
        }
        let int = |k: &str| v.get(k).and_then(Json::as_i64).ok_or_else(bad);
        let opt = v.get("options").ok_or_else(bad)?;
        let seconds = |k: &str| opt.get(k).and_then(Json::as_i64).filter(|i| *i > 0 && *i <= 30 * 86_400).ok_or_else(bad);
        let options = Options {
            poll_interval: seconds("poll_interval")?,
            deadline: seconds("deadline")?,
            withdraw_try: opt.get("withdraw_try").and_then(Json::as_bool).ok_or_else(bad)?,
            check_account: opt.get("check_account").and_then(Json::as_bool).ok_or_else(bad)?,
        };
        let step = || v.get("step").and_then(Json::as_str).and_then(|s| from_name(STEPS, s)).ok_or_else(bad);
        let phase = match v.get("phase").and_then(Json::as_str) {
            Some("new") => Phase::New,
            Some("sent") => Phase::Sent(step()?),
            Some("waiting") => Phase::Waiting { next: step()?, until: int("until")? },
            Some("done") => Phase::Done(alloc::boxed::Box::new(v.get("outcome").and_then(Outcome::from_json).ok_or_else(bad)?)),
            _ => return Err(bad()),
        };
        let params = match v.get("params").and_then(|p| value_from_state(p, 0)) {
            Some(Value::Map(m)) => m,
            _ => return Err(bad()),
        };
        let last = match v.get("last") {
            Some(Json::Null) => None,
            Some(l) => Some(Outcome::from_json(l).ok_or_else(bad)?),
            None => return Err(bad()),
        };
        let flow = PayoutFlow {
            gateway,
            params,
            options,
            phase,
            exists: v.get("exists").and_then(Json::as_str).and_then(|s| from_name(EXISTS, s)).ok_or_else(bad)?,
            deadline_at: int("deadline_at")?,
            payout_id: match v.get("payout_id") {
                Some(Json::Null) => None,
                Some(id) if id_of(id).is_some() => Some(id.clone()),
                _ => return Err(bad()),
            },
            account_info: match v.get("account_info") {
                Some(Json::Null) => None,
                Some(info @ Json::Object(_)) => Some(info.clone()),
                _ => return Err(bad()),
            },
            creates: u32::try_from(int("creates")?).ok().filter(|c| *c <= MAX_CREATES).ok_or_else(bad)?,
            not_found: u8::try_from(int("not_found")?).map_err(|_| bad())?,
            last_sent_at: int("last_sent_at")?,
            bad_request: v.get("bad_request").and_then(Json::as_bool).ok_or_else(bad)?,
            last,
        };
        // The restored params must still build the requests.
        http::id_text(flow.params.get(flow.reference()).unwrap_or(&Value::Null), flow.reference()).map_err(|_| bad())?;
        flow.request(Step::Create, 0).map_err(|_| bad())?;
        Ok(flow)
    }
}

/// A payout id as text: a non-empty string or an integer.
fn id_of(v: &Json) -> Option<String> {
    match v {
        Json::String(s) if !s.is_empty() => Some(s.clone()),
        Json::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// A value as state JSON that restores to the same value whatever serde_json's features:
/// maps as ordered pairs, decimals and big integers as their text, floats as their bits.
fn state_value(v: &Value) -> Json {
    match v {
        Value::Null | Value::Other(_) => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Str(s) => Json::String(s.clone()),
        Value::Int(i) => i64::try_from(*i).map_or_else(|_| json!({"$int": i.to_string()}), Json::from),
        // The bits: exact, and no float parser in the browser build.
        Value::Float(f) => json!({"$f64_bits": f.to_bits()}),
        Value::Decimal(d) => json!({"$decimal": d}),
        Value::Bytes(b) => json!({"$bytes_hex": hex::encode(b)}),
        Value::List(l) => Json::Array(l.iter().map(state_value).collect()),
        Value::Map(m) => json!({"$map": m.iter().map(|(k, v)| json!([k, state_value(v)])).collect::<alloc::vec::Vec<_>>()}),
    }
}

fn value_from_state(v: &Json, depth: usize) -> Option<Value> {
    if depth > crate::MAX_DEPTH {
        return None;
    }
    Some(match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::String(s) => Value::Str(s.clone()),
        Json::Number(n) => Value::Int(n.as_i64()?.into()),
        Json::Array(items) => Value::List(items.iter().map(|i| value_from_state(i, depth + 1)).collect::<Option<_>>()?),
        Json::Object(o) if o.len() == 1 => {
            let (tag, inner) = o.iter().next()?;
            match (tag.as_str(), inner) {
                ("$int", Json::String(s)) => Value::Int(s.parse().ok()?),
                ("$f64_bits", Json::Number(n)) => Value::Float(f64::from_bits(n.as_u64()?)),
                ("$decimal", Json::String(s)) => Value::Decimal(s.clone()),
                ("$bytes_hex", Json::String(s)) => Value::Bytes(hex::decode(s).ok()?),
                ("$map", Json::Array(pairs)) => {
                    let mut m = Map::with_capacity(pairs.len());
                    for pair in pairs {
                        let (Some(Json::String(k)), Some(v)) = (pair.get(0), pair.get(1)) else { return None };
                        if m.get(k).is_some() {
                            return None;
                        }
                        m.push_unique(k.clone(), value_from_state(v, depth + 1)?);
                    }
                    Value::Map(m)
                }
                _ => return None,
            }
        }
        Json::Object(_) => return None,
    })
}
