import type { ExclusionDetailsByCode } from "../../eligibility/types";
import type { MatcherKey } from "../../match/types";
import type { Target } from "../../schema/rule-set";
import type {
  ConflictType,
  DenialReason,
  ExclusionCode,
  Outcome,
  OwnershipStep,
  QueueReason,
  WinReason,
} from "../codes";
import type { Attempt, ConflictOf, Explanation } from "../types";

/** The facts behind each claim-denial reason that is not also an exclusion code (DESIGN §7). */
interface DenialOnlyDetails {
  already_owner: Record<string, never>;
  protected_by_owner: { owner: string; until: string };
  /** `until`: when `sweep` would return the customer to the pool; null when no sweep is configured. */
  owned_by_other: { owner: string; until: string | null };
  account_owned_by_other: { owner: string };
  new_in_pool_cooldown: { until: string };
  claim_limit_reached: { count: number; limit: number };
  not_owner: { owner?: string | null };
}

/** Every reason a rep can be excluded from a pool or denied a claim. */
export type ReasonCode = ExclusionCode | DenialReason;

/**
 * The facts behind each reason code: the exclusion details for codes shared with eligibility,
 * the denial details otherwise. Indexing `DenialOnlyDetails` by every denial-only code makes a
 * new denial reason without details a compile error.
 */
export type ReasonDetailsByCode = {
  [C in ReasonCode]: C extends ExclusionCode
    ? ExclusionDetailsByCode[C]
    : DenialOnlyDetails[Exclude<C, ExclusionCode>];
};

/** The strategy's pick as recorded in an attempt. */
export type AttemptPick = NonNullable<Attempt["pick"]>;
/** The pick of one strategy (or of a fixed rep target). */
export type PickOf<S extends AttemptPick["strategy"]> = Extract<AttemptPick, { strategy: S }>;
/** What the ownership step of the pipeline recorded. */
export type OwnershipFacts = NonNullable<Explanation["ownership"]>;
/** The criteria of the least-loaded tie-break chain. */
export type TieBreak = PickOf<"least-loaded">["tieBreak"];

/**
 * One locale's text, the zod way: one entry per message, and one function per code of every
 * code list, keyed by the code type so that a code without a message is a compile error.
 * Entries return one line (or a fragment of one) without trailing punctuation or newlines.
 */
export interface Messages {
  /** Joins list items: `a, b` / `a、b`. */
  list(items: readonly string[]): string;
  /** Stands for a missing value. */
  none: string;

  /** The first line: customer, outcome, and the context (rule, rule set) in parentheses. */
  header(customerId: string, outcome: string, context: readonly string[]): string;
  outcomes: {
    [O in Outcome]: (f: { repId: string | undefined; queue: string | undefined }) => string;
  };
  rule(ruleId: string): string;
  ruleSet(id: string, revision: string | null): string;
  /** The decision time and the customer's tier. */
  decided(at: string, tier: Explanation["tier"]): string;

  ownershipSteps: { [S in OwnershipStep]: (o: OwnershipFacts) => string };
  queueReasons: {
    [Q in QueueReason]: (f: { queue: string | undefined; ruleId: string | undefined }) => string;
  };
  /** Introduces the queue reason. */
  queued(reason: string): string;
  error(message: string): string;

  winner(ruleId: string, reason: string): string;
  winReasons: { [W in WinReason]: string };

  rulesHeading: string;
  matchers: { [K in MatcherKey | "when"]: string };
  /** `priority` is undefined when no rule of the trace has a priority other than 0. */
  ruleMatched(ruleId: string, priority: number | undefined): string;
  /** `value` is the customer's value (or the condition's result), undefined in summaries. */
  ruleMissed(
    ruleId: string,
    priority: number | undefined,
    matcher: MatcherKey | "when",
    value: string | undefined,
  ): string;
  /** Rules skipped once the decision was made; `more` when evaluated rules were listed before. */
  rulesNotEvaluated(count: number, more: boolean): string;

  target(target: Target): string;
  attempt(
    ruleId: string,
    target: string,
    counts: { candidates: number; eligible: number; excluded: number },
  ): string;
  /** Short label of an exclusion code, used with counts in summaries. */
  exclusionLabels: { [C in ExclusionCode]: string };
  /** The excluded reps counted per reason, in filter order: `excluded: time off ×2, …`. */
  excludedCounts(counts: Readonly<Partial<Record<ExclusionCode, number>>>): string;
  excludedRep(repId: string, reason: string): string;
  eligibleReps(repIds: readonly string[]): string;
  /** The facts behind one exclusion or claim denial, without the rep. */
  reasons: { [C in ReasonCode]: (details: ReasonDetailsByCode[C]) => string };

  /** One line per pick; without the per-rep records (summary) it states the scalar facts only. */
  strategies: { [S in AttemptPick["strategy"]]: (pick: PickOf<S>) => string };
  tieBreaks: { [T in TieBreak]: string };

  conflictsHeading: string;
  conflicts: { [T in ConflictType]: (conflict: ConflictOf<T>) => string };
}
