//! The payout flow as a sans-IO state machine: it says what to send, how long to wait and
//! when it is done; the caller does the I/O and feeds back each response, time-out or wake.
//!
//! One rule keeps it from paying twice: a create request is only ever sent while the flow
//! *knows* no payout exists for its id (before the first create, or after a lookup of that
//! id answered "not found"). After a create without a clear answer (time-out, 5xx, a body
//! it cannot read) the flow looks the id up first. Every provider's answers are mapped onto
//! that rule below; `core/tests/flow_model.rs` checks it against a model of each provider
//! over every sequence of answers up to depth 12.

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
#[derive(Debug)]
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
    bad_request: bool,
    last: Option<Outcome>,
}

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
        let opts = match options {
            Value::Null => Map::new(),
            other => other.as_map("options")?.clone(),
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
        if self.phase != Phase::New {
            return Err(invalid_state("the flow has already started"));
        }
        self.deadline_at = now.saturating_add(self.options.deadline);
        let first = if self.options.withdraw_try {
            Step::Try
        } else if self.options.check_account {
            Step::CheckAccount
        } else {
            Step::Create
        };
        self.advance(Next::Send(first), now)
    }

    /// The response to the request last sent.
    pub fn on_response(&mut self, http_status: u16, body: &Value, now: i64) -> Result<Action> {
        let Phase::Sent(step) = self.phase else {
            return Err(invalid_state("no request is awaiting a response"));
        };
        if http_status == 0 {
            return self.on_timeout(now);
        }
        let outcome = self.gateway.classify(http_status, body)?;
        let next = self.decide(step, Some(outcome.clone()));
        self.last = Some(outcome);
        self.advance(next, now)
    }

    /// The request last sent got no response (time-out, connection error).
    pub fn on_timeout(&mut self, now: i64) -> Result<Action> {
        let Phase::Sent(step) = self.phase else {
            return Err(invalid_state("no request is awaiting a response"));
        };
        let next = self.decide(step, None);
        self.advance(next, now)
    }

    /// The wait asked for is over (early wakes get the rest of the wait).
    pub fn on_wake(&mut self, now: i64) -> Result<Action> {
        let Phase::Waiting { next, until } = self.phase else {
            return Err(invalid_state("the flow is not waiting"));
        };
        if now < until {
            return Ok(Action::Wait(until - now));
        }
        self.advance(Next::Send(next), now)
    }

    /// A callback (raw body) for this payout arrived (exotic, Corefy). Verify the Corefy
    /// signature before; either way the flow only trusts what a status request then says.
    pub fn on_callback(&mut self, body: &Value, now: i64) -> Result<Action> {
        let (event, id_field, expected) = match self.provider() {
            "exotic" => (crate::exotic::parse_callback(body)?, "order_id", self.reference_value()),
            "corefy" => (crate::corefy::parse_callback(body)?, "reference_id", self.reference_value()),
            _ => return Err(invalid_state("M4 sends no payout callbacks: the flow polls")),
        };
        let matches = |field: &str, want: &Value| -> bool {
            let got = event.as_map("event").ok().and_then(|m| m.get(field)).and_then(|v| v.signed_text(field).ok().map(|t| t.into_owned()));
            got.is_some() && got == want.signed_text(field).ok().map(|t| t.into_owned())
        };
        let own = matches(id_field, &expected)
            || self.payout_id.as_ref().is_some_and(|id| self.provider() == "corefy" && matches("id", &Value::from(id.clone())));
        if !own {
            return Err(Error::field(ErrorCode::InvalidValue, id_field, "the callback is for another payout"));
        }
        match self.phase {
            Phase::Waiting { .. } => self.advance(Next::Send(Step::Check), now),
            _ => Err(invalid_state("the flow is not waiting (a request is in flight, or it is done)")),
        }
    }

    fn deadline_outcome(&self) -> Outcome {
        let reference = self.reference_value().signed_text("reference").map(|t| t.into_owned()).unwrap_or_default();
        let mut out = match self.exists {
            Exists::Yes => Outcome::new(
                Kind::Pending,
                0,
                format!("deadline reached: the payout {reference} exists but is not final yet; keep checking its status"),
            ),
            Exists::Maybe => Outcome::new(
                Kind::Pending,
                0,
                format!("deadline reached without learning whether payout {reference} was created: look it up before creating it again"),
            ),
            Exists::No => Outcome::new(Kind::RetryableError, 0, format!("deadline reached: no payout {reference} was created")),
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
                    if self.exists != Exists::No {
                        return Err(Error::internal("refused to send a second create while a payout may exist"));
                    }
                    self.exists = Exists::Maybe;
                    self.creates += 1;
                }
                let request = self.request(step, now)?;
                self.phase = Phase::Sent(step);
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
    /// `internal_transaction_id`).
    fn note_id(&mut self, o: &Outcome) {
        let id = o.data.get("id").or_else(|| o.data.get("internal_transaction_id"));
        if let Some(id) = id.filter(|v| v.is_string() || v.is_i64() || v.is_u64()).cloned() {
            // exotic's status path takes the order id, so its internal id is kept for
            // reference only; M4 and Corefy look payouts up by their own id once known.
            self.payout_id = Some(id);
        }
    }

    fn decide(&mut self, step: Step, outcome: Option<Outcome>) -> Next {
        match self.provider() {
            "m4" => self.decide_m4(step, outcome),
            "exotic" => self.decide_exotic(step, outcome),
            _ => self.decide_corefy(step, outcome),
        }
    }

    fn decide_m4(&mut self, step: Step, outcome: Option<Outcome>) -> Next {
        let code = outcome.as_ref().and_then(|o| o.error_code.as_i64());
        let kind = outcome.as_ref().map(|o| o.kind);
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
            (Step::Create, Some(_)) if code == Some(crate::m4::ERROR_NOT_UNIQUE) || code == Some(crate::m4::ERROR_PROCESSING) => {
                self.exists = Exists::Yes;
                Next::Send(Step::Check)
            }
            (Step::Create, Some(o)) if matches!(o.kind, Kind::Succeeded | Kind::Rejected | Kind::Pending) => {
                self.exists = Exists::Yes;
                self.note_id(&o);
                if o.kind.is_final() && !o.status.is_null() { Next::Finish(o) } else { Next::WaitThen(Step::Check) }
            }
            // A fatal M4 error code: the payout was not created.
            (Step::Create, Some(o)) if o.kind == Kind::FatalError && code.is_some() => {
                self.exists = Exists::No;
                Next::Finish(o)
            }
            // A non-fatal error code: poll the status (the documented rule).
            (Step::Create, Some(o)) if code.is_some() && o.kind == Kind::RetryableError => Next::WaitThen(Step::Check),
            // No envelope (5xx, a proxy's page) or an odd answer: look it up at once.
            (Step::Create, Some(_)) => Next::Send(Step::Check),
            // Status lookups.
            (_, None) => Next::WaitThen(Step::Check),
            (_, Some(o)) => match kind {
                Some(Kind::Succeeded | Kind::Rejected) if !o.status.is_null() => {
                    self.exists = Exists::Yes;
                    Next::Finish(o)
                }
                Some(Kind::Pending) => {
                    self.exists = Exists::Yes;
                    self.note_id(&o);
                    Next::WaitThen(Step::Check)
                }
                Some(Kind::NotFound) if self.exists == Exists::Maybe && self.payout_id.is_none() => {
                    self.exists = Exists::No;
                    Next::Send(Step::Create)
                }
                _ => {
                    if code == Some(crate::m4::ERROR_NOT_UNIQUE) || code == Some(crate::m4::ERROR_PROCESSING) {
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
        let has_invoice = !o.status.is_null();
        if has_invoice {
            self.exists = Exists::Yes;
            self.note_id(&o);
            let process = self.params.get("options").and_then(|v| v.as_map("options").ok()).and_then(|m| m.get("auto_process"))
                != Some(&Value::Bool(true));
            return if o.kind.is_final() {
                Next::Finish(o)
            } else if o.status == "created" && process && step != Step::Process {
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
            (Step::Create, 429) => Next::WaitThen(Step::Check),
            (Step::Create, _) => Next::Send(Step::Check),
            (Step::Check, _) if o.kind == Kind::NotFound && self.exists == Exists::Maybe && self.payout_id.is_none() => {
                self.exists = Exists::No;
                if self.bad_request {
                    let mut out = o;
                    out.kind = Kind::FatalError;
                    out.message = String::from("the create request was answered 400 and no invoice exists: it was not created; fix the request");
                    Next::Finish(out)
                } else {
                    Next::Send(Step::Create)
                }
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
            (Step::Create, Kind::FatalError | Kind::NotFound) => {
                self.exists = Exists::No;
                let mut out = o;
                out.kind = Kind::FatalError;
                Next::Finish(out)
            }
            (Step::Create, _) => Next::Send(Step::Check),
            (_, Kind::NotFound) if self.exists == Exists::Maybe => {
                // exotic documents no idempotency for order_id, so the flow never creates
                // again on its own: the caller decides, knowing nothing was found.
                self.exists = Exists::No;
                let mut out = o;
                out.kind = Kind::RetryableError;
                out.message = String::from(
                    "the create got no clear answer and status_pay_out does not know the order: it was most likely not created; \
                     retry only with the same order_id",
                );
                Next::Finish(out)
            }
            _ => Next::WaitThen(Step::Check),
        }
    }

    /// The flow's state as JSON text (no secret: the gateway is supplied again on resume).
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
            "params": Json::from(&Value::Map(self.params.clone())),
            "options": {"poll_interval": o.poll_interval, "deadline": o.deadline, "withdraw_try": o.withdraw_try, "check_account": o.check_account},
            "phase": phase, "step": step, "until": until, "outcome": outcome,
            "exists": name_of(EXISTS, self.exists),
            "deadline_at": self.deadline_at,
            "payout_id": self.payout_id,
            "account_info": self.account_info,
            "creates": self.creates,
            "bad_request": self.bad_request,
            "last": self.last.as_ref().map(Outcome::to_json),
        })
        .to_string()
    }

    /// Resume a flow saved with [`PayoutFlow::to_json`], with its gateway (which must be
    /// of the same provider). Anything else is `invalid_state`.
    pub fn from_json(gateway: Gateway, text: &str) -> Result<Self> {
        let bad = || invalid_state("not a payout flow state written by this version of payoutkit");
        let v: Json = serde_json::from_str(text).map_err(|_| bad())?;
        if v.get("version") != Some(&json!(1)) {
            return Err(bad());
        }
        if v.get("provider").and_then(Json::as_str) != Some(gateway.provider()) {
            return Err(invalid_state("the saved flow belongs to another provider's gateway"));
        }
        let int = |k: &str| v.get(k).and_then(Json::as_i64).ok_or_else(bad);
        let opt = v.get("options").ok_or_else(bad)?;
        let options = Options {
            poll_interval: opt.get("poll_interval").and_then(Json::as_i64).filter(|i| *i > 0).ok_or_else(bad)?,
            deadline: opt.get("deadline").and_then(Json::as_i64).filter(|i| *i > 0).ok_or_else(bad)?,
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
        let params = match v.get("params").cloned().map(Value::from) {
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
                Some(id @ Json::String(_)) => Some(id.clone()),
                Some(id @ Json::Number(n)) if n.is_i64() || n.is_u64() => Some(id.clone()),
                Some(Json::Null) => None,
                _ => return Err(bad()),
            },
            account_info: v.get("account_info").filter(|i| i.is_object()).cloned(),
            creates: u32::try_from(int("creates")?).map_err(|_| bad())?,
            bad_request: v.get("bad_request").and_then(Json::as_bool).ok_or_else(bad)?,
            last,
        };
        // The restored params must still build the requests.
        http::id_text(flow.params.get(flow.reference()).unwrap_or(&Value::Null), flow.reference()).map_err(|_| bad())?;
        flow.request(Step::Create, 0).map_err(|_| bad())?;
        Ok(flow)
    }
}
