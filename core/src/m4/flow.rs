//! M4's part of the payout flow (providers.md §1.5): [withdraw/try] -> [check_account] ->
//! withdraw/create -> poll withdraw/status (id known) or withdraw/shop_payment_status.

use super::client::{accepted, error_code, merge_account_info, Client, Endpoint};
use super::{ERROR_NOT_UNIQUE, ERROR_PROCESSING};
use crate::error::{Error, ErrorCode, Result};
use crate::flow::{Exists, Next, Options, Rules, State, Step};
use crate::http::{Kind, Outcome, Request};
use crate::value::Value;
use alloc::string::String;
use serde_json::Value as Json;

/// Error codes that mean a payout with the flow's id exists.
const EXISTS_CODES: [i64; 2] = [ERROR_NOT_UNIQUE, ERROR_PROCESSING];

impl Rules for Client {
    fn reference_field(&self) -> &'static str {
        "shop_payment_id"
    }

    /// Every 30 s, as the Withdraw Flow page recommends (§1.5).
    fn default_poll_interval(&self) -> Option<i64> {
        Some(30)
    }

    fn extra_options(&self) -> &'static [&'static str] {
        &["withdraw_try", "check_account"]
    }

    fn first_step(&self, o: &Options) -> Step {
        if o.withdraw_try {
            Step::Try
        } else if o.check_account {
            Step::CheckAccount
        } else {
            Step::Create
        }
    }

    fn request(&self, s: &State, step: Step, now: i64) -> Result<Request> {
        match step {
            Step::Try => self.request(
                Endpoint::WithdrawTry,
                &s.subset(&["amount", "amount_type", "payway", "shop_currency", "account", "account_details"]),
                now,
            ),
            Step::CheckAccount => self.request(Endpoint::CheckAccount, &s.subset(&["account", "amount", "payway", "account_details"]), now),
            Step::Create => self.request(Endpoint::WithdrawCreate, &Value::Map(merge_account_info(&s.params, s.account_info.as_ref())), now),
            // By M4's id once known (an id that is not an integer, as `withdraw_id` must be,
            // falls back to the lookup by the shop's id).
            Step::Check => s
                .payout_id
                .as_ref()
                .and_then(|id| self.request(Endpoint::WithdrawStatus, &Value::from(id.clone()), now).ok())
                .map_or_else(|| self.request(Endpoint::ShopPaymentStatus, &s.reference_fields(), now), Ok),
            Step::Process => Err(Error::internal("M4 has no process step")),
        }
    }

    fn classify(&self, _s: &State, _step: Step, http_status: u16, body: &Value) -> Result<Outcome> {
        super::classify(http_status, body)
    }

    fn callback(&self, _s: &State, _body: &Value) -> Result<()> {
        Err(Error::general(ErrorCode::InvalidState, "M4 sends no payout callbacks: the flow polls"))
    }

    fn decide(&self, s: &mut State, step: Step, outcome: Option<Outcome>) -> Next {
        let code = outcome.as_ref().and_then(error_code);
        match (step, outcome) {
            // withdraw/try and check_account move no money: repeat them until the deadline.
            (Step::Try | Step::CheckAccount, None) => Next::WaitThen(step),
            (Step::Try | Step::CheckAccount, Some(o)) if accepted(&o) => {
                if step == Step::CheckAccount {
                    if o.data.get("result") == Some(&Json::Bool(false)) {
                        let mut out = o;
                        out.kind = Kind::Rejected;
                        out.message = String::from("check_account: the account cannot receive this payout; no payout was created");
                        return Next::Finish(out);
                    }
                    s.account_info = o.data.get("account_info").filter(|i| i.is_object()).cloned();
                    Next::Send(Step::Create)
                } else if s.options.check_account {
                    Next::Send(Step::CheckAccount)
                } else {
                    Next::Send(Step::Create)
                }
            }
            (Step::Try | Step::CheckAccount, Some(o)) if o.kind == Kind::FatalError && code.is_some() => Next::Finish(o),
            (Step::Try | Step::CheckAccount, Some(_)) => Next::WaitThen(step),
            // withdraw/create
            (Step::Create, None) => Next::Send(Step::Check),
            (Step::Create, Some(_)) if code.is_some_and(|c| EXISTS_CODES.contains(&c)) => {
                s.exists = Exists::Yes;
                Next::Send(Step::Check)
            }
            (Step::Create, Some(o)) if matches!(o.kind, Kind::Succeeded | Kind::Rejected | Kind::Pending) => {
                s.exists = Exists::Yes;
                s.note_id(&o);
                if o.kind.is_final() && !o.status.is_null() { Next::Finish(o) } else { Next::WaitThen(Step::Check) }
            }
            // A fatal M4 error code (the table's 1-5): the payout was not created.
            (Step::Create, Some(o)) if o.kind == Kind::FatalError && code.is_some_and(|c| c > 0) => {
                s.exists = Exists::No;
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
                    s.exists = Exists::Yes;
                    Next::Finish(o)
                }
                Kind::Pending => {
                    s.exists = Exists::Yes;
                    s.note_id(&o);
                    Next::WaitThen(Step::Check)
                }
                Kind::NotFound if s.exists == Exists::Maybe && s.payout_id.is_none() => s.not_found_while_unknown(),
                _ => {
                    if code.is_some_and(|c| EXISTS_CODES.contains(&c)) {
                        s.exists = Exists::Yes;
                    }
                    Next::WaitThen(Step::Check)
                }
            },
        }
    }
}
