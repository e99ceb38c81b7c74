// The same checkout fields built with the libraries a checkout uses today (bundled and
// minified by esbuild for make bench): card-validator (number, brand), ibantools,
// libphonenumber-js/min (as-you-type phone format, validity). Validates once on load.
import cardValidator from "card-validator";
import { isValidIBAN, electronicFormatIBAN, friendlyFormatIBAN } from "ibantools";
import { AsYouType, isValidPhoneNumber } from "libphonenumber-js/min";

const form = document.getElementById("form");
const field = (id, label) => {
  const l = Object.assign(document.createElement("label"), { htmlFor: id, textContent: label });
  const i = Object.assign(document.createElement("input"), { id, name: id });
  const e = Object.assign(document.createElement("p"), { id: `${id}-error` });
  form.append(l, i, e);
  return i;
};
const card = field("card", "Card number");
const phone = field("phone", "Phone number");
const iban = field("iban", "IBAN");
const amount = field("amount", "Amount");

function validate() {
  const c = cardValidator.number(card.value);
  const errors = {
    card: c.isValid ? "" : c.isPotentiallyValid ? "" : "Invalid card number.",
    phone: phone.value === "" || isValidPhoneNumber(phone.value) ? "" : "Invalid phone number.",
    iban: iban.value === "" || isValidIBAN(electronicFormatIBAN(iban.value) ?? "") ? "" : "Invalid IBAN.",
    amount: /^[0-9]+(\.[0-9]{1,2})?$/.test(amount.value) ? "" : "Enter an amount such as 100.50.",
  };
  for (const [k, m] of Object.entries(errors)) document.getElementById(`${k}-error`).textContent = m;
  return { brand: c.card?.type ?? null, errors };
}
card.addEventListener("input", () => validate());
phone.addEventListener("input", () => {
  phone.value = new AsYouType().input(phone.value);
  validate();
});
iban.addEventListener("input", () => {
  iban.value = friendlyFormatIBAN(electronicFormatIBAN(iban.value)) ?? iban.value;
  validate();
});
validate();
window.__firstValidationAt = performance.now();
window.__checkoutReady = true;
