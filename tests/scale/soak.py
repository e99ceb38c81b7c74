"""The long soak (`make soak`, not CI): 10,000 payouts over M4, exotic and Corefy through 4
worker processes on PostgreSQL, workers SIGKILLed every 5-15 s, the simulator with faults
on. Reports throughput (payouts finished per second of wall time) and the kills survived,
with the same checks as tests/scale/run.py (no duplicate, none lost, no forged callback
accepted). Any option of run.py can be added or overridden:

    python tests/scale/soak.py                       # the defaults below
    python tests/scale/soak.py --payouts 20000 --enqueue-rate 80
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import run  # noqa: E402

DEFAULTS = [
    "--store", "postgres",
    "--workers", "4",
    "--concurrency", "32",
    "--payouts", "10000",
    "--enqueue-rate", "0",      # all at once: a backlog, so throughput is what the system can do
    "--poll", "2",
    "--deadline", "120",        # from each payout's start (its first stint), not from enqueueing
    "--kill-every", "5,15",
    "--lease-ttl", "6",
    "--http-timeout", "2",
    "--max-seconds", "1800",
]

if __name__ == "__main__":
    sys.exit(run.main(DEFAULTS + sys.argv[1:]))
