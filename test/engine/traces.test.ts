import { describe, expect, it } from "vitest";
import type { CompiledRule } from "../../src/engine/compile";
import { TraceBook } from "../../src/engine/traces";
import { createRouter, type Decision } from "../../src/index";

const rule = (index: number, id = `r${index}`): CompiledRule => ({
  rule: { id, priority: 10 - index, assign: { queue: "q" } } as CompiledRule["rule"],
  index,
  matchers: [],
  when: undefined,
});

describe("TraceBook", () => {
  it("shares one frozen trace per rule and shown failure", () => {
    const book = new TraceBook();
    expect(book.hit(rule(0))).toBe(book.hit(rule(0)));
    expect(book.hit(rule(0))).toEqual({ ruleId: "r0", priority: 10, matched: true });
    expect(Object.isFrozen(book.hit(rule(1)))).toBe(true);
    // Equal values from different customers (fresh trees) are one failure, hence one trace.
    const a = book.matcherFailure("territory", { region: "CN-SH", territories: ["east"] });
    const b = book.matcherFailure("territory", { region: "CN-SH", territories: ["east"] });
    expect(a).toBe(b);
    expect(Object.isFrozen((a.value as { territories: string[] }).territories)).toBe(true);
    expect(book.miss(rule(2), a)).toBe(book.miss(rule(2), b));
    expect(book.miss(rule(2), a)).not.toBe(book.miss(rule(3), a));
    expect(book.matcherFailure("territory", { region: "CN-BJ" })).not.toBe(a);
    expect(book.whenFailure(false)).toBe(book.whenFailure(false));
    expect(book.failure("tier")).toEqual({ matcher: "tier" });
  });

  it("never freezes nor shares an object result of a condition", () => {
    const book = new TraceBook();
    const tags: string[] = [];
    const failed = book.whenFailure(tags);
    expect(failed.value).toBe(tags);
    expect(Object.isFrozen(tags)).toBe(false);
    expect(book.miss(rule(0), failed)).not.toBe(book.miss(rule(0), book.whenFailure(tags)));
  });

  it("builds fresh traces once its limit is reached, with the same content", () => {
    const book = new TraceBook(2);
    const first = book.hit(rule(0));
    book.hit(rule(1));
    const fresh = book.hit(rule(2));
    expect(book.hit(rule(2))).not.toBe(fresh);
    expect(book.hit(rule(2))).toEqual(fresh);
    expect(book.hit(rule(0))).toBe(first);
  });
});

describe("traces across one call's explanations", () => {
  it("are the same objects for customers with the same values, and JSON as before", () => {
    const router = createRouter({
      id: "shared",
      timezone: "UTC",
      territories: { east: { regions: ["CN-SH"] } },
      rules: [
        { id: "east", match: { territory: ["east"] }, assign: { queue: "east" } },
        { id: "rest", assign: { queue: "rest" } },
      ],
    });
    const customers = [
      { id: "a", region: "CN-SC" },
      { id: "b", region: "CN-SC" },
      { id: "c", region: "CN-SH" },
    ];
    const trace = (d: Decision | undefined, id: string) =>
      d?.explanation.rules.find((r) => r.ruleId === id);
    const [sa, sb] = router.assign({ customers, reps: [], now: 0 }).decisions;
    expect(trace(sa, "rest")).toBe(trace(sb, "rest"));
    const [fa, fb, fc] = router.assign({ customers, reps: [], now: 0, explain: "full" }).decisions;
    expect(trace(fa, "east")).toBe(trace(fb, "east"));
    expect(trace(fa, "east")).not.toBe(trace(fc, "east"));
    expect(trace(fa, "rest")).toBe(trace(fb, "rest"));
    const full = router.assign({ customers, reps: [], now: 0, explain: "full" });
    expect(full.decisions[0]!.explanation.rules[0]).toEqual({
      ruleId: "east",
      priority: 0,
      matched: false,
      failed: {
        matcher: "territory",
        value: { country: "CN", region: "CN-SC", postalCode: null, territories: [] },
      },
    });
  });
});

describe("empty parts shared across one call's explanations", () => {
  const router = createRouter({
    id: "empty-parts",
    timezone: "UTC",
    hitPolicy: "first",
    pools: { east: { members: ["ann", "bob"], strategy: "round-robin" } },
    rules: [
      { id: "vip", match: { tier: ["A"] }, assign: { rep: "gone" }, onNoEligibleRep: "next-rule" },
      { id: "east", assign: { pool: "east" } },
    ],
  });
  const reps = [{ id: "ann" }, { id: "bob", active: false }];
  const customers = [
    { id: "a", tier: "B" },
    { id: "b", tier: "A" },
    { id: "c", tier: "B" },
  ];

  it("no conflicts and no exclusions are one frozen value each; a conflict gets its own list", () => {
    const { decisions, conflicts } = router.assign({ customers, reps, now: 0 });
    const [a, b, c] = decisions.map((d) => d.explanation);
    // "b" met a rep not in the roster: its conflict is its own, and nobody else's.
    expect(b!.conflicts.map((x) => x.type)).toEqual(["no_eligible_rep"]);
    expect(conflicts).toEqual(b!.conflicts);
    expect(a!.conflicts).toEqual([]);
    expect(a!.conflicts).toBe(c!.conflicts);
    expect(Object.isFrozen(a!.conflicts)).toBe(true);
    expect(Object.isFrozen(b!.conflicts)).toBe(false);
    // bob is inactive: every attempt at the pool counts him; the fixed rep "gone" is excluded.
    const poolAttempt = (e: typeof a) => e!.attempts.find((t) => t.ruleId === "east")!;
    expect(poolAttempt(a).excludedCounts).toEqual({ inactive: 1 });
    expect(poolAttempt(a).excludedCounts).not.toBe(poolAttempt(c).excludedCounts);
  });

  it("an attempt without exclusions shares the frozen empty record", () => {
    const { decisions } = router.assign({
      customers,
      reps: [{ id: "ann" }, { id: "bob" }],
      now: 0,
    });
    const counts = decisions.map((d) => d.explanation.attempts.at(-1)!.excludedCounts);
    expect(counts[0]).toEqual({});
    expect(counts[0]).toBe(counts[2]);
    expect(Object.isFrozen(counts[0])).toBe(true);
  });

  it("an event's customer patch is a plain record (prototype, keys and JSON)", () => {
    const { events } = router.assign({ customers, reps, now: 0 });
    for (const [i, e] of events.entries()) {
      const patch = e.set!.customers!;
      expect(Object.getPrototypeOf(patch)).toBe(Object.prototype);
      expect(Object.keys(patch)).toEqual([customers[i]!.id]);
      expect(JSON.parse(JSON.stringify(patch))).toEqual(patch);
    }
  });
});
