// The checkout demo: labels, hints, keyboards, formatting, verdicts and messages all come from
// payoutkit. The page loads the checkout module (about 30 KB gzip) and the form's validator
// bundle from its server; only a form whose rules arrive raw (Corefy's public pre-request,
// fetched by the page) loads the full build, which compiles provider patterns.
import { load } from "/bindings-wasm/checkout/pkg/checkout.mjs";

const started = performance.now();
const checkout = await load();

// The page's own words (everything about fields comes from payoutkit).
const UI = {
  en: { title: "Payout details", lead: "Where should we send the money?", method: "Method", language: "Language", submit: "Pay out",
    typing: "Checked as you type; the final check runs when you leave a field and when you pay out.",
    fix: (n) => `Fix ${n === 1 ? "the marked field" : `${n} marked fields`}.`,
    final: (n) => `Final check: ${n === 1 ? "1 field" : `${n} fields`} to fix.`,
    notSent: (n) => `Not sent: ${n === 1 ? "1 field" : `${n} fields`} to fix.`,
    valid: "All fields are valid.", sent: "Ready: the server now signs and sends the payout.",
    example: (e) => `For example: ${e}`, light: "Checked by the payoutkit checkout module (validator bundle from the server).",
    full: "Rules fetched raw by the page: checked by payoutkit's full build, which compiles their patterns." },
  ru: { title: "Реквизиты для выплаты", lead: "Куда отправить деньги?", method: "Способ", language: "Язык", submit: "Получить выплату",
    typing: "Проверяем по мере ввода; окончательная проверка — при переходе к другому полю и при отправке.",
    fix: (n) => (n === 1 ? "Исправьте отмеченное поле." : `Исправьте отмеченные поля: ${n}.`),
    final: (n) => `Окончательная проверка: исправьте полей — ${n}.`,
    notSent: (n) => `Не отправлено: исправьте полей — ${n}.`,
    valid: "Все поля заполнены верно.", sent: "Готово: сервер подписывает и отправляет выплату.",
    example: (e) => `Например: ${e}`, light: "Проверено модулем payoutkit для оформления (правила с сервера).",
    full: "Правила получены страницей напрямую: проверено полной сборкой payoutkit, которая компилирует их шаблоны." },
  uk: { title: "Реквізити для виплати", lead: "Куди надіслати гроші?", method: "Спосіб", language: "Мова", submit: "Отримати виплату",
    typing: "Перевіряємо під час введення; остаточна перевірка — коли ви залишаєте поле і під час надсилання.",
    fix: (n) => (n === 1 ? "Виправте позначене поле." : `Виправте позначені поля: ${n}.`),
    final: (n) => `Остаточна перевірка: виправте полів — ${n}.`,
    notSent: (n) => `Не надіслано: виправте полів — ${n}.`,
    valid: "Усі поля заповнено правильно.", sent: "Готово: сервер підписує та надсилає виплату.",
    example: (e) => `Наприклад: ${e}`, light: "Перевірено модулем payoutkit для оформлення (правила з сервера).",
    full: "Правила отримано сторінкою напряму: перевірено повною збіркою payoutkit, яка компілює їхні шаблони." },
};

// What the shop fills in itself (never the payee).
const MERCHANT = {
  order_id: "order-1001", fiat_currency: "rub", success_callback_url: "https://shop.example/ok",
  error_callback_url: "https://shop.example/fail", customer: "cust-42", order_description: "Payout #1001",
};
const BRAND = { visa: "Visa", mastercard: "Mastercard", mir: "Мир", unionpay: "UnionPay", maestro: "Maestro", amex: "Amex" };

const $ = (id) => document.getElementById(id);
const state = { form: null, fields: [], touched: new Set(), submitted: false, shown: new Map() };

/** A form whose bundle comes from the server: the checkout module runs it. */
async function fromBundle(name) {
  const res = await fetch(`/api/bundle?form=${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(await res.text());
  const v = checkout.validator(await res.text());
  if (v.needsCompiler) return fromFullBuild(name);
  return { fields: (l) => v.fields(l), validate: (vals, l, p) => v.validate(vals, l, p), engine: "light" };
}

/** A form from rules the page fetched raw (Corefy's public pre-request): the full build compiles them. */
async function fromFullBuild() {
  const full = await import("/bindings-wasm/pkg-web/payoutkit_wasm.js");
  await full.default({ module_or_path: "/bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm" });
  const json = await (await fetch("./corefy-prerequest.json")).text();
  const h = full.Handle.construct("validator.from_corefy_prerequest", JSON.stringify([json, "test_usd"]));
  return {
    fields: (l) => JSON.parse(h.call("fields", JSON.stringify([l]))),
    validate: (vals, l, p) => JSON.parse(h.withParams("validate", JSON.stringify(vals), JSON.stringify([l, p]))),
    engine: "full",
  };
}

const locale = () => $("locale").value;
const ui = () => UI[locale()];

function values() {
  const out = { ...MERCHANT };
  for (const f of state.fields) if (f.payee) out[f.key] = $(f.key).value;
  return out;
}

function render() {
  const l = locale();
  document.documentElement.lang = l;
  document.title = ui().title;
  for (const [id, key] of [["title", "title"], ["lead", "lead"], ["provider-label", "method"], ["locale-label", "language"], ["submit", "submit"]]) {
    $(id).textContent = ui()[key];
  }
  $("engine").textContent = state.form.engine === "light" ? ui().light : ui().full;
  const before = Object.fromEntries(state.fields.filter((f) => f.payee && $(f.key)).map((f) => [f.key, $(f.key).value]));
  state.fields = state.form.fields(l);
  // The payee's fields in rule order, the amount last (where a payment form has it).
  const shown = state.fields.filter((f) => f.payee).sort((a, b) => (a.kind === "amount") - (b.kind === "amount"));
  $("fields").replaceChildren(...shown.map((f) => field(f, before[f.key] ?? "")));
  update("render");
}

function field(f, value) {
  const wrap = document.createElement("div");
  wrap.className = "field";
  const label = Object.assign(document.createElement("label"), { htmlFor: f.key, textContent: f.label });
  if (f.required) {
    const star = Object.assign(document.createElement("span"), { className: "req", textContent: "*" });
    star.setAttribute("aria-hidden", "true");
    label.append(star);
  }
  const control = Object.assign(document.createElement("div"), { className: "control" });
  const input = Object.assign(document.createElement("input"), { id: f.key, name: f.key, value });
  for (const [k, v] of Object.entries(f.attributes)) input.setAttribute(k, v);
  input.setAttribute("aria-required", String(f.required));
  input.setAttribute("aria-invalid", "false");
  const hint = Object.assign(document.createElement("p"), { className: "hint", id: `${f.key}-hint` });
  hint.textContent = [f.hint, f.example && f.example !== f.hint ? ui().example(f.example) : null].filter(Boolean).join(" · ");
  const error = Object.assign(document.createElement("p"), { className: "error", id: `${f.key}-error` });
  input.setAttribute("aria-describedby", `${hint.id} ${error.id}`);
  control.append(input);
  if (f.kind === "card_number") {
    const brand = Object.assign(document.createElement("span"), { className: "brand", id: `${f.key}-brand` });
    brand.setAttribute("aria-hidden", "true"); // the status line names the brand for screen readers
    control.append(brand);
  }
  input.addEventListener("input", (e) => {
    // Format as typed, keeping the caret after the character the payee just typed.
    const { value: v, caret } = checkout.format(f.kind, input.value, input.selectionStart ?? input.value.length);
    if (v !== input.value) {
      input.value = v;
      if (document.activeElement === input) input.setSelectionRange(caret, caret);
    }
    update("input", f.key, e);
  });
  input.addEventListener("blur", () => {
    state.touched.add(f.key);
    update("blur", f.key);
  });
  wrap.append(label, control, hint, error);
  return wrap;
}

/** Validate and show: as typed, only what typing more cannot fix; once a field was left (or
 * the form submitted), everything, and say so in the status. */
function update(why, key) {
  // A field being replaced (a method or language switch) still fires `blur`: wait for the new form.
  if (state.fields.some((f) => f.payee && !$(f.key))) return null;
  const l = locale();
  const vals = values();
  const partial = state.form.validate(vals, l, true);
  const final = state.form.validate(vals, l, false);
  const payee = state.fields.filter((f) => f.payee);
  let shownErrors = 0;
  const announce = [];
  for (const f of payee) {
    const input = $(f.key);
    const sure = partial.errors.find((e) => e.field === f.key);
    const all = final.errors.find((e) => e.field === f.key);
    const err = sure ?? ((state.submitted || state.touched.has(f.key)) && input.value !== "" ? all : state.submitted ? all : null);
    const message = err ? err.message : "";
    $(`${f.key}-error`).textContent = message;
    input.setAttribute("aria-invalid", String(Boolean(err)));
    if (err) shownErrors++;
    // Announce a message when it changes on leaving the field or submitting, or when typing
    // makes the value impossible; never the same message again on every keystroke.
    if (message && message !== state.shown.get(f.key) && (why !== "input" || sure) && (why !== "blur" || key === f.key || state.submitted)) {
      announce.push(`${f.label}: ${message}`);
    }
    state.shown.set(f.key, message);
    if (f.kind === "card_number") {
      const brand = checkout.cardBrand(input.value.replace(/[^0-9]/g, "").slice(0, 6)) ;
      $(`${f.key}-brand`).textContent = brand ? BRAND[brand] : "";
      input.dataset.brand = brand ?? "";
    }
  }
  const fixes = final.errors.filter((e) => payee.some((f) => f.key === e.field)).length;
  let text, st;
  if (final.valid) [text, st] = [why === "submit" ? ui().sent : ui().valid, "valid"];
  else if (why === "submit") [text, st] = [ui().notSent(fixes), "invalid"];
  else if (why === "blur" || state.submitted) [text, st] = [shownErrors ? ui().final(shownErrors) : ui().typing, shownErrors ? "invalid" : "typing"];
  else [text, st] = [shownErrors ? ui().fix(shownErrors) : ui().typing, shownErrors ? "invalid" : "typing"];
  $("status").textContent = text;
  $("status").dataset.state = st;
  if (announce.length) $("announce").textContent = announce.join(" ");
  return final;
}

async function choose() {
  const name = $("provider").value;
  state.form = name === "corefy:test_usd" ? await fromFullBuild(name) : await fromBundle(name);
  state.fields = [];
  state.touched.clear();
  state.shown.clear();
  state.submitted = false;
  render();
  document.body.dataset.form = name;
}

$("provider").addEventListener("change", () => choose());
$("locale").addEventListener("change", () => render());
$("form").addEventListener("submit", (e) => {
  e.preventDefault();
  state.submitted = true;
  const report = update("submit");
  if (report && !report.valid) {
    const first = state.fields.find((f) => f.payee && $(f.key).getAttribute("aria-invalid") === "true");
    if (first) $(first.key).focus();
  }
});
await choose();
// For tests and make bench: the first validation is done (ms since navigation start).
window.__firstValidationAt = performance.now();
window.__checkoutReady = performance.now() - started;
