/**
 * Every public code of the library, listed once. Docs and locale tables are checked against
 * these lists by tests, so a new code cannot ship undocumented.
 */

/** Outcomes of `assign` decisions. */
export const OUTCOMES = ["assigned", "kept", "account_owner", "queued", "conflict"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Why a rep was not eligible for a customer, in the order the filters run. */
export const EXCLUSION_CODES = [
  "inactive",
  "out_of_territory",
  "industry_not_covered",
  "tier_not_covered",
  "release_cooldown",
  "time_off",
  "outside_working_hours",
  "daily_cap_reached",
  "weekly_cap_reached",
  "owned_cap_reached",
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

/** Conflict types reported by `assign` and the ownership operations. */
export const CONFLICT_TYPES = [
  "rule_overlap",
  "protected_owner",
  "duplicate_in_batch",
  "claim_collision",
  "no_eligible_rep",
] as const;
export type ConflictType = (typeof CONFLICT_TYPES)[number];

/** Why a customer ended in a queue instead of with a rep. */
export const QUEUE_REASONS = [
  "no_rule_matched",
  "no_eligible_rep",
  "rule_targets_queue",
  "unique_conflict",
  "evaluation_error",
] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];

/** Why the winning rule won. */
export const WIN_REASONS = [
  "first_match",
  "highest_priority",
  "declared_order",
  "unique_match",
  "next_rule",
] as const;
export type WinReason = (typeof WIN_REASONS)[number];

/** What the ownership step of the pipeline decided. */
export const OWNERSHIP_STEPS = [
  "protected_owner",
  "kept_owner",
  "owner_released_by_rules",
  "owner_inactive",
  "owner_not_in_roster",
  "account_owner",
] as const;
export type OwnershipStep = (typeof OWNERSHIP_STEPS)[number];

/** Why a claim was denied (DESIGN §7), in the order the checks run. */
export const DENIAL_REASONS = [
  "inactive",
  "already_owner",
  "protected_by_owner",
  "owned_by_other",
  "account_owned_by_other",
  "out_of_territory",
  "industry_not_covered",
  "tier_not_covered",
  "release_cooldown",
  "new_in_pool_cooldown",
  "claim_limit_reached",
  "owned_cap_reached",
  "not_owner",
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];
