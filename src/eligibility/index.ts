import type { ExclusionCode } from "../explain/codes";
import { EXCLUSION_CODES } from "../explain/codes";
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

/** The first filter a rep fails, in {@link EXCLUSION_CODES} order, or undefined when eligible. */
export function firstExclusion(input: EligibilityInput): Exclusion | undefined {
  for (const f of ORDERED) {
    const details = f.check(input);
    if (details !== undefined) return { repId: input.rep.id, code: f.code, details } as Exclusion;
  }
  return undefined;
}
