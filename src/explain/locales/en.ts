import {
  exclusionCounts,
  formatNumber,
  location,
  plain,
  pointer,
  quote,
  repEntries,
} from "./shared";
import type { Messages } from "./types";

const NONE = "(none)";

/** `1 candidate`, `2 candidates`. */
function n(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? NONE : items.join(", ");
}

function rep(id: string | undefined): string {
  return id === undefined ? NONE : plain(id);
}

function queue(id: string | undefined): string {
  return id === undefined ? NONE : quote(id);
}

function rule(id: string): string {
  return `rule ${quote(id)}`;
}

function covers(values: readonly string[]): string {
  return values.length === 0 ? "covers none" : `covers ${list(values.map(quote))}`;
}

const matchers = {
  territory: "territory",
  industry: "industry",
  tier: "tier",
  country: "country",
  region: "region",
  source: "source",
  when: "condition",
} satisfies Messages["matchers"];

const tieBreaks = {
  owned: "fewest open customers",
  least_recently_assigned: "least recently assigned",
  member_order: "member order",
} satisfies Messages["tieBreaks"];

const exclusionLabels = {
  inactive: "inactive",
  out_of_territory: "out of territory",
  industry_not_covered: "industry not covered",
  tier_not_covered: "tier not covered",
  release_cooldown: "release cool-down",
  time_off: "time off",
  outside_working_hours: "outside working hours",
  daily_cap_reached: "daily cap reached",
  weekly_cap_reached: "weekly cap reached",
  owned_cap_reached: "owned-customer cap reached",
} satisfies Messages["exclusionLabels"];

const target: Messages["target"] = (t) =>
  t.pool !== undefined
    ? `pool ${quote(t.pool)}`
    : t.rep !== undefined
      ? `rep ${plain(t.rep)}`
      : `queue ${queue(t.queue)}`;

/** `time off ×2, daily cap reached ×1`, in the order the filters run. */
function excludedSummary(counts: Parameters<typeof exclusionCounts>[0]): string {
  return list(exclusionCounts(counts).map(([code, count]) => `${exclusionLabels[code]} ×${count}`));
}

/** English text (the default locale). */
export const en = {
  list,
  none: NONE,

  header: (customerId, outcome, context) =>
    `Customer ${plain(customerId)} → ${outcome}${context.length > 0 ? ` (${context.join(", ")})` : ""}`,
  outcomes: {
    assigned: (f) => `assigned to ${rep(f.repId)}`,
    kept: (f) => `kept by ${rep(f.repId)}`,
    account_owner: (f) => `assigned to account owner ${rep(f.repId)}`,
    queued: (f) => `queued in ${queue(f.queue)}`,
    conflict: (f) => `conflict, nobody assigned, queued in ${queue(f.queue)}`,
  },
  rule,
  ruleSet: (id, revision) =>
    `rule set ${plain(id)}${revision === null ? "" : `@${plain(revision)}`}`,
  decided: (at, tier) =>
    `Decided at ${at}; ${
      tier === null
        ? "no tier"
        : `tier ${plain(tier.id)} (${tier.source === "given" ? "given" : "computed"})`
    }`,

  ownershipSteps: {
    protected_owner: (o) =>
      `Owner ${rep(o.owner)} is protected until ${o.protectedUntil ?? NONE}: the customer stays with them`,
    kept_owner: (o) =>
      `Owner ${rep(o.owner)} keeps the customer: protection is over, but current owners are kept`,
    owner_released_by_rules: (o) =>
      `Owner ${rep(o.owner)}'s protection is over and current owners are not kept: the rules decide again`,
    owner_inactive: (o) =>
      `Previous owner ${rep(o.owner)} is inactive: the customer is routed afresh`,
    owner_not_in_roster: (o) =>
      `Previous owner ${rep(o.owner)} is no longer in the roster: the customer is routed afresh`,
    account_owner: (o) =>
      `${rep(o.owner)} owns account ${rep(o.accountId)}${
        o.accountCustomers === undefined ? "" : ` (${o.accountCustomers} of its customers)`
      }: the account relationship decides`,
  },
  queueReasons: {
    no_rule_matched: (f) => `no rule matched; sent to the fallback queue ${queue(f.queue)}`,
    no_eligible_rep: () => "no rep was eligible in the target of any rule tried",
    rule_targets_queue: (f) =>
      `${f.ruleId === undefined ? "the rule" : rule(f.ruleId)} sends its customers to queue ${queue(f.queue)}`,
    unique_conflict: () => "several rules matched under hit policy unique, so nobody was assigned",
    evaluation_error: () => "an error occurred while evaluating this customer",
  },
  queued: (reason) => `Why queued: ${reason}`,
  error: (message) => `Evaluation error: ${message}`,

  winner: (ruleId, reason) => `Rule ${quote(ruleId)} chosen: ${reason}`,
  winReasons: {
    first_match: "the first matching rule in declared order",
    highest_priority: "the highest priority among the matching rules",
    declared_order: "tied on priority with another matching rule and declared first",
    unique_match: "the only matching rule (hit policy unique)",
    next_rule: "an earlier matching rule had no eligible rep, so the next one was tried",
  },

  rulesHeading: "Rules evaluated:",
  matchers,
  ruleMatched: (ruleId, priority) =>
    `✓ ${quote(ruleId)}${priority === undefined ? "" : ` (priority ${formatNumber(priority)})`} matched`,
  ruleMissed: (ruleId, priority, matcher, value) => {
    const head = `✗ ${quote(ruleId)}${priority === undefined ? "" : ` (priority ${formatNumber(priority)})`}`;
    if (matcher === "when") {
      return `${head}: condition not met${value === undefined ? "" : ` (result: ${value})`}`;
    }
    return `${head}: ${matchers[matcher]} not matched${value === undefined ? "" : ` (customer's value: ${value})`}`;
  },
  rulesNotEvaluated: (count, more) =>
    `${n(count, more ? "more rule" : "rule")} not evaluated (they cannot match this customer, or the decision was already made)`,

  target,
  attempt: (ruleId, target, c) =>
    `Tried ${rule(ruleId)} → ${target}: ${n(c.candidates, "candidate")}, ${c.eligible} eligible, ${c.excluded} excluded`,
  exclusionLabels,
  excludedCounts: (counts) => `excluded: ${excludedSummary(counts)}`,
  excludedRep: (repId, reason) => `excluded ${plain(repId)}: ${reason}`,
  eligibleReps: (repIds) => `eligible: ${list(repIds.map(plain))}`,
  reasons: {
    inactive: (d) => (d.notInRoster ? "not in the roster" : "inactive"),
    out_of_territory: (d) =>
      `outside their territories (${list(d.territories.map(quote))}); customer at ${
        location(d.customer).map(plain).join(" / ") || NONE
      }`,
    industry_not_covered: (d) =>
      d.industry === null
        ? `customer has no industry; rep ${covers(d.industries)}`
        : `industry ${quote(d.industry)} not covered; rep ${covers(d.industries)}`,
    tier_not_covered: (d) =>
      d.tier === null
        ? `customer has no tier; rep ${covers(d.tiers)}`
        : `tier ${quote(d.tier)} not covered; rep ${covers(d.tiers)}`,
    release_cooldown: (d) => `in release cool-down for this customer until ${d.until}`,
    time_off: (d) => `time off until ${d.to}`,
    outside_working_hours: (d) =>
      `outside working hours (${plain(d.timezone)}), ${
        d.nextStart === null ? "no working hours ahead" : `back at ${d.nextStart}`
      }`,
    daily_cap_reached: (d) => `daily cap ${d.count}/${d.limit}`,
    weekly_cap_reached: (d) => `weekly cap ${d.count}/${d.limit}`,
    owned_cap_reached: (d) => `owned-customer cap ${d.count}/${d.limit}`,
    already_owner: () => "already the owner",
    protected_by_owner: (d) => `protected by owner ${plain(d.owner)} until ${d.until}`,
    owned_by_other: (d) =>
      `owned by ${plain(d.owner)}, who keeps it after protection${
        d.until === null ? "" : `; back in the public pool at ${d.until} if nothing happens`
      }`,
    account_owned_by_other: (d) => `the account is owned by ${plain(d.owner)} (collision)`,
    new_in_pool_cooldown: (d) => `just returned to the public pool; claimable from ${d.until}`,
    claim_limit_reached: (d) => `daily claim limit ${d.count}/${d.limit}`,
    not_owner: (d) =>
      d.owner === undefined
        ? "not the owner"
        : `not the owner (owner: ${d.owner === null ? "nobody, in the public pool" : plain(d.owner)})`,
  },

  strategies: {
    "round-robin": (p) =>
      `Round-robin picked ${plain(p.repId)}: pointer ${
        p.pointerBefore === null ? "(start)" : pointer(p.pointerBefore)
      } → ${pointer(p.pointerAfter)}${
        p.skipped === undefined || p.skipped.length === 0
          ? ""
          : `; skipped ${list(p.skipped.map(plain))} (not eligible)`
      }`,
    weighted: (p) =>
      `Weighted rotation picked ${plain(p.repId)}${
        p.levelsBefore === undefined
          ? ""
          : `: levels before ${list(repEntries(p.levelsBefore, formatNumber))}; after ${list(
              repEntries(p.levelsAfter, formatNumber),
            )}`
      }`,
    "least-loaded": (p) =>
      `Least-loaded picked ${plain(p.repId)}: ${
        p.owned === undefined ? "" : `open customers ${list(repEntries(p.owned, String))}; `
      }decided by ${tieBreaks[p.tieBreak]}`,
    sticky: (p) =>
      `Sticky hashing of ${quote(p.key)} picked ${plain(p.repId)} (highest score)${
        p.scores === undefined ? "" : `: ${list(repEntries(p.scores, String))}`
      }`,
    fixed: (p) => `Fixed rep ${plain(p.repId)}`,
  },
  tieBreaks,

  conflictsHeading: "Conflicts:",
  conflicts: {
    rule_overlap: (c) =>
      c.resolution === "nobody_assigned"
        ? `Rule overlap: rules ${list(c.ruleIds.map(quote))} all matched (hit policy ${c.hitPolicy}); nobody assigned`
        : `Rule overlap: rules ${list(c.ruleIds.map(quote))} matched${
            c.priority === null ? "" : ` with equal priority ${formatNumber(c.priority)}`
          }; resolved by declared order, ${c.winner === null ? NONE : quote(c.winner)} wins`,
    protected_owner: (c) =>
      `Protected owner: ${rule(c.ruleId)} would send the customer to ${target(c.target)}, but ${plain(
        c.owner,
      )} is protected until ${c.protectedUntil}`,
    duplicate_in_batch: (c) =>
      `Duplicate in batch (collision): account ${plain(c.accountId)} already came with customer ${plain(
        c.firstCustomerId,
      )} in this batch`,
    claim_collision: (c) =>
      `Claim collision: ${plain(c.repId)} expected version ${c.expectedVersion}, but the owner changed at version ${
        c.changedAtVersion
      } (now ${c.owner === null ? "in the public pool" : plain(c.owner)})`,
    no_eligible_rep: (c) =>
      c.candidates === 0
        ? `No eligible rep: ${rule(c.ruleId)} → ${target(c.target)} has no candidates`
        : `No eligible rep: ${rule(c.ruleId)} → ${target(c.target)}: all ${n(
            c.candidates,
            "candidate",
          )} excluded (${excludedSummary(c.excluded)})`,
  },
} satisfies Messages;
