/**
 * Hostile values and mutations for the fuzzer. Values are named by a token so that a failing
 * case prints `{"replace":"deepObject"}` instead of a million characters; `materialize` builds
 * the value (large ones once, then shared).
 */
import fc from "fast-check";

/** Nesting of the deep values: far beyond any recursion the engine could afford. */
export const DEEP = 10_000;
/** Length of the huge string. */
export const HUGE_STRING = 1_000_000;

function deepObject(depth: number, key: string, leaf: unknown): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { [key]: v };
  return v;
}

function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

class Instance {
  readonly id = "instance";
  readonly country = "CN";
}

/** A frozen value per token, built on first use (the big ones are expensive to build). */
const cache = new Map<string, unknown>();

/**
 * Tokens of hostile values and how to build each. `json: false` marks values no JSON document
 * can hold (functions, bigint, Map, …); outputs are only required to be JSON-serializable when
 * the inputs were JSON.
 */
const BUILDERS = {
  // Numbers.
  nan: { json: true, make: () => Number.NaN },
  infinity: { json: true, make: () => Number.POSITIVE_INFINITY },
  negInfinity: { json: true, make: () => Number.NEGATIVE_INFINITY },
  max: { json: true, make: () => 1e308 },
  negMax: { json: true, make: () => -1e308 },
  negZero: { json: true, make: () => -0 },
  tiny: { json: true, make: () => 5e-324 },
  unsafeInt: { json: true, make: () => 2 ** 53 + 2 },
  fraction: { json: true, make: () => 1.5 },
  minusOne: { json: true, make: () => -1 },
  zero: { json: true, make: () => 0 },
  bigExp: { json: true, make: () => 1e21 },
  beyondDate: { json: true, make: () => 8.64e15 + 1 },
  maxSafe: { json: true, make: () => Number.MAX_SAFE_INTEGER },
  millionsOfDays: { json: true, make: () => 3_000_000 },
  hundredMillion: { json: true, make: () => 100_000_000 },
  // Strings.
  empty: { json: true, make: () => "" },
  space: { json: true, make: () => " " },
  nul: { json: true, make: () => "\u0000" },
  loneSurrogate: { json: true, make: () => "\ud800" },
  hugeString: { json: true, make: () => "a".repeat(HUGE_STRING) },
  overIdLength: { json: true, make: () => "x".repeat(201) },
  overStringLength: { json: true, make: () => "y".repeat(10_001) },
  protoString: { json: true, make: () => "__proto__" },
  constructorString: { json: true, make: () => "constructor" },
  prototypeString: { json: true, make: () => "prototype" },
  toStringString: { json: true, make: () => "toString" },
  digits: { json: true, make: () => "1700000000000" },
  // Dates and time zones.
  dateNoOffset: { json: true, make: () => "2026-11-27T09:30:00" },
  dateFeb30: { json: true, make: () => "2026-02-30" },
  dateMonth13: { json: true, make: () => "2026-13-01T00:00:00Z" },
  dateHour25: { json: true, make: () => "2026-01-01T25:00:00Z" },
  dateLeapSecond: { json: true, make: () => "2026-06-30T23:59:60Z" },
  dateBadOffset: { json: true, make: () => "2026-01-01T00:00:00+24:00" },
  dateYear0: { json: true, make: () => "0000-01-01T00:00:00Z" },
  dateYear9999: { json: true, make: () => "9999-12-31T23:59:59.999Z" },
  dateExpanded: { json: true, make: () => "+275760-09-13T00:00:00Z" },
  dateWords: { json: true, make: () => "tomorrow" },
  dateNanos: { json: true, make: () => "2026-01-01T00:00:00.123456789+08:00" },
  tzMars: { json: true, make: () => "Mars/Olympus_Mons" },
  tzOffset: { json: true, make: () => "+08:00" },
  tzLower: { json: true, make: () => "asia/shanghai" },
  tzEtc: { json: true, make: () => "Etc/GMT+14" },
  tzNul: { json: true, make: () => "UTC\u0000" },
  clock2400: { json: true, make: () => "24:00" },
  // Containers.
  null: { json: true, make: () => null },
  true: { json: true, make: () => true },
  false: { json: true, make: () => false },
  emptyObject: { json: true, make: () => ({}) },
  emptyArray: { json: true, make: () => [] },
  overListLength: { json: true, make: () => new Array(100_001).fill("x") },
  millionArray: { json: true, make: () => new Array(1_000_000).fill(0) },
  // biome-ignore lint/suspicious/noSparseArray: the holes are the point
  sparse: { json: false, make: () => [, 1, , "x"] },
  sparseLong: { json: false, make: () => new Array(100_001) },
  deepObject: { json: true, make: () => deepObject(DEEP, "a", 1) },
  deepArray: { json: true, make: () => deepArray(DEEP) },
  deepLogic: { json: true, make: () => deepObject(DEEP, "!", true) },
  deepVar: { json: true, make: () => deepObject(DEEP, "var", "customer.x") },
  deepCustomer: { json: true, make: () => deepObject(DEEP, "customer", "x") },
  // Own prototype keys, as JSON.parse makes them (a literal would set the prototype instead).
  protoObject: {
    json: true,
    make: () => JSON.parse('{"__proto__":{"polluted":"yes"},"id":"p"}'),
  },
  constructorObject: {
    json: true,
    make: () => JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}},"id":"c"}'),
  },
  prototypeObject: {
    json: true,
    make: () => JSON.parse('{"prototype":{"polluted":"yes"},"id":"q"}'),
  },
  shadowingObject: {
    json: true,
    make: () => JSON.parse('{"toString":"x","valueOf":1,"hasOwnProperty":null,"id":"s"}'),
  },
  // Values no JSON document holds.
  undefined: { json: false, make: () => undefined },
  date: { json: false, make: () => new Date(0) },
  invalidDate: { json: false, make: () => new Date(Number.NaN) },
  map: { json: false, make: () => new Map([["id", "m"]]) },
  set: { json: false, make: () => new Set(["x"]) },
  instance: { json: false, make: () => new Instance() },
  nullProto: {
    json: false,
    make: () => Object.assign(Object.create(null) as Record<string, unknown>, { id: "np" }),
  },
  inherited: { json: false, make: () => Object.create({ id: "inherited", country: "CN" }) },
  boxedString: { json: false, make: () => Object("CN-SH") },
  boxedNumber: { json: false, make: () => Object(5) },
  typedArray: { json: false, make: () => new Uint8Array([1, 2, 3]) },
  regexp: { json: false, make: () => /x/ },
  fn: { json: false, make: () => () => "fn" },
  symbol: { json: false, make: () => Symbol("s") },
  bigint: { json: false, make: () => 10n },
  error: { json: false, make: () => new Error("e") },
} as const satisfies Record<string, { json: boolean; make: () => unknown }>;

/** Name of a hostile value. */
export type HostileToken = keyof typeof BUILDERS;

export const HOSTILE_TOKENS = Object.keys(BUILDERS) as HostileToken[];

/** The tokens whose values are expensive to process (kept rare in the random mix). */
export const HEAVY_TOKENS: readonly HostileToken[] = [
  "hugeString",
  "overListLength",
  "millionArray",
  "sparseLong",
  "deepObject",
  "deepArray",
  "deepLogic",
  "deepVar",
  "deepCustomer",
];

const LIGHT_TOKENS = HOSTILE_TOKENS.filter((t) => !HEAVY_TOKENS.includes(t));

/** Deep-freezes a value iteratively (deep values would overflow a recursive walk). */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if ((typeof v !== "object" && typeof v !== "function") || v === null) continue;
    if (seen.has(v) || ArrayBuffer.isView(v)) continue; // typed arrays cannot be frozen
    seen.add(v);
    if (Object.isFrozen(v) && Array.isArray(v) && v.length > 1000) continue; // shared big constants
    Object.freeze(v);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && "value" in d) stack.push(d.value);
    }
  }
  return value;
}

/** The value of a token (frozen, shared between cases: inputs must never be mutated anyway). */
export function materialize(token: HostileToken): unknown {
  if (cache.has(token)) return cache.get(token);
  const v = deepFreeze(BUILDERS[token].make());
  cache.set(token, v);
  return v;
}

/** Whether a token's value can appear in a JSON document. */
export function isJsonToken(token: HostileToken): boolean {
  return BUILDERS[token].json;
}

/** Keys added to objects: prototype keys, shadows of Object.prototype methods, typos, strays. */
export const KEY_POOL = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "polluted",
  "prority",
  "membres",
  "id",
  "when",
  "extra",
  "",
] as const;

/** One change to a value at the node picked by `at` (an index into its node list, modulo). */
export type Mutation =
  | { at: number; op: "replace"; token: HostileToken }
  | { at: number; op: "random"; value: unknown }
  | { at: number; op: "delete" }
  | { at: number; op: "hole" }
  | { at: number; op: "addKey"; key: string; token: HostileToken }
  | { at: number; op: "wrap" }
  | { at: number; op: "unwrap" }
  | { at: number; op: "retype" };

/** Random JSON values, prototype keys included among the keys. */
export const randomJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 8 }),
      fc.constantFrom("CN", "CN-SH", "2026-01-01T00:00:00Z", "UTC", "a", "r1", "p1"),
    ),
    fc.array(tie("value"), { maxLength: 4 }),
    fc
      .array(
        fc.tuple(fc.oneof(fc.constantFrom(...KEY_POOL), fc.string({ maxLength: 6 })), tie("value")),
        { maxLength: 4 },
      )
      .map(entriesToObject),
  ),
})).value;

/** An object from entries, keeping `__proto__` as an own key (as `JSON.parse` does). */
export function entriesToObject(entries: readonly (readonly [string, unknown])[]): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

const token = (heavy: boolean): fc.Arbitrary<HostileToken> =>
  heavy ? fc.constantFrom(...HOSTILE_TOKENS) : fc.constantFrom(...LIGHT_TOKENS);

/** A mutation; heavy values (megabytes, 10,000 levels) only when `heavy`. */
export function mutationArb(heavy: boolean): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: 1_000 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ at, op: fc.constant("replace"), token: token(heavy) }) },
    { weight: 2, arbitrary: fc.record({ at, op: fc.constant("random"), value: randomJson }) },
    { weight: 2, arbitrary: fc.record({ at, op: fc.constant("delete") }) },
    { weight: 1, arbitrary: fc.record({ at, op: fc.constant("hole") }) },
    {
      weight: 3,
      arbitrary: fc.record({
        at,
        op: fc.constant("addKey"),
        key: fc.constantFrom(...KEY_POOL),
        token: token(heavy),
      }),
    },
    { weight: 1, arbitrary: fc.record({ at, op: fc.constant("wrap") }) },
    { weight: 1, arbitrary: fc.record({ at, op: fc.constant("unwrap") }) },
    { weight: 2, arbitrary: fc.record({ at, op: fc.constant("retype") }) },
  ) as fc.Arbitrary<Mutation>;
}

/** Mutations for one input: mostly one or two, heavy values in about one case in `heavyOneIn`. */
export function mutationsArb(heavyOneIn = 25): fc.Arbitrary<Mutation[]> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Mutation[]>([]) },
    {
      weight: heavyOneIn - 1,
      arbitrary: fc.array(mutationArb(false), { minLength: 1, maxLength: 4 }),
    },
    { weight: 1, arbitrary: fc.array(mutationArb(true), { minLength: 1, maxLength: 2 }) },
  );
}

type Path = readonly (string | number)[];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Paths to the nodes of a value, root first, breadth-first; bounded so that a value already
 * made huge or deep by an earlier mutation is not walked.
 */
export function nodePaths(value: unknown, limit = 2_000): Path[] {
  const out: Path[] = [];
  const queue: { v: unknown; path: Path }[] = [{ v: value, path: [] }];
  for (let i = 0; i < queue.length && out.length < limit; i++) {
    const { v, path } = queue[i]!;
    out.push(path);
    if (path.length >= 12) continue;
    if (Array.isArray(v)) {
      if (v.length > 200) continue;
      for (let j = 0; j < v.length; j++) if (j in v) queue.push({ v: v[j], path: [...path, j] });
    } else if (isPlainObject(v)) {
      for (const k of Object.keys(v)) queue.push({ v: v[k], path: [...path, k] });
    }
  }
  return out;
}

function copyContainer(v: unknown): unknown[] | Record<string, unknown> {
  if (Array.isArray(v)) return v.slice(); // keeps holes
  // Spread defines own properties, so an own "__proto__" key stays an own key.
  return { ...(v as Record<string, unknown>) };
}

const DELETE = Symbol("delete");
const HOLE = Symbol("hole");

function setIn(root: unknown, path: Path, change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(root);
  const [head, ...rest] = path;
  const copy = copyContainer(root);
  const child = (copy as Record<string | number, unknown>)[head!];
  const r = rest.length === 0 ? change(child) : setIn(child, rest, change);
  if (Array.isArray(copy) && typeof head === "number") {
    if (r === DELETE) copy.splice(head, 1);
    else if (r === HOLE) delete copy[head];
    else copy[head] = r;
  } else if (r === DELETE || r === HOLE) {
    delete (copy as Record<string, unknown>)[head as string];
  } else {
    Object.defineProperty(copy, head as string, {
      value: r,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function atRoot(r: unknown): unknown {
  return r === DELETE || r === HOLE ? undefined : r;
}

function retype(v: unknown): unknown {
  if (typeof v === "string") return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v.length > 0 ? [v] : 0;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return String(v);
  if (v === null) return "null";
  if (Array.isArray(v))
    return v.length === 1 ? v[0] : Object.fromEntries(Array.from(v, (x, i) => [String(i), x]));
  if (typeof v === "object") return Object.values(v);
  return null;
}

/** Tokens of values nested 10,000 deep. */
export const DEEP_TOKENS: readonly HostileToken[] = [
  "deepObject",
  "deepArray",
  "deepLogic",
  "deepVar",
  "deepCustomer",
];

/** Whether some object of `value` (within `nodePaths`' bounds) has an own `toString` or `valueOf` key. */
function hasShadowingKey(value: unknown): boolean {
  for (const path of nodePaths(value)) {
    let v: unknown = value;
    for (const seg of path) v = (v as Record<string | number, unknown>)[seg];
    if (isPlainObject(v) && (Object.hasOwn(v, "toString") || Object.hasOwn(v, "valueOf")))
      return true;
  }
  return false;
}

/**
 * Applies the mutations in order; never mutates `value`. Reports whether the result is still
 * JSON; whether it holds a value nested 10,000 deep; and whether an object in it has own
 * `toString` / `valueOf` keys (JSON can say `{"valueOf": 1}`): a condition comparing either
 * kind may throw, as json-logic-js does, which is that customer's `evaluation_error`.
 */
export function mutate(
  value: unknown,
  mutations: readonly Mutation[],
): { value: unknown; json: boolean; deep: boolean; shadowing: boolean } {
  let v = value;
  let json = true;
  let deep = false;
  for (const m of mutations) {
    const paths = nodePaths(v);
    const path = paths[m.at % paths.length]!;
    const change = (f: (node: unknown) => unknown) => {
      v = atRoot(setIn(v, path, f));
    };
    switch (m.op) {
      case "replace":
        json &&= isJsonToken(m.token);
        deep ||= DEEP_TOKENS.includes(m.token);
        change(() => materialize(m.token));
        break;
      case "random":
        change(() => m.value);
        break;
      case "delete":
        change(() => DELETE);
        break;
      case "hole":
        // Only an array element can be a hole; elsewhere it deletes the key.
        if (typeof path[path.length - 1] === "number") json = false;
        change(() => HOLE);
        break;
      case "addKey":
        json &&= isJsonToken(m.token);
        deep ||= DEEP_TOKENS.includes(m.token);
        change((node) => {
          if (!isPlainObject(node)) return node;
          const copy = { ...node };
          Object.defineProperty(copy, m.key, {
            value: materialize(m.token),
            enumerable: true,
            writable: true,
            configurable: true,
          });
          return copy;
        });
        break;
      case "wrap":
        change((node) => [node]);
        break;
      case "unwrap":
        change((node) =>
          Array.isArray(node) ? node[0] : isPlainObject(node) ? Object.values(node)[0] : node,
        );
        break;
      case "retype":
        change(retype);
        break;
    }
  }
  return {
    value: v,
    json,
    deep,
    shadowing: mutations.length > 0 && hasShadowingKey(v),
  };
}
