import {
  isWithinWorkingHours,
  nextWorkingStart,
  toIso,
  type WorkingWindow,
  workingHoursStableUntil,
} from "../time";
import type { EligibilityFilter } from "./types";

/** Whether `hours` hold at `at`, the next start when they do not, and how long that stays so. */
interface Answer {
  readonly at: number;
  readonly hours: readonly WorkingWindow[];
  readonly zone: string;
  readonly within: boolean;
  readonly next: number | undefined;
  until: number | undefined;
}

/**
 * The last answer. Reps of a team share their hours (one frozen list, see prepareRoster), and
 * the members of a pool are asked at the same moment, so most answers are the previous one.
 * Kept only for frozen lists: a list that could change is always computed afresh.
 */
let last: Answer | undefined;

function answer(at: number, hours: readonly WorkingWindow[], zone: string): Answer {
  if (last !== undefined && last.at === at && last.hours === hours && last.zone === zone)
    return last;
  const within = isWithinWorkingHours(at, hours, zone);
  const fresh: Answer = {
    at,
    hours,
    zone,
    within,
    next: within ? at : nextWorkingStart(at, hours, zone),
    until: undefined,
  };
  if (Object.isFrozen(hours)) last = fresh;
  return fresh;
}

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
    const a = answer(at, hours, rep.timezone);
    if (!a.within && a.next === undefined) return at + 1;
    a.until ??= workingHoursStableUntil(at, hours, rep.timezone);
    return a.until;
  },
  check({ rep, at, ruleSet }) {
    if (!ruleSet.availability.respectWorkingHours || rep.workingHours === undefined)
      return undefined;
    const a = answer(at, rep.workingHours, rep.timezone);
    if (a.within) return undefined;
    return { timezone: rep.timezone, nextStart: a.next === undefined ? null : toIso(a.next) };
  },
};
