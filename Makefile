# payoutkit: `make demo` (the main job) and `make test` (every test in every runtime, and
# the packages installed outside the repository the way users receive them).
# Both set themselves up, idempotently: a second run skips what is already installed.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := test

ROOT        := $(CURDIR)
CARGO_HOME  ?= $(HOME)/.cargo
TARGET_DIR  := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)
VENV        := $(ROOT)/.venv
PY          := $(VENV)/bin/python
# cargo-zigbuild and the zig shim (zig from the `ziglang` wheel) for linking against glibc 2.17.
ZIG_SHIM    := $(TARGET_DIR)/zig-shim
export PATH := $(ZIG_SHIM):$(VENV)/bin:$(CARGO_HOME)/bin:$(PATH)
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, byte for byte.
WBG_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
VERSION     := $(shell sed -n '/^\[workspace.package\]/,/^\[/{s/^version = "\(.*\)"/\1/p;}' Cargo.toml)
WASM_OUT    := $(TARGET_DIR)/wasm32-unknown-unknown/wasm-release/payoutkit_wasm.wasm
WASM_OPT    := $(ROOT)/bindings-wasm/node_modules/.bin/wasm-opt
NPM         := npm --no-audit --no-fund --loglevel=error
# Built packages (wheel, sdist, npm tarballs) and the place they are installed as users
# would, outside the repository.
ARTIFACTS   := $(TARGET_DIR)/artifacts
E2E         := $(or $(PAYOUTKIT_E2E),$(shell dirname $$(mktemp -u))/payoutkit-e2e)
# The oldest glibc the Linux binaries (wheel, addon) may need: manylinux2014.
GLIBC_MAX   := 2.17
# Size guard of the edge/server WebAssembly module (signing, builders, flows, the pattern
# compiler), gzip -9 bytes: it only stops regressions, ~3% above 318,825 B measured this round
# (266,579 B at its start: the kinds/format tables, explain, callback verdicts, store schema and
# const-hex came in). Browsers that only validate load the checkout module instead (checkout.mk,
# 60 KB budget).
WASM_GZIP_BUDGET := 330000

export CHROMEDRIVER := /usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON := $(ROOT)/bindings-wasm/webdriver.json
export WASM_BINDGEN_TEST_TIMEOUT := 120

.PHONY: setup setup-system setup-rust setup-python setup-node generate check-generated build addon wasm wheel sdist \
        npm-pack test test-rust test-wasm test-python test-node test-e2e test-scale test-bench \
        test-demo lint-workflow demo bench soak fuzz clean

# ---------------------------------------------------------------- set-up (idempotent)
setup: setup-system setup-rust setup-python setup-node

# Chromium for the browser tests, PostgreSQL for the stores' tests (tests/pg.sh starts
# throw-away servers on 127.0.0.1).
setup-system:
	if command -v chromium >/dev/null && command -v chromedriver >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
	SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo)
	$$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver postgresql >/dev/null

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
	mkdir -p $(ZIG_SHIM)
	printf '#!/bin/sh\nexec "%s" -m ziglang "$$@"\n' "$(PY)" > $(ZIG_SHIM)/zig
	chmod +x $(ZIG_SHIM)/zig

# npm ci from the committed locks (never rewritten); skipped when node_modules is newer.
NPM_CI = [ $(1)/node_modules/.package-lock.json -nt $(1)/package-lock.json ] || (cd $(1) && $(NPM) ci)
setup-node:
	$(call NPM_CI,$(ROOT)/bindings-wasm)
	$(call NPM_CI,$(ROOT)/benches)
	# pg and better-sqlite3 for the Node worker's tests (optional peers for users)
	$(call NPM_CI,$(ROOT)/bindings-node)

# ---------------------------------------------------------------- generated files
# The core describes its API (ops, providers, endpoint rows); the JS table and types and the
# Python stubs are written from that. check-generated regenerates every generated file
# (these, the vectors, the IBAN table) into a temporary folder and fails on a difference.
$(TARGET_DIR)/describe.json: $(shell find core/src -name '*.rs') core/examples/describe.rs
	cargo run --locked -q -p payoutkit --example describe > $@

generate: $(TARGET_DIR)/describe.json
	node js/gen.mjs js < $<
	python3 bindings-python/gen_stubs.py bindings-python/python/payoutkit < $<

check-generated: setup-python $(TARGET_DIR)/describe.json
	tmp=$$(mktemp -d)
	mkdir -p $$tmp/js $$tmp/py $$tmp/vectors $$tmp/iban
	node js/gen.mjs $$tmp/js < $(TARGET_DIR)/describe.json
	python3 bindings-python/gen_stubs.py $$tmp/py < $(TARGET_DIR)/describe.json
	for f in api-table.mjs api.d.ts; do diff -u js/$$f $$tmp/js/$$f; done
	for f in $$tmp/py/*.pyi; do diff -u bindings-python/python/payoutkit/$$(basename $$f) $$f; done
	$(PY) tests/vectors/regenerate.py $$tmp/vectors --compare
	python3 core/src/validate/gen_iban_table.py > $$tmp/iban/iban_table.rs
	diff -u core/src/validate/iban_table.rs $$tmp/iban/iban_table.rs
	rm -rf $$tmp
	echo "generated files: up to date"

# ---------------------------------------------------------------- builds
build: addon wasm wheel sdist npm-pack

# The native addon, linked against glibc 2.17 with zig (runs on Debian 9+, RHEL 7+, Lambda).
addon: setup-python setup-rust
	cargo zigbuild --locked -q --release -p payoutkit-node --target x86_64-unknown-linux-gnu.$(GLIBC_MAX)
	cp $(TARGET_DIR)/x86_64-unknown-linux-gnu/release/libpayoutkit_node.so bindings-node/payoutkit.linux-x64-gnu.node
	glibc=$$(objdump -T bindings-node/payoutkit.linux-x64-gnu.node | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -1)
	echo "node addon: needs $$glibc at most"
	[ "$$(printf '%s\n' "$$glibc" "GLIBC_$(GLIBC_MAX)" | sort -V | tail -1)" = "GLIBC_$(GLIBC_MAX)" ] || { echo "the addon needs $$glibc > $(GLIBC_MAX)"; exit 1; }

# The WebAssembly build: the browser/edge package (pkg-web) and the Node package's fallback.
wasm: setup-rust setup-node
	cargo build --locked -q -p payoutkit-wasm --target wasm32-unknown-unknown --profile wasm-release
	wasm-bindgen --target web --weak-refs --out-dir bindings-wasm/pkg-web $(WASM_OUT)
	wasm-bindgen --target nodejs --weak-refs --out-dir bindings-node/wasm $(WASM_OUT)
	for w in bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm bindings-node/wasm/payoutkit_wasm_bg.wasm; do
	  $(WASM_OPT) -Oz --strip-debug --strip-producers $$w -o $$w
	done
	rm -f bindings-wasm/pkg-web/*.d.ts bindings-node/wasm/*.d.ts bindings-wasm/pkg-web/.gitignore bindings-node/wasm/.gitignore
	node js/build.mjs web
	raw=$$(stat -c%s bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm)
	gz=$$(gzip -9c bindings-wasm/pkg-web/payoutkit_wasm_bg.wasm | wc -c)
	echo "wasm (edge/server build): $$raw bytes raw, $$gz bytes gzip -9 (guard $(WASM_GZIP_BUDGET))"
	[ "$$gz" -le $(WASM_GZIP_BUDGET) ] || { echo "wasm over its size guard"; exit 1; }

# The abi3 wheel for CPython >= 3.10 on glibc >= 2.17 (manylinux2014), installed into .venv
# for the in-repository tests; the same file is what the e2e test installs elsewhere.
wheel: setup-python setup-rust
	mkdir -p $(ARTIFACTS)
	rm -f $(ARTIFACTS)/payoutkit-*.whl
	maturin build --locked --release --quiet --zig --compatibility manylinux2014 -m bindings-python/Cargo.toml -o $(ARTIFACTS)
	whl=$$(ls $(ARTIFACTS)/payoutkit-$(VERSION)-cp310-abi3-*.whl)
	case "$$whl" in *manylinux2014_x86_64*) ;; *) echo "unexpected wheel tag: $$whl"; exit 1;; esac
	tmp=$$(mktemp -d); $(PY) -m zipfile -e "$$whl" $$tmp
	glibc=$$(objdump -T $$tmp/payoutkit/_native*.so | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -1); rm -rf $$tmp
	echo "python wheel: $$(basename $$whl), $$(stat -c%s $$whl) bytes, needs $$glibc at most"
	[ "$$(printf '%s\n' "$$glibc" "GLIBC_$(GLIBC_MAX)" | sort -V | tail -1)" = "GLIBC_$(GLIBC_MAX)" ] || { echo "the wheel needs $$glibc > $(GLIBC_MAX)"; exit 1; }
	$(VENV)/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps --no-index "$$whl"

sdist: setup-python
	mkdir -p $(ARTIFACTS)
	rm -f $(ARTIFACTS)/payoutkit-*.tar.gz
	maturin sdist -m bindings-python/Cargo.toml -o $(ARTIFACTS) 2>&1 | grep -v '^📦' || true
	ls $(ARTIFACTS)/payoutkit-$(VERSION).tar.gz

# The npm packages as tarballs (`npm pack`): what `npm install` receives.
npm-pack: addon wasm checkout
	node js/build.mjs node
	mkdir -p $(ARTIFACTS)
	rm -f $(ARTIFACTS)/*.tgz
	$(NPM) pack --pack-destination $(ARTIFACTS) ./bindings-node >/dev/null
	$(NPM) pack --pack-destination $(ARTIFACTS) ./bindings-wasm/pkg-web >/dev/null
	$(NPM) pack --pack-destination $(ARTIFACTS) ./bindings-wasm/checkout/pkg >/dev/null
	for t in $(ARTIFACTS)/*.tgz; do echo "npm: $$(basename $$t), $$(stat -c%s $$t) bytes, $$(tar tzf $$t | wc -l) files"; done

# ---------------------------------------------------------------- tests
test: setup check-generated test-rust test-wasm test-checkout test-node test-python test-e2e test-scale test-bench lint-workflow test-demo
	echo "make test: all runtimes passed"

test-rust: setup-rust
	cargo test --locked -p payoutkit -- --nocapture 2>&1 | grep -Ev '^(test .* \.\.\. ok)?$$'
	# The JS backend's wire decoders (js/wire.rs), tested in the addon crate that includes them.
	cargo test --locked -q -p payoutkit-node
	cargo build --locked -q -p payoutkit --no-default-features --target wasm32v1-none   # no_std proof
	cargo clippy --locked -q --workspace --all-targets -- -D warnings
	cargo clippy --locked -q -p payoutkit-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --locked -q -p payoutkit --no-deps
	# The fuzz targets must keep building (CI does not run them: `make fuzz` does).
	cargo build --locked -q --release --manifest-path fuzz/Cargo.toml

# The core's own corpus runner on wasm32 (Node and headless Chromium); the JS API over the
# WebAssembly build in Node (forced fallback) and in Chromium (the web package in a page).
test-wasm: setup-system wasm npm-pack checkout checkout-bundler
	cargo test --locked -p payoutkit-wasm --target wasm32-unknown-unknown --test vectors -- --nocapture
	WASM_BINDGEN_USE_BROWSER=1 cargo test --locked -p payoutkit-wasm --target wasm32-unknown-unknown --test vectors -- --nocapture
	cd bindings-wasm && node --test test/

# The CLI and worker tests compare with the Python CLI and worker (the wheel) and start
# throw-away PostgreSQL servers (tests/pg.sh).
test-node: setup-system setup-node wheel npm-pack
	node --test bindings-node/test/ | tail -9
	PAYOUTKIT_BACKEND=wasm node --test bindings-node/test/ | tail -9

# PAYOUTKIT_REQUIRE_PG: the store tests' PostgreSQL cases must run (tests/pg.sh starts it).
test-python: setup-system wheel
	cd bindings-python && PAYOUTKIT_REQUIRE_PG=1 $(PY) -m pytest -q -p no:cacheprovider
	# The .pyi stubs must match the installed wheel (names, signatures, finality).
	cd $(TARGET_DIR) && $(PY) -m mypy.stubtest payoutkit

# The artifacts installed outside the repository as users receive them; every README block
# run there (tests/e2e/README.md says what runs where).
test-e2e: setup-system build
	$(PY) tests/e2e/run.py --artifacts $(ARTIFACTS) --workdir $(E2E) --python python3

# Proof under faults, at scale: payouts over M4, exotic and Corefy, the provider simulator
# with faults on, workers SIGKILLed every 2-5 s and restarted; checked against the
# simulator's ledger (no payout made twice, none lost, no forged callback accepted).
# PostgreSQL with 4 worker processes, then SQLite with 1.
test-scale: setup-system setup-node wheel npm-pack
	$(PY) tests/scale/run.py --store postgres --workers 4 --payouts 210
	$(PY) tests/scale/run.py --store sqlite --workers 1 --payouts 210
	# Python and Node workers on one PostgreSQL store (2 + 2, a Node callback receiver).
	$(PY) tests/scale/run.py --store postgres --workers 4 --node-workers 2 --payouts 210

# The benchmarks are not run here, but their code builds (clippy --all-targets covers the
# criterion bench) and every peer must agree with payoutkit in every runtime.
test-bench: setup-system wheel npm-pack
	$(PY) benches/bench.py --check
	node benches/bench-node.mjs --check
	node benches/bench-browser.mjs --check

lint-workflow: setup-python
	actionlint .github/workflows/*.yml
	echo "workflows: actionlint clean"

# `make demo` as CI meets it (no terminal: it checks the checkout page is served and exits).
test-demo: build
	$(MAKE) --no-print-directory demo < /dev/null

# ---------------------------------------------------------------- fuzz (not part of make test)
FUZZ_RUNS    ?= 10000000
FUZZ_SECONDS ?= 1800
FUZZ_TARGETS := sign callback pattern validate classify flow_restore wire tagged
fuzz: setup-rust
	command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.2
	fuzz/run.sh $(FUZZ_RUNS) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ---------------------------------------------------------------- demo
demo: setup wheel npm-pack checkout checkout-bundler
	out=$$(mktemp)
	{ cargo run --locked -q -p payoutkit --example demo
	  $(PY) examples/demo.py
	  node examples/demo.mjs native
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
bench: setup wheel npm-pack checkout
	rm -rf $(TARGET_DIR)/bench $(TARGET_DIR)/criterion
	cargo bench --locked -q -p payoutkit --bench core
	$(PY) benches/bench.py
	node benches/bench-node.mjs
	node benches/bench-browser.mjs
	$(MAKE) --no-print-directory bench-page
	$(PY) benches/report.py
	cargo run --locked -q --release -p payoutkit --example pattern_time

# Not in make test: 10,000 payouts, 4 workers on PostgreSQL, kills every 5-15 s; reports the
# throughput and the kills survived.
soak: setup-system wheel
	$(PY) tests/scale/soak.py

clean:
	rm -rf target bindings-wasm/pkg-web bindings-node/wasm bindings-node/*.node

# The checkout entry, its tests and the page-cost bench (issue 14).
include checkout.mk
