from .sim import Accounts as Accounts, Faults as Faults, Simulator as Simulator

__all__ = ["Accounts", "Faults", "Simulator"]
