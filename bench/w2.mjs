/**
 * W2: a long stream of customers in chunks, threading the state from call to call, in its own
 * process so that its peak RSS is its own. Prints one JSON object on stdout.
 *
 *   node bench/w2.mjs [total=1000000] [chunk=10000]
 *
 * Decisions and events of a chunk are dropped once it is done (a host would store them); the
 * state is kept, and it holds every customer seen so far, so memory grows with the stream.
 */
import * as W from "./workload.mjs";

const { createRouter } = await import(process.env.LEADROUTE_BENCH_DIST ?? "../dist/index.js");

const total = Number(process.argv[2] ?? 1_000_000);
const chunk = Number(process.argv[3] ?? 10_000);
const rules = W.abstractRules(200);
const router = createRouter(W.leadrouteRuleSet(rules));
const reps = W.reps();

// With --expose-gc, memory is measured after a full collection before and after the stream:
// the difference is what the state holds per customer (the peak RSS is measured without it).
// The state's customers live in typed arrays outside the heap: counted with the heap.
const collect = typeof globalThis.gc === "function" ? globalThis.gc : undefined;
const heldBytes = () => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
collect?.();
const heapBefore = heldBytes();
let state;
const chunks = [];
let peakHeap = 0;
const started = performance.now();
/** One chunk: decide it, keep only the state (a host would store decisions and events). */
function runChunk(from) {
  const customers = W.customers(from, Math.min(chunk, total - from));
  const now = customers[customers.length - 1].receivedAt;
  const t0 = performance.now();
  const result = router.assign({ customers, reps, state, now });
  const ms = performance.now() - t0;
  state = result.state;
  const assigned = result.decisions.filter((d) => d.outcome === "assigned").length;
  if (assigned !== customers.length) throw new Error(`chunk at ${from}: ${assigned} assigned`);
  const mem = process.memoryUsage();
  peakHeap = Math.max(peakHeap, mem.heapUsed);
  chunks.push({ from, ms, rssMB: mem.rss / 2 ** 20, heapMB: mem.heapUsed / 2 ** 20 });
}
for (let from = 0; from < total; from += chunk) runChunk(from);
const wallMs = performance.now() - started;
const peakRssMB = process.resourceUsage().maxRSS / 1024;
let liveStateBytesPerCustomer = null;
if (collect) {
  collect();
  liveStateBytesPerCustomer = Math.round((heldBytes() - heapBefore) / total);
}

const tenth = Math.max(1, Math.floor(chunks.length / 10));
const rate = (list) => (list.length * chunk) / (list.reduce((s, c) => s + c.ms, 0) / 1000);
const first = rate(chunks.slice(0, tenth));
const last = rate(chunks.slice(-tenth));
process.stdout.write(
  `${JSON.stringify({
    total,
    chunk,
    chunks: chunks.length,
    wallMs,
    customersPerSecond: total / (chunks.reduce((s, c) => s + c.ms, 0) / 1000),
    firstTenthPerSecond: first,
    lastTenthPerSecond: last,
    peakRssMB,
    liveStateBytesPerCustomer,
    peakHeapMB: peakHeap / 2 ** 20,
    stateCustomers: Object.keys(state.customers).length,
    samples: chunks.filter((_, i) => i % tenth === 0 || i === chunks.length - 1),
  })}\n`,
);
