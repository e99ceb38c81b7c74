#!/usr/bin/env node
"use strict";
// payoutkit/worker: run payouts for real from Node. A store shared with Python workers
// (the same PostgreSQL schema as payoutkit.store.PostgresStore), a worker that drives N
// payouts at once on one process with run(), and the web handler that keeps providers'
// callbacks in each payout's inbox. I/O only: every decision is the flow's (the core), every
// callback verdict is the core's (Gateway.callbackVerdict).
//
//   payoutkit-worker --store postgresql://payoutkit@127.0.0.1:5432/postgres \
//       --config gateways.json --concurrency 16 --callbacks 127.0.0.1:8081
//
// `pg` and `better-sqlite3` (npm) are optional peer dependencies: loaded only when a
// PostgresStore or an SQLiteStore is made.
const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const api = require("./index.cjs");

const { PayoutkitError, run, maskCardNumbers } = api;
const PROVIDERS = ["m4", "exotic", "corefy"];
// What the Python worker uses: a callback is offered to the flow again every 5 s, at most 12 times.
const CALLBACK_RETRY = 5;
const CALLBACK_ATTEMPTS = 12;
const DEFAULT_TIMEOUT = 30;
const VERDICTS = ["accepted", "unverified", "rejected", "malformed", "orphan", "duplicate"];
const DELIVERABLE = ["accepted", "unverified"];

let logLevel = 0; // 0 warnings, 1 info, 2 debug
const log = (level, msg) => {
  if (level <= logLevel || level < 0) process.stderr.write(`${new Date().toISOString()} payoutkit.worker ${["ERROR", "WARNING", "INFO", "DEBUG"][level + 1] ?? "INFO"} ${msg}\n`);
};
const warn = (m) => log(0, m);
const error = (m) => log(-1, m);
const info = (m) => log(1, m);
const debug = (m) => log(2, m);

// ---------------------------------------------------------------------------- redaction
// Card numbers out of logs, stored outcomes and stored callback bodies (the core's rule).
// Stored callback bodies keep their identifiers (values under keys ending in "id") so they
// still name their payout. I/O hygiene only, as payoutkit/_redact.py.

const redactText = (text) => maskCardNumbers(String(text));

function ids(value, out) {
  if (Array.isArray(value)) for (const v of value) ids(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.toLowerCase().endsWith("id") && (typeof v === "string" || typeof v === "number")) out.add(String(v));
      ids(v, out);
    }
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A body (Buffer/Uint8Array) with card numbers masked, except identifiers and `keep`. */
function redactBytes(body, keep = []) {
  let text;
  try {
    text = utf8.decode(body);
  } catch {
    return Buffer.from(body);
  }
  const spare = new Set(keep);
  try {
    ids(JSON.parse(text), spare);
  } catch {
    // not JSON: only `keep` is spared
  }
  return Buffer.from(text.replace(/(?<![0-9])[0-9]{13,19}(?![0-9])/g, (m) => (spare.has(m) ? m : redactText(m))), "utf8");
}

// ---------------------------------------------------------------------------- the store

const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));
/** An error for a log line: its SQLSTATE and message (card numbers masked), never a value. */
const dbError = (e) => redactText(`${e?.code ? `${e.code} ` : ""}${e?.message ?? e?.name ?? "Error"}`).slice(0, 300);

class LeaseLost extends Error {
  constructor(message) {
    super(message);
    this.name = "LeaseLost";
  }
}

const PAYOUT_COLS =
  "key, gateway, status, wake_at, outcome_kind, outcome, creates_sent, steps, errors, last_error, lease_owner, created_at, updated_at";
const CALLBACK_COLS = "id, payout_key, gateway, verdict, body, received_at, delivered_at, attempts, note";
const num = (v) => (v === null || v === undefined ? null : Number(v));

function record(r) {
  return {
    key: r.key,
    gateway: r.gateway,
    status: r.status,
    wakeAt: num(r.wake_at),
    outcomeKind: r.outcome_kind,
    outcome: r.outcome ? JSON.parse(r.outcome) : null,
    createsSent: Number(r.creates_sent),
    steps: Number(r.steps),
    errors: Number(r.errors),
    lastError: r.last_error,
    leaseOwner: r.lease_owner,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function callbackRow(r) {
  return {
    id: Number(r.id),
    payoutKey: r.payout_key,
    gateway: r.gateway,
    verdict: r.verdict,
    body: Buffer.from(r.body),
    receivedAt: Number(r.received_at),
    deliveredAt: num(r.delivered_at),
    attempts: Number(r.attempts),
    note: r.note,
  };
}

/** An Outcome as JSON with card numbers masked (its printout form, by the core). */
const outcomeJson = (outcome) => JSON.stringify(outcome);

/**
 * The right to drive one payout until it expires (renewed by every save and by the
 * worker's heartbeat). `state` is the flow state as claimed. The driver's store hook:
 * `saveFlow(state, action, now)` commits only while the lease holds (else LeaseLost, and
 * nothing more is sent), `beforeSend()` refuses when the lease may have lapsed by the local
 * clock.
 */
class Lease {
  constructor(store, key, gateway, state, token, owner, ttl) {
    this.store = store;
    this.key = key;
    this.gateway = gateway;
    this.state = state;
    this.token = token;
    this.owner = owner;
    this.ttl = ttl;
    this.lost = false;
    this.marks = []; // [callback id, "delivered" | "deferred" | note, retry at]
    this.localExpiry = performance.now() / 1000 + ttl * 0.8;
  }
  toString() {
    return `Lease(key=${this.key}, gateway=${this.gateway}, owner=${this.owner}, lost=${this.lost})`;
  }
  renewed(started) {
    this.localExpiry = started + this.ttl * 0.8;
  }
  /** Deliverable callbacks not yet handed to the flow whose retry time has come. */
  pendingCallbacks() {
    return this.store.pendingCallbacks(this.key);
  }
  /** What became of a callback offered to the flow; written with the next saveFlow. */
  noteCallback(id, result, retryAt = 0) {
    this.marks.push([id, result, retryAt]);
  }
  beforeSend() {
    if (this.lost || performance.now() / 1000 >= this.localExpiry) {
      this.lost = true;
      throw new LeaseLost(`the lease on payout ${this.key} may have lapsed: not sending`);
    }
  }
  async saveFlow(state, action, now) {
    if (this.lost) throw new LeaseLost(`the lease on payout ${this.key} was lost`);
    const started = performance.now() / 1000;
    const marks = this.marks.splice(0);
    const ok = await this.store.save(this, state, action, now, marks);
    if (!ok) {
      this.lost = true;
      throw new LeaseLost(`the lease on payout ${this.key} expired or was taken over`);
    }
    this.state = state;
    this.renewed(started);
  }
  async renew() {
    if (this.lost) return false;
    const started = performance.now() / 1000;
    const ok = await this.store.renew(this);
    if (ok) this.renewed(started);
    else this.lost = true;
    return ok;
  }
  /** Give the payout back (its wake-up as saved, or `retryIn` seconds after an error). */
  async release(err = null, retryIn = null) {
    if (!this.lost) {
      this.lost = true;
      await this.store.release(this, err, retryIn);
    }
    this.lost = true;
  }
}

// The stores' tables and indexes, written by the core (the same for Python's stores).
const schema = (dialect) => api.storeSchema(dialect);

/**
 * What both stores share: the payout and callback rows, the lease rules (saves conditional
 * on the lease token and expiry, by the database's clock), the callback inbox. A driver gives
 * `NOW` (SQL for unix seconds), `exec(sql, params)` → {rows, rowCount} (`$1`… parameters),
 * `transaction(fn)`, `setup()`, `claim()`, `findKey()` and `close()`.
 */
class SqlStore {
  encode(state) {
    return this.codec ? this.codec[0](state) : state;
  }
  decode(state) {
    return this.codec ? this.codec[1](state) : state;
  }
  async query(sql, params = []) {
    return (await this.exec(sql, params)).rows;
  }
  /** The store's clock (unix seconds): the database's. */
  async now() {
    return Number((await this.query(`SELECT ${this.NOW} AS now`))[0].now);
  }
  /** Record a payout (a flow or its toJson()); false when the key is already there. */
  async add(key, gateway, flow, { wakeIn = 0 } = {}) {
    const state = typeof flow === "string" ? flow : flow.toJson();
    const r = await this.exec(
      `INSERT INTO payoutkit_payouts (key, gateway, status, state, wake_at, created_at, updated_at)
       VALUES ($1, $2, 'new', $3, ${this.NOW} + $4, ${this.NOW}, ${this.NOW}) ON CONFLICT (key) DO NOTHING`,
      [key, gateway, this.encode(state), Number(wakeIn)],
    );
    return r.rowCount > 0;
  }
  async get(key) {
    const rows = await this.query(`SELECT ${PAYOUT_COLS} FROM payoutkit_payouts WHERE key = $1`, [key]);
    return rows.length ? record(rows[0]) : null;
  }
  async state(key) {
    const rows = await this.query("SELECT state FROM payoutkit_payouts WHERE key = $1", [key]);
    return rows.length ? this.decode(rows[0].state) : null;
  }
  async payouts(status = null) {
    const rows =
      status === null
        ? await this.query(`SELECT ${PAYOUT_COLS} FROM payoutkit_payouts ORDER BY created_at, key`)
        : await this.query(`SELECT ${PAYOUT_COLS} FROM payoutkit_payouts WHERE status = $1 ORDER BY created_at, key`, [status]);
    return rows.map(record);
  }
  /** Payouts per status and per outcome kind of the done ones (`done:succeeded`, …). */
  async counts() {
    const out = {};
    for (const r of await this.query("SELECT status, outcome_kind, COUNT(*) AS n FROM payoutkit_payouts GROUP BY status, outcome_kind")) {
      out[r.status] = (out[r.status] ?? 0) + Number(r.n);
      if (r.outcome_kind) out[`done:${r.outcome_kind}`] = Number(r.n);
    }
    return out;
  }
  async unfinished() {
    return Number((await this.query("SELECT COUNT(*) AS n FROM payoutkit_payouts WHERE status <> 'done'"))[0].n);
  }
  /**
   * Keep a callback (body stored with card numbers masked). A deliverable one whose exact
   * body the payout already has becomes `duplicate`; a deliverable one wakes the payout.
   * Resolves with [id, verdict].
   */
  async addCallback(gateway, key, body, verdict, note = null) {
    if (!VERDICTS.includes(verdict)) throw new Error(`unknown verdict ${verdict}`);
    body = Buffer.from(body);
    const digest = crypto.createHash("sha256").update(body).digest("hex");
    return this.transaction(async (tx) => {
      if (DELIVERABLE.includes(verdict) && key !== null) {
        const seen = await tx(
          "SELECT id FROM payoutkit_callbacks WHERE payout_key = $1 AND body_sha256 = $2 AND verdict IN ('accepted', 'unverified')",
          [key, digest],
        );
        if (seen.rows.length) [verdict, note] = ["duplicate", `same body as callback ${seen.rows[0].id}`];
      }
      const ins = await tx(
        `INSERT INTO payoutkit_callbacks (payout_key, gateway, verdict, body, body_sha256, received_at, not_before, attempts, note)
         VALUES ($1, $2, $3, $4, $5, ${this.NOW}, ${this.NOW}, 0, $6) RETURNING id`,
        [key, gateway, verdict, redactBytes(body, key ? [key] : []), digest, note],
      );
      const id = Number(ins.rows[0].id);
      if (DELIVERABLE.includes(verdict) && key !== null) {
        const woken = await tx(
          `UPDATE payoutkit_payouts SET wake_at = ${this.NOW} WHERE key = $1 AND status <> 'done' AND (wake_at IS NULL OR wake_at > ${this.NOW})`,
          [key],
        );
        if (!woken.rowCount && (await tx("SELECT 1 FROM payoutkit_payouts WHERE key = $1 AND status = 'done'", [key])).rows.length) {
          await tx(`UPDATE payoutkit_callbacks SET delivered_at = ${this.NOW}, note = 'the payout was already done' WHERE id = $1`, [id]);
        }
      }
      return [id, verdict];
    });
  }
  async callbacks(key = null) {
    const rows =
      key === null
        ? await this.query(`SELECT ${CALLBACK_COLS} FROM payoutkit_callbacks ORDER BY id`)
        : await this.query(`SELECT ${CALLBACK_COLS} FROM payoutkit_callbacks WHERE payout_key = $1 ORDER BY id`, [key]);
    return rows.map(callbackRow);
  }
  async pendingCallbacks(key) {
    const rows = await this.query(
      `SELECT ${CALLBACK_COLS} FROM payoutkit_callbacks WHERE payout_key = $1 AND delivered_at IS NULL
       AND verdict IN ('accepted', 'unverified') AND not_before <= ${this.NOW} ORDER BY id`,
      [key],
    );
    return rows.map(callbackRow);
  }
  /** Commit the state (and renew the lease) only while the lease holds; false if it does not. */
  async save(lease, state, action, _now, marks) {
    const params = [];
    const p = (v) => {
      params.push(v);
      return `$${params.length}`;
    };
    let sets;
    if (action.kind === "done") sets = `status = ${p("done")}, state = ${p(this.encode(state))}, wake_at = NULL`;
    else if (action.kind === "wait") sets = `status = ${p("active")}, state = ${p(this.encode(state))}, wake_at = ${this.NOW} + ${p(Number(action.seconds))}`;
    // send: due at once should this worker die mid-request (after its lease)
    else sets = `status = ${p("active")}, state = ${p(this.encode(state))}, wake_at = ${this.NOW}`;
    sets += `, steps = steps + 1, updated_at = ${this.NOW}, lease_until = ${this.NOW} + ${p(Number(lease.ttl))}`;
    if (action.kind === "done") sets += `, outcome_kind = ${p(String(action.outcome.kind))}, outcome = ${p(outcomeJson(action.outcome))}`;
    let creates;
    try {
      creates = JSON.parse(state).creates;
    } catch {
      creates = undefined;
    }
    if (Number.isInteger(creates)) sets += `, creates_sent = ${p(creates)}`;
    const where = `key = ${p(lease.key)} AND lease_token = ${p(lease.token)} AND lease_until > ${this.NOW}`;
    return this.transaction(async (tx) => {
      const n = (await tx(`UPDATE payoutkit_payouts SET ${sets} WHERE ${where}`, params)).rowCount;
      if (!n) return false;
      for (const [id, result, retryAt] of marks) {
        if (result === "deferred") {
          await tx("UPDATE payoutkit_callbacks SET attempts = attempts + 1, not_before = $1 WHERE id = $2 AND delivered_at IS NULL", [retryAt, id]);
        } else {
          await tx(`UPDATE payoutkit_callbacks SET attempts = attempts + 1, delivered_at = ${this.NOW}, note = $1 WHERE id = $2`, [
            result === "delivered" ? null : result,
            id,
          ]);
        }
      }
      if (action.kind === "done") {
        // The flow is over: its callbacks have said all they can.
        await tx(
          `UPDATE payoutkit_callbacks SET delivered_at = ${this.NOW} WHERE payout_key = $1 AND delivered_at IS NULL AND verdict IN ('accepted', 'unverified')`,
          [lease.key],
        );
      }
      if (action.kind === "wait") {
        // A callback that came while this worker drove the payout (or one set aside) wakes it earlier.
        const inbox = "SELECT MIN(not_before) FROM payoutkit_callbacks WHERE payout_key = $1 AND delivered_at IS NULL AND verdict IN ('accepted', 'unverified')";
        await tx(`UPDATE payoutkit_payouts SET wake_at = (${inbox}) WHERE key = $1 AND wake_at > (${inbox})`, [lease.key]);
      }
      return true;
    });
  }
  async renew(lease) {
    const r = await this.exec(
      `UPDATE payoutkit_payouts SET lease_until = ${this.NOW} + $1 WHERE key = $2 AND lease_token = $3 AND lease_until > ${this.NOW}`,
      [Number(lease.ttl), lease.key, lease.token],
    );
    return r.rowCount > 0;
  }
  async release(lease, err, retryIn) {
    const params = [lease.key, lease.token];
    let sets = "lease_token = NULL, lease_until = NULL, lease_owner = NULL";
    if (err !== null && err !== undefined) {
      params.push(redactText(err).slice(0, 500));
      sets += `, errors = errors + 1, last_error = $${params.length}`;
    }
    if (retryIn !== null && retryIn !== undefined) {
      params.push(Number(retryIn));
      sets += `, wake_at = ${this.NOW} + $${params.length}`;
    }
    await this.exec(`UPDATE payoutkit_payouts SET ${sets} WHERE key = $1 AND lease_token = $2`, params);
  }
}

const PG_NOW = "extract(epoch from clock_timestamp())::double precision";

/**
 * PostgreSQL through `pg` (npm), the same schema and rules as Python's
 * payoutkit.store.PostgresStore, so Node and Python workers share one store: leases taken
 * with SELECT … FOR UPDATE SKIP LOCKED, saves conditional on the lease token and expiry
 * (fencing), due wake-ups picked by any worker, lease times by the database's clock.
 * `await PostgresStore.open(dsn)` (or `new` then `await store.setup()`).
 */
class PostgresStore extends SqlStore {
  constructor(dsn, { codec = null, maxConnections = 16 } = {}) {
    super();
    let pg;
    try {
      pg = require("pg");
    } catch (e) {
      throw new Error('payoutkit PostgresStore needs the "pg" package: npm install pg', { cause: e });
    }
    this.pool = new pg.Pool({ connectionString: dsn, max: maxConnections });
    this.pool.on("error", () => {}); // an idle connection dropped: the pool makes a new one
    this.codec = codec;
    this.NOW = PG_NOW;
  }
  static async open(dsn, options) {
    const s = new PostgresStore(dsn, options);
    await s.setup();
    return s;
  }
  toString() {
    return "PostgresStore(...)"; // the DSN may hold a password
  }
  exec(sql, params = []) {
    return this.pool.query(sql, params);
  }
  /** fn(tx) inside one transaction; tx(sql, params) resolves with the pg result. */
  async transaction(fn) {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const out = await fn((sql, params = []) => client.query(sql, params));
      await client.query("COMMIT");
      return out;
    } catch (e) {
      try {
        await client.query("ROLLBACK");
      } catch {
        broken = true;
      }
      throw e;
    } finally {
      client.release(broken);
    }
  }
  /**
   * Create the tables and indexes unless they are all there. CREATE INDEX takes a SHARE lock
   * on its table even when the index exists, which deadlocks with a callback being stored
   * (callbacks, then payouts) when a worker (re)starts in the middle of a run: so an existing
   * schema is left alone, and a set-up chosen as a deadlock's victim is tried again.
   */
  async setup() {
    const names = ["payoutkit_payouts", "payoutkit_callbacks", "payoutkit_payouts_due", "payoutkit_callbacks_inbox"];
    for (let attempt = 1; ; attempt++) {
      try {
        const rows = await this.query("SELECT count(*) AS n FROM unnest($1::text[]) AS t(name) WHERE to_regclass(t.name) IS NOT NULL", [names]);
        if (Number(rows[0].n) === names.length) return;
        await this.transaction(async (tx) => {
          await tx("SELECT pg_advisory_xact_lock(7152015)"); // concurrent set-ups wait for each other
          for (const stmt of schema("postgres")) await tx(stmt);
        });
        return;
      } catch (e) {
        if (attempt >= 5 || !["40P01", "40001", "23505"].includes(e?.code)) throw e;
        await sleep(0.1 * attempt);
      }
    }
  }
  /** The key of the gateway's payout among `candidates` (a callback's values). */
  async findKey(gateway, candidates) {
    const values = candidates.filter(Boolean);
    if (!values.length) return null;
    const rows = await this.query("SELECT key FROM payoutkit_payouts WHERE gateway = $1 AND key = ANY($2::text[])", [gateway, values]);
    return rows.length === 1 ? rows[0].key : null;
  }
  /** Take up to `limit` due payouts, each under a lease; started ones first, then the earliest due. */
  async claim(owner, limit = 1, ttl = 30) {
    const rows = await this.transaction(
      async (tx) =>
        (
          await tx(
            `UPDATE payoutkit_payouts p
             SET lease_token = md5(random()::text || clock_timestamp()::text || p.key),
                 lease_owner = $1, lease_until = ${this.NOW} + $2
             WHERE p.key IN (
                 SELECT key FROM payoutkit_payouts
                 WHERE status <> 'done' AND wake_at <= ${this.NOW} AND (lease_until IS NULL OR lease_until < ${this.NOW})
                 ORDER BY (status = 'new'), wake_at LIMIT $3
                 FOR UPDATE SKIP LOCKED)
             RETURNING p.key, p.gateway, p.state, p.lease_token`,
            [owner, Number(ttl), Math.trunc(limit)],
          )
        ).rows,
    );
    return rows.map((r) => new Lease(this, r.key, r.gateway, this.decode(r.state), r.lease_token, owner, ttl));
  }
  async close() {
    await this.pool.end();
  }
}


/**
 * The embedded store: one SQLite file (WAL), the same schema as Python's
 * payoutkit.store.SQLiteStore, so Node and Python processes on one machine may share it;
 * claims run under SQLite's write lock (BEGIN IMMEDIATE). Through `better-sqlite3` (npm,
 * an optional peer dependency; synchronous, so this process's statements take turns).
 */
class SQLiteStore extends SqlStore {
  constructor(path, { codec = null, timeout = 30 } = {}) {
    super();
    let Database;
    try {
      Database = require("better-sqlite3");
    } catch (e) {
      throw new Error('payoutkit SQLiteStore needs the "better-sqlite3" package: npm install better-sqlite3@12', { cause: e });
    }
    this.path = path;
    this.codec = codec;
    this.db = new Database(path, { timeout: timeout * 1000 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.NOW = "((julianday('now') - 2440587.5) * 86400.0)";
    this.turn = Promise.resolve(); // one statement or transaction at a time on the connection
  }
  static async open(path, options) {
    const s = new SQLiteStore(path, options);
    await s.setup();
    return s;
  }
  toString() {
    return `SQLiteStore(${JSON.stringify(this.path)})`;
  }
  /** `$1`… as SQLite's `?`, in order of appearance (a number may appear twice). */
  run(sql, params) {
    const values = [];
    const text = sql.replace(/\$(\d+)/g, (_, n) => {
      const v = params[Number(n) - 1];
      values.push(v === undefined ? null : v);
      return "?";
    });
    const stmt = this.db.prepare(text);
    if (stmt.reader) return { rows: stmt.all(...values), rowCount: 0 };
    const info = stmt.run(...values);
    return { rows: [], rowCount: info.changes };
  }
  locked(fn) {
    const next = this.turn.then(fn, fn);
    this.turn = next.catch(() => {});
    return next;
  }
  exec(sql, params = []) {
    return this.locked(() => this.run(sql, params));
  }
  transaction(fn) {
    return this.locked(async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const out = await fn(async (sql, params = []) => this.run(sql, params));
        this.db.exec("COMMIT");
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    });
  }
  async setup() {
    await this.locked(() => this.db.exec(schema("sqlite").join(";\n") + ";"));
  }
  async findKey(gateway, candidates) {
    const values = candidates.filter(Boolean);
    if (!values.length) return null;
    const marks = values.map((_, i) => `$${i + 2}`).join(", ");
    const rows = await this.query(`SELECT key FROM payoutkit_payouts WHERE gateway = $1 AND key IN (${marks})`, [gateway, ...values]);
    return rows.length === 1 ? rows[0].key : null;
  }
  async claim(owner, limit = 1, ttl = 30) {
    const rows = await this.transaction(async (tx) => {
      const due = await tx(
        `SELECT key FROM payoutkit_payouts WHERE status <> 'done' AND wake_at <= ${this.NOW}
         AND (lease_until IS NULL OR lease_until < ${this.NOW}) ORDER BY (status = 'new'), wake_at LIMIT $1`,
        [Math.trunc(limit)],
      );
      const claimed = [];
      for (const { key } of due.rows) {
        const token = crypto.randomBytes(16).toString("hex");
        const got = await tx(
          `UPDATE payoutkit_payouts SET lease_token = $1, lease_owner = $2, lease_until = ${this.NOW} + $3
           WHERE key = $4 RETURNING key, gateway, state, lease_token`,
          [token, owner, Number(ttl), key],
        );
        claimed.push(...got.rows);
      }
      return claimed;
    });
    return rows.map((r) => new Lease(this, r.key, r.gateway, this.decode(r.state), r.lease_token, owner, ttl));
  }
  async close() {
    await this.locked(() => this.db.close());
  }
}

/** A store from its URL: postgresql://… (pg), sqlite:///path.db or a plain path (better-sqlite3). */
async function openStore(url, options) {
  if (/^postgres(ql)?:\/\//.test(url)) return PostgresStore.open(url, options);
  if (url.startsWith("sqlite:///")) return SQLiteStore.open(url.slice("sqlite:///".length) || ":memory:", options);
  if (url.includes("://")) throw new Error("store URL: sqlite:///path.db or postgresql://…");
  return SQLiteStore.open(url, options);
}

// ---------------------------------------------------------------------------- gateways

const CLASSES = { m4: "M4", exotic: "Exotic", corefy: "Corefy" };
const providerRow = (name) => api[CLASSES[name]].constructorArgs;

function secretValue(gateway, field, value, env) {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "object" && "env" in value) {
    const name = String(value.env);
    if (!(name in env)) throw new Error(`gateway ${JSON.stringify(gateway)}: ${field} is read from $${name}, which is not set`);
    return env[name];
  }
  if (typeof value === "object" && "file" in value) return fs.readFileSync(String(value.file), "utf8").trim();
  throw new Error(`gateway ${JSON.stringify(gateway)}: ${field} must be a string, {"env": NAME} or {"file": PATH}`);
}

/**
 * One configured account: `gateway` (an M4 / Exotic / Corefy) and what the callback
 * handler needs (Corefy's callback secret). Secrets stay out of printouts.
 */
class GatewayConfig {
  constructor(name, provider, gateway, { callbackSecret = null } = {}) {
    if (!PROVIDERS.includes(provider)) throw new Error(`gateway ${JSON.stringify(name)}: provider must be one of ${PROVIDERS.join(", ")}`);
    this.name = name;
    this.provider = provider;
    this.gateway = gateway;
    Object.defineProperty(this, "callbackSecret", { value: callbackSecret, enumerable: false });
  }
  toString() {
    return `GatewayConfig(name=${this.name}, provider=${this.provider})`;
  }
  toJSON() {
    return { name: this.name, provider: this.provider };
  }
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toString();
  }
  /** From a config entry: {"provider", <the gateway's constructor arguments>, "callback_secret"}. */
  static fromMapping(name, spec, env = process.env) {
    const provider = String(spec.provider ?? name);
    if (!PROVIDERS.includes(provider)) throw new Error(`gateway ${JSON.stringify(name)}: provider must be one of ${PROVIDERS.join(", ")}`);
    const args = providerRow(provider); // the core's constructor arguments: [{name, kind}]
    const known = new Set([...args.map((a) => a.name), "provider", "callback_secret"]);
    const unknown = Object.keys(spec).filter((k) => !known.has(k));
    if (unknown.length) throw new Error(`gateway ${JSON.stringify(name)}: unknown setting(s) ${unknown.sort().join(", ")}`);
    const values = args.map((a) => {
      let v = spec[a.name];
      if (a.kind === "secret") v = secretValue(name, a.name, v, env);
      else if (a.kind === "recipe" && typeof v === "string") v = JSON.parse(v);
      return v ?? null;
    });
    const Cls = api[CLASSES[provider]];
    const gateway = new Cls(...values);
    return new GatewayConfig(name, provider, gateway, { callbackSecret: secretValue(name, "callback_secret", spec.callback_secret, env) });
  }
}

/** {"gateways": {"m4": {"provider": "m4", "shop_id": 1520, "secret": {"env": "M4_SECRET"}, …}}}. */
function gatewaysFromConfig(config, env = process.env) {
  const out = {};
  for (const [name, spec] of Object.entries(config.gateways ?? {})) out[name] = GatewayConfig.fromMapping(name, spec, env);
  return out;
}

/** PAYOUTKIT_GATEWAYS=m4,exotic and PAYOUTKIT_<NAME>_PROVIDER, PAYOUTKIT_<NAME>_<SETTING>. */
function gatewaysFromEnv(env = process.env) {
  const out = {};
  for (const name of (env.PAYOUTKIT_GATEWAYS ?? "").split(",").map((n) => n.trim()).filter(Boolean)) {
    const prefix = `PAYOUTKIT_${name.toUpperCase().replace(/-/g, "_")}_`;
    const provider = env[prefix + "PROVIDER"] ?? name;
    if (!PROVIDERS.includes(provider)) throw new Error(`gateway ${JSON.stringify(name)}: set ${prefix}PROVIDER to one of ${PROVIDERS.join(", ")}`);
    const spec = { provider };
    for (const a of [...providerRow(provider).map((x) => x.name), "callback_secret"]) {
      if (prefix + a.toUpperCase() in env) spec[a] = env[prefix + a.toUpperCase()];
    }
    out[name] = GatewayConfig.fromMapping(name, spec, env);
  }
  return out;
}

function loadConfig(path) {
  if (!path) return {};
  const data = JSON.parse(fs.readFileSync(path, "utf8"));
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("the config file holds a JSON object");
  return data;
}

const flowClass = (provider) => api[provider].PayoutFlow;

/** Record a new payout (its flow built now, so bad params fail here); false if the key is there. */
async function enqueue(store, key, gateway, params, options = {}) {
  const Flow = flowClass(gateway.provider);
  const flow = new Flow(gateway.gateway, params, options);
  return store.add(key, gateway.name, flow);
}

// ---------------------------------------------------------------------------- callbacks

/**
 * What a web handler does with a callback POSTed to it: the core's verdict, kept in the
 * payout's inbox (forged ones too, as `rejected`, never delivered), the payout woken.
 * Resolves with [HTTP status to answer, verdict]. `key`: the payout's key when the callback
 * URL carries it (/callbacks/<gateway>/<key>); else found among the callback's values.
 */
async function receiveCallback(store, gateways, gateway, body, headers, key = null) {
  const config = gateways[gateway];
  if (!config) return [404, "unknown"];
  let verdict;
  let values = [];
  try {
    ({ verdict, values } = config.gateway.callbackVerdict(new Uint8Array(body), headers, config.callbackSecret));
  } catch {
    verdict = "rejected";
  }
  if (key !== null) {
    const rec = await store.get(key);
    if (!rec || rec.gateway !== gateway) key = null;
  }
  if (key === null && DELIVERABLE.includes(verdict)) key = await store.findKey(gateway, values);
  if (key === null && DELIVERABLE.includes(verdict)) verdict = "orphan";
  [, verdict] = await store.addCallback(gateway, key, body, verdict);
  if (verdict === "rejected") {
    warn(`callback for gateway ${gateway} rejected: signature not valid`);
    return [401, verdict];
  }
  if (verdict === "malformed") return [400, verdict];
  return [200, verdict];
}

/** A small HTTP server for callbacks: POST /callbacks/<gateway>[/<key>]. */
class CallbackServer {
  constructor(store, gateways, host = "127.0.0.1", port = 0) {
    this.store = store;
    this.gateways = gateways;
    this.host = host;
    this.port = port;
    this.server = http.createServer((req, res) =>
      this.handle(req, res).catch(() => {
        // a malformed path or a connection cut mid-body: never the process
        if (!res.headersSent) res.writeHead(400, { "Content-Type": "text/plain" });
        res.end();
      }),
    );
    this.server.keepAliveTimeout = 5000;
  }
  async handle(req, res) {
    const reply = (status, text) => {
      res.writeHead(status, { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(text) });
      res.end(text);
    };
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const parts = new URL(req.url, "http://x").pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (req.method !== "POST" || ![2, 3].includes(parts.length) || parts[0] !== "callbacks") return reply(404, "not found");
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : String(v);
    let status, verdict;
    try {
      [status, verdict] = await receiveCallback(this.store, this.gateways, parts[1], body, headers, parts[2] ?? null);
    } catch (e) {
      error(`callback not stored: ${dbError(e)}`); // the store is down: the provider retries
      [status, verdict] = [503, "unavailable"];
    }
    reply(status, verdict);
  }
  get url() {
    const a = this.server.address();
    return `http://${a.address}:${a.port}/callbacks`;
  }
  start() {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.port, this.host, () => resolve(this));
    });
  }
  stop() {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections?.();
    });
  }
}

// ---------------------------------------------------------------------------- the worker


/**
 * Drives due payouts from `store`, `concurrency` at a time on this process, each under a
 * lease of `leaseTtl` seconds renewed by every save and by a heartbeat. A stint on a
 * payout: take its lease, restore the flow, hand it the callbacks in its inbox, run() it
 * until it waits (wait: "return") or is done, release the lease.
 */
class Worker {
  constructor(store, gateways, options = {}) {
    const { concurrency = 8, leaseTtl = 30, httpTimeout = DEFAULT_TIMEOUT, idleSleep = 0.5, owner = null, fetch = null, errorBackoff = 10 } = options;
    if (leaseTtl <= httpTimeout) throw new Error("leaseTtl must be longer than httpTimeout (a request must end while the lease holds)");
    this.store = store;
    this.gateways = { ...gateways };
    this.concurrency = concurrency;
    this.leaseTtl = leaseTtl;
    this.httpTimeout = httpTimeout;
    this.idleSleep = idleSleep;
    this.owner = owner ?? `${os.hostname()}:${process.pid}`;
    this.fetch = fetch;
    this.errorBackoff = errorBackoff;
    this.active = new Map(); // key -> Lease
    this.stats = { stints: 0, done: 0, lease_lost: 0, errors: 0, requests: 0 };
    this.stopped = false;
  }
  toString() {
    return `Worker(owner=${this.owner}, concurrency=${this.concurrency})`;
  }

  /** One stint on a leased payout; resolves with the Outcome when the payout finished. */
  async drive(lease) {
    this.stats.stints++;
    const config = this.gateways[lease.gateway];
    if (!config) {
      error(`payout ${lease.key}: no gateway ${JSON.stringify(lease.gateway)} configured here`);
      await lease.release(`no gateway ${JSON.stringify(lease.gateway)} configured`, this.errorBackoff);
      return null;
    }
    let flow, result;
    try {
      flow = flowClass(config.provider).fromJson(config.gateway, lease.state);
      const now = Date.now() / 1000;
      const action = (await this.deliverCallbacks(lease, flow, now)) ?? flow.resume(now);
      const onStep = (a) => {
        if (a.kind === "send") {
          this.stats.requests++;
          debug(`payout ${lease.key}: ${a.request.method} ${redactText(a.request.url)}`);
        }
      };
      const opts = { store: lease, action, wait: "return", timeout: this.httpTimeout, onStep };
      if (this.fetch) opts.fetch = this.fetch;
      result = await run(flow, opts);
    } catch (e) {
      if (e instanceof LeaseLost) {
        this.stats.lease_lost++;
        warn(`payout ${lease.key}: ${e.message}; another worker has it`);
        return null;
      }
      this.stats.errors++;
      const what = e instanceof PayoutkitError ? `${e.code}: ${e.message}` : dbError(e);
      error(`payout ${lease.key}: ${redactText(what)}`);
      try {
        await lease.release(what, this.errorBackoff);
      } catch {
        // the store is down: the lease expires by itself
      }
      return null;
    }
    await lease.release();
    if (result && "wakeAt" in result) return null;
    this.stats.done++;
    info(`payout ${lease.key}: ${result.kind} (${redactText(result.message)}) creates_sent=${flow.createsSent}`);
    return result;
  }

  /**
   * Offer the inbox's callbacks to the flow. Each stays in the inbox and is offered again
   * every CALLBACK_RETRY seconds (at most CALLBACK_ATTEMPTS times) until the flow is done;
   * the flow decides each time whether to check again.
   */
  async deliverCallbacks(lease, flow, now) {
    let action = null;
    for (const cb of await lease.pendingCallbacks()) {
      if (action !== null && action.kind !== "wait") {
        lease.noteCallback(cb.id, "deferred", now + CALLBACK_RETRY); // the flow is busy: later
        continue;
      }
      let offered;
      try {
        offered = flow.onCallback(new Uint8Array(cb.body), now);
      } catch (e) {
        if (!(e instanceof PayoutkitError)) throw e;
        if (flow.done) lease.noteCallback(cb.id, "delivered");
        else if (e.code === "invalid_state") lease.noteCallback(cb.id, "deferred", now + CALLBACK_RETRY); // a request in flight: later
        else lease.noteCallback(cb.id, `ignored: ${e.code}`); // another payout's, or unreadable
        continue;
      }
      if (cb.attempts + 1 >= CALLBACK_ATTEMPTS) lease.noteCallback(cb.id, "delivered");
      else lease.noteCallback(cb.id, "deferred", now + CALLBACK_RETRY);
      action = offered;
    }
    return action;
  }

  /** Stop claiming; serve() resolves once the stints under way have ended. */
  stop() {
    this.stopped = true;
    this.wakeUp?.();
  }

  /**
   * Claim and drive payouts until stop() (or, `untilIdle`, until no payout is left
   * unfinished; or after `maxSeconds`).
   */
  async serve({ untilIdle = false, maxSeconds = null } = {}) {
    const started = performance.now() / 1000;
    const stints = new Set();
    const beat = setInterval(() => {
      for (const lease of this.active.values()) lease.renew().catch(() => {});
    }, (this.leaseTtl / 3) * 1000);
    const nap = (s) =>
      new Promise((resolve) => {
        const t = setTimeout(done, s * 1000);
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.wakeUp = done;
      });
    try {
      while (!this.stopped) {
        if (maxSeconds !== null && performance.now() / 1000 - started > maxSeconds) break;
        const free = this.concurrency - this.active.size;
        let leases = [];
        if (free > 0) {
          try {
            leases = await this.store.claim(this.owner, free, this.leaseTtl);
          } catch (e) {
            error(`claim failed: ${dbError(e)}`);
            await nap(this.idleSleep);
            continue;
          }
        }
        for (const lease of leases) {
          this.active.set(lease.key, lease);
          const p = this.drive(lease)
            .catch((e) => error(`payout ${lease.key}: ${dbError(e)}`))
            .finally(() => {
              this.active.delete(lease.key);
              stints.delete(p);
              this.wakeUp?.();
            });
          stints.add(p);
        }
        if (!leases.length) {
          if (untilIdle && !this.active.size && (await this.store.unfinished()) === 0) break;
          await nap(this.idleSleep);
        }
      }
      await Promise.all([...stints]);
    } finally {
      clearInterval(beat);
    }
  }
}

// ---------------------------------------------------------------------------- command line

const HELP = `usage: payoutkit-worker [--store URL] [--config FILE] [--concurrency N] [--lease-ttl S]
                        [--http-timeout S] [--idle-sleep S] [--callbacks HOST:PORT] [--owner NAME]
                        [--until-idle] [--max-seconds S] [--enqueue FILE] [--status] [-v]

Drive payouts from a store (PostgreSQL or SQLite, shared with Python workers), many at a time, crash-safe.

options:
  -h, --help            show this help message and exit
  --store URL           sqlite:///path.db or postgresql://… (default: $PAYOUTKIT_STORE or the config's "store")
  --config FILE         a JSON config file (default: $PAYOUTKIT_CONFIG); else gateways from the environment
  --concurrency N       payouts driven at once; 0: callbacks only (default 8)
  --lease-ttl S         seconds a lease lasts without renewal (default 60)
  --http-timeout S      seconds per request (default 30)
  --idle-sleep S        seconds between looks for due payouts when there is none (default 0.5)
  --callbacks HOST:PORT
                        serve POST /callbacks/<gateway>[/<key>] here
  --owner NAME          this worker's name in leases (default host:pid)
  --until-idle          exit when no payout is left unfinished
  --max-seconds S       exit after this long
  --enqueue FILE        add the payouts in FILE (JSON lines; - for stdin), then exit
  --status              print the payouts per status, then exit
  -v, --verbose         more log lines (-v info, -vv debug)

examples:
  # gateways from a JSON file (secrets from the environment), PostgreSQL, 16 at a time,
  # and the callback endpoint http://127.0.0.1:8081/callbacks/<gateway>[/<key>]
  payoutkit-worker --store postgresql://payoutkit@127.0.0.1:5432/postgres \\
      --config gateways.json --concurrency 16 --callbacks 127.0.0.1:8081

  # gateways from the environment, SQLite, stop when every payout is finished
  PAYOUTKIT_GATEWAYS=m4 PAYOUTKIT_M4_SHOP_ID=1520 PAYOUTKIT_M4_SECRET=... \\
      payoutkit-worker --store sqlite:///payouts.db --until-idle

  # add payouts (one JSON object a line: {"key", "gateway", "params", "options"})
  payoutkit-worker --store sqlite:///payouts.db --config gateways.json --enqueue payouts.jsonl

gateways.json (the same file as python -m payoutkit.worker reads):
  {"store": "postgresql://payoutkit@127.0.0.1:5432/postgres",
   "gateways": {
     "m4": {"provider": "m4", "shop_id": 1520, "secret": {"env": "M4_SECRET"},
            "base_url": "https://api.m4solutions.io/gateway/v1"},
     "corefy": {"provider": "corefy", "account_id": "coma_...", "api_key": {"env": "COREFY_API_KEY"},
                "base_url": "https://com.paycore.io/api", "callback_secret": {"file": "/run/secrets/corefy"}},
     "exotic": {"provider": "exotic", "merchant": "...", "sign_key": {"env": "EXOTIC_SIGN_KEY"},
                "api_key": {"env": "EXOTIC_API_KEY"}, "base_url": "https://...",
                "standart_sign": {"fields": ["order_id", "status"], "secret": "append_with_separator"}}}}

PostgreSQL needs the pg package (npm install pg), SQLite better-sqlite3 (npm install better-sqlite3@12)
beside payoutkit. Secrets are never printed;
card numbers are masked in logs, stored outcomes and stored callback bodies.
`;

function parseArgs(argv) {
  const { parseArgs: parse } = require("node:util");
  const env = process.env;
  const { values } = parse({
    args: argv,
    options: {
      help: { type: "boolean", short: "h" },
      store: { type: "string" },
      config: { type: "string" },
      concurrency: { type: "string", default: env.PAYOUTKIT_CONCURRENCY ?? "8" },
      "lease-ttl": { type: "string", default: env.PAYOUTKIT_LEASE_TTL ?? "60" },
      "http-timeout": { type: "string", default: env.PAYOUTKIT_HTTP_TIMEOUT ?? String(DEFAULT_TIMEOUT) },
      "idle-sleep": { type: "string", default: "0.5" },
      callbacks: { type: "string" },
      owner: { type: "string" },
      "until-idle": { type: "boolean" },
      "max-seconds": { type: "string" },
      enqueue: { type: "string" },
      status: { type: "boolean" },
      verbose: { type: "boolean", short: "v", multiple: true },
    },
    allowPositionals: false,
    strict: true,
  });
  const number = (name) => {
    const v = values[name];
    if (v === undefined) return null;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new UsageError(`argument --${name}: invalid number: ${JSON.stringify(v)}`);
    return n;
  };
  return {
    help: values.help,
    store: values.store,
    config: values.config,
    concurrency: number("concurrency"),
    leaseTtl: number("lease-ttl"),
    httpTimeout: number("http-timeout"),
    idleSleep: number("idle-sleep"),
    callbacks: values.callbacks,
    owner: values.owner,
    untilIdle: Boolean(values["until-idle"]),
    maxSeconds: number("max-seconds"),
    enqueue: values.enqueue,
    status: Boolean(values.status),
    verbose: (values.verbose ?? []).length,
  };
}

class UsageError extends Error {}

async function enqueueFile(store, gateways, path) {
  const text = path === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(path, "utf8");
  let added = 0;
  let skipped = 0;
  const lines = text.split("\n");
  for (let n = 1; n <= lines.length; n++) {
    const line = lines[n - 1];
    if (!line.trim()) continue;
    const item = JSON.parse(line);
    const config = gateways[item.gateway ?? ""];
    if (!config) {
      process.stderr.write(`line ${n}: no gateway ${JSON.stringify(item.gateway)} configured\n`);
      return 2;
    }
    try {
      if (await enqueue(store, String(item.key), config, item.params, item.options ?? {})) added++;
      else skipped++;
    } catch (e) {
      if (!(e instanceof PayoutkitError)) throw e;
      process.stderr.write(`line ${n}: ${e.code} ${e.field}: ${redactText(e.message)}\n`);
      return 2;
    }
  }
  process.stdout.write(JSON.stringify({ added, already_there: skipped }) + "\n");
  return 0;
}

/** payoutkit-worker: resolves with the exit status. */
async function main(argv = process.argv.slice(2)) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${HELP.split("\n\n")[0]}\npayoutkit-worker: error: ${e.message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  logLevel = args.verbose;
  let config, gateways;
  try {
    config = loadConfig(args.config ?? process.env.PAYOUTKIT_CONFIG);
  } catch (e) {
    process.stderr.write(`configuration: ${redactText(e.message)}\n`);
    return 2;
  }
  const url = args.store ?? process.env.PAYOUTKIT_STORE ?? config.store;
  if (!url) {
    process.stderr.write('no store: give --store, $PAYOUTKIT_STORE or "store" in the config\n');
    return 2;
  }
  try {
    gateways = config.gateways ? gatewaysFromConfig(config) : gatewaysFromEnv();
  } catch (e) {
    process.stderr.write(`configuration: ${redactText(e instanceof PayoutkitError ? `${e.code} ${e.field}: ${e.message}` : e.message)}\n`);
    return 2;
  }
  const store = await openStore(String(url));
  try {
    if (args.status) {
      const counts = await store.counts();
      const sorted = Object.fromEntries(Object.keys(counts).sort().map((k) => [k, counts[k]]));
      process.stdout.write(JSON.stringify(sorted).replace(/":/g, '": ').replace(/,"/g, ', "') + "\n");
      return 0;
    }
    if (args.enqueue) return await enqueueFile(store, gateways, args.enqueue);
    if (!Object.keys(gateways).length) {
      process.stderr.write("no gateways configured (--config, or PAYOUTKIT_GATEWAYS and its variables)\n");
      return 2;
    }
    let worker = null;
    let stopped = false;
    let wake = null;
    const stop = () => {
      stopped = true;
      worker?.stop();
      wake?.();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    let server = null;
    if (args.callbacks) {
      const i = args.callbacks.lastIndexOf(":");
      server = await new CallbackServer(store, gateways, args.callbacks.slice(0, i) || "127.0.0.1", Number(args.callbacks.slice(i + 1))).start();
      process.stderr.write(`callbacks: ${server.url}/<gateway>[/<key>]\n`);
    }
    try {
      if (args.concurrency > 0) {
        worker = new Worker(store, gateways, {
          concurrency: args.concurrency,
          leaseTtl: args.leaseTtl,
          httpTimeout: args.httpTimeout,
          idleSleep: args.idleSleep,
          owner: args.owner ?? null,
        });
        await worker.serve({ untilIdle: args.untilIdle, maxSeconds: args.maxSeconds });
        info(`worker ${worker.owner}: ${JSON.stringify(worker.stats)}`);
      } else {
        const until = args.maxSeconds === null ? Infinity : Date.now() + args.maxSeconds * 1000;
        while (!stopped && Date.now() < until) {
          await new Promise((r) => {
            const t = setTimeout(r, Math.min(1000, until - Date.now()));
            wake = () => {
              clearTimeout(t);
              r();
            };
          });
        }
      }
    } finally {
      if (server) await server.stop();
    }
  } finally {
    await store.close();
  }
  return 0;
}

module.exports = {
  CALLBACK_ATTEMPTS,
  CALLBACK_RETRY,
  CallbackServer,
  GatewayConfig,
  Lease,
  LeaseLost,
  PostgresStore,
  SQLiteStore,
  Worker,
  enqueue,
  gatewaysFromConfig,
  gatewaysFromEnv,
  loadConfig,
  main,
  openStore,
  receiveCallback,
  redactBytes,
};

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`payoutkit-worker: ${redactText(e?.message ?? String(e))}\n`);
      process.exit(1);
    },
  );
}
