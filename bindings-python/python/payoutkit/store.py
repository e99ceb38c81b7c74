"""Payout stores: where flows wait between steps, and how many workers share them safely.

One small interface, two implementations: ``SQLiteStore`` (embedded, one machine; several
processes may share the file) and ``PostgresStore`` (psycopg 3; many workers on many
machines). ``open_store(url)`` picks one from ``sqlite:///path`` or ``postgresql://…``.

- ``add(key, gateway, flow)`` records a payout (its flow state, new).
- ``claim(owner, limit, ttl)`` takes up to ``limit`` due payouts, each under a **lease**: a
  random token and an expiry; payouts already started come before new ones (their deadline
  is running), then the earliest due. A payout is due when its wake-up time has come (or a
  callback arrived) and no unexpired lease is on it. PostgreSQL claims with
  ``SELECT … FOR UPDATE SKIP LOCKED``; SQLite under its write lock (``BEGIN IMMEDIATE``).
- ``Lease.save_flow(state, action, now)`` (what ``payoutkit.run`` calls after every step,
  so before every send) commits the state **only while the lease is still this one's and
  unexpired**, and renews it; otherwise it raises ``LeaseLost`` and the driver sends
  nothing more (fencing). ``Lease.before_send()`` also refuses when the lease may have
  lapsed by the local clock since the last renewal.
- ``add_callback(...)`` keeps a callback in the payout's inbox (with its verdict) and makes
  the payout due at once; whichever worker drives it next hands it to the flow.

The flow state holds the payout's params (the account number: the flow needs it to build
the create request after a restart): store it like the payout record, or give a
``codec=(encode, decode)`` pair to encrypt it at rest. Outcomes and callback bodies are
stored with card numbers masked.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from typing import Any, Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

from . import _native
from ._redact import redact, redact_bytes, redact_text

__all__ = [
    "Callback",
    "Lease",
    "LeaseLost",
    "PayoutRecord",
    "PayoutStore",
    "PostgresStore",
    "SQLiteStore",
    "open_store",
]

#: Verdicts of a stored callback. ``accepted`` (signature verified) and ``unverified`` (a
#: provider whose callback signature is not configured: the flow only trusts the status
#: request it then makes) are delivered to the flow; the others never are.
VERDICTS = ("accepted", "unverified", "rejected", "malformed", "orphan", "duplicate")
DELIVERABLE = ("accepted", "unverified")

Codec = Tuple[Callable[[str], str], Callable[[str], str]]


class LeaseLost(RuntimeError):
    """The payout's lease expired or was taken over: stop driving it (nothing more may be
    sent for it by this worker)."""


class PayoutRecord(NamedTuple):
    """A payout as stored (no flow state: ``PayoutStore.state(key)`` reads it)."""

    key: str
    gateway: str
    status: str  # new | active | done
    wake_at: Optional[float]
    outcome_kind: Optional[str]
    outcome: Optional[Dict[str, Any]]  # card numbers masked
    creates_sent: int
    steps: int
    errors: int
    last_error: Optional[str]
    lease_owner: Optional[str]
    created_at: float
    updated_at: float


class Callback(NamedTuple):
    """A callback in a payout's inbox (the body with card numbers masked)."""

    id: int
    payout_key: Optional[str]
    gateway: str
    verdict: str
    body: bytes
    received_at: float
    delivered_at: Optional[float]
    attempts: int
    note: Optional[str]


_PAYOUT_COLS = (
    "key, gateway, status, wake_at, outcome_kind, outcome, creates_sent, steps, errors, last_error, lease_owner, created_at, updated_at"
)
_CALLBACK_COLS = "id, payout_key, gateway, verdict, body, received_at, delivered_at, attempts, note"


def _record(row: Sequence[Any]) -> PayoutRecord:
    outcome = json.loads(row[5]) if row[5] else None
    return PayoutRecord(
        str(row[0]), str(row[1]), str(row[2]), row[3], row[4], outcome, int(row[6]), int(row[7]), int(row[8]), row[9], row[10], float(row[11]), float(row[12])
    )


def _callback(row: Sequence[Any]) -> Callback:
    return Callback(int(row[0]), row[1], str(row[2]), str(row[3]), bytes(row[4]), float(row[5]), row[6], int(row[7]), row[8])


def _outcome_json(outcome: Any) -> str:
    """An Outcome as JSON with card numbers masked (exotic answers carry the full number)."""
    fields = outcome._asdict() if hasattr(outcome, "_asdict") else {
        k: getattr(outcome, k, None) for k in ("kind", "status", "error_code", "message", "data", "http_status")
    }
    return json.dumps(redact(fields), default=str)


class Lease:
    """The right to drive one payout until ``expires`` (renewed by every save).

    ``state`` is the flow state as claimed; ``save_flow`` is the driver's hook; the worker
    notes callbacks it handed to the flow (``note_callback``) and they are marked in the
    same transaction as the state they led to."""

    def __init__(self, store: "PayoutStore", key: str, gateway: str, state: str, token: str, owner: str, ttl: float) -> None:
        self.store = store
        self.key = key
        self.gateway = gateway
        self.state = state
        self.token = token
        self.owner = owner
        self.ttl = ttl
        self.lost = False
        self._local_expiry = time.monotonic() + ttl * 0.8
        self._marks: List[Tuple[int, str, float]] = []  # (callback id, "delivered"|"deferred"|note, retry at)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Lease(key={self.key!r}, gateway={self.gateway!r}, owner={self.owner!r}, lost={self.lost})"

    def _renewed(self, started: float) -> None:
        self._local_expiry = started + self.ttl * 0.8

    def pending_callbacks(self, now: Optional[float] = None) -> List[Callback]:
        """Deliverable callbacks not yet handed to the flow whose retry time has come."""
        return self.store._pending_callbacks(self.key, time.time() if now is None else now)

    def note_callback(self, callback_id: int, result: str, retry_at: float = 0.0) -> None:
        """Record what became of a callback offered to the flow: ``delivered``,
        ``deferred`` (offer again at ``retry_at``), or a note (``ignored: …``); written with
        the next ``save_flow``."""
        self._marks.append((callback_id, result, retry_at))

    def before_send(self) -> None:
        """Refuse to send when the lease may have lapsed since the last renewal (the local
        clock, with a margin), or was lost."""
        if self.lost or time.monotonic() >= self._local_expiry:
            self.lost = True
            raise LeaseLost(f"the lease on payout {self.key} may have lapsed: not sending")

    def save_flow(self, state: str, action: Any, now: float) -> None:
        """Commit the flow state (and renew the lease) only while the lease holds."""
        if self.lost:
            raise LeaseLost(f"the lease on payout {self.key} was lost")
        started = time.monotonic()
        with self._lock:
            marks, self._marks = self._marks, []
            ok = self.store._save(self, state, action, now, marks)
        if not ok:
            self.lost = True
            raise LeaseLost(f"the lease on payout {self.key} expired or was taken over")
        self.state = state
        self._renewed(started)

    def renew(self) -> bool:
        """Extend the lease; False (and ``lost``) when it is no longer this one's."""
        if self.lost:
            return False
        started = time.monotonic()
        with self._lock:
            ok = self.store._renew(self)
        if ok:
            self._renewed(started)
        else:
            self.lost = True
        return ok

    def release(self, error: Optional[str] = None, retry_in: Optional[float] = None) -> None:
        """Give the payout back (its wake-up time stays as saved, or ``retry_in`` seconds
        after an error)."""
        if not self.lost:
            self.store._release(self, error, retry_in)
        self.lost = True


class PayoutStore:
    """The interface both stores implement (see the module's doc)."""

    codec: Optional[Codec] = None

    # ---- to implement
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> List[Tuple[Any, ...]]:
        raise NotImplementedError

    def _transaction(self) -> Any:  # a context manager yielding an execute(sql, params) -> rows / rowcount
        raise NotImplementedError

    def _now_sql(self) -> str:
        raise NotImplementedError

    def setup(self) -> None:
        raise NotImplementedError

    def claim(self, owner: str, limit: int = 1, ttl: float = 30.0) -> List[Lease]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # ---- shared
    def _p(self, sql: str) -> str:
        return sql

    def _encode(self, state: str) -> str:
        return self.codec[0](state) if self.codec else state

    def _decode(self, state: str) -> str:
        return self.codec[1](state) if self.codec else state

    def now(self) -> float:
        """The store's clock (unix seconds): the database's for PostgreSQL."""
        return float(self._execute(f"SELECT {self._now_sql()}")[0][0])

    def add(self, key: str, gateway: str, flow: Any, *, wake_in: float = 0.0) -> bool:
        """Record a payout under ``key`` (your idempotency key), driven with the gateway
        configured as ``gateway``. ``flow`` is a PayoutFlow or its ``to_json()``. False when
        the key is already there (nothing changes: a payout is never added twice)."""
        state = flow if isinstance(flow, str) else flow.to_json()
        now = self._now_sql()
        with self._transaction() as tx:
            n = tx(
                f"INSERT INTO payoutkit_payouts (key, gateway, status, state, wake_at, created_at, updated_at) "
                f"VALUES (%s, %s, 'new', %s, {now} + %s, {now}, {now}) ON CONFLICT (key) DO NOTHING",
                (key, gateway, self._encode(state), float(wake_in)),
            )
        return bool(n)

    def get(self, key: str) -> Optional[PayoutRecord]:
        rows = self._execute(f"SELECT {_PAYOUT_COLS} FROM payoutkit_payouts WHERE key = %s", (key,))
        return _record(rows[0]) if rows else None

    def state(self, key: str) -> Optional[str]:
        """The saved flow state (``PayoutFlow.from_json(gateway, state)``)."""
        rows = self._execute("SELECT state FROM payoutkit_payouts WHERE key = %s", (key,))
        return self._decode(str(rows[0][0])) if rows else None

    def payouts(self, status: Optional[str] = None) -> List[PayoutRecord]:
        if status is None:
            rows = self._execute(f"SELECT {_PAYOUT_COLS} FROM payoutkit_payouts ORDER BY created_at, key")
        else:
            rows = self._execute(f"SELECT {_PAYOUT_COLS} FROM payoutkit_payouts WHERE status = %s ORDER BY created_at, key", (status,))
        return [_record(r) for r in rows]

    def counts(self) -> Dict[str, int]:
        """Payouts per status (``new``, ``active``, ``done``) and per outcome kind of the done."""
        out: Dict[str, int] = {}
        for status, kind, n in self._execute(
            "SELECT status, outcome_kind, COUNT(*) FROM payoutkit_payouts GROUP BY status, outcome_kind"
        ):
            out[str(status)] = out.get(str(status), 0) + int(n)
            if kind:
                out[f"done:{kind}"] = int(n)
        return out

    def unfinished(self) -> int:
        return int(self._execute("SELECT COUNT(*) FROM payoutkit_payouts WHERE status <> 'done'")[0][0])

    def find_key(self, gateway: str, candidates: Iterable[str]) -> Optional[str]:
        """The key of the gateway's payout among ``candidates`` (the values of a callback)."""
        values = [c for c in candidates if c]
        if not values:
            return None
        marks = ", ".join(["%s"] * len(values))
        rows = self._execute(f"SELECT key FROM payoutkit_payouts WHERE gateway = %s AND key IN ({marks})", (gateway, *values))
        return str(rows[0][0]) if len(rows) == 1 else None

    def add_callback(
        self, gateway: str, key: Optional[str], body: bytes, verdict: str, note: Optional[str] = None
    ) -> Tuple[int, str]:
        """Keep a callback (body stored with card numbers masked). A deliverable one whose
        exact body the payout already has becomes ``duplicate``; a deliverable one makes the
        payout due at once. Returns (id, verdict)."""
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
        digest = hashlib.sha256(body).hexdigest()
        now = self._now_sql()
        with self._transaction() as tx:
            if verdict in DELIVERABLE and key is not None:
                seen = tx(
                    "SELECT id FROM payoutkit_callbacks WHERE payout_key = %s AND body_sha256 = %s AND verdict IN ('accepted', 'unverified')",
                    (key, digest),
                    rows=True,
                )
                if seen:
                    verdict, note = "duplicate", f"same body as callback {seen[0][0]}"
            rows = tx(
                f"INSERT INTO payoutkit_callbacks (payout_key, gateway, verdict, body, body_sha256, received_at, not_before, attempts, note) "
                f"VALUES (%s, %s, %s, %s, %s, {now}, {now}, 0, %s) RETURNING id",
                (key, gateway, verdict, redact_bytes(body, keep=[key] if key else ()), digest, note),
                rows=True,
            )
            if verdict in DELIVERABLE and key is not None:
                woken = tx(
                    f"UPDATE payoutkit_payouts SET wake_at = {now} WHERE key = %s AND status <> 'done' AND (wake_at IS NULL OR wake_at > {now})",
                    (key,),
                )
                if not woken and tx("SELECT 1 FROM payoutkit_payouts WHERE key = %s AND status = 'done'", (key,), rows=True):
                    tx(
                        f"UPDATE payoutkit_callbacks SET delivered_at = {now}, note = 'the payout was already done' WHERE id = %s",
                        (rows[0][0],),
                    )
        return int(rows[0][0]), verdict

    def callbacks(self, key: Optional[str] = None) -> List[Callback]:
        if key is None:
            rows = self._execute(f"SELECT {_CALLBACK_COLS} FROM payoutkit_callbacks ORDER BY id")
        else:
            rows = self._execute(f"SELECT {_CALLBACK_COLS} FROM payoutkit_callbacks WHERE payout_key = %s ORDER BY id", (key,))
        return [_callback(r) for r in rows]

    def _pending_callbacks(self, key: str, now: float) -> List[Callback]:
        rows = self._execute(
            f"SELECT {_CALLBACK_COLS} FROM payoutkit_callbacks WHERE payout_key = %s AND delivered_at IS NULL "
            f"AND verdict IN ('accepted', 'unverified') AND not_before <= {self._now_sql()} ORDER BY id",
            (key,),
        )
        return [_callback(r) for r in rows]

    def _lease_ok(self) -> str:
        return f"key = %s AND lease_token = %s AND lease_until > {self._now_sql()}"

    def _save(self, lease: Lease, state: str, action: Any, now: float, marks: List[Tuple[int, str, float]]) -> bool:
        kind = action.kind
        clock = self._now_sql()
        if kind == "done":
            status, wake, outcome = "done", "NULL", action.outcome
        elif kind == "wait":
            status, wake, outcome = "active", f"{clock} + %s", None
        else:  # send: due at once should this worker die mid-request (after its lease)
            status, wake, outcome = "active", clock, None
        params: List[Any] = [status, self._encode(state)]
        if kind == "wait":
            params.append(float(action.seconds))
        sets = (
            f"status = %s, state = %s, wake_at = {wake}, steps = steps + 1, updated_at = {clock}, lease_until = {clock} + %s"
        )
        params.append(float(lease.ttl))
        if outcome is not None:
            sets += ", outcome_kind = %s, outcome = %s"
            params += [str(outcome.kind), _outcome_json(outcome)]
        try:
            creates = json.loads(state).get("creates")
        except (ValueError, AttributeError):
            creates = None
        if isinstance(creates, int):
            sets += ", creates_sent = %s"
            params.append(creates)
        with self._transaction() as tx:
            n = tx(f"UPDATE payoutkit_payouts SET {sets} WHERE {self._lease_ok()}", (*params, lease.key, lease.token))
            if not n:
                return False
            for cid, result, retry_at in marks:
                if result == "deferred":
                    tx(
                        "UPDATE payoutkit_callbacks SET attempts = attempts + 1, not_before = %s WHERE id = %s AND delivered_at IS NULL",
                        (retry_at, cid),
                    )
                else:
                    tx(
                        f"UPDATE payoutkit_callbacks SET attempts = attempts + 1, delivered_at = {clock}, note = %s WHERE id = %s",
                        (None if result == "delivered" else result, cid),
                    )
            if kind == "done":
                # The flow is over: its callbacks have said all they can.
                tx(
                    f"UPDATE payoutkit_callbacks SET delivered_at = {clock} WHERE payout_key = %s AND delivered_at IS NULL "
                    f"AND verdict IN ('accepted', 'unverified')",
                    (lease.key,),
                )
            if kind == "wait":
                # A callback that came while this worker drove the payout (or one set aside)
                # wakes it earlier than the flow's own wait.
                tx(
                    f"UPDATE payoutkit_payouts SET wake_at = (SELECT MIN(not_before) FROM payoutkit_callbacks "
                    f"WHERE payout_key = %s AND delivered_at IS NULL AND verdict IN ('accepted', 'unverified')) "
                    f"WHERE key = %s AND wake_at > (SELECT MIN(not_before) FROM payoutkit_callbacks "
                    f"WHERE payout_key = %s AND delivered_at IS NULL AND verdict IN ('accepted', 'unverified'))",
                    (lease.key, lease.key, lease.key),
                )
        return True

    def _renew(self, lease: Lease) -> bool:
        with self._transaction() as tx:
            n = tx(
                f"UPDATE payoutkit_payouts SET lease_until = {self._now_sql()} + %s WHERE {self._lease_ok()}",
                (float(lease.ttl), lease.key, lease.token),
            )
        return bool(n)

    def _release(self, lease: Lease, error: Optional[str], retry_in: Optional[float]) -> None:
        clock = self._now_sql()
        sets = "lease_token = NULL, lease_until = NULL, lease_owner = NULL"
        params: List[Any] = []
        if error is not None:
            sets += ", errors = errors + 1, last_error = %s"
            params.append(redact_text(error)[:500])
        if retry_in is not None:
            sets += f", wake_at = {clock} + %s"
            params.append(float(retry_in))
        with self._transaction() as tx:
            tx(f"UPDATE payoutkit_payouts SET {sets} WHERE key = %s AND lease_token = %s", (*params, lease.key, lease.token))

    def _leases(self, rows: Iterable[Sequence[Any]], owner: str, ttl: float) -> List[Lease]:
        return [Lease(self, str(r[0]), str(r[1]), self._decode(str(r[2])), str(r[3]), owner, ttl) for r in rows]

    def __enter__(self) -> "PayoutStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# --------------------------------------------------------------------------- SQLite

def _schema(dialect: str) -> List[str]:
    """The stores' tables and indexes, written by the core (the same for Node's workers)."""
    out: List[str] = _native.call("store_schema", dialect)
    return out


class SQLiteStore(PayoutStore):
    """The embedded store: one file (WAL mode), shared safely by threads and by processes
    on one machine (claims run under SQLite's write lock)."""

    def __init__(self, path: str, *, codec: Optional[Codec] = None, timeout: float = 30.0) -> None:
        import sqlite3

        self.path = path
        self.codec = codec
        self._conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self._lock = threading.RLock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        self.setup()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    def _p(self, sql: str) -> str:
        return sql.replace("%s", "?")

    def _now_sql(self) -> str:
        return "(julianday('now') - 2440587.5) * 86400.0"

    def setup(self) -> None:
        with self._lock:
            self._conn.executescript(";\n".join(_schema("sqlite")) + ";")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> List[Tuple[Any, ...]]:
        with self._lock:
            return list(self._conn.execute(self._p(sql), tuple(params)).fetchall())

    class _Tx:
        def __init__(self, store: "SQLiteStore") -> None:
            self.store = store

        def __enter__(self) -> Callable[..., Any]:
            self.store._lock.acquire()
            self.store._conn.execute("BEGIN IMMEDIATE")

            def tx(sql: str, params: Sequence[Any] = (), rows: bool = False) -> Any:
                cur = self.store._conn.execute(self.store._p(sql), tuple(params))
                return cur.fetchall() if rows else cur.rowcount

            return tx

        def __exit__(self, exc_type: Any, *rest: Any) -> None:
            try:
                self.store._conn.execute("ROLLBACK" if exc_type else "COMMIT")
            finally:
                self.store._lock.release()

    def _transaction(self) -> Any:
        return SQLiteStore._Tx(self)

    def claim(self, owner: str, limit: int = 1, ttl: float = 30.0) -> List[Lease]:
        now = self._now_sql()
        with self._transaction() as tx:
            rows = tx(
                f"SELECT key FROM payoutkit_payouts WHERE status <> 'done' AND wake_at <= {now} "
                f"AND (lease_until IS NULL OR lease_until < {now}) ORDER BY (status = 'new'), wake_at LIMIT %s",
                (int(limit),),
                rows=True,
            )
            claimed = []
            for (key,) in rows:
                token = secrets.token_hex(16)
                got = tx(
                    f"UPDATE payoutkit_payouts SET lease_token = %s, lease_owner = %s, lease_until = {now} + %s "
                    f"WHERE key = %s RETURNING key, gateway, state, lease_token",
                    (token, owner, float(ttl), key),
                    rows=True,
                )
                claimed.extend(got)
        return self._leases(claimed, owner, ttl)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


# --------------------------------------------------------------------------- PostgreSQL



class PostgresStore(PayoutStore):
    """PostgreSQL through psycopg 3 (``pip install "psycopg[binary]"``): a small pool of
    connections shared by threads; lease times by the database's clock, so workers on many
    machines agree."""

    def __init__(self, dsn: str, *, codec: Optional[Codec] = None, max_connections: int = 16) -> None:
        import psycopg  # optional dependency: imported only when this store is used

        self._psycopg = psycopg
        self._dsn = dsn
        self.codec = codec
        self._idle: List[Any] = []
        self._open = 0
        self._max = max_connections
        self._cv = threading.Condition()
        self.setup()

    def __repr__(self) -> str:  # the DSN may hold a password
        return "PostgresStore(...)"

    def _get(self) -> Any:
        with self._cv:
            while True:
                while self._idle:
                    conn = self._idle.pop()
                    if not conn.closed and not conn.broken:
                        return conn
                    self._open -= 1
                if self._open < self._max:
                    self._open += 1
                    break
                self._cv.wait()
        try:
            return self._psycopg.connect(self._dsn, autocommit=True)
        except BaseException:
            with self._cv:
                self._open -= 1
                self._cv.notify()
            raise

    def _put(self, conn: Any) -> None:
        with self._cv:
            if conn.closed or conn.broken:
                self._open -= 1
            else:
                self._idle.append(conn)
            self._cv.notify()

    def _now_sql(self) -> str:
        return "extract(epoch from clock_timestamp())::double precision"

    def setup(self) -> None:
        # No DDL when everything exists: CREATE INDEX IF NOT EXISTS still takes a SHARE lock
        # on its table, and a worker restarted mid-run (payouts, then callbacks) deadlocked
        # with a callback being stored (callbacks, then payouts).
        names = ["payoutkit_payouts", "payoutkit_callbacks", "payoutkit_payouts_due", "payoutkit_callbacks_inbox"]
        rows = self._execute("SELECT count(*) FROM unnest(%s::text[]) AS t(name) WHERE to_regclass(t.name) IS NOT NULL", (names,))
        if int(rows[0][0]) == len(names):
            return
        with self._transaction() as tx:
            tx("SELECT pg_advisory_xact_lock(7152015)")  # concurrent set-ups wait for each other
            for stmt in _schema("postgres"):
                tx(stmt)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> List[Tuple[Any, ...]]:
        conn = self._get()
        try:
            cur = conn.execute(sql, tuple(params))
            return list(cur.fetchall()) if cur.description else []
        finally:
            self._put(conn)

    class _Tx:
        def __init__(self, store: "PostgresStore") -> None:
            self.store = store

        def __enter__(self) -> Callable[..., Any]:
            self.conn = self.store._get()
            try:
                self.ctx = self.conn.transaction()
                self.ctx.__enter__()
            except BaseException:
                self.store._put(self.conn)
                raise

            def tx(sql: str, params: Sequence[Any] = (), rows: bool = False) -> Any:
                cur = self.conn.execute(sql, tuple(params))
                return cur.fetchall() if rows else cur.rowcount

            return tx

        def __exit__(self, *exc: Any) -> None:
            try:
                self.ctx.__exit__(*exc)
            finally:
                self.store._put(self.conn)

    def _transaction(self) -> Any:
        return PostgresStore._Tx(self)

    def claim(self, owner: str, limit: int = 1, ttl: float = 30.0) -> List[Lease]:
        now = self._now_sql()
        with self._transaction() as tx:
            rows = tx(
                f"""UPDATE payoutkit_payouts p
                    SET lease_token = md5(random()::text || clock_timestamp()::text || p.key),
                        lease_owner = %s, lease_until = {now} + %s
                    WHERE p.key IN (
                        SELECT key FROM payoutkit_payouts
                        WHERE status <> 'done' AND wake_at <= {now} AND (lease_until IS NULL OR lease_until < {now})
                        ORDER BY (status = 'new'), wake_at LIMIT %s
                        FOR UPDATE SKIP LOCKED)
                    RETURNING p.key, p.gateway, p.state, p.lease_token""",
                (owner, float(ttl), int(limit)),
                rows=True,
            )
        return self._leases(rows, owner, ttl)

    def close(self) -> None:
        with self._cv:
            for conn in self._idle:
                try:
                    conn.close()
                except Exception:
                    pass
            self._idle.clear()


def open_store(url: str, *, codec: Optional[Codec] = None) -> PayoutStore:
    """``sqlite:///relative/or/absolute/path.db`` (or a plain path) or
    ``postgresql://user@host:port/db`` (psycopg 3)."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url, codec=codec)
    if url.startswith("sqlite:///"):
        return SQLiteStore(url[len("sqlite:///"):] or ":memory:", codec=codec)
    if "://" in url:
        raise ValueError("store URL: sqlite:///path.db or postgresql://…")
    return SQLiteStore(url, codec=codec)

