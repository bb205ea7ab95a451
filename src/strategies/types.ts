import type { PoolStateData } from "../schema/state";
/** The selection strategies a pool may use, in a fixed order (DESIGN §6). */
export const STRATEGY_NAMES = ["round-robin", "weighted", "least-loaded", "sticky"] as const;

/** Name of a pool selection strategy. */
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** Whether `value` names a known strategy; a type guard for parsed configuration. */
export function isStrategyName(value: unknown): value is StrategyName {
  return STRATEGY_NAMES.some((name) => name === value);
}

/**
 * Persisted per-pool rotation state (JSON), as defined by the state schema: `pointer` for
 * round-robin (the last served rep and its position), `levels` for weighted (picks behind (+) or
 * ahead (−) of each rep's exact share).
 */
export type PoolState = PoolStateData;

/** What a strategy may know about one rep's load. */
export interface RepLoad {
  /** Positive finite weight (weighted pools). */
  weight: number;
  /** Customers the rep currently owns. */
  owned: number;
  /** Global increasing assignment counter of the rep's last assignment; undefined = never. */
  lastAssignedSeq: number | undefined;
}

/** Everything a strategy needs to pick one rep for one customer. */
export interface StrategyInput {
  poolId: string;
  /**
   * The pool's member order (declared order for a list, id order for a selector); includes
   * ineligible reps and may include ids not in the roster.
   */
  members: readonly string[];
  /** Eligible subset of `members`: non-empty, without duplicates, in member order. */
  eligible: readonly string[];
  /** `accountId ?? id` of the customer (used by sticky). */
  customerKey: string;
  /** The pool's current state. */
  state: PoolState | undefined;
  load: (repId: string) => RepLoad;
}

/** A strategy's choice, the pool's next state, and the data that explains the choice. */
export interface StrategyPick {
  repId: string;
  state: PoolState;
  detail: StrategyDetail;
}

/** Strategy-specific explanation data, keyed on `strategy`. */
export type StrategyDetail =
  | {
      strategy: "round-robin";
      pointerBefore: { repId: string; index: number } | null;
      pointerAfter: { repId: string; index: number };
      /** Members passed over (ineligible) this turn, in the order they were passed. */
      skipped: string[];
    }
  | {
      strategy: "weighted";
      /** Level of each eligible rep at the moment of the pick (before adding its share). */
      levelsBefore: Record<string, number>;
      /** Level of each eligible rep after the pick (as stored in the new state). */
      levelsAfter: Record<string, number>;
    }
  | {
      strategy: "least-loaded";
      /** Owned customers of each eligible rep. */
      owned: Record<string, number>;
      /** The first criterion of the tie-break chain that singled out the winner. */
      tieBreak: "owned" | "least_recently_assigned" | "member_order";
    }
  | {
      strategy: "sticky";
      key: string;
      /** Rendezvous score of each eligible rep, as 14-digit hex strings (53-bit). */
      scores: Record<string, string>;
    };

/** A selection strategy: a pure function from input to pick (inputs are never mutated). */
export interface Strategy {
  name: StrategyName;
  pick(input: StrategyInput): StrategyPick;
}
