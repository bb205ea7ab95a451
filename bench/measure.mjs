/**
 * The bench's one way to time a workload, shared by bench/run.mjs and its child processes:
 * tinybench, customers per second at the median (p50) of per-iteration wall time.
 */
import { Bench } from "tinybench";

export const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;
export const fmt = (x) => x.toLocaleString("en-US");

/**
 * Time `fn` (which handles `n` customers); returns its row (customers/s at the median).
 * `scale` shortens the run (`--quick`); `quiet` skips the console line (a child's stdout is JSON).
 */
export async function measure(
  name,
  n,
  fn,
  { iterations = 5, time = 2000, scale = 1, quiet = false } = {},
) {
  const bench = new Bench({
    name,
    iterations: Math.max(2, Math.round(iterations * scale)),
    time: time * scale,
    warmupIterations: 1,
    warmupTime: 0,
    throws: true,
  });
  bench.add(name, fn);
  // Each workload starts from a collected heap when the bench runs with --expose-gc (as
  // `npm run bench` does), so the garbage one workload leaves is not billed to the next.
  globalThis.gc?.();
  await bench.run();
  const r = bench.tasks[0].result;
  const p50 = r.latency.p50;
  const row = {
    name,
    customers: n,
    msPerIteration: round(p50, 2),
    meanMs: round(r.latency.mean, 2),
    rmePercent: round(r.latency.rme, 1),
    samples: r.latency.samplesCount,
    customersPerSecond: Math.round(n / (p50 / 1000)),
    microsPerCustomer: round((p50 * 1000) / n, 3),
  };
  if (!quiet) {
    console.log(
      `  ${name.padEnd(44)} ${fmt(row.customersPerSecond).padStart(11)} customers/s  (${row.microsPerCustomer} µs each, ${row.samples} runs, ±${row.rmePercent}%)`,
    );
  }
  return row;
}
