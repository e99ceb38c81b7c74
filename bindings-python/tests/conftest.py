"""Fixtures for the driver, store, worker and simulator tests: a simulator per test, and a
real PostgreSQL started once per session with tests/pg.sh (a fresh database per test)."""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sim() -> Iterator[Any]:
    from payoutkit.testing import Simulator

    with Simulator(settle=(0.3, 0.8), reject_rate=0.0, seed=7) as s:
        yield s


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Dict[str, str]]:
    """PostgreSQL from tests/pg.sh; skipped when it cannot start, unless
    PAYOUTKIT_REQUIRE_PG=1 (make test sets it): then it fails."""
    try:
        out = subprocess.run([str(ROOT / "tests" / "pg.sh"), "start"], check=True, capture_output=True, text=True, timeout=300).stdout
    except (subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired) as e:
        if os.environ.get("PAYOUTKIT_REQUIRE_PG") == "1":
            raise
        pytest.skip(f"no PostgreSQL: {e}")
    env = dict(line.split("=", 1) for line in out.split() if "=" in line)
    try:
        yield env
    finally:
        subprocess.run([str(ROOT / "tests" / "pg.sh"), "stop", env["PGDIR"]], check=False)


@pytest.fixture
def pg_dsn(pg_server: Dict[str, str]) -> str:
    import psycopg

    name = "t_" + secrets.token_hex(6)
    with psycopg.connect(pg_server["DSN"], autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_server["DSN"].rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: Any, tmp_path: Path) -> Iterator[Any]:
    from payoutkit.store import PostgresStore, SQLiteStore

    if request.param == "sqlite":
        s: Any = SQLiteStore(str(tmp_path / "payouts.db"))
    else:
        s = PostgresStore(request.getfixturevalue("pg_dsn"))
    try:
        yield s
    finally:
        s.close()


def m4_params(ref: str, account: str = "4000000000000002") -> Dict[str, Any]:
    return {"shop_payment_id": ref, "payway": "card_payway_usd", "amount": "10.00", "amount_type": "ps_amount", "shop_currency": 840, "account": account}


def exotic_params(ref: str, callbacks: str = "http://127.0.0.1:9/cb") -> Dict[str, Any]:
    return {"order_id": ref, "payment_method": "card", "fiat_amount": "1500.00", "fiat_currency": "rub", "number_card": "4000000000000002",
            "success_callback_url": callbacks, "error_callback_url": callbacks}


def corefy_params(ref: str, callback_url: str = "", auto: bool = False) -> Dict[str, Any]:
    p: Dict[str, Any] = {"reference_id": ref, "service": "test_usd", "currency": "USD", "amount": "10.50",
                         "fields": {"card_number": "4000000000000002"}, "options": {"auto_process": auto}}
    if callback_url:
        p["callback_url"] = callback_url
    return p
