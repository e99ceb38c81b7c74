// The npm package's types as a CommonJS consumer sees them (tsc --strict).
import payoutkit = require("payoutkit");

const gw = new payoutkit.Corefy("coma_1", "key", "https://pay.example");
const url: string = gw.findPayoutInvoice("ref").url;
const kind: payoutkit.Kind = payoutkit.corefy.classify(404, null).kind;
void [url, kind, payoutkit.luhnValid("4111111111111111")];
