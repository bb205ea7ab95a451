import { isWithinWorkingHours, nextWorkingStart, toIso, workingHoursStableUntil } from "../time";
import type { EligibilityFilter } from "./types";

/** A rep with working hours gets customers only inside them, in the rep's own time zone. */
export const outsideWorkingHours: EligibilityFilter<"outside_working_hours"> = {
  code: "outside_working_hours",
  scope: "rep",
  readsState: false,
  applies: (rep, ruleSet) =>
    ruleSet.availability.respectWorkingHours && rep.workingHours !== undefined,
  // Outside hours, a next start found is also past the stable span, so `nextStart` holds too.
  // None found looks only 8 days ahead of `at`, so that answer is not reused.
  stableUntil({ rep, at }) {
    const hours = rep.workingHours;
    if (hours === undefined) return Number.POSITIVE_INFINITY;
    if (
      !isWithinWorkingHours(at, hours, rep.timezone) &&
      nextWorkingStart(at, hours, rep.timezone) === undefined
    ) {
      return at + 1;
    }
    return workingHoursStableUntil(at, hours, rep.timezone);
  },
  check({ rep, at, ruleSet }) {
    if (!ruleSet.availability.respectWorkingHours || rep.workingHours === undefined)
      return undefined;
    if (isWithinWorkingHours(at, rep.workingHours, rep.timezone)) return undefined;
    const next = nextWorkingStart(at, rep.workingHours, rep.timezone);
    return { timezone: rep.timezone, nextStart: next === undefined ? null : toIso(next) };
  },
};
