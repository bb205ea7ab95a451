import { compilePatternSet, matchesPatternSet } from "./patterns";
import { territoryContains } from "./territory";
import type { Matcher, MatcherKey, MatchFacts } from "./types";

const territory: Matcher = {
  key: "territory",
  compile(values, ctx) {
    const compiled = values
      .map((v) => ctx.territories.byName.get(v))
      .filter((t) => t !== undefined);
    // One bitwise test when every territory of the rule has a bit; the customer's bits are
    // computed once per customer (a full walk meets a territory matcher in most rules).
    const mask = compiled.every((t) => t.bit !== 0)
      ? compiled.reduce((bits, t) => bits | t.bit, 0)
      : 0;
    if (mask === 0) return ({ customer }) => compiled.some((t) => territoryContains(t, customer));
    const { territories } = ctx;
    return (facts) => {
      facts.territoryMask ??= territories.insideMask(facts.customer);
      return (facts.territoryMask & mask) !== 0;
    };
  },
  value: ({ customer }, ctx) => ({
    country: customer.country ?? null,
    region: customer.region ?? null,
    postalCode: customer.postalCode ?? null,
    territories: ctx.territories.of(customer),
  }),
};

const industry: Matcher = {
  key: "industry",
  compile(values) {
    const set = compilePatternSet(values);
    return ({ customer }) =>
      customer.industry !== undefined && matchesPatternSet(set, customer.industry);
  },
  value: ({ customer }) => customer.industry ?? null,
};

/** A matcher comparing one customer field exactly against a list (case-folded when asked). */
const exactField = (
  key: MatcherKey,
  read: (f: MatchFacts) => string | undefined,
  upper = false,
): Matcher => ({
  key,
  compile(values) {
    const set = new Set(upper ? values.map((v) => v.toUpperCase()) : values);
    return (facts) => {
      const v = read(facts);
      return v !== undefined && set.has(v);
    };
  },
  value: (facts) => read(facts) ?? null,
});

/**
 * The typed matchers, in evaluation order: the first failing one is the one explanations report.
 * Adding a matcher is one entry here plus its key in the rule-set schema.
 */
export const MATCHERS = {
  territory,
  industry,
  tier: exactField("tier", (f) => f.tier),
  country: exactField("country", (f) => f.customer.country, true),
  region: exactField("region", (f) => f.customer.region, true),
  source: exactField("source", (f) => f.customer.source),
} satisfies Record<MatcherKey, Matcher>;

export const MATCHER_ORDER = Object.keys(MATCHERS) as MatcherKey[];
