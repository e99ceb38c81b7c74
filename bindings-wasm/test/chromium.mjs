// Debian's Chromium driven by playwright-core (no browser download), with the flags this
// machine needs (no background networking: the network is closed).
import { existsSync } from "node:fs";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launch() {
  assert.ok(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: run \`make setup\``);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
}
