import { checkedEligible } from "./guard";
import { hashString } from "./hash";
import type { Strategy, StrategyInput, StrategyPick } from "./types";

/** Hex digits of a 53-bit score, so scores compare as strings the way they do as numbers. */
const SCORE_DIGITS = 14;

/**
 * Rendezvous score of one (customer key, rep) pair. The NUL separator keeps the string
 * injective per key: for one key, different rep ids always hash different strings.
 */
function score(key: string, repId: string): number {
  return hashString(`${key}\u0000${repId}`);
}

/**
 * Sticky: rendezvous (highest random weight) hashing of `customerKey` over the eligible reps;
 * the highest score wins, equal scores go to the smaller rep id.
 *
 * Stateless: the same key and eligible set always give the same rep, whatever the order of
 * calls, and a roster change moves only the customers of the rep who left or joined. The state
 * is returned unchanged (the input object itself, or `{}`). Pure and deterministic.
 */
export const sticky: Strategy = {
  name: "sticky",
  pick(input: StrategyInput): StrategyPick {
    const key = input.customerKey;
    const scored = checkedEligible(input).map((repId) => ({ repId, score: score(key, repId) }));
    let winner = scored[0];
    for (const candidate of scored) {
      if (winner === undefined) break;
      if (
        candidate.score > winner.score ||
        (candidate.score === winner.score && candidate.repId < winner.repId)
      ) {
        winner = candidate;
      }
    }
    if (winner === undefined) throw new RangeError(`pool ${input.poolId}: no eligible rep`);
    return {
      repId: winner.repId,
      state: input.state ?? {},
      detail: {
        strategy: "sticky",
        key,
        scores: Object.fromEntries(
          scored.map((s) => [s.repId, s.score.toString(16).padStart(SCORE_DIGITS, "0")]),
        ),
      },
    };
  },
};
