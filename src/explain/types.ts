import type { Exclusion } from "../eligibility/types";
import type { MatcherKey } from "../match/types";
import type { HitPolicy, Target } from "../schema/rule-set";
import type { StrategyDetail, StrategyName } from "../strategies/types";
import type {
  ConflictType,
  ExclusionCode,
  Outcome,
  OwnershipStep,
  QueueReason,
  WinReason,
} from "./codes";

/** A conflict: two claims on one customer, reported as data with the facts behind it. */
export type Conflict =
  | {
      type: "rule_overlap";
      customerId: string;
      ruleIds: string[];
      priority: number | null;
      hitPolicy: HitPolicy;
      /** How it was resolved: the first declared rule won, or (hit policy `unique`) nobody was assigned. */
      resolution: "declared_order" | "nobody_assigned";
      winner: string | null;
    }
  | {
      type: "protected_owner";
      customerId: string;
      owner: string;
      protectedUntil: string;
      ruleId: string;
      target: Target;
    }
  | { type: "duplicate_in_batch"; customerId: string; accountId: string; firstCustomerId: string }
  | {
      type: "no_eligible_rep";
      customerId: string;
      ruleId: string;
      target: Target;
      candidates: number;
      excluded: Readonly<Partial<Record<ExclusionCode, number>>>;
    }
  | {
      type: "claim_collision";
      customerId: string;
      repId: string;
      owner: string | null;
      expectedVersion: number;
      changedAtVersion: number;
    };

/** Compile-time check that the union above covers exactly the listed conflict types. */
export type ConflictOf<T extends ConflictType> = Extract<Conflict, { type: T }>;

/** One rule as evaluated for a customer. */
export interface RuleTrace {
  ruleId: string;
  priority: number;
  matched: boolean;
  /** On a miss: the first failing matcher and the customer's value for it. */
  failed?: { matcher: MatcherKey | "when"; value?: unknown };
  /** A condition that threw while tracing a full explanation after the decision was made. */
  error?: string;
}

/** One try at finding a rep through a rule's target. */
export interface Attempt {
  ruleId: string;
  target: Target;
  /** Candidates considered (pool members, or the fixed rep). */
  candidates: number;
  eligible: number;
  /** Excluded reps counted per reason (always present). */
  excludedCounts: Readonly<Partial<Record<ExclusionCode, number>>>;
  /** Every excluded rep with its reason and facts (`explain: "full"` only). */
  excluded?: Exclusion[];
  /** Eligible rep ids in member order (`explain: "full"` only). */
  eligibleReps?: string[];
  /**
   * The strategy's pick, when a rep was found: its scalar facts always, its per-rep records
   * (round-robin `skipped`, weighted `levelsBefore`/`levelsAfter`, least-loaded `owned`, sticky
   * `scores`) only when the strategy ran in full detail.
   */
  pick?: StrategyDetail | { strategy: "fixed"; repId: string };
}

/** Why one customer went where it went: data, rendered by `formatExplanation`. */
export interface Explanation {
  ruleSet: { id: string; revision: string | null };
  customerId: string;
  decidedAt: string;
  detail: "summary" | "full";
  outcome: Outcome;
  repId?: string;
  queue?: string;
  ruleId?: string;
  strategy?: StrategyName | "fixed";
  queueReason?: QueueReason;
  tier: { id: string; source: "given" | "computed" } | null;
  ownership?: {
    step: OwnershipStep;
    owner: string;
    /** Protection end, when the step is `protected_owner`. */
    protectedUntil?: string;
    accountId?: string;
    /** How many of the account's customers the chosen account owner has. */
    accountCustomers?: number;
  };
  /** Rules evaluated, in hit-policy order (all rules with `full`). */
  rules: RuleTrace[];
  /** Rules neither evaluated nor traced: ruled out by the rule index, or after the decision (`summary` only). */
  rulesNotEvaluated: number;
  winner?: { ruleId: string; reason: WinReason };
  attempts: Attempt[];
  conflicts: readonly Conflict[];
  error?: { message: string };
}

export type ExplainDetail = "summary" | "full";
