import fc from "fast-check";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ES modules of the bench, without types
import { copyOf } from "../../bench/copy.mjs";
// @ts-expect-error: plain ES modules of the bench, without types
import { renderTables } from "../../bench/tables.mjs";
// @ts-expect-error: plain ES modules of the bench, without types
import * as W from "../../bench/workload.mjs";
import { createRouter } from "../../src";

// The bench's output floor times a copy of `assign`'s output: it must be the same JSON, made of
// new objects wherever the engine makes new objects, and leave the original alone.

/** Every object and array reachable from `value`. */
function objectsOf(value: unknown, into: unknown[] = []): unknown[] {
  if (typeof value !== "object" || value === null) return into;
  into.push(value);
  for (const v of Object.values(value)) objectsOf(v, into);
  return into;
}

describe("bench/copy.mjs copyOf", () => {
  it("copies JSON data into new objects with the same JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = JSON.stringify(value);
        const copy = copyOf(value);
        expect(JSON.stringify(copy)).toBe(before);
        expect(JSON.stringify(value)).toBe(before);
        const originals = new Set(objectsOf(value));
        for (const o of objectsOf(copy)) expect(originals.has(o)).toBe(false);
      }),
    );
  });

  it("copies an assign result, keeping only the engine's frozen shared values shared", () => {
    const router = createRouter(W.leadrouteRuleSet(W.abstractRules(40, 5), 5));
    const customers = W.customers(0, 300);
    const result = router.assign({
      customers,
      reps: W.reps(5),
      now: customers[customers.length - 1].receivedAt,
    });
    const output = { decisions: result.decisions, events: result.events };
    const copy = copyOf(output);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(output));
    const originals = new Set(objectsOf(output));
    const shared = objectsOf(copy).filter((o) => originals.has(o));
    expect(shared.length).toBeGreaterThan(0);
    for (const o of shared) expect(Object.isFrozen(o)).toBe(true);
    // Per customer, the decision, its explanation and its event are new objects.
    expect(copy.decisions[0]).not.toBe(output.decisions[0]);
    expect(copy.decisions[0].explanation).not.toBe(output.decisions[0].explanation);
    expect(copy.events[0].set).not.toBe(output.events[0].set);
  });
});

describe("bench/tables.mjs floor table", () => {
  const row = (microsPerCustomer: number) => ({
    customersPerSecond: 1e6 / microsPerCustomer,
    microsPerCustomer,
  });
  /** The smallest result the tables render, with W1 rows at the given µs per customer. */
  const result = (copy: number | undefined) => ({
    targets: [],
    w1: {
      leadrouteSummary: row(10),
      leadrouteRulesOnly: row(4),
      jsonLogicEngine: row(6),
      jsonLogicJs: row(50),
      jsonRulesEngine: row(1500),
      ...(copy === undefined ? {} : { outputCopy: row(copy) }),
    },
    w4: { full: row(24) },
    w1EveryRule: {
      leadrouteSummary: row(10),
      leadrouteRulesOnly: row(4),
      jsonLogicEngine: row(8),
      jsonLogicJs: row(80),
    },
    w3: [],
    w1ByStrategy: [],
    w1Young: [],
    perLead: { customers: 10, ...row(300) },
  });

  it("sets each target's time per customer against the copy's, and says whether it fits", () => {
    const floor: string = renderTables(result(5)).floor;
    const lines = floor.split("\n").slice(2);
    expect(lines).toHaveLength(4);
    // 100k/s allows 10 µs; 2× a 6 µs loop 3 µs; 25× 50 µs 2 µs; 500× 1,500 µs 3 µs.
    expect(lines[0]).toMatch(/W1 ≥ 100k.*\|\s+10\.0 µs \|\s+5\.0 µs \| yes/);
    expect(lines[1]).toMatch(/2× json-logic-engine.*\|\s+3\.0 µs \|\s+5\.0 µs \| no/);
    expect(lines[2]).toMatch(/25× json-logic-js.*\|\s+2\.0 µs \|\s+5\.0 µs \| no/);
    expect(lines[3]).toMatch(/500× json-rules-engine.*\|\s+3\.0 µs \|\s+5\.0 µs \| no/);
    expect(renderTables(result(2.5)).floor).toMatch(/2× json-logic-engine.*\| yes/);
  });

  it("has no floor table or row for a run that did not time the copy", () => {
    const tables = renderTables(result(undefined));
    expect(tables.floor).toBeUndefined();
    expect(tables.comparison).not.toContain("copied");
    expect(renderTables(result(5)).comparison).toContain("copied");
  });
});
