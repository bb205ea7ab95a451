import type { StrategyInput } from "./types";

/**
 * Checks the input contract every strategy relies on and returns `eligible`: non-empty, no
 * duplicates, each id in `members`, in member order. Throws a `RangeError` otherwise, because a
 * violation is a bug in the caller, not a routing outcome.
 */
export function checkedEligible(input: StrategyInput): readonly string[] {
  const { eligible, members, poolId } = input;
  if (eligible.length === 0) {
    throw new RangeError(`pool ${poolId}: a strategy needs at least one eligible rep`);
  }
  if (
    (members.length <= FAST_PATH_MEMBERS || keyInfo(members).unique) &&
    inFirstOccurrenceOrder(eligible, members)
  ) {
    return eligible;
  }
  const firstIndex = new Map<string, number>();
  members.forEach((id, index) => {
    if (!firstIndex.has(id)) firstIndex.set(id, index);
  });
  const seen = new Set<string>();
  let previous = -1;
  for (const id of eligible) {
    const index = firstIndex.get(id);
    if (index === undefined) {
      throw new RangeError(`pool ${poolId}: eligible rep ${id} is not a member`);
    }
    if (seen.has(id)) throw new RangeError(`pool ${poolId}: eligible rep ${id} is listed twice`);
    if (index < previous) {
      throw new RangeError(`pool ${poolId}: eligible reps are not in member order`);
    }
    seen.add(id);
    previous = index;
  }
  return eligible;
}

/**
 * Pools up to this size, or of any size without repeated members (known once per member list),
 * are checked by one merge walk instead of an index of first occurrences built on every pick.
 */
const FAST_PATH_MEMBERS = 64;

/**
 * Whether each eligible id is a member whose first occurrence comes after the previous one's:
 * exactly the contract (which also rules out repeats). False sends the caller to the slow path,
 * which finds the precise violation, so this only ever short-cuts an accepted input.
 */
function inFirstOccurrenceOrder(eligible: readonly string[], members: readonly string[]): boolean {
  // Without repeated members every occurrence is the first: the merge walk alone decides.
  const unique = keyInfo(members).unique;
  let j = 0;
  for (const id of eligible) {
    while (j < members.length && members[j] !== id) j++;
    if (j === members.length || (!unique && members.indexOf(id) !== j)) return false;
    j++;
  }
  return true;
}

/**
 * Define `record[key] = value` as an own data property, as `Object.fromEntries` would (a plain
 * assignment of `__proto__` would set the prototype instead); lets strategies build their
 * detail records in one loop without the intermediate entry arrays.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") {
    Object.defineProperty(record, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else record[key] = value;
}

/** What is known of a long-lived key list (a pool's members): no repeats? and a record shape. */
interface KeyInfo {
  /** A copy of the list, compared on every use, so a list changed in place is seen again. */
  readonly keys: readonly string[];
  readonly unique: boolean;
  /** A prebuilt record with these keys, when they fit one (unique, no `__proto__`). */
  readonly shape: Readonly<Record<string, unknown>> | undefined;
}

const keyInfos = new WeakMap<readonly string[], KeyInfo>();

function keyInfo(keys: readonly string[]): KeyInfo {
  const cached = keyInfos.get(keys);
  if (cached !== undefined && sameKeys(cached.keys, keys)) return cached;
  const unique = new Set(keys).size === keys.length;
  // JSON.parse reliably yields a compact ("fast properties") object, where adding the keys
  // one by one from here may leave a slow dictionary, whose clones gain nothing.
  const shape = unique && !keys.includes("__proto__") ? parseShape(keys) : undefined;
  const info: KeyInfo = { keys: [...keys], unique, shape };
  keyInfos.set(keys, info);
  return info;
}

/**
 * A new record mapping `keys[i]` to `values[i]`, keys in that order (as `Object.fromEntries`
 * would build it). `keys` should be a long-lived array such as a pool's members: its shape is
 * built once and cloned, which is several times faster than adding 20 keys one by one.
 */
export function recordFrom<T>(keys: readonly string[], values: readonly T[]): Record<string, T> {
  const { shape } = keyInfo(keys);
  if (shape === undefined) {
    const out: Record<string, T> = {};
    for (let i = 0; i < keys.length; i++) setOwn(out, keys[i]!, values[i]!);
    return out;
  }
  // A spread clone copies the shape whole; every key is then overwritten with its value.
  const out = { ...shape };
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i];
  return out as Record<string, T>;
}

function parseShape(keys: readonly string[]): Readonly<Record<string, unknown>> | undefined {
  const parsed: unknown = JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:null`).join(",")}}`);
  return typeof parsed === "object" && parsed !== null ? { ...parsed } : undefined;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A record keyed by the eligible reps (in member order) with `values[i]` for `eligible[i]`.
 * When every member is eligible, `eligible` equals `members` (a checked subsequence of the same
 * length), so the pool's long-lived member array lends its cached shape.
 */
export function eligibleRecord<T>(
  input: StrategyInput,
  eligible: readonly string[],
  values: readonly T[],
): Record<string, T> {
  if (eligible.length === input.members.length) return recordFrom(input.members, values);
  const out: Record<string, T> = {};
  for (let i = 0; i < eligible.length; i++) setOwn(out, eligible[i]!, values[i]!);
  return out;
}
