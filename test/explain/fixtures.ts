import type { Explanation } from "../../src/explain/types";

/** Assigned through a round-robin pool, summary detail: counts per exclusion reason. */
export const assignedRoundRobin: Explanation = {
  ruleSet: { id: "acme-cn", revision: "2026-11-27.1" },
  customerId: "c-17",
  decidedAt: "2026-11-27T01:30:00.000Z",
  detail: "summary",
  outcome: "assigned",
  repId: "wang",
  ruleId: "key-accounts",
  strategy: "round-robin",
  tier: { id: "A", source: "given" },
  rules: [
    { ruleId: "vip", priority: 20, matched: false, failed: { matcher: "tier" } },
    { ruleId: "key-accounts", priority: 10, matched: true },
  ],
  rulesNotEvaluated: 2,
  winner: { ruleId: "key-accounts", reason: "highest_priority" },
  attempts: [
    {
      ruleId: "key-accounts",
      target: { pool: "east-key" },
      candidates: 4,
      eligible: 2,
      excludedCounts: { time_off: 1, daily_cap_reached: 1 },
      pick: {
        strategy: "round-robin",
        repId: "wang",
        pointerBefore: { repId: "li", index: 0 },
        pointerAfter: { repId: "wang", index: 2 },
        skipped: ["zhao"],
      },
    },
  ],
  conflicts: [],
};

/** Queued: the chosen rule's pool had nobody eligible; full detail with every excluded rep. */
export const queuedNoEligibleFull: Explanation = {
  ruleSet: { id: "acme-cn", revision: "2026-11-27.1" },
  customerId: "c-9",
  decidedAt: "2026-11-28T14:00:00.000Z",
  detail: "full",
  outcome: "queued",
  queue: "unassigned",
  queueReason: "no_eligible_rep",
  tier: { id: "B", source: "computed" },
  rules: [
    {
      ruleId: "north-smb",
      priority: 0,
      matched: false,
      failed: {
        matcher: "territory",
        value: { country: "CN", region: "CN-SH", postalCode: null, territories: ["east"] },
      },
    },
    { ruleId: "east-all", priority: 0, matched: true },
    { ruleId: "vip-only", priority: 0, matched: false, failed: { matcher: "when", value: false } },
  ],
  rulesNotEvaluated: 0,
  winner: { ruleId: "east-all", reason: "first_match" },
  attempts: [
    {
      ruleId: "east-all",
      target: { pool: "east" },
      candidates: 6,
      eligible: 0,
      excludedCounts: {
        inactive: 1,
        out_of_territory: 1,
        time_off: 1,
        outside_working_hours: 1,
        daily_cap_reached: 1,
        release_cooldown: 1,
      },
      excluded: [
        { repId: "zhou", code: "inactive", details: { notInRoster: true } },
        {
          repId: "sun",
          code: "out_of_territory",
          details: {
            territories: ["north"],
            customer: { country: "CN", region: "CN-SH", postalCode: null },
          },
        },
        { repId: "wu", code: "release_cooldown", details: { until: "2026-12-05T00:00:00.000Z" } },
        {
          repId: "zhao",
          code: "time_off",
          details: { from: "2026-11-26T00:00:00.000Z", to: "2026-12-03T00:00:00.000Z" },
        },
        {
          repId: "qian",
          code: "outside_working_hours",
          details: { timezone: "Asia/Shanghai", nextStart: "2026-11-30T01:00:00.000Z" },
        },
        { repId: "li", code: "daily_cap_reached", details: { count: 30, limit: 30 } },
      ],
      eligibleReps: [],
    },
  ],
  conflicts: [
    {
      type: "no_eligible_rep",
      customerId: "c-9",
      ruleId: "east-all",
      target: { pool: "east" },
      candidates: 6,
      excluded: {
        inactive: 1,
        out_of_territory: 1,
        time_off: 1,
        outside_working_hours: 1,
        daily_cap_reached: 1,
        release_cooldown: 1,
      },
    },
  ],
};

/** Kept by the protected owner although a rule would route the customer elsewhere. */
export const keptProtected: Explanation = {
  ruleSet: { id: "acme-cn", revision: "2026-11-27.1" },
  customerId: "c-3",
  decidedAt: "2026-11-27T02:00:00.000Z",
  detail: "summary",
  outcome: "kept",
  repId: "wang",
  tier: null,
  ownership: { step: "protected_owner", owner: "wang", protectedUntil: "2026-12-11T02:00:00.000Z" },
  rules: [{ ruleId: "smb-west", priority: 0, matched: true }],
  rulesNotEvaluated: 3,
  attempts: [],
  conflicts: [
    {
      type: "protected_owner",
      customerId: "c-3",
      owner: "wang",
      protectedUntil: "2026-12-11T02:00:00.000Z",
      ruleId: "smb-west",
      target: { pool: "west-smb" },
    },
  ],
};

/** Given to the owner of the customer's account; a second customer of the account in the batch. */
export const accountOwner: Explanation = {
  ruleSet: { id: "acme-cn", revision: null },
  customerId: "c-21",
  decidedAt: "2026-11-27T03:00:00.000Z",
  detail: "summary",
  outcome: "account_owner",
  repId: "zhao",
  tier: { id: "A", source: "computed" },
  ownership: {
    step: "account_owner",
    owner: "zhao",
    accountId: "acme-holdings",
    accountCustomers: 3,
  },
  rules: [],
  rulesNotEvaluated: 4,
  attempts: [],
  conflicts: [
    {
      type: "duplicate_in_batch",
      customerId: "c-21",
      accountId: "acme-holdings",
      firstCustomerId: "c-20",
    },
  ],
};

/** Two rules of equal priority matched: declared order decides; a weighted pool picks. */
export const ruleOverlap: Explanation = {
  ruleSet: { id: "acme-cn", revision: "2026-11-27.1" },
  customerId: "c-30",
  decidedAt: "2026-11-27T04:00:00.000Z",
  detail: "summary",
  outcome: "assigned",
  repId: "li",
  ruleId: "retail-east",
  strategy: "weighted",
  tier: null,
  rules: [
    { ruleId: "retail-east", priority: 5, matched: true },
    { ruleId: "shanghai", priority: 5, matched: true },
  ],
  rulesNotEvaluated: 1,
  winner: { ruleId: "retail-east", reason: "declared_order" },
  attempts: [
    {
      ruleId: "retail-east",
      target: { pool: "retail" },
      candidates: 3,
      eligible: 3,
      excludedCounts: {},
      pick: {
        strategy: "weighted",
        repId: "li",
        levelsBefore: { wang: 0.2, li: 0.6000000000000001, qian: -0.8 },
        levelsAfter: { wang: 0.4, li: -0.19999999999999996, qian: -0.2 },
      },
    },
  ],
  conflicts: [
    {
      type: "rule_overlap",
      customerId: "c-30",
      ruleIds: ["retail-east", "shanghai"],
      priority: 5,
      hitPolicy: "priority",
      resolution: "declared_order",
      winner: "retail-east",
    },
  ],
};

/** A custom operator threw: the customer is queued with the error, the batch goes on. */
export const evaluationError: Explanation = {
  ruleSet: { id: "acme-cn", revision: "2026-11-27.1" },
  customerId: "c-44",
  decidedAt: "2026-11-27T05:00:00.000Z",
  detail: "full",
  outcome: "queued",
  queue: "unassigned",
  queueReason: "evaluation_error",
  tier: null,
  rules: [],
  rulesNotEvaluated: 0,
  attempts: [],
  conflicts: [],
  error: { message: 'custom operator "crm_score" threw:\n  timeout after 200ms' },
};
