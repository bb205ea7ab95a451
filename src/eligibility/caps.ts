import { dayKeyStableUntil, weekKeyStableUntil } from "../time";
import type { EligibilityFilter } from "./types";

/** Assignments today (calendar day in the rule set's time zone) against the rep's daily cap. */
export const dailyCapReached: EligibilityFilter<"daily_cap_reached"> = {
  code: "daily_cap_reached",
  scope: "rep",
  readsState: true,
  applies: (rep) => rep.perDay !== undefined,
  // The count starts again when the day key changes.
  stableUntil: ({ at, ruleSet }) => dayKeyStableUntil(at, ruleSet.timezone),
  check({ rep, state, dayKey }) {
    if (rep.perDay === undefined) return undefined;
    const s = state.rep(rep.id);
    const count = s.day === dayKey ? s.dayCount : 0;
    return count >= rep.perDay ? { count, limit: rep.perDay } : undefined;
  },
};

/** Assignments this ISO week (in the rule set's time zone) against the rep's weekly cap. */
export const weeklyCapReached: EligibilityFilter<"weekly_cap_reached"> = {
  code: "weekly_cap_reached",
  scope: "rep",
  readsState: true,
  applies: (rep) => rep.perWeek !== undefined,
  stableUntil: ({ at, ruleSet }) => weekKeyStableUntil(at, ruleSet.timezone),
  check({ rep, state, weekKey }) {
    if (rep.perWeek === undefined) return undefined;
    const s = state.rep(rep.id);
    const count = s.week === weekKey ? s.weekCount : 0;
    return count >= rep.perWeek ? { count, limit: rep.perWeek } : undefined;
  },
};

/** Customers the rep owns now against `capacity.owned`. */
export const ownedCapReached: EligibilityFilter<"owned_cap_reached"> = {
  code: "owned_cap_reached",
  scope: "rep",
  readsState: true,
  applies: (rep) => rep.ownedCap !== undefined,
  stableUntil: () => Number.POSITIVE_INFINITY,
  check({ rep, state }) {
    if (rep.ownedCap === undefined) return undefined;
    const count = state.ownedCount(rep.id);
    return count >= rep.ownedCap ? { count, limit: rep.ownedCap } : undefined;
  },
};
