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
