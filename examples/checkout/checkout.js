// The checkout demo: every verdict and message comes from payoutkit's WASM build.
import init, { Validator, cardBrand, maskPan } from "/bindings-wasm/pkg-web/index.js";

await init();
const prerequest = await (await fetch("./corefy-prerequest.json")).text();

// What the payee types per provider; the merchant's own fields (order id, callbacks,
// currency) are filled by the shop, not the payee.
const FORMS = {
  "exotic:card": {
    validator: () => Validator.forExotic("card"),
    fields: { number_card: "Card number", full_name: "Name on the card", fiat_amount: "Amount (RUB)" },
  },
  "exotic:sbp": {
    validator: () => Validator.forExotic("sbp"),
    fields: { phone_number: "Phone number", bank_name: "Bank", fiat_amount: "Amount (RUB)" },
  },
  "corefy:test_usd": {
    validator: () => Validator.fromCorefyPrerequest(prerequest, "test_usd"),
    fields: { account: "Account", test_details_payout_status: "Expected status", amount: "Amount (USD)" },
  },
};
const MERCHANT = {
  order_id: "order-1001", fiat_currency: "rub",
  success_callback_url: "https://shop.example/ok", error_callback_url: "https://shop.example/fail",
};

const $ = (id) => document.getElementById(id);
let form, validator;

function render() {
  form = FORMS[$("provider").value];
  validator = form.validator();
  $("fields").replaceChildren(
    ...Object.entries(form.fields).flatMap(([key, label]) => {
      const l = Object.assign(document.createElement("label"), { htmlFor: key, textContent: label });
      const i = Object.assign(document.createElement("input"), { id: key, name: key, autocomplete: "off" });
      const m = Object.assign(document.createElement("div"), { id: `${key}-msg`, className: "msg" });
      m.setAttribute("role", "alert");
      i.addEventListener("input", () => check(true));
      i.addEventListener("blur", () => check(true));
      return [l, i, m];
    }),
  );
  check(true);
}

// partial: while typing, show only errors that typing more cannot fix.
function check(partial) {
  // A field being removed by a provider switch still fires `blur`: wait for the new form.
  if (Object.keys(form.fields).some((key) => !$(key))) return null;
  const values = { ...MERCHANT };
  for (const key of Object.keys(form.fields)) values[key] = $(key).value;
  const report = validator.validate(values, $("locale").value, partial);
  for (const key of Object.keys(form.fields)) {
    const error = report.errors.find((e) => e.field === key);
    $(`${key}-msg`).textContent = error ? error.message : "";
    $(key).setAttribute("aria-invalid", String(Boolean(error)));
  }
  const state = report.valid ? "valid" : report.potentially_valid ? "typing" : "invalid";
  $("status").dataset.state = state;
  $("status").textContent = state;
  const card = $("number_card")?.value ?? "";
  $("masked").textContent = report.valid && card ? `${cardBrand(card) ?? "card"} ${maskPan(card)}` : "";
  return report;
}

$("provider").addEventListener("change", render);
$("locale").addEventListener("change", () => check(true));
$("form").addEventListener("submit", (e) => {
  e.preventDefault();
  check(false); // on submit, every error shows, missing fields included
});
render();
window.__checkoutReady = true;
