import { EXCLUSION_CODES, type ExclusionCode } from "../codes";

/**
 * Locale-independent text helpers shared by the locale tables. All are pure and deterministic:
 * the same data always renders to the same characters.
 */

/** How deep `formatValue` descends into nested arrays and objects before writing `…`. */
const MAX_DEPTH = 3;
/** How many items or keys `formatValue` writes per array or object before writing `…`. */
const MAX_ITEMS = 10;

/**
 * Quote a string as JSON does, so that quotes, newlines and control characters in ids or
 * customer data cannot break the line structure of the text.
 */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * An id written bare (rep ids, account ids): control characters are escaped as `\uXXXX` so a
 * hostile id cannot start a new line in the text.
 */
export function plain(value: string): string {
  let out = "";
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, "0")}` : ch;
  }
  return out;
}

/** A number for people: integers as they are, fractions rounded to at most three decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const rounded = Number(value.toFixed(3));
  // -0 after rounding (e.g. -0.0001) would print as "0", which is what a reader expects.
  return String(rounded === 0 ? 0 : rounded);
}

/**
 * A customer's value (or a condition's result) as short text: strings quoted, null and
 * undefined as `none`, arrays and objects in their own order, cut after a few levels and items.
 */
export function formatValue(value: unknown, none: string, depth = 0): string {
  if (value === null || value === undefined) return none;
  if (typeof value === "string") return quote(value);
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "function" || typeof value === "symbol") return `[${typeof value}]`;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v: unknown) => formatValue(v, none, depth + 1));
    if (value.length > MAX_ITEMS) items.push("…");
    return `[${items.join(", ")}]`;
  }
  // Own enumerable keys in the object's own order: the engine builds these objects in a fixed order.
  const keys = Object.keys(value);
  const parts = keys
    .slice(0, MAX_ITEMS)
    .map((k) => `${plain(k)}: ${formatValue(Reflect.get(value, k), none, depth + 1)}`);
  if (keys.length > MAX_ITEMS) parts.push("…");
  return `{${parts.join(", ")}}`;
}

/** A per-rep record (levels, scores, owned counts) as `id value` pairs, sorted by rep id. */
export function repEntries<V>(
  record: Readonly<Record<string, V>>,
  show: (value: V) => string,
): string[] {
  return Object.keys(record)
    .filter((k) => Object.hasOwn(record, k))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${plain(k)} ${show(record[k]!)}`);
}

/** A round-robin pointer as `rep#position` (the position in the pool's member order, from 0). */
export function pointer(p: { repId: string; index: number }): string {
  return `${plain(p.repId)}#${p.index}`;
}

/** A customer's location from the non-empty parts among country, region and postal code. */
export function location(customer: {
  country: string | null;
  region: string | null;
  postalCode: string | null;
}): string[] {
  return [customer.country, customer.region, customer.postalCode].filter(
    (v): v is string => v !== null,
  );
}

/** The non-zero counts of a per-code record, in the order of `EXCLUSION_CODES` (the filter order). */
export function exclusionCounts(
  counts: Readonly<Partial<Record<ExclusionCode, number>>>,
): [ExclusionCode, number][] {
  const out: [ExclusionCode, number][] = [];
  for (const code of EXCLUSION_CODES) {
    const count = Object.hasOwn(counts, code) ? counts[code] : undefined;
    if (count !== undefined && count > 0) out.push([code, count]);
  }
  return out;
}
