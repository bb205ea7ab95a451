import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/index";
import { worldArb } from "./arbitraries";
import { routerFor, runs, runWorld } from "./harness";

const decided = (d: Decision) => [d.customerId, d.outcome, d.repId, d.queue, d.ruleId, d.strategy];

describe("explanation detail never changes what happens", () => {
  it('"summary" and "full" give the same decisions, conflicts, events and states', () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((operators) => worldArb({ reuseIds: true, operators })),
        (world) => {
          const router = routerFor(world);
          const summary = runWorld(world, { router, explain: "summary" });
          const full = runWorld(world, { router, explain: "full" });
          summary.forEach((s, k) => {
            const f = full[k]!;
            expect(s.decisions.map(decided)).toEqual(f.decisions.map(decided));
            expect(s.decisions.map((d) => d.explanation.queueReason)).toEqual(
              f.decisions.map((d) => d.explanation.queueReason),
            );
            expect(s.conflicts).toEqual(f.conflicts);
            expect(s.events).toEqual(f.events);
            expect(s.state).toEqual(f.state);
          });
        },
      ),
      { numRuns: runs(120) },
    );
  });

  it("router.explain recomputes the full explanation assign gave", () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((operators) => worldArb({ reuseIds: true, operators })),
        fc.nat(),
        (world, pick) => {
          const router = routerFor(world);
          const results = runWorld(world, { router, explain: "full" });
          let state = undefined as (typeof results)[number]["state"] | undefined;
          world.batches.forEach((batch, k) => {
            const result = results[k]!;
            const target = result.decisions[pick % result.decisions.length];
            if (target !== undefined) {
              const explained = router.explain({
                customerId: target.customerId,
                customers: batch.customers,
                reps: world.reps,
                state,
                now: batch.now,
              });
              expect(explained).toEqual(target.explanation);
            }
            state = result.state;
          });
        },
      ),
      { numRuns: runs(100) },
    );
  });
});
