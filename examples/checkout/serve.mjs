// Serves the repository root on 127.0.0.1 for the checkout demo and the browser tests
// (ES modules and .wasm need a real origin, not file://).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm", ".css": "text/css" };

export function serve(port = 0, routes = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (routes[path]) return res.writeHead(200, { "content-type": TYPES[".json"] }).end(routes[path]());
    const file = join(ROOT, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(ROOT)) return res.writeHead(403).end();
    let body;
    try {
      body = await readFile(file);
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

// `node examples/checkout/serve.mjs [port]`: serve until interrupted (interactive), or check
// once and exit when there is no terminal (CI, scripts).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(Number(process.argv[2] ?? 8080));
  const url = `http://127.0.0.1:${server.address().port}/examples/checkout/`;
  const ok = (await fetch(url)).ok && (await fetch(new URL("/bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm", url))).ok;
  console.log(`checkout demo: ${url} (${ok ? "serving" : "NOT serving: build the WASM package first"})`);
  if (!process.stdin.isTTY || !ok) {
    server.close();
    process.exitCode = ok ? 0 : 1;
  } else {
    console.log("Ctrl-C to stop");
  }
}
