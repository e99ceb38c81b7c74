// The benchmark suite shared by Node (addon and WASM) and Chromium (WASM): payoutkit's
// m4.sign, exotic.signPayout, corefy.verifyCallback and whole-form validate against the
// peers in peers/peer.mjs. `check` must pass before anything is timed.
import { validateForm, webCrypto } from "./peers/peer.mjs";
import { compare } from "./timing.mjs";

const same = (a, b, what) => {
  if (a !== b) throw new Error(`${what}: payoutkit ${JSON.stringify(a)} != peer ${JSON.stringify(b)}`);
};
const errorFields = (report) => Object.fromEntries(report.errors.map((e) => [e.field, e.code]));

/** Same signatures and verdicts from payoutkit and every peer, or an exception. */
export async function check(pk, peers, inputs) {
  const { m4_sign: M4, exotic_payout: EX, corefy_callback: CF, form } = inputs;
  const m4 = pk.m4.sign(M4.method, M4.params, M4.secret);
  const ex = pk.exotic.signPayout(EX.params, EX.sign_key);
  const cf = pk.corefy.callbackSignature(CF.body, CF.secret);
  const forged = cf.slice(0, -2) + "A=";
  for (const [name, p] of Object.entries(peers)) {
    same(m4, await p.m4Sign(M4.method, M4.params, M4.secret), `m4.sign vs ${name}`);
    same(ex, await p.exoticSignPayout(EX.params, EX.sign_key), `exotic.signPayout vs ${name}`);
    same(cf, await p.corefyCallbackSignature(CF.body, CF.secret), `corefy.callbackSignature vs ${name}`);
    same(true, await p.corefyVerifyCallback(CF.body, cf, CF.secret), `${name} verifies`);
    same(false, await p.corefyVerifyCallback(CF.body, forged, CF.secret), `${name} rejects a forgery`);
  }
  same(true, pk.corefy.verifyCallback(CF.body, cf, CF.secret), "payoutkit verifies");
  same(false, pk.corefy.verifyCallback(CF.body, forged, CF.secret), "payoutkit rejects a forgery");
  const validator = new pk.Validator(form.rules);
  same(true, validator.validate(form.values).valid, "the form is valid for payoutkit");
  same("{}", JSON.stringify(validateForm(form.values)), "the form is valid for the peer");
  const ours = Object.keys(errorFields(validator.validate(form.invalid_values))).sort().join();
  const theirs = Object.keys(validateForm(form.invalid_values)).sort().join();
  same(ours, theirs, "fields flagged in the invalid form");
  same(ours, Object.keys(form.invalid_values).sort().join(), "every field of the invalid form is flagged");
  return cf;
}

/** Time every operation against every peer; rows for benches/report.py. */
export async function run(pk, peers, inputs) {
  const signature = await check(pk, peers, inputs);
  const { m4_sign: M4, exotic_payout: EX, corefy_callback: CF, form } = inputs;
  const validator = new pk.Validator(form.rules);
  const empty = new pk.Validator([]);
  const signer = pk.m4.signer(M4.method, M4.secret);
  same(signer.sign(M4.params), pk.m4.sign(M4.method, M4.params, M4.secret), "the prepared signer");
  const rows = [];
  for (const [name, p] of Object.entries(peers)) {
    const peerAsync = p === webCrypto;
    rows.push(await compare("m4.sign", () => pk.m4.sign(M4.method, M4.params, M4.secret), name,
      () => p.m4Sign(M4.method, M4.params, M4.secret), { peerAsync }));
    rows.push(await compare("m4 signer.sign", () => signer.sign(M4.params), name,
      () => p.m4Sign(M4.method, M4.params, M4.secret), { peerAsync }));
    rows.push(await compare("exotic.sign_payout", () => pk.exotic.signPayout(EX.params, EX.sign_key), name,
      () => p.exoticSignPayout(EX.params, EX.sign_key), { peerAsync }));
    rows.push(await compare("corefy.verify_callback", () => pk.corefy.verifyCallback(CF.body, signature, CF.secret), name,
      () => p.corefyVerifyCallback(CF.body, signature, CF.secret), { peerAsync }));
  }
  rows.push(await compare("validate (6-field form)", () => validator.validate(form.values), "RegExp + Luhn loop",
    () => validateForm(form.values)));
  // What the boundary and the report cost with nothing to check.
  rows.push(await compare("validate (no rules)", () => empty.validate({}), "(nothing: an empty object)", () => ({})));
  return rows;
}
