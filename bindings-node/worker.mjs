// payoutkit/worker as an ES module: the same objects as require("payoutkit/worker").
import w from "./worker.cjs";
export const {
  CALLBACK_ATTEMPTS, CALLBACK_RETRY, CallbackServer, GatewayConfig, Lease, LeaseLost, PostgresStore, SQLiteStore, Worker, enqueue,
  gatewaysFromConfig, gatewaysFromEnv, loadConfig, main, openStore, receiveCallback, redactBytes,
} = w;
