import type { Customer } from "../schema/customer";
import type { Matchers, RuleSet } from "../schema/rule-set";
import type { TerritoryIndex } from "./territory";

/** What typed matchers look at: the validated customer and its resolved tier. */
export interface MatchFacts {
  readonly customer: Customer;
  readonly tier: string | undefined;
  /**
   * The customer's territory bits (`TerritoryIndex.insideMask`), filled by the territory
   * matcher on first need: a walk over every rule (full explanations) tests many territories.
   */
  territoryMask?: number;
}

export interface MatcherContext {
  readonly ruleSet: RuleSet;
  readonly territories: TerritoryIndex;
}

export type MatcherKey = keyof Matchers;

/** A typed matcher: compiled once per rule, then a cheap predicate per customer. */
export interface Matcher {
  readonly key: MatcherKey;
  compile(values: readonly string[], ctx: MatcherContext): (facts: MatchFacts) => boolean;
  /** The customer's value, shown in explanations when the matcher fails. */
  value(facts: MatchFacts, ctx: MatcherContext): unknown;
}
