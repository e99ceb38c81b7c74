//! The payout flow as a sans-IO state machine: it says what to send, how long to wait and
//! when it is done; the caller does the I/O and feeds back each response, time-out or wake.
//!
//! This module is the provider-independent machine; each provider's rules (which request a
//! step sends, how an answer reads, what it leads to) live in that provider's module and
//! are reached through its `Rules` (crate-private). The rules that keep a flow from paying twice:
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

use crate::endpoint;
use crate::error::{Error, ErrorCode, Result};
use crate::gateway::Gateway;
use crate::http::{Kind, Outcome, Request};
use crate::value::{Map, Value};
use alloc::format;
use alloc::string::{String, ToString};
use serde_json::{json, Value as Json};

/// What the caller should do next.
#[derive(Clone, PartialEq)]
pub enum Action {
    /// Send this request, then call `on_response` (or `on_timeout`).
    Send(Request),
    /// Wait this many seconds (or until a callback arrives), then call `on_wake`.
    Wait(i64),
    /// The flow is over.
    Done(Outcome),
}

impl core::fmt::Debug for Action {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Action::Send(r) => f.debug_tuple("Send").field(r).finish(),
            Action::Wait(s) => f.debug_tuple("Wait").field(s).finish(),
            Action::Done(o) => f.debug_tuple("Done").field(o).finish(),
        }
    }
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

    /// The action as a printout shows it: credentials as `***`, card numbers masked 6+4.
    pub fn redacted(&self) -> Value {
        match self {
            Action::Send(r) => Value::Map(Map::new().with("kind", "send").with("request", r.redacted())),
            Action::Wait(_) => self.to_value(),
            Action::Done(o) => Value::Map(Map::new().with("kind", "done").with("outcome", o.redacted())),
        }
    }
}

/// The requests a flow sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
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
pub(crate) enum Exists {
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
pub(crate) enum Next {
    /// Send this step's request now.
    Send(Step),
    /// Wait the poll interval, then send this step's request (or, without periodic polling,
    /// wait for a callback until the deadline).
    WaitThen(Step),
    /// Wait this many seconds (capped by the deadline), then send this step's request.
    WaitFor(Step, i64),
    /// Done with this outcome.
    Finish(Outcome),
}

fn name_of<T: PartialEq + Copy>(table: &[(T, &'static str)], v: T) -> &'static str {
    table.iter().find(|(t, _)| *t == v).map_or("", |(_, n)| n)
}

fn from_name<T: Copy>(table: &[(T, &'static str)], name: &str) -> Option<T> {
    table.iter().find(|(_, n)| *n == name).map(|(t, _)| *t)
}

/// Flow options: `poll_interval` (seconds; `None`: no periodic polling, the provider's
/// callbacks are awaited), `deadline` (seconds), M4's `withdraw_try` / `check_account` steps.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Options {
    pub(crate) poll_interval: Option<i64>,
    pub(crate) deadline: i64,
    pub(crate) withdraw_try: bool,
    pub(crate) check_account: bool,
}

/// A provider's part of the flow: implemented by each provider's client.
pub(crate) trait Rules {
    /// The merchant's id field of the create request (`shop_payment_id`, `order_id`, `reference_id`).
    fn reference_field(&self) -> &'static str;
    /// The poll interval when the caller gives none; `None` for callback-first providers.
    fn default_poll_interval(&self) -> Option<i64>;
    /// Options this provider's flow takes besides `poll_interval` and `deadline`.
    fn extra_options(&self) -> &'static [&'static str] {
        &[]
    }
    /// The first request.
    fn first_step(&self, _options: &Options) -> Step {
        Step::Create
    }
    /// The request of `step` for this flow.
    fn request(&self, s: &State, step: Step, now: i64) -> Result<Request>;
    /// Read an answer to `step`.
    fn classify(&self, s: &State, step: Step, http_status: u16, body: &Value) -> Result<Outcome>;
    /// What an answer (`None`: no answer) to `step` leads to.
    fn decide(&self, s: &mut State, step: Step, outcome: Option<Outcome>) -> Next;
    /// Parse a callback and check that it is about this payout.
    fn callback(&self, s: &State, body: &Value) -> Result<()>;
}

/// The flow's state that a provider's rules read and update.
#[derive(Clone, Debug)]
pub(crate) struct State {
    pub(crate) reference: &'static str,
    pub(crate) params: Map,
    pub(crate) options: Options,
    pub(crate) exists: Exists,
    pub(crate) deadline_at: i64,
    /// The provider's payout id as it sent it (M4: a number, Corefy: text).
    pub(crate) payout_id: Option<Json>,
    pub(crate) account_info: Option<Json>,
    pub(crate) creates: u32,
    /// Consecutive "not found" lookups since the last create (two allow a new create).
    pub(crate) not_found: u8,
    /// When the last request was sent (unix seconds).
    pub(crate) last_sent_at: i64,
    pub(crate) bad_request: bool,
    /// Confirmation checks made since the last callback or unclear create (back-off).
    pub(crate) backoff: u8,
    /// Whether the checks confirm a callback (a pending answer then is checked again).
    pub(crate) confirming: bool,
    pub(crate) last: Option<Outcome>,
}

/// At most this many creates per flow (each after two "not found" lookups).
pub(crate) const MAX_CREATES: u32 = 3;

/// A callback triggers a status check only this long after the last request: a flood of
/// (forged) callbacks must not turn into a flood of status requests.
const CALLBACK_GAP: i64 = 10;

fn invalid_state(message: impl Into<String>) -> Error {
    Error::general(ErrorCode::InvalidState, message)
}

impl State {
    /// The merchant's id for this payout.
    pub(crate) fn reference_value(&self) -> Value {
        self.params.get(self.reference).cloned().unwrap_or(Value::Null)
    }

    /// The merchant's id as text.
    pub(crate) fn reference_text(&self) -> String {
        self.reference_value().signed_text("reference").map(|t| t.into_owned()).unwrap_or_default()
    }

    /// `{<reference field>: <id>}`: the fields of a lookup by the merchant's id.
    pub(crate) fn reference_fields(&self) -> Value {
        Value::Map(Map::new().with(self.reference, self.reference_value()))
    }

    /// The params with only these keys.
    pub(crate) fn subset(&self, keys: &[&str]) -> Value {
        Value::Map(self.params.iter().filter(|(k, _)| keys.contains(k)).map(|(k, v)| (k, v.clone())).collect())
    }

    /// Remember the provider's payout id from a response (`data.id`, exotic's
    /// `internal_transaction_id`): a non-empty string or an integer, else nothing.
    pub(crate) fn note_id(&mut self, o: &Outcome) {
        let id = o.data.get("id").or_else(|| o.data.get("internal_transaction_id"));
        if let Some(id) = id.filter(|v| id_of(v).is_some()) {
            self.payout_id = Some(id.clone());
        }
    }

    /// A lookup said "not found" while a create may have gone out: the second such answer
    /// in a row (a poll interval after the first) allows a new create, up to the limit.
    pub(crate) fn not_found_while_unknown(&mut self) -> Next {
        self.not_found = self.not_found.saturating_add(1);
        if self.not_found >= 2 && self.creates < MAX_CREATES {
            self.exists = Exists::No;
            Next::Send(Step::Create)
        } else {
            Next::WaitThen(Step::Check)
        }
    }

    /// After an answer that settles nothing, without periodic polling: the next confirmation
    /// check after `schedule[n]` seconds, then none (wait for a callback until the deadline).
    pub(crate) fn back_off(&mut self, step: Step, schedule: &[i64]) -> Next {
        match (self.options.poll_interval, schedule.get(usize::from(self.backoff))) {
            (Some(_), _) => Next::WaitThen(step),
            (None, Some(seconds)) => {
                self.backoff = self.backoff.saturating_add(1);
                Next::WaitFor(step, *seconds)
            }
            (None, None) => {
                self.confirming = false;
                Next::WaitFor(step, i64::MAX)
            }
        }
    }
}

/// A payout flow for one payout (one merchant id): M4 Withdraw Flow V1, Corefy payout
/// invoices, or exotic's callback-first pay-out.
#[derive(Clone, Debug)]
pub struct PayoutFlow {
    gateway: Gateway,
    phase: Phase,
    state: State,
}

fn option_int(map: &Map, key: &'static str) -> Result<Option<i64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Int(i)) if *i > 0 && *i <= 30 * 86_400 => Ok(Some(*i as i64)),
        Some(Value::Float(f)) if crate::value::integral(*f).is_some_and(|i| i > 0 && i <= 30 * 86_400) => Ok(Some(*f as i64)),
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
    /// `poll_interval` (seconds; M4 and Corefy poll every 30 s by default; exotic, whose
    /// document asks for callbacks instead of polling, does not poll unless given one),
    /// `deadline` (seconds from `start`; 7200), and for M4 `withdraw_try` / `check_account`
    /// (run those steps first). The create request is built once here, so bad params fail
    /// now rather than mid-flow.
    pub fn new(gateway: Gateway, params: &Value, options: &Value) -> Result<Self> {
        params.as_map("params")?;
        let params = endpoint::input_fields(params, None)?;
        // Options may be written in camelCase too (JS), like builder fields.
        let opts = match options {
            Value::Null => Map::new(),
            other => endpoint::input_fields(&Value::Map(other.as_map("options")?.clone()), None)?,
        };
        let rules = gateway.rules();
        let mut allowed = alloc::vec!["poll_interval", "deadline"];
        allowed.extend_from_slice(rules.extra_options());
        endpoint::reject_unknown(&opts, &allowed)?;
        let options = Options {
            poll_interval: option_int(&opts, "poll_interval")?.or(rules.default_poll_interval()),
            deadline: option_int(&opts, "deadline")?.unwrap_or(7200),
            withdraw_try: option_bool(&opts, "withdraw_try")?,
            check_account: option_bool(&opts, "check_account")?,
        };
        let reference = rules.reference_field();
        let state = State {
            reference,
            params,
            options,
            exists: Exists::No,
            deadline_at: 0,
            payout_id: None,
            account_info: None,
            creates: 0,
            not_found: 0,
            last_sent_at: 0,
            bad_request: false,
            backoff: 0,
            confirming: false,
            last: None,
        };
        endpoint::id_text(state.params.get(reference).unwrap_or(&Value::Null), reference)?;
        let flow = PayoutFlow { gateway, phase: Phase::New, state };
        for step in [Step::Try, Step::CheckAccount, Step::Create] {
            let wanted = match step {
                Step::Try => flow.state.options.withdraw_try,
                Step::CheckAccount => flow.state.options.check_account,
                _ => true,
            };
            if wanted {
                flow.gateway.rules().request(&flow.state, step, 0)?;
            }
        }
        Ok(flow)
    }

    /// The number of create requests sent so far (more than one only after a lookup said
    /// the payout did not exist).
    pub fn creates_sent(&self) -> u32 {
        self.state.creates
    }

    /// Whether the flow is over.
    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Done(_))
    }

    /// Begin: the first request (`withdraw/try`, `check_account` or the create).
    pub fn start(&mut self, now: i64) -> Result<Action> {
        self.transaction(|f| {
            if f.phase != Phase::New {
                return Err(invalid_state("the flow has already started"));
            }
            f.state.deadline_at = now.saturating_add(f.state.options.deadline);
            let first = f.gateway.rules().first_step(&f.state.options);
            f.advance(Next::Send(first), now)
        })
    }

    /// The response to the request last sent.
    pub fn on_response(&mut self, http_status: u16, body: &Value, now: i64) -> Result<Action> {
        self.transaction(|f| {
            let Phase::Sent(step) = f.phase else {
                return Err(invalid_state("no request is awaiting a response"));
            };
            let rules = f.gateway.rules();
            if http_status == 0 {
                let next = rules.decide(&mut f.state, step, None);
                return f.advance(next, now);
            }
            let outcome = rules.classify(&f.state, step, http_status, body)?;
            if outcome.kind != Kind::NotFound {
                f.state.not_found = 0;
            }
            let next = rules.decide(&mut f.state, step, Some(outcome.clone()));
            f.state.last = Some(outcome);
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

    /// A callback (raw body) for this payout arrived (exotic, Corefy). Verify its signature
    /// before where the provider documents one; either way the flow only trusts what a
    /// status request then says. The check goes out at once, unless a request went out less
    /// than 10 s ago: then it goes out when those 10 s are over (a flood of callbacks is not
    /// a flood of requests). A callback opens a new round of confirmation checks.
    pub fn on_callback(&mut self, body: &Value, now: i64) -> Result<Action> {
        self.transaction(|f| {
            f.gateway.rules().callback(&f.state, body)?;
            let gap_over = f.state.last_sent_at.saturating_add(CALLBACK_GAP);
            match f.phase {
                // Too soon after the last request: the check goes out when the gap is over
                // (not at the end of a long wait, where a callback-first flow would lose it).
                Phase::Waiting { until, .. } if now < gap_over => {
                    let at = gap_over.min(until);
                    f.state.backoff = 0;
                    f.state.confirming = true;
                    f.phase = Phase::Waiting { next: Step::Check, until: at };
                    Ok(Action::Wait((at - now).max(0)))
                }
                Phase::Waiting { .. } => {
                    f.state.backoff = 0;
                    f.state.confirming = true;
                    f.advance(Next::Send(Step::Check), now)
                }
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

    fn deadline_outcome(&self) -> Outcome {
        let s = &self.state;
        let reference = s.reference_text();
        let mut out = match (s.exists, s.creates) {
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
        if let Some(last) = &s.last {
            out.status = last.status.clone();
            out.error_code = last.error_code.clone();
            out.data = last.data.clone();
            out.http_status = last.http_status;
        }
        out
    }

    fn advance(&mut self, next: Next, now: i64) -> Result<Action> {
        let past_deadline = now >= self.state.deadline_at;
        match next {
            Next::Finish(outcome) => self.finish(outcome),
            Next::Send(_) | Next::WaitThen(_) | Next::WaitFor(..) if past_deadline => self.finish(self.deadline_outcome()),
            Next::Send(step) => {
                if step == Step::Create {
                    // The one rule against double payouts.
                    if self.state.exists != Exists::No || self.state.creates >= MAX_CREATES {
                        return Err(Error::internal("refused to send a create while a payout may exist"));
                    }
                    self.state.exists = Exists::Maybe;
                    self.state.creates += 1;
                    self.state.not_found = 0;
                }
                let request = self.gateway.rules().request(&self.state, step, now)?;
                self.phase = Phase::Sent(step);
                self.state.last_sent_at = now;
                Ok(Action::Send(request))
            }
            Next::WaitThen(step) => {
                let seconds = self.state.options.poll_interval.unwrap_or(i64::MAX);
                self.wait(step, seconds, now)
            }
            Next::WaitFor(step, seconds) => self.wait(step, seconds, now),
        }
    }

    fn wait(&mut self, next: Step, seconds: i64, now: i64) -> Result<Action> {
        let until = now.saturating_add(seconds).min(self.state.deadline_at);
        self.phase = Phase::Waiting { next, until };
        Ok(Action::Wait(until - now))
    }

    fn finish(&mut self, outcome: Outcome) -> Result<Action> {
        self.phase = Phase::Done(alloc::boxed::Box::new(outcome.clone()));
        Ok(Action::Done(outcome))
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
        let s = &self.state;
        let o = &s.options;
        json!({
            "version": 2,
            "provider": self.gateway.provider().name(),
            "gateway": self.gateway.fingerprint(),
            "params": crate::dynamic::tagged_json(&Value::Map(s.params.clone())),
            "options": {"poll_interval": o.poll_interval, "deadline": o.deadline, "withdraw_try": o.withdraw_try, "check_account": o.check_account},
            "phase": phase, "step": step, "until": until, "outcome": outcome,
            "exists": name_of(EXISTS, s.exists),
            "deadline_at": s.deadline_at,
            "payout_id": s.payout_id,
            "account_info": s.account_info,
            "creates": s.creates,
            "not_found": s.not_found,
            "last_sent_at": s.last_sent_at,
            "bad_request": s.bad_request,
            "backoff": s.backoff,
            "confirming": s.confirming,
            "last": s.last.as_ref().map(Outcome::to_json),
        })
        .to_string()
    }

    /// Resume a flow saved with [`PayoutFlow::to_json`] (this version's or the previous
    /// one's), with the gateway it ran with (same provider and account). Anything else is
    /// `invalid_state`. Then call [`PayoutFlow::resume`].
    pub fn from_json(gateway: Gateway, text: &str) -> Result<Self> {
        let bad = || invalid_state("not a payout flow state written by this version of payoutkit");
        let v: Json = serde_json::from_str(text).map_err(|_| bad())?;
        let version = v.get("version").and_then(Json::as_i64);
        if !matches!(version, Some(1 | 2)) {
            return Err(bad());
        }
        if v.get("provider").and_then(Json::as_str) != Some(gateway.provider().name()) {
            return Err(invalid_state("the saved flow belongs to another provider's gateway"));
        }
        if v.get("gateway").and_then(Json::as_str) != Some(gateway.fingerprint().as_str()) {
            return Err(invalid_state("the saved flow ran with another account or base URL: resume it with the same gateway"));
        }
        let int = |k: &str| v.get(k).and_then(Json::as_i64).ok_or_else(bad);
        let opt = v.get("options").ok_or_else(bad)?;
        let seconds = |k: &str| opt.get(k).and_then(Json::as_i64).filter(|i| *i > 0 && *i <= 30 * 86_400).ok_or_else(bad);
        let options = Options {
            poll_interval: match opt.get("poll_interval") {
                Some(Json::Null) => None,
                _ => Some(seconds("poll_interval")?),
            },
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
        let params = match v.get("params").map(|p| crate::dynamic::from_tagged_json(p, 0)) {
            Some(Ok(Value::Map(m))) => m,
            _ => return Err(bad()),
        };
        let last = match v.get("last") {
            Some(Json::Null) => None,
            Some(l) => Some(Outcome::from_json(l).ok_or_else(bad)?),
            None => return Err(bad()),
        };
        let state = State {
            reference: gateway.rules().reference_field(),
            params,
            options,
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
            backoff: match (version, v.get("backoff")) {
                (Some(1), None) => 0,
                (_, b) => b.and_then(Json::as_u64).and_then(|b| u8::try_from(b).ok()).ok_or_else(bad)?,
            },
            confirming: match (version, v.get("confirming")) {
                (Some(1), None) => false,
                (_, b) => b.and_then(Json::as_bool).ok_or_else(bad)?,
            },
            last,
        };
        let flow = PayoutFlow { gateway, phase, state };
        // The restored params must still build the requests.
        let reference = flow.state.reference;
        endpoint::id_text(flow.state.params.get(reference).unwrap_or(&Value::Null), reference).map_err(|_| bad())?;
        flow.gateway.rules().request(&flow.state, Step::Create, 0).map_err(|_| bad())?;
        Ok(flow)
    }
}

/// A payout id as text: a non-empty string or an integer.
pub(crate) fn id_of(v: &Json) -> Option<String> {
    match v {
        Json::String(s) if !s.is_empty() => Some(s.clone()),
        Json::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}
