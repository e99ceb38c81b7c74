// The checkout demo page (examples/checkout) in real headless Chromium, as a payee uses it:
// typing digit by digit, leaving fields, submitting, switching language and method. Each state
// is saved as a screenshot for review under target/checkout-screenshots/ (listed at the end).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serve } from "../../examples/checkout/serve.mjs";
import { launch } from "./chromium.mjs";

const SHOTS = fileURLToPath(new URL("../../target/checkout-screenshots/", import.meta.url));

test("checkout demo: a payee types, leaves fields, switches language and method, submits", async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await serve(0);
  const browser = await launch();
  const shots = [];
  try {
    const page = await browser.newPage({ viewport: { width: 560, height: 900 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/examples/checkout/`);
    await page.waitForFunction(() => window.__checkoutReady !== undefined, null, { timeout: 30_000 });
    const shot = async (name) => {
      const path = `${SHOTS}${String(shots.length + 1).padStart(2, "0")}-${name}.png`;
      await page.screenshot({ path, fullPage: true });
      shots.push(path);
    };
    const text = (sel) => page.locator(sel).textContent();
    const attr = (sel, a) => page.locator(sel).getAttribute(a);
    const card = page.locator("#number_card");
    const waitForm = (name) => page.waitForFunction((n) => document.body.dataset.form === n, name);

    // The card field as the core describes it: label, keyboard, autofill, described by hint and error.
    assert.equal(await text("label[for=number_card]"), "Card number*");
    assert.equal(await attr("#number_card", "inputmode"), "numeric");
    assert.equal(await attr("#number_card", "autocomplete"), "cc-number");
    assert.equal(await attr("#number_card", "maxlength"), "19");
    assert.equal(await attr("#number_card", "aria-required"), "true");
    assert.equal(await attr("#number_card", "aria-describedby"), "number_card-hint number_card-error");
    assert.equal(await attr("#fiat_amount", "inputmode"), "decimal");
    assert.equal(await page.locator("[role=alert]").count(), 0, "no alerts: messages go to a polite live region");
    assert.equal(await attr("#announce", "aria-live"), "polite");
    assert.equal(await page.locator("#order_id").count(), 0, "the shop's own fields are not shown");
    await shot("empty-form");

    // Digit by digit: the brand shows from the first digit, groups of four form as typed.
    await card.click();
    await card.pressSequentially("4");
    assert.equal(await text("#number_card-brand"), "Visa");
    await card.pressSequentially("11111");
    assert.equal(await card.inputValue(), "4111 11");
    assert.equal(await card.evaluate((e) => e.selectionStart), 7, "the caret stays after the last digit");
    await shot("typing-card-visa");
    await card.pressSequentially("1111111112");
    assert.equal(await card.inputValue(), "4111 1111 1111 1112");
    assert.equal(await text("#number_card-error"), "Invalid card number.", "16 digits and the checksum fails: no digit can be added");
    assert.equal(await attr("#number_card", "aria-invalid"), "true");
    assert.equal(await text("#status"), "Fix the marked field.");
    await shot("card-luhn-error-focused");

    // Fix the last digit: Backspace then type, formatting keeps up.
    await card.press("Backspace");
    await card.pressSequentially("1");
    assert.equal(await card.inputValue(), "4111 1111 1111 1111");
    assert.equal(await text("#number_card-error"), "");
    assert.equal(await attr("#number_card", "aria-invalid"), "false");

    // The field takes no more than a card number (maxlength from the core: 16 digits, 3 spaces).
    await card.pressSequentially("1");
    assert.equal(await card.inputValue(), "4111 1111 1111 1111");
    // A digit typed in the middle: the groups move, the caret stays right after it.
    await card.fill("");
    await card.pressSequentially("41111111");
    await card.evaluate((e) => e.setSelectionRange(2, 2));
    await card.pressSequentially("9");
    assert.equal(await card.inputValue(), "4191 1111 1");
    assert.equal(await card.evaluate((e) => e.selectionStart), 3);
    await card.fill("4111111111111111");

    // A letter: the message names the problem at once (typing more cannot fix it).
    await card.fill("");
    await card.pressSequentially("4111 1O");
    assert.equal(await card.inputValue(), "4111 1O", "a value a card number cannot be stays as typed");
    assert.equal(await text("#number_card-error"), "A card number has only digits.");
    assert.equal(await text("#status"), "Fix the marked field.");
    await shot("card-letter-named");
    await card.press("Backspace");

    // Leaving an incomplete field: the final check says what is missing, and the status says so.
    await card.fill("");
    await card.pressSequentially("4111 1111");
    await page.locator("#fiat_amount").focus();
    assert.equal(await text("#number_card-error"), "Invalid format.");
    assert.match(await text("#status"), /^Final check: 1 field to fix\.$/);
    assert.match(await text("#announce"), /Card number: Invalid format\./);
    await shot("card-incomplete-after-blur");

    // Amex 4-6-5 (a 19-digit card comes with Corefy's 12-19 digit card service below).
    await card.fill("");
    await card.pressSequentially("378282246310005");
    assert.equal(await card.inputValue(), "3782 822463 10005");
    assert.equal(await text("#number_card-brand"), "Amex");
    await shot("card-amex-4-6-5");

    // Russian: labels, hint, messages and <html lang>.
    await page.selectOption("#locale", "ru");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "ru");
    assert.equal(await text("label[for=number_card]"), "Номер карты*");
    assert.equal(await text("#submit"), "Получить выплату");
    await card.fill("");
    await card.pressSequentially("4111 1111 1111 1112");
    assert.equal(await text("#number_card-error"), "Неверный номер карты.");
    await shot("ru-card-error");

    // Submit with the amount missing: nothing sent, every error shown, focus on the first.
    await card.fill("");
    await card.pressSequentially("4111111111111111");
    await page.locator("#submit").click();
    assert.equal(await text("#fiat_amount-error"), "Обязательное поле.");
    assert.match(await text("#status"), /^Не отправлено/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "fiat_amount");
    await shot("ru-submit-missing-amount");
    await page.locator("#fiat_amount").pressSequentially("1500,5");
    await page.locator("#submit").click();
    assert.equal(await text("#status"), "Готово: сервер подписывает и отправляет выплату.");
    assert.equal(await attr("#status", "data-state"), "valid");
    await shot("ru-submit-valid");

    // SBP: a phone number formatted by its country code, the tel keyboard.
    await page.selectOption("#locale", "en");
    await page.selectOption("#provider", "exotic:sbp");
    await waitForm("exotic:sbp");
    assert.equal(await attr("#phone_number", "type"), "tel");
    assert.equal(await attr("#phone_number", "autocomplete"), "tel");
    await page.locator("#phone_number").pressSequentially("+79161234567");
    assert.equal(await page.locator("#phone_number").inputValue(), "+7 916 123-45-67");
    await page.locator("#phone_number").pressSequentially("x");
    assert.equal(await text("#phone_number-error"), "A phone number has only digits, with + in front.");
    await shot("sbp-phone-letter");
    await page.locator("#phone_number").press("Backspace");

    // IBAN in groups of four, upper-cased as typed.
    await page.selectOption("#provider", "exotic:iban");
    await waitForm("exotic:iban");
    await page.locator("#iban_number").pressSequentially("de89370400440532013000");
    assert.equal(await page.locator("#iban_number").inputValue(), "DE89 3704 0044 0532 0130 00");
    assert.equal(await attr("#iban_number", "autocapitalize"), "characters");
    await page.locator("#iban_number").pressSequentially("1");
    assert.equal(await text("#iban_number-error"), "An IBAN from this country has 22 characters.");
    await shot("iban-too-long");

    // Corefy's card service (labels from the provider), Ukrainian: a Cyrillic name on the card.
    await page.selectOption("#locale", "uk");
    await page.selectOption("#provider", "corefy:card_uah");
    await waitForm("corefy:card_uah");
    assert.equal(await text("label[for=card_holder]"), "Власник картки*");
    await page.locator("#card_number").pressSequentially("2200123456789012345");
    assert.equal(await page.locator("#card_number").inputValue(), "2200 1234 5678 9012 345");
    assert.equal(await text("#card_number-brand"), "Мир");
    await page.locator("#card_holder").pressSequentially("Іван Петренко");
    assert.equal(await text("#card_holder-error"), "Використовуйте лише латинські літери.");
    await shot("uk-corefy-latin-letters");

    // Rules the page fetched raw (Corefy's public pre-request): the full build compiles them.
    await page.selectOption("#locale", "en");
    await page.selectOption("#provider", "corefy:test_usd");
    await waitForm("corefy:test_usd");
    assert.match(await text("#engine"), /full build/);
    await page.locator("#account").pressSequentially("12a");
    assert.equal(await text("#account-error"), "Invalid format.");
    await page.locator("#account").fill("12345");
    await page.locator("#amount").pressSequentially("10");
    assert.equal(await text("#status"), "All fields are valid.");
    await shot("corefy-prerequest-full-build");

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
    t.diagnostic(`screenshots (${shots.length}):\n${shots.join("\n")}`);
    if (shots.length) console.log(`checkout demo screenshots:\n  ${shots.join("\n  ")}`);
  }
});
