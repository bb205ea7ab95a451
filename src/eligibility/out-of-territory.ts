import type { EligibilityFilter } from "./types";

/** A rep with territory coverage only takes customers inside one of those territories. */
export const outOfTerritory: EligibilityFilter<"out_of_territory"> = {
  code: "out_of_territory",
  scope: "customer",
  applies: (rep) => rep.territories !== undefined,
  check({ rep, customer, territories }) {
    if (rep.territories === undefined) return undefined;
    for (const t of rep.territories) if (territories.contains(t, customer)) return undefined;
    return {
      territories: rep.territories,
      customer: {
        country: customer.country ?? null,
        region: customer.region ?? null,
        postalCode: customer.postalCode ?? null,
      },
    };
  },
};
