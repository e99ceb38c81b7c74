#!/usr/bin/env python3
"""Run every vector generator (tests/vectors/gen_*.py) and leave the JSON files in OUTDIR.

    python3 tests/vectors/regenerate.py OUTDIR [--compare]

Each generator runs as its own process, all at once, with PAYOUTKIT_VECTORS_OUT=OUTDIR (see
vectorlib.py). With --compare, every OUTDIR/*.json must equal tests/vectors/*.json byte for byte
and the two folders must hold the same JSON files; a difference is reported and the exit
status is 1. `make check-generated` regenerates into a temporary folder and compares.

gen_validation.py needs the PyPI package `regex` besides the standard library.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv) -> int:
    args = [a for a in argv if a != "--compare"]
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: " + __doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(args[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    gens = sorted(HERE.glob("gen_*.py"))
    if importlib.util.find_spec("regex") is None:
        print(f"regenerate: gen_validation.py needs the `regex` package, missing from {sys.executable} "
              f"(pip install regex)", file=sys.stderr)
        return 1
    env = dict(os.environ, PAYOUTKIT_VECTORS_OUT=str(out), PYTHONDONTWRITEBYTECODE="1")
    runs = [(g, subprocess.Popen([sys.executable, str(g)], cwd=HERE, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)) for g in gens]
    failed = False
    for g, p in runs:
        log = p.communicate()[0]
        if p.returncode != 0:
            failed = True
            print(f"regenerate: {g.name} failed (exit {p.returncode}):\n{log}", file=sys.stderr)
        else:
            print(f"{g.name}: {log.strip().splitlines()[0] if log.strip() else 'done'}")
    if failed:
        return 1
    if "--compare" in argv and out != HERE:
        return compare(out, HERE)
    return 0


def compare(new: Path, old: Path) -> int:
    a = {p.name for p in new.glob("*.json")}
    b = {p.name for p in old.glob("*.json")}
    stale = sorted(n for n in a & b if (new / n).read_bytes() != (old / n).read_bytes())
    for n in stale:
        print(f"stale: tests/vectors/{n} differs from what its generator writes now", file=sys.stderr)
    for n in sorted(a - b):
        print(f"missing: tests/vectors/{n} is generated but not committed", file=sys.stderr)
    for n in sorted(b - a):
        print(f"orphan: tests/vectors/{n} has no generator", file=sys.stderr)
    if stale or a != b:
        return 1
    print(f"vectors: {len(a)} files up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
