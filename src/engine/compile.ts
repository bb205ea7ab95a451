import { type CompiledLogic, type CustomOperators, compileLogic } from "../logic";
import { MATCHER_ORDER, MATCHERS } from "../match/matchers";
import { compileTerritories, type TerritoryIndex } from "../match/territory";
import type { MatcherKey, MatchFacts } from "../match/types";
import type { Rule, RuleSet } from "../schema/rule-set";
import { RuleIndex } from "./rule-index";

export interface CompiledMatcher {
  readonly key: MatcherKey;
  readonly test: (facts: MatchFacts) => boolean;
}

export interface CompiledRule {
  readonly rule: Rule;
  /** Position in the declared order. */
  readonly index: number;
  readonly matchers: readonly CompiledMatcher[];
  readonly when: CompiledLogic | undefined;
}

/** A rule set turned into closures once, at `createRouter` time. */
export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  readonly territories: TerritoryIndex;
  /** Rules in the order the hit policy considers them (priority: highest first, ties declared order). */
  readonly ordered: readonly CompiledRule[];
  /**
   * Typed-matcher index over `ordered`, so a customer meets only the rules that can match it
   * (`summary` explanations); undefined walks every rule (the reference the index is tested against).
   */
  readonly index: RuleIndex | undefined;
  readonly tiers: readonly { id: string; when: CompiledLogic }[];
  readonly exempt: CompiledLogic | undefined;
  readonly poolSelectors: ReadonlyMap<string, CompiledLogic>;
  readonly operators: CustomOperators | undefined;
}

/** Compile a parsed rule set: matchers, conditions and territories become closures and sets. */
export function compileRuleSet(
  ruleSet: RuleSet,
  operators: CustomOperators | undefined,
): CompiledRuleSet {
  const territories = compileTerritories(ruleSet);
  const ctx = { ruleSet, territories };
  const rules: CompiledRule[] = ruleSet.rules.map((rule, index) => {
    const matchers: CompiledMatcher[] = [];
    for (const key of MATCHER_ORDER) {
      const values = rule.match?.[key];
      if (values !== undefined) matchers.push({ key, test: MATCHERS[key].compile(values, ctx) });
    }
    return {
      rule,
      index,
      matchers,
      when: rule.when === undefined ? undefined : compileLogic(rule.when, operators),
    };
  });
  const ordered =
    ruleSet.hitPolicy === "priority"
      ? [...rules].sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
      : rules;
  const poolSelectors = new Map<string, CompiledLogic>();
  for (const [name, pool] of Object.entries(ruleSet.pools)) {
    if (!Array.isArray(pool.members) && pool.members.when !== undefined) {
      poolSelectors.set(name, compileLogic(pool.members.when, operators));
    }
  }
  return {
    ruleSet,
    territories,
    ordered,
    index: new RuleIndex(ordered, territories),
    tiers: (ruleSet.tiers ?? []).map((t) => ({ id: t.id, when: compileLogic(t.when, operators) })),
    exempt:
      ruleSet.ownership.exempt === undefined
        ? undefined
        : compileLogic(ruleSet.ownership.exempt, operators),
    poolSelectors,
    operators,
  };
}
