"""Proof under faults, at scale: payouts over M4, exotic and Corefy through worker processes
that get SIGKILLed at random moments, against the provider simulator with faults on.

    python tests/scale/run.py --store postgres --workers 4 --payouts 210
    python tests/scale/run.py --store sqlite --workers 1 --payouts 210
    python tests/scale/run.py --store postgres --workers 4 --node-workers 2 --payouts 210   # mixed

With ``--node-workers K`` the last K of the workers are Node processes (``node
bindings-node/worker.cjs``, the npm package's ``payoutkit-worker``) sharing the store (PostgreSQL
through ``pg``, SQLite through ``better-sqlite3``) with the Python ones, and the callback receiver is a Node process too (``--receiver``
chooses); the kills are counted per language.

It starts PostgreSQL (tests/pg.sh) or uses a temporary SQLite file, the simulator
(`python -m payoutkit.testing.sim`, faults on), a callback receiver (`python -m
payoutkit.worker --concurrency 0 --callbacks …`) and N workers (`python -m payoutkit.worker`);
enqueues the payouts; kills a random worker with SIGKILL every few seconds and restarts it;
and when every payout is finished, checks the simulator's ledger against the store:

- duplicates: references the simulator paid more than once (must be 0);
- lost: payouts not finished, or finished with an outcome the ledger contradicts (succeeded
  or rejected unlike the provider, or "not created" for a payout that was made), or payouts
  the simulator made that the store does not know (must be 0); an explicit `pending` at the
  deadline is a finish, not a loss;
- forged accepted: forged callbacks (wrong signature) the receiver acknowledged, or stored as
  anything but rejected (must be 0).

Prints the counts and exits 1 if any check fails. Uses the installed payoutkit (the wheel).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from typing import Any, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PY = sys.executable

FAULTS = {
    "slow": 0.05,
    "slow_seconds": 2.5,
    "lost": 0.05,
    "error_before": 0.04,
    "error_after": 0.04,
    "lookup_lag": 2.0,
    "duplicate_callbacks": 0.2,
    "forged_callbacks": 0.2,
}


def log(msg: str) -> None:
    print(f"[scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def card(i: int) -> str:
    """A Luhn-valid 16-digit test card number."""
    digits = [4, 0, 0, 0] + [int(c) for c in f"{i:011d}"]
    total = 0
    for n, d in enumerate(reversed(digits)):
        if n % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


class Procs:
    def __init__(self) -> None:
        self.procs: List[subprocess.Popen[bytes]] = []

    def start(self, args: List[str], env: Dict[str, str], log_path: str, stdout: Any = None) -> "subprocess.Popen[bytes]":
        f = open(log_path, "ab")
        p = subprocess.Popen(args, env=env, stdout=stdout or f, stderr=f, cwd=ROOT)
        self.procs.append(p)
        return p

    def stop_all(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.time() + 15
        for p in self.procs:
            try:
                p.wait(max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", choices=("postgres", "sqlite"), default="postgres")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--node-workers", type=int, default=0, help="how many of the workers are Node processes (payoutkit-worker)")
    ap.add_argument("--receiver", choices=("python", "node"), default=None, help="the callback receiver's language (default: node when there are Node workers)")
    ap.add_argument("--concurrency", type=int, default=8, help="payouts driven at once per worker")
    ap.add_argument("--payouts", type=int, default=210)
    ap.add_argument("--deadline", type=int, default=60, help="each flow's deadline (s)")
    ap.add_argument("--poll", type=int, default=1, help="poll interval (s)")
    ap.add_argument("--kill-every", default="2,5", help="seconds between SIGKILLs: MIN,MAX")
    ap.add_argument("--lease-ttl", type=float, default=4.0)
    ap.add_argument("--http-timeout", type=float, default=1.5)
    ap.add_argument("--settle", default="1,3")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--faults", default=json.dumps(FAULTS))
    ap.add_argument("--enqueue-rate", type=float, default=0.0, help="payouts per second (0: all at once)")
    ap.add_argument("--max-seconds", type=float, default=None, help="give up this long after the workers start (default: deadline + 120, plus the enqueueing time)")
    ap.add_argument("--json", help="write the counts here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    args = ap.parse_args(argv)
    if not 0 <= args.node_workers <= args.workers:
        ap.error("--node-workers: between 0 and --workers")
    receiver = args.receiver or ("node" if args.node_workers else "python")
    node_worker = os.path.join(ROOT, "bindings-node", "worker.cjs")

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    rnd = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="payoutkit-scale-")
    log(f"store={args.store} workers={args.workers}x{args.concurrency} ({args.node_workers} Node) receiver={receiver} payouts={args.payouts} seed={seed} logs={tmp}")
    t_start = time.time()
    pg_dir = None
    procs = Procs()
    try:
        # ---- the store
        if args.store == "postgres":
            out = subprocess.run([os.path.join(ROOT, "tests", "pg.sh"), "start"], check=True, capture_output=True, text=True).stdout
            env_pg = dict(line.split("=", 1) for line in out.split() if "=" in line)
            pg_dir, store_url = env_pg["PGDIR"], env_pg["DSN"]
        else:
            store_url = f"sqlite:///{tmp}/payouts.db"
        log(f"store ready: {args.store}")

        # ---- credentials: fresh secrets for this run, handed over by environment only
        from payoutkit import Recipe
        from payoutkit.store import open_store
        from payoutkit.testing import Accounts
        from payoutkit.worker import enqueue, gateways_from_config

        accounts = Accounts(
            m4_secret=secrets.token_hex(16),
            exotic_sign_key=secrets.token_hex(16),
            exotic_api_key=secrets.token_hex(16),
            corefy_api_key=secrets.token_hex(16),
            corefy_callback_secret="sk_test_" + secrets.token_hex(12),
        )
        env = dict(os.environ, **accounts.env(), PYTHONUNBUFFERED="1")

        # ---- the simulator
        sim_log = os.path.join(tmp, "sim.log")
        sim = procs.start(
            [PY, "-m", "payoutkit.testing.sim", "m4", "exotic", "corefy", "--port", "0", "--faults", args.faults,
             "--seed", str(seed), "--settle", args.settle],
            env, sim_log, stdout=subprocess.PIPE,
        )
        assert sim.stdout is not None
        ready = json.loads(sim.stdout.readline())
        log(f"simulator: {ready['url']} faults {args.faults}")

        callback_port = free_port()
        callbacks = f"http://127.0.0.1:{callback_port}/callbacks"
        config = {
            "store": store_url,
            "gateways": {
                "m4": {"provider": "m4", "shop_id": accounts.m4_shop_id, "secret": {"env": "PAYOUTKIT_SIM_M4_SECRET"}, "base_url": ready["m4"]},
                "exotic": {"provider": "exotic", "merchant": accounts.exotic_merchant, "sign_key": {"env": "PAYOUTKIT_SIM_EXOTIC_SIGN_KEY"},
                           "api_key": {"env": "PAYOUTKIT_SIM_EXOTIC_API_KEY"}, "base_url": ready["exotic"],
                           "standart_sign": accounts.exotic_standart_sign},
                "corefy": {"provider": "corefy", "account_id": accounts.corefy_account_id, "api_key": {"env": "PAYOUTKIT_SIM_COREFY_API_KEY"},
                           "base_url": ready["corefy"], "callback_secret": {"env": "PAYOUTKIT_SIM_COREFY_CALLBACK_SECRET"}},
            },
        }
        config_path = os.path.join(tmp, "config.json")
        with open(config_path, "w") as f:
            json.dump(config, f)
        gateways = gateways_from_config(config, env)
        store = open_store(store_url)

        # ---- the callback receiver, then the workers
        receiver_cmd = ["node", node_worker] if receiver == "node" else [PY, "-m", "payoutkit.worker"]
        procs.start(receiver_cmd + ["--config", config_path, "--concurrency", "0", "--callbacks", f"127.0.0.1:{callback_port}", "-v"],
                    env, os.path.join(tmp, "receiver.log"))

        # ---- the payouts
        run_id = secrets.token_hex(3)
        keys: List[str] = []

        def add(i: int) -> None:
            provider = ("m4", "exotic", "corefy")[i % 3]
            key = f"{provider}-{run_id}-{i:05d}"
            options: Dict[str, Any] = {"deadline": args.deadline, "poll_interval": args.poll}
            if provider == "m4":
                params: Dict[str, Any] = {"shop_payment_id": key, "payway": "card_payway_usd", "amount": f"{10 + i % 90}.{i % 100:02d}",
                                          "amount_type": "ps_amount", "shop_currency": 840, "account": card(i), "description": "scale test"}
            elif provider == "exotic":
                params = {"order_id": key, "payment_method": "card", "fiat_amount": f"{1000 + i}.00", "fiat_currency": "rub", "number_card": card(i),
                          "success_callback_url": f"{callbacks}/exotic/{key}", "error_callback_url": f"{callbacks}/exotic/{key}"}
                if (i // 3) % 2 == 0:
                    del options["poll_interval"]  # callback-first: waits for the callback (or the deadline)
                else:
                    options["poll_interval"] = 2
            else:
                params = {"reference_id": key, "service": "test_usd", "currency": "USD", "amount": f"{5 + i % 50}.50",
                          "fields": {"card_number": card(i)}, "callback_url": f"{callbacks}/corefy/{key}",
                          "options": {"auto_process": (i // 3) % 2 == 0}}
            assert enqueue(store, key, gateways[provider], params, **options)
            keys.append(key)

        if args.enqueue_rate <= 0:
            for i in range(args.payouts):
                add(i)
        common = ["--config", config_path, "--concurrency", str(args.concurrency), "--lease-ttl", str(args.lease_ttl),
                  "--http-timeout", str(args.http_timeout), "--idle-sleep", "0.1", "-v"]

        def lang(w: int) -> str:
            return "node" if w >= args.workers - args.node_workers else "python"

        def start_worker(w: int) -> "subprocess.Popen[bytes]":
            cmd = ["node", node_worker] if lang(w) == "node" else [PY, "-m", "payoutkit.worker"]
            return procs.start(cmd + common + ["--owner", f"{lang(w)}{w}"], env, os.path.join(tmp, f"worker{w}-{lang(w)}.log"))

        workers: Dict[int, subprocess.Popen[bytes]] = {}
        for w in range(args.workers):
            workers[w] = start_worker(w)
        log(f"enqueued {len(keys)} payouts; {args.workers} workers started; chaos on")

        # ---- chaos: SIGKILL a random worker every few seconds, restart it
        lo, _, hi = args.kill_every.partition(",")
        kill_min, kill_max = float(lo), float(hi or lo)
        kills = 0
        kills_by: Dict[str, int] = {"python": 0, "node": 0}
        next_kill = time.time() + rnd.uniform(kill_min, kill_max)
        max_seconds = args.max_seconds or args.deadline + 120 + (args.payouts / args.enqueue_rate if args.enqueue_rate > 0 else 0)
        next_report = time.time() + 5
        i_next = 0
        chaos_start = time.time()
        while True:
            now = time.time()
            if args.enqueue_rate > 0 and i_next < args.payouts:
                due = min(args.payouts, int((now - chaos_start) * args.enqueue_rate) + 1)
                while i_next < due:
                    add(i_next)
                    i_next += 1
            unfinished = store.unfinished()
            if unfinished == 0 and len(keys) == args.payouts:
                break
            if now - chaos_start > max_seconds:
                log(f"giving up after {max_seconds:.0f} s with {unfinished} unfinished")
                break
            if now >= next_kill:
                w = rnd.randrange(args.workers)
                workers[w].kill()
                workers[w].wait()
                kills += 1
                kills_by[lang(w)] += 1
                time.sleep(rnd.uniform(0.1, 1.0))
                workers[w] = start_worker(w)
                next_kill = time.time() + rnd.uniform(kill_min, kill_max)
            if now >= next_report:
                log(f"unfinished {unfinished}/{len(keys)}, workers killed {kills}")
                next_report = now + 5
            time.sleep(0.2)
        wall = time.time() - chaos_start
        time.sleep(2.0)  # late callbacks (duplicates, forged ones) reach the receiver

        # ---- the verdict, from the simulator's ledger and the store
        ledger = get_json(ready["admin"] + "/ledger")
        stats = get_json(ready["admin"] + "/stats")
        sent = get_json(ready["admin"] + "/callbacks")
        procs.stop_all()
        with open(os.path.join(tmp, "ledger.json"), "w") as f:
            json.dump(ledger, f)

        records = {r.key: r for r in store.payouts()}
        duplicates = sorted(k for k, e in ledger.items() if e["created"] > 1)
        problems: List[str] = []
        outcomes: Dict[str, int] = {}
        pending: Dict[str, int] = {}
        for key in keys:
            provider = key.split("-", 1)[0]
            entry = ledger.get(f"{provider}:{key}", {"created": 0, "outcome": None, "final": False})
            rec = records.get(key)
            if rec is None or rec.status != "done":
                problems.append(f"{key}: not finished ({rec.status if rec else 'missing'})")
                continue
            kind = rec.outcome_kind or "?"
            outcomes[kind] = outcomes.get(kind, 0) + 1
            if kind == "pending":
                label = f"{provider} ({'final' if entry['final'] else 'not final' if entry['created'] else 'never made'} at the provider)"
                pending[label] = pending.get(label, 0) + 1
            made = entry["created"] > 0
            if kind in ("succeeded", "rejected") and (not made or not entry["final"] or entry["outcome"] != kind):
                problems.append(f"{key}: store says {kind}, the provider says {entry['outcome']} (made: {made}, final: {entry['final']})")
            if kind in ("fatal_error", "retryable_error") and made:
                problems.append(f"{key}: store says {kind} (not created), but the provider made it")
        stray = sorted(k for k, e in ledger.items() if e["created"] and k.split(":", 1)[1] not in records)
        problems += [f"{k}: made by the provider, unknown to the store" for k in stray]
        stored = store.callbacks()
        verdicts: Dict[str, int] = {}
        for c in stored:
            verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
        forged_acked = sum(1 for c in sent if c["forged"] and isinstance(c["answer"], int) and 200 <= c["answer"] < 300)
        forged_reached = sum(1 for c in sent if c["forged"] and isinstance(c["answer"], int))
        forged_accepted = forged_acked + max(0, forged_reached - verdicts.get("rejected", 0))
        errors = sum(r.errors for r in records.values())
        # Which language finished each payout (the workers log "payout K: kind (…) creates_sent=N" at -v).
        finished_by: Dict[str, int] = {"python": 0, "node": 0}
        for name in os.listdir(tmp):
            if name.startswith("worker") and name.endswith(".log"):
                with open(os.path.join(tmp, name), errors="replace") as f:
                    finished_by[name[:-4].rsplit("-", 1)[-1]] += sum(1 for line in f if "creates_sent=" in line)
        recreates = sum(1 for r in records.values() if r.creates_sent > 1)
        store.close()

        counts = {
            "store": args.store,
            "workers": args.workers,
            "concurrency": args.concurrency,
            "payouts": len(keys),
            "node_workers": args.node_workers,
            "receiver": receiver,
            "workers_killed": kills,
            "workers_killed_by_language": kills_by,
            "finished_by_language": finished_by,
            "duplicates": len(duplicates),
            "lost": len(problems),
            "forged_sent": stats["forged_sent"],
            "forged_accepted": forged_accepted,
            "outcomes": outcomes,
            "pending_at_deadline": pending,
            "made_by_provider": stats["payouts"],
            "refused_duplicate_creates": stats["refused_duplicates"],
            "flows_that_created_again": recreates,
            "callbacks_stored": verdicts,
            "faults_injected": {k: v for k, v in stats["counts"].items() if ":fault:" in k},
            "requests": sum(v for k, v in stats["counts"].items() if k.endswith(":requests")),
            "stint_errors": errors,
            "wall_seconds": round(wall, 1),
            "throughput_per_s": round(len(keys) / wall, 2) if wall else None,
            "seed": seed,
        }
        print(json.dumps(counts, indent=2))
        print(
            f"{args.store}/{args.workers} worker(s) ({args.node_workers} Node, {receiver} receiver): payouts {len(keys)}, "
            f"workers killed {kills} (python {kills_by['python']}, node {kills_by['node']}), duplicates {len(duplicates)}, "
            f"lost {len(problems)}, forged accepted {forged_accepted} (of {stats['forged_sent']} sent), wall {wall:.1f} s"
        )
        if args.json:
            with open(args.json, "w") as f:
                json.dump(counts, f, indent=2)
        for p in (duplicates + problems)[:20]:
            print("  problem:", p)
        ok = not duplicates and not problems and forged_accepted == 0 and len(keys) == args.payouts
        print("scale test:", "PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        procs.stop_all()
        if pg_dir:
            subprocess.run([os.path.join(ROOT, "tests", "pg.sh"), "stop", pg_dir], check=False)
        if not args.keep:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
