"""exotic.company pay-out API: the create_pay_out signature."""

from ._native import exotic_sign_payout as sign_payout
from ._native import exotic_string_to_sign as string_to_sign

__all__ = ["sign_payout", "string_to_sign"]
