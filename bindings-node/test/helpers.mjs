// Shared by the CLI and worker tests: the Python that has payoutkit (the provider simulator,
// the Python worker), a throw-away PostgreSQL (tests/pg.sh), the simulator as a process.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const PKG = join(HERE, "..");
export const ROOT = join(PKG, "..");

/** The Python with the payoutkit package: $PAYOUTKIT_PYTHON, the repository's .venv, python3. */
export function python() {
  for (const p of [process.env.PAYOUTKIT_PYTHON, join(ROOT, ".venv", "bin", "python"), "python3"]) {
    if (!p || (p.includes("/") && !existsSync(p))) continue;
    if (spawnSync(p, ["-c", "import payoutkit.testing.sim"], { stdio: "ignore" }).status === 0) return p;
  }
  return null;
}

/** A throw-away PostgreSQL: { dsn, stop() }. */
export function startPostgres() {
  const out = execFileSync(join(ROOT, "tests", "pg.sh"), ["start"], { encoding: "utf8" });
  const env = Object.fromEntries(out.trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { dsn: env.DSN, stop: () => spawnSync(join(ROOT, "tests", "pg.sh"), ["stop", env.PGDIR], { stdio: "ignore" }) };
}

/** Fresh test credentials for the simulator (its PAYOUTKIT_SIM_* variables). */
export function accounts() {
  const hex = () => [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, "0")).join("");
  return {
    PAYOUTKIT_SIM_M4_SHOP_ID: "1520",
    PAYOUTKIT_SIM_M4_SECRET: hex(),
    PAYOUTKIT_SIM_EXOTIC_MERCHANT: "sim-merchant",
    PAYOUTKIT_SIM_EXOTIC_SIGN_KEY: hex(),
    PAYOUTKIT_SIM_EXOTIC_API_KEY: hex(),
    PAYOUTKIT_SIM_EXOTIC_STANDART_SIGN: JSON.stringify({
      fields: "all_non_empty", exclude: ["standart_sign"], separator: ":", secret: "append_with_separator", hash: "sha256", output: "hex",
    }),
    PAYOUTKIT_SIM_COREFY_ACCOUNT_ID: "coma_sim",
    PAYOUTKIT_SIM_COREFY_API_KEY: hex(),
    PAYOUTKIT_SIM_COREFY_PUBLIC_KEY: "pk_test_sim",
    PAYOUTKIT_SIM_COREFY_CALLBACK_SECRET: "sk_test_" + hex(),
  };
}

/** The simulator (python -m payoutkit.testing.sim) on a free port: { ready, admin(path), stop() }. */
export async function startSim(py, env, args = []) {
  const child = spawn(py, ["-m", "payoutkit.testing.sim", "m4", "exotic", "corefy", "--port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise((resolve, reject) => {
    lines.once("line", (l) => resolve(JSON.parse(l)));
    child.once("exit", (c) => reject(new Error(`the simulator exited (${c})`)));
  });
  return {
    ready,
    admin: async (path, init) => (await fetch(`${ready.admin}/${path}`, init)).json(),
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** The gateways config both workers read, for the simulator's accounts. */
export function gatewayConfig(ready, storeUrl) {
  return {
    store: storeUrl,
    gateways: {
      m4: { provider: "m4", shop_id: 1520, secret: { env: "PAYOUTKIT_SIM_M4_SECRET" }, base_url: ready.m4 },
      exotic: {
        provider: "exotic", merchant: "sim-merchant", sign_key: { env: "PAYOUTKIT_SIM_EXOTIC_SIGN_KEY" },
        api_key: { env: "PAYOUTKIT_SIM_EXOTIC_API_KEY" }, base_url: ready.exotic,
        standart_sign: { fields: "all_non_empty", exclude: ["standart_sign"], separator: ":", secret: "append_with_separator", hash: "sha256", output: "hex" },
      },
      corefy: {
        provider: "corefy", account_id: "coma_sim", api_key: { env: "PAYOUTKIT_SIM_COREFY_API_KEY" }, base_url: ready.corefy,
        callback_secret: { env: "PAYOUTKIT_SIM_COREFY_CALLBACK_SECRET" },
      },
    },
  };
}

/** A Luhn-valid 16-digit test card number. */
export function card(i) {
  const digits = [4, 0, 0, 0, ...String(i).padStart(11, "0").split("").map(Number)];
  let total = 0;
  [...digits].reverse().forEach((d, n) => {
    if (n % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  });
  return digits.join("") + String((10 - (total % 10)) % 10);
}

/** One payout's params and flow options for provider `i % 3`, as tests/scale/run.py makes them. */
export function payout(i, runId, callbacks, { deadline = 60, poll = 1 } = {}) {
  const provider = ["m4", "exotic", "corefy"][i % 3];
  const key = `${provider}-${runId}-${String(i).padStart(5, "0")}`;
  const options = { deadline, poll_interval: poll };
  let params;
  if (provider === "m4") {
    params = { shop_payment_id: key, payway: "card_payway_usd", amount: `${10 + (i % 90)}.${String(i % 100).padStart(2, "0")}`, amount_type: "ps_amount", shop_currency: 840, account: card(i), description: "node test" };
  } else if (provider === "exotic") {
    params = { order_id: key, payment_method: "card", fiat_amount: `${1000 + i}.00`, fiat_currency: "rub", number_card: card(i), success_callback_url: `${callbacks}/exotic/${key}`, error_callback_url: `${callbacks}/exotic/${key}` };
    options.poll_interval = 2;
  } else {
    params = { reference_id: key, service: "test_usd", currency: "USD", amount: `${5 + (i % 50)}.50`, fields: { card_number: card(i) }, callback_url: `${callbacks}/corefy/${key}`, options: { auto_process: Math.floor(i / 3) % 2 === 0 } };
  }
  return { provider, key, params, options };
}
