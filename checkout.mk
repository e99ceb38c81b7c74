# checkout.mk (issue 14): the checkout entry (payoutkit-checkout), the full build's side of its
# tests and demo, and what a checkout page costs. Included from the Makefile, whose variables
# it uses (TARGET_DIR, WASM_OPT, NPM and the setup-* targets).
#
#   make checkout            the package bindings-wasm/checkout/pkg; fails above 60 KB gzip
#   make checkout-bundler    core/examples/checkout_cases: bundles for the demo server and tests
#   make test-checkout       the checkout module against the full build, Node and Chromium
#                            (make test runs this one)
#   make bench-page          benches/PAGE-COSTS.md (make bench runs this one)
CHECKOUT_WASM := $(TARGET_DIR)/wasm32-unknown-unknown/wasm-release/payoutkit_checkout.wasm

.PHONY: checkout checkout-bundler checkout-test-data test-checkout bench-page

checkout: setup-rust setup-node
	cargo build --locked -q -p payoutkit-checkout --target wasm32-unknown-unknown --profile wasm-release
	node bindings-wasm/checkout/build.mjs $(CHECKOUT_WASM) $(WASM_OPT)

checkout-bundler:
	cargo build --locked -q --release -p payoutkit --example checkout_cases

# Every corpus validator as a bundle, with the native full build's fields and reports.
checkout-test-data: checkout-bundler
	$(TARGET_DIR)/release/examples/checkout_cases cases > $(TARGET_DIR)/checkout-cases.json

# The checkout module in Node and headless Chromium against the full build; its size budget.
# (The demo page's own test, bindings-wasm/test/checkout.test.mjs, runs in test-wasm, which
# must therefore depend on `checkout checkout-bundler` too.)
test-checkout: setup-system checkout checkout-test-data
	node --test bindings-wasm/checkout/test/

bench-page: setup-system checkout checkout-bundler wasm
	$(call NPM_CI,benches/page-costs)
	node benches/page-costs/page-costs.mjs --runs 5
