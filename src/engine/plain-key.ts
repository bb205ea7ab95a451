/** Deepest nesting a key is made for (reps nest three levels): past it there is no key. */
const MAX_DEPTH = 8;

/**
 * Most values (objects, arrays and scalars, counted along every path) and characters a key is
 * made for: the walk stops early, so a large value, or a small one that refers to the same
 * object from many places, costs a bounded amount and gets no key.
 */
const MAX_VALUES = 1_000;
const MAX_CHARS = 16_384;

/**
 * A text that is equal for two values exactly when both are the same plain JSON data: strings,
 * finite numbers (not -0), booleans, null, arrays without holes (read by index), and objects whose prototype is
 * `Object.prototype` or null, with the same own keys (all enumerable) in the same order and no
 * `toJSON`. Anything else (undefined, a Date, a Map, a function, a symbol, a class instance,
 * NaN, a hidden property, nesting deeper than {@link MAX_DEPTH}, more than {@link MAX_VALUES}
 * values or {@link MAX_CHARS} characters) gives undefined: such a value is not known to be
 * plain data, so whatever was learned from an equal-looking one must not be reused for it. The
 * text is the value's JSON; `JSON.parse` of it reads back the value as its key describes it.
 */
export function plainKey(value: unknown): string | undefined {
  const budget = { values: MAX_VALUES, chars: MAX_CHARS };
  // Checked first, then written by the native serializer (much faster than building it here).
  if (!isPlain(value, 0, budget)) return undefined;
  const key = JSON.stringify(value);
  return key.length <= MAX_CHARS ? key : undefined;
}

function isPlain(
  value: unknown,
  depth: number,
  budget: { values: number; chars: number },
): boolean {
  if (--budget.values < 0) return false;
  switch (typeof value) {
    case "string":
      budget.chars -= value.length;
      return budget.chars >= 0;
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      // `toJSON` (own or inherited) would make the JSON differ from the data read directly.
      if (depth >= MAX_DEPTH || "toJSON" in value) return false;
      if (Array.isArray(value)) {
        // Read by index, as JSON and a schema both read an array (other properties are ignored).
        for (let i = 0; i < value.length; i++) {
          if (!Object.hasOwn(value, i) || !isPlain(value[i], depth + 1, budget)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      // A property that is not enumerable is read by a schema but not written to JSON.
      const keys = Object.keys(value);
      if (Object.getOwnPropertyNames(value).length !== keys.length) return false;
      for (const key of keys) {
        budget.chars -= key.length;
        if (budget.chars < 0 || !isPlain(Reflect.get(value, key), depth + 1, budget)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Plain JSON data as read back from a key, with each object's keys listed once: what
 * {@link matchesPlain} compares a value with, without building its key again. An array is an
 * array of shapes (told apart by `Array.isArray`, which nothing inherited can fool).
 */
export type PlainShape =
  | string
  | number
  | boolean
  | null
  | readonly PlainShape[]
  | { readonly keys: readonly string[]; readonly values: readonly PlainShape[] };

/** `Array.isArray` for shapes (it does not narrow a union with a readonly array type). */
const isArrayShape = (shape: object): shape is readonly PlainShape[] => Array.isArray(shape);

/** The shape of `JSON.parse(key)` for a key made by {@link plainKey}. */
export function shapeOfKey(key: string): PlainShape {
  const toShape = (v: unknown): PlainShape => {
    if (v === null || typeof v !== "object") return v as string | number | boolean | null;
    if (Array.isArray(v)) return v.map(toShape);
    const keys = Object.keys(v);
    return { keys, values: keys.map((k) => toShape((v as Record<string, unknown>)[k])) };
  };
  return toShape(JSON.parse(key));
}

/**
 * Whether `plainKey(value)` would be the key `shape` was made from: `value` is plain data (as
 * {@link plainKey} defines it) equal to the shape, keys in the same order. Walks the value once
 * and builds no text, so checking that a value seen before is unchanged costs less than keying it.
 */
export function matchesPlain(value: unknown, shape: PlainShape): boolean {
  if (shape === null || typeof shape !== "object")
    // A key never holds -0 (plainKey refuses it), and -0 === 0.
    return value === shape && !(value === 0 && Object.is(value, -0));
  if (typeof value !== "object" || value === null || "toJSON" in value) return false;
  if (isArrayShape(shape)) {
    const items = shape;
    if (!Array.isArray(value) || value.length !== items.length) return false;
    for (let i = 0; i < value.length; i++)
      if (!Object.hasOwn(value, i) || !matchesPlain(value[i], items[i]!)) return false;
    return true;
  }
  if (Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const { keys, values } = shape;
  let n = 0;
  for (const key in value) {
    if (n >= keys.length || key !== keys[n] || !Object.hasOwn(value, key)) return false;
    if (!matchesPlain(Reflect.get(value, key), values[n]!)) return false;
    n++;
  }
  // Every key seen, and none hidden (a schema reads a non-enumerable property, JSON does not).
  return n === keys.length && Object.getOwnPropertyNames(value).length === n;
}
