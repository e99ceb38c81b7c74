// payoutkit/worker against the provider simulator (python -m payoutkit.testing.sim, faults
// on) and a real PostgreSQL (tests/pg.sh): payouts driven to the end by Node workers, the
// lease fencing, the callback inbox (forged callbacks never delivered), and one store shared
// with the Python worker (the same schema, both ways).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createRequire } from "node:module";
import { accounts, gatewayConfig, payout, python, PKG, ROOT, startPostgres, startSim } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const payoutkit = require("payoutkit");
const w = require("payoutkit/worker");

const PY = python();
const skip = PY ? false : "needs the Python package payoutkit (the provider simulator): make wheel";

describe("payoutkit/worker on PostgreSQL against the simulator", { skip, timeout: 240_000 }, () => {
  let pg, sim, store, gateways, env, server, tmp, configPath;
  const runId = Math.random().toString(16).slice(2, 8);

  before(async () => {
    pg = startPostgres();
    env = accounts();
    Object.assign(process.env, env);
    const faults = { lost: 0.1, error_after: 0.1, lookup_lag: 1, duplicate_callbacks: 0.3, forged_callbacks: 0.3 };
    sim = await startSim(PY, env, ["--faults", JSON.stringify(faults), "--settle", "0.5,1.5", "--seed", "7"]);
    store = await w.PostgresStore.open(pg.dsn);
    const config = gatewayConfig(sim.ready, pg.dsn);
    gateways = w.gatewaysFromConfig(config, process.env);
    server = await new w.CallbackServer(store, gateways).start();
    tmp = mkdtempSync(join(tmpdir(), "payoutkit-node-worker-"));
    configPath = join(tmp, "config.json");
    writeFileSync(configPath, JSON.stringify(config));
  });

  after(async () => {
    await server?.stop();
    await store?.close();
    await sim?.stop();
    pg?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("gateways come from the config with secrets from the environment; never printed", () => {
    assert.deepEqual(Object.keys(gateways), ["m4", "exotic", "corefy"]);
    const shown = `${gateways.corefy} ${JSON.stringify(gateways.corefy)} ${require("node:util").inspect(gateways)}`;
    assert.ok(!shown.includes(env.PAYOUTKIT_SIM_COREFY_CALLBACK_SECRET) && !shown.includes(env.PAYOUTKIT_SIM_M4_SECRET), shown);
    assert.throws(() => w.gatewaysFromConfig({ gateways: { m4: { provider: "m4", shop_id: 1, secret: { env: "NOPE_NOT_SET" } } } }, {}), /NOPE_NOT_SET/);
    assert.throws(() => w.gatewaysFromConfig({ gateways: { m4: { provider: "m4", shop_id: 1, secret: "s", colour: 1 } } }, {}), /unknown setting/);
    const fromEnv = w.gatewaysFromEnv({ PAYOUTKIT_GATEWAYS: "main", PAYOUTKIT_MAIN_PROVIDER: "m4", PAYOUTKIT_MAIN_SHOP_ID: "1520", PAYOUTKIT_MAIN_SECRET: "s" });
    assert.equal(fromEnv.main.provider, "m4");
  });

  test("12 payouts over the three providers, 2 Node workers, faults on: each made once, each finished", async () => {
    const items = [];
    for (let i = 0; i < 12; i++) {
      const p = payout(i, runId, server.url, { deadline: 40 });
      assert.equal(await w.enqueue(store, p.key, gateways[p.provider], p.params, p.options), true);
      assert.equal(await w.enqueue(store, p.key, gateways[p.provider], p.params, p.options), false, "added twice");
      items.push(p);
    }
    const workers = [0, 1].map((n) => new w.Worker(store, gateways, { concurrency: 4, leaseTtl: 4, httpTimeout: 1.5, idleSleep: 0.1, owner: `node-${n}` }));
    await Promise.all(workers.map((wk) => wk.serve({ untilIdle: true, maxSeconds: 120 })));
    const ledger = await sim.admin("ledger");
    for (const p of items) {
      const rec = await store.get(p.key);
      assert.equal(rec.status, "done", `${p.key} unfinished`);
      const entry = ledger[`${p.provider}:${p.key}`];
      assert.ok(!entry || entry.created <= 1, `${p.key} made ${entry?.created} times`);
      if (["succeeded", "rejected"].includes(rec.outcomeKind)) assert.equal(rec.outcomeKind, entry.outcome, p.key);
      assert.ok(!JSON.stringify(rec.outcome ?? {}).match(/4000\d{12}/), "a card number in a stored outcome");
    }
    const stats = workers.map((wk) => wk.stats);
    assert.equal(stats.reduce((n, s) => n + s.done, 0), 12, JSON.stringify(stats));
    // Forged callbacks (wrong signature) reached the Node receiver and were never accepted.
    const stored = await store.callbacks();
    for (const c of stored) {
      if (c.verdict === "rejected") assert.equal(c.attempts, 0);
      assert.ok(!c.body.toString().match(/4000\d{12}/), "a card number in a stored callback body");
    }
    const sent = await sim.admin("callbacks");
    const forgedAcked = sent.filter((c) => c.forged && Number.isInteger(c.answer) && c.answer >= 200 && c.answer < 300);
    assert.equal(forgedAcked.length, 0);
  });

  test("a lease taken over by another worker fences the first: its save is refused", async () => {
    const p = payout(99, runId, server.url, { deadline: 20 }); // M4
    await w.enqueue(store, p.key, gateways[p.provider], p.params, p.options);
    const [first] = (await store.claim("a", 50, 0.5)).filter((l) => l.key === p.key);
    assert.ok(first, "claimed");
    assert.deepEqual((await store.claim("b", 50, 30)).filter((l) => l.key === p.key), [], "claimed twice while the lease holds");
    await new Promise((r) => setTimeout(r, 700));
    const [second] = (await store.claim("b", 50, 30)).filter((l) => l.key === p.key);
    assert.ok(second, "taken over after expiry");
    const flow = payoutkit.m4.PayoutFlow.fromJson(gateways.m4.gateway, first.state);
    const action = flow.start();
    await assert.rejects(first.saveFlow(flow.toJson(), action, Date.now() / 1000), w.LeaseLost);
    assert.throws(() => first.beforeSend(), w.LeaseLost);
    await second.saveFlow(flow.toJson(), { kind: "wait", seconds: 1 }, Date.now() / 1000);
    assert.equal((await store.get(p.key)).leaseOwner, "b");
    await second.release();
  });

  test("callbacks: verified by the core, forged ones kept as rejected (401), duplicates, orphans", async () => {
    const p = payout(104, runId, server.url, { deadline: 20 }); // Corefy
    await w.enqueue(store, p.key, gateways.corefy, p.params, p.options);
    const body = Buffer.from(JSON.stringify({ data: { type: "payout-invoice", id: "cpi_x", attributes: { status: "processed", reference_id: p.key, amount: 1, currency: "USD" } } }));
    const good = payoutkit.corefy.callbackSignature(body, env.PAYOUTKIT_SIM_COREFY_CALLBACK_SECRET);
    const post = (b, sig, key = p.key) => fetch(`${server.url}/corefy/${key}`, { method: "POST", body: b, headers: sig ? { "X-Signature": sig } : {} });
    const forged = await post(body, "Zm9yZ2VkIHNpZ25hdHVyZQ==");
    assert.equal(forged.status, 401);
    assert.equal(await forged.text(), "rejected");
    assert.equal((await post(body, null)).status, 401);
    const ok = await post(body, good);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), "accepted");
    assert.equal(await (await post(body, good)).text(), "duplicate");
    assert.equal((await fetch(`${server.url}/nope`, { method: "POST", body: "{}" })).status, 404);
    const inbox = await store.callbacks(p.key);
    assert.deepEqual(inbox.map((c) => c.verdict), ["rejected", "rejected", "accepted", "duplicate"]);
    // The accepted callback woke the payout; the rejected ones are never offered to the flow.
    const [lease] = (await store.claim("cb", 100, 10)).filter((l) => l.key === p.key);
    assert.ok(lease);
    assert.deepEqual((await lease.pendingCallbacks()).map((c) => c.verdict), ["accepted"]);
    await lease.release();
    // Without the key in the URL the payout is found among the callback's values.
    const [status, verdict] = await w.receiveCallback(store, gateways, "corefy", body, { "x-signature": good });
    assert.deepEqual([status, verdict], [200, "duplicate"]);
  });

  test("one store, two languages: Python enqueues and Node drives; Node enqueues and Python drives", async () => {
    const env2 = { ...process.env, PYTHONUNBUFFERED: "1" };
    const py = (args) => spawnSync(PY, ["-m", "payoutkit.worker", "--config", configPath, ...args], { env: env2, encoding: "utf8", timeout: 120_000 });
    const a = payout(200, runId, server.url, { deadline: 30 });
    const b = payout(201, runId, server.url, { deadline: 30 });
    const file = join(tmp, "one.jsonl");
    writeFileSync(file, JSON.stringify({ key: a.key, gateway: a.provider, params: a.params, options: a.options }) + "\n");
    const enq = py(["--enqueue", file]);
    assert.equal(enq.status, 0, enq.stderr);
    assert.deepEqual(JSON.parse(enq.stdout), { added: 1, already_there: 0 });
    const node = new w.Worker(store, gateways, { concurrency: 2, leaseTtl: 5, httpTimeout: 1.5, idleSleep: 0.1 });
    await node.serve({ untilIdle: true, maxSeconds: 60 });
    assert.equal((await store.get(a.key)).status, "done");
    await w.enqueue(store, b.key, gateways[b.provider], b.params, b.options);
    const run = py(["--concurrency", "2", "--lease-ttl", "5", "--http-timeout", "1.5", "--idle-sleep", "0.1", "--until-idle", "--max-seconds", "60"]);
    assert.equal(run.status, 0, run.stderr);
    const rec = await store.get(b.key);
    assert.equal(rec.status, "done");
    const ledger = await sim.admin("ledger");
    for (const p of [a, b]) assert.ok((ledger[`${p.provider}:${p.key}`]?.created ?? 0) <= 1);
    // The Python worker's status line reads the same rows.
    const status = py(["--status"]);
    assert.equal(status.status, 0, status.stderr);
    assert.ok(JSON.parse(status.stdout).done >= 14);
  });

  test("SQLite (better-sqlite3): one file shared by a Node worker and a Python worker", async () => {
    const file = join(tmp, "payouts.db");
    const lite = await w.openStore(`sqlite:///${file}`);
    const items = [];
    for (let i = 400; i < 409; i++) {
      const p = payout(i, runId, server.url, { deadline: 30 });
      assert.equal(await w.enqueue(lite, p.key, gateways[p.provider], p.params, p.options), true);
      items.push(p);
    }
    assert.equal(await lite.unfinished(), 9);
    const node = new w.Worker(lite, gateways, { concurrency: 3, leaseTtl: 5, httpTimeout: 1.5, idleSleep: 0.1, owner: "node-lite" });
    const env2 = { ...process.env, PYTHONUNBUFFERED: "1" };
    const pyRun = new Promise((resolve) => {
      const child = spawn(PY, ["-m", "payoutkit.worker", "--config", configPath, "--store", `sqlite:///${file}`, "--concurrency", "3", "--lease-ttl", "5",
        "--http-timeout", "1.5", "--idle-sleep", "0.1", "--until-idle", "--max-seconds", "90", "--owner", "python-lite"], { env: env2, stdio: "ignore" });
      child.on("exit", resolve);
    });
    await node.serve({ untilIdle: true, maxSeconds: 90 });
    assert.equal(await pyRun, 0);
    const ledger = await sim.admin("ledger");
    for (const p of items) {
      const rec = await lite.get(p.key);
      assert.equal(rec.status, "done", p.key);
      assert.ok((ledger[`${p.provider}:${p.key}`]?.created ?? 0) <= 1, `${p.key} made twice`);
    }
    assert.ok(node.stats.stints > 0, "the Node worker drove none");
    await lite.close();
  });

  test("payoutkit-worker: --help, --status, --enqueue, a run until idle", async () => {
    const bin = join(PKG, "worker.cjs");
    const node = (args, extra = {}) => spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...extra }, encoding: "utf8", timeout: 120_000 });
    const help = node(["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /examples:/);
    assert.match(help.stdout, /payoutkit-worker --store postgresql:/);
    const bad = node(["--concurrency"]);
    assert.equal(bad.status, 2);
    const c = payout(300, runId, server.url, { deadline: 30 });
    const file = join(tmp, "two.jsonl");
    writeFileSync(file, JSON.stringify({ key: c.key, gateway: c.provider, params: c.params, options: c.options }) + "\n");
    const enq = node(["--config", configPath, "--enqueue", file]);
    assert.equal(enq.status, 0, enq.stderr);
    assert.deepEqual(JSON.parse(enq.stdout), { added: 1, already_there: 0 });
    const run = node(["--config", configPath, "--concurrency", "4", "--lease-ttl", "5", "--http-timeout", "1.5", "--idle-sleep", "0.1", "--until-idle", "-v"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /creates_sent=/);
    assert.ok(!run.stderr.includes(c.params.account ?? c.params.number_card ?? c.params.fields?.card_number), "a card number in the log");
    assert.equal((await store.get(c.key)).status, "done");
    const status = node(["--config", configPath, "--status"]);
    assert.equal(status.status, 0);
    assert.equal(JSON.parse(status.stdout).new ?? 0, 0);
    const noStore = node(["--config", join(ROOT, "nope.json")]);
    assert.equal(noStore.status, 2);
  });
});
