"""Testing helpers: ``Simulator``, a provider simulator (M4, exotic, Corefy) over real HTTP
with a ledger of the payouts it made, duplicate protection as documented, signed callbacks
and fault injection. Run it alone with ``python -m payoutkit.testing.sim`` (or ``payoutkit
sim``). See ``payoutkit.testing.sim``."""

from __future__ import annotations

from typing import Any

__all__ = ["Accounts", "Faults", "Simulator"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `python -m payoutkit.testing.sim` does not find the module imported
    # twice (and so that importing the package starts nothing).
    if name in __all__:
        from . import sim

        return getattr(sim, name)
    raise AttributeError(f"module 'payoutkit.testing' has no attribute {name!r}")
