import type { EligibilityFilter } from "./types";

/** A rep with tier coverage only takes customers of those tiers. */
export const tierNotCovered: EligibilityFilter<"tier_not_covered"> = {
  code: "tier_not_covered",
  scope: "customer",
  applies: (rep) => rep.tiers !== undefined,
  check({ rep, tier }) {
    if (rep.tiers === undefined) return undefined;
    if (tier !== undefined && rep.tiers.has(tier)) return undefined;
    return { tiers: rep.rep.tiers ?? [], tier: tier ?? null };
  },
};
