// What a JS integrator writes instead of payoutkit (Node and the browser alike): the
// signature lines by hand, a hash from node:crypto, js-sha256 / js-sha1 or WebCrypto, and
// the form checked with RegExp and a Luhn loop. Idiomatic, not tuned: the baseline to beat.

const M4_SIGNED = {
  "withdraw/create": ["account", "amount", "amount_type", "payway", "shop_currency", "shop_id", "shop_payment_id"],
};
const EXOTIC_REQUISITE = { card: "number_card", sbp: "phone_number", score: "number_score", iban: "iban_number" };

export const m4Line = (method, params, secret) => M4_SIGNED[method].map((k) => String(params[k])).join(":") + secret;
export const exoticLine = (p, signKey) =>
  `${p.order_id}:${p.fiat_amount}:${p[EXOTIC_REQUISITE[p.payment_method]]}:${p.fiat_currency}:${signKey}`;
export const corefyLine = (body, secret) => secret + body + secret;

/** The three provider signatures over the synchronous hashes of one library. */
export function signers({ sha256Hex, sha1Base64, equal }) {
  return {
    m4Sign: (method, params, secret) => sha256Hex(m4Line(method, params, secret)),
    exoticSignPayout: (p, signKey) => sha256Hex(exoticLine(p, signKey)),
    corefyCallbackSignature: (body, secret) => sha1Base64(corefyLine(body, secret)),
    corefyVerifyCallback: (body, signature, secret) => equal(sha1Base64(corefyLine(body, secret)), signature.trim()),
  };
}

// WebCrypto: asynchronous, bytes in and out.
const utf8 = new TextEncoder();
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
const base64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)));
export const webCrypto = {
  m4Sign: async (method, params, secret) => hex(await crypto.subtle.digest("SHA-256", utf8.encode(m4Line(method, params, secret)))),
  exoticSignPayout: async (p, signKey) => hex(await crypto.subtle.digest("SHA-256", utf8.encode(exoticLine(p, signKey)))),
  corefyCallbackSignature: async (body, secret) => base64(await crypto.subtle.digest("SHA-1", utf8.encode(corefyLine(body, secret)))),
  corefyVerifyCallback: async (body, signature, secret) =>
    base64(await crypto.subtle.digest("SHA-1", utf8.encode(corefyLine(body, secret)))) === signature.trim(),
};

// The benchmark form, checked the way a hand-written front-end validator would.
const CARD = /^\d{16}$/;
const PHONE = /^\+\d{10,14}$/;
const ACCOUNT = /^\d{1,15}$/;
const NAME = /^[\s\p{L}]{2,100}$/u;
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const IBAN_LENGTHS = { DE: 22, GB: 22, FR: 27, UA: 29, PL: 28, NL: 18, ES: 24, IT: 27 };

function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function ibanOk(iban) {
  if (!IBAN.test(iban) || IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  let rest = 0;
  for (const c of iban.slice(4) + iban.slice(0, 4)) {
    const n = parseInt(c, 36);
    rest = (n > 9 ? rest * 100 + n : rest * 10 + n) % 97;
  }
  return rest === 1;
}

/** {field: error code} for the benchmark form (empty when valid). */
export function validateForm(values) {
  const errors = {};
  const card = (values.card ?? "").replace(/[ -]/g, "");
  if (!CARD.test(card)) errors.card = "pattern_mismatch";
  else if (!luhn(card)) errors.card = "luhn";
  const iban = (values.iban ?? "").replace(/ /g, "").toUpperCase();
  if (iban.length > 34 || !ibanOk(iban)) errors.iban = "iban_checksum";
  if (!PHONE.test(values.phone ?? "")) errors.phone = "pattern_mismatch";
  if (!ACCOUNT.test(values.account ?? "")) errors.account = "pattern_mismatch";
  if (!NAME.test(values.name ?? "")) errors.name = "pattern_mismatch";
  const amount = (values.amount ?? "").replace(",", ".");
  if (!AMOUNT.test(amount) || Number(amount) < 0.01 || Number(amount) > 9999999) errors.amount = "invalid_amount";
  return errors;
}
