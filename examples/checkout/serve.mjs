// Serves the repository root on 127.0.0.1 for the checkout demo and the browser tests (ES
// modules and .wasm need a real origin, not file://), compressed as a production server
// would: brotli or gzip by Accept-Encoding (compressed once, kept in memory), with ETags.
//
// It is also the demo's "server": GET /api/bundle?form=exotic:card answers the validator
// bundle of a form (base64 text), made from the provider's rules by payoutkit's full build
// (the native core, `core/examples/checkout_cases bundle`; a Python or Node server calls
// `validator.bundle()`), which the page runs in the checkout module.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
  ".wasm": "application/wasm", ".css": "text/css", ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".json", ".wasm", ".css", ".txt", ".svg"]);

/** The forms the demo offers, as validator sources (tests/vectors/VALIDATION.md "VSRC"). */
export const FORMS = {
  "exotic:card": { exotic: "card" },
  "exotic:sbp": { exotic: "sbp" },
  "exotic:iban": { exotic: "iban" },
  "corefy:card_uah": {
    corefy_prerequest: JSON.stringify({ data: { services: { card_uah: {
      fields: [
        { key: "card_number", type: "string", regexp: "/^\\d{12,19}$/", required: true,
          label: { en: "Card number", ru: "Номер карты", uk: "Номер картки" } },
        { key: "card_holder", type: "string", regexp: "/^([A-Za-z]+)\\s([A-Za-z]+)$/", required: true,
          label: { en: "Cardholder", ru: "Держатель карты", uk: "Власник картки" },
          hint: { en: "Name and surname as on the card", ru: "Имя и фамилия как на карте", uk: "Ім'я та прізвище як на картці" } },
      ],
      amount_min: 1.5, amount_max: 50000 } } } }),
    service: "card_uah",
  },
};

const BUNDLER = join(ROOT, "target/release/examples/checkout_cases");
const bundles = new Map();

/** A form's bundle (base64), made once. */
export function bundle(form) {
  if (!FORMS[form]) return Promise.resolve(null);
  if (!bundles.has(form)) {
    bundles.set(form, new Promise((ok, fail) =>
      execFile(BUNDLER, ["bundle", JSON.stringify(FORMS[form])], (e, out) => (e ? fail(e) : ok(out.trim())))));
  }
  return bundles.get(form);
}

const cache = new Map();

/** A file's body in the encoding the client takes best (br, gzip, or none), and its ETag. */
async function encoded(file, accept) {
  let entry = cache.get(file);
  if (!entry) {
    const raw = await readFile(file);
    const ext = extname(file);
    entry = {
      raw,
      etag: `"${createHash("sha256").update(raw).digest("base64url").slice(0, 22)}"`,
      br: COMPRESSIBLE.has(ext) ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : null,
      gzip: COMPRESSIBLE.has(ext) ? gzipSync(raw, { level: 9 }) : null,
    };
    // Files change while developing: keep them only for this process's tests and demo.
    cache.set(file, entry);
  }
  const wants = (e) => new RegExp(`(^|,)\\s*${e}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[0-9.]+)?\\s*(,|$)`).test(accept ?? "");
  if (entry.br && wants("br")) return { body: entry.br, encoding: "br", etag: entry.etag };
  if (entry.gzip && wants("gzip")) return { body: entry.gzip, encoding: "gzip", etag: entry.etag };
  return { body: entry.raw, encoding: null, etag: entry.etag };
}

export function serve(port = 0, routes = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const path = normalize(decodeURIComponent(url.pathname));
    if (routes[path]) return res.writeHead(200, { "content-type": TYPES[".json"] }).end(routes[path]());
    if (path === "/api/bundle") {
      try {
        const b = await bundle(url.searchParams.get("form") ?? "");
        if (b === null) return res.writeHead(404).end();
        return res.writeHead(200, { "content-type": TYPES[".txt"], "cache-control": "no-cache" }).end(b);
      } catch (e) {
        return res.writeHead(503, { "content-type": TYPES[".txt"] }).end(`no bundle: build core/examples/checkout_cases (${e.message})`);
      }
    }
    const file = join(ROOT, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(ROOT)) return res.writeHead(403).end();
    let out;
    try {
      out = await encoded(file, req.headers["accept-encoding"]);
    } catch {
      return res.writeHead(404).end();
    }
    const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", etag: out.etag, vary: "accept-encoding", "cache-control": "no-cache" };
    if (out.encoding) headers["content-encoding"] = out.encoding;
    if (req.headers["if-none-match"] === out.etag) return res.writeHead(304, headers).end();
    res.writeHead(200, { ...headers, "content-length": out.body.length }).end(out.body);
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

// `node examples/checkout/serve.mjs [port]`: serve until interrupted (interactive), or check
// once and exit when there is no terminal (CI, scripts).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(Number(process.argv[2] ?? 8080));
  const url = `http://127.0.0.1:${server.address().port}/examples/checkout/`;
  const get = (p, enc) => fetch(new URL(p, url), { headers: { "accept-encoding": enc ?? "br, gzip" } });
  const page = await get("./");
  const module = await get("/bindings-wasm/checkout/pkg/payoutkit_checkout.wasm");
  const rules = await get("/api/bundle?form=exotic:card");
  const ok = page.ok && module.ok && rules.ok;
  console.log(`checkout demo: ${url} (${ok ? "serving" : "NOT serving: build the checkout module and the bundler first (make -f checkout.mk checkout)"})`);
  if (ok) console.log(`  compressed: page ${page.headers.get("content-encoding")}, checkout module ${module.headers.get("content-encoding")}`);
  if (!process.stdin.isTTY || !ok) {
    server.close();
    process.exitCode = ok ? 0 : 1;
  } else {
    console.log("Ctrl-C to stop");
  }
}
