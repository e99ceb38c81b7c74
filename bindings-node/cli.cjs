#!/usr/bin/env node
"use strict";
// `payoutkit`: a command line for the people who debug integrations (the same commands,
// options and output as the Python package's `payoutkit`).
//
//   payoutkit sign m4 withdraw/create params.json --secret-env M4_SECRET
//   payoutkit verify corefy-callback body.json --signature 'Q3Ux…' --secret-env COREFY_SECRET
//   payoutkit explain request.txt                 # what got signed, and how
//   payoutkit sim m4 exotic corefy --port 0       # the provider simulator (Python package)
//
// Every signature, and every reading of a pasted request, is the core's (payoutkit.explain):
// this file holds no provider rule. Secrets come from the environment, a file or a prompt
// (never the command line, where `ps` would show them) and are never printed; card numbers
// are masked in everything printed.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");
const api = require("./index.cjs");

const { PayoutkitError, maskCardNumbers } = api;

const EPILOG = `examples:
  # sign an M4 request body (JSON from a file, '-' for stdin, or inline)
  payoutkit sign m4 withdraw/create params.json --secret-env M4_SECRET
  # the create_pay_out signature of exotic.company
  payoutkit sign exotic '{"order_id": "order123", "payment_method": "sbp", "fiat_amount": "1500.00",
      "phone_number": "79161234567", "fiat_currency": "rub"}' --secret-env EXOTIC_SIGN_KEY
  # Corefy's X-Signature for a callback body
  payoutkit sign corefy-callback body.json --secret-file ~/.corefy-private-key
  # any scheme, as a recipe
  payoutkit sign recipe params.json --recipe '{"fields": ["order_id", "status"], "secret": "append_with_separator"}' --secret-env KEY

  # verify a callback (exit status 0 when authentic, 1 when not)
  payoutkit verify m4-callback body.json --secret-env M4_SECRET
  payoutkit verify corefy-callback body.json --signature 'Q3UxmhaWwdRK9cUZ/yhNQWFNA+8=' --secret-env COREFY_SECRET
  payoutkit verify m4 withdraw/create request-body.json --secret-env M4_SECRET   # its "sign" field

  # explain a pasted request or callback: which fields went in, the string to sign (secret as ***)
  payoutkit explain request.txt          # 'POST /gateway/v1/withdraw/create HTTP/1.1', headers, body
  pbpaste | payoutkit explain - --secret-env M4_SECRET   # also says whether its signature matches

  # the provider simulator (see: payoutkit sim --help)
  payoutkit sim m4 exotic corefy --port 0

Secrets come from --secret-env NAME, --secret-file PATH or a prompt; never from the command
line. Card numbers are masked in everything printed.
`;

const KINDS_SIGN = ["m4", "exotic", "m4-callback", "corefy-callback", "recipe"];
const KINDS_VERIFY = ["m4", "exotic", "m4-callback", "corefy-callback", "exotic-callback", "recipe"];
const KINDS_EXPLAIN = ["m4", "exotic", "m4-callback", "corefy-callback", "exotic-callback", "corefy"];

const SECRET_OPTIONS = `  --secret-env NAME     read the secret from this environment variable
  --secret-file PATH    read the secret from this file`;

const COMMANDS = {
  sign: {
    usage: `usage: payoutkit sign [-h] [--recipe RECIPE] [--secret-env NAME]
                      [--secret-file PATH]
                      {${KINDS_SIGN.join(",")}} [method]
                      [source]`,
    description: "Print the signature of a request body or callback (computed by the core).",
    positionals: ["kind", "method", "source"],
    kinds: KINDS_SIGN,
    options: ["recipe", "secret-env", "secret-file"],
    help: `positional arguments:
  {${KINDS_SIGN.join(",")}}
  method                the M4 method (m4 only), e.g. withdraw/create
  source                JSON text, a file, @file or - (stdin; the default)

options:
  -h, --help            show this help message and exit
  --recipe RECIPE       a recipe spec (JSON text or a file), for 'recipe'
${SECRET_OPTIONS}`,
  },
  verify: {
    usage: `usage: payoutkit verify [-h] [--signature SIGNATURE] [--recipe RECIPE]
                        [--secret-env NAME] [--secret-file PATH]
                        {${KINDS_VERIFY.join(",")}}
                        [method] [source]`,
    description: "Check a callback's or a request's signature with the core; exit status 0 when authentic, 1 when not.",
    positionals: ["kind", "method", "source"],
    kinds: KINDS_VERIFY,
    options: ["signature", "recipe", "secret-env", "secret-file"],
    help: `positional arguments:
  {${KINDS_VERIFY.join(",")}}
  method                the M4 method (m4 only)
  source                JSON text, a file, @file or - (stdin; the default)

options:
  -h, --help            show this help message and exit
  --signature SIGNATURE
                        the signature (Corefy: the X-Signature header; others:
                        else taken from the body)
  --recipe RECIPE       a recipe spec (JSON text or a file), for 'recipe' and
                        'exotic-callback'
${SECRET_OPTIONS}`,
  },
  explain: {
    usage: `usage: payoutkit explain [-h]
                         [--kind {${KINDS_EXPLAIN.join(",")}}]
                         [--method METHOD] [--recipe RECIPE]
                         [--secret-env NAME] [--secret-file PATH]
                         [source]`,
    description:
      "For a pasted request (request line, headers, blank line, body) or callback: which fields went into the signature, " +
      "the string to sign with the secret as ***, and, given the secret, whether the signature matches. Card numbers are masked.",
    positionals: ["source"],
    options: ["kind", "method", "recipe", "secret-env", "secret-file"],
    help: `positional arguments:
  source                a file, or - (stdin; the default)

options:
  -h, --help            show this help message and exit
  --kind {${KINDS_EXPLAIN.join(",")}}
                        what it is (default: guessed)
  --method METHOD       the M4 method when the path does not say
  --recipe RECIPE       exotic callbacks: the standart_sign recipe spec
${SECRET_OPTIONS}`,
  },
};

const TOP_USAGE = "usage: payoutkit [-h] {sign,verify,explain,sim} ...";
const TOP_HELP = `${TOP_USAGE}

Sign, verify and explain payout requests and callbacks; run the provider simulator.

positional arguments:
  {sign,verify,explain,sim}
    sign                print a signature
    verify              check a signature (exit status 0 when authentic)
    explain             show what got signed and how
    sim                 run the provider simulator (payoutkit sim --help)

options:
  -h, --help            show this help message and exit

${EPILOG}`;

class Usage extends Error {}
/** An argparse-style error: the usage line, then `prog: error: message`, exit status 2. */
class ArgError extends Error {
  constructor(usage, prog, message) {
    super(message);
    this.usage = usage;
    this.prog = prog;
  }
}

const out = (line) => process.stdout.write(maskCardNumbers(String(line)) + "\n");

function expand(p) {
  return p.startsWith("~") ? path.join(os.homedir(), p.slice(1)) : p;
}

/** Inline JSON text, '-' (stdin), '@file' or a file name. */
function read(arg) {
  if (arg === undefined || arg === null || arg === "-") return fs.readFileSync(0, "utf8");
  if (arg.startsWith("@")) arg = arg.slice(1);
  else if (/^\s*[{[]/.test(arg)) return arg;
  return fs.readFileSync(expand(arg), "utf8");
}

function params(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Usage(`not JSON: ${e.message}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Usage("expected a JSON object");
  return value;
}

/** A line typed at the terminal without echo. */
function prompt(question) {
  process.stderr.write(question);
  const fd = fs.openSync("/dev/tty", "r");
  const stty = (arg) => spawnSync("stty", [arg], { stdio: [fd, "ignore", "ignore"] });
  stty("-echo");
  try {
    let s = "";
    const buf = Buffer.alloc(1);
    while (fs.readSync(fd, buf, 0, 1, null) === 1 && buf[0] !== 10 && buf[0] !== 13) s += String.fromCharCode(buf[0]);
    return Buffer.from(s, "latin1").toString("utf8");
  } finally {
    stty("echo");
    fs.closeSync(fd);
    process.stderr.write("\n");
  }
}

function secret(args, required = true) {
  if (args["secret-env"]) {
    const value = process.env[args["secret-env"]];
    if (value === undefined) throw new Usage(`$${args["secret-env"]} is not set`);
    return value;
  }
  if (args["secret-file"]) return fs.readFileSync(expand(args["secret-file"]), "utf8").trim();
  if (!required) return null;
  if (process.stdin.isTTY) return prompt("secret (not echoed): ");
  throw new Usage("give the secret with --secret-env NAME or --secret-file PATH");
}

function recipeSpec(spec) {
  if (!spec) throw new Usage("give --recipe (a JSON recipe spec, or a file holding one)");
  return params(read(spec));
}

const recipe = (spec) => new api.Recipe(recipeSpec(spec));

function needMethod(args) {
  if (!args.method) throw new Usage(`give the M4 method, one of: ${m4Methods().join(", ")}`);
  return args.method;
}

/** The M4 methods the core signs (its table). */
const m4Methods = () => api.m4.METHODS;

/** A verifier that throws (malformed input) says "not authentic". */
function safe(check) {
  try {
    return check() === true;
  } catch (e) {
    if (e instanceof Usage) throw e;
    if (e instanceof PayoutkitError || e instanceof TypeError || e instanceof SyntaxError) return false;
    throw e;
  }
}

// --------------------------------------------------------------------------- commands

function sign(args) {
  const kind = args.kind;
  if (kind === "m4") {
    const method = needMethod(args);
    out(api.m4.sign(method, params(read(args.source)), secret(args) ?? ""));
  } else if (kind === "exotic") out(api.exotic.signPayout(params(read(args.source)), secret(args) ?? ""));
  else if (kind === "m4-callback") out(api.Recipe.m4Callback().sign(params(read(args.source)), secret(args) ?? ""));
  else if (kind === "corefy-callback") out(api.corefy.callbackSignature(Buffer.from(read(args.source), "utf8"), secret(args) ?? ""));
  else out(recipe(args.recipe).sign(params(read(args.source)), secret(args) ?? ""));
  return 0;
}

function verify(args) {
  const kind = args.kind;
  let ok;
  if (kind === "corefy-callback") {
    if (!args.signature) throw new Usage("give --signature (the X-Signature header)");
    const body = Buffer.from(read(args.source), "utf8");
    ok = safe(() => api.corefy.verifyCallback(body, args.signature, secret(args) ?? ""));
  } else if (kind === "m4-callback") {
    const body = read(args.source);
    ok = safe(() => api.m4.verifyCallback(body, secret(args) ?? ""));
  } else if (kind === "recipe") {
    const body = params(read(args.source));
    const r = recipe(args.recipe);
    ok = safe(() => r.verify(body, secret(args) ?? "", String(args.signature ?? "")));
  } else {
    // The signature inside the body (M4 and exotic `sign`, exotic callbacks' `standart_sign`):
    // where it is, and what is signed, is the core's to say.
    const text = read(args.source);
    params(text);
    if (kind === "m4") needMethod(args);
    const options = { kind, method: args.method ?? null, signature: args.signature ?? null };
    if (kind === "exotic-callback") options.recipe = recipeSpec(args.recipe);
    options.secret = secret(args) ?? "";
    ok = safe(() => api.explain(text, options).match);
  }
  out(ok ? "authentic" : "NOT authentic");
  return ok ? 0 : 1;
}

function explain(args) {
  const text = read(args.source);
  const options = { kind: args.kind ?? null, method: args.method ?? null, secret: secret(args, false) };
  if (args.recipe) options.recipe = recipeSpec(args.recipe);
  let report;
  try {
    report = api.explain(text, options);
  } catch (e) {
    if (e instanceof PayoutkitError && e.code === "invalid_argument") throw new Usage(e.message);
    throw e;
  }
  for (const line of report.lines) out(line);
  return report.ok ? 0 : 1;
}

/** The provider simulator is the Python package's: run it, or say how to get it. */
function sim(argv) {
  const python = process.env.PAYOUTKIT_PYTHON || "python3";
  const probe = spawnSync(python, ["-c", "import payoutkit.testing.sim"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) {
    process.stderr.write(
      "payoutkit sim: the provider simulator comes with the Python package, which is not installed here\n" +
        `(tried: ${python} -c "import payoutkit.testing.sim"). Install it, then run this again:\n` +
        "  python3 -m pip install payoutkit\n" +
        "or point PAYOUTKIT_PYTHON at a Python that has it.\n",
    );
    return Promise.resolve(2);
  }
  const code = "import sys\nfrom payoutkit.testing import sim\nsys.exit(sim.main(sys.argv[1:], prog='payoutkit sim'))";
  const child = spawn(python, ["-c", code, ...argv], { stdio: "inherit" });
  const forward = (sig) => () => child.kill(sig);
  const handlers = { SIGINT: forward("SIGINT"), SIGTERM: forward("SIGTERM") };
  for (const [sig, h] of Object.entries(handlers)) process.on(sig, h);
  return new Promise((resolve) => {
    child.on("exit", (status, signal) => {
      for (const [sig, h] of Object.entries(handlers)) process.off(sig, h);
      resolve(status ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

// --------------------------------------------------------------------------- arguments

function parse(command, argv) {
  const spec = COMMANDS[command];
  const prog = `payoutkit ${command}`;
  const fail = (msg) => {
    throw new ArgError(spec.usage, prog, msg);
  };
  const args = {};
  const positionals = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyPositionals || a === "-" || !a.startsWith("-")) {
      positionals.push(a);
      continue;
    }
    if (a === "--") {
      onlyPositionals = true;
      continue;
    }
    if (a === "-h" || a === "--help") {
      args.help = true;
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.startsWith("--") ? a.slice(2, eq < 0 ? undefined : eq) : null;
    // Unique prefixes, as argparse allows them.
    const matches = name === null ? [] : spec.options.filter((o) => o === name || o.startsWith(name));
    const option = matches.includes(name) ? name : matches.length === 1 ? matches[0] : null;
    if (!option) {
      if (matches.length > 1) fail(`ambiguous option: ${a} could match ${matches.map((m) => "--" + m).join(", ")}`);
      fail(`unrecognized arguments: ${a}`);
    }
    let value;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      value = argv[++i];
      if (value === undefined || (value.startsWith("-") && value !== "-" && !/^-\d/.test(value))) {
        fail(`argument --${option}: expected one argument`);
      }
    }
    args[option] = value;
  }
  if (args.help) return args;
  if (spec.positionals.length < positionals.length) fail(`unrecognized arguments: ${positionals.slice(spec.positionals.length).join(" ")}`);
  spec.positionals.forEach((p, i) => {
    if (positionals[i] !== undefined) args[p] = positionals[i];
  });
  if (spec.kinds) {
    if (args.kind === undefined) fail("the following arguments are required: kind");
    if (!spec.kinds.includes(args.kind)) {
      fail(`argument kind: invalid choice: '${args.kind}' (choose from ${spec.kinds.map((k) => `'${k}'`).join(", ")})`);
    }
  } else if (args.kind !== undefined && !KINDS_EXPLAIN.includes(args.kind)) {
    fail(`argument --kind: invalid choice: '${args.kind}' (choose from ${KINDS_EXPLAIN.map((k) => `'${k}'`).join(", ")})`);
  }
  return args;
}

/** payoutkit's command line: resolves with the exit status. */
async function main(argv = process.argv.slice(2)) {
  argv = [...argv];
  const command = argv[0];
  if (command === "sim") return sim(argv.slice(1));
  if (command === undefined) {
    process.stdout.write(TOP_HELP);
    return 2;
  }
  if (command === "-h" || command === "--help") {
    process.stdout.write(TOP_HELP);
    return 0;
  }
  if (!COMMANDS[command]) {
    process.stderr.write(`${TOP_USAGE}\npayoutkit: error: argument {sign,verify,explain,sim}: invalid choice: '${command}' (choose from 'sign', 'verify', 'explain', 'sim')\n`);
    return 2;
  }
  let args;
  try {
    args = parse(command, argv.slice(1));
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`${e.usage}\n${e.prog}: error: ${e.message}\n`);
    return 2;
  }
  if (args.help) {
    const spec = COMMANDS[command];
    process.stdout.write(`${spec.usage}\n\n${spec.description}\n\n${spec.help}\n\n${EPILOG}`);
    return 0;
  }
  if ((command === "sign" || command === "verify") && args.kind !== "m4" && args.method !== undefined && args.source === undefined) {
    [args.source, args.method] = [args.method, undefined]; // only M4 takes a method
  }
  try {
    return { sign, verify, explain }[command](args);
  } catch (e) {
    if (e instanceof Usage) {
      process.stderr.write(`payoutkit ${command}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof PayoutkitError) {
      process.stderr.write(`payoutkit ${command}: ${e.code} ${e.field ?? ""}: ${maskCardNumbers(e.message)}\n`);
      return 2;
    }
    if (e && typeof e.code === "string" && e.syscall) {
      process.stderr.write(`payoutkit ${command}: ${e.code}: ${e.path ?? ""}\n`);
      return 2;
    }
    throw e;
  }
}

module.exports = { main };

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`payoutkit: ${maskCardNumbers(e?.message ?? String(e))}\n`);
      process.exitCode = 1;
    },
  );
}
