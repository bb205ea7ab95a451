import { describe, expect, it } from "vitest";
import {
  BUILTIN_OPERATORS,
  compileLogic,
  FORBIDDEN_OPERATORS,
  LOGIC_LIMITS,
  type LogicIssue,
  validateLogic,
  validateOperatorNames,
} from "../../src/logic";

const RULE_ROOTS = ["customer", "now", "nowMs"];
const validate = (condition: unknown, customOperators?: readonly string[]): LogicIssue[] =>
  validateLogic(condition, { roots: RULE_ROOTS, customOperators });

/** `{"!": {"!": ... true}}`, `levels` objects deep, built without recursion. */
function nestedNot(levels: number): unknown {
  let condition: unknown = true;
  for (let i = 0; i < levels; i++) condition = { "!": condition };
  return condition;
}

describe("validateLogic accepts", () => {
  it.each([
    ["a literal", true],
    ["a tier condition", { ">=": [{ var: "customer.annualRevenue" }, 100000000] }],
    ["an exemption", { "==": [{ var: "customer.stage" }, "won"] }],
    ["now and nowMs", { "<": [{ var: "nowMs" }, { var: ["customer.deadlineMs", 0] }] }],
    ["the unary form", { "!": { var: "customer.blocked" } }],
    ["a literal default array", { in: ["x", { var: ["customer.tags", ["a", "b"]] }] }],
    ["a numeric path inside an item scope", { map: [{ var: "customer.rows" }, { var: 0 }] }],
    ["every operator once", everyOperator()],
    [
      "item paths inside some/all/none/filter/map",
      {
        and: [
          { some: [{ var: "customer.tags" }, { "==": [{ var: "" }, "vip"] }] },
          { all: [{ var: "customer.orders" }, { ">": [{ var: "amount" }, 0] }] },
          { none: [{ var: "customer.orders" }, { var: "refunded" }] },
          { filter: [{ var: "customer.orders" }, { missing: ["amount"] }] },
        ],
      },
    ],
    [
      "current and accumulator inside reduce, roots in its initial value",
      {
        reduce: [
          { var: "customer.orders" },
          { "+": [{ var: "current.amount" }, { var: "accumulator" }] },
          { var: ["customer.base", 0] },
        ],
      },
    ],
    ["missing keys", { missing: ["customer.email", "customer.phone"] }],
    ["missing keys as one list", { missing: [["customer.email", "customer.phone"]] }],
    ["missing_some", { missing_some: [1, ["customer.email", "customer.phone"]] }],
    ["a between", { "<=": [0, { var: "customer.score" }, 100] }],
    ["exactly maxDepth levels", nestedNot(LOGIC_LIMITS.maxDepth)],
  ])("%s", (_label, condition) => {
    expect(validate(condition)).toEqual([]);
  });

  it("declared custom operators", () => {
    const condition = { isWeekday: [{ var: "nowMs" }, { var: "customer.tz" }] };
    expect(validate(condition, ["isWeekday"])).toEqual([]);
    expect(validateLogic({ ">": [{ var: "rep.level" }, 2] }, { roots: ["rep"] })).toEqual([]);
  });
});

/** One condition using every built-in operator, so a new operator must be handled. */
function everyOperator(): unknown {
  const x = { var: "customer.x" };
  const list = { var: "customer.list" };
  const byOperator: Record<string, unknown> = {
    "==": [x, 1],
    "===": [x, 1],
    "!=": [x, 1],
    "!==": [x, 1],
    ">": [x, 1],
    ">=": [x, 1],
    "<": [x, 1],
    "<=": [x, 1],
    "!": x,
    "!!": x,
    or: [x, 1],
    and: [x, 1],
    "?:": [x, 1, 2],
    if: [x, 1, 2],
    in: ["a", list],
    cat: ["a", x],
    substr: [x, 1],
    "+": [x, 1],
    "-": [x, 1],
    "*": [x, 2],
    "/": [x, 2],
    "%": [x, 2],
    min: [x, 1],
    max: [x, 1],
    merge: [list, [1]],
    var: "customer.y",
    missing: ["customer.z"],
    missing_some: [1, ["customer.z", "customer.w"]],
    some: [list, { var: "" }],
    all: [list, { var: "" }],
    none: [list, { var: "" }],
    filter: [list, { var: "" }],
    map: [list, { var: "" }],
    reduce: [list, { var: "current" }, 0],
  };
  expect(Object.keys(byOperator)).toEqual([...BUILTIN_OPERATORS]);
  return { and: BUILTIN_OPERATORS.map((op) => ({ [op]: byOperator[op] })) };
}

describe("validateLogic refuses", () => {
  it("unknown operators, with a did-you-mean hint", () => {
    expect(validate({ iff: [true, 1, 2] })).toEqual([
      { path: [], message: 'unknown operator "iff" (did you mean "if"?)' },
    ]);
    expect(validate({ and: [true, { dubble: [1] }] }, ["double"])).toEqual([
      { path: ["and", 1], message: 'unknown operator "dubble" (did you mean "double"?)' },
    ]);
    expect(validate({ frobnicate: [] })).toEqual([
      { path: [], message: 'unknown operator "frobnicate"; custom operators must be declared' },
    ]);
  });

  it.each(FORBIDDEN_OPERATORS)("%s, saying why, even when declared", (op) => {
    const issues = validate({ and: [true, { [op]: ["x"] }] }, [op]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(["and", 1]);
    expect(issues[0]!.message).toMatch(
      new RegExp(`^operator "${op}" is not allowed: .*(I/O|arbitrary code)`),
    );
  });

  it("objects with several keys (json-logic-js would take them as a truthy literal)", () => {
    expect(validate({ or: [{ "==": [{ var: "customer.a" }, 1], var: "customer.b" }] })).toEqual([
      {
        path: ["or", 0],
        message:
          'an object must have exactly one key, its operator; found 2 ("==", "var"): combine conditions with {"and": [...]}',
      },
    ]);
  });

  it("empty objects", () => {
    expect(validate({ "==": [{ var: "customer.a" }, {}] })[0]).toMatchObject({
      path: ["==", 1],
      message: expect.stringContaining("empty object"),
    });
  });

  it("a computed var path, which reaches Object.prototype in json-logic-js", () => {
    const condition = { var: [{ cat: ["customer.__pro", "to__"] }] };
    expect(validate(condition)).toEqual([
      {
        path: ["var", 0],
        message:
          "a computed var path is not allowed: write the path as a literal string (a computed path can reach Object.prototype)",
      },
    ]);
    // Even unvalidated, the compiled form reads own properties only.
    expect(compileLogic(condition)({ customer: {} })).toBeNull();
  });

  it.each([
    ["customer.__proto__", ["var"]],
    ["customer.constructor.name", ["var"]],
    ["customer.a.prototype", ["var"]],
    ["__proto__", ["var"]],
  ])("the prototype key in %s", (path, issuePath) => {
    const issues = validate({ var: path });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: issuePath,
      message: expect.stringMatching(
        /contains the segment "(__proto__|constructor|prototype)": prototype keys are never allowed/,
      ),
    });
  });

  it("prototype keys inside item scopes and in missing keys", () => {
    expect(validate({ map: [{ var: "customer.rows" }, { var: "x.constructor" }] })).toHaveLength(1);
    expect(validate({ missing: ["customer.__proto__"] })[0]!.path).toEqual(["missing", 0]);
    expect(validate({ missing_some: [1, ["customer.a", "customer.prototype"]] })[0]!.path).toEqual([
      "missing_some",
      1,
      1,
    ]);
  });

  it("paths outside the roots, with a hint", () => {
    expect(validate({ var: "custmer.name" })).toEqual([
      {
        path: ["var"],
        message:
          'var path "custmer.name" must start with one of "customer", "now", "nowMs" (did you mean "customer.name"?)',
      },
    ]);
    expect(validate({ var: ["name", "x"] })).toEqual([
      {
        path: ["var", 0],
        message: 'var path "name" must start with one of "customer", "now", "nowMs"',
      },
    ]);
    expect(validateLogic({ var: "customer.a" }, { roots: ["rep"] })).toHaveLength(1);
    expect(validate({ var: 0 })).toHaveLength(1);
  });

  it("the empty path outside iteration scopes", () => {
    expect(validate({ var: "" })[0]!.message).toMatch(/^an empty var path means all the data/);
    expect(validate({ var: [] })[0]!.message).toMatch(/means all the data/);
    expect(validate({ missing: [""] })).toHaveLength(1);
    expect(validate({ some: [{ var: "customer.tags" }, { var: "" }] })).toEqual([]);
  });

  it("root-scoped paths where the data is the item, and the other way round", () => {
    // The source of an iteration is evaluated against the outer data.
    expect(validate({ some: [{ var: "tags" }, { var: "" }] })[0]!.path).toEqual(["some", 0, "var"]);
    // Inside reduce the data is {current, accumulator}.
    expect(validate({ reduce: [{ var: "customer.xs" }, { var: "curent" }, 0] })).toEqual([
      {
        path: ["reduce", 1, "var"],
        message:
          'inside "reduce" the data is {current, accumulator}: var path "curent" must start with "current" or "accumulator" (did you mean "current"?)',
      },
    ]);
    expect(
      validate({ reduce: [{ var: "customer.xs" }, { var: "current" }, { var: "x" }] })[0]!.path,
    ).toEqual(["reduce", 2, "var"]);
    // An iteration inside reduce's logic switches to the item scope.
    expect(
      validate({
        reduce: [{ var: "customer.xs" }, { map: [{ var: "current" }, { var: "y" }] }, []],
      }),
    ).toEqual([]);
  });

  it("non-literal var defaults", () => {
    expect(validate({ var: ["customer.a", { var: "customer.b" }] })).toEqual([
      {
        path: ["var", 1],
        message:
          "the default of a var must be a literal (string, number, boolean, null or an array of them), not an operation or object",
      },
    ]);
    expect(validate({ var: ["customer.a", [1, { "+": [1] }]] })[0]!.path).toEqual(["var", 1, 1]);
  });

  it("non-literal var paths", () => {
    expect(validate({ var: true })[0]!.message).toBe(
      "var path must be a literal string or number, not boolean true",
    );
    expect(validate({ var: null })).toHaveLength(1);
    expect(validate({ var: [["customer", "a"]] })).toHaveLength(1);
  });

  it("computed or malformed missing keys", () => {
    const docsExample = {
      missing: {
        merge: ["customer.vin", { if: [{ var: "customer.financing" }, ["customer.apr"], []] }],
      },
    };
    expect(validate(docsExample)[0]).toMatchObject({
      path: ["missing"],
      message: expect.stringContaining("computed"),
    });
    expect(validate({ missing: [["customer.a"], "customer.b"] })).toEqual([
      {
        path: ["missing", 1],
        message:
          'when the first argument of "missing" is a list, the other arguments are ignored; put every key in that list',
      },
    ]);
    expect(validate({ missing: ["customer.a", true] })[0]!.path).toEqual(["missing", 1]);
    expect(validate({ missing_some: [1, { var: "customer.keys" }] })[0]).toMatchObject({
      path: ["missing_some", 1],
      message: expect.stringContaining("must be a literal list of keys"),
    });
  });

  it.each([
    [{ "==": [1] }, '"==" takes 2 arguments, got 1'],
    [{ substr: ["abc"] }, '"substr" takes 2 or 3 arguments, got 1'],
    [{ "*": [] }, '"*" takes at least 1 argument, got 0'],
    [{ var: ["customer.a", 1, 2] }, '"var" takes at most 2 arguments, got 3'],
    [{ "!": [] }, '"!" takes 1 argument, got 0'],
    [{ map: [{ var: "customer.xs" }] }, '"map" takes 2 arguments, got 1'],
  ])("argument counts: %j", (condition, message) => {
    expect(validate(condition)).toContainEqual({ path: [Object.keys(condition)[0]], message });
  });

  it("values that are not JSON", () => {
    const cases: unknown[] = [
      { "==": [undefined, 1] },
      { "==": [() => 1, 1] },
      { "==": [Number.NaN, 1] },
      { "==": [Number.POSITIVE_INFINITY, 1] },
      { "==": [new Date(0), 1] },
      { "==": [new Map(), 1] },
      { "==": [10n, 1] },
      { "==": [Symbol("s"), 1] },
      // biome-ignore lint/suspicious/noSparseArray: a hole is not JSON
      { in: [1, [1, , 2]] },
    ];
    for (const condition of cases) {
      expect(validate(condition), String(condition)).toHaveLength(1);
    }
  });

  it("a 20,000-deep condition, with one issue and no stack overflow", () => {
    const issues = validate(nestedNot(20_000));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe(
      `condition is nested too deeply: more than ${LOGIC_LIMITS.maxDepth} levels`,
    );
    expect(issues[0]!.path).toHaveLength(LOGIC_LIMITS.maxDepth);
    let arrays: unknown = [];
    for (let i = 0; i < 20_000; i++) arrays = [arrays];
    expect(validate(arrays)).toHaveLength(1);
  });

  it("one level beyond maxDepth", () => {
    expect(validate(nestedNot(LOGIC_LIMITS.maxDepth + 1))).toHaveLength(1);
    expect(() => compileLogic(nestedNot(LOGIC_LIMITS.maxDepth + 1))).toThrow(RangeError);
    expect(compileLogic(nestedNot(LOGIC_LIMITS.maxDepth))({})).toBe(true);
    expect(() => compileLogic(nestedNot(20_000))).toThrow(/nested deeper than 64 levels/);
  });

  it("cyclic objects", () => {
    const cycle: { and: unknown[] } = { and: [] };
    cycle.and.push(cycle);
    expect(validate(cycle)).toHaveLength(1);
  });

  it("too many values, too long strings, too long arrays", () => {
    const many = { and: Array.from({ length: 5_000 }, () => ({ "!": false })) };
    expect(validate(many)).toEqual([
      {
        path: ["and", 4_999],
        message: `condition is too large: more than ${LOGIC_LIMITS.maxNodes} values`,
      },
    ]);
    const long = "x".repeat(LOGIC_LIMITS.maxStringLength + 1);
    expect(validate({ "==": [{ var: "customer.a" }, long] })).toEqual([
      {
        path: ["==", 1],
        message: `string of 10001 characters exceeds the limit of ${LOGIC_LIMITS.maxStringLength}`,
      },
    ]);
    expect(validate({ var: `customer.${long}` })).toHaveLength(1);
    const huge = Array.from({ length: LOGIC_LIMITS.maxArrayLength + 1 }, (_, i) => `c${i}`);
    expect(validate({ in: [{ var: "customer.country" }, huge] })).toEqual([
      {
        path: ["in", 1],
        message: `array of 10001 elements exceeds the limit of ${LOGIC_LIMITS.maxArrayLength}`,
      },
    ]);
  });

  it("every issue, not only the first", () => {
    const issues = validate({
      and: [
        { iff: [] },
        { var: "customer.__proto__" },
        { log: 1 },
        { "==": [{ var: "cust.a" }, 1, 2] },
      ],
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      ["and", 0],
      ["and", 1, "var"],
      ["and", 2],
      ["and", 3, "=="],
      ["and", 3, "==", 0, "var"],
    ]);
  });

  it("custom operator names that collide with built-ins stay built-ins", () => {
    // A declared "if" cannot replace json-logic's own: the arity rule of the built-in applies.
    expect(validate({ if: [] }, ["if"])).toEqual([
      { path: ["if"], message: '"if" takes at least 1 argument, got 0' },
    ]);
    expect(validate({ __proto__: [1] }, ["__proto__"])).toHaveLength(1);
  });

  it("does not mutate the condition", () => {
    const condition = Object.freeze({ and: Object.freeze([Object.freeze({ var: "customer.a" })]) });
    expect(validate(condition)).toEqual([]);
  });
});

describe("validateOperatorNames", () => {
  it("accepts identifier-like names", () => {
    expect(validateOperatorNames(["double", "is_weekday", "_x", "daysSince2"])).toEqual([]);
  });

  it("refuses built-ins, log/method, prototype keys, non-identifiers and duplicates", () => {
    const issues = validateOperatorNames([
      "double",
      "if",
      "log",
      "method",
      "__proto__",
      "constructor",
      "prototype",
      "1abc",
      "a.b",
      "",
      "x".repeat(65),
      "double",
      "==",
    ]);
    expect(issues.map((issue) => issue.path)).toEqual([
      [1],
      [2],
      [3],
      [4],
      [5],
      [6],
      [7],
      [8],
      [9],
      [10],
      [11],
      [12],
    ]);
    expect(issues[0]!.message).toBe(
      'custom operator "if" would shadow the built-in operator of that name; choose another name',
    );
    expect(issues[1]!.message).toMatch(/^"log" cannot be a custom operator: .*I\/O/);
    expect(issues[3]!.message).toBe(
      '"__proto__" cannot be an operator name: it is a prototype key',
    );
    expect(issues[6]!.message).toMatch(/must be an identifier/);
    expect(issues[10]!.message).toBe('custom operator "double" is declared more than once');
  });
});
