/* Types shared by the Node addon (index.d.ts) and the browser package (payoutkit_wasm.d.ts). */

/** A declarative signature recipe. */
export interface RecipeSpec {
  fields: string[] | "all_non_empty" | "raw_body"
  sort?: boolean
  exclude?: string[]
  separator?: string
  secret?: "append" | "append_with_separator" | "prepend" | "wrap" | "hmac_key"
  hash?: "sha256" | "sha1" | "md5" | "sha512"
  output?: "hex" | "hex_upper" | "base64"
}

/** Errors thrown by payoutkit are `Error`s with these own properties. */
export interface PayoutkitError extends Error {
  code: string
  field: string | null
}

/** One field's rules for `new Validator(rules)`. */
export interface FieldRule {
  key: string
  required?: boolean
  pattern?: string
  min_length?: number
  max_length?: number
  checks?: Array<"luhn" | "iban" | "amount">
  min?: string | number
  max?: string | number
  decimals?: number
  separators?: string
}

/** The verdict of `validator.validate(values, locale, partial)` (keys as in every runtime). */
export interface Report {
  valid: boolean
  potentially_valid: boolean
  errors: Array<{ field: string; code: string; params: Record<string, string | number>; message: string }>
  values: Record<string, string>
}

/** A request to send with any HTTP client (`fetch`, undici, axios). */
export interface Request {
  method: "GET" | "POST"
  url: string
  /** May hold credentials (Authorization, X-Api-Key): do not log. */
  headers: Record<string, string>
  /** JSON text, or null. */
  body: string | null
}

/** A classified response. */
export interface Outcome {
  kind: "succeeded" | "rejected" | "pending" | "not_found" | "fatal_error" | "retryable_error"
  /** The provider's status as sent (M4: a number; exotic and Corefy: text), or null. */
  status: number | string | null
  error_code: number | string | null
  message: string
  data: unknown
  /** 0 when there was no response. */
  http_status: number
}

/** What a PayoutFlow asks for next. */
export type Action =
  | { kind: "send"; request: Request }
  | { kind: "wait"; seconds: number }
  | { kind: "done"; outcome: Outcome }

/** PayoutFlow options (seconds; M4 also runs `withdraw/try` / `check_account` first when asked). */
export interface FlowOptions {
  poll_interval?: number
  deadline?: number
  withdraw_try?: boolean
  check_account?: boolean
}

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/** Corefy (MilkyPay) requests: `new Corefy(accountId, apiKey, baseUrl, publicKey?)`. */
export declare class Corefy {
  constructor(accountId: string, apiKey: string, baseUrl: string, publicKey?: string)
  /** The request of any endpoint by its snake_case name. */
  request(endpoint: string, fields?: Record<string, unknown> | string | number): Request
  payoutPrerequest(fields?: Record<string, unknown> | string | number): Request
  payoutServices(fields?: Record<string, unknown> | string | number): Request
  payoutService(fields?: Record<string, unknown> | string | number): Request
  createPayoutInvoice(fields?: Record<string, unknown> | string | number): Request
  processPayoutInvoice(fields?: Record<string, unknown> | string | number): Request
  getPayoutInvoice(fields?: Record<string, unknown> | string | number): Request
  findPayoutInvoice(fields?: Record<string, unknown> | string | number): Request
  listPayoutInvoices(fields?: Record<string, unknown> | string | number): Request
}

/** exotic.company requests: `new Exotic(merchant, signKey, apiKey, baseUrl, standartSign?)`. */
export declare class Exotic {
  constructor(merchant: string, signKey: string, apiKey: string, baseUrl: string, standartSign?: RecipeSpec)
  /** The request of any endpoint by its snake_case name. */
  request(endpoint: string, fields?: Record<string, unknown> | string | number): Request
  createPayOut(fields?: Record<string, unknown> | string | number): Request
  statusPayOut(fields?: Record<string, unknown> | string | number): Request
  rejectedPayOut(fields?: Record<string, unknown> | string | number): Request
}

/** M4 requests for one shop: `new M4(shopId, secret, baseUrl?)`. */
export declare class M4 {
  constructor(shopId: string | number, secret: string, baseUrl?: string)
  /** The request of any endpoint by its snake_case name. */
  request(endpoint: string, fields?: Record<string, unknown> | string | number): Request
  withdrawTry(fields?: Record<string, unknown> | string | number): Request
  checkAccount(fields?: Record<string, unknown> | string | number): Request
  withdrawCreate(fields?: Record<string, unknown> | string | number): Request
  withdrawStatus(fields?: Record<string, unknown> | string | number): Request
  shopPaymentStatus(fields?: Record<string, unknown> | string | number): Request
  shopOutputConfig(fields?: Record<string, unknown> | string | number): Request
  shopBalance(fields?: Record<string, unknown> | string | number): Request
}

/** A declarative signature recipe. */
export declare class Recipe {
  /** `{fields, sort, exclude, separator, secret, hash, output}`. */
  constructor(spec: RecipeSpec)
  /** The built-in recipe of an M4 method. */
  static m4(method: string): Recipe
  /** The built-in M4 callback recipe. */
  static m4Callback(): Recipe
  /** The built-in exotic create_pay_out recipe for a payment method. */
  static exoticPayout(paymentMethod: string): Recipe
  /** The built-in Corefy callback recipe. */
  static corefyCallback(): Recipe
  /** Sign params (an object, or the raw body for `raw_body` recipes). */
  sign(params: Record<string, unknown> | string | Uint8Array, secret: string): string
  /** Check a signature in constant time. */
  verify(params: Record<string, unknown> | string | Uint8Array, secret: string, signature: string): boolean
  /** The canonical line without the secret. */
  stringToSign(params: Record<string, unknown> | string | Uint8Array): string
  /** The whole string that gets hashed, with `***` where the secret goes. */
  redactedStringToSign(params: Record<string, unknown> | string | Uint8Array): string
  /** The recipe as data (`new Recipe(r.spec())` rebuilds it). */
  spec(): RecipeSpec
}

/** Field rules and the report on a set of values. */
export declare class Validator {
  /** Hand-written rules: `[{key, required, pattern, min_length, max_length, checks, min, max, decimals, separators}]`. */
  constructor(rules: FieldRule[])
  /** Rules from a Corefy `/payout-prerequest` response (JSON text) for one service. */
  static fromCorefyPrerequest(json: string, service: string): Validator
  /** Rules from an M4 `account_info_config` (JSON text). */
  static fromM4AccountInfoConfig(json: string): Validator
  /** The exotic.company create_pay_out field table for a payment method. */
  static forExotic(paymentMethod: string): Validator
  /** Validate values; `partial` leaves out errors that typing more can still fix. */
  validate(values: Record<string, unknown>, locale?: string, partial?: boolean): Report
}

/** Card brand (`visa`, `mastercard`, `mir`, `unionpay`, `maestro`, `amex`) or null. */
export declare function cardBrand(value: string): string | null

/** Builder names of a provider (`m4`, `exotic`, `corefy`), snake_case as in the core. */
export declare function endpoints(provider: unknown): Array<string>

/** Every stable error code. */
export declare function errorCodes(): Array<string>

/** IBAN check (registry length per country and mod-97) of a value as typed. */
export declare function ibanValid(value: string): boolean

/** Luhn check of a card number as typed (spaces and dashes ignored). */
export declare function luhnValid(value: string): boolean

/** First 6 and last 4 digits: `512381******0000`. */
export declare function maskPan(value: string): string

export declare namespace corefy {
  /** A sans-IO payout flow for one payout (see the README). */
  export class PayoutFlow {
    constructor(gateway: Corefy, params: Record<string, unknown>, options?: FlowOptions)
    /** Resume from `toJson()` with the same gateway. */
    static fromJson(gateway: Corefy, state: string): PayoutFlow
    /** The state as JSON (no secret). */
    toJson(): string
    /** Create requests sent so far. */
    get createsSent(): number
    /** Whether the flow is over. */
    get done(): boolean
    /** The first request. */
    start(now?: number): Action
    /** The response to the request last sent. */
    onResponse(httpStatus: number, body: string | Uint8Array | null, now?: number): Action
    /** The request last sent got no response. */
    onTimeout(now?: number): Action
    /** Continue after `fromJson` (a request in flight counts as unanswered). */
    resume(now?: number): Action
    /** The wait is over. */
    onWake(now?: number): Action
    /** A callback for this payout arrived (raw body). */
    onCallback(body: string | Uint8Array, now?: number): Action
  }
  export type CorefyPayoutFlow = PayoutFlow
  export function basicAuth(accountId: string, apiKey: string): string
  export function callbackSignature(body: string | Uint8Array, secret: string): string
  /** Classify a Corefy response (HTTP status and raw body). */
  export function classify(httpStatus: number, body: string | Uint8Array | null): Outcome
  /** Parse a Corefy callback body (verify X-Signature first). */
  export function parseCallback(body: string | Uint8Array): Record<string, unknown>
  export function verifyCallback(body: string | Uint8Array, signature: string, secret: string): boolean
}

export declare namespace exotic {
  /** A sans-IO payout flow for one payout (see the README). */
  export class PayoutFlow {
    constructor(gateway: Exotic, params: Record<string, unknown>, options?: FlowOptions)
    /** Resume from `toJson()` with the same gateway. */
    static fromJson(gateway: Exotic, state: string): PayoutFlow
    /** The state as JSON (no secret). */
    toJson(): string
    /** Create requests sent so far. */
    get createsSent(): number
    /** Whether the flow is over. */
    get done(): boolean
    /** The first request. */
    start(now?: number): Action
    /** The response to the request last sent. */
    onResponse(httpStatus: number, body: string | Uint8Array | null, now?: number): Action
    /** The request last sent got no response. */
    onTimeout(now?: number): Action
    /** Continue after `fromJson` (a request in flight counts as unanswered). */
    resume(now?: number): Action
    /** The wait is over. */
    onWake(now?: number): Action
    /** A callback for this payout arrived (raw body). */
    onCallback(body: string | Uint8Array, now?: number): Action
  }
  export type ExoticPayoutFlow = PayoutFlow
  /** Classify an exotic.company response (HTTP status and raw body). */
  export function classify(httpStatus: number, body: string | Uint8Array | null): Outcome
  /** Parse an exotic.company callback body (standart_sign is not checked: confirm with statusPayOut). */
  export function parseCallback(body: string | Uint8Array): Record<string, unknown>
  export function signPayout(params: Record<string, unknown>, signKey: string): string
  export function stringToSign(params: Record<string, unknown>): string
}

export declare namespace m4 {
  /** A sans-IO payout flow for one payout (see the README). */
  export class PayoutFlow {
    constructor(gateway: M4, params: Record<string, unknown>, options?: FlowOptions)
    /** Resume from `toJson()` with the same gateway. */
    static fromJson(gateway: M4, state: string): PayoutFlow
    /** The state as JSON (no secret). */
    toJson(): string
    /** Create requests sent so far. */
    get createsSent(): number
    /** Whether the flow is over. */
    get done(): boolean
    /** The first request. */
    start(now?: number): Action
    /** The response to the request last sent. */
    onResponse(httpStatus: number, body: string | Uint8Array | null, now?: number): Action
    /** The request last sent got no response. */
    onTimeout(now?: number): Action
    /** Continue after `fromJson` (a request in flight counts as unanswered). */
    resume(now?: number): Action
    /** The wait is over. */
    onWake(now?: number): Action
    /** A callback for this payout arrived (raw body). */
    onCallback(body: string | Uint8Array, now?: number): Action
  }
  export type M4PayoutFlow = PayoutFlow
  /** Classify an M4 response (HTTP status and raw body). */
  export function classify(httpStatus: number, body: string | Uint8Array | null): Outcome
  export function sign(method: string, params: Record<string, unknown>, secret: string): string
  export function signedFields(method: string): Array<string>
  export function stringToSign(method: string, params: Record<string, unknown>): string
  export function verifyCallback(payload: string | Uint8Array | Record<string, unknown>, secret: string): boolean
}
