/** Deepest nesting a key is made for (reps nest three levels): past it there is no key. */
const MAX_DEPTH = 8;

/**
 * A text that is equal for two values exactly when both are the same plain JSON data: strings,
 * finite numbers (not -0), booleans, null, arrays without holes, and objects whose prototype is
 * `Object.prototype` or null, with the same own enumerable keys in the same order. Anything else
 * (undefined, a Date, a Map, a function, a symbol, a class instance, NaN, nesting deeper than
 * {@link MAX_DEPTH}) gives undefined: such a value is not known to be plain data, so whatever
 * was learned from an equal-looking one must not be reused for it. The text is the value's JSON.
 */
export function plainKey(value: unknown): string | undefined {
  // Checked first, then written by the native serializer (much faster than building it here).
  return isPlain(value, 0) ? JSON.stringify(value) : undefined;
}

function isPlain(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!Object.hasOwn(value, i) || !isPlain(value[i], depth + 1)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key of Object.keys(value)) {
        if (!isPlain(Reflect.get(value, key), depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
