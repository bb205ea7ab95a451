import { didYouMean } from "./did-you-mean";
import {
  ARITY,
  type Arity,
  BUILTIN_OPERATORS,
  type BuiltinOperator,
  FORBIDDEN_REASONS,
  isBuiltinOperator,
  isForbiddenOperator,
  isPrototypeKey,
  LOGIC_LIMITS,
} from "./operators";
import type { LogicIssue } from "./types";

/** Options of `validateLogic`. */
export interface ValidateLogicOptions {
  /** Allowed first segments of `var` paths and `missing` keys outside iteration scopes, e.g. `["customer", "now", "nowMs"]`. */
  roots: readonly string[];
  /** Names of the custom operators the caller declares (and will pass to `compileLogic`). */
  customOperators?: readonly string[] | undefined;
}

/**
 * What `var` paths refer to at a point of the condition, as json-logic-js scopes data: the
 * caller's data at the top, each item inside the second argument of `some`/`all`/`none`/
 * `filter`/`map`, and `{ current, accumulator }` inside the second argument of `reduce`.
 */
type Scope = "root" | "item" | "reduce";

const REDUCE_ROOTS: readonly string[] = ["current", "accumulator"];

interface State {
  readonly roots: readonly string[];
  readonly custom: ReadonlySet<string>;
  readonly operatorNames: readonly string[];
  readonly issues: LogicIssue[];
  /** Path of the value being visited; segments are pushed and popped around each child. */
  readonly path: (string | number)[];
  nodes: number;
  stopped: boolean;
  depthReported: boolean;
}

/**
 * Checks a JSON Logic condition against the engine's rules and returns every issue found
 * (empty when valid), each with its path from the condition root and a message with a hint.
 *
 * Rules: only json-logic-js operators (minus `log` and `method`) and the declared custom ones;
 * an object must have exactly one key; argument counts within `ARITY`; `var` paths and
 * `missing`/`missing_some` keys are literal strings or numbers whose first segment is one of
 * `roots` (inside iteration scopes they refer to the item, or to `current`/`accumulator` in
 * `reduce`); no `__proto__`, `constructor` or `prototype` segment; `var` defaults are literals;
 * only JSON values; sizes within `LOGIC_LIMITS`. Never throws and never recurses deeper than
 * `LOGIC_LIMITS.maxDepth`, whatever the input (cyclic or 20,000 levels deep). Pure.
 *
 * @example validateLogic({ iff: [true, 1, 2] }, { roots: ["customer"] })
 * // [{ path: [], message: 'unknown operator "iff" (did you mean "if"?)' }]
 */
export function validateLogic(condition: unknown, options: ValidateLogicOptions): LogicIssue[] {
  // Names refused by validateOperatorNames are never operators, whatever the caller declares.
  const declared = (options.customOperators ?? []).filter(isUsableOperatorName);
  const state: State = {
    roots: options.roots,
    custom: new Set(declared),
    operatorNames: [...BUILTIN_OPERATORS, ...declared],
    issues: [],
    path: [],
    nodes: 0,
    stopped: false,
    depthReported: false,
  };
  try {
    visit(state, condition, 0, "root");
  } catch {
    // Only exotic inputs get here (a proxy or getter that throws); report rather than throw.
    report(state, "the condition could not be read as JSON data");
  }
  return state.issues;
}

function report(state: State, message: string): void {
  state.issues.push({ path: state.path.slice(), message });
}

function within(state: State, segment: string | number, visitChild: () => void): void {
  state.path.push(segment);
  visitChild();
  state.path.pop();
}

/** Counts one value against `maxNodes`; false once the limit is exceeded (reported once). */
function count(state: State): boolean {
  if (state.stopped) return false;
  state.nodes++;
  if (state.nodes > LOGIC_LIMITS.maxNodes) {
    report(state, `condition is too large: more than ${LOGIC_LIMITS.maxNodes} values`);
    state.stopped = true;
    return false;
  }
  return true;
}

/** Depth check before entering a container; the first overflow is reported, the rest skipped. */
function enter(state: State, depth: number): boolean {
  if (depth <= LOGIC_LIMITS.maxDepth) return true;
  if (!state.depthReported) {
    state.depthReported = true;
    report(state, `condition is nested too deeply: more than ${LOGIC_LIMITS.maxDepth} levels`);
  }
  return false;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function quoteList(names: readonly string[]): string {
  return names.map(quote).join(", ");
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    return isPlainObject(value) ? "an object" : Object.prototype.toString.call(value);
  }
  if (typeof value === "string") return `the string ${quote(value)}`;
  if (typeof value === "number" || typeof value === "boolean") {
    return `${typeof value} ${String(value)}`;
  }
  return `a ${typeof value}`;
}

function isPlainObject(value: object): value is Readonly<Record<string, unknown>> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Checks a primitive; returns false when the value is not a primitive JSON value. */
function checkPrimitive(state: State, value: unknown): boolean {
  if (value === null || typeof value === "boolean") return true;
  if (typeof value === "string") {
    if (value.length > LOGIC_LIMITS.maxStringLength) {
      report(
        state,
        `string of ${value.length} characters exceeds the limit of ${LOGIC_LIMITS.maxStringLength}`,
      );
    }
    return true;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) report(state, `${String(value)} is not a JSON number`);
    return true;
  }
  if (typeof value !== "object") {
    report(state, `${describe(value)} is not a JSON value; conditions are JSON data`);
    return true;
  }
  return false;
}

function visit(state: State, node: unknown, parentDepth: number, scope: Scope): void {
  if (!count(state) || checkPrimitive(state, node)) return;
  if (typeof node !== "object" || node === null) return;
  const depth = parentDepth + 1;
  if (!enter(state, depth)) return;
  if (Array.isArray(node)) {
    visitElements(state, node, (item) => visit(state, item, depth, scope));
    return;
  }
  if (!isPlainObject(node)) {
    report(state, `${describe(node)} is not a JSON value; conditions are JSON data`);
    return;
  }
  const keys = Object.keys(node);
  const op = keys[0];
  if (op === undefined) {
    report(state, "an empty object is not an operation; write true, false or null for a constant");
    return;
  }
  if (keys.length > 1) {
    report(
      state,
      `an object must have exactly one key, its operator; found ${keys.length} (${quoteList(keys.slice(0, 5))}${keys.length > 5 ? ", …" : ""}): combine conditions with {"and": [...]}`,
    );
    return;
  }
  // An unknown or refused operator is reported on its object: the key itself is the mistake.
  if (isForbiddenOperator(op)) {
    report(state, `operator "${op}" is not allowed: ${FORBIDDEN_REASONS[op]}`);
    return;
  }
  if (!isBuiltinOperator(op) && !state.custom.has(op)) {
    const suggestion = didYouMean(op, state.operatorNames);
    report(
      state,
      suggestion === undefined
        ? `unknown operator ${quote(op)}; custom operators must be declared`
        : `unknown operator ${quote(op)} (did you mean ${quote(suggestion)}?)`,
    );
    return;
  }
  within(state, op, () => visitOperation(state, op, node[op], depth, scope));
}

/** Visits the items of an array already counted and entered, after the length check. */
function visitElements(
  state: State,
  items: readonly unknown[],
  visitItem: (item: unknown) => void,
): void {
  if (items.length > LOGIC_LIMITS.maxArrayLength) {
    report(
      state,
      `array of ${items.length} elements exceeds the limit of ${LOGIC_LIMITS.maxArrayLength}`,
    );
    return;
  }
  for (let i = 0; i < items.length && !state.stopped; i++) {
    within(state, i, () => visitItem(items[i]));
  }
}

/**
 * The arguments of an operation as json-logic-js sees them (a non-array value is one argument),
 * with a visitor that puts each argument at its path.
 */
interface Args {
  readonly values: readonly unknown[];
  /** Depth of the container holding the arguments. */
  readonly depth: number;
  readonly at: (index: number, visitArgument: (value: unknown) => void) => void;
}

function visitOperation(state: State, op: string, raw: unknown, depth: number, scope: Scope): void {
  let args: Args;
  if (Array.isArray(raw)) {
    if (!count(state) || !enter(state, depth + 1)) return;
    if (raw.length > LOGIC_LIMITS.maxArrayLength) {
      report(
        state,
        `array of ${raw.length} elements exceeds the limit of ${LOGIC_LIMITS.maxArrayLength}`,
      );
      return;
    }
    args = {
      values: raw,
      depth: depth + 1,
      at: (index, visitArgument) => {
        if (!state.stopped) within(state, index, () => visitArgument(raw[index]));
      },
    };
  } else {
    args = { values: [raw], depth, at: (_index, visitArgument) => visitArgument(raw) };
  }
  if (!isBuiltinOperator(op)) {
    visitArguments(state, args, 0, scope);
    return;
  }
  checkArity(state, op, args.values.length);
  CHECKERS[op](state, args, scope);
}

function visitArguments(state: State, args: Args, from: number, scope: Scope): void {
  for (let i = from; i < args.values.length; i++) {
    args.at(i, (value) => visit(state, value, args.depth, scope));
  }
}

function describeArity({ min, max }: Arity): string {
  const plural = (n: number): string => (n === 1 ? "argument" : "arguments");
  if (min === max) return `${min} ${plural(min)}`;
  if (max === Number.POSITIVE_INFINITY) return `at least ${min} ${plural(min)}`;
  if (min === 0) return `at most ${max} ${plural(max)}`;
  if (max === min + 1) return `${min} or ${max} arguments`;
  return `${min} to ${max} arguments`;
}

function checkArity(state: State, op: BuiltinOperator, count: number): void {
  const arity = ARITY[op];
  if (count >= arity.min && count <= arity.max) return;
  report(state, `"${op}" takes ${describeArity(arity)}, got ${count}`);
}

type Checker = (state: State, args: Args, scope: Scope) => void;

const visitAll: Checker = (state, args, scope) => visitArguments(state, args, 0, scope);

/** Checks a literal `var` path or `missing` key against the scope's roots and the prototype keys. */
function checkPath(state: State, value: unknown, scope: Scope, what: string): void {
  if (!count(state)) return;
  if (typeof value !== "string" && typeof value !== "number") {
    report(
      state,
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? `a computed ${what} is not allowed: write the path as a literal string (a computed path can reach Object.prototype)`
        : `${what} must be a literal string or number, not ${describe(value)}`,
    );
    return;
  }
  checkPrimitive(state, value);
  const text = String(value);
  // Already reported by checkPrimitive.
  if (text.length > LOGIC_LIMITS.maxStringLength) return;
  if (typeof value === "number" && !Number.isFinite(value)) return;
  if (text === "") {
    if (scope === "root") {
      report(
        state,
        `an empty ${what} means all the data; start it with one of ${quoteList(state.roots)}`,
      );
    }
    return;
  }
  const segments = text.split(".");
  const forbidden = segments.find(isPrototypeKey);
  if (forbidden !== undefined) {
    report(
      state,
      `${what} ${quote(text)} contains the segment ${quote(forbidden)}: prototype keys are never allowed`,
    );
    return;
  }
  const first = segments[0]!;
  const allowed = scope === "root" ? state.roots : scope === "reduce" ? REDUCE_ROOTS : undefined;
  if (allowed === undefined || allowed.includes(first)) return;
  const suggestion = didYouMean(first, allowed);
  const rest = text.slice(first.length);
  const hint = suggestion === undefined ? "" : ` (did you mean ${quote(suggestion + rest)}?)`;
  report(
    state,
    scope === "root"
      ? `${what} ${quote(text)} must start with one of ${quoteList(allowed)}${hint}`
      : `inside "reduce" the data is {current, accumulator}: ${what} ${quote(text)} must start with "current" or "accumulator"${hint}`,
  );
}

/** A `var` default: a primitive or an array of them, never an operation. */
function visitLiteral(state: State, node: unknown, parentDepth: number): void {
  if (!count(state) || checkPrimitive(state, node)) return;
  if (typeof node !== "object" || node === null) return;
  const depth = parentDepth + 1;
  if (!enter(state, depth)) return;
  if (Array.isArray(node)) {
    visitElements(state, node, (item) => visitLiteral(state, item, depth));
    return;
  }
  report(
    state,
    "the default of a var must be a literal (string, number, boolean, null or an array of them), not an operation or object",
  );
}

/** A literal list of keys, as the first argument of `missing` or the second of `missing_some`. */
function checkKeyList(
  state: State,
  keys: readonly unknown[],
  depth: number,
  scope: Scope,
  op: string,
): void {
  if (!count(state) || !enter(state, depth + 1)) return;
  visitElements(state, keys, (key) => checkPath(state, key, scope, `"${op}" key`));
}

const checkVar: Checker = (state, args, scope) => {
  if (args.values.length === 0) {
    if (scope === "root") {
      report(
        state,
        `{"var": []} means all the data; give a path starting with one of ${quoteList(state.roots)}`,
      );
    }
    return;
  }
  args.at(0, (path) => checkPath(state, path, scope, "var path"));
  if (args.values.length >= 2) args.at(1, (fallback) => visitLiteral(state, fallback, args.depth));
};

const checkMissing: Checker = (state, args, scope) => {
  if (Array.isArray(args.values[0])) {
    args.at(0, (keys) => {
      if (Array.isArray(keys)) checkKeyList(state, keys, args.depth, scope, "missing");
    });
    if (args.values.length > 1) {
      args.at(1, () =>
        report(
          state,
          `when the first argument of "missing" is a list, the other arguments are ignored; put every key in that list`,
        ),
      );
    }
    return;
  }
  for (let i = 0; i < args.values.length; i++) {
    args.at(i, (key) => checkPath(state, key, scope, `"missing" key`));
  }
};

const checkMissingSome: Checker = (state, args, scope) => {
  args.at(0, (need) => visit(state, need, args.depth, scope));
  if (args.values.length < 2) return;
  args.at(1, (keys) => {
    if (Array.isArray(keys)) {
      checkKeyList(state, keys, args.depth, scope, "missing_some");
    } else {
      report(
        state,
        `the second argument of "missing_some" must be a literal list of keys, not ${describe(keys)}`,
      );
    }
  });
};

/** `some`/`all`/`none`/`filter`/`map`/`reduce`: the second argument runs once per item. */
function checkScoped(itemScope: Scope): Checker {
  return (state, args, scope) => {
    args.at(0, (source) => visit(state, source, args.depth, scope));
    if (args.values.length >= 2) {
      args.at(1, (logic) => visit(state, logic, args.depth, itemScope));
    }
    if (itemScope === "reduce" && args.values.length >= 3) {
      args.at(2, (initial) => visit(state, initial, args.depth, scope));
    }
  };
}

/** One checker per built-in operator; the `satisfies` clause makes a missing operator a type error. */
const CHECKERS = {
  "==": visitAll,
  "===": visitAll,
  "!=": visitAll,
  "!==": visitAll,
  ">": visitAll,
  ">=": visitAll,
  "<": visitAll,
  "<=": visitAll,
  "!": visitAll,
  "!!": visitAll,
  or: visitAll,
  and: visitAll,
  "?:": visitAll,
  if: visitAll,
  in: visitAll,
  cat: visitAll,
  substr: visitAll,
  "+": visitAll,
  "-": visitAll,
  "*": visitAll,
  "/": visitAll,
  "%": visitAll,
  min: visitAll,
  max: visitAll,
  merge: visitAll,
  var: checkVar,
  missing: checkMissing,
  missing_some: checkMissingSome,
  some: checkScoped("item"),
  all: checkScoped("item"),
  none: checkScoped("item"),
  filter: checkScoped("item"),
  map: checkScoped("item"),
  reduce: checkScoped("reduce"),
} satisfies Record<BuiltinOperator, Checker>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function isUsableOperatorName(name: string): boolean {
  return (
    IDENTIFIER.test(name) &&
    !isBuiltinOperator(name) &&
    !isForbiddenOperator(name) &&
    !isPrototypeKey(name)
  );
}

/**
 * Checks the names of custom operators: identifier-like (letters, digits, `_`, not starting with
 * a digit, at most 64 characters), not a built-in name, not `log`/`method`, not a prototype key,
 * declared once. Returns every issue, with the index of the name as path. Pure.
 */
export function validateOperatorNames(names: readonly string[]): LogicIssue[] {
  const issues: LogicIssue[] = [];
  const seen = new Set<string>();
  names.forEach((name: unknown, index) => {
    const path = [index];
    if (typeof name !== "string") {
      issues.push({ path, message: `operator names must be strings, not ${describe(name)}` });
      return;
    }
    if (isForbiddenOperator(name)) {
      issues.push({
        path,
        message: `"${name}" cannot be a custom operator: json-logic-js's "${name}" is refused because ${FORBIDDEN_REASONS[name]}`,
      });
    } else if (isBuiltinOperator(name)) {
      issues.push({
        path,
        message: `custom operator "${name}" would shadow the built-in operator of that name; choose another name`,
      });
    } else if (isPrototypeKey(name)) {
      issues.push({ path, message: `"${name}" cannot be an operator name: it is a prototype key` });
    } else if (!IDENTIFIER.test(name)) {
      issues.push({
        path,
        message: `custom operator name ${quote(name)} must be an identifier: letters, digits and "_", not starting with a digit, at most 64 characters`,
      });
    } else if (seen.has(name)) {
      issues.push({ path, message: `custom operator "${name}" is declared more than once` });
    }
    seen.add(name);
  });
  return issues;
}
