// payoutkit/worker: run payouts for real from Node (PostgreSQL or SQLite, shared with Python workers).
import type { Action, Corefy, Exotic, M4, Outcome } from "./index.mjs";

/** The payout's lease expired or was taken over: stop driving it (nothing more is sent). */
export declare class LeaseLost extends Error {}

/** A payout as stored (no flow state: `store.state(key)` reads it). */
export interface PayoutRecord {
  key: string;
  gateway: string;
  status: "new" | "active" | "done";
  wakeAt: number | null;
  outcomeKind: string | null;
  /** Card numbers masked. */
  outcome: Record<string, unknown> | null;
  createsSent: number;
  steps: number;
  errors: number;
  lastError: string | null;
  leaseOwner: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A callback in a payout's inbox (the body with card numbers masked). */
export interface StoredCallback {
  id: number;
  payoutKey: string | null;
  gateway: string;
  verdict: "accepted" | "unverified" | "rejected" | "malformed" | "orphan" | "duplicate";
  body: Uint8Array;
  receivedAt: number;
  deliveredAt: number | null;
  attempts: number;
  note: string | null;
}

/** The right to drive one payout; the store hook `run()` saves through. */
export declare class Lease {
  readonly key: string;
  readonly gateway: string;
  readonly state: string;
  readonly owner: string;
  readonly ttl: number;
  lost: boolean;
  saveFlow(state: string, action: Action, now: number): Promise<void>;
  beforeSend(): void;
  renew(): Promise<boolean>;
  release(error?: string | null, retryIn?: number | null): Promise<void>;
  pendingCallbacks(): Promise<StoredCallback[]>;
  noteCallback(id: number, result: string, retryAt?: number): void;
}

export type Codec = [encode: (state: string) => string, decode: (state: string) => string];

/** PostgreSQL through `pg`: the schema and rules of Python's payoutkit.store.PostgresStore. */
export declare class PostgresStore {
  constructor(dsn: string, options?: { codec?: Codec | null; maxConnections?: number });
  static open(dsn: string, options?: { codec?: Codec | null; maxConnections?: number }): Promise<PostgresStore>;
  setup(): Promise<void>;
  now(): Promise<number>;
  add(key: string, gateway: string, flow: string | { toJson(): string }, options?: { wakeIn?: number }): Promise<boolean>;
  get(key: string): Promise<PayoutRecord | null>;
  state(key: string): Promise<string | null>;
  payouts(status?: string | null): Promise<PayoutRecord[]>;
  counts(): Promise<Record<string, number>>;
  unfinished(): Promise<number>;
  findKey(gateway: string, candidates: string[]): Promise<string | null>;
  addCallback(gateway: string, key: string | null, body: Uint8Array, verdict: string, note?: string | null): Promise<[number, string]>;
  callbacks(key?: string | null): Promise<StoredCallback[]>;
  claim(owner: string, limit?: number, ttl?: number): Promise<Lease[]>;
  close(): Promise<void>;
}

/** The embedded store (better-sqlite3): the schema of Python's payoutkit.store.SQLiteStore; one file shared by processes on one machine. */
export declare class SQLiteStore extends PostgresStore {
  constructor(path: string, options?: { codec?: Codec | null; timeout?: number });
  static open(path: string, options?: { codec?: Codec | null; timeout?: number }): Promise<SQLiteStore>;
}

/** A store from its URL: postgresql://… (pg), sqlite:///path.db or a plain path (better-sqlite3). */
export declare function openStore(url: string, options?: { codec?: Codec | null; maxConnections?: number; timeout?: number }): Promise<PostgresStore | SQLiteStore>;

/** One configured account and what the callback handler needs. */
export declare class GatewayConfig {
  constructor(name: string, provider: "m4" | "exotic" | "corefy", gateway: M4 | Exotic | Corefy, options?: { callbackSecret?: string | null });
  readonly name: string;
  readonly provider: "m4" | "exotic" | "corefy";
  readonly gateway: M4 | Exotic | Corefy;
  static fromMapping(name: string, spec: Record<string, unknown>, env?: Record<string, string | undefined>): GatewayConfig;
}

export declare function gatewaysFromConfig(config: { gateways?: Record<string, Record<string, unknown>> }, env?: Record<string, string | undefined>): Record<string, GatewayConfig>;
export declare function gatewaysFromEnv(env?: Record<string, string | undefined>): Record<string, GatewayConfig>;
export declare function loadConfig(path: string | null | undefined): Record<string, unknown>;
export declare function enqueue(store: PostgresStore, key: string, gateway: GatewayConfig, params: Record<string, unknown>, options?: Record<string, unknown>): Promise<boolean>;
export declare function receiveCallback(
  store: PostgresStore,
  gateways: Record<string, GatewayConfig>,
  gateway: string,
  body: Uint8Array,
  headers: Record<string, string>,
  key?: string | null,
): Promise<[status: number, verdict: string]>;

export declare class CallbackServer {
  constructor(store: PostgresStore, gateways: Record<string, GatewayConfig>, host?: string, port?: number);
  readonly url: string;
  start(): Promise<CallbackServer>;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  concurrency?: number;
  leaseTtl?: number;
  httpTimeout?: number;
  idleSleep?: number;
  owner?: string | null;
  fetch?: typeof fetch | null;
  errorBackoff?: number;
}

export declare class Worker {
  constructor(store: PostgresStore, gateways: Record<string, GatewayConfig>, options?: WorkerOptions);
  readonly owner: string;
  readonly stats: { stints: number; done: number; lease_lost: number; errors: number; requests: number };
  drive(lease: Lease): Promise<Outcome | null>;
  serve(options?: { untilIdle?: boolean; maxSeconds?: number | null }): Promise<void>;
  stop(): void;
}

export declare const CALLBACK_RETRY: number;
export declare const CALLBACK_ATTEMPTS: number;
export declare function redactBytes(body: Uint8Array, keep?: string[]): Uint8Array;
/** payoutkit-worker's command line; resolves with the exit status. */
export declare function main(argv?: string[]): Promise<number>;
