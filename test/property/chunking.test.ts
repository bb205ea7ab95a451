import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssignResult, Decision } from "../../src/index";
import { type World, worldArb } from "./arbitraries";
import { routerFor, runs, runWorld, withoutVersions } from "./harness";

/** A decision without the conflicts that depend on how the batch was cut. */
function comparable(d: Decision): unknown {
  return {
    ...d,
    explanation: {
      ...d.explanation,
      conflicts: d.explanation.conflicts.filter((c) => c.type !== "duplicate_in_batch"),
    },
  };
}

function oneCall(world: World, explain: "summary" | "full"): AssignResult {
  return routerFor(world).assign({
    customers: world.batches.flatMap((b) => b.customers),
    reps: world.reps,
    now: world.batches.at(-1)!.now,
    explain,
  });
}

describe("one batch ≡ the same batch in chunks threading the state", () => {
  it("gives the same decisions (with explanations) and the same final state", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 2, max: 4 }), fc.boolean())
          .chain(([batches, operators]) => worldArb({ batches, operators })),
        fc.constantFrom("summary", "full"),
        (world, explain) => {
          const whole = oneCall(world, explain);
          const chunks = runWorld(world, { explain });
          const chunked = chunks.flatMap((r) => r.decisions);
          expect(chunked.map((d) => [d.customerId, d.outcome, d.repId, d.queue, d.ruleId])).toEqual(
            whole.decisions.map((d) => [d.customerId, d.outcome, d.repId, d.queue, d.ruleId]),
          );
          expect(chunked.map(comparable)).toEqual(whole.decisions.map(comparable));
          expect(withoutVersions(chunks.at(-1)!.state)).toEqual(withoutVersions(whole.state));
        },
      ),
      { numRuns: runs(200) },
    );
  });
});
