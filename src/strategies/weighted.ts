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

interface Contender {
  repId: string;
  share: number;
  /** Level at the pick, after recentring, before adding this pick's share. */
  before: number;
  /** Lag behind the exact share including this pick: `before + share`. */
  due: number;
}

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
 * Tijdeman's chairman-assignment rule (earliest deadline first). Only reps lagging at least
 * `1/(2k−2)` may be picked; among them the one whose lag would first reach `1 − 1/(2k−2)` wins,
 * ties to the earlier member. This keeps every count within `1 − 1/(2k−2)` of its share.
 */
function earliestDeadline(contenders: readonly Contender[]): Contender {
  const [first] = contenders;
  if (first === undefined) throw new RangeError("no contenders");
  if (contenders.length === 1) return first;
  const slack = 1 / (2 * contenders.length - 2);
  let winner: Contender | undefined;
  let best = Number.POSITIVE_INFINITY;
  let mostBehind = first;
  for (const contender of contenders) {
    if (contender.due > mostBehind.due) mostBehind = contender;
    if (contender.due < slack - EPSILON) continue;
    const deadline = (1 - slack - contender.due) / contender.share;
    if (deadline < best) {
      best = deadline;
      winner = contender;
    }
  }
  // Always found in exact arithmetic (the largest lag is ≥ 1/k ≥ the threshold); floats aside.
  return winner ?? mostBehind;
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
 * Pure and deterministic; throws a `RangeError` on a weight that is not positive and finite.
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
    const contenders: Contender[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const share = weights[i]! / totalWeight;
      const before = start[i]! - surplus * share;
      contenders[i] = { repId: eligible[i]!, share, before, due: before + share };
    }
    const winner = earliestDeadline(contenders);

    const before: number[] = new Array(n);
    const after: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const c = contenders[i]!;
      before[i] = roundLevel(c.before);
      after[i] = roundLevel(c === winner ? c.due - 1 : c.due);
    }
    const levelsBefore = eligibleRecord(input, eligible, before);
    const levelsAfter = eligibleRecord(input, eligible, after);
    const { members } = input;
    let levels: Record<string, number>;
    if (n === members.length) {
      // Every member took part (eligible is members itself): the stored levels are `after`.
      levels = eligibleRecord(input, eligible, after);
    } else {
      // Keep frozen levels of ineligible members, in member order; drop ids that left the pool.
      const written = members.length > SCAN_LIMIT ? new Set<string>() : undefined;
      levels = {};
      for (let i = 0; i < members.length; i++) {
        const repId = members[i]!;
        if (written === undefined) {
          if (members.indexOf(repId) !== i) continue;
        } else {
          if (written.has(repId)) continue;
          written.add(repId);
        }
        const level = readLevel(levelsAfter, repId) ?? readLevel(stored, repId);
        if (level !== undefined) setOwn(levels, repId, level);
      }
    }
    const state: PoolState = { ...input.state, levels };
    return {
      repId: winner.repId,
      state,
      detail: { strategy: "weighted", levelsBefore, levelsAfter },
    };
  },
};
