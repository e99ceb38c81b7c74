// The npm package's `payoutkit` bin: sign, verify, explain (documented vectors), secrets never
// printed, card numbers masked, exit statuses; the same output as the Python package's
// `payoutkit` for the same commands (both print the core's explain report); `sim` runs the
// Python simulator or says how to get it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { PKG, python } from "./helpers.mjs";

const BIN = join(PKG, "cli.cjs");
const SECRET = "account-secret-key";
const S2 = {
  account: "79991112233", amount: "100.23", amount_type: "ps_amount", payway: "qiwi_topup_rub_to_wallet[mock_server,success]",
  shop_currency: 643, shop_id: 357, shop_payment_id: "shop_payment_111",
};
const S1_BODY = '{"data":{"type":"payout-invoices","id":"cpoi_VdHYVxq4RsLEebAQ","attributes":{"status":"processed","resolution":"ok"}}}';
const G3 = { order_id: "order123", payment_method: "sbp", fiat_amount: "1500.00", phone_number: "79161234567", fiat_currency: "rub" };
const M4_CALLBACK = {
  shop_order_id: "5b0efa8a-153b-4421-abac-2aba4d772a86", shop_id: 1520, status: "success", payment_id: 12, ps_currency: 840, error_code: 0,
  description: "", processed: null, sign: "34ac402f96d96527ac20180ecdc0c5d53174e1930c27f142941187acb7904d4c",
};
const PASTED_M4 =
  "POST /gateway/v1/withdraw/create HTTP/1.1\nHost: api.m4solutions.io\nContent-Type: application/json\n\n" +
  JSON.stringify({ ...S2, account: "4000000000000002", description: "not signed", sign: "00" });
const PASTED_COREFY = `POST /callbacks/corefy HTTP/1.1\nX-Signature: Q3UxmhaWwdRK9cUZ/yhNQWFNA+8=\n\n${S1_BODY}`;
const BASIC = `GET /api/payout-invoices/cpoi_1 HTTP/1.1\nAuthorization: Basic ${Buffer.from("coma_1:the-api-key").toString("base64")}\n\n`;

function run(cmd, args, { secret = SECRET, stdin = "", env = {} } = {}) {
  const p = spawnSync(cmd[0], [...cmd.slice(1), ...args], { input: stdin, encoding: "utf8", env: { ...process.env, THE_SECRET: secret, ...env } });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr, out: p.stdout + p.stderr };
}

/** The Node bin; every run checks that the secret was not printed. */
function cli(args, opts = {}) {
  const r = run([process.execPath, BIN], args, opts);
  assert.ok(!r.out.includes(opts.secret ?? SECRET), "a secret was printed");
  return r;
}

describe("payoutkit (npm bin)", () => {
  test("sign: documented vectors", () => {
    assert.deepEqual(
      [cli(["sign", "m4", "withdraw/create", JSON.stringify(S2), "--secret-env", "THE_SECRET"])].map((r) => [r.code, r.stdout]),
      [[0, "3aa48d45adc4049da3297ec8ae178fd33eb7e366ab47967147120e1a77148251\n"]],
    );
    assert.equal(
      cli(["sign", "exotic", JSON.stringify(G3), "--secret-env", "THE_SECRET"], { secret: "test_sign_key" }).stdout.trim(),
      "53f49a84b929a1c6bf16fdf36ed151738def4b30a8088237ce480ffef538aa2f",
    );
    assert.equal(
      cli(["sign", "corefy-callback", "-", "--secret-env", "THE_SECRET"], { secret: "sk_test_example", stdin: S1_BODY }).stdout.trim(),
      "Q3UxmhaWwdRK9cUZ/yhNQWFNA+8=",
    );
  });

  test("sign: the secret from a file; the M4 docs' example", () => {
    const dir = mkdtempSync(join(tmpdir(), "payoutkit-cli-"));
    try {
      writeFileSync(join(dir, "secret"), SECRET + "\n");
      const body = { shop_id: 1520, shop_order_id: "5b0efa8a-153b-4421-abac-2aba4d772a86", amount: "6320.91", currency: 840, payway: "card_invoice_usd" };
      writeFileSync(join(dir, "body.json"), JSON.stringify(body));
      const r = cli(["sign", "m4", "invoice/create", join(dir, "body.json"), "--secret-file", join(dir, "secret")]);
      assert.equal(r.stdout, "77a6f7a30876d480d4e771d08cb83800dd5cb874664c77e515ffc052b20293c6\n");
      assert.equal(cli(["sign", "m4", "invoice/create", "@" + join(dir, "body.json"), "--secret-file", join(dir, "secret")]).code, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("verify: exit status 0 when authentic, 1 when not", () => {
    const args = ["verify", "corefy-callback", "-", "--signature", "Q3UxmhaWwdRK9cUZ/yhNQWFNA+8=", "--secret-env", "THE_SECRET"];
    const ok = cli(args, { secret: "sk_test_example", stdin: S1_BODY });
    assert.deepEqual([ok.code, ok.stdout], [0, "authentic\n"]);
    const bad = cli(args, { secret: "sk_test_other", stdin: S1_BODY });
    assert.deepEqual([bad.code, bad.stdout], [1, "NOT authentic\n"]);
    const signed = { ...S2, sign: "3aa48d45adc4049da3297ec8ae178fd33eb7e366ab47967147120e1a77148251" };
    assert.equal(cli(["verify", "m4", "withdraw/create", JSON.stringify(signed), "--secret-env", "THE_SECRET"]).code, 0);
    assert.equal(cli(["verify", "m4", "withdraw/create", JSON.stringify({ ...signed, amount: "100.24" }), "--secret-env", "THE_SECRET"]).code, 1);
    assert.ok([1, 2].includes(cli(["verify", "m4-callback", "{not json", "--secret-env", "THE_SECRET"]).code));
    assert.equal(cli(["verify", "m4-callback", JSON.stringify(M4_CALLBACK), "--secret-env", "THE_SECRET"]).code, 0);
    // exotic's standart_sign by a recipe: the signature is taken from the body by the core.
    const recipe = JSON.stringify({ fields: ["order_id", "status"], secret: "append_with_separator" });
    const cb = { order_id: "o1", status: "successful" };
    const sig = cli(["sign", "recipe", JSON.stringify(cb), "--recipe", recipe, "--secret-env", "THE_SECRET"]).stdout.trim();
    assert.equal(cli(["verify", "exotic-callback", JSON.stringify({ ...cb, standart_sign: sig }), "--recipe", recipe, "--secret-env", "THE_SECRET"]).code, 0);
    assert.equal(cli(["verify", "exotic-callback", JSON.stringify({ ...cb, standart_sign: "0" + sig.slice(1) }), "--recipe", recipe, "--secret-env", "THE_SECRET"]).code, 1);
    assert.equal(cli(["verify", "recipe", JSON.stringify(cb), "--recipe", recipe, "--signature", sig, "--secret-env", "THE_SECRET"]).code, 0);
  });

  test("explain: a pasted request, card numbers masked, the secret hidden", () => {
    const { code, out } = cli(["explain", "-", "--secret-env", "THE_SECRET"], { stdin: PASTED_M4 });
    assert.equal(code, 1);
    assert.match(out, /match: NO/);
    assert.match(out, /an M4 request, method withdraw\/create/);
    assert.match(out, /signed fields, in order: account, amount, amount_type, payway, shop_currency, shop_id, shop_payment_id/);
    assert.match(out, /sent but not signed: description/);
    assert.ok(out.includes("400000******0002:100.23:ps_amount") && !out.includes("4000000000000002"), out);
    assert.ok(out.split("***").length - 1 >= 2);
  });

  test("explain: callbacks and a Corefy request", () => {
    let r = cli(["explain", "-", "--secret-env", "THE_SECRET"], { secret: "sk_test_example", stdin: PASTED_COREFY });
    assert.equal(r.code, 0);
    assert.ok(r.out.includes("match: yes") && r.out.includes(`***${S1_BODY}***`), r.out);
    r = cli(["explain", "-"], { stdin: JSON.stringify({ order_id: "o1", status: "successful", standart_sign: "abc" }) });
    assert.equal(r.code, 0);
    assert.match(r.out, /undocumented/);
    r = cli(["explain", "-", "--secret-env", "THE_SECRET"], { stdin: JSON.stringify(M4_CALLBACK) });
    assert.equal(r.code, 0);
    assert.ok(r.out.includes("match: yes") && r.out.includes("0:12:840:1520:5b0efa8a-153b-4421-abac-2aba4d772a86:success***"), r.out);
    r = cli(["explain", "-"], { stdin: BASIC });
    assert.equal(r.code, 0);
    assert.ok(r.out.includes("coma_1") && !r.out.includes("the-api-key"));
    r = cli(["explain", "-"], { stdin: "hello" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /payoutkit explain: cannot tell what this is/);
  });

  for (const args of [["--help"], ["sign", "--help"], ["verify", "--help"], ["explain", "--help"]]) {
    test(`${args.join(" ")} shows examples`, () => {
      const r = cli(args);
      assert.equal(r.code, 0);
      assert.match(r.out, /examples:/);
      assert.match(r.out, /payoutkit (sign|verify|explain)/);
    });
  }

  test("usage errors: exit status 2; a secret never from argv; no secret and no terminal", () => {
    let r = cli(["sign", "m4", "withdraw/create", JSON.stringify(S2), "--secret-env", "NOT_SET_ANYWHERE"]);
    assert.equal(r.code, 2);
    assert.match(r.out, /NOT_SET_ANYWHERE/);
    r = cli(["sign", "m4", "withdraw/create", JSON.stringify(S2)]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--secret-env NAME or --secret-file PATH/);
    r = cli(["sign", "m4", "withdraw/create", JSON.stringify(S2), "--secret", "x"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ambiguous option: --secret could match --secret-env, --secret-file/);
    r = cli(["sign", "paypal", "{}"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /invalid choice: 'paypal'/);
    r = cli(["sign", "m4", "{}", "--secret-env", "THE_SECRET"]);
    assert.equal(r.code, 2);
    r = cli(["nope"]);
    assert.equal(r.code, 2);
  });

  test("sim: says how to get the simulator when the Python package is missing", () => {
    const r = cli(["sim", "--help"], { env: { PAYOUTKIT_PYTHON: "/nonexistent/python3" } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /pip install payoutkit/);
  });

  const PY = python();
  test("sim: runs the Python package's simulator", { skip: PY ? false : "needs the Python package payoutkit" }, () => {
    const r = cli(["sim", "--help"], { env: { PAYOUTKIT_PYTHON: PY } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /usage: payoutkit sim/);
    assert.match(r.stdout, /--faults/);
  });

  // Both command lines print the core's report: the same bytes for the same command.
  const pyCli = PY && spawnSync(PY, ["-c", "import payoutkit.cli, payoutkit; payoutkit.explain"], { stdio: "ignore" }).status === 0;
  const cases = [
    [["sign", "m4", "withdraw/create", JSON.stringify(S2), "--secret-env", "THE_SECRET"], {}],
    [["sign", "exotic", JSON.stringify(G3), "--secret-env", "THE_SECRET"], { secret: "test_sign_key" }],
    [["verify", "m4", "withdraw/create", JSON.stringify({ ...S2, sign: "00" }), "--secret-env", "THE_SECRET"], {}],
    [["explain", "-", "--secret-env", "THE_SECRET"], { stdin: PASTED_M4 }],
    [["explain", "-"], { stdin: PASTED_M4 }],
    [["explain", "-", "--secret-env", "THE_SECRET"], { secret: "sk_test_example", stdin: PASTED_COREFY }],
    [["explain", "-", "--secret-env", "THE_SECRET"], { stdin: JSON.stringify(M4_CALLBACK) }],
    [["explain", "-"], { stdin: BASIC }],
    [["explain", "-"], { stdin: JSON.stringify({ order_id: "o1", status: "successful", standart_sign: "abc" }) }],
    [["explain", "-", "--kind", "exotic"], { stdin: JSON.stringify({ ...G3, payment_method: "card", number_card: "4000000000000002" }) }],
    [["explain", "-", "--method", "withdraw/status"], { stdin: JSON.stringify({ shop_id: 1, now: "2026-01-01", withdraw_id: 5, sign: "ab" }) }],
    [["explain", "-"], { stdin: "hello" }],
  ];
  describe("the same output as the Python package's payoutkit", { skip: pyCli ? false : "needs the Python package payoutkit (with explain)" }, () => {
    for (const [args, opts] of cases) {
      test(args.join(" ").slice(0, 80), () => {
        const node = cli(args, opts);
        const py = run([PY, "-m", "payoutkit.cli"], args, opts);
        assert.deepEqual({ code: node.code, stdout: node.stdout, stderr: node.stderr }, { code: py.code, stdout: py.stdout, stderr: py.stderr });
      });
    }
  });
  after(() => {});
});
