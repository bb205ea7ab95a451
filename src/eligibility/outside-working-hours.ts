import { isWithinWorkingHours, nextWorkingStart, toIso, workingHoursStableUntil } from "../time";
import type { EligibilityFilter } from "./types";

/** A rep with working hours gets customers only inside them, in the rep's own time zone. */
export const outsideWorkingHours: EligibilityFilter<"outside_working_hours"> = {
  code: "outside_working_hours",
  scope: "rep",
  readsState: false,
  applies: (rep, ruleSet) =>
    ruleSet.availability.respectWorkingHours && rep.workingHours !== undefined,
  // Outside hours, the next start is also the end of the stable span, so `nextStart` holds too.
  stableUntil: ({ rep, at }) =>
    rep.workingHours === undefined
      ? Number.POSITIVE_INFINITY
      : workingHoursStableUntil(at, rep.workingHours, rep.timezone),
  check({ rep, at, ruleSet }) {
    if (!ruleSet.availability.respectWorkingHours || rep.workingHours === undefined)
      return undefined;
    if (isWithinWorkingHours(at, rep.workingHours, rep.timezone)) return undefined;
    const next = nextWorkingStart(at, rep.workingHours, rep.timezone);
    return { timezone: rep.timezone, nextStart: next === undefined ? null : toIso(next) };
  },
};
