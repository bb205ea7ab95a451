import { toIso } from "../time";
import type { EligibilityFilter } from "./types";

/** A rep on time off (half-open `[from, to)`) gets nothing, when the rule set respects time off. */
export const timeOff: EligibilityFilter<"time_off"> = {
  code: "time_off",
  scope: "rep",
  readsState: false,
  applies: (rep, ruleSet) => ruleSet.availability.respectTimeOff && rep.timeOff.length > 0,
  // The next start or end of any period: the answer (and which period it names) holds until then.
  stableUntil({ rep, at }) {
    let until = Number.POSITIVE_INFINITY;
    for (const off of rep.timeOff) {
      if (off.from > at && off.from < until) until = off.from;
      if (off.to > at && off.to < until) until = off.to;
    }
    return until;
  },
  check({ rep, at, ruleSet }) {
    if (!ruleSet.availability.respectTimeOff) return undefined;
    for (const off of rep.timeOff) {
      if (at >= off.from && at < off.to) return { from: toIso(off.from), to: toIso(off.to) };
    }
    return undefined;
  },
};
