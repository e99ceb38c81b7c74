// The browser package's types with the default lib (tsc --strict): no Symbol.dispose errors.
import init, { Validator, cardBrand, maskPan, type Report } from "payoutkit-wasm";

await init();
await init(new URL("./payoutkit_wasm_bg.wasm", import.meta.url));
await init(fetch("/payoutkit_wasm_bg.wasm"));
const report: Report = Validator.forExotic("card").validate({ number_card: "4111" }, "en", true);
const brand: string | null = cardBrand("4111");
void [report.potentially_valid, brand, maskPan("4111111111111111")];

// The light checkout module's types, the same way.
import { load, type Formatted, type Report as CheckoutReport } from "payoutkit-checkout";
const checkout = await load();
const form = checkout.validator("bundle from the server");
const shown: Formatted = form.format("number_card", "41111", 5);
const verdict: CheckoutReport = form.validate({ number_card: shown.value }, "en", true);
void [verdict.valid, form.needsCompiler, checkout.cardBrand("4111")];
