// The npm package's types as a CommonJS consumer sees them (tsc --strict).
import payoutkit = require("payoutkit");

const gw = new payoutkit.Corefy("coma_1", "key", "https://pay.example");
const url: string = gw.findPayoutInvoice("ref").url;
const kind: payoutkit.Kind = payoutkit.corefy.classify(404, null).kind;
void [url, kind, payoutkit.luhnValid("4111111111111111")];

import worker = require("payoutkit/worker");
const store: Promise<worker.PostgresStore> = worker.PostgresStore.open("postgresql://payoutkit@127.0.0.1:5432/postgres");
void [store, worker.CALLBACK_RETRY, payoutkit.m4.METHODS.length, payoutkit.M4.constructorArgs[0].name];
