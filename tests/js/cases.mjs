// The corpus runner's core, shared by Node (node:test) and the browser page test: no Node
// imports here. Format: tests/vectors/FORMAT.md.

// The corpus's tagged values: $bigint -> BigInt, $decimal -> its text, $bytes_hex -> Uint8Array.
export function untag(v) {
  if (Array.isArray(v)) return v.map(untag);
  if (v === null || typeof v !== "object") return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === "$repeat") return v.$repeat[0].repeat(v.$repeat[1]);
  if (keys.length === 1 && keys[0] === "$float") return Number(v.$float); // "NaN", "Infinity", "-0", "1e21"
  if (keys.length === 1 && typeof v[keys[0]] === "string") {
    const s = v[keys[0]];
    if (keys[0] === "$bigint") return BigInt(s);
    if (keys[0] === "$decimal") return s;
    if (keys[0] === "$bytes_hex") return Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
    if (keys[0] === "$lone_surrogate") return `${s.slice(0, 1)}\ud800${s.slice(1)}`;
  }
  // fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(keys.map((k) => [k, untag(v[k])]));
}

const OPS = {
  "m4.sign": (l, a) => l.m4.sign(a.method, a.params, a.secret),
  "m4.string_to_sign": (l, a) => l.m4.stringToSign(a.method, a.params),
  "m4.signed_fields": (l, a) => l.m4.signedFields(a.method),
  "m4.verify_callback": (l, a) => l.m4.verifyCallback(a.payload, a.secret),
  "exotic.sign_payout": (l, a) => l.exotic.signPayout(a.params, a.sign_key),
  "exotic.string_to_sign": (l, a) => l.exotic.stringToSign(a.params),
  "corefy.callback_signature": (l, a) => l.corefy.callbackSignature(a.body, a.secret),
  "corefy.verify_callback": (l, a) => l.corefy.verifyCallback(a.body, a.signature, a.secret),
  "corefy.basic_auth": (l, a) => l.corefy.basicAuth(a.account_id, a.api_key),
  "recipe.sign": (l, a) => new l.Recipe(a.recipe).sign(a.params, a.secret),
  "recipe.verify": (l, a) => new l.Recipe(a.recipe).verify(a.params, a.secret, a.signature),
  "recipe.string_to_sign": (l, a) => new l.Recipe(a.recipe).stringToSign(a.params),
};
// Validation (tests/vectors/VALIDATION.md): VSRC -> a Validator.
function validator(l, src) {
  if ("rules" in src) return new l.Validator(src.rules);
  if ("corefy_prerequest" in src) return l.Validator.fromCorefyPrerequest(src.corefy_prerequest, src.service);
  if ("m4_account_info_config" in src) return l.Validator.fromM4AccountInfoConfig(src.m4_account_info_config);
  return l.Validator.forExotic(src.exotic);
}
Object.assign(OPS, {
  validate: (l, a) => validator(l, a.validator).validate(a.values, a.locale, a.partial),
  "validator.error": (l, a) => (validator(l, a.validator), "built"),
  luhn_valid: (l, a) => l.luhnValid(a.value),
  iban_valid: (l, a) => l.ibanValid(a.value),
  card_brand: (l, a) => l.cardBrand(a.value),
  mask_pan: (l, a) => l.maskPan(a.value),
  // Issue 14: fields and formatting (Validator.fields needs the api.mjs method of the report).
  format_input: (l, a) => l.formatInput(a.kind, a.value, a.caret),
  field_info: (l, a) => l.fieldInfo(a.kind, a.locale),
  "validator.fields": (l, a) => validator(l, a.validator).fields(a.locale),
});

// Requests, responses and flows (FORMAT.md "Requests, responses and flows").
const CLASSES = { m4: "M4", exotic: "Exotic", corefy: "Corefy" };
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const gateway = (l, a) => new l[CLASSES[a.provider ?? "exotic"]](...a.args);
// The gateway a flow op is given: built from `args`, or (bad-input cases) the plain value in `gateway`.
const flowGateway = (l, a) => ("gateway" in a ? a.gateway : gateway(l, a));
const outcome = (o) => ({ kind: o.kind, status: o.status, error_code: o.error_code, http_status: o.http_status });
function project(a) {
  if (a.kind === "send") return { kind: "send", method: a.request.method, url: a.request.url, body: a.request.body };
  if (a.kind === "wait") return { kind: "wait", seconds: a.seconds };
  return { kind: "done", outcome: outcome(a.outcome) };
}
function flow(l, a) {
  const gw = gateway(l, a);
  const Flow = l[a.provider].PayoutFlow;
  let f = new Flow(gw, a.params, a.options ?? undefined);
  const actions = [];
  for (const [i, ev] of a.events.entries()) {
    if (i > 0) {
      const state = f.toJson();
      // The saved state never holds a credential.
      for (const s of a.args) if (typeof s === "string" && s.length >= 6 && /key|secret/i.test(s) && state.includes(s)) throw new Error("secret in flow state");
      f = Flow.fromJson(gw, state);
    }
    try {
      const r = ev.on === "start" ? f.start(ev.now)
        : ev.on === "response" ? f.onResponse(ev.http_status, ev.body, ev.now)
        : ev.on === "timeout" ? f.onTimeout(ev.now)
        : ev.on === "wake" ? f.onWake(ev.now)
        : ev.on === "resume" ? f.resume(ev.now)
        : f.onCallback(ev.body, ev.now);
      actions.push(project(r));
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      actions.push({ kind: "error", code: e.code, field: e.field });
      break;
    }
  }
  return { actions, creates_sent: f.createsSent };
}
Object.assign(OPS, {
  request: (l, a) => {
    const gw = gateway(l, a);
    // Every endpoint of the core's table is a method (no fallback); unknown names go to request().
    if (!l.endpoints(a.provider).some((e) => e.name === a.endpoint)) return plain(gw.request(a.endpoint, a.fields ?? undefined));
    const m = gw[camel(a.endpoint)];
    if (typeof m !== "function") throw new Error(`no method ${camel(a.endpoint)} for the endpoint ${a.endpoint}`);
    return plain(m.call(gw, a.fields ?? undefined));
  },
  classify: (l, a) => outcome(l[a.provider].classify(a.http_status, a.body)),
  parse_callback: (l, a) => l[a.provider].parseCallback(a.body),
  "m4.parse_verified_callback": (l, a) => l.m4.parseVerifiedCallback(a.payload, a.secret),
  "corefy.parse_verified_callback": (l, a) => l.corefy.parseVerifiedCallback(a.body, a.signature, a.secret),
  "exotic.parse_verified_callback": (l, a) => gateway(l, a).parseVerifiedCallback(a.body),
  flow,
  // BigInts have no JSON form: written as the corpus writes them.
  inspect_value: (l, a) => JSON.parse(JSON.stringify(l.inspectValue(a.value), (_k, v) => (typeof v === "bigint" ? { $bigint: String(v) } : v))),
  "signer.sign": (l, a) =>
    (a.kind === "m4" ? l.m4.signer(a.method, a.secret) : a.kind === "exotic" ? l.exotic.signer(a.payment_method, a.secret) : new l.Recipe(a.recipe).signer(a.secret)).sign(a.params),
  "flow.new": (l, a) => (new l[a.provider].PayoutFlow(flowGateway(l, a), a.params, a.options ?? undefined), "built"),
  "flow.restore": (l, a) => (l[a.provider].PayoutFlow.fromJson(flowGateway(l, a), a.state), "restored"),
});
// A Request as the corpus pins it: its four fields (the class adds printout methods).
const plain = (r) => ({ method: r.method, url: r.url, headers: r.headers, body: r.body });
const UNORDERED = new Set(["request", "parse_callback", "flow"]);

// A report as the corpus pins it: no normalised `values`; `message` only where expected;
// keys in a fixed order so that the JSON texts compare.
const sortKeys = (v) =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === "object"
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v;
function comparable(got, want) {
  const { values, ...rest } = got;
  // `values` only where expected, and only the keys listed there.
  if (want.values) rest.values = Object.fromEntries(Object.keys(want.values).map((k) => [k, values[k]]));
  rest.errors = rest.errors.map((e, i) => {
    const { message, ...bare } = e;
    return want.errors?.[i] && "message" in want.errors[i] ? e : bare;
  });
  return [sortKeys(rest), sortKeys(want)];
}

const LINE_OP = { "m4.sign": "m4.string_to_sign", "exotic.sign_payout": "exotic.string_to_sign", "recipe.sign": "recipe.string_to_sign" };

const show = (v) => JSON.stringify(v);

/** Run one case against `lib` ({m4, exotic, corefy, Recipe}); throws an Error saying what differs. */
export function checkCase(lib, c) {
  const args = untag(c.args);
  let ok, err;
  try {
    ok = OPS[c.op](lib, args);
  } catch (e) {
    err = e;
  }
  if ("error" in c.expect) {
    if (!err) throw new Error(`expected error ${show(c.expect.error)}, got ${show(ok)}`);
    if (!(err instanceof Error)) throw new Error(`threw a non-Error: ${String(err)}`);
    const seen = { code: err.code, field: err.field };
    if (show(seen) !== show(c.expect.error)) throw new Error(`error ${show(seen)} (${err.message}), want ${show(c.expect.error)}`);
  } else {
    if (err) throw err;
    const [got, want] = c.op === "validate" ? comparable(ok, c.expect.result)
      : UNORDERED.has(c.op) ? [sortKeys(ok), sortKeys(c.expect.result)] : [ok, c.expect.result];
    if (show(got) !== show(want)) throw new Error(`got ${show(got)}, want ${show(want)}`);
  }
  if ("string_to_sign" in c.expect && LINE_OP[c.op]) {
    const line = OPS[LINE_OP[c.op]](lib, args);
    if (line !== c.expect.string_to_sign) throw new Error(`string_to_sign ${show(line)}, want ${show(c.expect.string_to_sign)}`);
  }
  // No secret ever shows in a result or an error message.
  for (const k of ["secret", "sign_key", "api_key"]) {
    const s = typeof args[k] === "string" ? args[k].trim() : "";
    if (s.length >= 4 && c.op !== "corefy.basic_auth" && c.op !== "request") {
      const shown = err ? `${err.message} ${String(err.stack)}` : show(ok);
      if (shown.includes(s)) throw new Error(`secret shown in ${shown}`);
    }
  }
}
