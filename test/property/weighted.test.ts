import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRouter, type RouterState } from "../../src/index";
import { runs } from "./harness";

const EPSILON = 1e-9;

describe("weighted pools through the engine", () => {
  it("keep every count within one of n·w/W after every pick, across calls", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(1, 2, 3, 5, 0.5, 0.25, 7), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 5 }),
        (weights, calls) => {
          const ids = weights.map((_, i) => `r${i}`);
          const router = createRouter({
            id: "weighted",
            pools: { p: { members: ids, strategy: "weighted" } },
            rules: [{ id: "all", assign: { pool: "p" } }],
          });
          const reps = ids.map((id, i) => ({ id, weight: weights[i]! }));
          const total = weights.reduce((a, b) => a + b, 0);
          const counts = new Map<string, number>();
          let n = 0;
          let state: RouterState | undefined;
          calls.forEach((size, k) => {
            const customers = Array.from({ length: size }, (_, i) => ({ id: `k${k}-${i}` }));
            const now = new Date(Date.UTC(2026, 2, 2, k)).toISOString();
            const result = router.assign({ customers, reps, state, now });
            for (const d of result.decisions) {
              expect(d.outcome).toBe("assigned");
              counts.set(d.repId!, (counts.get(d.repId!) ?? 0) + 1);
              n += 1;
              ids.forEach((id, i) => {
                const exact = (n * weights[i]!) / total;
                expect(Math.abs((counts.get(id) ?? 0) - exact)).toBeLessThanOrEqual(1 + EPSILON);
              });
            }
            state = result.state;
          });
        },
      ),
      { numRuns: runs(200) },
    );
  });
});
