/* payoutkit's JS types: the Node package and the browser package export the same API. */

/** Which backend runs the core: the native addon, or the WebAssembly build (any platform). */
export const backend: "native" | "wasm";
/** The package version. */
export const version: string;

/** A declarative signature recipe. */
export interface RecipeSpec {
  fields: string[] | "all_non_empty" | "raw_body";
  sort?: boolean;
  exclude?: string[];
  separator?: string;
  secret?: "append" | "append_with_separator" | "prepend" | "wrap" | "hmac_key";
  hash?: "sha256" | "sha1" | "md5" | "sha512";
  output?: "hex" | "hex_upper" | "base64";
}

/** Errors thrown by payoutkit: a stable `code` and the argument or field at fault. */
export declare class PayoutkitError extends Error {
  constructor(message: string, code: string, field?: string | null);
  readonly code: ErrorCode | string;
  readonly field: string | null;
}

/** A callback whose signature does not verify (`parseVerifiedCallback`): code `invalid_signature`. */
export declare class SignatureError extends PayoutkitError {}

/** One field's rules for `new Validator(rules)`. */
export interface FieldRule {
  key: string;
  required?: boolean;
  pattern?: string;
  min_length?: number;
  max_length?: number;
  checks?: Array<"luhn" | "iban" | "amount">;
  min?: string | number;
  max?: string | number;
  decimals?: number;
  /** With `amount`: write the value with exactly `decimals` places. */
  pad?: boolean;
  separators?: string;
}

/** The verdict of `validator.validate(values, locale, partial)` (keys as in every runtime). */
export interface Report {
  valid: boolean;
  potentially_valid: boolean;
  errors: Array<{ field: string; code: string; params: Record<string, string | number>; message: string }>;
  values: Record<string, string>;
}

/**
 * A request to send with any HTTP client (`fetch`, undici, axios). Printed (`console.log`,
 * `util.inspect`, `toString`, `JSON.stringify`), credentials show as `***` and card numbers
 * masked 6+4; `headers` and `body` themselves are exact, for sending.
 */
export declare class Request {
  private constructor();
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Record<string, string>;
  /** JSON text, or null. */
  readonly body: string | null;
  toJSON(): Record<string, unknown>;
}

/** A classified response. Printed, card numbers in `data` and `message` are masked 6+4. */
export declare class Outcome {
  private constructor();
  readonly kind: Kind;
  /** The provider's status as sent (M4: a number; exotic and Corefy: text), or null. */
  readonly status: number | string | null;
  readonly error_code: number | string | null;
  readonly message: string;
  readonly data: unknown;
  /** 0 when there was no response. */
  readonly http_status: number;
  toJSON(): Record<string, unknown>;
}

/** What a PayoutFlow asks for next. */
export type Action =
  | { kind: "send"; request: Request }
  | { kind: "wait"; seconds: number }
  | { kind: "done"; outcome: Outcome };

/** PayoutFlow options in seconds. M4 and Corefy poll every 30 s by default; exotic waits for
 * callbacks unless given a `poll_interval`. M4 also runs `withdraw/try` / `check_account`
 * first when asked. */
export interface FlowOptions {
  poll_interval?: number;
  deadline?: number;
  withdraw_try?: boolean;
  check_account?: boolean;
}

/** A parsed callback: its fields (amounts as the exact text sent) and `kind`. */
export type CallbackEvent = Record<string, unknown> & { kind: Kind };

/** One endpoint of a provider (the core's table row). */
export interface EndpointRow {
  name: string;
  js_name: string;
  method: "GET" | "POST";
  path: string;
  fields: Array<{ name: string; type: string; required: boolean }>;
  positional: string | null;
  doc: string;
  source: string;
}

/** Base class of the provider gateways. */
export declare class Gateway {
  protected constructor();
  /** The request of any endpoint by its snake_case name (one options object, or the id alone). */
  request(endpoint: string, fields?: Record<string, unknown> | string | number | bigint): Request;
  /**
   * The verdict on a callback a web handler received for this gateway (the core decides
   * which header or field carries the signature): `accepted`, `unverified` (exotic without
   * a `standart_sign` recipe), `rejected` or `malformed`; `values` are the callback's values
   * as text, to find its payout. `callbackSecret`: Corefy's callback secret.
   */
  callbackVerdict(
    body: string | Uint8Array,
    headers?: Record<string, string> | null,
    callbackSecret?: string | null,
  ): { verdict: "accepted" | "unverified" | "rejected" | "malformed"; values: string[] };
}

/** Field rules and the report on a set of values. */
export declare class Validator {
  constructor(rules: FieldRule[]);
  /** Rules from a Corefy `/payout-prerequest` response (JSON text) for one service. */
  static fromCorefyPrerequest(json: string, service: string): Validator;
  /** Rules from an M4 `account_info_config` (JSON text). */
  static fromM4AccountInfoConfig(json: string): Validator;
  /** The exotic.company create_pay_out field table for a payment method. */
  static forExotic(paymentMethod: string): Validator;
  /** Validate values; `partial` leaves out errors that typing more can still fix. */
  validate(values: Record<string, unknown>, locale?: string, partial?: boolean): Report;
  /** What a form needs to show each field, in rule order. */
  fields(locale?: string): FieldInfo[];
  /** The validator as a bundle for the payoutkit-checkout browser module (base64 text). Node addon; not the edge build. */
  bundle(): string;
}

/** What a form needs to show one field (`validator.fields(locale)`, `fieldInfo(kind, locale)`). */
export interface FieldInfo {
  key: string;
  kind: string;
  label: string;
  hint: string | null;
  example: string | null;
  required: boolean;
  max_length: number | null;
  payee: boolean;
  attributes: Record<string, string>;
}

/** A declarative signature recipe. */
export declare class Recipe {
  constructor(spec: RecipeSpec);
  static m4(method: string): Recipe;
  static m4Callback(): Recipe;
  static exoticPayout(paymentMethod: string): Recipe;
  static corefyCallback(): Recipe;
  sign(params: Record<string, unknown> | string | Uint8Array, secret: string): string;
  verify(params: Record<string, unknown> | string | Uint8Array, secret: string, signature: string): boolean;
  stringToSign(params: Record<string, unknown> | string | Uint8Array): string;
  /** The whole string that gets hashed, with `***` where the secret goes. */
  redactedStringToSign(params: Record<string, unknown> | string | Uint8Array): string;
  spec(): RecipeSpec;
  /** A prepared signer for this recipe with `secret`. */
  signer(secret: string): Signer;
}

/** A prepared signer: recipe and secret checked once, the secret held natively; `sign` is one call. */
export declare class Signer {
  private constructor();
  sign(params: Record<string, unknown>): string;
}

/** A queue of verified callback bodies for `run`: push from your webhook handler. */
export declare class CallbackQueue {
  push(body: string | Uint8Array): void;
}

/** A flow this driver can carry out (any provider's PayoutFlow). */
export interface Flow {
  resume(now?: number): Action;
  onResponse(httpStatus: number, body: string | Uint8Array | null, now?: number): Action;
  onTimeout(now?: number): Action;
  onWake(now?: number): Action;
  onCallback(body: string | Uint8Array, now?: number): Action;
  toJson(): string;
}

/** Options of `run`. */
export interface RunOptions {
  /** Default: the global fetch. */
  fetch?: (url: string, init: { method: string; headers: Record<string, string>; body?: string; redirect: "manual"; signal: AbortSignal }) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
  /** Seconds per request (default 30). */
  timeout?: number;
  /** Called with the state after every step, so before every send (or an object with saveFlow and beforeSend). */
  store?: ((state: string, action: Action, now: number) => unknown) | { saveFlow(state: string, action: Action, now: number): unknown; beforeSend?(): unknown };
  /** Unix seconds (default Date.now() / 1000). */
  clock?: () => number;
  sleep?: (seconds: number) => Promise<unknown>;
  /** At a wait, return `{ wakeAt, seconds, state }` instead of sleeping. */
  wait?: "sleep" | "return";
  callbacks?: CallbackQueue;
  action?: Action;
  onStep?: (action: Action) => unknown;
}

/** Carry out a flow's actions with fetch (I/O only: the flow decides every step); resolves
 * with the final Outcome, or `{ wakeAt, seconds, state }` with `wait: "return"`. */
export function run(flow: Flow, options?: RunOptions & { wait?: "sleep" }): Promise<Outcome>;
export function run(flow: Flow, options: RunOptions & { wait: "return" }): Promise<Outcome | { wakeAt: number; seconds: number; state: string }>;
