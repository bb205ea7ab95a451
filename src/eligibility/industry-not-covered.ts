import { matchesPatternSet } from "../match/patterns";
import type { EligibilityFilter } from "./types";

/** A rep with industry coverage only takes customers of those industries (exact or `5112*` prefix). */
export const industryNotCovered: EligibilityFilter<"industry_not_covered"> = {
  code: "industry_not_covered",
  scope: "customer",
  applies: (rep) => rep.industries !== undefined,
  check({ rep, customer }) {
    if (rep.industries === undefined) return undefined;
    if (customer.industry !== undefined && matchesPatternSet(rep.industries, customer.industry))
      return undefined;
    return { industries: rep.rep.industries ?? [], industry: customer.industry ?? null };
  },
};
