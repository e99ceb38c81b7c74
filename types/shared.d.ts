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
