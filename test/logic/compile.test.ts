import jsonLogic, { type RulesLogic } from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compileLogic, truthy } from "../../src/logic";

// The reference implementation is typed loosely; the cast only feeds it the same value.
const reference = (condition: unknown, data?: unknown): unknown =>
  jsonLogic.apply(condition as RulesLogic, data);

const DATA = {
  customer: {
    a: "",
    b: 0,
    s: "jsonlogic",
    n: 12,
    list: [1, 2, 3, 4],
    words: ["ab", "c"],
    rows: [
      { x: 1, y: "a" },
      { x: 2, y: "b" },
    ],
    nested: { deep: { x: null } },
    obj: { k: 1 },
    tags: ["vip", "new"],
  },
  now: "2026-11-27T00:00:00.000Z",
  nowMs: 1_795_737_600_000,
};

/** Tricky cases: [condition, data, the value json-logic-js 2.0.5 returns]. */
const TABLE: readonly (readonly [string, unknown, unknown, unknown])[] = [
  ["loose ==", { "==": [1, "1"] }, DATA, true],
  ["strict ===", { "===": [1, "1"] }, DATA, false],
  ["0 == ''", { "==": [0, ""] }, DATA, true],
  ["[] == false", { "==": [[], false] }, DATA, true],
  ["null == 0", { "==": [null, 0] }, DATA, false],
  ["!= loose", { "!=": ["1", 1] }, DATA, false],
  ["string comparison", { "<": ["10", "9"] }, DATA, true],
  ["mixed comparison", { "<": ["10", 9] }, DATA, false],
  ["between", { "<": [1, 2, 3] }, DATA, true],
  ["between inclusive", { "<=": [1, 1, 0] }, DATA, false],
  ["+ parses strings", { "+": ["3", 2] }, DATA, 5],
  ["+ unary cast", { "+": "3.5" }, DATA, 3.5],
  ["+ no args", { "+": [] }, DATA, 0],
  ["+ parseFloat prefix", { "+": ["1.5abc", 1] }, DATA, 2.5],
  ["+ null", { "+": [null, 1] }, DATA, Number.NaN],
  ["+ array", { "+": [[2, 3], 1] }, DATA, 3],
  ["* one arg is returned as is", { "*": ["3"] }, DATA, "3"],
  ["* parses", { "*": ["3", "2"] }, DATA, 6],
  ["- unary", { "-": [5] }, DATA, -5],
  ["- strings", { "-": ["5", "2"] }, DATA, 3],
  ["- null second", { "-": [5, null] }, DATA, 5],
  ["/ by zero", { "/": [1, 0] }, DATA, Number.POSITIVE_INFINITY],
  ["%", { "%": [7, 3] }, DATA, 1],
  ["min none", { min: [] }, DATA, Number.POSITIVE_INFINITY],
  ["max none", { max: [] }, DATA, Number.NEGATIVE_INFINITY],
  ["min coerces", { min: ["2", 1] }, DATA, 1],
  ["max NaN", { max: [1, "x"] }, DATA, Number.NaN],
  ["in substring", { in: ["Spring", "Springfield"] }, DATA, true],
  ["in array strict", { in: [1, ["1"]] }, DATA, false],
  ["in null", { in: ["a", null] }, DATA, false],
  ["in object", { in: ["k", { var: "customer.obj" }] }, DATA, false],
  ["in number coerced into string", { in: [2, "123"] }, DATA, true],
  ["cat", { cat: ["a", null, 1, [1, 2], true] }, DATA, "a11,2true"],
  ["substr negative start", { substr: ["jsonlogic", -5] }, DATA, "logic"],
  ["substr negative end", { substr: ["jsonlogic", 1, -3] }, DATA, "sonlo"],
  ["substr length", { substr: ["jsonlogic", 4, 2] }, DATA, "lo"],
  ["substr string end", { substr: ["jsonlogic", 1, "-3"] }, DATA, ""],
  ["var nested", { var: "customer.list.1" }, DATA, 2],
  ["var numeric", { var: 1 }, ["a", "b"], "b"],
  ["var default", { var: ["customer.none", "dflt"] }, DATA, "dflt"],
  ["var found null beats default", { var: ["customer.nested.deep.x", "d"] }, DATA, null],
  ["var missing without default", { var: "customer.none.deeper" }, DATA, null],
  ["var null path = data", { var: null }, 5, 5],
  ["var [] = data", { var: [] }, "x", "x"],
  ["var on null data", { var: "customer.a" }, null, null],
  ["var string length", { var: "customer.s.length" }, DATA, 9],
  ["var string index", { var: "customer.s.1" }, DATA, "s"],
  ["var non-canonical index", { var: "customer.s.01" }, DATA, null],
  ["var array length", { var: "customer.list.length" }, DATA, 4],
  ["var double dot", { var: "customer..a" }, DATA, null],
  [
    "missing",
    { missing: ["customer.a", "customer.b", "customer.none"] },
    DATA,
    ["customer.a", "customer.none"],
  ],
  ["missing list form", { missing: [["customer.none"], "customer.a"] }, DATA, ["customer.none"]],
  ["missing empty", { missing: [] }, DATA, []],
  ["missing_some enough", { missing_some: [1, ["customer.a", "customer.s"]] }, DATA, []],
  [
    "missing_some not enough",
    { missing_some: [2, ["customer.a", "customer.s"]] },
    DATA,
    ["customer.a"],
  ],
  ["if no args", { if: [] }, DATA, null],
  ["if without else", { if: [false, 1] }, DATA, null],
  ["if chain", { if: [false, 1, false, 2, 3] }, DATA, 3],
  ["if single", { if: true }, DATA, true],
  ["?:", { "?:": [{ var: "customer.b" }, "yes", "no"] }, DATA, "no"],
  ["and empty", { and: [] }, DATA, undefined],
  ["and deciding value", { and: [1, 0, 2] }, DATA, 0],
  ["and last", { and: [1, "x"] }, DATA, "x"],
  ["or deciding value", { or: [0, "", "x"] }, DATA, "x"],
  ["or last falsy", { or: [0, []] }, DATA, []],
  ["! empty array", { "!": [[]] }, DATA, true],
  ["!! '0'", { "!!": ["0"] }, DATA, true],
  [
    "reduce",
    { reduce: [[1, 2, 3], { "+": [{ var: "current" }, { var: "accumulator" }] }, 0] },
    DATA,
    6,
  ],
  [
    "reduce null initial",
    { reduce: [[1], { "+": [{ var: "current" }, { var: "accumulator" }] }] },
    DATA,
    Number.NaN,
  ],
  ["reduce non-array", { reduce: ["x", { var: "current" }, 7] }, DATA, 7],
  ["reduce whole scope", { reduce: [[1], { var: "" }, 0] }, DATA, { current: 1, accumulator: 0 }],
  ["all empty", { all: [[], true] }, DATA, false],
  ["none empty", { none: [[], true] }, DATA, true],
  ["some string", { some: ["abc", true] }, DATA, false],
  ["some items", { some: [{ var: "customer.tags" }, { "==": [{ var: "" }, "vip"] }] }, DATA, true],
  ["all rows", { all: [{ var: "customer.rows" }, { ">": [{ var: "x" }, 0] }] }, DATA, true],
  ["map", { map: [{ var: "customer.list" }, { "*": [{ var: "" }, 2] }] }, DATA, [2, 4, 6, 8]],
  ["map strings", { map: [{ var: "customer.words" }, { var: "length" }] }, DATA, [2, 1]],
  ["map without logic", { map: [[1, 2]] }, DATA, [undefined, undefined]],
  ["filter", { filter: [{ var: "customer.list" }, { "%": [{ var: "" }, 2] }] }, DATA, [1, 3]],
  ["filter non-array", { filter: [5, true] }, DATA, []],
  ["merge", { merge: [1, [2, [3]], []] }, DATA, [1, 2, [3]]],
  ["top-level array", [1, { var: "customer.n" }, [2]], DATA, [1, 12, [2]]],
  ["multi-key object literal", { a: 1, b: 2 }, DATA, { a: 1, b: 2 }],
];

describe("compileLogic: tricky cases against json-logic-js", () => {
  it.each(TABLE)("%s", (_label, condition, data, expected) => {
    const actual = compileLogic(condition)(data);
    expect(actual).toStrictEqual(expected);
    expect(actual).toStrictEqual(reference(condition, data));
  });

  it.each([
    ["* with no argument", { "*": [] }],
    ["missing_some without options", { missing_some: [1] }],
    ["String() of an object without prototype", { cat: [{ var: "customer.bare" }] }],
  ])("throws where json-logic-js throws: %s", (_label, condition) => {
    const data = { customer: { bare: Object.create(null) } };
    expect(() => reference(condition, data)).toThrow(TypeError);
    expect(() => compileLogic(condition)(data)).toThrow(TypeError);
  });

  it("truthy is json-logic-js truthy", () => {
    for (const value of [
      0,
      -0,
      1,
      "",
      "0",
      "a",
      null,
      undefined,
      [],
      [0],
      {},
      Number.NaN,
      true,
      false,
    ]) {
      expect(truthy(value)).toBe(jsonLogic.truthy(value));
    }
  });
});

describe("compileLogic: safety", () => {
  it("reads own properties only, where json-logic-js reaches prototypes", () => {
    expect(reference({ var: "customer.a.toString" }, DATA)).toBeTypeOf("function");
    expect(compileLogic({ var: "customer.a.toString" })(DATA)).toBeNull();
    expect(compileLogic({ var: "customer.list.map" })(DATA)).toBeNull();
    const computed = { var: [{ cat: ["customer.__pro", "to__"] }] };
    expect(reference(computed, DATA)).toBe(Object.prototype);
    expect(compileLogic(computed)(DATA)).toBeNull();
    expect(compileLogic({ var: [{ cat: ["customer.constructor"] }, "none"] })(DATA)).toBe("none");
  });

  it("reads an own __proto__ key of parsed JSON as data, never the prototype", () => {
    const data = JSON.parse('{"customer": {"__proto__": {"x": 1}}}');
    expect(compileLogic({ var: [{ cat: ["customer.__proto__.x"] }] })(data)).toBe(1);
    expect(
      compileLogic({ var: [{ cat: ["customer.__proto__.hasOwnProperty"] }] })(data),
    ).toBeNull();
  });

  it("never runs a value read from data as an operation (json-logic-js does, in missing)", () => {
    const condition = { missing: { var: "customer.keys" } };
    // json-logic-js runs the key {"cat": [...]} and looks up the path it computes.
    const data = { customer: { name: "x", keys: [{ cat: ["customer.", "name"] }] } };
    expect(reference(condition, data)).toEqual([]);
    expect(() => compileLogic(condition)(data)).toThrow(
      /refusing to evaluate a value read from data/,
    );
  });

  it("refuses unknown and forbidden operators at compile time", () => {
    expect(() => compileLogic({ log: "x" }, { log: () => 1 })).toThrow(/"log" is not allowed/);
    expect(() => compileLogic({ method: ["x", "toUpperCase"] })).toThrow(/"method" is not allowed/);
    expect(() => compileLogic({ toString: [] }, {})).toThrow(/unknown operator "toString"/);
    expect(() => compileLogic({ hasOwnProperty: ["x"] })).toThrow(/unknown operator/);
    expect(() => compileLogic({ double: [1] })).toThrow(/unknown operator "double"/);
  });

  it("mutates neither the condition nor the data", () => {
    const condition = deepFreeze({
      and: [
        { map: [{ var: "customer.list" }, { "+": [{ var: "" }, 1] }] },
        { filter: [{ var: "customer.rows" }, { var: "x" }] },
        {
          reduce: [
            { var: "customer.list" },
            { merge: [{ var: "accumulator" }, [{ var: "current" }]] },
            [],
          ],
        },
        { missing_some: [1, ["customer.a", "customer.b"]] },
      ],
    });
    const data = deepFreeze(structuredClone(DATA));
    expect(compileLogic(condition)(data)).toStrictEqual(reference(condition, data));
  });

  it("returns fresh arrays for literal arrays, as json-logic-js does", () => {
    for (const condition of [
      ["a", "b"],
      { var: ["customer.none", ["a", "b"]] },
      { if: [true, ["a", "b"], []] },
    ]) {
      const evaluate = compileLogic(condition);
      const first = evaluate(DATA);
      expect(Object.isFrozen(first)).toBe(false);
      (first as unknown[]).push("c");
      expect(evaluate(DATA)).toEqual(["a", "b"]);
    }
    const nested = compileLogic({ merge: [[["a"]]] });
    const result = nested(DATA) as unknown[][];
    result[0]!.push("b");
    expect(nested(DATA)).toEqual([["a"]]);
  });
});

describe("compileLogic: custom operators", () => {
  it("are per compilation, and json-logic-js's global table is untouched", () => {
    const condition = { double: [{ var: "customer.n" }] };
    const twice = compileLogic(condition, { double: (x) => Number(x) * 2 });
    const thrice = compileLogic(condition, { double: (x) => Number(x) * 3 });
    expect(twice(DATA)).toBe(24);
    expect(thrice(DATA)).toBe(36);
    expect(twice(DATA)).toBe(24);
    expect(() => reference(condition, DATA)).toThrow("Unrecognized operation double");
  });

  it("receive evaluated arguments as fn(...args), without this", () => {
    const calls: unknown[] = [];
    const evaluate = compileLogic(
      { spy: [{ var: "customer.n" }, { "+": [1, 2] }, "lit", [1], { var: "customer.none" }] },
      {
        spy: function (this: unknown, ...args: unknown[]) {
          calls.push(this, args);
          (args[3] as unknown[]).push("mutated");
          return "ok";
        },
      },
    );
    expect(evaluate(DATA)).toBe("ok");
    expect(evaluate(DATA)).toBe("ok");
    expect(calls).toEqual([
      undefined,
      [12, 3, "lit", [1, "mutated"], null],
      undefined,
      [12, 3, "lit", [1, "mutated"], null],
    ]);
  });

  it.each([0, 1, 2, 3, 5])("work with %i arguments", (count) => {
    const args = Array.from({ length: count }, (_, i) => ({ "+": [i, 1] }));
    const evaluate = compileLogic({ list: args }, { list: (...values) => values });
    expect(evaluate({})).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it.each([
    ["a literal argument", { grab: [[1]] }],
    ["a nested literal item", { some: [[[1]], { grab: [{ var: "" }] }] }],
    ["a var default", { map: [[1], { grab: [{ var: ["x", [0]] }] }] }],
    ["a reduce accumulator", { reduce: [[1, 2], { grab: [{ var: "accumulator" }] }, [0]] }],
    [
      "a literal that became the accumulator",
      { reduce: [[1, 2, 3], { if: [{ grab: [{ var: "accumulator" }] }, [9], [8]] }, []] },
    ],
  ])("never receive a shared or frozen array: %s", (_label, condition) => {
    const grab = (value: unknown): unknown => {
      if (!Array.isArray(value)) throw new TypeError("expected an array");
      value.push("mutated");
      return value;
    };
    // Also under "!!", where literal arrays that cannot escape are shared.
    for (const variant of [condition, { "!!": [condition] }]) {
      const evaluate = compileLogic(variant, { grab });
      const first = evaluate(DATA);
      expect(evaluate(DATA)).toStrictEqual(first);
    }
  });

  it("let errors propagate (the engine turns them into evaluation_error)", () => {
    const evaluate = compileLogic(
      { and: [true, { boom: [] }] },
      {
        boom: () => {
          throw new RangeError("boom");
        },
      },
    );
    expect(() => evaluate(DATA)).toThrow("boom");
  });

  it("are only looked up as own properties of the table", () => {
    const inherited = Object.create({ double: () => 2 });
    expect(() => compileLogic({ double: [1] }, inherited)).toThrow(/unknown operator/);
  });

  it("cannot override a built-in", () => {
    expect(compileLogic({ "+": [1, 2] }, { "+": () => "custom" })(DATA)).toBe(3);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) deepFreeze(Reflect.get(value, key));
    Object.freeze(value);
  }
  return value;
}
