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
  /**
   * How much of the pick to record in `StrategyDetail`; absent means `"full"`. The choice and
   * the returned state do not depend on it: `"summary"` only skips building the per-rep records.
   */
  detail?: PickDetail | undefined;
}

/**
 * How much a strategy records about its pick (DESIGN §8, `explain`): `"summary"` keeps the
 * scalar facts (pointers, tie-break, key), `"full"` also the records with one entry per rep.
 */
export type PickDetail = "summary" | "full";

/** A strategy's choice, the pool's next state, and the data that explains the choice. */
export interface StrategyPick {
  repId: string;
  state: PoolState;
  /**
   * With the per-rep records unless the input asked for `detail: "summary"`; names the rep
   * picked (`repId`, its last key), so it is the explanation's pick as it stands.
   */
  detail: StrategyDetail;
}

/** The facts each strategy records about its pick in both detail modes. */
interface PickFacts {
  "round-robin": {
    strategy: "round-robin";
    /** The last rep served before this pick and its member position; null at the start. */
    pointerBefore: { repId: string; index: number } | null;
    /** The rep served now and its member position (as stored in the new state). */
    pointerAfter: { repId: string; index: number };
  };
  weighted: { strategy: "weighted" };
  "least-loaded": {
    strategy: "least-loaded";
    /** The first criterion of the tie-break chain that singled out the winner. */
    tieBreak: "owned" | "least_recently_assigned" | "member_order";
  };
  sticky: { strategy: "sticky"; key: string };
}

/** The per-rep records each strategy adds in `"full"` detail only: they grow with the pool. */
interface PickRecords {
  "round-robin": {
    /** Members passed over (ineligible) this turn, in the order they were passed. */
    skipped: string[];
  };
  weighted: {
    /** Level of each eligible rep at the moment of the pick (before adding its share). */
    levelsBefore: Record<string, number>;
    /** Level of each eligible rep after the pick (as stored in the new state). */
    levelsAfter: Record<string, number>;
  };
  "least-loaded": {
    /** Owned customers of each eligible rep. */
    owned: Record<string, number>;
  };
  sticky: {
    /** Rendezvous score of each eligible rep, as 14-digit hex strings (53-bit). */
    scores: Record<string, string>;
  };
}

/**
 * Strategy-specific explanation data, keyed on `strategy`, in detail mode `D`, naming the rep
 * picked (`repId`) in both. `StrategyDetail<"full">` has every field. `StrategyDetail<"summary">`
 * has only the scalar facts (round-robin `pointerBefore`/`pointerAfter`, least-loaded
 * `tieBreak`, sticky `key`); its per-rep records (`skipped`, `levelsBefore`/`levelsAfter`,
 * `owned`, `scores`) are typed absent. The default, for data whose mode is not known statically, is the union of both: a
 * strategy's records are all there or none, so checking one (`detail.scores !== undefined`)
 * narrows to the full shape.
 */
export type StrategyDetail<D extends PickDetail = PickDetail> = {
  [S in StrategyName]: (D extends "full"
    ? PickFacts[S] & PickRecords[S]
    : PickFacts[S] & { [K in keyof PickRecords[S]]?: never }) & {
    /** The rep picked (the same as `StrategyPick.repId`). */
    repId: string;
  };
}[StrategyName];

/**
 * A selection strategy: a pure function from input to pick (inputs are never mutated). Every
 * pick's `detail` is a fresh object the strategy does not keep, so the caller may take it over
 * (it names the rep picked, and the engine makes it the explanation's `pick`); `state` may be
 * the input's own.
 */
export interface Strategy {
  name: StrategyName;
  pick(input: StrategyInput): StrategyPick;
}
