import { describe, expect, it } from "vitest";
import { type AssignResult, createRouter, type Decision, type RouterState } from "../../src/index";
import { designCustomers, designReps, designRuleSet } from "./fixtures";

const START = Date.parse("2026-03-02T00:00:00+08:00");
const WEEK = 7 * 86_400_000;
const customers = designCustomers(2000, START, WEEK);
const reps = designReps();
const END = new Date(START + WEEK).toISOString();

/** What a decision says, whatever the call it was made in. */
const decided = (d: Decision) => ({
  customerId: d.customerId,
  outcome: d.outcome,
  repId: d.repId,
  queue: d.queue,
  ruleId: d.ruleId,
  strategy: d.strategy,
  decidedAt: d.explanation.decidedAt,
  attempts: d.explanation.attempts,
});

/** The state without what counts calls: `version` and the per-customer `ownerVersion`. */
function comparable(state: RouterState): unknown {
  const customers: Record<string, unknown> = {};
  for (const [id, c] of Object.entries(state.customers)) {
    const { ownerVersion: _ignored, ...rest } = c;
    customers[id] = rest;
  }
  return { ...state, version: 0, customers };
}

describe("2,000 customers in one call ≡ the same customers in ten calls threading the state", () => {
  const router = createRouter(designRuleSet());
  const whole = router.assign({ customers, reps, now: END });
  const chunks: AssignResult[] = [];
  let state: RouterState | undefined;
  for (let k = 0; k < 10; k++) {
    const batch = customers.slice(k * 200, (k + 1) * 200);
    // Each call's `now` is its last arrival: the calls could have happened live.
    const now = batch.at(-1)!.receivedAt as string;
    const result = router.assign({ customers: batch, reps, state, now });
    chunks.push(result);
    state = result.state;
  }

  it("routes the batch in every way the rule set allows", () => {
    const outcomes = new Set(whole.decisions.map((d) => d.outcome));
    expect([...outcomes].sort()).toEqual(["account_owner", "assigned", "queued"]);
    const codes = new Set(
      whole.decisions.flatMap((d) =>
        d.explanation.attempts.flatMap((a) => Object.keys(a.excludedCounts)),
      ),
    );
    for (const code of ["inactive", "daily_cap_reached", "time_off", "outside_working_hours"]) {
      expect(codes).toContain(code);
    }
    expect(whole.rejected).toEqual([]);
  });

  it("gives the same decisions", () => {
    expect(chunks.flatMap((r) => r.decisions).map(decided)).toEqual(whole.decisions.map(decided));
  });

  it("ends in the same state (versions aside), ten versions on", () => {
    const last = chunks.at(-1)!.state;
    expect(comparable(last)).toEqual(comparable(whole.state));
    expect(last.version).toBe(10);
    expect(whole.state.version).toBe(1);
  });
});
