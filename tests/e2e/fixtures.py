"""What README blocks tagged ``payout`` and ``webhook`` need around them (tests/e2e/run.py):
the provider simulator with faults (``python -m payoutkit.testing.sim`` from the installed
wheel) and signed and forged callbacks sent to the webhook servers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable

# Faults the payout examples must get through: answers lost after the payout was made, slow
# answers beyond the client's time-out, 5xx, lookups that lag behind creates.
FAULTS = {"lost": 0.2, "error_after": 0.15, "error_before": 0.1, "slow": 0.1, "slow_seconds": 2, "lookup_lag": 2}
# The webhook examples' secret (the Corefy account's callback secret key).
CALLBACK_SECRET = "sk_test_e2e_callbacks"


def simulator(venv: Path, work: Path) -> tuple[subprocess.Popen, dict[str, Any], dict[str, str]]:
    """A running simulator, its URLs, and the environment the README's programs read."""
    proc = subprocess.Popen(
        [str(venv / "bin/python"), "-m", "payoutkit.testing.sim", "--faults", json.dumps(FAULTS), "--seed", "7", "--settle", "1,2"],
        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    urls = json.loads(proc.stdout.readline())
    env = {
        "M4_SHOP_ID": "1520", "M4_SECRET": "sim-m4-secret", "M4_BASE_URL": urls["m4"],
        "EXOTIC_MERCHANT": "sim-merchant", "EXOTIC_SIGN_KEY": "sim-exotic-sign-key", "EXOTIC_API_KEY": "sim-exotic-api-key",
        "EXOTIC_BASE_URL": urls["exotic"],
        "COREFY_ACCOUNT_ID": "coma_sim", "COREFY_API_KEY": "sim-corefy-api-key", "COREFY_BASE_URL": urls["corefy"],
        # The programs' waits are seconds, not the providers' 30 s polls, so the run is short.
        "POLL_INTERVAL": "1", "HTTP_TIMEOUT": "1", "PAYOUT_DEADLINE": "60",
    }
    return proc, urls, env


def ledger(urls: dict[str, Any]) -> dict[str, Any]:
    with urllib.request.urlopen(f"{urls['admin']}/ledger", timeout=10) as r:
        out: dict[str, Any] = json.loads(r.read())
        return out


def check_no_duplicates(urls: dict[str, Any], what: str) -> str:
    data = ledger(urls)
    twice = {k: v for k, v in data.items() if v["created"] > 1}
    if twice:
        sys.exit(f"e2e: {what} created a payout twice: {twice}")
    made = sum(v["created"] for v in data.values())
    return f"simulator ledger: {made} payout(s) made for {len(data)} id(s), none twice"


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **headers}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return int(r.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


def exercise_webhook(run: Any, venv: Path, start: list[str], cwd: Path, what: str) -> None:
    """Start a webhook server from a README block, send it an authentic, a forged and an
    unsigned Corefy callback, and check its answers (200, then refusals)."""
    from run import env_with, free_port, log, wait_port

    port = free_port()
    env = env_with(run.base, venv / "bin", PORT=str(port), COREFY_CALLBACK_SECRET=CALLBACK_SECRET)
    proc = subprocess.Popen(start, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_port(port, proc)
        body = json.dumps({"data": {"type": "payout-invoices", "id": "cpoi_e2e", "attributes": {
            "status": "processed", "reference_id": "payout-1001", "amount": 10, "currency": "USD"}}}).encode()
        sig = _sign(venv, body, cwd)
        url = f"http://127.0.0.1:{port}/callbacks/corefy"
        ok = post(url, body, {"X-Signature": sig})
        forged = post(url, body, {"X-Signature": "AAAAAAAAAAAAAAAAAAAAAAAAAAA="})
        unsigned = post(url, body, {})
        if ok != 200 or forged < 400 or unsigned < 400:
            sys.exit(f"e2e: {what}: authentic {ok}, forged {forged}, unsigned {unsigned}")
        log(f"{what}: authentic callback {ok}, forged {forged}, unsigned {unsigned}")
    finally:
        proc.terminate()
        proc.wait(10)


def _sign(venv: Path, body: bytes, cwd: Path) -> str:
    r = subprocess.run([str(venv / "bin/python"), "-c",
                        "import sys, payoutkit; print(payoutkit.corefy.callback_signature(sys.stdin.buffer.read(), sys.argv[1]))",
                        CALLBACK_SECRET], input=body, capture_output=True, cwd=cwd, check=True)
    return r.stdout.decode().strip()


class postgres:
    """A throw-away PostgreSQL server (tests/pg.sh) for a ``worker`` block: its URL as
    ``PAYOUTKIT_STORE``."""

    def __enter__(self) -> dict[str, str]:
        from run import ROOT

        out = subprocess.run(["sh", str(ROOT / "tests/pg.sh"), "start"], capture_output=True, text=True, check=True).stdout
        self.vars = dict(line.split("=", 1) for line in out.split())
        return {"PAYOUTKIT_STORE": self.vars["DSN"]}

    def __exit__(self, *exc: Any) -> None:
        from run import ROOT

        subprocess.run(["sh", str(ROOT / "tests/pg.sh"), "stop", self.vars["PGDIR"]], check=False)


def python_runners(run: Any, venv: Path) -> dict[str | None, Callable[..., None]]:
    from run import env_with, log, sh

    def payout(block: dict, file: Path, venv_: Path) -> None:
        proc, urls, env = simulator(venv_, file.parent)
        try:
            out = sh([str(venv_ / "bin/python"), str(file)], file.parent, env_with(run.base, venv_ / "bin", **env))
            log(f"python payout block (README line {block['line']}): {out.strip().splitlines()[-1]}; {check_no_duplicates(urls, 'the block')}")
        finally:
            proc.terminate()

    def webhook(block: dict, file: Path, venv_: Path) -> None:
        exercise_webhook(run, venv_, [str(venv_ / "bin/python"), str(file)], file.parent, f"python webhook (README line {block['line']})")

    def worker(block: dict, file: Path, venv_: Path) -> None:
        proc, urls, env = simulator(venv_, file.parent)
        try:
            with postgres() as store:
                out = sh([str(venv_ / "bin/python"), str(file)], file.parent, env_with(run.base, venv_ / "bin", **env, **store))
            _as_ledger_says(out, "python worker", urls)
            log(f"python worker block (README line {block['line']}): {out.strip().splitlines()[-1]}; {check_no_duplicates(urls, 'the block')}")
        finally:
            proc.terminate()

    return {None: run.run_python, "payout": payout, "webhook": webhook, "worker": worker}


def node_runners(run: Any, project: Path, venv: Path) -> dict[str | None, Callable[..., None]]:
    from run import NPM, env_with, log, sh

    sh([*NPM, "install", "express@5.3.0", "pg@8.23.1"], project)

    def payout(block: dict, file: Path, d: Path) -> None:
        proc, urls, env = simulator(venv, d)
        try:
            out = sh(["node", str(file)], d, env_with(run.base, **env))
            log(f"node payout block (README line {block['line']}): {out.strip().splitlines()[-1]}; {check_no_duplicates(urls, 'the block')}")
        finally:
            proc.terminate()

    def webhook(block: dict, file: Path, d: Path) -> None:
        exercise_webhook(run, venv, ["node", str(file)], d, f"node webhook (README line {block['line']})")

    def worker(block: dict, file: Path, d: Path) -> None:
        proc, urls, env = simulator(venv, d)
        try:
            with postgres() as store:
                out = sh(["node", str(file)], d, env_with(run.base, **env, **store))
            _as_ledger_says(out, "node worker", urls)
            log(f"node worker block (README line {block['line']}): {out.strip().splitlines()[-1]}; {check_no_duplicates(urls, 'the block')}")
        finally:
            proc.terminate()

    # The installed package's command lines.
    for cmd in (["npx", "payoutkit", "--help"], ["npx", "payoutkit-worker", "--help"]):
        out = sh(cmd, project)
        assert "usage" in out.lower(), out
    log("npx payoutkit --help and npx payoutkit-worker --help run from the installed package")

    return {None: run.run_node, "payout": payout, "webhook": webhook, "worker": worker}


def _as_ledger_says(out: str, what: str, urls: dict[str, Any]) -> None:
    """Every payout a worker block drove is done, as the simulator's ledger has it (made once,
    final, the same outcome): its lines read `<what>: <key> done <kind> creates_sent=N`."""
    book = ledger(urls)
    lines = [line.split() for line in out.splitlines() if line.startswith(what + ":")]
    bad = [line for line in lines if len(line) < 5 or line[-3] != "done"
           or book.get(f"m4:{line[-4]}", {}).get("outcome") != line[-2] or book[f"m4:{line[-4]}"]["created"] != 1]
    if len(lines) != 3 or bad:
        sys.exit(f"e2e: {what}: 3 payouts done as the simulator's ledger has them expected:\n{out}\nledger: {book}")
