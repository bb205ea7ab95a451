import { checkedEligible, eligibleRecord } from "./guard";
import { hashPrefix, hashSuffix } from "./hash";
import type { Strategy, StrategyInput, StrategyPick } from "./types";

/** Char codes of the hex digits. */
const HEX = Array.from({ length: 16 }, (_, d) => d.toString(16).charCodeAt(0));

/**
 * A 53-bit score as 14 hex digits, zero-padded, so scores compare as strings the way they do
 * as numbers: `score.toString(16).padStart(14, "0")`, from char codes (radix-16 `toString` of
 * a large double is slow, and there is one per eligible rep per customer; char codes also give
 * a flat string, not a tree of concatenations).
 */
export function hex14(score: number): string {
  const hi = Math.floor(score / 4294967296); // top 21 bits
  const lo = (score - hi * 4294967296) >>> 0;
  return String.fromCharCode(
    HEX[(hi >>> 20) & 15]!,
    HEX[(hi >>> 16) & 15]!,
    HEX[(hi >>> 12) & 15]!,
    HEX[(hi >>> 8) & 15]!,
    HEX[(hi >>> 4) & 15]!,
    HEX[hi & 15]!,
    HEX[lo >>> 28]!,
    HEX[(lo >>> 24) & 15]!,
    HEX[(lo >>> 20) & 15]!,
    HEX[(lo >>> 16) & 15]!,
    HEX[(lo >>> 12) & 15]!,
    HEX[(lo >>> 8) & 15]!,
    HEX[(lo >>> 4) & 15]!,
    HEX[lo & 15]!,
  );
}

/**
 * Sticky: rendezvous (highest random weight) hashing of `customerKey` over the eligible reps;
 * the highest score wins, equal scores go to the smaller rep id. A rep's score is
 * `hashString(customerKey + "\u0000" + repId)`: the NUL separator keeps the string injective
 * per key, so different rep ids always hash different strings.
 *
 * Stateless: the same key and eligible set always give the same rep, whatever the order of
 * calls, and a roster change moves only the customers of the rep who left or joined. The state
 * is returned unchanged (the input object itself, or `{}`). `detail.scores` (each eligible
 * rep's score in hex) is recorded in full detail only; the winner is chosen on the numeric
 * scores either way. Pure and deterministic.
 */
export const sticky: Strategy = {
  name: "sticky",
  pick(input: StrategyInput): StrategyPick {
    const key = input.customerKey;
    const eligible = checkedEligible(input);
    // Every score hashes `key + NUL + repId`: hash the shared prefix once.
    const prefix = hashPrefix(`${key}\u0000`);
    // Hex strings are for the explanation only, one per rep: none in summary detail.
    const hexes: string[] | undefined =
      input.detail === "summary" ? undefined : new Array(eligible.length);
    let winner: string | undefined;
    let best = 0;
    for (let i = 0; i < eligible.length; i++) {
      const repId = eligible[i]!;
      const s = hashSuffix(prefix, repId);
      if (hexes !== undefined) hexes[i] = hex14(s);
      if (winner === undefined || s > best || (s === best && repId < winner)) {
        winner = repId;
        best = s;
      }
    }
    if (winner === undefined) throw new RangeError(`pool ${input.poolId}: no eligible rep`);
    return {
      repId: winner,
      state: input.state ?? {},
      detail:
        hexes === undefined
          ? { strategy: "sticky", key, repId: winner }
          : {
              strategy: "sticky",
              key,
              scores: eligibleRecord(input, eligible, hexes),
              repId: winner,
            },
    };
  },
};
