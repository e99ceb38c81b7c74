// payoutkit-checkout: the browser module a checkout loads. Validation only (a checkout never
// holds a secret): validator bundles that the server wrote with `validator.bundle()` (Python,
// Node, edge), run by payoutkit's own rules, messages, formats and field kinds compiled to
// WebAssembly without the regex compiler. One crossing per call: arguments go into the
// module's memory with TextEncoder.encodeInto, answers come back as JSON text.

const enc = new TextEncoder();
const dec = new TextDecoder();
const { propertyIsEnumerable } = Object.prototype;
const { isSafeInteger, isFinite: finite, MAX_SAFE_INTEGER } = Number;
const wellFormed = String.prototype.isWellFormed ? (s) => s.isWellFormed() : (s) => !/[\uD800-\uDFFF]/u.test(s);
const LOCALE = { ru: 1, uk: 2 };

/** An error from payoutkit: a stable `code` and the `field` at fault (as in the full package). */
export class PayoutkitError extends Error {
  constructor(message, code, field = null) {
    super(message);
    this.name = "PayoutkitError";
    this.code = code;
    this.field = field;
  }
}

const invalid = (field, what) => new PayoutkitError(`\`${field}\` must be ${what}`, "invalid_argument", field);

/** A JS number as the core writes it: shortest round-trip digits, plain notation. */
function numberText(v) {
  if (isSafeInteger(v)) return String(v);
  if (!finite(v) || Math.abs(v) > MAX_SAFE_INTEGER) return null; // no text: unsupported_value
  const s = String(Object.is(v, -0) ? 0 : v);
  if (!s.includes("e")) return s;
  // 1e-7 -> 0.0000001: the same shortest digits, without the exponent.
  const [mant, exp] = v.toExponential().split("e");
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  const e = Number(exp);
  const out = e < 0 ? `0.${"0".repeat(-e - 1)}${digits}` : digits.padEnd(e + 1, "0");
  return (neg ? "-" : "") + out;
}

/** A field value's text, as the core reads it; null for a value with no text. */
function text(v) {
  switch (typeof v) {
    case "string":
      return wellFormed(v) ? v : null;
    case "number":
      return numberText(v);
    case "bigint":
      return String(v);
    case "undefined":
      return "";
    default:
      return v === null ? "" : null; // booleans, objects, lists, bytes: no text
  }
}

/** The module: instantiate once, then `validator(bundle)` per form. */
export class Checkout {
  #ex;
  #buf = 0;
  #cap = 0;
  #kinds;

  constructor(exports) {
    this.#ex = exports;
    this.#kinds = JSON.parse(this.#read(exports.pk_kinds()));
  }

  /** Room for `n` bytes of arguments in the module's memory (kept between calls). */
  #room(n) {
    if (n > this.#cap) {
      if (this.#buf) this.#ex.pk_free(this.#buf, this.#cap);
      this.#cap = Math.max(n, 1024);
      this.#buf = this.#ex.pk_alloc(this.#cap);
    }
    return this.#buf;
  }

  /** Write one string into the argument buffer: [where, its UTF-8 length]. */
  #put(s) {
    const at = this.#room(s.length * 3);
    return [at, enc.encodeInto(s, new Uint8Array(this.#ex.memory.buffer, at, this.#cap)).written];
  }

  /** The answer at `ptr` (pk_out_len bytes) as text. */
  #read(ptr) {
    if (!ptr) throw new PayoutkitError("the checkout module refused its input", "invalid_value", null);
    return dec.decode(new Uint8Array(this.#ex.memory.buffer, ptr, this.#ex.pk_out_len()));
  }

  #kind(kind) {
    const i = this.#kinds.indexOf(kind);
    if (i < 0) throw new PayoutkitError(`\`kind\` must be one of ${this.#kinds.join(", ")}`, "invalid_value", "kind");
    return i;
  }

  /** The field kinds (card_number, phone, iban, ...). */
  get kinds() {
    return [...this.#kinds];
  }

  /** A validator from a bundle: its base64 text (what `validator.bundle()` returns) or bytes. */
  validator(bundle) {
    let bytes = bundle;
    if (typeof bundle === "string") bytes = Uint8Array.from(atob(bundle.trim()), (c) => c.charCodeAt(0));
    else if (bundle instanceof ArrayBuffer) bytes = new Uint8Array(bundle);
    if (!(bytes instanceof Uint8Array)) throw invalid("bundle", "a validator bundle (base64 text or bytes)");
    const at = this.#room(bytes.length);
    new Uint8Array(this.#ex.memory.buffer, at, bytes.length).set(bytes);
    const h = this.#ex.pk_load(at, bytes.length);
    if (!h) throw new PayoutkitError("not a payoutkit validator bundle of this version", "invalid_value", "bundle");
    return new Validator(this, h, {
      read: (p) => this.#read(p),
      put: (s) => this.#put(s),
      room: (n) => this.#room(n),
      ex: this.#ex,
    });
  }

  /** Format a value as the payee types it into a field of this kind: {value, caret}. */
  format(kind, value, caret) {
    if (typeof value !== "string") throw invalid("value", "text");
    const k = this.#kind(kind);
    const c = caret === undefined || caret === null ? value.length : caret;
    if (!isSafeInteger(c) || c < 0) throw new PayoutkitError("`caret` is a position from 0", "invalid_value", "caret");
    const [at, n] = this.#put(value);
    return JSON.parse(this.#read(this.#ex.pk_format(k, at, n, Math.min(c, 0xffffffff))));
  }

  /** What a form needs for a field of this kind (label, hint, example, attributes...). */
  fieldInfo(kind, locale = "en") {
    if (locale !== null && typeof locale !== "string") throw invalid("locale", "text");
    const k = this.#kind(kind);
    const [at, n] = this.#put(locale ?? "en");
    return JSON.parse(this.#read(this.#ex.pk_field_info(k, at, n)));
  }

  /** The card brand of a number as typed (visa, mastercard, mir, unionpay, maestro, amex) or null. */
  cardBrand(value) {
    if (typeof value !== "string") throw invalid("value", "text");
    const [at, n] = this.#put(value);
    return JSON.parse(this.#read(this.#ex.pk_card_brand(at, n)));
  }
}

/** Field rules from a bundle. */
export class Validator {
  #cx;
  #h;
  #io;
  #fields = new Map();

  constructor(cx, h, io) {
    this.#cx = cx;
    this.#h = h;
    this.#io = io;
    /** The rule keys, in order. */
    this.keys = JSON.parse(io.read(io.ex.pk_keys(h)));
    /** A pattern only the full build can run (it fails closed here): validate this form with the full package. */
    this.needsCompiler = io.ex.pk_needs_compiler(h) === 1;
  }

  /** What a form needs to show each field, in rule order (see FieldInfo). */
  fields(locale = "en") {
    if (locale !== null && typeof locale !== "string") throw invalid("locale", "text");
    const key = locale ?? "en";
    let json = this.#fields.get(key);
    if (json === undefined) {
      const [at, n] = this.#io.put(key);
      json = this.#io.read(this.#io.ex.pk_fields(this.#h, at, n));
      this.#fields.set(key, json);
    }
    return JSON.parse(json);
  }

  /** Format a value as the payee types it into the field `key` (by its kind): {value, caret}. */
  format(key, value, caret) {
    const field = this.fields("en").find((f) => f.key === key);
    return this.#cx.format(field ? field.kind : "text", value, caret);
  }

  /** The report as JSON text (what `validate` parses): one crossing. */
  validateJson(values, locale = "en", partial = false) {
    if (typeof values !== "object" || values === null || Array.isArray(values) || ArrayBuffer.isView(values)) {
      throw invalid("values", "a mapping of field names to values");
    }
    if (locale !== null && locale !== undefined && typeof locale !== "string") throw invalid("locale", "text");
    if (partial !== null && partial !== undefined && typeof partial !== "boolean") throw invalid("partial", "true or false");
    const { keys } = this;
    const texts = new Array(keys.length);
    let cap = 0;
    for (let i = 0; i < keys.length; i++) {
      const t = propertyIsEnumerable.call(values, keys[i]) ? text(values[keys[i]]) : "";
      texts[i] = t;
      cap += 4 + (t === null ? 0 : t.length * 3);
    }
    const { ex } = this.#io;
    const base = this.#io.room(cap);
    const mem = new Uint8Array(ex.memory.buffer);
    const view = new DataView(ex.memory.buffer);
    let at = base;
    for (const t of texts) {
      if (t === null) {
        view.setUint32(at, 0xffffffff, true);
        at += 4;
        continue;
      }
      // ASCII by hand (digits, Latin names, amounts): cheaper than encodeInto's fixed cost
      // for short strings; anything else through encodeInto.
      let n = 0;
      const len = t.length;
      while (n < len) {
        const c = t.charCodeAt(n);
        if (c >= 0x80) break;
        mem[at + 4 + n] = c;
        n++;
      }
      if (n < len) n = enc.encodeInto(t, mem.subarray(at + 4, base + cap)).written;
      view.setUint32(at, n, true);
      at += 4 + n;
    }
    const flags = (partial ? 1 : 0) | ((LOCALE[locale] ?? 0) << 8);
    return this.#io.read(ex.pk_validate(this.#h, base, at - base, flags));
  }

  /** Validate values (`partial`: leave out errors that typing more can still fix). */
  validate(values, locale = "en", partial = false) {
    return JSON.parse(this.validateJson(values, locale, partial));
  }

  /** Free the module memory this validator holds (it cannot be used after). */
  free() {
    if (this.#h) this.#io.ex.pk_drop(this.#h);
    this.#h = 0;
  }
}

/**
 * Instantiate the module. `source`: nothing (the .wasm beside this file, fetched), a URL, a
 * Response (or its promise), the bytes, or a compiled WebAssembly.Module.
 */
export async function load(source) {
  source ??= new URL("./payoutkit_checkout.wasm", import.meta.url);
  if (source instanceof URL || typeof source === "string") source = fetch(source);
  let instance;
  if (source instanceof WebAssembly.Module) instance = await WebAssembly.instantiate(source, {});
  else if (typeof source.then === "function" || (typeof Response !== "undefined" && source instanceof Response)) {
    const res = await source;
    instance = WebAssembly.instantiateStreaming
      ? (await WebAssembly.instantiateStreaming(res, {})).instance
      : (await WebAssembly.instantiate(await res.arrayBuffer(), {})).instance;
  } else instance = (await WebAssembly.instantiate(source, {})).instance;
  return new Checkout(instance.exports);
}
