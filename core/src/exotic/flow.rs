//! exotic's part of the payout flow: callback-first. Document 003: "Do not use polling to
//! monitor request status. The platform server has rate limits on status requests. Use
//! callback functionality to monitor request status. If you need to use polling, please
//! coordinate this with the platform's technical support."
//!
//! So by default the flow creates, then waits for a callback until the deadline. A status
//! request goes out only to confirm a callback or to resolve an unclear create, with
//! back-off ([`CONFIRM_BACKOFF`]). Periodic polling happens only when the integrator gives
//! a `poll_interval`. exotic documents no duplicate protection, so the flow never creates
//! twice: after an unclear create it looks the order up until the deadline.

use super::client::{classify, create_refused, parse_callback, Client, Endpoint};
use crate::error::{Error, ErrorCode, Result};
use crate::flow::{Exists, Next, Rules, State, Step};
use crate::http::{Kind, Outcome, Request};
use crate::value::Value;

/// Seconds between confirmation checks after a callback or an unclear create, when no
/// `poll_interval` is given: five more checks over about 15 minutes, then the flow waits
/// for a callback until the deadline.
pub const CONFIRM_BACKOFF: &[i64] = &[30, 60, 120, 240, 480];

impl Rules for Client {
    fn reference_field(&self) -> &'static str {
        "order_id"
    }

    /// None: no periodic polling unless the integrator opts in.
    fn default_poll_interval(&self) -> Option<i64> {
        None
    }

    fn request(&self, s: &State, step: Step, _now: i64) -> Result<Request> {
        match step {
            Step::Create => self.request(Endpoint::CreatePayOut, &Value::Map(s.params.clone())),
            // Looked up by order_id: the document's status URL takes "pay_out_id" without
            // saying which id (providers.md §2.8 Q3).
            Step::Check => self.request(Endpoint::StatusPayOut, &s.reference_value()),
            Step::Try | Step::CheckAccount | Step::Process => Err(Error::internal("exotic has no such step")),
        }
    }

    fn classify(&self, _s: &State, _step: Step, http_status: u16, body: &Value) -> Result<Outcome> {
        classify(http_status, body)
    }

    fn callback(&self, s: &State, body: &Value) -> Result<()> {
        let event = parse_callback(body)?;
        let order = event.as_map("event")?.get("order_id").and_then(|v| v.signed_text("order_id").ok().map(|t| t.into_owned()));
        if order.as_deref() != Some(s.reference_text().as_str()) {
            return Err(Error::field(ErrorCode::InvalidValue, "order_id", "the callback is for another payout"));
        }
        Ok(())
    }

    fn decide(&self, s: &mut State, step: Step, outcome: Option<Outcome>) -> Next {
        let Some(o) = outcome else {
            return if step == Step::Create { Next::Send(Step::Check) } else { s.back_off(Step::Check, CONFIRM_BACKOFF) };
        };
        match (step, o.kind) {
            (_, Kind::Succeeded | Kind::Rejected) => {
                s.confirming = false;
                s.exists = Exists::Yes;
                Next::Finish(o)
            }
            // The payout exists and is not final: wait for its callback (or poll, if asked);
            // while confirming a callback, check again after the back-off.
            (_, Kind::Pending) => {
                s.exists = Exists::Yes;
                s.note_id(&o);
                if s.confirming { s.back_off(Step::Check, CONFIRM_BACKOFF) } else { Next::WaitThen(Step::Check) }
            }
            // Only a refusal the page documents (or an auth failure) means "not created".
            (Step::Create, _) if create_refused(&o) => {
                s.exists = Exists::No;
                let mut out = o;
                out.kind = Kind::FatalError;
                Next::Finish(out)
            }
            // Anything else may have created it: look it up at once, never create again.
            (Step::Create, _) => Next::Send(Step::Check),
            // A lookup that settles nothing: the next confirmation check after the back-off.
            _ => s.back_off(Step::Check, CONFIRM_BACKOFF),
        }
    }
}
