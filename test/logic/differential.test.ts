import fc from "fast-check";
import jsonLogic, { type RulesLogic } from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compileLogic, validateLogic } from "../../src/logic";
import { conditionArb, dataArb, ROOTS } from "./arbitraries";

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function run(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.constructor.name : typeof error };
  }
}

function reference(condition: unknown, data: unknown): Outcome {
  // The reference implementation is typed loosely; the cast only feeds it the same value.
  return run(() => jsonLogic.apply(condition as RulesLogic, data));
}

/** Frozen inputs make any mutation by the compiled code throw, and so fail the comparison. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze(Reflect.get(value, key));
    Object.freeze(value);
  }
  return value;
}

function compiled(condition: unknown, data: unknown): Outcome {
  return run(() => compileLogic(condition)(data));
}

describe("compileLogic agrees with json-logic-js 2.0.5", () => {
  it("on random valid conditions and data (and the generator only makes valid ones)", () => {
    fc.assert(
      fc.property(
        conditionArb("valid"),
        fc.array(dataArb, { minLength: 1, maxLength: 3 }),
        (condition, datas) => {
          expect(validateLogic(condition, { roots: ROOTS })).toEqual([]);
          const evaluate = compileLogic(condition);
          for (const data of datas) {
            const expected = reference(condition, data);
            const actual = run(() => evaluate(data));
            expect(actual).toStrictEqual(expected);
          }
        },
      ),
      { numRuns: 4000 },
    );
  });

  it("on random conditions with any argument count (validation aside)", () => {
    fc.assert(
      fc.property(conditionArb("any"), dataArb, (condition, data) => {
        deepFreeze(condition);
        deepFreeze(data);
        expect(compiled(condition, data)).toStrictEqual(reference(condition, data));
      }),
      { numRuns: 3000 },
    );
  });
});
