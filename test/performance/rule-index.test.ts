import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runAssign } from "../../src/engine/assign";
import { type CompiledRuleSet, compileRuleSet } from "../../src/engine/compile";
import type { Explanation, RuleTrace } from "../../src/explain/types";
import type { CustomOperators } from "../../src/logic";
import { checkCustomer } from "../../src/schema/customer";
import { parseRuleSet } from "../../src/schema/parse";

// Small value pools, so generated customers and rules collide often (matches, ties, overlaps).
const COUNTRIES = ["CN", "US", "DE"];
const REGIONS = ["CN-SH", "CN-JS", "US-CA", "DE-BE"];
const POSTAL_PATTERNS = ["51*", "518000..518999", "CN:20*", "100000", "US:9*"];
const INDUSTRY_PATTERNS = ["5112*", "51*", "*", "software", "5112", "5000..5999", "a..m", "soft*"];
const INDUSTRIES = ["511210", "5112", "software", "5500", "b", "51"];
const POSTAL_CODES = ["518100", "200000", "510000", "100000", "94107"];
const SOURCES = ["web", "ads", "event"];
const TIERS = ["A", "B", "C"];

/** A custom operator that throws for one input: evaluation errors must surface identically. */
const operators: CustomOperators = {
  fussy: (v: unknown) => {
    if (v === "ads") throw new Error("fussy refuses ads");
    return v === "web";
  },
};

const WHENS: readonly unknown[] = [
  { ">=": [{ var: "customer.revenue" }, 1000] },
  { "<": [{ var: "customer.revenue" }, 3000] },
  { "==": [{ var: "customer.source" }, "web"] },
  { fussy: [{ var: "customer.source" }] },
  { in: ["51", { var: "customer.industry" }] },
  true,
  false,
];

const subset = <T>(values: readonly T[]) =>
  fc.subarray([...values], { minLength: 0, maxLength: values.length });
const nonEmpty = <T>(values: readonly T[]) =>
  fc.subarray([...values], { minLength: 1, maxLength: values.length });

const territoriesArb = fc
  .array(
    fc.record(
      {
        countries: subset(COUNTRIES.map((c) => c.toLowerCase())),
        regions: subset(REGIONS),
        postalCodes: subset(POSTAL_PATTERNS),
        include: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 4 },
  )
  .map((list) => {
    const out: Record<string, Record<string, unknown>> = {};
    list.forEach((t, i) => {
      const { include, ...areas } = t;
      // Includes point to earlier territories only, so there is never a cycle.
      out[`t${i}`] = include && i > 0 ? { ...areas, include: [`t${i - 1}`] } : areas;
    });
    return out;
  });

const matchArb = (territoryNames: readonly string[]) =>
  fc.record(
    {
      territory: territoryNames.length > 0 ? subset(territoryNames) : fc.constant([]),
      industry: subset(INDUSTRY_PATTERNS),
      tier: nonEmpty(TIERS),
      country: nonEmpty(["cn", "US", "de"]),
      region: nonEmpty(["CN-SH", "us-ca", "DE-BE"]),
      source: subset(SOURCES),
    },
    { requiredKeys: [] },
  );

const ruleSetArb = territoriesArb.chain((territories) => {
  const names = Object.keys(territories);
  const rule = fc.record(
    {
      priority: fc.integer({ min: 0, max: 3 }),
      match: matchArb(names),
      when: fc.constantFrom(...WHENS),
      assign: fc.constantFrom<Record<string, string>>(
        { pool: "main" },
        { pool: "closed" },
        { rep: "solo" },
        { queue: "review" },
      ),
      onNoEligibleRep: fc.constantFrom("queue", "next-rule"),
    },
    { requiredKeys: ["assign"] },
  );
  return fc.record({
    hitPolicy: fc.constantFrom("priority", "first", "unique"),
    withTiers: fc.boolean(),
    rules: fc.array(rule, { minLength: 1, maxLength: 14 }),
    territories: fc.constant(territories),
  });
});

const customerArb = fc
  .record(
    {
      country: fc.constantFrom(...COUNTRIES),
      region: fc.constantFrom(...REGIONS),
      postalCode: fc.constantFrom(...POSTAL_CODES),
      industry: fc.constantFrom(...INDUSTRIES),
      tier: fc.constantFrom(...TIERS),
      source: fc.constantFrom(...SOURCES),
      revenue: fc.integer({ min: 0, max: 4000 }),
    },
    { requiredKeys: [] },
  )
  .map((c) =>
    // A region outside the given country is a rejected record; keep records valid.
    c.region !== undefined && c.country !== undefined ? { ...c, country: c.region.slice(0, 2) } : c,
  );

type RuleSetSpec = typeof ruleSetArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: RuleSetSpec): CompiledRuleSet {
  const ruleSet = parseRuleSet(
    {
      id: "prop",
      hitPolicy: spec.hitPolicy,
      territories: spec.territories,
      ...(spec.withTiers
        ? {
            tiers: [
              { id: "A", when: { ">=": [{ var: "customer.revenue" }, 3000] } },
              { id: "B", when: { ">=": [{ var: "customer.revenue" }, 1000] } },
              { id: "C", when: { "<": [{ var: "customer.revenue" }, 500] } },
            ],
          }
        : {}),
      // "closed" has only an inactive rep, so "next-rule" paths are exercised.
      pools: { main: { members: ["a", "b"] }, closed: { members: ["gone"] } },
      rules: spec.rules.map((r, i) => ({ id: `r${i}`, ...r })),
    },
    { operators },
  );
  return compileRuleSet(ruleSet, operators);
}

const reps = [{ id: "a" }, { id: "b" }, { id: "solo" }, { id: "gone", active: false }];

/** The same compiled rule set without its index: the plain walk the index must agree with. */
const unindexed = (c: CompiledRuleSet): CompiledRuleSet => ({ ...c, index: undefined });

const withoutRules = (e: Explanation) => {
  const { rules: _rules, rulesNotEvaluated: _n, ...rest } = e;
  return rest;
};

/** Is `sub` the subsequence of `all` (same traces, same order)? */
function isSubsequence(sub: readonly RuleTrace[], all: readonly RuleTrace[]): boolean {
  let j = 0;
  for (const t of sub) {
    while (j < all.length && JSON.stringify(all[j]) !== JSON.stringify(t)) j++;
    if (j === all.length) return false;
    j++;
  }
  return true;
}

describe("rule index", () => {
  it("never changes a decision: indexed and plain walks agree (summary and full)", () => {
    fc.assert(
      fc.property(
        ruleSetArb,
        fc.array(customerArb, { minLength: 1, maxLength: 8 }),
        (spec, records) => {
          const compiled = build(spec);
          const plain = unindexed(compiled);
          const customers = records.map((r, i) => ({ id: `c${i}`, ...r }));
          const input = { customers, reps, now: "2026-03-02T10:00:00Z" };

          const full = runAssign(compiled, { ...input, explain: "full" });
          const fullPlain = runAssign(plain, { ...input, explain: "full" });
          expect(full).toEqual(fullPlain);

          const fast = runAssign(compiled, { ...input, explain: "summary" });
          const slow = runAssign(plain, { ...input, explain: "summary" });
          expect(fast.state).toEqual(slow.state);
          expect(fast.events).toEqual(slow.events);
          expect(fast.conflicts).toEqual(slow.conflicts);
          expect(fast.rejected).toEqual(slow.rejected);
          const total = compiled.ordered.length;
          fast.decisions.forEach((d, i) => {
            const s = slow.decisions[i]!;
            const { explanation, ...decision } = d;
            const { explanation: slowExplanation, ...slowDecision } = s;
            expect(decision).toEqual(slowDecision);
            expect(withoutRules(explanation)).toEqual(withoutRules(slowExplanation));
            // The index only drops misses: every trace it keeps is one the plain walk made, and
            // every rule that matched is still there.
            expect(isSubsequence(explanation.rules, slowExplanation.rules)).toBe(true);
            expect(explanation.rules.filter((t) => t.matched)).toEqual(
              slowExplanation.rules.filter((t) => t.matched),
            );
            if (explanation.error === undefined) {
              expect(explanation.rules.length + explanation.rulesNotEvaluated).toBe(total);
              expect(slowExplanation.rules.length + slowExplanation.rulesNotEvaluated).toBe(total);
            }
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it("is sound: every rule whose typed matchers hold is a candidate, in hit-policy order", () => {
    fc.assert(
      fc.property(ruleSetArb, customerArb, (spec, record) => {
        const compiled = build(spec);
        const check = checkCustomer({ id: "c", ...record }, 0, "UTC", 0);
        if (!check.ok) return;
        const { customer } = check;
        for (const tier of [undefined, ...TIERS]) {
          const facts = { customer, tier };
          const walk = compiled.index!.candidates(facts);
          const seen: number[] = [];
          for (let p = walk.next(); p >= 0; p = walk.next()) seen.push(p);
          for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
          compiled.ordered.forEach((r, pos) => {
            if (r.matchers.every((m) => m.test(facts))) expect(seen).toContain(pos);
          });
        }
      }),
      { numRuns: 400 },
    );
  });

  it("leaves a customer only the rules of its own territory and industry prefix", () => {
    const rules = [];
    for (let i = 0; i < 200; i++) {
      rules.push({
        id: `r${i}`,
        priority: 200 - i,
        match: { territory: [`t${i % 10}`], industry: [`${5100 + (i % 8)}*`] },
        assign: { queue: "q" },
      });
    }
    const territories = Object.fromEntries(
      Array.from({ length: 10 }, (_, t) => [`t${t}`, { regions: [`CN-R${t}`] }]),
    );
    const compiled = compileRuleSet(parseRuleSet({ id: "w", territories, rules }), undefined);
    const check = checkCustomer({ id: "c", region: "CN-R3", industry: "510399" }, 0, "UTC", 0);
    if (!check.ok) throw new Error("customer should be valid");
    const walk = compiled.index!.candidates({ customer: check.customer, tier: undefined });
    const seen: string[] = [];
    for (let p = walk.next(); p >= 0; p = walk.next()) seen.push(compiled.ordered[p]!.rule.id);
    // Filed under territory × industry prefix: only the 5 rules with t3 and 5103* are left.
    expect(seen).toEqual(["r3", "r43", "r83", "r123", "r163"]);

    const result = runAssign(compiled, {
      customers: [{ id: "c", region: "CN-R3", industry: "510399" }],
      reps: [],
      now: 0,
    });
    const explanation = result.decisions[0]!.explanation;
    // r3 is the first rule of t3 with industry 5103*: only t3's rules before it were looked at.
    expect(result.decisions[0]!.ruleId).toBe("r3");
    expect(explanation.rules.map((t) => t.ruleId)).toEqual(["r3"]);
    expect(explanation.rulesNotEvaluated).toBe(199);
  });

  it("walks every rule for a full explanation, reporting each miss with its matcher", () => {
    const compiled = compileRuleSet(
      parseRuleSet({
        id: "f",
        territories: { east: { regions: ["CN-SH"] }, west: { regions: ["CN-SC"] } },
        rules: [
          { id: "west", priority: 2, match: { territory: ["west"] }, assign: { queue: "w" } },
          { id: "web", priority: 1, match: { source: ["web"] }, assign: { queue: "x" } },
          { id: "east", priority: 0, match: { territory: ["east"] }, assign: { queue: "e" } },
        ],
      }),
      undefined,
    );
    const input = { customers: [{ id: "c", region: "CN-SH", source: "ads" }], reps: [], now: 0 };
    const full = runAssign(compiled, { ...input, explain: "full" }).decisions[0]!.explanation;
    expect(full.rules).toEqual([
      {
        ruleId: "west",
        priority: 2,
        matched: false,
        failed: {
          matcher: "territory",
          value: { country: "CN", region: "CN-SH", postalCode: null, territories: ["east"] },
        },
      },
      { ruleId: "web", priority: 1, matched: false, failed: { matcher: "source", value: "ads" } },
      { ruleId: "east", priority: 0, matched: true },
    ]);
    const summary = runAssign(compiled, input).decisions[0]!.explanation;
    expect(summary.rules).toEqual([{ ruleId: "east", priority: 0, matched: true }]);
    expect(summary.rulesNotEvaluated).toBe(2);
  });
});
