import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RouterState } from "../../src/index";
import { deepFreeze, worldArb } from "./arbitraries";
import { routerFor, runs } from "./harness";

describe("inputs are never mutated", () => {
  it("deep-frozen rule set, reps, customers and state go through assign and explain unchanged", () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((operators) => worldArb({ reuseIds: true, operators })),
        (world) => {
          const snapshot = structuredClone(world);
          deepFreeze(world);
          const router = routerFor(world);
          let state: RouterState | undefined;
          for (const batch of world.batches) {
            const before = state === undefined ? undefined : structuredClone(state);
            if (state !== undefined) deepFreeze(state);
            const input = { customers: batch.customers, reps: world.reps, state, now: batch.now };
            const result = router.assign({ ...input, explain: "full" });
            const first = batch.customers[0]!;
            router.explain({ ...input, customerId: first.id });
            if (before !== undefined) expect(state).toEqual(before);
            // A state that went through JSON (not one this library produced) is frozen too.
            const fromJson = deepFreeze(JSON.parse(JSON.stringify(result.state)) as RouterState);
            router.assign({ ...input, state: fromJson });
            state = result.state;
          }
          expect(world).toEqual(snapshot);
        },
      ),
      { numRuns: runs(60) },
    );
  });
});
