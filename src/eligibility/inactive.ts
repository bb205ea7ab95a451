import type { EligibilityFilter } from "./types";

/** An inactive rep gets nothing new. (A pool member missing from the roster is excluded as inactive too.) */
export const inactive: EligibilityFilter<"inactive"> = {
  code: "inactive",
  scope: "rep",
  readsState: false,
  applies: (rep) => !rep.active,
  stableUntil: () => Number.POSITIVE_INFINITY,
  check: ({ rep }) => (rep.active ? undefined : {}),
};
