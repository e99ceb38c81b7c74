// payoutkit-checkout: validation only, for the browser (see README.md).

/** An error from payoutkit: a stable `code` and the `field` at fault. */
export declare class PayoutkitError extends Error {
  readonly code: string;
  readonly field: string | null;
}

/** The verdict of `validator.validate(values, locale, partial)` (as in every payoutkit runtime). */
export interface Report {
  valid: boolean;
  potentially_valid: boolean;
  errors: Array<{ field: string; code: string; params: Record<string, string | number>; message: string }>;
  values: Record<string, string>;
}

/** What a form needs to show one field. */
export interface FieldInfo {
  key: string;
  kind: string;
  label: string;
  hint: string | null;
  example: string | null;
  required: boolean;
  max_length: number | null;
  /** Whether the payee types it (false: the shop fills it: order id, callback URLs...). */
  payee: boolean;
  /** HTML attributes for the field's <input>: type, inputmode, autocomplete, autocapitalize, autocorrect, spellcheck, maxlength. */
  attributes: Record<string, string>;
}

/** A formatted value and where the caret goes (UTF-16 code units, as selectionStart). */
export interface Formatted {
  value: string;
  caret: number;
}

/** Field rules from a bundle. */
export declare class Validator {
  private constructor();
  /** The rule keys, in order. */
  readonly keys: string[];
  /** A pattern only the full build can run (it fails closed here): validate this form with the full package. */
  readonly needsCompiler: boolean;
  fields(locale?: string): FieldInfo[];
  format(key: string, value: string, caret?: number): Formatted;
  validate(values: Record<string, unknown>, locale?: string, partial?: boolean): Report;
  /** The report as JSON text, unparsed. */
  validateJson(values: Record<string, unknown>, locale?: string, partial?: boolean): string;
  free(): void;
}

/** The instantiated module. */
export declare class Checkout {
  private constructor();
  readonly kinds: string[];
  /** A validator from a bundle: its base64 text (what `validator.bundle()` returns on the server) or bytes. */
  validator(bundle: string | Uint8Array | ArrayBuffer): Validator;
  format(kind: string, value: string, caret?: number): Formatted;
  fieldInfo(kind: string, locale?: string): FieldInfo;
  cardBrand(value: string): string | null;
}

/** Instantiate the module (by default the .wasm beside this file, fetched). */
export declare function load(source?: URL | string | Response | Promise<Response> | BufferSource | WebAssembly.Module): Promise<Checkout>;
