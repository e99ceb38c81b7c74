//! Corefy's part of the payout flow (document 004): create the invoice, process it when it
//! stays `created`, then follow it by id (or by reference_id while the id is unknown) until
//! it is final. The HTTP directives say which failed creates left nothing behind.

use super::client::{classify, classify_for_reference, parse_callback, Client, Endpoint};
use crate::error::{Error, ErrorCode, Result};
use crate::flow::{id_of, Exists, Next, Rules, State, Step};
use crate::http::{Kind, Outcome, Request};
use crate::value::Value;
use alloc::string::String;

impl Rules for Client {
    fn reference_field(&self) -> &'static str {
        "reference_id"
    }

    fn default_poll_interval(&self) -> Option<i64> {
        Some(30)
    }

    fn request(&self, s: &State, step: Step, _now: i64) -> Result<Request> {
        let id = || s.payout_id.clone().map_or(Value::Null, Value::from);
        match step {
            Step::Create => self.request(Endpoint::CreatePayoutInvoice, &Value::Map(s.params.clone())),
            Step::Process => self.request(Endpoint::ProcessPayoutInvoice, &id()),
            Step::Check if s.payout_id.is_some() => self.request(Endpoint::GetPayoutInvoice, &id()),
            Step::Check => self.request(Endpoint::FindPayoutInvoice, &s.reference_fields()),
            Step::Try | Step::CheckAccount => Err(Error::internal("Corefy has no such step")),
        }
    }

    fn classify(&self, s: &State, step: Step, http_status: u16, body: &Value) -> Result<Outcome> {
        match (step, &s.payout_id) {
            // A search by reference: only the invoice with our reference counts.
            (Step::Check, None) => classify_for_reference(http_status, body, &s.reference_text()),
            _ => classify(http_status, body),
        }
    }

    fn callback(&self, s: &State, body: &Value) -> Result<()> {
        let event = parse_callback(body)?;
        let map = event.as_map("event")?;
        let text = |field: &str| map.get(field).and_then(|v| v.signed_text(field).ok().map(|t| t.into_owned()));
        let own = text("reference_id").is_some_and(|t| t == s.reference_text())
            || s.payout_id.as_ref().and_then(id_of).is_some_and(|id| text("id") == Some(id));
        if !own {
            return Err(Error::field(ErrorCode::InvalidValue, "reference_id", "the callback is for another payout"));
        }
        Ok(())
    }

    fn decide(&self, s: &mut State, step: Step, outcome: Option<Outcome>) -> Next {
        let Some(o) = outcome else {
            return match step {
                Step::Create => Next::Send(Step::Check),
                _ => Next::WaitThen(Step::Check),
            };
        };
        if !o.status.is_null() {
            // An invoice: it exists.
            s.exists = Exists::Yes;
            s.note_id(&o);
            let auto = s.params.get("options").and_then(|v| v.as_map("options").ok()).and_then(|m| m.get("auto_process"))
                == Some(&Value::Bool(true));
            return if o.kind.is_final() {
                Next::Finish(o)
            } else if o.status == "created" && !auto && step != Step::Process && s.payout_id.is_some() {
                Next::Send(Step::Process)
            } else {
                Next::WaitThen(Step::Check)
            };
        }
        match (step, o.http_status) {
            // The directives say these were not created.
            (Step::Create, 401 | 403 | 404 | 405 | 422) => {
                s.exists = Exists::No;
                let mut out = o;
                out.kind = Kind::FatalError;
                Next::Finish(out)
            }
            (Step::Create, 400) => {
                s.bad_request = true;
                Next::Send(Step::Check)
            }
            // A duplicate without the invoice in the body: it exists; find it.
            (Step::Create, 409) => {
                s.exists = Exists::Yes;
                Next::Send(Step::Check)
            }
            (Step::Create, 429) => Next::WaitThen(Step::Check),
            // Accepted without a status the table names: it exists; follow it.
            (Step::Create, 200..=299) => {
                s.exists = Exists::Yes;
                s.note_id(&o);
                Next::WaitThen(Step::Check)
            }
            (Step::Create, _) => Next::Send(Step::Check),
            (Step::Check, _) if o.kind == Kind::NotFound && s.exists == Exists::Maybe && s.payout_id.is_none() => {
                if s.bad_request && s.not_found >= 1 {
                    // Twice not found after a 400: the directive says it failed.
                    s.exists = Exists::No;
                    let mut out = o;
                    out.kind = Kind::FatalError;
                    out.message = String::from("the create request was answered 400 and no invoice exists: it was not created; fix the request");
                    return Next::Finish(out);
                }
                s.not_found_while_unknown()
            }
            _ => Next::WaitThen(Step::Check),
        }
    }
}
