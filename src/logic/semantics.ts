/**
 * The value-level semantics of json-logic-js 2.0.5, rewritten so that data is only ever read
 * through own properties. Each function names the json-logic-js code it mirrors.
 */

/**
 * json-logic truthiness: JavaScript truthiness, except that an empty array is falsy
 * (so `"0"` is truthy, `0`, `""`, `null` and `[]` are falsy). Same as json-logic-js `truthy`.
 */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return Boolean(value);
}

/** json-logic-js `is_logic`: a non-array object with exactly one own enumerable key. */
export function isLogic(value: unknown): value is Readonly<Record<string, unknown>> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1
  );
}

/**
 * json-logic-js applies JavaScript operators (`<`, `-`, `%`, `parseFloat`, ...) to arbitrary
 * values and relies on their coercions; TypeScript types those operators on numbers only. This
 * identity lets the mirror keep the exact operator (and so the exact coercion) without a
 * reimplementation that could drift.
 */
export function operand(value: unknown): number {
  return value as number;
}

/** `parseFloat(x, 10)` as json-logic-js calls it: `parseFloat` converts its argument with ToString. */
export function toFloat(value: unknown): number {
  return Number.parseFloat(String(value));
}

/**
 * `value[key]` restricted to own properties: objects and arrays by `Object.hasOwn`, strings by
 * their `length` and index positions. Anything else (numbers, booleans, functions) has no data.
 * This is the only way evaluation reads data, so no path can reach a prototype.
 */
export function ownGet(value: unknown, key: string): unknown {
  if (typeof value === "object" && value !== null) {
    return Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined;
  }
  if (typeof value === "string") {
    if (key === "length") return value.length;
    const index = Number(key);
    // Only canonical indices ("1", not "01" or "1.0") are own properties of a string.
    if (Number.isInteger(index) && index >= 0 && index < value.length && String(index) === key) {
      return value[index];
    }
  }
  return undefined;
}

/** Walks `segments` from `data` through own properties; `undefined` when a step is missing. */
export function resolveSegments(data: unknown, segments: readonly string[]): unknown {
  let current = data;
  for (let i = 0; i < segments.length; i++) {
    if (current === null || current === undefined) return undefined;
    current = ownGet(current, segments[i]!);
    if (current === undefined) return undefined;
  }
  return current;
}

/** json-logic-js `var(a, b)` with own-property reads: the empty path returns the data itself. */
export function resolveVar(path: unknown, fallback: unknown, data: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === "" || path === null) return data;
  const found = resolveSegments(data, String(path).split("."));
  return found === undefined ? notFound : found;
}

/**
 * json-logic-js `apply(value)` for a value that came from data rather than from the condition.
 * json-logic-js would run such a value as an operation (a data-borne `{"var": ...}` or `{"log":
 * ...}` inside `missing`); the engine refuses: data is never code.
 */
export function dataAsLiteral(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dataAsLiteral);
  if (isLogic(value)) {
    throw new Error("JSON Logic: refusing to evaluate a value read from data as an operation");
  }
  return value;
}

/** json-logic-js `apply({"var": key}, data)` as `missing` runs it for each key. */
function resolveMissingKey(key: unknown, data: unknown): unknown {
  if (Array.isArray(key)) {
    const values = key.map(dataAsLiteral);
    return resolveVar(values[0], values[1], data);
  }
  return resolveVar(dataAsLiteral(key), undefined, data);
}

/** json-logic-js `missing(...args)`: the keys whose value is `null` or `""` (one array argument = the keys). */
export function missingOf(args: readonly unknown[], data: unknown): unknown[] {
  const first = args[0];
  const keys: readonly unknown[] = Array.isArray(first) ? first : args;
  const missing: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = resolveMissingKey(key, data);
    if (value === null || value === "") missing.push(key);
  }
  return missing;
}

/** `value.length` as JavaScript reads it, through own properties; throws on `null`/`undefined` like JavaScript. */
export function lengthOf(value: unknown): unknown {
  if (value === null || value === undefined) {
    throw new TypeError(`Cannot read properties of ${String(value)} (reading 'length')`);
  }
  return ownGet(value, "length");
}

/** json-logic-js `missing_some(need, options)`: `[]` when enough of `options` are present, else the missing ones. */
export function missingSomeOf(need: unknown, options: unknown, data: unknown): unknown[] {
  // json-logic-js re-applies `options` as the arguments of a `missing` operation.
  const args = Array.isArray(options) ? options.map(dataAsLiteral) : [dataAsLiteral(options)];
  const missing = missingOf(args, data);
  return operand(lengthOf(options)) - missing.length >= operand(need) ? [] : missing;
}

/** json-logic-js `in(a, b)`: substring test on strings, strict membership on arrays, else false. */
export function inOp(a: unknown, b: unknown): boolean {
  if (!b) return false;
  if (typeof b === "string") return b.indexOf(String(a)) !== -1;
  if (Array.isArray(b)) return b.indexOf(a) !== -1;
  // json-logic-js calls `b.indexOf` when it exists; in data it can only be an own, non-callable key.
  if (typeof b === "object" && ownGet(b, "indexOf") !== undefined) {
    throw new TypeError("b.indexOf is not a function");
  }
  return false;
}

/** json-logic-js `substr(source, start, end)`: `String#substr`, with a negative `end` cutting from the end (PHP style). */
export function substrOp(source: unknown, start: unknown, end: unknown): string {
  if (operand(end) < 0) {
    const temp = String(source).substr(operand(start));
    return temp.substr(0, temp.length + operand(end));
  }
  return String(source).substr(operand(start), operand(end));
}

/** `operand` for a whole argument list (`Math.min(...args)` coerces each with ToNumber). */
export function operands(values: unknown[]): number[] {
  return values as number[];
}
