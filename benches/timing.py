"""Side-by-side timing: payoutkit and its peer alternate batch by batch in one run, so the
drift of a shared, noisy machine hits both; each reports its median ns per call."""

import statistics
import time

ROUNDS = 21
BATCH_SECONDS = 0.01


def _batch_size(fn):
    n = 1
    while True:
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        if time.perf_counter_ns() - t0 > BATCH_SECONDS * 1e9 / 4:
            return max(1, int(n * BATCH_SECONDS * 1e9 / 4 / (time.perf_counter_ns() - t0) * 4))
        n *= 2


def _ns_per_call(fn, n):
    t0 = time.perf_counter_ns()
    for _ in range(n):
        fn()
    return (time.perf_counter_ns() - t0) / n


def compare(op, ours, peer_name, peer):
    """{op, ours_ns, peer, peer_ns}: medians over ROUNDS alternating batches (order flips
    every round)."""
    n_ours, n_peer = _batch_size(ours), _batch_size(peer)
    a, b = [], []
    for r in range(ROUNDS):
        if r % 2:
            b.append(_ns_per_call(peer, n_peer))
            a.append(_ns_per_call(ours, n_ours))
        else:
            a.append(_ns_per_call(ours, n_ours))
            b.append(_ns_per_call(peer, n_peer))
    return {"op": op, "ours_ns": statistics.median(a), "peer": peer_name, "peer_ns": statistics.median(b)}
