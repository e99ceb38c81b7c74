"""The packages as users receive them: installed outside the repository from the built
artifacts (wheel, sdist, npm tarballs), and every block of the README run there.

    python tests/e2e/run.py --artifacts target/artifacts --workdir /tmp/payoutkit-e2e   (make test-e2e)

What runs where (a README block whose kind is not listed here fails the run: a block that is
not run is a defect):

- ``sh install-wheel`` / ``sh install-sdist``: in a new venv each (cwd: a folder holding the
  artifacts); every ``python`` block then runs in both venvs, and mypy --strict and pyright
  check every ``python`` block against the installed package.
- ``sh install-node``: in a fresh npm project; ``js`` blocks run there as ES modules,
  ``cjs`` blocks as CommonJS; the whole vector corpus runs through the installed package
  forced onto its WebAssembly fallback; tsc --strict checks a usage file (ESM and CJS).
- ``sh install-web``: in a fresh npm project with vite, esbuild and webpack; the ``js
  browser`` block is the entry of a page bundled by each (and loaded without a bundler by a
  plain ``<script type="module">``), each page loaded in headless Chromium; tsc --strict with
  the default lib checks the package's types.
- tags after the language name say what a block needs: ``payout`` (a provider simulator
  with faults, its URL in the environment), ``webhook`` (the block is a server: the run
  sends it signed and forged callbacks and checks the answers), ``worker`` (the simulator
  and a throw-away PostgreSQL server as ``PAYOUTKIT_STORE``; every payout must end done as
  the simulator's ledger has it, made once). The Node project also runs the installed package's bins (``npx payoutkit``,
  ``npx payoutkit-worker``).
- ``sh dev`` (``make demo`` / ``make test``): the repository's own commands, run by CI itself.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NPM = ["npm", "--no-audit", "--no-fund", "--loglevel=error"]
# What users install beside payoutkit to run the README's examples and check its types.
PY_TOOLS = ["psycopg[binary]==3.3.9", "mypy==2.4.1", "pyright==1.1.414", "httpx==0.28.1", "fastapi==0.165.0", "uvicorn==0.55.0", "requests==2.34.2"]
WEB_TOOLS = ["vite@8.4.1", "esbuild@0.28.2", "webpack@5.113.0", "webpack-cli@7.3.1", "typescript@5.9.3", "playwright-core@1.64.1"]


def log(msg: str) -> None:
    print(f"e2e: {msg}", flush=True)


def sh(cmd: list[str] | str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900) -> str:
    """Run a command; its output is returned, and shown with the command when it fails."""
    shell = isinstance(cmd, str)
    r = subprocess.run(cmd, cwd=cwd, env=env, shell=shell, executable="/bin/bash" if shell else None,
                       capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        sys.exit(f"e2e: failed ({r.returncode}) in {cwd}: {cmd}\n{r.stdout}\n{r.stderr}")
    return r.stdout


def blocks(readme: Path) -> list[dict]:
    """Every fenced block: language, tags, code, line."""
    out, lines, i = [], readme.read_text("utf-8").splitlines(), 0
    while i < len(lines):
        m = re.match(r"^```(\S*)(.*)$", lines[i])
        if not m:
            i += 1
            continue
        start, lang, tags = i + 1, m.group(1), set(m.group(2).split())
        i += 1
        body = []
        while not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        i += 1
        out.append({"lang": lang, "tags": tags, "code": "\n".join(body) + "\n", "line": start})
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, proc: subprocess.Popen, seconds: float = 30) -> None:
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            sys.exit(f"e2e: the server exited early:\n{proc.stdout.read() if proc.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"e2e: nothing listens on {port}")


def env_with(base: dict[str, str], path_first: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in base.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "PAYOUTKIT_BACKEND"))}
    if path_first:
        env["PATH"] = f"{path_first}:{env['PATH']}"
    env.update(extra)
    return env


class Run:
    def __init__(self, artifacts: Path, work: Path, python: str) -> None:
        self.artifacts, self.work, self.python = artifacts.resolve(), work, python
        self.blocks = blocks(ROOT / "README.md")
        self.ran: dict[int, list[str]] = {b["line"]: [] for b in self.blocks}
        self.base = dict(os.environ)

    def mark(self, block: dict, where: str) -> None:
        self.ran[block["line"]].append(where)

    def of(self, lang: str, *tags: str, exact: bool = False) -> list[dict]:
        return [b for b in self.blocks if b["lang"] == lang and set(tags) <= b["tags"] and (not exact or b["tags"] == set(tags))]

    def artifact_dir(self, name: str) -> Path:
        """A folder with the artifacts, as a user has the downloaded files in front of them."""
        d = self.work / name
        d.mkdir(parents=True)
        for f in self.artifacts.iterdir():
            if f.suffix in (".whl", ".gz", ".tgz"):
                shutil.copy(f, d / f.name)
        return d

    # ------------------------------------------------------------------------- Python
    def python_env(self, kind: str) -> tuple[Path, float]:
        venv = self.work / f"py-{kind}"
        sh([self.python, "-m", "venv", str(venv)], self.work)
        started = time.time()
        for b in self.of("sh", f"install-{kind}"):
            sh(b["code"], self.artifact_dir(f"download-{kind}"), env_with(self.base, venv / "bin"), timeout=1800)
            self.mark(b, kind)
        took = time.time() - started
        sh([str(venv / "bin/pip"), "install", "-q", "--disable-pip-version-check", *PY_TOOLS], self.work)
        return venv, took

    def python_blocks(self, venv: Path, kind: str, runners: dict[str, Callable]) -> None:
        d = self.work / f"py-blocks-{kind}"
        d.mkdir()
        files = []
        for n, b in enumerate(self.of("python")):
            f = d / f"block_{b['line']}.py"
            f.write_text(b["code"])
            files.append(f)
            tag = next((t for t in b["tags"] if t in runners), None)
            runners[tag](b, f, venv)
            self.mark(b, f"python/{kind}")
        if kind == "wheel":
            py = str(venv / "bin/python")
            sh([py, "-m", "mypy", "--strict", "--no-incremental", *map(str, files)], d)
            sh([str(venv / "bin/pyright"), "--pythonpath", py, *map(str, files)], d, env_with(self.base, venv / "bin"))
            log(f"{len(files)} README Python blocks pass mypy --strict and pyright")

    def run_python(self, block: dict, file: Path, venv: Path) -> None:
        out = sh([str(venv / "bin/python"), str(file)], file.parent, env_with(self.base, venv / "bin"))
        log(f"python block (README line {block['line']}): {out.strip().splitlines()[-1] if out.strip() else 'ok'}")

    # ---------------------------------------------------------------------------- Node
    def node_project(self) -> Path:
        d = self.work / "node"
        d.mkdir()
        sh([*NPM, "init", "-y"], d)
        for b in self.of("sh", "install-node"):
            downloads = self.artifact_dir("download-node")
            for f in downloads.iterdir():
                shutil.copy(f, d / f.name)
            sh(b["code"], d)
            self.mark(b, "node")
        return d

    def node_blocks(self, d: Path, runners: dict[str, Callable]) -> None:
        for b in self.of("js") + self.of("cjs"):
            if b["tags"] & {"browser", "checkout"}:
                continue
            f = d / f"block_{b['line']}.{'cjs' if b['lang'] == 'cjs' else 'mjs'}"
            f.write_text(b["code"])
            tag = next((t for t in b["tags"] if t in runners), None)
            runners[tag](b, f, d)
            self.mark(b, f"node/{f.suffix[1:]}")

    def run_node(self, block: dict, file: Path, d: Path) -> None:
        out = sh(["node", str(file)], d)
        log(f"{file.suffix[1:]} block (README line {block['line']}): {out.strip().splitlines()[-1] if out.strip() else 'ok'}")

    def node_package_checks(self, d: Path) -> None:
        pkg = d / "node_modules" / "payoutkit"
        info = json.loads((pkg / "package.json").read_text())
        assert info["exports"]["."]["import"] and info["exports"]["."]["require"], info
        for backend in ("native", "wasm"):
            out = sh(["node", "-e", "const p=require('payoutkit'); console.log(p.backend)"], d, env_with(self.base, PAYOUTKIT_BACKEND=backend))
            assert out.strip() == backend, out
        out = sh(["node", "--input-type=module", "-e", "import { backend, m4 } from 'payoutkit'; console.log(backend, typeof m4.sign)"], d)
        assert out.strip() == "native function", out
        # The whole corpus through the installed package forced onto the WebAssembly fallback.
        test = d / "corpus.test.mjs"
        test.write_text(
            f'import {{ createRequire }} from "node:module";\n'
            f'import {{ runVectors, runPrintoutChecks }} from {json.dumps(str(ROOT / "tests/js/harness.mjs"))};\n'
            'const lib = createRequire(import.meta.url)("payoutkit");\n'
            'if (lib.backend !== "wasm") throw new Error("the fallback was not used");\n'
            'runVectors(lib, "installed payoutkit (wasm fallback)");\nrunPrintoutChecks(lib, "installed payoutkit (wasm fallback)");\n'
        )
        out = sh(["node", "--test", str(test)], d, env_with(self.base, PAYOUTKIT_BACKEND="wasm"), timeout=1800)
        summary = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", out, re.M))
        assert summary.get("fail") == "0", out[-3000:]
        log(f"installed payoutkit on its WebAssembly fallback: {summary['pass']} of {summary['tests']} corpus tests pass")
        # Types: ESM and CJS consumers, tsc --strict.
        sh([*NPM, "install", "typescript@5.9.3", "@types/node@20"], d)
        shutil.copy(HERE / "types-node.mts", d / "types-node.mts")
        shutil.copy(HERE / "types-node.cts", d / "types-node.cts")
        sh(["npx", "tsc", "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022",
            "types-node.mts", "types-node.cts"], d)
        log("payoutkit's types check under tsc --strict (ESM and CJS)")

    # ----------------------------------------------------------------------------- web
    def web_project(self) -> Path:
        d = self.work / "web"
        d.mkdir()
        sh([*NPM, "init", "-y"], d)
        sh([*NPM, "pkg", "set", "type=module"], d)  # a front-end project's source is ES modules
        for f in self.artifact_dir("download-web").iterdir():
            shutil.copy(f, d / f.name)
        for b in self.of("sh", "install-web"):
            sh(b["code"], d)
            self.mark(b, "web")
        sh([*NPM, "install", *WEB_TOOLS], d, timeout=1800)
        return d

    def web_pages(self, d: Path) -> None:
        browser = self.of("js", "browser")
        assert len(browser) == 1, "the README has one browser example"
        b = browser[0]
        (d / "src").mkdir()
        (d / "src" / "main.js").write_text(b["code"])
        html = (HERE / "page.html").read_text()
        # vite: index.html at the root, the entry under src/.
        (d / "index.html").write_text(html.replace("%ENTRY%", "/src/main.js"))
        sh(["npx", "vite", "build", "--outDir", "dist-vite", "--logLevel", "error"], d)
        # esbuild: one ES module bundle beside the page.
        (d / "dist-esbuild").mkdir()
        sh(["npx", "esbuild", "src/main.js", "--bundle", "--format=esm", "--outfile=dist-esbuild/main.js", "--log-level=warning"], d)
        (d / "dist-esbuild" / "index.html").write_text(html.replace("%ENTRY%", "./main.js"))
        # webpack: production build of the same entry.
        (d / "webpack.config.cjs").write_text((HERE / "webpack.config.cjs").read_text())
        sh(["npx", "webpack", "--config", "webpack.config.cjs"], d)
        (d / "dist-webpack" / "index.html").write_text(html.replace("%ENTRY%", "./main.js"))
        # No bundler: the page imports the package from node_modules through an import map.
        plain = html.replace('<script type="module" src="%ENTRY%"></script>',
                             '<script type="importmap">{"imports": {"payoutkit-wasm": "/node_modules/payoutkit-wasm/index.js"}}</script>\n'
                             '<script type="module" src="/src/main.js"></script>')
        (d / "plain.html").write_text(plain)
        shutil.copy(HERE / "pages.mjs", d / "pages.mjs")
        out = sh(["node", "pages.mjs"], d, timeout=600)
        log(out.strip())
        self.mark(b, "browser")
        self.checkout_pages(d)
        shutil.copy(HERE / "types-web.ts", d / "types-web.ts")
        sh(["npx", "tsc", "--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "types-web.ts"], d)
        log("payoutkit-wasm's types check under tsc --strict with the default lib")

    def checkout_pages(self, d: Path) -> None:
        """The light checkout module's block: a page with a validator bundle made by the
        installed Node package (as the server would), loaded without a bundler and built by vite."""
        checkout = self.of("js", "checkout")
        assert len(checkout) == 1, "the README has one checkout example"
        b = checkout[0]
        node = self.work / "node"
        bundle = sh(["node", "-e", 'process.stdout.write(require("payoutkit").Validator.forExotic("card").bundle())'], node).strip()
        assert re.fullmatch(r"[A-Za-z0-9+/=]+", bundle), bundle[:200]
        rules = f'<script type="application/json" id="payout-rules">{bundle}</script>\n'
        html = (HERE / "page.html").read_text()
        page = html.replace('<script type="module"', rules + '<script type="module"', 1)
        (d / "src" / "checkout.js").write_text(b["code"])
        plain = page.replace('<script type="module" src="%ENTRY%"></script>',
                             '<script type="importmap">{"imports": {"payoutkit-checkout": "/node_modules/payoutkit-checkout/checkout.mjs"}}</script>\n'
                             '<script type="module" src="/src/checkout.js"></script>')
        (d / "checkout.html").write_text(plain)
        app = d / "checkout-app"
        app.mkdir()
        (app / "index.html").write_text(page.replace("%ENTRY%", "/main.js"))
        shutil.copy(d / "src" / "checkout.js", app / "main.js")
        sh(["npx", "vite", "build", "checkout-app", "--outDir", "../dist-vite-checkout", "--logLevel", "error"], d)
        pages = [["no bundler", ".", "checkout.html"], ["vite", "dist-vite-checkout", "index.html"]]
        out = sh(["node", "pages.mjs", json.dumps(pages), "the README's checkout-module example"], d, timeout=600)
        log(out.strip())
        # The package's own README shows the same example (the code that just ran).
        shipped = blocks(d / "node_modules" / "payoutkit-checkout" / "README.md")
        assert shipped and all(x["code"] == b["code"] for x in shipped), "payoutkit-checkout's README differs from the example run"
        self.mark(b, "checkout")

    def rust_blocks(self) -> None:
        """The Rust blocks are the core crate's README doctests (core/src/lib.rs includes the
        README): a Rust user meets them as the crate's documentation, so run them as that."""
        rust = self.of("rust")
        if not rust:
            return
        out = sh(["cargo", "test", "--locked", "--doc", "-p", "payoutkit", "ReadmeDoctests"], ROOT)
        m = re.search(r"test result: ok\. (\d+) passed", out)
        if not m or int(m.group(1)) != len(rust):
            sys.exit(f"e2e: expected {len(rust)} README doctest(s) to pass, cargo said:\n{out}")
        for b in rust:
            self.mark(b, "doctest")
        log(f"{len(rust)} README Rust block(s) ran as the core's doctests")

    def check_all_ran(self) -> None:
        skipped = [b for b in self.blocks if not self.ran[b["line"]] and not (b["lang"] in ("", "text", "console") or "dev" in b["tags"])]
        if skipped:
            sys.exit("e2e: README blocks that nothing ran: " + ", ".join(f"line {b['line']} ({b['lang']} {' '.join(sorted(b['tags']))})" for b in skipped))
        log(f"every README block ran ({sum(1 for b in self.blocks if self.ran[b['line']])} blocks)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--artifacts", type=Path, required=True)
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--python", default="python3")
    a = ap.parse_args()
    work = a.workdir.resolve()
    if work == ROOT or ROOT in work.parents:
        sys.exit("e2e: the work folder must be outside the repository")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run = Run(a.artifacts, work, a.python)
    from fixtures import python_runners, node_runners  # noqa: E402  (beside this file)

    for kind in ("wheel", "sdist"):
        venv, took = run.python_env(kind)
        log(f"installed the {kind} into a new venv in {took:.0f} s")
        run.python_blocks(venv, kind, python_runners(run, venv))
        if kind == "wheel":
            wheel_venv = venv
    node = run.node_project()
    run.node_package_checks(node)
    run.node_blocks(node, node_runners(run, node, wheel_venv))
    web = run.web_project()
    run.web_pages(web)
    run.rust_blocks()
    run.check_all_ran()


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
