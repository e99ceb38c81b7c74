"""exotic.company pay-out API: the create_pay_out signature, request builders
(``payoutkit.Exotic``), callbacks, response classification and the payout flow."""

from ._http import Exotic as Client
from ._http import PayoutFlow, _classifier
from ._native import exotic_parse_callback as parse_callback
from ._native import exotic_sign_payout as sign_payout
from ._native import exotic_string_to_sign as string_to_sign

classify = _classifier("exotic")

__all__ = ["Client", "PayoutFlow", "classify", "parse_callback", "sign_payout", "string_to_sign"]
