import { checkedEligible } from "./guard";
import type { Strategy, StrategyInput, StrategyPick } from "./types";

/**
 * Least-loaded: the eligible rep with the fewest owned customers; ties go to the least recently
 * assigned (never assigned counts as least recent), then to member order.
 *
 * `detail.tieBreak` names the first criterion of that chain that singled out the winner. The
 * state is returned unchanged (the input object itself, or `{}` when there was none). Pure and
 * deterministic.
 */
export const leastLoaded: Strategy = {
  name: "least-loaded",
  pick(input: StrategyInput): StrategyPick {
    const reps = checkedEligible(input).map((repId) => ({ ...input.load(repId), repId }));
    // Reduce rather than Math.min(...spread): no argument-count limit on large pools.
    const fewest = reps.reduce((min, rep) => Math.min(min, rep.owned), Number.POSITIVE_INFINITY);
    const lightest = reps.filter((rep) => rep.owned === fewest);
    // Never assigned sorts before every real sequence number.
    const seq = (value: number | undefined) => value ?? Number.NEGATIVE_INFINITY;
    const oldest = lightest.reduce(
      (min, rep) => Math.min(min, seq(rep.lastAssignedSeq)),
      Number.POSITIVE_INFINITY,
    );
    const idlest = lightest.filter((rep) => seq(rep.lastAssignedSeq) === oldest);
    const [winner] = idlest; // eligible is in member order, and filters keep that order
    if (winner === undefined) throw new RangeError(`pool ${input.poolId}: no eligible rep`);
    const tieBreak =
      lightest.length === 1
        ? "owned"
        : idlest.length === 1
          ? "least_recently_assigned"
          : "member_order";
    return {
      repId: winner.repId,
      state: input.state ?? {},
      detail: {
        strategy: "least-loaded",
        owned: Object.fromEntries(reps.map((rep) => [rep.repId, rep.owned])),
        tieBreak,
      },
    };
  },
};
