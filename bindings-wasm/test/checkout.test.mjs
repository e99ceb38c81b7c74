// The checkout demo page (examples/checkout) in real headless Chromium, as a payee uses it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../../examples/checkout/serve.mjs";
import { launch } from "./chromium.mjs";

test("checkout: a bad card shows the Luhn message in Russian; fixed, the form is valid", async () => {
  const server = await serve(0);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/examples/checkout/`);
    await page.waitForFunction(() => window.__checkoutReady === true, null, { timeout: 30_000 });
    const text = (sel) => page.locator(sel).textContent();

    await page.selectOption("#locale", "ru");
    await page.locator("#number_card").pressSequentially("4111 1111 1111 1112");
    assert.equal(await text("#number_card-msg"), "Неверный номер карты.");
    assert.equal(await text("#status"), "invalid");
    assert.equal(await page.locator("#number_card").getAttribute("aria-invalid"), "true");

    await page.locator("#number_card").fill("");
    await page.locator("#number_card").pressSequentially("4111 1111 1111 1111");
    assert.equal(await text("#number_card-msg"), "");
    assert.equal(await text("#status"), "typing"); // amount still missing
    await page.locator("#fiat_amount").fill("1500.00");
    assert.equal(await text("#status"), "valid");
    assert.equal(await text("#masked"), "visa 411111******1111");

    await page.selectOption("#locale", "uk");
    await page.locator("#fiat_amount").fill("1500.005");
    assert.equal(await text("#fiat_amount-msg"), "Не більше 2 знаків після коми.");

    // Corefy rules come from its pre-request response (over-escaped patterns and all).
    await page.selectOption("#provider", "corefy:test_usd");
    await page.selectOption("#locale", "en");
    await page.locator("#account").pressSequentially("12a");
    assert.equal(await text("#account-msg"), "Invalid format.");
    await page.locator("#account").fill("12345");
    await page.locator("#amount").fill("10");
    assert.equal(await text("#status"), "valid");
    await page.locator("#amount").fill("10000000");
    assert.equal(await text("#amount-msg"), "The maximum amount is 9999999.");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
