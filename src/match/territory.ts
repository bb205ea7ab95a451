import type { Customer } from "../schema/customer";
import type { RuleSet } from "../schema/rule-set";
import { compilePatternSet, matchesPatternSet, type PatternSet } from "./patterns";

/** One territory flattened: the union of its own areas and those of the territories it includes. */
export interface CompiledTerritory {
  readonly countries: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  /** Postal patterns valid in any country. */
  readonly postal: PatternSet;
  /** Postal patterns scoped to one country (`CN:51*`). */
  readonly scopedPostal: ReadonlyMap<string, PatternSet>;
  /** This territory's bit in {@link TerritoryIndex.insideMask} (0 past the first 30). */
  readonly bit: number;
}

/** Territories that get a bit of the membership mask, in declared order. */
const MASK_TERRITORIES = 30;

export interface TerritoryIndex {
  readonly byName: ReadonlyMap<string, CompiledTerritory>;
  /** Is the customer inside the named territory? Unknown names contain nobody. */
  contains(name: string, customer: Customer): boolean;
  /** Names of all territories containing the customer, in declared order. */
  of(customer: Customer): string[];
  /** The bits of the first 30 territories containing the customer (see `CompiledTerritory.bit`). */
  insideMask(customer: Customer): number;
}

/** Flatten every territory of a rule set (includes resolved; cycles were refused at parse time). */
export function compileTerritories(ruleSet: RuleSet): TerritoryIndex {
  const byName = new Map<string, CompiledTerritory>();
  const names = Object.keys(ruleSet.territories);
  const closure = (name: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n) || !Object.hasOwn(ruleSet.territories, n)) continue;
      seen.add(n);
      out.push(n);
      for (const inc of ruleSet.territories[n]?.include ?? []) stack.push(inc);
    }
    return out;
  };
  const masked: CompiledTerritory[] = [];
  for (const name of names) {
    const countries = new Set<string>();
    const regions = new Set<string>();
    const anyPostal: string[] = [];
    const scoped = new Map<string, string[]>();
    for (const part of closure(name)) {
      const t = ruleSet.territories[part]!;
      for (const c of t.countries ?? []) countries.add(c.toUpperCase());
      for (const r of t.regions ?? []) regions.add(r.toUpperCase());
      for (const p of t.postalCodes ?? []) {
        const m = /^([A-Za-z]{2}):(.*)$/.exec(p);
        if (m) {
          const country = m[1]!.toUpperCase();
          const list = scoped.get(country) ?? [];
          list.push(m[2]!);
          scoped.set(country, list);
        } else anyPostal.push(p);
      }
    }
    const scopedPostal = new Map<string, PatternSet>();
    for (const [country, list] of scoped) scopedPostal.set(country, compilePatternSet(list));
    const bit = masked.length < MASK_TERRITORIES ? 1 << masked.length : 0;
    const compiled = {
      countries,
      regions,
      postal: compilePatternSet(anyPostal),
      scopedPostal,
      bit,
    };
    byName.set(name, compiled);
    if (bit !== 0) masked.push(compiled);
  }
  const contains = (name: string, customer: Customer): boolean => {
    const t = byName.get(name);
    return t !== undefined && territoryContains(t, customer);
  };
  const insideMask = (customer: Customer): number => {
    let mask = 0;
    for (const t of masked) if (territoryContains(t, customer)) mask |= t.bit;
    return mask;
  };
  return {
    byName,
    contains,
    of: (customer) => names.filter((n) => contains(n, customer)),
    insideMask,
  };
}

/** Membership test of one flattened territory. */
export function territoryContains(t: CompiledTerritory, customer: Customer): boolean {
  if (customer.country !== undefined && t.countries.has(customer.country)) return true;
  if (customer.region !== undefined && t.regions.has(customer.region)) return true;
  const code = customer.postalCode;
  if (code !== undefined) {
    if (matchesPatternSet(t.postal, code)) return true;
    if (customer.country !== undefined) {
      const scoped = t.scopedPostal.get(customer.country);
      if (scoped && matchesPatternSet(scoped, code)) return true;
    }
  }
  return false;
}
