import { compilePattern } from "../match/patterns";
import type { CompiledTerritory, TerritoryIndex } from "../match/territory";
import { territoryContains } from "../match/territory";
import type { MatcherKey, MatchFacts } from "../match/types";
import type { Matchers } from "../schema/rule-set";

/** The part of a compiled rule the index looks at. */
export interface IndexableRule {
  readonly rule: { readonly match?: Matchers | undefined };
}

/**
 * The matchers the index can look up, in the order its tries branch on them: single-valued
 * customer fields first, so a missing value prunes a trie before the wider kinds fan out.
 */
const KINDS = ["region", "country", "source", "tier", "territory", "industry"] as const;
type Kind = (typeof KINDS)[number];

/** One bit per matcher, for the "already known to hold" mask of each filed rule. */
export const MATCHER_BIT: Readonly<Record<MatcherKey, number>> = {
  territory: 1,
  industry: 2,
  tier: 4,
  country: 8,
  region: 16,
  source: 32,
};

/** A rule's keys are the product of its matchers' values; past this many, wide kinds are dropped. */
const MAX_KEYS_PER_RULE = 64;

/**
 * The lookup keys of one matcher's values, or undefined when they cannot be looked up (an
 * industry range). Industry keys are tagged (`=` exact, `*` prefix) so the two never collide.
 */
function ruleKeys(kind: Kind, values: readonly string[]): readonly string[] | undefined {
  switch (kind) {
    case "industry": {
      const keys: string[] = [];
      for (const v of values) {
        const p = compilePattern(v);
        if (p.kind === "exact") keys.push(`=${p.value}`);
        else if (p.kind === "prefix") keys.push(`*${p.prefix}`);
        else return undefined;
      }
      return keys;
    }
    // The matchers compare country and region upper-cased (customers are normalized so).
    case "country":
    case "region":
      return values.map((v) => v.toUpperCase());
    default:
      return values;
  }
}

/** A trie level: children by key; at the last level of a combination, the rules filed there. */
interface TrieNode {
  readonly next: Map<string, TrieNode>;
  readonly rules: number[];
}

const node = (): TrieNode => ({ next: new Map(), rules: [] });

/** The rules keyed on one combination of matcher kinds. */
interface Combination {
  readonly kinds: readonly Kind[];
  readonly root: TrieNode;
}

/**
 * The rules of one customer that the index could not rule out, as positions in hit-policy order,
 * ascending and without repeats; a lazy k-way merge of the lists the customer hits, so a walk
 * that stops at the first match pays only for the candidates before it.
 */
export class CandidateWalk {
  private readonly lists: readonly (readonly number[])[];
  private readonly heads: number[];

  /** @param lists ascending position lists (a position may appear in several). */
  constructor(lists: readonly (readonly number[])[]) {
    this.lists = lists;
    this.heads = lists.map(() => 0);
  }

  /** The next candidate position, or -1 when none is left. */
  next(): number {
    const { lists, heads } = this;
    const n = lists.length;
    if (n === 1) {
      const list = lists[0]!;
      const h = heads[0]!;
      if (h >= list.length) return -1;
      heads[0] = h + 1;
      return list[h]!;
    }
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = lists[i]![heads[i]!];
      if (v !== undefined && v < best) best = v;
    }
    if (best === Number.POSITIVE_INFINITY) return -1;
    // Advance every list standing on it: a rule filed under two keys the customer has is met once.
    for (let i = 0; i < n; i++) if (lists[i]![heads[i]!] === best) heads[i]! += 1;
    return best;
  }
}

/**
 * An index of a rule set's typed matchers. Each rule is filed under the combination of its
 * matchers that can be looked up (territory names, industry codes and prefixes, region, country,
 * source, tier values), once per combination of its values (dropping the widest matchers past
 * {@link MAX_KEYS_PER_RULE} keys); rules with none (no typed matcher, or only industry ranges)
 * are always candidates. A customer looks up its own values in each combination, so it meets
 * only rules whose indexed matchers all hold. Sound by construction: a rule left out fails a
 * matcher, so it cannot match. Candidates come in hit-policy order. Immutable once built.
 */
export class RuleIndex {
  /**
   * For each rule (by position), the {@link MATCHER_BIT}s of the matchers its filing already
   * checked: a candidate met through the index passes them, so the walk need not test them
   * again (which matcher fails first is unchanged, since a passing one never does).
   */
  readonly known: readonly number[];
  private readonly always: readonly number[];
  private readonly combinations: readonly Combination[];
  /** Which kinds some combination uses, so a customer computes only the keys it needs. */
  private readonly used: ReadonlySet<Kind>;
  /** Industry prefix lengths present, ascending: a code is looked up only at those. */
  private readonly prefixLengths: readonly number[];
  /** Territory lookup for customers: by country, by region, and the few with postal patterns. */
  private readonly territoriesByCountry = new Map<string, string[]>();
  private readonly territoriesByRegion = new Map<string, string[]>();
  private readonly postalTerritories: readonly (readonly [string, CompiledTerritory])[];

  /** Index `ordered` (rules in hit-policy order); positions refer to that array. */
  constructor(ordered: readonly IndexableRule[], territories: TerritoryIndex) {
    const always: number[] = [];
    const known: number[] = [];
    const byMask = new Map<string, Combination>();
    const lengths = new Set<number>();
    const territoryNames = new Set<string>();
    ordered.forEach((r, pos) => {
      const chosen: { kind: Kind; keys: readonly string[] }[] = [];
      for (const kind of KINDS) {
        const values = r.rule.match?.[kind];
        if (values === undefined) continue;
        const keys = ruleKeys(kind, values);
        if (keys !== undefined) chosen.push({ kind, keys });
      }
      // Bound the keys of one rule: drop the matcher with the most values until small enough.
      while (
        chosen.length > 1 &&
        chosen.reduce((n, c) => n * c.keys.length, 1) > MAX_KEYS_PER_RULE
      ) {
        let widest = 0;
        for (let i = 1; i < chosen.length; i++)
          if (chosen[i]!.keys.length > chosen[widest]!.keys.length) widest = i;
        chosen.splice(widest, 1);
      }
      known.push(chosen.reduce((bits, c) => bits | MATCHER_BIT[c.kind], 0));
      if (chosen.length === 0) {
        always.push(pos);
        return;
      }
      const name = chosen.map((c) => c.kind).join(",");
      let combo = byMask.get(name);
      if (combo === undefined) {
        combo = { kinds: chosen.map((c) => c.kind), root: node() };
        byMask.set(name, combo);
      }
      for (const c of chosen) {
        if (c.kind === "territory") for (const t of c.keys) territoryNames.add(t);
        if (c.kind === "industry")
          for (const k of c.keys) if (k.startsWith("*")) lengths.add(k.length - 1);
      }
      file(combo.root, chosen, 0, pos);
    });
    this.always = always;
    this.known = known;
    this.combinations = [...byMask.values()];
    this.used = new Set(this.combinations.flatMap((c) => c.kinds));
    this.prefixLengths = [...lengths].sort((a, b) => a - b);
    const postal: [string, CompiledTerritory][] = [];
    // Only territories some rule is filed under matter; declared order keeps this deterministic.
    for (const [name, t] of territories.byName) {
      if (!territoryNames.has(name)) continue;
      for (const c of t.countries) fileName(this.territoriesByCountry, c, name);
      for (const r of t.regions) fileName(this.territoriesByRegion, r, name);
      if (t.postal.exact.size > 0 || t.postal.others.length > 0 || t.scopedPostal.size > 0)
        postal.push([name, t]);
    }
    this.postalTerritories = postal;
  }

  /** The candidate rules of one customer, walked lazily in hit-policy order. */
  candidates(facts: MatchFacts): CandidateWalk {
    const lists: (readonly number[])[] = [];
    if (this.always.length > 0) lists.push(this.always);
    if (this.combinations.length > 0) {
      const keys = this.customerKeys(facts);
      for (const combo of this.combinations) collect(combo.root, combo.kinds, 0, keys, lists);
    }
    return new CandidateWalk(lists);
  }

  /** The customer's lookup keys for each kind in use (none for a missing value). */
  private customerKeys(facts: MatchFacts): Readonly<Record<Kind, readonly string[]>> {
    const { customer } = facts;
    const one = (v: string | undefined): readonly string[] => (v === undefined ? NONE : [v]);
    const code = customer.industry;
    const industry =
      code !== undefined && this.used.has("industry") ? this.industryKeys(code) : NONE;
    return {
      region: one(customer.region),
      country: one(customer.country),
      source: one(customer.source),
      tier: one(facts.tier),
      territory: this.used.has("territory") ? this.territoriesOf(facts) : NONE,
      industry,
    };
  }

  /**
   * The lookup keys of an industry code: the code itself and its prefixes at the lengths rules
   * use. Remembered per code: the same strings come back, so the trie's maps find them by their
   * cached hash instead of hashing fresh strings. What is remembered is bounded in characters
   * ({@link REMEMBERED_KEY_CHARS}; codes come from customers, who may send anything): past it,
   * everything is dropped and learned again.
   */
  private industryKeys(code: string): readonly string[] {
    const known = this.keysByCode.get(code);
    if (known !== undefined) return known;
    const out = [`=${code}`];
    let chars = code.length + 1;
    for (const len of this.prefixLengths) {
      if (len > code.length) break;
      out.push(`*${code.slice(0, len)}`);
      chars += len + 1;
    }
    if (this.keyChars + chars > REMEMBERED_KEY_CHARS) {
      this.keysByCode.clear();
      this.keyChars = 0;
    }
    this.keysByCode.set(code, out);
    this.keyChars += chars;
    return out;
  }

  private readonly keysByCode = new Map<string, readonly string[]>();
  private keyChars = 0;

  /** Names of the indexed territories containing the customer (each once). */
  private territoriesOf(facts: MatchFacts): readonly string[] {
    const { customer } = facts;
    const byCountry =
      customer.country === undefined ? undefined : this.territoriesByCountry.get(customer.country);
    const byRegion =
      customer.region === undefined ? undefined : this.territoriesByRegion.get(customer.region);
    // The common case (areas listed as countries or regions only) allocates nothing.
    if (customer.postalCode === undefined || this.postalTerritories.length === 0) {
      if (byRegion === undefined) return byCountry ?? NONE;
      if (byCountry === undefined) return byRegion;
    }
    const out = new Set<string>(byCountry);
    for (const n of byRegion ?? NONE) out.add(n);
    if (customer.postalCode !== undefined) {
      for (const [name, t] of this.postalTerritories)
        if (!out.has(name) && territoryContains(t, customer)) out.add(name);
    }
    return [...out];
  }
}

const NONE: readonly string[] = [];

/** File rule `pos` under every combination of its keys, from level `depth` of the trie down. */
function file(
  at: TrieNode,
  chosen: readonly { kind: Kind; keys: readonly string[] }[],
  depth: number,
  pos: number,
): void {
  if (depth === chosen.length) {
    // Positions arrive ascending; a rule reaching one leaf twice (repeated values) is filed once.
    if (at.rules[at.rules.length - 1] !== pos) at.rules.push(pos);
    return;
  }
  for (const key of chosen[depth]!.keys) {
    let child = at.next.get(key);
    if (child === undefined) {
      child = node();
      at.next.set(key, child);
    }
    file(child, chosen, depth + 1, pos);
  }
}

/** Characters of industry lookup keys an index remembers (a bound on its memory, ~1 MB of text). */
const REMEMBERED_KEY_CHARS = 500_000;

/** Gather the non-empty rule lists the customer's keys reach in one combination's trie. */
function collect(
  at: TrieNode,
  kinds: readonly Kind[],
  depth: number,
  keys: Readonly<Record<Kind, readonly string[]>>,
  lists: (readonly number[])[],
): void {
  if (depth === kinds.length) {
    if (at.rules.length > 0) lists.push(at.rules);
    return;
  }
  for (const key of keys[kinds[depth]!]) {
    const child = at.next.get(key);
    if (child !== undefined) collect(child, kinds, depth + 1, keys, lists);
  }
}

/** Add `name` to the list `key` of `map`, once. */
function fileName(map: Map<string, string[]>, key: string, name: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [name]);
  else if (!list.includes(name)) list.push(name);
}
