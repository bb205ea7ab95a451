import { toIso } from "../time";
import type { EligibilityFilter } from "./types";

/** A rep on time off (half-open `[from, to)`) gets nothing, when the rule set respects time off. */
export const timeOff: EligibilityFilter<"time_off"> = {
  code: "time_off",
  check({ rep, at, ruleSet }) {
    if (!ruleSet.availability.respectTimeOff) return undefined;
    for (const off of rep.timeOff) {
      if (at >= off.from && at < off.to) return { from: toIso(off.from), to: toIso(off.to) };
    }
    return undefined;
  },
};
