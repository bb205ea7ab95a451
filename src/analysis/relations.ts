/**
 * Static set relations between typed matchers, for `analyzeRuleSet`: can two matchers both hold
 * for one customer (intersection), and does one hold whenever the other does (cover)? Both
 * answers are conservative in the direction that avoids false claims: `mayIntersect` says true
 * when unsure (an overlap is only a warning to check), `covers` says false when unsure (a rule
 * is only called shadowed when it certainly is).
 */
import { type CodePattern, compilePattern, matchesPattern } from "../match/patterns";
import type { CompiledTerritory, TerritoryIndex } from "../match/territory";
import type { MatcherKey } from "../match/types";
import type { Matchers } from "../schema/rule-set";

/** A union of areas: a customer is inside when one of its country, region or postal code matches. */
export interface Area {
  readonly countries: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  /** Postal patterns valid in any country. */
  readonly postal: readonly CodePattern[];
  /** Postal patterns scoped to one country. */
  readonly scoped: ReadonlyMap<string, readonly CodePattern[]>;
}

function patternsOf(set: CompiledTerritory["postal"]): CodePattern[] {
  return [...[...set.exact].map((value): CodePattern => ({ kind: "exact", value })), ...set.others];
}

/** The union of the named territories (already flattened by `compileTerritories`). */
export function areaOf(names: readonly string[], territories: TerritoryIndex): Area {
  const countries = new Set<string>();
  const regions = new Set<string>();
  const postal: CodePattern[] = [];
  const scoped = new Map<string, CodePattern[]>();
  for (const name of names) {
    const t = territories.byName.get(name);
    if (!t) continue;
    for (const c of t.countries) countries.add(c);
    for (const r of t.regions) regions.add(r);
    postal.push(...patternsOf(t.postal));
    for (const [country, set] of t.scopedPostal) {
      scoped.set(country, [...(scoped.get(country) ?? []), ...patternsOf(set)]);
    }
  }
  return { countries, regions, postal, scoped };
}

/** An area of countries only (a `country` matcher, or a rep covering whole countries). */
export function countryArea(countries: readonly string[]): Area {
  return {
    countries: new Set(countries.map((c) => c.toUpperCase())),
    regions: new Set(),
    postal: [],
    scoped: new Map(),
  };
}

/** An area of regions only (a `region` matcher). */
export function regionArea(regions: readonly string[]): Area {
  return {
    countries: new Set(),
    regions: new Set(regions.map((r) => r.toUpperCase())),
    postal: [],
    scoped: new Map(),
  };
}

/** Whether an area contains nobody. */
export function isEmptyArea(a: Area): boolean {
  return (
    a.countries.size === 0 && a.regions.size === 0 && a.postal.length === 0 && a.scoped.size === 0
  );
}

/** A region's country: customers' regions are always within their country (checked on input). */
const countryOfRegion = (region: string): string => region.slice(0, 2);

// ---- code patterns (industries, postal codes) ----

/** Can one code match both patterns? True when unsure. */
export function patternsMayIntersect(p: CodePattern, q: CodePattern): boolean {
  if (p.kind === "exact") return matchesPattern(q, p.value);
  if (q.kind === "exact") return matchesPattern(p, q.value);
  if (p.kind === "prefix" && q.kind === "prefix")
    return p.prefix.startsWith(q.prefix) || q.prefix.startsWith(p.prefix);
  if (p.kind === "range" && q.kind === "range" && p.numeric === q.numeric) {
    if (p.numeric) return Number(p.low) <= Number(q.high) && Number(q.low) <= Number(p.high);
    return p.low <= q.high && q.low <= p.high;
  }
  return true;
}

/** Does `outer` match every code `inner` matches? False when unsure. */
export function patternCovers(outer: CodePattern, inner: CodePattern): boolean {
  switch (inner.kind) {
    case "exact":
      return matchesPattern(outer, inner.value);
    case "prefix":
      return outer.kind === "prefix" && inner.prefix.startsWith(outer.prefix);
    case "range":
      if (outer.kind === "range" && outer.numeric === inner.numeric) {
        return inner.numeric
          ? Number(outer.low) <= Number(inner.low) && Number(inner.high) <= Number(outer.high)
          : outer.low <= inner.low && inner.high <= outer.high;
      }
      // Strings between two strings sharing a prefix share it too (not so for numeric ranges:
      // "0518100" is numerically inside 518000..518999).
      return (
        outer.kind === "prefix" &&
        !inner.numeric &&
        inner.low.startsWith(outer.prefix) &&
        inner.high.startsWith(outer.prefix)
      );
  }
}

const anyIntersect = (ps: readonly CodePattern[], qs: readonly CodePattern[]): boolean =>
  ps.some((p) => qs.some((q) => patternsMayIntersect(p, q)));

const allCovered = (outer: readonly CodePattern[], inner: readonly CodePattern[]): boolean =>
  inner.every((q) => outer.some((p) => patternCovers(p, q)));

// ---- areas ----

/** Can one customer be inside both areas? True when unsure. */
export function areasMayIntersect(a: Area, b: Area): boolean {
  return oneWay(a, b) || oneWay(b, a);
}

/** The intersections found looking from `a`'s side (called both ways). */
function oneWay(a: Area, b: Area): boolean {
  const bHasPlace = b.countries.size > 0 || b.regions.size > 0;
  for (const c of a.countries) {
    if (b.countries.has(c)) return true;
    if (b.scoped.has(c)) return true;
  }
  for (const r of a.regions) {
    if (b.regions.has(r) || b.countries.has(countryOfRegion(r))) return true;
    if (b.scoped.has(countryOfRegion(r))) return true;
  }
  // A postal pattern valid anywhere meets any place (a customer there may have that code).
  if (a.postal.length > 0 && bHasPlace) return true;
  if (anyIntersect(a.postal, b.postal)) return true;
  for (const [country, ps] of a.scoped) {
    if (anyIntersect(ps, b.postal)) return true;
    const qs = b.scoped.get(country);
    if (qs && anyIntersect(ps, qs)) return true;
  }
  return false;
}

/** Is every customer inside `inner` also inside `outer`? False when unsure. */
export function areaCovers(outer: Area, inner: Area): boolean {
  for (const c of inner.countries) if (!outer.countries.has(c)) return false;
  for (const r of inner.regions) {
    if (!outer.regions.has(r) && !outer.countries.has(countryOfRegion(r))) return false;
  }
  if (!allCovered(outer.postal, inner.postal)) return false;
  for (const [country, ps] of inner.scoped) {
    if (outer.countries.has(country)) continue;
    if (!allCovered([...outer.postal, ...(outer.scoped.get(country) ?? [])], ps)) return false;
  }
  return true;
}

// ---- matchers ----

/** What the relations need to know about a rule set. */
export interface RelationContext {
  readonly territories: TerritoryIndex;
}

interface MatcherRelation {
  /** Can a customer satisfy both value lists? */
  mayIntersect(a: readonly string[], b: readonly string[], ctx: RelationContext): boolean;
  /** Does every customer satisfying `inner` satisfy `outer`? */
  covers(outer: readonly string[], inner: readonly string[], ctx: RelationContext): boolean;
}

const exactList = (fold: (s: string) => string): MatcherRelation => ({
  mayIntersect(a, b) {
    const set = new Set(a.map(fold));
    return b.some((v) => set.has(fold(v)));
  },
  covers(outer, inner) {
    const set = new Set(outer.map(fold));
    return inner.every((v) => set.has(fold(v)));
  },
});

const identity = (s: string): string => s;
const upper = (s: string): string => s.toUpperCase();

/** One relation per typed matcher: adding a matcher without one is a compile error. */
export const MATCHER_RELATIONS = {
  territory: {
    mayIntersect: (a, b, ctx) =>
      areasMayIntersect(areaOf(a, ctx.territories), areaOf(b, ctx.territories)),
    covers: (outer, inner, ctx) =>
      inner.every((t) => outer.includes(t)) ||
      areaCovers(areaOf(outer, ctx.territories), areaOf(inner, ctx.territories)),
  },
  industry: {
    mayIntersect: (a, b) => anyIntersect(a.map(compilePattern), b.map(compilePattern)),
    covers: (outer, inner) => allCovered(outer.map(compilePattern), inner.map(compilePattern)),
  },
  tier: exactList(identity),
  country: exactList(upper),
  region: exactList(upper),
  source: exactList(identity),
} satisfies Record<MatcherKey, MatcherRelation>;

const MATCHER_KEYS = Object.keys(MATCHER_RELATIONS).filter((k): k is MatcherKey =>
  Object.hasOwn(MATCHER_RELATIONS, k),
);

/**
 * The typed matchers of two rules that may both hold, matcher by matcher (a matcher missing on
 * one side always holds). Returns the keys constrained on both sides, or undefined when some
 * matcher pair cannot intersect.
 */
export function matchersMayIntersect(
  a: Matchers | undefined,
  b: Matchers | undefined,
  ctx: RelationContext,
): MatcherKey[] | undefined {
  const shared: MatcherKey[] = [];
  for (const key of MATCHER_KEYS) {
    const x = a?.[key];
    const y = b?.[key];
    if (x === undefined || y === undefined) continue;
    if (!MATCHER_RELATIONS[key].mayIntersect(x, y, ctx)) return undefined;
    shared.push(key);
  }
  return shared;
}

/** Does every customer matching `inner`'s typed matchers match `outer`'s? */
export function matchersCover(
  outer: Matchers | undefined,
  inner: Matchers | undefined,
  ctx: RelationContext,
): boolean {
  for (const key of MATCHER_KEYS) {
    const x = outer?.[key];
    if (x === undefined) continue;
    const y = inner?.[key];
    if (y === undefined || !MATCHER_RELATIONS[key].covers(x, y, ctx)) return false;
  }
  return true;
}
