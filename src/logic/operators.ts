import { FORBIDDEN_KEYS } from "../limits";
/**
 * Every json-logic-js 2.0.5 operator except `log` and `method`, in the order of its documentation.
 * The arity table, the validator and the compiler are all keyed on this list.
 */
export const BUILTIN_OPERATORS = [
  "==",
  "===",
  "!=",
  "!==",
  ">",
  ">=",
  "<",
  "<=",
  "!",
  "!!",
  "or",
  "and",
  "?:",
  "if",
  "in",
  "cat",
  "substr",
  "+",
  "-",
  "*",
  "/",
  "%",
  "min",
  "max",
  "merge",
  "var",
  "missing",
  "missing_some",
  "some",
  "all",
  "none",
  "filter",
  "map",
  "reduce",
] as const;

/** A json-logic-js operator the engine supports. */
export type BuiltinOperator = (typeof BUILTIN_OPERATORS)[number];

/** json-logic-js operators the engine refuses, whatever the rule set declares. */
export const FORBIDDEN_OPERATORS = ["log", "method"] as const;

/** An operator refused by the engine. */
export type ForbiddenOperator = (typeof FORBIDDEN_OPERATORS)[number];

/** Why each forbidden operator is refused; quoted in validation messages. */
export const FORBIDDEN_REASONS = {
  log: "it writes to the console (I/O), and conditions must be pure",
  method: "it calls methods of data values, which reaches arbitrary code",
} as const satisfies Record<ForbiddenOperator, string>;

/** Bounds on one condition, checked by `validateLogic` so evaluation cost and stack depth stay bounded. */
export const LOGIC_LIMITS = {
  /** Nesting of objects and arrays, the condition root counting as 1. */
  maxDepth: 64,
  /** Values of any kind (operations, argument lists, literals) in one condition. */
  maxNodes: 10_000,
  /** Characters in any string literal or path. */
  maxStringLength: 10_000,
  /** Elements in any array (argument list or literal list, e.g. the list of an `in`). */
  maxArrayLength: 10_000,
  /**
   * Items visited by `some`/`all`/`none`/`filter`/`map`/`reduce` in one evaluation. Size limits
   * do not bound cost (four nested `some` over 75-item lists visit 31 million items), so
   * evaluation stops with an error past this budget (the customer is queued with
   * `evaluation_error`).
   */
  maxIterationSteps: 100_000,
} as const;

/** Accepted argument counts of a built-in operator (after json-logic's unary form `{"!": x}` = `{"!": [x]}`). */
export interface Arity {
  readonly min: number;
  readonly max: number;
}

const exactly = (n: number): Arity => ({ min: n, max: n });
const between = (min: number, max: number): Arity => ({ min, max });
const atLeast = (min: number): Arity => ({ min, max: Number.POSITIVE_INFINITY });

/**
 * Argument counts the validator accepts. json-logic-js evaluates any count, but counts outside
 * these ranges are mistakes: extra arguments are silently ignored (`{"==": [a, b, c]}`), missing
 * ones become `undefined` (`{"!": []}` is true), and `{"*": []}` throws.
 */
export const ARITY = {
  "==": exactly(2),
  "===": exactly(2),
  "!=": exactly(2),
  "!==": exactly(2),
  ">": exactly(2),
  ">=": exactly(2),
  "<": between(2, 3),
  "<=": between(2, 3),
  "!": exactly(1),
  "!!": exactly(1),
  or: atLeast(1),
  and: atLeast(1),
  "?:": atLeast(1),
  if: atLeast(1),
  in: exactly(2),
  cat: atLeast(1),
  substr: between(2, 3),
  "+": atLeast(1),
  "-": between(1, 2),
  "*": atLeast(1),
  "/": exactly(2),
  "%": exactly(2),
  min: atLeast(1),
  max: atLeast(1),
  merge: atLeast(1),
  var: between(0, 2),
  missing: atLeast(1),
  missing_some: exactly(2),
  some: exactly(2),
  all: exactly(2),
  none: exactly(2),
  filter: exactly(2),
  map: exactly(2),
  reduce: between(2, 3),
} as const satisfies Record<BuiltinOperator, Arity>;

const BUILTIN_SET: ReadonlySet<string> = new Set(BUILTIN_OPERATORS);
const FORBIDDEN_SET: ReadonlySet<string> = new Set(FORBIDDEN_OPERATORS);

/** Whether `name` is a supported json-logic-js operator. */
export function isBuiltinOperator(name: string): name is BuiltinOperator {
  return BUILTIN_SET.has(name);
}

/** Whether `name` is an operator the engine refuses (`log`, `method`). */
export function isForbiddenOperator(name: string): name is ForbiddenOperator {
  return FORBIDDEN_SET.has(name);
}

/** Whether `key` reaches an object's prototype (`__proto__`, `constructor`, `prototype`). */
export function isPrototypeKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}
