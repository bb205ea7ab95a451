import { checkedEligible, eligibleRecord } from "./guard";
import type { Strategy, StrategyInput, StrategyPick } from "./types";

/**
 * Least-loaded: the eligible rep with the fewest owned customers; ties go to the least recently
 * assigned (never assigned counts as least recent), then to member order.
 *
 * `detail.tieBreak` names the first criterion of that chain that singled out the winner;
 * `detail.owned`, each eligible rep's count, is recorded in full detail only. The state is
 * returned unchanged (the input object itself, or `{}` when there was none). Pure and
 * deterministic.
 */
export const leastLoaded: Strategy = {
  name: "least-loaded",
  pick(input: StrategyInput): StrategyPick {
    const eligible = checkedEligible(input);
    const n = eligible.length;
    const owned: number[] = new Array(n);
    // Never assigned sorts before every real sequence number.
    const seqs: number[] = new Array(n);
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const repId = eligible[i]!;
      const load = input.load(repId);
      owned[i] = load.owned;
      seqs[i] = load.lastAssignedSeq ?? Number.NEGATIVE_INFINITY;
      // Math.min rather than `<`, as before: a NaN count poisons the minimum the same way.
      fewest = Math.min(fewest, load.owned);
    }
    let lightest = 0;
    let oldest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (owned[i] !== fewest) continue;
      lightest++;
      oldest = Math.min(oldest, seqs[i]!);
    }
    let idlest = 0;
    let winner: string | undefined;
    for (let i = 0; i < n; i++) {
      if (owned[i] !== fewest || seqs[i] !== oldest) continue;
      idlest++;
      // eligible is in member order, so the first one standing is the member-order tie-break.
      winner ??= eligible[i];
    }
    if (winner === undefined) throw new RangeError(`pool ${input.poolId}: no eligible rep`);
    const tieBreak =
      lightest === 1 ? "owned" : idlest === 1 ? "least_recently_assigned" : "member_order";
    return {
      repId: winner,
      state: input.state ?? {},
      detail:
        input.detail === "summary"
          ? { strategy: "least-loaded", tieBreak, repId: winner }
          : {
              strategy: "least-loaded",
              owned: eligibleRecord(input, eligible, owned),
              tieBreak,
              repId: winner,
            },
    };
  },
};
