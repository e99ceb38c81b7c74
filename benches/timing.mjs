// Side-by-side timing for Node and the browser: payoutkit and its peer alternate batch by
// batch in one run (the order flips every round), so the drift of a shared, noisy machine
// hits both; each reports its median ns per call. Async peers (WebCrypto) are awaited call
// by call: the latency a caller pays per signature.
const ROUNDS = 21;
const BATCH_MS = 10;
// JIT tiers (V8's Liftoff -> TurboFan for WASM, its optimizing compiler for JS) settle in
// the background: run both sides this long before anything counts.
const WARM_MS = 400;

async function warm(fn, isAsync) {
  const end = performance.now() + WARM_MS;
  while (performance.now() < end) {
    if (isAsync) for (let i = 0; i < 20; i++) await fn();
    else for (let i = 0; i < 200; i++) fn();
  }
}

async function batchSize(fn) {
  for (let n = 1; ; n *= 2) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    const ms = performance.now() - t0;
    if (ms > BATCH_MS / 4) return Math.max(1, Math.round((n * BATCH_MS) / ms));
  }
}

async function nsPerCall(fn, n, isAsync) {
  const t0 = performance.now();
  if (isAsync) for (let i = 0; i < n; i++) await fn();
  else for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t0) * 1e6) / n;
}

const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];

/** {op, ours_ns, peer, peer_ns}: medians of ROUNDS alternating batches. */
export async function compare(op, ours, peer, peerFn, { peerAsync = false } = {}) {
  await warm(ours, false);
  await warm(peerFn, peerAsync);
  const [nOurs, nPeer] = [await batchSize(ours), await batchSize(peerFn)];
  const a = [];
  const b = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2) {
      b.push(await nsPerCall(peerFn, nPeer, peerAsync));
      a.push(await nsPerCall(ours, nOurs, false));
    } else {
      a.push(await nsPerCall(ours, nOurs, false));
      b.push(await nsPerCall(peerFn, nPeer, peerAsync));
    }
  }
  return { op, ours_ns: median(a), peer, peer_ns: median(b) };
}

/** Median ns of `rounds` runs of an async one-off (such as instantiating a module). */
export async function once(fn, rounds = 15) {
  const xs = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await fn(r);
    xs.push((performance.now() - t0) * 1e6);
  }
  return median(xs);
}
