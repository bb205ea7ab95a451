import type { EligibilityFilter } from "./types";

/** A rep who released this customer (or had it reclaimed) may not take it back before the cool-down ends. */
export const releaseCooldown: EligibilityFilter<"release_cooldown"> = {
  code: "release_cooldown",
  scope: "customer",
  // Cool-downs are on the customer's record, so any rep may be in one.
  applies: () => true,
  check({ rep, customerState, at }) {
    const cooldowns = customerState?.cooldowns;
    if (!cooldowns || !Object.hasOwn(cooldowns, rep.id)) return undefined;
    const until = cooldowns[rep.id]!;
    return at < Date.parse(until) ? { until } : undefined;
  },
};
