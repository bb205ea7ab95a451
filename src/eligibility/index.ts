import type { RepInfo } from "../engine/roster";
import type { ExclusionCode } from "../explain/codes";
import { EXCLUSION_CODES } from "../explain/codes";
import type { RuleSet } from "../schema/rule-set";
import { dailyCapReached, ownedCapReached, weeklyCapReached } from "./caps";
import { inactive } from "./inactive";
import { industryNotCovered } from "./industry-not-covered";
import { outOfTerritory } from "./out-of-territory";
import { outsideWorkingHours } from "./outside-working-hours";
import { releaseCooldown } from "./release-cooldown";
import { tierNotCovered } from "./tier-not-covered";
import { timeOff } from "./time-off";
import type { EligibilityFilter, EligibilityInput, Exclusion } from "./types";

export type {
  EligibilityFilter,
  EligibilityInput,
  Exclusion,
  ExclusionDetailsByCode,
} from "./types";

/** One filter per exclusion code; adding a code is one module plus one entry here. */
export const FILTERS = {
  inactive,
  out_of_territory: outOfTerritory,
  industry_not_covered: industryNotCovered,
  tier_not_covered: tierNotCovered,
  release_cooldown: releaseCooldown,
  time_off: timeOff,
  outside_working_hours: outsideWorkingHours,
  daily_cap_reached: dailyCapReached,
  weekly_cap_reached: weeklyCapReached,
  owned_cap_reached: ownedCapReached,
} satisfies { [C in ExclusionCode]: EligibilityFilter<C> };

const ORDERED: readonly EligibilityFilter[] = EXCLUSION_CODES.map(
  (c) => FILTERS[c] as EligibilityFilter,
);

type RepFilter = Extract<EligibilityFilter, { scope: "rep" }>;

/** A `rep` filter of one rep, with its last answer and the times it holds for. */
interface RepSlot {
  readonly filter: RepFilter;
  /** The filter's position in {@link EXCLUSION_CODES}. */
  readonly order: number;
  /** The answer holds for decision times in `[from, until)` (empty until first asked). */
  from: number;
  until: number;
  exclusion: Exclusion | undefined;
}

/**
 * One rep's eligibility filters for one call: those that can exclude it ({@link
 * EligibilityFilter.applies}), split by scope, in {@link EXCLUSION_CODES} order; the `rep`
 * filters keep their last answer so that {@link exclusionOf} re-runs one only when it may have
 * changed (time passed its `stableUntil`, or {@link RepChecks.stateChanged}).
 */
export interface RepChecks {
  readonly customer: readonly EligibilityFilter[];
  /** The position of each `customer` filter in {@link EXCLUSION_CODES}. */
  readonly customerOrder: readonly number[];
  readonly rep: readonly RepSlot[];
  /** Call when the rep's state (counters, owned customers) changed: drops what depends on it. */
  stateChanged(): void;
}

/** The checks of `rep` under `ruleSet` (built once per rep per call). */
export function repChecks(rep: RepInfo, ruleSet: RuleSet): RepChecks {
  const customer: EligibilityFilter[] = [];
  const customerOrder: number[] = [];
  const slots: RepSlot[] = [];
  ORDERED.forEach((f, order) => {
    if (!f.applies(rep, ruleSet)) return;
    if (f.scope === "rep")
      slots.push({ filter: f, order, from: 0, until: 0, exclusion: undefined });
    else {
      customer.push(f);
      customerOrder.push(order);
    }
  });
  const stateful = slots.filter((slot) => slot.filter.readsState);
  return {
    customer,
    customerOrder,
    rep: slots,
    stateChanged() {
      for (const slot of stateful) slot.until = Number.NEGATIVE_INFINITY;
    },
  };
}

/**
 * The first filter `input.rep` fails, in {@link EXCLUSION_CODES} order, or undefined when the rep
 * is eligible: the same answer as running every filter afresh, with each `rep` filter's answer
 * reused while it holds (test/eligibility/cache.test.ts compares the two). The returned
 * exclusion may be shared with earlier answers for this rep: copy it before handing it out.
 */
export function exclusionOf(checks: RepChecks, input: EligibilityInput): Exclusion | undefined {
  let fromRep: Exclusion | undefined;
  let limit: number = EXCLUSION_CODES.length;
  const slots = checks.rep;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (input.at < slot.from || input.at >= slot.until) {
      const details = slot.filter.check(input);
      slot.exclusion =
        details === undefined
          ? undefined
          : ({ repId: input.rep.id, code: slot.filter.code, details } as Exclusion);
      slot.from = input.at;
      slot.until = slot.filter.stableUntil(input);
    }
    if (slot.exclusion !== undefined) {
      fromRep = slot.exclusion;
      limit = slot.order;
      break;
    }
  }
  // A customer filter decides only if it comes before the rep filter that failed.
  const customer = checks.customer;
  const customerOrder = checks.customerOrder;
  for (let i = 0; i < customer.length; i++) {
    const f = customer[i]!;
    if (customerOrder[i]! > limit) break;
    const details = f.check(input);
    if (details !== undefined) return { repId: input.rep.id, code: f.code, details } as Exclusion;
  }
  return fromRep;
}
