import argparse
from typing import Optional, Sequence, Tuple

__all__ = ["main"]

EPILOG: str
KINDS_SIGN: Tuple[str, ...]
KINDS_VERIFY: Tuple[str, ...]

def parser() -> argparse.ArgumentParser: ...
def main(argv: Optional[Sequence[str]] = None) -> int: ...
