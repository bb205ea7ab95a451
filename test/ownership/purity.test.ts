import { describe, expect, it } from "vitest";
import type { RouterState } from "../../src";
import { deepFreeze, poolState, REPS, router, sh, T0 } from "./helpers";

/** Every operation, once, from one frozen state: nothing mutated, the same output twice. */
function runAll(state: RouterState) {
  const r = router();
  const reps = deepFreeze(structuredClone(REPS));
  const now = sh("2026-03-25T10:00:00");
  return {
    lookup: r.lookup({ customerId: "c1", repId: "li", reps, state, now }),
    claim: r.claim({ customerId: "c2", repId: "li", reps, state, now, expectedVersion: 0 }),
    activity: r.recordActivity({ customerId: "c1", repId: "wang", state, now }),
    release: r.release({ customerId: "c1", repId: "wang", state, now }),
    sweep: r.sweep({ state, now, customers: deepFreeze([{ id: "c3", stage: "won" }]) }),
    transfer: r.transfer({
      customerId: "c1",
      toRepId: "zhao",
      actor: "m",
      reason: "r",
      reps,
      state,
      now,
    }),
    offboard: r.offboard({ repId: "wang", reps, state, now }),
  };
}

describe("purity", () => {
  it("never mutates inputs and gives byte-identical results for the same inputs", () => {
    const r = router();
    let state = poolState(r, [{ id: "c1" }, { id: "c2" }, { id: "c3" }]);
    for (const id of ["c1", "c3"])
      state = r.claim({ customerId: id, repId: "wang", reps: REPS, state, now: T0 }).state;
    const frozen = deepFreeze(structuredClone(state));
    const before = JSON.stringify(frozen);
    const a = JSON.stringify(runAll(frozen));
    const b = JSON.stringify(runAll(deepFreeze(structuredClone(state))));
    expect(JSON.stringify(frozen)).toBe(before);
    expect(a).toBe(b);
    expect(a).toContain('"customer_reclaimed"');
  });
});
