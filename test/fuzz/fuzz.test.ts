/**
 * The fuzzer in `npm test`: 10,000 random cases split over the entry points, plus a sweep of
 * every hostile value over every node of one rich scenario (thinned by a stride). `npm run fuzz`
 * runs 100,000 random cases and a denser sweep. Knobs: FUZZ_SEED (reproduce a run; printed in the
 * suite name and in any failure), FUZZ_RUNS, FUZZ_SWEEP_STRIDE, FUZZ_CASE_MS (the hang bound).
 */
import { describe, expect, it } from "vitest";
import { RICH } from "./arbitraries";
import {
  defaultSeed,
  type FuzzReport,
  fuzzTarget,
  sweep,
  TARGET_WEIGHTS,
  TARGETS,
} from "./harness";

const TOTAL = Number(process.env.FUZZ_RUNS ?? 10_000);
const STRIDE = Number(process.env.FUZZ_SWEEP_STRIDE ?? 97);
const SEED = defaultSeed();
const WEIGHT_SUM = Object.values(TARGET_WEIGHTS).reduce((a, b) => a + b, 0);
const LONG = 3_600_000;
const reports: FuzzReport[] = [];

describe(`fuzz (seed ${SEED}; reproduce with FUZZ_SEED=${SEED})`, () => {
  for (const target of TARGETS) {
    const cases = Math.max(1, Math.ceil((TOTAL * TARGET_WEIGHTS[target]) / WEIGHT_SUM));
    it(`${target}: ${cases} random cases`, { timeout: LONG }, () => {
      const report = fuzzTarget(target, cases, SEED);
      reports.push(report);
      expect(report.cases).toBe(cases);
    });
  }

  it(`sweep: every hostile value at every node of a rich scenario (stride ${STRIDE})`, {
    timeout: LONG,
  }, () => {
    const report = sweep(RICH, STRIDE);
    reports.push(report);
    expect(report.cases).toBeGreaterThan(0);
  });

  it("summary", () => {
    const cases = reports.reduce((n, r) => n + r.cases, 0);
    const ms = reports.reduce((n, r) => n + r.durationMs, 0);
    const slowest = Math.max(0, ...reports.map((r) => r.slowestCaseMs));
    console.log(
      [
        `fuzz seed ${SEED}: ${cases} cases in ${(ms / 1000).toFixed(1)} s, slowest case ${slowest} ms`,
        ...reports.map((r) => `  ${JSON.stringify(r.outcomes)}`),
      ].join("\n"),
    );
  });
});
