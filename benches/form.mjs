// A whole payout form (6 fields: card with Luhn, IBAN, phone pattern, a Corefy pattern in
// its over-escaped spelling, a Unicode name pattern, an amount), validated end to end.
export const FORM_RULES = [
  { key: "card", required: true, pattern: "^\\d{16}$", checks: ["luhn"] },
  { key: "iban", required: true, checks: ["iban"], max_length: 34 },
  { key: "phone", required: true, pattern: "^\\+\\d{10,14}$" },
  { key: "account", required: true, pattern: "^\\\\d{1,15}$" },
  { key: "name", required: true, pattern: "/^[\\s\\p{L}]{2,100}$/u" },
  { key: "amount", required: true, checks: ["amount"], min: "0.01", max: "9999999", decimals: 2 },
];
export const FORM_VALUES = {
  card: "5123 8172 3406 0000", iban: "DE89 3704 0044 0532 0130 00", phone: "+79161234567",
  account: "150010000097", name: "Олександр Коваль", amount: "1500.50",
};

// Median of 7 batches of µs per whole-form validate() call, after warm-up.
export function measure(validator, values, batch = 5000) {
  const first = validator.validate(values, "en", false);
  if (!first.valid) throw new Error(`the benchmark form must be valid: ${JSON.stringify(first.errors)}`);
  for (let i = 0; i < batch; i++) validator.validate(values, "en", true);
  const runs = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) validator.validate(values, "en", true);
    runs.push(((performance.now() - t0) * 1000) / batch);
  }
  runs.sort((a, b) => a - b);
  return { us_per_form: runs[3], min: runs[0], max: runs[6], batch };
}
