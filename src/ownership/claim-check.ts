/**
 * The ordered claim checks of DESIGN §7, shared by `claim` (may the rep take it now?) and
 * `lookup` (and if not, from when?). The first failing check is the reason.
 */
import { FILTERS } from "../eligibility";
import type { EligibilityInput } from "../eligibility/types";
import type { RepInfo } from "../engine/roster";
import type { CustomerState } from "../schema/state";
import { addHours, dayKey, isoWeekKey, toIso } from "../time";
import type { Op, ResolvedCustomer } from "./common";
import { instant, isProtected, releaseAt } from "./protection";
import type { ClaimDenialReason, Denial } from "./types";

/** What one check looks at. `current` may differ from the state's record (lookup's hypothetical sweep). */
interface ClaimCase {
  readonly op: Op;
  readonly subject: ResolvedCustomer;
  readonly current: CustomerState | undefined;
  readonly repId: string;
  readonly at: number;
}

type Check = (c: ClaimCase, rep: RepInfo) => Denial<ClaimDenialReason> | undefined;

function eligibilityInput(c: ClaimCase, rep: RepInfo): EligibilityInput {
  const tz = c.op.ruleSet.timezone;
  return {
    rep,
    customer: c.subject.customer,
    tier: c.subject.tier,
    customerState: c.current,
    at: c.at,
    dayKey: dayKey(c.at, tz),
    weekKey: isoWeekKey(c.at, tz),
    ruleSet: c.op.ruleSet,
    territories: c.op.compiled.territories,
    state: c.op.state,
  };
}

const alreadyOwner: Check = (c) =>
  c.current?.owner === c.repId ? { reason: "already_owner", details: {} } : undefined;

/** Another rep's protected customer is theirs; after protection, `keepCurrentOwner` keeps it until the sweep. */
const ownedByOther: Check = (c) => {
  const cur = c.current;
  if (!cur || cur.owner === null || cur.owner === c.repId) return undefined;
  if (isProtected(cur, c.at)) {
    return {
      reason: "protected_by_owner",
      details: { owner: cur.owner, until: cur.protectedUntil! },
    };
  }
  if (!c.op.ruleSet.ownership.keepCurrentOwner) return undefined;
  const release = releaseAt(cur, c.op.ruleSet);
  return {
    reason: "owned_by_other",
    details: { owner: cur.owner, until: release === undefined ? null : toIso(release) },
  };
};

/**
 * With `accountExclusive`, another rep owning a customer of the same account blocks the claim
 * (撞单). This customer itself is left out: its own owner was judged by the check before.
 */
const accountOwnedByOther: Check = (c) => {
  const accountId = c.subject.customer.accountId;
  if (!c.op.ruleSet.ownership.accountExclusive || accountId === undefined) return undefined;
  const owners = c.op.state.accountOwners(accountId);
  if (!owners) return undefined;
  const self = c.op.state.customer(c.subject.id);
  let best: { owner: string; count: number } | undefined;
  for (const [owner, total] of owners) {
    if (owner === c.repId) continue;
    const count = total - (self?.owner === owner && self.accountId === accountId ? 1 : 0);
    if (count <= 0) continue;
    if (!best || count > best.count || (count === best.count && owner < best.owner))
      best = { owner, count };
  }
  return best ? { reason: "account_owned_by_other", details: { owner: best.owner } } : undefined;
};

/** The rep's coverage (territories, industries, tiers), as in pool eligibility. */
const coverage: Check = (c, rep) => {
  const input = eligibilityInput(c, rep);
  const territory = FILTERS.out_of_territory.check(input);
  if (territory) return { reason: "out_of_territory", details: territory };
  const industry = FILTERS.industry_not_covered.check(input);
  if (industry) return { reason: "industry_not_covered", details: industry };
  const tier = FILTERS.tier_not_covered.check(input);
  if (tier) return { reason: "tier_not_covered", details: tier };
  return undefined;
};

/** A rep may not take back a customer they released (or had reclaimed) before the cool-down ends. */
const releaseCooldown: Check = (c, rep) => {
  const details = FILTERS.release_cooldown.check(eligibilityInput(c, rep));
  return details ? { reason: "release_cooldown", details } : undefined;
};

/** A customer that returned to the pool is claimable by anyone only `newInPoolCooldownHours` later. */
const newInPoolCooldown: Check = (c) => {
  const hours = c.op.ruleSet.ownership.claims.newInPoolCooldownHours;
  const since = instant(c.current?.inPoolSince);
  if (c.current?.owner !== null || since === undefined || hours <= 0) return undefined;
  const until = addHours(since, hours);
  return c.at < until
    ? { reason: "new_in_pool_cooldown", details: { until: toIso(until) } }
    : undefined;
};

/** Claims per calendar day (rule set time zone) against `claims.dailyLimit`. */
const claimLimit: Check = (c) => {
  const limit = c.op.ruleSet.ownership.claims.dailyLimit;
  if (limit === undefined) return undefined;
  const s = c.op.state.rep(c.repId);
  const count = s.claimDay === dayKey(c.at, c.op.ruleSet.timezone) ? s.claimCount : 0;
  return count >= limit ? { reason: "claim_limit_reached", details: { count, limit } } : undefined;
};

const ownedCap: Check = (c, rep) => {
  const details = FILTERS.owned_cap_reached.check(eligibilityInput(c, rep));
  return details ? { reason: "owned_cap_reached", details } : undefined;
};

/** The checks after `inactive`, in DESIGN order. */
const CHECKS: readonly Check[] = [
  alreadyOwner,
  ownedByOther,
  accountOwnedByOther,
  coverage,
  releaseCooldown,
  newInPoolCooldown,
  claimLimit,
  ownedCap,
];

/**
 * The first reason `repId` may not claim the customer at `at`, or undefined when the claim is
 * granted. `current` is the customer's record to judge (the state's, or a hypothetical one).
 * Pure: reads the working state, changes nothing.
 */
export function checkClaim(
  op: Op,
  subject: ResolvedCustomer,
  current: CustomerState | undefined,
  repId: string,
  at: number,
): Denial<ClaimDenialReason> | undefined {
  const rep = op.roster.byId.get(repId);
  if (rep === undefined) return { reason: "inactive", details: { notInRoster: true } };
  if (!rep.active) return { reason: "inactive", details: {} };
  const c: ClaimCase = { op, subject, current, repId, at };
  for (const check of CHECKS) {
    const denial = check(c, rep);
    if (denial) return denial;
  }
  return undefined;
}
