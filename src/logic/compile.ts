import {
  type BuiltinOperator,
  FORBIDDEN_REASONS,
  isBuiltinOperator,
  isForbiddenOperator,
  LOGIC_LIMITS,
} from "./operators";
import {
  inOp,
  isLogic,
  missingOf,
  missingSomeOf,
  operand,
  operands,
  ownGet,
  resolveVar,
  substrOp,
  toFloat,
  truthy,
} from "./semantics";
import type { CompiledLogic, CustomOperator, CustomOperators } from "./types";

type Eval = (data: unknown) => unknown;

/**
 * Compiles a child node. `leak` says whether the child's value can escape: be returned, reach a
 * custom operator, or become data that a `var` can hand to one (a `reduce` accumulator). Only
 * then must a literal array be a fresh copy per evaluation, as json-logic-js makes it. Elsewhere
 * (`in`, comparisons, arithmetic, iteration sources) a literal array of primitives is one frozen
 * copy, so a hot `{"in": [x, [...]]}` allocates nothing; its items are primitives, so nothing
 * mutable escapes through them either.
 */
type Sub = ((node: unknown, leak: boolean) => Eval) & {
  /** Counts one iteration step against the evaluation's budget; throws past it. */
  readonly step: () => void;
};

/** Per-compilation context: the custom operators and the iteration budget of one evaluation. */
interface Context {
  readonly operators: CustomOperators | undefined;
  stepsLeft: number;
  readonly step: () => void;
}

type Compiler = (values: readonly unknown[], sub: Sub, leak: boolean) => Eval;

const evalNull: Eval = () => null;
const evalUndefined: Eval = () => undefined;
const identity: Eval = (data) => data;

/**
 * Compiles a condition into a closure tree, once, so evaluation does no dispatch on operator names.
 *
 * The closure returns what json-logic-js 2.0.5 `jsonLogic.apply(condition, data)` returns, for
 * every built-in operator, with three deliberate differences: data is read through own
 * properties only (`{"var": "a.toString"}` is `null`), a value read from data is never run as an
 * operation (json-logic-js would, inside `missing`), and custom operators are called as
 * `fn(...args)` without `this`. `operators` belong to this compilation only; json-logic-js's
 * global table is never read or written. Pure: neither the condition nor the data is mutated.
 *
 * The condition should have passed `validateLogic`. Compilation throws on an unknown or forbidden
 * operator and on nesting beyond `LOGIC_LIMITS.maxDepth`; evaluation throws where json-logic-js
 * throws (e.g. a custom operator's error propagates).
 *
 * @example compileLogic({ ">": [{ var: "customer.size" }, 10] })({ customer: { size: 12 } }) // true
 */
export function compileLogic(condition: unknown, operators?: CustomOperators): CompiledLogic {
  const ctx: Context = {
    operators,
    stepsLeft: 0,
    step() {
      if (--ctx.stepsLeft < 0) {
        throw new RangeError(
          `JSON Logic: evaluation exceeded ${LOGIC_LIMITS.maxIterationSteps} iteration steps`,
        );
      }
    },
  };
  const root = compileNode(condition, ctx, 0, true);
  return (data) => {
    ctx.stepsLeft = LOGIC_LIMITS.maxIterationSteps;
    return root(data);
  };
}

function compileNode(node: unknown, ctx: Context, parentDepth: number, leak: boolean): Eval {
  const operators = ctx.operators;
  if (Array.isArray(node)) {
    const depth = enter(parentDepth);
    const sub: Sub = Object.assign(
      (child: unknown, childLeak: boolean) => compileNode(child, ctx, depth, childLeak),
      { step: ctx.step },
    );
    return compileArray(node, sub, leak);
  }
  if (!isLogic(node)) {
    // json-logic-js returns non-operations as they are (the same reference for objects).
    return () => node;
  }
  const depth = enter(parentDepth);
  const op = Object.keys(node)[0]!;
  const raw = node[op];
  const argsDepth = Array.isArray(raw) ? enter(depth) : depth;
  const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  const sub: Sub = Object.assign(
    (child: unknown, childLeak: boolean) => compileNode(child, ctx, argsDepth, childLeak),
    { step: ctx.step },
  );

  if (isBuiltinOperator(op)) return COMPILERS[op](values, sub, leak);
  if (isForbiddenOperator(op)) {
    throw new Error(`JSON Logic: operator "${op}" is not allowed: ${FORBIDDEN_REASONS[op]}`);
  }
  const custom =
    operators !== undefined && Object.hasOwn(operators, op) ? operators[op] : undefined;
  if (typeof custom !== "function") {
    throw new Error(`JSON Logic: unknown operator ${JSON.stringify(op)}`);
  }
  return compileCustom(custom, values, sub);
}

function enter(parentDepth: number): number {
  const depth = parentDepth + 1;
  if (depth > LOGIC_LIMITS.maxDepth) {
    throw new RangeError(
      `JSON Logic: condition nested deeper than ${LOGIC_LIMITS.maxDepth} levels (validate it first)`,
    );
  }
  return depth;
}

/** Arrays, nested arrays and primitives: values json-logic-js returns unchanged (arrays copied). */
function isPureLiteral(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(isPureLiteral);
  return node === null || typeof node !== "object";
}

function isPrimitive(node: unknown): boolean {
  return node === null || typeof node !== "object";
}

/** json-logic-js maps `apply` over an array: a new array of the evaluated elements. */
function compileArray(node: readonly unknown[], sub: Sub, leak: boolean): Eval {
  if (node.every(isPrimitive)) {
    const template = Object.freeze(node.slice());
    if (!leak) return () => template;
    return () => template.slice();
  }
  const items = node.map((item) => sub(item, true));
  return (data) => {
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) out.push(items[i]!(data));
    return out;
  };
}

function compileAll(values: readonly unknown[], sub: Sub, leak: boolean): Eval[] {
  return values.map((value) => sub(value, leak));
}

function evaluateAll(evals: readonly Eval[], data: unknown): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < evals.length; i++) out.push(evals[i]!(data));
  return out;
}

/**
 * An operator of up to three positional arguments. json-logic-js evaluates every argument
 * (extra ones too) before calling the operation, missing ones being `undefined`.
 */
function positional(fn: (a: unknown, b: unknown, c: unknown) => unknown): Compiler {
  return (values, sub) => {
    const evals = compileAll(values, sub, false);
    const a = evals[0] ?? evalUndefined;
    const b = evals[1] ?? evalUndefined;
    const c = evals[2] ?? evalUndefined;
    if (evals.length <= 1) return (data) => fn(a(data), undefined, undefined);
    if (evals.length === 2) return (data) => fn(a(data), b(data), undefined);
    if (evals.length === 3) return (data) => fn(a(data), b(data), c(data));
    return (data) => {
      const x = a(data);
      const y = b(data);
      const z = c(data);
      for (let i = 3; i < evals.length; i++) evals[i]!(data);
      return fn(x, y, z);
    };
  };
}

/** An operator over the list of all its evaluated arguments, none of which it returns. */
function variadic(fn: (args: unknown[]) => unknown): Compiler {
  return (values, sub) => {
    const evals = compileAll(values, sub, false);
    return (data) => fn(evaluateAll(evals, data));
  };
}

function compileIf(values: readonly unknown[], sub: Sub, leak: boolean): Eval {
  const n = values.length;
  // Conditions are only tested for truthiness; branches are the result.
  const evals = values.map((value, i) => sub(value, i % 2 === 0 && i < n - 1 ? false : leak));
  if (n === 3) {
    const test = evals[0]!;
    const then = evals[1]!;
    const otherwise = evals[2]!;
    return (data) => (truthy(test(data)) ? then(data) : otherwise(data));
  }
  return (data) => {
    let i = 0;
    for (; i < n - 1; i += 2) {
      if (truthy(evals[i]!(data))) return evals[i + 1]!(data);
    }
    if (n === i + 1) return evals[i]!(data);
    return null;
  };
}

/** `and` returns the first falsy value or the last; `or` the first truthy or the last (`undefined` if none). */
function compileJunction(stopWhen: boolean): Compiler {
  return (values, sub, leak) => {
    const evals = compileAll(values, sub, leak);
    return (data) => {
      let current: unknown;
      for (let i = 0; i < evals.length; i++) {
        current = evals[i]!(data);
        if (truthy(current) === stopWhen) return current;
      }
      return current;
    };
  };
}

/** A `var` whose path and default are literals: split the path once, at compile time. */
function literalPathGetter(path: unknown, fallback: Eval): Eval {
  if (path === undefined || path === "" || path === null) return identity;
  const segments = String(path).split(".");
  const notFound = (data: unknown): unknown => {
    const value = fallback(data);
    return value === undefined ? null : value;
  };
  if (segments.length === 1) {
    const key = segments[0]!;
    return (data) => {
      if (data === null || data === undefined) return notFound(data);
      const value = ownGet(data, key);
      return value === undefined ? notFound(data) : value;
    };
  }
  return (data) => {
    let current = data;
    for (let i = 0; i < segments.length; i++) {
      if (current === null || current === undefined) return notFound(data);
      current = ownGet(current, segments[i]!);
      if (current === undefined) return notFound(data);
    }
    return current;
  };
}

function isLiteralKey(value: unknown): value is string | number {
  return typeof value === "string" || typeof value === "number";
}

const compileVar: Compiler = (values, sub, leak) => {
  if (values.length <= 2 && isPrimitive(values[0]) && isPureLiteral(values[1])) {
    const fallback = values[1] === undefined ? evalNull : sub(values[1], leak);
    return literalPathGetter(values[0], fallback);
  }
  // A computed path (refused by validation) still only reads own properties.
  const evals = values.map((value, i) => sub(value, i === 1 ? leak : false));
  return (data) => {
    const args = evaluateAll(evals, data);
    return resolveVar(args[0], args[1], data);
  };
};

const compileMissing: Compiler = (values, sub) => {
  const first = values[0];
  const keys: readonly unknown[] = Array.isArray(first) ? first : values;
  if (values.every(isPureLiteral) && keys.every(isLiteralKey)) {
    const getters = keys.map((key) => literalPathGetter(key, evalNull));
    return (data) => {
      const missing: unknown[] = [];
      for (let i = 0; i < getters.length; i++) {
        const value = getters[i]!(data);
        if (value === null || value === "") missing.push(keys[i]);
      }
      return missing;
    };
  }
  const evals = compileAll(values, sub, true);
  return (data) => missingOf(evaluateAll(evals, data), data);
};

const compileMissingSome: Compiler = (values, sub) => {
  const options = values[1];
  if (values.length === 2 && Array.isArray(options) && options.every(isLiteralKey)) {
    const need = sub(values[0], false);
    const keys: readonly (string | number)[] = options.slice();
    const getters = keys.map((key) => literalPathGetter(key, evalNull));
    return (data) => {
      const needed = need(data);
      const missing: unknown[] = [];
      for (let i = 0; i < getters.length; i++) {
        const value = getters[i]!(data);
        if (value === null || value === "") missing.push(keys[i]);
      }
      return keys.length - missing.length >= operand(needed) ? [] : missing;
    };
  }
  const evals = compileAll(values, sub, true);
  return (data) => {
    const args = evaluateAll(evals, data);
    return missingSomeOf(args[0], args[1], data);
  };
};

/**
 * `some`, `all`, `none`, `filter`, `map`: the first argument is evaluated against the data, the
 * second against each item (json-logic-js ignores any further argument). Only `map` returns
 * what the per-item logic returns; the others only test it.
 */
function scoped(
  build: (source: Eval, logic: Eval) => Eval,
  returns: "results" | "tests",
): Compiler {
  return (values, sub, leak) => {
    const source = sub(values[0], false);
    const inner = sub(values[1], returns === "results" ? leak : false);
    const step = sub.step;
    return build(source, (item) => {
      step();
      return inner(item);
    });
  };
}

const compileSome = scoped(
  (source, logic) => (data) => {
    const items = source(data);
    if (!Array.isArray(items) || !items.length) return false;
    for (let i = 0; i < items.length; i++) if (truthy(logic(items[i]))) return true;
    return false;
  },
  "tests",
);

const compileAllOf = scoped(
  (source, logic) => (data) => {
    const items = source(data);
    if (!Array.isArray(items) || !items.length) return false;
    for (let i = 0; i < items.length; i++) if (!truthy(logic(items[i]))) return false;
    return true;
  },
  "tests",
);

const compileNone = scoped(
  (source, logic) => (data) => {
    const items = source(data);
    if (!Array.isArray(items) || !items.length) return true;
    for (let i = 0; i < items.length; i++) if (truthy(logic(items[i]))) return false;
    return true;
  },
  "tests",
);

const compileFilter = scoped(
  (source, logic) => (data) => {
    const items = source(data);
    if (!Array.isArray(items)) return [];
    return items.filter((item) => truthy(logic(item)));
  },
  "tests",
);

const compileMap = scoped(
  (source, logic) => (data) => {
    const items = source(data);
    if (!Array.isArray(items)) return [];
    return items.map((item) => logic(item));
  },
  "results",
);

const compileReduce: Compiler = (values, sub) => {
  const source = sub(values[0], false);
  // The initial value and each step's result become data (the accumulator): always fresh.
  const inner = sub(values[1], true);
  const step = sub.step;
  const logic: Eval = (item) => {
    step();
    return inner(item);
  };
  const initial = values[2] !== undefined ? sub(values[2], true) : evalNull;
  return (data) => {
    const items = source(data);
    const start = initial(data);
    if (!Array.isArray(items)) return start;
    return items.reduce(
      (accumulator: unknown, current: unknown) => logic({ current, accumulator }),
      start,
    );
  };
};

const compilePlus: Compiler = (values, sub) => {
  const evals = compileAll(values, sub, false);
  return (data) => {
    let sum = 0;
    for (let i = 0; i < evals.length; i++) sum = toFloat(sum) + toFloat(evals[i]!(data));
    return sum;
  };
};

const compileTimes: Compiler = (values, sub, leak) => {
  // json-logic-js reduces without an initial value: no argument throws, one is returned as is.
  const evals = compileAll(values, sub, values.length === 1 ? leak : false);
  return (data) => {
    if (evals.length === 0) throw new TypeError("Reduce of empty array with no initial value");
    let product = evals[0]!(data);
    for (let i = 1; i < evals.length; i++) product = toFloat(product) * toFloat(evals[i]!(data));
    return product;
  };
};

const compileCat: Compiler = (values, sub) => {
  const evals = compileAll(values, sub, false);
  return (data) => {
    // Array#join: null and undefined become "".
    let text = "";
    for (let i = 0; i < evals.length; i++) {
      const value = evals[i]!(data);
      text += value === null || value === undefined ? "" : String(value);
    }
    return text;
  };
};

// biome-ignore lint/suspicious/noDoubleEquals: json-logic-js "==" is JavaScript loose equality
const looseEquals = (a: unknown, b: unknown): boolean => a == b;
// biome-ignore lint/suspicious/noDoubleEquals: json-logic-js "!=" is JavaScript loose inequality
const looseNotEquals = (a: unknown, b: unknown): boolean => a != b;

/** One compiler per built-in operator; the `satisfies` clause makes a missing operator a type error. */
const COMPILERS = {
  "==": positional(looseEquals),
  "===": positional((a, b) => a === b),
  "!=": positional(looseNotEquals),
  "!==": positional((a, b) => a !== b),
  ">": positional((a, b) => operand(a) > operand(b)),
  ">=": positional((a, b) => operand(a) >= operand(b)),
  "<": positional((a, b, c) =>
    c === undefined ? operand(a) < operand(b) : operand(a) < operand(b) && operand(b) < operand(c),
  ),
  "<=": positional((a, b, c) =>
    c === undefined
      ? operand(a) <= operand(b)
      : operand(a) <= operand(b) && operand(b) <= operand(c),
  ),
  "!": positional((a) => !truthy(a)),
  "!!": positional((a) => truthy(a)),
  or: compileJunction(true),
  and: compileJunction(false),
  "?:": compileIf,
  if: compileIf,
  in: positional(inOp),
  cat: compileCat,
  substr: positional(substrOp),
  "+": compilePlus,
  "-": positional((a, b) => (b === undefined ? -operand(a) : operand(a) - operand(b))),
  "*": compileTimes,
  "/": positional((a, b) => operand(a) / operand(b)),
  "%": positional((a, b) => operand(a) % operand(b)),
  min: variadic((args) => Math.min(...operands(args))),
  max: variadic((args) => Math.max(...operands(args))),
  // concat returns a new array: shared literal arguments only lend it their primitive items.
  merge: variadic((args) => ([] as unknown[]).concat(...args)),
  var: compileVar,
  missing: compileMissing,
  missing_some: compileMissingSome,
  some: compileSome,
  all: compileAllOf,
  none: compileNone,
  filter: compileFilter,
  map: compileMap,
  reduce: compileReduce,
} satisfies Record<BuiltinOperator, Compiler>;

function compileCustom(fn: CustomOperator, values: readonly unknown[], sub: Sub): Eval {
  // Custom code may keep or mutate its arguments: give it fresh values.
  const evals = compileAll(values, sub, true);
  const [a, b, c] = evals;
  if (evals.length === 0) return () => fn();
  if (evals.length === 1) return (data) => fn(a!(data));
  if (evals.length === 2) return (data) => fn(a!(data), b!(data));
  if (evals.length === 3) return (data) => fn(a!(data), b!(data), c!(data));
  return (data) => fn(...evaluateAll(evals, data));
}
