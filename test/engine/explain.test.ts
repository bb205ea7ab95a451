import { describe, expect, it } from "vitest";
import { type AssignResult, createRouter, type Decision, type Explanation } from "../../src/index";
import { designCustomers, designReps, designRuleSet } from "./fixtures";

const router = createRouter(designRuleSet());
const reps = designReps();
const START = Date.parse("2026-03-02T00:00:00+08:00");
const DAY = 86_400_000;
const customers = designCustomers(120, START, 7 * DAY);
const first = customers.slice(0, 60);
const second = customers.slice(60);
// A second batch of brand-new customers plus returning ones (kept, protected, account owners).
const returning = first.slice(0, 15).map((c) => ({ ...c, receivedAt: second[0]!.receivedAt }));
// New customers of accounts owned since the first batch go to the account owners.
const sameAccount = [0, 1, 2, 3].map((k) => ({
  id: `same-account-${k}`,
  accountId: `acct-${k}`,
  receivedAt: second[5]!.receivedAt,
}));
const now = new Date(START + 7 * DAY).toISOString();
const prior = router.assign({ customers: first, reps, now: second[0]!.receivedAt as string });
const input = {
  customers: [...second, ...returning, ...sameAccount],
  reps,
  state: prior.state,
  now,
};

const full = router.assign({ ...input, explain: "full" });
const summary = router.assign({ ...input, explain: "summary" });

/** The decision fields that do not depend on the explanation level. */
const decided = (d: Decision) => [d.customerId, d.outcome, d.repId, d.queue, d.ruleId, d.strategy];

describe("explanation detail", () => {
  it("never changes a decision, the conflicts or the state", () => {
    expect(summary.decisions.map(decided)).toEqual(full.decisions.map(decided));
    expect(summary.conflicts).toEqual(full.conflicts);
    expect(summary.state).toEqual(full.state);
    expect(summary.events).toEqual(full.events);
  });

  it("covers kept, account-owner, assigned and queued decisions in this batch", () => {
    const outcomes = new Set(full.decisions.map((d) => d.outcome));
    for (const o of ["kept", "account_owner", "assigned", "queued"]) expect(outcomes).toContain(o);
    expect(
      full.decisions.some((d) => d.explanation.attempts.some((a) => a.eligible < a.candidates)),
    ).toBe(true);
  });

  it('"summary" keeps counts per reason but no list of excluded reps or rule values', () => {
    for (const d of summary.decisions) {
      const e = d.explanation;
      expect(e.detail).toBe("summary");
      for (const a of e.attempts) {
        expect(a.excludedCounts).toBeTypeOf("object");
        expect(a).not.toHaveProperty("excluded");
        expect(a).not.toHaveProperty("eligibleReps");
      }
      for (const r of e.rules) if (r.failed) expect(r.failed).not.toHaveProperty("value");
      expect(e.rules.length + e.rulesNotEvaluated).toBeLessThanOrEqual(
        designRuleSet().rules.length,
      );
    }
  });

  it('"full" lists every excluded rep, consistent with the counts, and every rule', () => {
    const ruleCount = designRuleSet().rules.length;
    summary.decisions.forEach((s, i) => {
      const f = full.decisions[i]!.explanation;
      expect(f.detail).toBe("full");
      expect(f.rulesNotEvaluated).toBe(0);
      expect(f.rules).toHaveLength(ruleCount);
      expect(f.attempts.map((a) => a.excludedCounts)).toEqual(
        s.explanation.attempts.map((a) => a.excludedCounts),
      );
      for (const a of f.attempts) {
        const counted: Record<string, number> = {};
        for (const x of a.excluded ?? []) counted[x.code] = (counted[x.code] ?? 0) + 1;
        expect(counted).toEqual(a.excludedCounts);
        expect((a.excluded?.length ?? 0) + (a.eligibleReps?.length ?? 0)).toBe(a.candidates);
        expect(a.eligibleReps).toHaveLength(a.eligible);
      }
      // The summary traces the rules it evaluated: the same verdicts, in the same order, as
      // the full trace (it may skip rules an index proved cannot match).
      const strip = (r: Explanation["rules"][number]) => ({
        ruleId: r.ruleId,
        matched: r.matched,
        ...(r.failed ? { matcher: r.failed.matcher } : {}),
      });
      const fullTrace = f.rules.map(strip);
      let at = 0;
      for (const r of s.explanation.rules.map(strip)) {
        while (at < fullTrace.length && fullTrace[at]?.ruleId !== r.ruleId) at++;
        expect(fullTrace[at], `rule ${r.ruleId} of ${s.customerId}`).toEqual(r);
        at++;
      }
    });
  });
});

describe("router.explain", () => {
  it("recomputes exactly the full explanation assign gave, for every customer of the batch", () => {
    for (const d of full.decisions) {
      expect(router.explain({ ...input, customerId: d.customerId })).toEqual(d.explanation);
    }
  });

  it("does the same for a customer decided in the first call, from that call's inputs", () => {
    const firstFull: AssignResult = router.assign({
      customers: first,
      reps,
      now: second[0]!.receivedAt as string,
      explain: "full",
    });
    const target = firstFull.decisions[17]!;
    expect(
      router.explain({
        customerId: target.customerId,
        customers: first,
        reps,
        now: second[0]!.receivedAt as string,
      }),
    ).toEqual(target.explanation);
  });
});

describe("explanation level and custom operators", () => {
  const boom = {
    boom: () => {
      throw new Error("boom");
    },
  };
  const withRisky = createRouter(
    {
      id: "risky",
      pools: { p: { members: ["a", "b"] } },
      rules: [
        { id: "all", priority: 10, assign: { pool: "p" } },
        // Never the winner: it is below "all". Only a full trace evaluates it.
        { id: "risky", priority: 0, when: { boom: [] }, assign: { queue: "x" } },
      ],
    },
    { operators: boom },
  );
  const call = {
    customers: [{ id: "c1" }, { id: "c2" }],
    reps: [{ id: "a" }, { id: "b" }],
    now: "2026-03-02T10:00:00Z",
  };

  it("summary: a throwing rule that is never reached does not matter", () => {
    const result = withRisky.assign(call);
    expect(result.decisions.map((d) => [d.outcome, d.repId])).toEqual([
      ["assigned", "a"],
      ["assigned", "b"],
    ]);
  });

  // Regression: "full" once evaluated the remaining rules for the trace inside the decision's
  // error handling, so a throw there queued an assigned customer with evaluation_error.
  it('"full" gives the same decisions as "summary" when a lower rule throws', () => {
    const result = withRisky.assign({ ...call, explain: "full" });
    expect(result.decisions.map((d) => [d.outcome, d.repId])).toEqual([
      ["assigned", "a"],
      ["assigned", "b"],
    ]);
    // The failing rule is still traced, as not matched.
    const risky = result.decisions[0]?.explanation.rules.find((r) => r.ruleId === "risky");
    expect(risky).toMatchObject({ matched: false });
    expect(result.state).toEqual(withRisky.assign(call).state);
  });

  it("router.explain agrees with assign when a lower rule throws", () => {
    const explained = withRisky.explain({ ...call, customerId: "c1" });
    expect(explained.outcome).toBe("assigned");
    expect(explained.repId).toBe("a");
  });

  it('"full" keeps a current owner as "summary" does when a lower rule throws', () => {
    const owned = withRisky.assign({ ...call, customers: [{ id: "k" }] });
    const again = withRisky.assign({
      ...call,
      customers: [{ id: "k" }],
      state: owned.state,
      now: "2026-03-03T10:00:00Z",
      explain: "full",
    });
    expect(again.decisions[0]?.outcome).toBe("kept");
  });
});

describe("shown values in full explanations", () => {
  const shared = createRouter({
    id: "shown",
    timezone: "UTC",
    territories: { east: { regions: ["CN-SH"] }, west: { regions: ["CN-SC"] } },
    rules: [
      { id: "east", match: { territory: ["east"] }, assign: { queue: "east" } },
      { id: "east-2", match: { territory: ["east"] }, assign: { queue: "east" } },
      { id: "tags", when: { var: "customer.tags" }, assign: { queue: "tagged" } },
      { id: "none", when: false, assign: { queue: "never" } },
      { id: "none-2", when: false, assign: { queue: "never" } },
      { id: "rest", assign: { queue: "rest" } },
    ],
  });
  const customer = { id: "c1", region: "CN-SC", tags: [] as string[] };
  const result = shared.assign({
    customers: [customer],
    reps: [],
    now: "2026-03-02T00:00:00Z",
    explain: "full",
  });
  const rules = result.decisions[0]!.explanation.rules;

  it("show the customer's value on every missed rule, the same JSON as separate copies", () => {
    expect(JSON.parse(JSON.stringify(rules))).toEqual([
      {
        ruleId: "east",
        priority: 0,
        matched: false,
        failed: {
          matcher: "territory",
          value: { country: "CN", region: "CN-SC", postalCode: null, territories: ["west"] },
        },
      },
      {
        ruleId: "east-2",
        priority: 0,
        matched: false,
        failed: {
          matcher: "territory",
          value: { country: "CN", region: "CN-SC", postalCode: null, territories: ["west"] },
        },
      },
      { ruleId: "tags", priority: 0, matched: false, failed: { matcher: "when", value: [] } },
      { ruleId: "none", priority: 0, matched: false, failed: { matcher: "when", value: false } },
      { ruleId: "none-2", priority: 0, matched: false, failed: { matcher: "when", value: false } },
      { ruleId: "rest", priority: 0, matched: true },
    ]);
  });

  it("share one frozen record per matcher, and never freeze the customer's own data", () => {
    expect(rules[0]!.failed).toBe(rules[1]!.failed);
    expect(Object.isFrozen(rules[0]!.failed)).toBe(true);
    expect(rules[3]!.failed).toBe(rules[4]!.failed);
    // A `when` that returns part of the record shows it as is: the input stays unfrozen.
    expect(rules[2]!.failed?.value).toBe(customer.tags);
    expect(Object.isFrozen(customer.tags)).toBe(false);
  });
});

describe("explanations of an evaluation error", () => {
  const boom = createRouter(
    {
      id: "boom",
      timezone: "UTC",
      hitPolicy: "first",
      tiers: [{ id: "A", when: { flaky: [{ var: "customer.tierBoom" }] } }],
      rules: [
        { id: "big", when: { ">": [{ var: "customer.revenue" }, 1000] }, assign: { queue: "big" } },
        { id: "risky", when: { flaky: [{ var: "customer.boom" }] }, assign: { queue: "risky" } },
        { id: "rest", assign: { queue: "rest" } },
      ],
    },
    {
      operators: {
        flaky: (x) => {
          if (x === true) throw new Error("flaky failed");
          return false;
        },
      },
    },
  );
  const call = (customer: Record<string, unknown>, explain: "summary" | "full") =>
    boom.assign({ customers: [customer], reps: [], now: "2026-03-02T00:00:00Z", explain })
      .decisions[0]!.explanation;

  it("show the rules evaluated up to the one that threw, with its error", () => {
    const summary = call({ id: "c", revenue: 5, boom: true }, "summary");
    expect(summary.queueReason).toBe("evaluation_error");
    expect(summary.rules).toEqual([
      { ruleId: "big", priority: 0, matched: false, failed: { matcher: "when" } },
      {
        ruleId: "risky",
        priority: 0,
        matched: false,
        failed: { matcher: "when", value: null },
        error: "flaky failed",
      },
    ]);
    expect(summary.rulesNotEvaluated).toBe(1);
    // Full traces every rule, as it does for any decision.
    const full = call({ id: "c", revenue: 5, boom: true }, "full");
    expect(full.rules.map((r) => [r.ruleId, r.matched, r.error])).toEqual([
      ["big", false, undefined],
      ["risky", false, "flaky failed"],
      ["rest", true, undefined],
    ]);
    expect(full.rulesNotEvaluated).toBe(0);
  });

  it("show no rule evaluated when the tier's condition threw", () => {
    for (const mode of ["summary", "full"] as const) {
      const e = call({ id: "c", tierBoom: true }, mode);
      expect(e.error?.message).toBe("flaky failed");
      expect(e.rules).toEqual([]);
      expect(e.rulesNotEvaluated).toBe(3);
    }
  });
});
