from typing import Any, Mapping, Optional, Sequence, Union, final

from typing_extensions import TypeAlias

_Params: TypeAlias = Mapping[str, Any]
_Body: TypeAlias = Union[str, bytes]

__all__ = [
    "ERROR_CODES",
    "M4_METHODS",
    "Recipe",
    "Validator",
    "card_brand",
    "corefy_basic_auth",
    "corefy_callback_signature",
    "corefy_verify_callback",
    "exotic_sign_payout",
    "exotic_string_to_sign",
    "iban_valid",
    "luhn_valid",
    "m4_sign",
    "m4_signed_fields",
    "m4_string_to_sign",
    "m4_verify_callback",
    "mask_pan",
]

ERROR_CODES: list[str]
M4_METHODS: list[str]

def m4_sign(method: str, params: _Params, secret: str) -> str: ...
def m4_signed_fields(method: str) -> list[str]: ...
def m4_string_to_sign(method: str, params: _Params) -> str: ...
def m4_verify_callback(payload: Union[_Body, _Params], secret: str) -> bool: ...
def exotic_sign_payout(params: _Params, sign_key: str) -> str: ...
def exotic_string_to_sign(params: _Params) -> str: ...
def corefy_callback_signature(body: _Body, secret: str) -> str: ...
def corefy_verify_callback(body: _Body, signature: str, secret: str) -> bool: ...
def corefy_basic_auth(account_id: str, api_key: str) -> str: ...

@final
class Recipe:
    """A declarative signature recipe.

    ``fields``: a list of names (``sort=True`` sorts them by key), ``"all_non_empty"``
    (every field not None and not ``""`` minus ``exclude``, sorted) or ``"raw_body"``;
    ``separator`` (default ``":"``); ``secret``: ``append`` | ``append_with_separator`` |
    ``prepend`` | ``wrap`` | ``hmac_key``; ``hash``: ``sha256`` | ``sha1`` | ``md5`` |
    ``sha512``; ``output``: ``hex`` | ``hex_upper`` | ``base64``.
    """

    def __new__(
        cls,
        *,
        fields: Union[Sequence[str], str],
        sort: bool = ...,
        exclude: Sequence[str] = ...,
        separator: str = ...,
        secret: str = ...,
        hash: str = ...,
        output: str = ...,
    ) -> Recipe: ...
    @staticmethod
    def m4(method: str) -> Recipe: ...
    @staticmethod
    def m4_callback() -> Recipe: ...
    @staticmethod
    def exotic_payout(payment_method: str) -> Recipe: ...
    @staticmethod
    def corefy_callback() -> Recipe: ...
    def sign(self, params: Union[_Params, _Body], secret: str) -> str: ...
    def verify(self, params: Union[_Params, _Body], secret: str, signature: str) -> bool: ...
    def string_to_sign(self, params: Union[_Params, _Body]) -> str: ...
    def redacted_string_to_sign(self, params: Union[_Params, _Body]) -> str:
        """The whole string that gets hashed, with ``***`` where the secret goes."""
    def spec(self) -> dict[str, Any]: ...

def luhn_valid(value: str) -> bool: ...
def iban_valid(value: str) -> bool: ...
def card_brand(value: str) -> Optional[str]: ...
def mask_pan(value: str) -> str: ...

@final
class Validator:
    def __new__(cls, rules: Sequence[Mapping[str, Any]]) -> Validator: ...
    @staticmethod
    def from_corefy_prerequest(json: str, service: str) -> Validator: ...
    @staticmethod
    def from_m4_account_info_config(json: str) -> Validator: ...
    @staticmethod
    def for_exotic(payment_method: str) -> Validator: ...
    def validate(self, values: Mapping[str, Any], locale: Optional[str] = None, partial: Optional[bool] = None) -> dict[str, Any]: ...
