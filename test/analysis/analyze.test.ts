import { describe, expect, it } from "vitest";
import {
  analyzeRuleSet,
  FINDING_CODES,
  FINDING_SEVERITIES,
  type Finding,
  type FindingCode,
} from "../../src/analysis";
import { isLeadRouteError, type RuleSetInput } from "../../src/index";
import { reps, ruleSet } from "./fixtures";

/** A small rule set with no findings, for crafted variations. */
const base = (over: Partial<RuleSetInput> = {}): RuleSetInput => ({
  id: "t",
  pools: { p: { members: ["a"] } },
  rules: [{ id: "r", assign: { pool: "p" } }],
  fallback: { queue: "q" },
  ...over,
});

interface Case {
  ruleSet: RuleSetInput;
  reps?: unknown[];
  /** The path of the expected finding. */
  path: string;
}

/** One crafted rule set per finding code; typed so a new code without a case fails to compile. */
const CASES: Record<FindingCode, Case> = {
  rule_overlap: {
    ruleSet: base({
      rules: [
        { id: "soft", priority: 5, match: { industry: ["software"] }, assign: { pool: "p" } },
        { id: "soft-prefix", priority: 5, match: { industry: ["soft*"] }, assign: { pool: "p" } },
      ],
    }),
    path: "rules[1]",
  },
  shadowed_rule: {
    ruleSet: base({
      territories: { east: { regions: ["CN-SH", "CN-JS"] }, sh: { regions: ["CN-SH"] } },
      rules: [
        { id: "sh", priority: 10, match: { territory: ["sh"] }, assign: { pool: "p" } },
        { id: "east", priority: 20, match: { territory: ["east"] }, assign: { pool: "p" } },
      ],
    }),
    path: "rules[0]",
  },
  never_matches: {
    ruleSet: base({
      rules: [
        { id: "off", when: false, assign: { pool: "p" } },
        { id: "r", assign: { pool: "p" } },
      ],
    }),
    path: "rules[0]",
  },
  ineffective_next_rule: {
    ruleSet: base({ rules: [{ id: "r", assign: { pool: "p" }, onNoEligibleRep: "next-rule" }] }),
    path: "rules[0].onNoEligibleRep",
  },
  priority_ignored: {
    ruleSet: base({ hitPolicy: "first", rules: [{ id: "r", priority: 3, assign: { pool: "p" } }] }),
    path: "hitPolicy",
  },
  unreachable_pool: {
    ruleSet: base({ pools: { p: { members: ["a"] }, extra: { members: ["a"] } } }),
    path: "pools.extra",
  },
  empty_pool: {
    ruleSet: base({ pools: { p: { members: [] } } }),
    path: "pools.p.members",
  },
  unknown_member: {
    ruleSet: base({ pools: { p: { members: ["a", "wnag"] } } }),
    reps: [{ id: "a" }, { id: "wang" }],
    path: "pools.p.members[1]",
  },
  inactive_member: {
    ruleSet: base({ pools: { p: { members: ["a", "b"] } } }),
    reps: [{ id: "a" }, { id: "b", active: false }],
    path: "pools.p.members[1]",
  },
  unknown_team: {
    ruleSet: base({ pools: { p: { members: { teams: ["smb", "smbb"] } } } }),
    reps: [{ id: "a", teams: ["smb"] }],
    path: "pools.p.members.teams[1]",
  },
  no_eligible_member: {
    ruleSet: base({
      territories: { east: { regions: ["CN-SH"] }, south: { regions: ["CN-GD"] } },
      rules: [{ id: "r", match: { territory: ["east"] }, assign: { pool: "p" } }],
    }),
    reps: [{ id: "a", territories: ["south"] }],
    path: "rules[0].assign",
  },
  weights_ignored: {
    ruleSet: base({ pools: { p: { members: ["a", "b"], strategy: "round-robin" } } }),
    reps: [{ id: "a" }, { id: "b", weight: 2 }],
    path: "pools.p.strategy",
  },
  zero_capacity: {
    ruleSet: base({ capacity: { perDay: 0 } }),
    path: "capacity.perDay",
  },
  empty_territory: {
    ruleSet: base({
      territories: { ghost: {} },
      pools: { p: { members: { territories: ["ghost"] } } },
    }),
    path: "territories.ghost",
  },
  unused_territory: {
    ruleSet: base({ territories: { east: { regions: ["CN-SH"] } } }),
    path: "territories.east",
  },
  unused_tier: {
    ruleSet: base({
      tiers: [
        { id: "A", when: { ">=": [{ var: "customer.revenue" }, 100] } },
        { id: "B", when: true },
      ],
      rules: [
        { id: "a", match: { tier: ["A"] }, assign: { pool: "p" } },
        { id: "r", priority: -1, assign: { pool: "p" } },
      ],
    }),
    path: "tiers[1]",
  },
  unreachable_tier: {
    ruleSet: base({
      tiers: [
        { id: "A", when: true },
        { id: "B", when: { ">=": [{ var: "customer.revenue" }, 100] } },
      ],
      rules: [{ id: "r", match: { tier: ["A", "B"] }, assign: { pool: "p" } }],
    }),
    path: "tiers[1]",
  },
  no_fallback: {
    ruleSet: {
      id: "t",
      pools: { p: { members: ["a"] } },
      rules: [{ id: "r", assign: { pool: "p" } }],
    },
    path: "fallback",
  },
};

const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);

describe("analyzeRuleSet", () => {
  it("finds nothing on a clean rule set, with or without reps", () => {
    expect(analyzeRuleSet(ruleSet, reps).findings).toEqual([]);
    expect(analyzeRuleSet(ruleSet).findings).toEqual([]);
    expect(analyzeRuleSet(base(), [{ id: "a" }]).findings).toEqual([]);
  });

  it("has a crafted case for every finding code", () => {
    expect(Object.keys(CASES).sort()).toEqual([...FINDING_CODES].sort());
  });

  it.each(FINDING_CODES)("finds %s", (code) => {
    const c = CASES[code];
    const { findings } = analyzeRuleSet(c.ruleSet, c.reps);
    const found = findings.filter((f) => f.code === code);
    expect(found.map((f) => f.path)).toContain(c.path);
    for (const f of found) {
      expect(f.severity).toBe(FINDING_SEVERITIES[code]);
      expect(f.message.length).toBeGreaterThan(10);
    }
    // The case differs from the clean base only in what it is about.
    expect(codes(findings).length).toBeGreaterThan(0);
  });

  it("sorts findings by path, indexes numerically", () => {
    const rules = Array.from({ length: 12 }, (_, i) => ({
      id: `r${i}`,
      when: false,
      assign: { pool: "p" },
    }));
    const { findings } = analyzeRuleSet(base({ rules, fallback: undefined }));
    const paths = findings.map((f) => f.path);
    expect(paths[0]).toBe("fallback");
    expect(paths.slice(1)).toEqual(rules.map((_, i) => `rules[${i}]`));
  });

  it("throws LeadRouteError for a broken rule set", () => {
    let caught: unknown;
    try {
      analyzeRuleSet(base({ rules: [{ id: "r", assign: { pool: "nope" } }] }));
    } catch (e) {
      caught = e;
    }
    expect(isLeadRouteError(caught)).toBe(true);
  });

  it("does not mutate its inputs", () => {
    const rs = base({ territories: { east: { regions: ["CN-SH"] } } });
    const team = [{ id: "a" }];
    const before = JSON.stringify([rs, team]);
    analyzeRuleSet(rs, team);
    expect(JSON.stringify([rs, team])).toBe(before);
  });
});

describe("analyzeRuleSet: overlap", () => {
  const pair = (
    a: Record<string, unknown>,
    b: Record<string, unknown>,
    over: Partial<RuleSetInput> = {},
  ) =>
    analyzeRuleSet(
      base({
        territories: {
          east: { regions: ["CN-SH", "CN-JS"] },
          south: { regions: ["CN-GD"], postalCodes: ["51*"] },
          north: { countries: ["MN"], regions: ["CN-BJ"] },
          sz: { postalCodes: ["518000..518999"] },
          hk: { postalCodes: ["52*"] },
        },
        rules: [
          { id: "a", assign: { pool: "p" }, ...a },
          { id: "b", assign: { pool: "p" }, ...b },
          { id: "rest", priority: -100, assign: { pool: "p" } },
        ],
        ...over,
      }),
    ).findings.filter((f) => f.code === "rule_overlap");

  it("reports rules at equal priority whose matchers intersect", () => {
    const found = pair(
      { match: { tier: ["A", "B"] } },
      { match: { tier: ["B"], source: ["web"] } },
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ruleIds: ["a", "b"],
      details: { hitPolicy: "priority", priority: 0, sharedMatchers: ["tier"] },
    });
  });

  it("skips disjoint matchers and different priorities", () => {
    expect(pair({ match: { tier: ["A"] } }, { match: { tier: ["B"] } })).toEqual([]);
    expect(
      pair({ match: { industry: ["software"] } }, { match: { industry: ["retail*"] } }),
    ).toEqual([]);
    expect(pair({ match: { industry: ["51*"] } }, { match: { industry: ["52*"] } })).toEqual([]);
    expect(pair({ match: { country: ["CN"] } }, { match: { country: ["us"] } })).toEqual([]);
    expect(pair({ match: { territory: ["east"] } }, { match: { territory: ["north"] } })).toEqual(
      [],
    );
    expect(pair({ priority: 2 }, { priority: 1 })).toEqual([]);
  });

  it("intersects territories through regions, countries and postal codes", () => {
    expect(
      pair({ match: { territory: ["east"] } }, { match: { territory: ["east", "south"] } }),
    ).toHaveLength(1);
    // A postal pattern valid in any country meets any place.
    expect(pair({ match: { territory: ["east"] } }, { match: { territory: ["hk"] } })).toHaveLength(
      1,
    );
    expect(
      pair({ match: { territory: ["south"] } }, { match: { territory: ["sz"] } }),
    ).toHaveLength(1);
  });

  it("assumes when conditions hold, and says so", () => {
    const found = pair({ when: { "==": [{ var: "customer.source" }, "web"] } }, {});
    expect(found[0]?.details).toMatchObject({ conditionsAssumedSatisfiable: ["a"] });
    expect(found[0]?.message).toContain('assuming the "when" of "a" can hold');
  });

  it("reports any intersecting pair under unique, none under first", () => {
    const unique = pair(
      { priority: 2, match: { tier: ["A"] } },
      { match: { tier: ["A"] } },
      { hitPolicy: "unique" },
    );
    // a×b, a×rest and b×rest all intersect.
    expect(unique.map((f) => f.ruleIds)).toEqual([
      ["a", "b"],
      ["a", "rest"],
      ["b", "rest"],
    ]);
    expect(
      pair({ match: { tier: ["A"] } }, { match: { tier: ["A"] } }, { hitPolicy: "first" }),
    ).toEqual([]);
  });
});

describe("analyzeRuleSet: shadowing", () => {
  const shadowed = (rules: RuleSetInput["rules"], over: Partial<RuleSetInput> = {}) =>
    analyzeRuleSet(
      base({
        territories: {
          south: { postalCodes: ["51*"] },
          sz: { postalCodes: ["518000..518999"] },
          sz2: { postalCodes: ["518*"] },
          gz: { postalCodes: ["CN:510*"] },
        },
        pools: { p: { members: { territories: ["south", "sz", "sz2", "gz"] } } },
        rules,
        ...over,
      }),
    )
      .findings.filter((f) => f.code === "shadowed_rule")
      .map((f) => f.ruleIds);

  it("reports a rule whose every customer an earlier rule takes", () => {
    expect(
      shadowed([
        { id: "all", assign: { pool: "p" } },
        { id: "web", match: { source: ["web"] }, assign: { pool: "p" } },
      ]),
    ).toEqual([["web", "all"]]);
    expect(
      shadowed([
        { id: "south", match: { territory: ["south"] }, assign: { pool: "p" } },
        { id: "sz2", match: { territory: ["sz2", "gz"] }, assign: { pool: "p" } },
      ]),
    ).toEqual([["sz2", "south"]]);
    expect(
      shadowed([
        { id: "soft", match: { industry: ["soft*"] }, assign: { pool: "p" } },
        {
          id: "saas",
          match: { industry: ["software-saas", "soft*"], tier: ["A"] },
          assign: { pool: "p" },
        },
      ]),
    ).toEqual([["saas", "soft"]]);
  });

  it("is only reported when certain", () => {
    // A numeric range is not inside a prefix ("0518100" is numerically in range).
    expect(
      shadowed([
        { id: "south", match: { territory: ["south"] }, assign: { pool: "p" } },
        { id: "sz", match: { territory: ["sz"] }, assign: { pool: "p" } },
      ]),
    ).toEqual([]);
    // A when on the earlier rule may fail.
    expect(
      shadowed([
        { id: "all", when: { "==": [{ var: "customer.x" }, 1] }, assign: { pool: "p" } },
        { id: "web", match: { source: ["web"] }, assign: { pool: "p" } },
      ]),
    ).toEqual([]);
    // With next-rule the later rule wins when the earlier one finds nobody.
    expect(
      shadowed([
        { id: "all", assign: { pool: "p" }, onNoEligibleRep: "next-rule" },
        { id: "web", match: { source: ["web"] }, assign: { pool: "p" } },
      ]),
    ).toEqual([]);
    // A queue target always decides, next-rule or not.
    expect(
      shadowed([
        { id: "all", assign: { queue: "x" }, onNoEligibleRep: "next-rule" },
        { id: "web", match: { source: ["web"] }, assign: { pool: "p" } },
      ]),
    ).toEqual([["web", "all"]]);
    // Narrower first: nothing is shadowed.
    expect(
      shadowed([
        { id: "web", match: { source: ["web"] }, assign: { pool: "p" } },
        { id: "all", assign: { pool: "p" } },
      ]),
    ).toEqual([]);
  });

  it("follows priority order, and no shadowing under unique", () => {
    const rules: RuleSetInput["rules"] = [
      { id: "web", priority: 1, match: { source: ["web"] }, assign: { pool: "p" } },
      { id: "all", priority: 5, assign: { pool: "p" } },
    ];
    expect(shadowed(rules)).toEqual([["web", "all"]]);
    expect(shadowed(rules, { hitPolicy: "first" })).toEqual([]);
    expect(shadowed(rules, { hitPolicy: "unique" })).toEqual([]);
  });
});

describe("analyzeRuleSet: rules that never match", () => {
  const never = (rule: Record<string, unknown>, over: Partial<RuleSetInput> = {}) =>
    analyzeRuleSet(
      base({
        rules: [
          { id: "x", assign: { pool: "p" }, ...rule },
          { id: "r", priority: -1, assign: { pool: "p" } },
        ],
        ...over,
      }),
    ).findings.filter((f) => f.code === "never_matches");

  it("says why", () => {
    expect(never({ when: 0 })[0]?.message).toContain("constant 0");
    expect(never({ match: { source: [] } })[0]?.message).toContain(
      '"source" matcher lists nothing',
    );
    expect(never({ match: { country: ["US"], region: ["CN-SH"] } })[0]?.message).toContain(
      'none of its regions "CN-SH" lies in its countries "US"',
    );
    expect(
      never({ match: { territory: ["ghost"] } }, { territories: { ghost: {} } })[0]?.message,
    ).toContain("contain no country, region or postal code");
  });

  it("is quiet for conditions and matchers that can hold", () => {
    expect(never({ when: true })).toEqual([]);
    expect(never({ when: { "==": [1, 2] } })).toEqual([]);
    expect(never({ match: { country: ["cn"], region: ["CN-SH"] } })).toEqual([]);
  });
});

describe("analyzeRuleSet: roster checks", () => {
  it("hints at the rep meant by an unknown member", () => {
    const c = CASES.unknown_member;
    const f = analyzeRuleSet(c.ruleSet, c.reps).findings.find((x) => x.code === "unknown_member");
    expect(f?.message).toContain('did you mean "wang"?');
    expect(f?.details).toEqual({ repId: "wnag", didYouMean: "wang" });
  });

  it("reports a fixed rep target missing from the roster", () => {
    const { findings } = analyzeRuleSet(
      base({ rules: [{ id: "r", assign: { rep: "bob" } }], pools: {} }),
      [{ id: "a" }],
    );
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ["unknown_member", "rules[0].assign.rep"],
    ]);
  });

  it("reports a selector that selects nobody, and a pool with only inactive members", () => {
    const sel = analyzeRuleSet(base({ pools: { p: { members: { teams: ["x"] } } } }), [
      { id: "a", teams: ["y"] },
    ]);
    expect(sel.findings.find((f) => f.code === "empty_pool")?.details).toMatchObject({
      reason: "selector_matches_nobody",
    });
    const inactive = analyzeRuleSet(base(), [{ id: "a", active: false }]);
    expect(inactive.findings.find((f) => f.code === "empty_pool")?.details).toMatchObject({
      reason: "no_active_member",
    });
    // Already an empty pool: not also "no eligible member".
    expect(codes(inactive.findings)).not.toContain("no_eligible_member");
  });

  it("explains why each member can never be eligible", () => {
    const { findings } = analyzeRuleSet(
      base({
        territories: { east: { regions: ["CN-SH"] }, south: { regions: ["CN-GD"] } },
        pools: { p: { members: ["a", "b", "c", "d"] } },
        rules: [
          {
            id: "r",
            match: { territory: ["east"], industry: ["software"], tier: ["A"] },
            assign: { pool: "p" },
          },
        ],
      }),
      [
        { id: "a", territories: ["south"] },
        { id: "b", industries: ["retail*"] },
        { id: "c", tiers: ["B"], capacity: { perDay: 0 } },
        { id: "d", active: false },
      ],
    );
    const f = findings.find((x) => x.code === "no_eligible_member");
    expect(f?.details).toEqual({
      members: [
        { repId: "a", reason: "out_of_territory" },
        { repId: "b", reason: "industry_not_covered" },
        { repId: "c", reason: "zero_capacity" },
        { repId: "d", reason: "inactive" },
      ],
    });
  });

  it("is quiet when one member can take the rule's customers", () => {
    const { findings } = analyzeRuleSet(
      base({
        territories: { east: { regions: ["CN-SH"] }, cn: { countries: ["CN"] } },
        rules: [{ id: "r", match: { territory: ["east"] }, assign: { pool: "p" } }],
        pools: { p: { members: ["a", "b"] } },
      }),
      [
        { id: "a", territories: ["cn"] },
        { id: "b", territories: ["cn"] },
      ],
    );
    expect(findings).toEqual([]);
  });

  it("counts rep coverage as a use of territories and tiers only when reps are given", () => {
    const rs = base({
      territories: { east: { regions: ["CN-SH"] } },
      tiers: [{ id: "A", when: true }],
    });
    expect(codes(analyzeRuleSet(rs).findings)).toEqual(["unused_territory", "unused_tier"]);
    expect(analyzeRuleSet(rs, [{ id: "a", territories: ["east"], tiers: ["A"] }]).findings).toEqual(
      [],
    );
  });

  it("counts territories included by a used one as used", () => {
    const rs = base({
      territories: { east: { include: ["sh"] }, sh: { regions: ["CN-SH"] } },
      rules: [{ id: "r", match: { territory: ["east"] }, assign: { pool: "p" } }],
    });
    expect(analyzeRuleSet(rs).findings).toEqual([]);
  });
});
