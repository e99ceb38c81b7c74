"use strict";
// payoutkit for Node: the native addon where a prebuilt binary matches this platform, and
// otherwise the same API from the WebAssembly build (slower, same results). Which one runs
// is `require("payoutkit").backend` ("native" or "wasm"); PAYOUTKIT_BACKEND=wasm forces the
// WebAssembly build, PAYOUTKIT_BACKEND=native refuses to fall back.
const { makeApi } = require("./api.cjs");

/** The platform part of the prebuilt addon's file name (napi-rs naming). */
function triple() {
  const { platform, arch } = process;
  if (platform === "linux") {
    // glibc reports its version; musl (Alpine) does not.
    const report = typeof process.report?.getReport === "function" ? process.report.getReport() : null;
    const glibc = Boolean(report?.header?.glibcVersionRuntime);
    return `linux-${arch}-${glibc ? "gnu" : "musl"}`;
  }
  if (platform === "win32") return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function load() {
  const wanted = process.env.PAYOUTKIT_BACKEND;
  if (wanted !== "wasm") {
    const file = `./payoutkit.${triple()}.node`;
    try {
      return [require(file), "native"];
    } catch (e) {
      // No prebuilt binary for this platform, or one this system cannot load (an older
      // glibc): the WebAssembly build runs everywhere.
      if (wanted === "native") throw new Error(`payoutkit: the native addon ${file} does not load here: ${e.message}`);
    }
  }
  return [require("./wasm/payoutkit_wasm.js"), "wasm"];
}

const [backend, name] = load();
module.exports = makeApi(() => backend, name);
