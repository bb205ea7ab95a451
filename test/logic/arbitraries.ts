/** fast-check generators of conditions and data for the differential tests against json-logic-js. */
import fc from "fast-check";
import { ARITY, BUILTIN_OPERATORS, type BuiltinOperator } from "../../src/logic";

export const ROOTS = ["customer", "now", "nowMs"] as const;

type Scope = "root" | "item" | "reduce";

const primitive: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    1,
    -1,
    2.5,
    10,
    "",
    "0",
    "1",
    "2.5",
    "-1",
    " 3 ",
    "1,2",
    "abc",
    "a",
    "true",
    "null",
    "x",
  ),
  fc.integer({ min: -20, max: 20 }),
  fc.double({ noDefaultInfinity: true, noNaN: true }),
  fc.string({ maxLength: 4 }),
);

const item: fc.Arbitrary<unknown> = fc.oneof(
  primitive,
  fc.array(primitive, { maxLength: 3 }),
  fc.record({ x: primitive, y: primitive }, { requiredKeys: [], noNullPrototype: true }),
);

/** A customer-like record: the fields the generated paths read, each sometimes absent. */
const customer = fc.record(
  {
    a: item,
    b: primitive,
    n: fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ noNaN: true })),
    s: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("abc", "0", "", "12")),
    list: fc.array(primitive, { maxLength: 5 }),
    objs: fc.array(
      fc.record({ x: primitive, y: primitive }, { requiredKeys: [], noNullPrototype: true }),
      {
        maxLength: 4,
      },
    ),
    nested: fc.record(
      { deep: item, arr: fc.array(item, { maxLength: 3 }) },
      { requiredKeys: [], noNullPrototype: true },
    ),
    empty: fc.constantFrom("", null, [], 0),
  },
  { requiredKeys: [], noNullPrototype: true },
);

export const dataArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({ customer, now: primitive, nowMs: primitive }, { noNullPrototype: true }),
  },
  // Objects without a prototype make String() and comparisons throw: both sides must throw.
  {
    weight: 1,
    arbitrary: fc.record({ customer: fc.record({ a: item, list: fc.array(item) }) }),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, {}, [], "abc", 5) },
);

const ROOT_PATHS = [
  "customer",
  "customer.a",
  "customer.a.x",
  "customer.a.0",
  "customer.b",
  "customer.n",
  "customer.s",
  "customer.s.0",
  "customer.s.length",
  "customer.list",
  "customer.list.0",
  "customer.list.1",
  "customer.list.length",
  "customer.objs",
  "customer.objs.0.x",
  "customer.nested.deep",
  "customer.nested.deep.x",
  "customer.nested.arr",
  "customer.empty",
  "customer.absent",
  "customer.absent.deeper",
  "customer..a",
  "now",
  "nowMs",
];
const ITEM_PATHS: readonly (string | number)[] = [
  "",
  "x",
  "y",
  "0",
  "1",
  0,
  1,
  "length",
  "x.y",
  "z",
];
const REDUCE_PATHS = ["current", "accumulator", "current.x", "accumulator.0", "current.0"];

const paths = (scope: Scope): fc.Arbitrary<string | number> =>
  fc.constantFrom(
    ...(scope === "root" ? ROOT_PATHS : scope === "item" ? ITEM_PATHS : REDUCE_PATHS),
  );

const literal: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: primitive },
  { weight: 1, arbitrary: fc.array(primitive, { maxLength: 4 }) },
);

const varNode = (scope: Scope): fc.Arbitrary<unknown> =>
  fc.oneof(
    paths(scope).map((p) => ({ var: p })),
    paths(scope).map((p) => ({ var: [p] })),
    fc.tuple(paths(scope), literal).map(([p, d]) => ({ var: [p, d] })),
  );

const keyList = (scope: Scope): fc.Arbitrary<(string | number)[]> =>
  fc.array(paths(scope), { maxLength: 4 }).map((keys) =>
    // The empty path is only allowed inside iteration scopes.
    scope === "root" ? keys.filter((k) => k !== "") : keys,
  );

const missingNode = (scope: Scope): fc.Arbitrary<unknown> =>
  fc.oneof(
    keyList(scope)
      .filter((keys) => keys.length > 0)
      .map((keys) => ({ missing: keys })),
    keyList(scope).map((keys) => ({ missing: [keys] })),
  );

const leaf = (scope: Scope): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: literal },
    { weight: 6, arbitrary: varNode(scope) },
    { weight: 1, arbitrary: missingNode(scope) },
  );

/** Operators with their own generators (data access and scoped iteration); the rest take plain arguments. */
const SPECIAL_OPERATORS: ReadonlySet<BuiltinOperator> = new Set([
  "var",
  "missing",
  "missing_some",
  "some",
  "all",
  "none",
  "filter",
  "map",
  "reduce",
]);

// Derived from the source list, so a new built-in operator is generated without editing this file.
const SIMPLE_OPERATORS = BUILTIN_OPERATORS.filter((op) => !SPECIAL_OPERATORS.has(op));

/** How the generator chooses argument counts: within `ARITY`, or anything from 0 to 4. */
export type ArityMode = "valid" | "any";

/** Sources of arrays for iteration operators. */
const arraySource = (scope: Scope, sub: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    scope === "root"
      ? fc.constantFrom(
          { var: "customer.list" },
          { var: "customer.objs" },
          { var: "customer.nested.arr" },
          { var: "customer.a" },
          { var: "customer.s" },
        )
      : scope === "item"
        ? fc.constantFrom({ var: "" }, { var: "x" })
        : fc.constantFrom({ var: "current" }, { var: "accumulator" }),
    fc.array(primitive, { maxLength: 4 }),
    sub,
  );

/** Random conditions over every allowed operator, with json-logic-js scoping of `var`. */
export function conditionArb(mode: ArityMode, maxDepth = 4): fc.Arbitrary<unknown> {
  const memo = new Map<string, fc.Arbitrary<unknown>>();
  const node = (scope: Scope, depth: number): fc.Arbitrary<unknown> => {
    const key = `${scope}/${depth}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const made = depth === 0 ? leaf(scope) : build(scope, depth);
    memo.set(key, made);
    return made;
  };
  const args = (op: BuiltinOperator, sub: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> => {
    const { min, max } = ARITY[op];
    return mode === "valid"
      ? fc.array(sub, { minLength: min, maxLength: Math.min(max, min + 3) })
      : fc.array(sub, { maxLength: 4 });
  };
  /** `{op: [x]}` is sometimes written `{op: x}`, json-logic's unary form. */
  const operation = (op: string, values: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown> =>
    fc
      .tuple(values, fc.boolean())
      .map(([vs, unary]) =>
        unary && vs.length === 1 && !Array.isArray(vs[0]) ? { [op]: vs[0] } : { [op]: vs },
      );
  const build = (scope: Scope, depth: number): fc.Arbitrary<unknown> => {
    const sub = node(scope, depth - 1);
    const inItem = node("item", depth - 1);
    const inReduce = node("reduce", depth - 1);
    const iteration = (["some", "all", "none", "filter", "map"] as const).map((op) =>
      fc
        .tuple(arraySource(scope, sub), inItem)
        .map(([source, logic]) => ({ [op]: [source, logic] })),
    );
    const reduce = fc
      .tuple(arraySource(scope, sub), inReduce, fc.option(sub, { nil: undefined }))
      .map(([source, logic, initial]) => ({
        reduce: initial === undefined ? [source, logic] : [source, logic, initial],
      }));
    const missingSome = fc
      .tuple(sub, keyList(scope))
      .map(([need, keys]) => ({ missing_some: [need, keys] }));
    const candidates: fc.Arbitrary<unknown>[] = [
      ...SIMPLE_OPERATORS.map((op) => operation(op, args(op, sub))),
      ...iteration,
      reduce,
      missingSome,
    ];
    if (mode === "any") {
      candidates.push(
        ...(["some", "all", "none", "filter", "map", "reduce", "var", "missing_some"] as const).map(
          (op) => operation(op, args(op, sub)),
        ),
      );
    }
    return fc.oneof(
      { weight: 3, arbitrary: leaf(scope) },
      { weight: 1, arbitrary: fc.array(sub, { maxLength: 3 }) },
      { weight: 8, arbitrary: fc.oneof(...candidates) },
    );
  };
  return node("root", maxDepth);
}
