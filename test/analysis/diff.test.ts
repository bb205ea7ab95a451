import { describe, expect, it } from "vitest";
import { diffRuleSets } from "../../src/analysis";
import { isLeadRouteError, type RuleSetInput } from "../../src/index";
import { customers, NOW, reps, ruleSet } from "./fixtures";

const input = { customers: customers(), reps, now: NOW };

/** The fixture with stateless (sticky) pools, so moving customers cannot ripple into others. */
const sticky = {
  ...ruleSet,
  pools: {
    "east-team": { members: ["wang", "li", "zhao"], strategy: "sticky" },
    "south-team": { members: ["sun", "qian"], strategy: "sticky" },
    inside: { members: ["zhou"], strategy: "sticky" },
  },
} satisfies RuleSetInput;

/** CN-ZJ moved from the east territory to the south one. */
const moved = {
  ...sticky,
  revision: "r2",
  territories: {
    east: { regions: ["CN-SH", "CN-JS"] },
    south: { regions: ["CN-GD", "CN-ZJ"] },
  },
} satisfies RuleSetInput;

const zhejiang = customers()
  .filter((c) => c.region === "CN-ZJ")
  .map((c) => String(c.id));

describe("diffRuleSets", () => {
  it("finds nothing between identical rule sets", () => {
    const d = diffRuleSets(ruleSet, structuredClone(ruleSet), input);
    expect(d.customers).toBe(55); // the two rejected records count in neither
    expect(d.changed).toBe(0);
    expect(d.changedShare).toBe(0);
    expect(d.matrix).toEqual([]);
    expect(d.sample).toEqual([]);
    expect(d.rules.every((r) => r.delta === 0 && r.before === r.after)).toBe(true);
    expect(d.rules.map((r) => r.ruleId)).toEqual(["(none)", "east", "rest", "south"]);
    expect(d.reps.every((r) => r.delta === 0)).toBe(true);
    expect(d.before).toEqual({ id: "sim-demo", revision: "r1" });
  });

  it("moves exactly the customers of a region moved to another pool", () => {
    expect(zhejiang).toHaveLength(13);
    const d = diffRuleSets(sticky, moved, input);
    expect(d.after).toEqual({ id: "sim-demo", revision: "r2" });
    expect(d.changed).toBe(13);
    expect(d.changedShare).toBeCloseTo(13 / 55, 12);
    expect(d.sample.map((s) => s.customerId)).toEqual(zhejiang);
    for (const s of d.sample) {
      expect(s.before).toMatchObject({ outcome: "assigned", ruleId: "east", queue: null });
      expect(s.after).toMatchObject({ outcome: "assigned", ruleId: "south", queue: null });
      expect(["wang", "li", "zhao"]).toContain(s.before.repId);
      expect(["sun", "qian"]).toContain(s.after.repId);
      expect(s.explanations.before.detail).toBe("full");
      expect(s.explanations.after.ruleSet.revision).toBe("r2");
    }
    // The matrix is the sample, counted by (from, to) pair.
    const pairs = new Map<string, number>();
    for (const s of d.sample) {
      const key = `${s.before.repId}>${s.after.repId}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect(d.matrix.reduce((a, m) => a + m.count, 0)).toBe(13);
    for (const m of d.matrix) expect(pairs.get(`${m.from}>${m.to}`)).toBe(m.count);
    const order = d.matrix.map((m) => [m.count, m.from, m.to] as const);
    const sorted = [...order].sort(
      (x, y) => y[0] - x[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[2] < y[2] ? -1 : 1),
    );
    expect(order).toEqual(sorted);
    expect(d.rules.slice(0, 2)).toEqual([
      { ruleId: "east", before: 40, after: 27, delta: -13 },
      { ruleId: "south", before: 10, after: 23, delta: 13 },
    ]);
    expect(d.reps.reduce((a, r) => a + r.delta, 0)).toBe(0);
    const south = d.reps.filter((r) => r.repId === "sun" || r.repId === "qian");
    expect(south.reduce((a, r) => a + r.delta, 0)).toBe(13);
  });

  it("names queues as queue:<name> in the matrix", () => {
    const toReview = {
      ...sticky,
      territories: { ...sticky.territories, zj: { regions: ["CN-ZJ"] } },
      rules: [
        {
          id: "zj-review",
          priority: 20,
          match: { territory: ["zj"] },
          assign: { queue: "review" },
        },
        ...sticky.rules,
      ],
    } satisfies RuleSetInput;
    const d = diffRuleSets(sticky, toReview, input);
    expect(d.changed).toBe(13);
    expect(d.matrix.every((m) => m.to === "queue:review")).toBe(true);
    expect(d.rules[0]).toEqual({ ruleId: "east", before: 40, after: 27, delta: -13 });
    expect(d.rules[1]).toEqual({ ruleId: "zj-review", before: 0, after: 13, delta: 13 });
    expect(d.sample[0]?.after).toEqual({
      outcome: "queued",
      repId: null,
      queue: "review",
      ruleId: "zj-review",
    });
  });

  it("keeps at most sampleSize changed decisions", () => {
    expect(diffRuleSets(sticky, moved, { ...input, sampleSize: 5 }).sample).toHaveLength(5);
    expect(diffRuleSets(sticky, moved, { ...input, sampleSize: 0 }).sample).toEqual([]);
  });

  it("throws LeadRouteError for a broken rule set", () => {
    let caught: unknown;
    try {
      diffRuleSets(ruleSet, { ...ruleSet, rules: [{ id: "x", assign: { pool: "nope" } }] }, input);
    } catch (e) {
      caught = e;
    }
    expect(isLeadRouteError(caught)).toBe(true);
  });
});
