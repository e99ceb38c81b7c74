# payoutkit: `make demo` (the main job) and `make test` (every test in every runtime).
# Both set themselves up, idempotently: a second run skips what is already installed.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := test

ROOT        := $(CURDIR)
CARGO_HOME  ?= $(HOME)/.cargo
export PATH := $(CARGO_HOME)/bin:$(PATH)
TARGET_DIR  := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)
VENV        := $(ROOT)/.venv
PY          := $(VENV)/bin/python
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, byte for byte.
WBG_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
WASM_OUT    := $(TARGET_DIR)/wasm32-unknown-unknown/wasm-release/payoutkit_wasm.wasm
WASM_OPT    := $(ROOT)/bindings-wasm/node_modules/.bin/wasm-opt
NPM         := npm --no-audit --no-fund --loglevel=error
# Size guard of the browser module, gzip -9 bytes. The product budget is 150 KB (153,600 B)
# and is NOT met: signing + validation + builders and flows + regex-syntax/regex-automata with
# Unicode general categories measures ~266 KB (breakdown in the issue notes). This guard only
# stops regressions.
WASM_GZIP_BUDGET := 272000

export CHROMEDRIVER := /usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON := $(ROOT)/bindings-wasm/webdriver.json
export WASM_BINDGEN_TEST_TIMEOUT := 120

.PHONY: setup setup-system setup-rust setup-python setup-node build wasm-pkg python-wheel node-addon \
        test test-rust test-wasm test-python test-node test-types test-examples test-bench demo bench fuzz clean

# ---------------------------------------------------------------- set-up (idempotent)
setup: setup-system setup-rust setup-python setup-node

setup-system:
	if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then exit 0; fi
	SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo)
	$$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null

setup-rust:
	# pipefail keeps a rustup failure; only grep's "nothing left to print" is absorbed.
	rustup target add wasm32-unknown-unknown wasm32v1-none 2>&1 | { grep -v "is up to date" || true; }
	if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WBG_VERSION)" ]; then
	  cargo install wasm-bindgen-cli --version "$(WBG_VERSION)" --locked --force \
	    || cargo install wasm-bindgen-cli --version "$(WBG_VERSION)" --force
	fi
	cargo fetch --locked -q

setup-python:
	# A venv left half-made (no pip) is made again rather than trusted.
	[ -x $(VENV)/bin/pip ] || python3 -m venv --clear $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r bindings-python/requirements-dev.txt

setup-node:
	# `npm install` with the lockfile, not `npm ci`: the registry lacks other platforms'
	# optional packages, so `npm ci` rejects the lockfile.
	cd bindings-node && $(NPM) install
	cd $(ROOT)/bindings-wasm && $(NPM) install
	cd $(ROOT)/benches && $(NPM) install

# ---------------------------------------------------------------- builds
build: wasm-pkg python-wheel node-addon

# The browser/edge package: wasm-release profile, wasm-bindgen for `web` and `nodejs`, wasm-opt.
wasm-pkg: setup-rust setup-node
	cargo build --locked -q -p payoutkit-wasm --target wasm32-unknown-unknown --profile wasm-release
	for t in web nodejs; do
	  out=bindings-wasm/pkg-$${t%js}
	  wasm-bindgen --target $$t --out-dir $$out $(WASM_OUT)
	  $(WASM_OPT) -Oz --strip-debug --strip-producers $$out/payoutkit_wasm_bg.wasm -o $$out/payoutkit_wasm_bg.wasm
	  node bindings-wasm/write-package-json.mjs $$t $$out
	done
	raw=$$(stat -c%s bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm)
	gz=$$(gzip -9c bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm | wc -c)
	echo "wasm size: $$raw bytes raw, $$gz bytes gzip -9 (budget $(WASM_GZIP_BUDGET))"
	[ "$$gz" -le $(WASM_GZIP_BUDGET) ] || { echo "wasm over its size budget"; exit 1; }

# A real abi3 wheel, installed into .venv (tests import the installed wheel, not the tree).
python-wheel: setup-python
	rm -rf $(TARGET_DIR)/wheels
	$(VENV)/bin/maturin build --release --quiet -m bindings-python/Cargo.toml -o $(TARGET_DIR)/wheels
	wheel=$$(ls $(TARGET_DIR)/wheels/payoutkit-*-cp310-abi3-*.whl)
	$(VENV)/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps --no-index "$$wheel"
	echo "python wheel: $$(basename $$wheel)"

node-addon: setup-node
	cd bindings-node && npx napi build --platform --release   # types/shared.d.ts via napi.dtsHeaderFile

# ---------------------------------------------------------------- tests
test: setup test-rust test-wasm test-python test-node test-types test-examples test-bench
	echo "make test: all runtimes passed"

test-rust: setup-rust
	cargo test --locked -p payoutkit -- --nocapture 2>&1 | grep -Ev '^(test .* \.\.\. ok)?$$'
	cargo build --locked -q -p payoutkit --no-default-features --target wasm32v1-none   # no_std proof
	cargo clippy --locked -q --workspace --all-targets -- -D warnings
	cargo clippy --locked -q -p payoutkit-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo doc --locked -q -p payoutkit --no-deps
	# The fuzz targets must keep building (CI does not run them: `make fuzz` does).
	cargo build --locked -q --release --manifest-path fuzz/Cargo.toml

test-wasm: setup-system wasm-pkg
	cargo test --locked -p payoutkit-wasm --target wasm32-unknown-unknown --test vectors -- --nocapture
	WASM_BINDGEN_USE_BROWSER=1 cargo test --locked -p payoutkit-wasm --target wasm32-unknown-unknown --test vectors -- --nocapture
	cd bindings-wasm && node --test test/

test-python: python-wheel
	cd bindings-python && $(PY) -m pytest -q -p no:cacheprovider
	# The .pyi stubs must match the installed wheel (names, signatures, finality).
	cd $(TARGET_DIR) && $(PY) -m mypy.stubtest payoutkit

test-node: node-addon
	git diff --exit-code -- bindings-node/index.d.ts || { echo "index.d.ts is stale: commit the regenerated file"; exit 1; }
	cd bindings-node && node --test test/

# The README's payout examples (httpx, fetch) against a fake M4 that checks every signature:
# once answering at once, once answering the first create too late (the client times out and
# must look the payout up instead of paying twice).
test-examples: python-wheel node-addon
	# The README shows these programs verbatim.
	$(PY) -c 'import sys; r=open("README.md").read(); sys.exit(any(open(f).read() not in r for f in sys.argv[1:]))' \
	  examples/payout/payout.py examples/payout/payout.mjs || { echo "README's payout programs differ from examples/payout/"; exit 1; }
	mkdir -p examples/node_modules && ln -sfn ../../bindings-node examples/node_modules/payoutkit
	for slow in 0 1; do
	  log=$$(mktemp); out=$$(mktemp)
	  FAKE_M4_SLOW_FIRST_CREATE=$$slow $(PY) examples/payout/fake_m4.py > $$log & pid=$$!
	  until [ -s $$log ]; do sleep 0.1; done
	  export M4_SECRET=account-secret-key M4_BASE_URL=http://127.0.0.1:$$(head -1 $$log)/gateway/v1 POLL_INTERVAL=1 HTTP_TIMEOUT=1
	  PAYOUT_ID=py-$$slow $(PY) examples/payout/payout.py | tee -a $$out
	  PAYOUT_ID=js-$$slow node examples/payout/payout.mjs | tee -a $$out
	  kill $$pid; wait $$pid || true
	  echo "fake M4 (slow first create: $$slow): $$(tail -1 $$log)"
	  [ "$$(grep -c 'succeeded status=5 creates_sent=1' $$out)" = 2 ] || { echo "a payout example failed"; exit 1; }
	  $(PY) -c 'import json,sys; p=json.loads(sys.argv[1]); assert len(p)==2 and all(v["payouts"]==1 and v["status"]==5 for v in p.values()), p' "$$(tail -1 $$log)"
	done

# The benchmarks are not run here, but their code builds (clippy --all-targets covers the
# criterion bench) and every peer must agree with payoutkit in every runtime.
test-bench: setup-system python-wheel node-addon wasm-pkg
	$(PY) benches/bench.py --check
	node benches/bench-node.mjs --check
	node benches/bench-browser.mjs --check

# The published .d.ts files (addon and browser package) type-check a usage file, strictly.
test-types: wasm-pkg node-addon
	bindings-wasm/node_modules/.bin/tsc --noEmit --strict --target es2022 --lib es2022,esnext.disposable,dom \
	  --module nodenext --moduleResolution nodenext tests/js/types.ts
	echo "types: tests/js/types.ts type-checks against both .d.ts files"

# ---------------------------------------------------------------- fuzz (not part of make test)
FUZZ_RUNS    ?= 10000000
FUZZ_SECONDS ?= 1800
FUZZ_TARGETS := sign callback pattern validate classify flow_restore wire
fuzz: setup-rust
	command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.2
	fuzz/run.sh $(FUZZ_RUNS) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ---------------------------------------------------------------- demo
demo: setup build
	out=$$(mktemp)
	{ cargo run --locked -q -p payoutkit --example demo
	  $(PY) examples/demo.py
	  node examples/demo.mjs node
	  node examples/demo.mjs wasm; } | tee "$$out"
	n=$$(grep -c 77a6f7a30876d480d4e771d08cb83800dd5cb874664c77e515ffc052b20293c6 "$$out")
	echo
	echo "M4 docs example signature 77a6f7a3…93c6 printed by $$n of 4 runtimes (rust, python, node, wasm)"
	[ "$$n" = 4 ]
	# The browser checkout (validation as you type): serves until Ctrl-C in a terminal.
	node examples/checkout/serve.mjs $${DEMO_PORT:-8080}

# Benchmarks (not part of `make test`; it only checks they build and that the peers agree):
# payoutkit against what users would write instead, in every runtime, side by side in one
# run; writes BENCHMARKS.md. Run it on a quiet machine: it takes about 5 minutes.
bench: setup build
	rm -rf $(TARGET_DIR)/bench $(TARGET_DIR)/criterion
	cargo bench --locked -q -p payoutkit --bench core
	$(PY) benches/bench.py
	node benches/bench-node.mjs
	node benches/bench-browser.mjs
	$(PY) benches/report.py
	cargo run --locked -q --release -p payoutkit --example pattern_time

clean:
	rm -rf target bindings-wasm/pkg-web bindings-wasm/pkg-node bindings-node/*.node
