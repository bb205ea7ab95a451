import { describe, expect, it } from "vitest";
import { createRouter, formatExplanation } from "../../src/index";
import { lastDecision, reExplain, stateAt } from "./audit";
import { buildHistory, REPS } from "./history";

const { store, state } = buildHistory();

describe("rebuilding the state from the event log", () => {
  it("replays every event into the state the operations produced", () => {
    expect(stateAt(store)).toEqual(state);
    expect(state.version).toBe(3); // November assign, the claim, December assign
  });

  it("rebuilds the state as of any past version", () => {
    expect(stateAt(store, 1).customers["n-4"]?.owner).toBeNull(); // in the public pool
    expect(stateAt(store, 2).customers["n-4"]?.owner).toBe("qian"); // after the claim
    expect(stateAt(store, 2).customers["d-1"]).toBeUndefined(); // not seen yet
    expect(stateAt(store, 0).version).toBe(0);
  });
});

describe("re-explaining a past decision", () => {
  it("stores the revision beside each event", () => {
    expect(lastDecision(store, "n-2")?.ruleSetRevision).toBe("2026-11.1");
    expect(lastDecision(store, "d-1")?.ruleSetRevision).toBe("2026-12.1");
  });

  it("explains a November decision under the November revision", () => {
    // "Why did Jiangsu customer n-2 go to li? Jiangsu leads go to zhou."
    const { ruleSetRevision, event, explanation } = reExplain(store, "n-2");
    expect(ruleSetRevision).toBe("2026-11.1");
    expect(explanation.ruleSet).toEqual({ id: "acme", revision: "2026-11.1" });
    // The recomputed decision is the one the log recorded.
    expect([explanation.outcome, explanation.repId, explanation.ruleId]).toEqual([
      event.outcome,
      event.repId,
      event.ruleId,
    ]);
    expect(explanation.detail).toBe("full");
    // Full detail: every rule with the customer's value on a miss, every eligible rep.
    expect(explanation.rules.map((r) => [r.ruleId, r.matched])).toEqual([
      ["east", true],
      ["web", false],
    ]);
    expect(explanation.attempts[0]?.eligibleReps).toEqual(["wang", "li"]);
    expect(explanation.attempts[0]?.pick).toMatchObject({
      strategy: "round-robin",
      pointerBefore: { repId: "wang" },
      repId: "li",
    });
    expect(formatExplanation(explanation)).toContain(
      'Customer n-2 → assigned to li (rule "east", rule set acme@2026-11.1)',
    );
  });

  it("would get it wrong under the current revision", () => {
    // The same inputs under 2026-12.1 send n-2 to zhou: an audit must use the old revision.
    const today = reExplain(store, "n-2", { revision: "2026-12.1" }).explanation;
    expect([today.repId, today.ruleId]).toEqual(["zhou", "jiangsu"]);
  });

  it("explains a December decision under the December revision", () => {
    const { explanation } = reExplain(store, "d-1");
    expect([explanation.repId, explanation.ruleId]).toEqual(["zhou", "jiangsu"]);
    expect(formatExplanation(explanation)).toContain("rule set acme@2026-12.1");
  });

  it("agrees with router.explain given the same inputs directly", () => {
    // Round-robin state matters: d-2's pick depends on November's pointer, replayed from events.
    const direct = createRouter(store.ruleSets["2026-12.1"]).explain({
      customerId: "d-2",
      customers: store.calls[1]!.customers,
      reps: REPS,
      state: stateAt(store, 2),
      now: "2026-12-01T10:00:00+08:00",
    });
    expect(reExplain(store, "d-2").explanation).toEqual(direct);
    expect(direct.repId).toBe("wang"); // the pointer was at li after November
  });
});
