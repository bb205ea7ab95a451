import type { RepInfo } from "../engine/roster";
import type { WorkingState } from "../engine/working-state";
import type { ExclusionCode } from "../explain/codes";
import type { TerritoryIndex } from "../match/territory";
import type { Customer } from "../schema/customer";
import type { RuleSet } from "../schema/rule-set";
import type { CustomerState } from "../schema/state";

/** Everything a filter may look at for one (customer, rep) pair. */
export interface EligibilityInput {
  readonly rep: RepInfo;
  readonly customer: Customer;
  readonly tier: string | undefined;
  readonly customerState: CustomerState | undefined;
  /** Decision time (epoch ms). */
  readonly at: number;
  /** Calendar day and ISO week of the decision time in the rule set's time zone. */
  readonly dayKey: string;
  readonly weekKey: string;
  readonly ruleSet: RuleSet;
  readonly territories: TerritoryIndex;
  readonly state: WorkingState;
}

/** The facts behind each exclusion, shown in full explanations. */
export interface ExclusionDetailsByCode {
  inactive: { notInRoster?: true };
  out_of_territory: {
    territories: readonly string[];
    customer: { country: string | null; region: string | null; postalCode: string | null };
  };
  industry_not_covered: { industries: readonly string[]; industry: string | null };
  tier_not_covered: { tiers: readonly string[]; tier: string | null };
  release_cooldown: { until: string };
  time_off: { from: string; to: string };
  outside_working_hours: { timezone: string; nextStart: string | null };
  daily_cap_reached: { count: number; limit: number };
  weekly_cap_reached: { count: number; limit: number };
  owned_cap_reached: { count: number; limit: number };
}

interface FilterBase<C extends ExclusionCode> {
  readonly code: C;
  /**
   * Whether this filter can ever exclude `rep` under `ruleSet` (no coverage list, no cap, no
   * working hours… means it cannot). Asked once per rep per call, so a decision runs only the
   * filters that can matter; must be true whenever `check` could return details for this rep.
   */
  applies(rep: RepInfo, ruleSet: RuleSet): boolean;
  /** The facts of the exclusion, or undefined when the rep passes. */
  check(input: EligibilityInput): ExclusionDetailsByCode[C] | undefined;
}

/**
 * One eligibility filter, one per exclusion code. A `customer` filter depends on the customer
 * and is checked for every (customer, rep) pair. A `rep` filter does not look at the customer:
 * it reads the rep, the time and (when `readsState`) the rep's own counters and owned count, and
 * its answer holds from `at` until `stableUntil` while those are unchanged — so the engine checks
 * it again only when the time passes that point or the state reports a change for the rep.
 */
export type EligibilityFilter<C extends ExclusionCode = ExclusionCode> = FilterBase<C> &
  (
    | { readonly scope: "customer" }
    | {
        readonly scope: "rep";
        /** Whether the answer depends on the rep's state (counters, owned customers). */
        readonly readsState: boolean;
        /** An instant after `input.at` up to which the answer holds; `Infinity` for ever. */
        stableUntil(input: EligibilityInput): number;
      }
  );

/** A rep left out of a pool's selection, with the reason. */
export type Exclusion = {
  [C in ExclusionCode]: { repId: string; code: C; details: ExclusionDetailsByCode[C] };
}[ExclusionCode];
