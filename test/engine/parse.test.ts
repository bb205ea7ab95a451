import { describe, expect, it } from "vitest";
import {
  createRouter,
  isLeadRouteError,
  LeadRouteError,
  parseRuleSet,
  type RuleSetInput,
  safeParseRuleSet,
} from "../../src/index";
import { designRuleSet } from "./fixtures";

/** The issues of the error `fn` throws; fails the test when it does not throw a LeadRouteError. */
function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(isLeadRouteError(error)).toBe(true);
    if (error instanceof LeadRouteError) return [...error.issues];
  }
  throw new Error("expected a LeadRouteError");
}

/** A mutable deep copy of the DESIGN rule set, typed loosely for injecting mistakes. */
function editable(): Record<string, unknown> & {
  rules: Record<string, unknown>[];
  pools: Record<string, Record<string, unknown>>;
} {
  return JSON.parse(JSON.stringify(designRuleSet()));
}

function rule(rs: ReturnType<typeof editable>, i: number): Record<string, unknown> {
  const r = rs.rules[i];
  if (r === undefined) throw new Error(`no rule ${i}`);
  return r;
}

describe("parseRuleSet", () => {
  it("accepts the DESIGN §3 example and applies nothing it does not say", () => {
    const rs = parseRuleSet(designRuleSet());
    expect(rs.id).toBe("acme-cn");
    expect(rs.rules.map((r) => r.onNoEligibleRep)).toEqual(["queue", "next-rule", "queue"]);
    expect(rs.fallback).toEqual({ queue: "unrouted" });
  });

  it("applies the documented defaults", () => {
    const rs = parseRuleSet({
      id: "min",
      pools: { p: { members: ["a"] } },
      rules: [{ id: "r", assign: { pool: "p" } }],
    });
    expect(rs.hitPolicy).toBe("priority");
    expect(rs.pools.p?.strategy).toBe("round-robin");
    expect(rs.fallback).toEqual({ queue: "unassigned" });
    expect(rs.availability).toEqual({ respectWorkingHours: true, respectTimeOff: true });
    expect(rs.ownership.keepCurrentOwner).toBe(true);
    expect(rs.ownership.preferAccountOwner).toBe(false);
    expect(rs.rules[0]?.onNoEligibleRep).toBe("queue");
  });

  it("reports three reference mistakes in ONE error naming all three paths, with hints", () => {
    const rs = editable();
    rule(rs, 2).assign = { pool: "east-smbb" };
    rule(rs, 1).match = { territory: ["eats"], industry: ["software"] };
    rule(rs, 0).match = { tier: ["AA"] };
    let thrown: unknown;
    try {
      parseRuleSet(rs);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LeadRouteError);
    const error = thrown as LeadRouteError;
    expect(error.code).toBe("invalid_rule_set");
    expect(error.issues).toHaveLength(3);
    expect(error.issues).toEqual(
      expect.arrayContaining([
        {
          path: "rules[2].assign.pool",
          message: 'unknown pool "east-smbb" (did you mean "east-smb"?)',
        },
        {
          path: "rules[1].match.territory[0]",
          message: 'unknown territory "eats" (did you mean "east"?)',
        },
        { path: "rules[0].match.tier[0]", message: 'unknown tier "AA" (did you mean "A"?)' },
      ]),
    );
    // The message lists every issue too, so a log line is enough to fix the file.
    expect(error.message).toContain(
      'rules[2].assign.pool: unknown pool "east-smbb" (did you mean "east-smb"?)',
    );
    expect(error.message).toContain("rules[1].match.territory[0]");
    expect(error.message).toContain("rules[0].match.tier[0]");
  });

  it("reports a typo key as an unknown key with a did-you-mean hint", () => {
    const rs = editable();
    const r = rule(rs, 0);
    r.prority = r.priority;
    delete r.priority;
    expect(issuesOf(() => parseRuleSet(rs))).toEqual([
      { path: "rules[0].prority", message: 'unknown key "prority" (did you mean "priority"?)' },
    ]);
  });

  // Regression: a shape mistake must not hide the reference and time-zone checks (DESIGN §10;
  // issue 2: "three mistakes gives one error naming all three paths").
  it("reports a typo key, an unknown pool and a bad time zone together", () => {
    const rs = editable();
    rule(rs, 0).prority = 5;
    rule(rs, 2).assign = { pool: "east-smbb" };
    rs.timezone = "Asia/Shangai";
    const paths = issuesOf(() => parseRuleSet(rs)).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(["rules[0].prority", "rules[2].assign.pool", "timezone"]),
    );
  });

  it("reports several shape mistakes together", () => {
    const rs = editable();
    rule(rs, 0).prority = 5;
    rule(rs, 1).assign = { pool: "east-smb", rep: "wang" };
    rule(rs, 2).when = { var: "customer.__proto__.x" };
    const issues = issuesOf(() => parseRuleSet(rs));
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["rules[0].prority", "rules[1].assign", "rules[2].when.var"]),
    );
    expect(issues.find((i) => i.path === "rules[2].when.var")?.message).toContain("__proto__");
  });

  it("names an unknown territory in a pool selector and an unknown tier in idleReleaseDays", () => {
    const rs = editable();
    rs.pools["east-smb"] = { members: { teams: ["smb"], territories: ["esat"] } };
    rs.ownership = { idleReleaseDays: { A: 30, D: 7 } };
    const issues = issuesOf(() => parseRuleSet(rs));
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: "pools.east-smb.members.territories[0]",
          message: expect.stringContaining('unknown territory "esat"'),
        },
        {
          path: "ownership.idleReleaseDays.D",
          message: expect.stringContaining('unknown tier "D"'),
        },
      ]),
    );
  });

  it("rejects an unknown IANA time zone", () => {
    const rs = editable();
    rs.timezone = "Mars/Olympus_Mons";
    const issues = issuesOf(() => parseRuleSet(rs));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("timezone");
    expect(issues[0]?.message).toContain('unknown IANA time zone "Mars/Olympus_Mons"');
  });

  it("rejects duplicate rule ids, an include cycle and a malformed postal pattern", () => {
    const rs = editable();
    rule(rs, 2).id = "key-accounts";
    rs.territories = {
      a: { include: ["b"] },
      b: { include: ["a"] },
      c: { postalCodes: ["5*1"] },
    };
    rule(rs, 1).match = { industry: ["software"] };
    const paths = issuesOf(() => parseRuleSet(rs)).map((i) => i.path);
    expect(paths).toContain("rules[2].id");
    expect(paths.some((p) => p.startsWith("territories.a") || p.startsWith("territories.b"))).toBe(
      true,
    );
    expect(paths).toContain("territories.c.postalCodes[0]");
  });

  it("turns a 20,000-deep condition into an error, not a stack overflow", () => {
    let deep: unknown = true;
    for (let i = 0; i < 20_000; i++) deep = { "!": [deep] };
    const rs = editable();
    rule(rs, 2).when = deep;
    const issues = issuesOf(() => parseRuleSet(rs));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path.startsWith("rules[2].when")).toBe(true);
    expect(issues[0]?.message).toMatch(/deep|nested/i);
  });

  it("refuses an object with two keys as a condition, and log / method", () => {
    for (const when of [
      { "==": [1, 1], "!=": [1, 2] },
      { log: "x" },
      { method: [{ var: "customer.id" }, "toString"] },
    ]) {
      const rs = editable();
      rule(rs, 2).when = when;
      expect(issuesOf(() => parseRuleSet(rs)).map((i) => i.path)[0]).toMatch(/^rules\[2\]\.when/);
    }
  });

  it("allows custom operators only when declared, and never under a reserved name", () => {
    const rs = editable();
    rule(rs, 2).when = { isVip: [{ var: "customer.id" }] };
    expect(issuesOf(() => parseRuleSet(rs))[0]?.message).toContain("isVip");
    expect(() => parseRuleSet(rs, { operators: { isVip: () => true } })).not.toThrow();
    for (const name of ["log", "method", "=="]) {
      const result = safeParseRuleSet(rs, { operators: { [name]: () => true } });
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.code).toBe("invalid_operators");
    }
  });
});

describe("safeParseRuleSet", () => {
  it("returns data on success and the same LeadRouteError as parseRuleSet on failure, never throwing", () => {
    const ok = safeParseRuleSet(designRuleSet());
    expect(ok.success).toBe(true);
    if (ok.success) expect(ok.data).toEqual(parseRuleSet(designRuleSet()));

    const rs = editable();
    rule(rs, 2).assign = { pool: "east-smbb" };
    const bad = safeParseRuleSet(rs);
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(bad.error).toBeInstanceOf(LeadRouteError);
      expect(bad.error.issues).toEqual(issuesOf(() => parseRuleSet(rs)));
    }
    for (const garbage of [null, undefined, 42, "rules", [], { id: 1 }, { rules: "x" }]) {
      const result = safeParseRuleSet(garbage);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
    }
  });

  it("never accepts prototype keys as names", () => {
    const rs = JSON.parse(
      '{"id":"x","pools":{"__proto__":{"members":["a"]}},"rules":[{"id":"r","assign":{"pool":"__proto__"}}]}',
    ) as RuleSetInput;
    expect(safeParseRuleSet(rs).success).toBe(false);
  });
});

describe("createRouter", () => {
  it("parses raw input and throws the parse error for a bad rule set", () => {
    const rs = editable();
    rule(rs, 2).assign = { pool: "east-smbb" };
    expect(issuesOf(() => createRouter(rs))[0]?.path).toBe("rules[2].assign.pool");
    expect(createRouter(designRuleSet()).ruleSet.id).toBe("acme-cn");
  });
});
