import { checkedEligible, eligibleRecord, setOwn } from "./guard";
import type { PoolState, Strategy, StrategyInput, StrategyPick } from "./types";

/**
 * Levels are stored rounded to 1e-12 pick: deterministic, readable JSON, and levels that are
 * equal in exact arithmetic stay exactly equal, so their ties fall to member order.
 */
const LEVEL_SCALE = 1e12;
/** A stored level is read within ±1 pick: no history can earn or cost more than one pick. */
const LEVEL_LIMIT = 1;
/** Tolerance for the candidate threshold against float rounding. */
const EPSILON = 1e-9;

function roundLevel(level: number): number {
  const rounded = Math.round(level * LEVEL_SCALE) / LEVEL_SCALE;
  return rounded === 0 ? 0 : rounded; // no -0 in persisted state
}

function readLevel(levels: Record<string, number> | undefined, repId: string): number | undefined {
  if (levels === undefined || !Object.hasOwn(levels, repId)) return undefined;
  const level = levels[repId];
  return typeof level === "number" && Number.isFinite(level) ? level : undefined;
}

/** Member lists up to this length are de-duplicated by scanning rather than with a Set. */
const SCAN_LIMIT = 64;

/**
 * Tijdeman's chairman-assignment rule (earliest deadline first) over the contenders' shares and
 * dues (lag behind the exact share including this pick), returning the winner's index. Only
 * reps lagging at least `1/(2k−2)` may be picked; among them the one whose lag would first reach
 * `1 − 1/(2k−2)` wins, ties to the earlier member. This keeps every count within `1 − 1/(2k−2)`
 * of its share.
 */
function earliestDeadline(shares: readonly number[], dues: readonly number[]): number {
  const k = dues.length;
  if (k === 0) throw new RangeError("no contenders");
  if (k === 1) return 0;
  const slack = 1 / (2 * k - 2);
  let winner = -1;
  let best = Number.POSITIVE_INFINITY;
  let mostBehind = 0;
  for (let i = 0; i < k; i++) {
    const due = dues[i]!;
    if (due > dues[mostBehind]!) mostBehind = i;
    if (due < slack - EPSILON) continue;
    const deadline = (1 - slack - due) / shares[i]!;
    if (deadline < best) {
      best = deadline;
      winner = i;
    }
  }
  // Always found in exact arithmetic (the largest lag is ≥ 1/k ≥ the threshold); floats aside.
  return winner === -1 ? mostBehind : winner;
}

/**
 * Weighted: while all members stay eligible, every rep's count after every pick is within one
 * of its exact weighted share: |count − n·w/W| ≤ 1 − 1/(2k−2) < 1 for k reps.
 *
 * Method: Tijdeman's earliest-deadline rule over per-rep levels (smooth weighted round-robin
 * misses the bound: weights 0.03:3:0.48:10:10 reach 1.13). A level is how many picks the rep
 * lags (+) or leads (−) its share; each pick adds every eligible rep's share `w/W` (W summed
 * over the eligible) and takes 1 from the winner. Only eligible reps take part: an ineligible
 * rep's level is frozen, so on return it stands where it left (no catch-up flood), and a rep
 * without a level starts at 0, exactly on its share. Levels are read within ±1, recentred so
 * the eligible levels sum to 0, and stored rounded to 1e-12, so they stay bounded over any
 * number of picks; levels of ids no longer in `members` are dropped. Ties go to member order.
 * `detail.levelsBefore`/`levelsAfter` are recorded in full detail only; the pick and the state
 * are the same in either mode. Pure and deterministic; throws a `RangeError` on a weight that
 * is not positive and finite.
 */
export const weighted: Strategy = {
  name: "weighted",
  pick(input: StrategyInput): StrategyPick {
    const eligible = checkedEligible(input);
    const stored = input.state?.levels;
    const n = eligible.length;
    // Plain loops, summing in the same order as before, so every float is bit-identical.
    const weights: number[] = new Array(n);
    let totalWeight = 0;
    for (let i = 0; i < n; i++) {
      const repId = eligible[i]!;
      const { weight } = input.load(repId);
      if (!(Number.isFinite(weight) && weight > 0)) {
        throw new RangeError(`pool ${input.poolId}: rep ${repId} has invalid weight ${weight}`);
      }
      weights[i] = weight;
      totalWeight += weight;
    }
    const start: number[] = new Array(n);
    let surplus = 0;
    for (let i = 0; i < n; i++) {
      const level = readLevel(stored, eligible[i]!) ?? 0;
      start[i] = Math.min(LEVEL_LIMIT, Math.max(-LEVEL_LIMIT, level));
      surplus += start[i]!;
    }
    // After eligibility changes the participants' levels no longer sum to 0; spreading the
    // surplus by share restores a balanced pool without favouring anyone.
    const full = input.detail !== "summary";
    const shares: number[] = new Array(n);
    const dues: number[] = new Array(n);
    // Levels at the pick are for the explanation only: kept in full detail.
    const before: number[] | undefined = full ? new Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      const share = weights[i]! / totalWeight;
      const level = start[i]! - surplus * share;
      shares[i] = share;
      dues[i] = level + share;
      if (before !== undefined) before[i] = roundLevel(level);
    }
    const w = earliestDeadline(shares, dues);

    const after: number[] = new Array(n);
    for (let i = 0; i < n; i++) after[i] = roundLevel(i === w ? dues[i]! - 1 : dues[i]!);
    const { members } = input;
    let levels: Record<string, number>;
    if (n === members.length) {
      // Every member took part (eligible is members itself): the stored levels are `after`.
      levels = eligibleRecord(input, eligible, after);
    } else {
      // Keep frozen levels of ineligible members, in member order; drop ids that left the pool.
      // `eligible` follows the members' first occurrences, so one merge walk finds each
      // eligible rep's new level without a lookup record.
      const written = members.length > SCAN_LIMIT ? new Set<string>() : undefined;
      levels = {};
      let j = 0;
      for (let i = 0; i < members.length; i++) {
        const repId = members[i]!;
        if (written === undefined) {
          if (members.indexOf(repId) !== i) continue;
        } else {
          if (written.has(repId)) continue;
          written.add(repId);
        }
        let level: number | undefined;
        if (j < n && eligible[j] === repId) {
          const fresh = after[j++]!;
          // As a lookup of the stored-level kind would: a non-finite level is not stored.
          level = Number.isFinite(fresh) ? fresh : readLevel(stored, repId);
        } else level = readLevel(stored, repId);
        if (level !== undefined) setOwn(levels, repId, level);
      }
    }
    // Written out rather than spread (a pool state has only these two fields): once per pick.
    const pointer = input.state?.pointer;
    const state: PoolState = pointer === undefined ? { levels } : { pointer, levels };
    const repId = eligible[w]!;
    return {
      repId,
      state,
      detail:
        before === undefined
          ? { strategy: "weighted", repId }
          : {
              strategy: "weighted",
              levelsBefore: eligibleRecord(input, eligible, before),
              levelsAfter: eligibleRecord(input, eligible, after),
              repId,
            },
    };
  },
};
