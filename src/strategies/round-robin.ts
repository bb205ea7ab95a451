import { checkedEligible } from "./guard";
import type { PoolState, Strategy, StrategyInput, StrategyPick } from "./types";

type Pointer = { repId: string; index: number };

/** Eligible lists up to this length are searched linearly. */
const SCAN_LIMIT = 32;

/**
 * Position in `members` where the scan for the next rep starts. The pointer's rep is found by
 * id (so members added or removed elsewhere do not skew the turn); a rep who has left is
 * replaced by its old position, where the member that now stands there is next.
 */
function startIndex(members: readonly string[], pointer: Pointer | undefined): number {
  if (pointer === undefined) return 0;
  const count = members.length;
  // Persisted JSON may carry a damaged index; treat it as the start of the list.
  const index = Number.isSafeInteger(pointer.index) && pointer.index >= 0 ? pointer.index : 0;
  // Prefer the recorded slot when it still holds the rep (exact even with duplicate ids).
  if (index < count && members[index] === pointer.repId) return (index + 1) % count;
  const current = members.indexOf(pointer.repId);
  if (current >= 0) return (current + 1) % count;
  // Everything from a position past the end has left: wrap around to the first member.
  return index < count ? index : 0;
}

/**
 * Round-robin: the next eligible member after the last one served, cyclically in member order.
 *
 * Stores the served rep's id and position as `state.pointer` (other state fields are kept).
 * Ineligible members met on the way lose their turn; in full detail they are listed in
 * `detail.skipped`. The pick and the state are the same in either detail mode. Pure and
 * deterministic.
 */
export const roundRobin: Strategy = {
  name: "round-robin",
  pick(input: StrategyInput): StrategyPick {
    const list = checkedEligible(input);
    // Small pools test membership by scanning: cheaper than building a Set on every pick.
    const set = list.length > SCAN_LIMIT ? new Set(list) : undefined;
    const { members, state } = input;
    const before = state?.pointer;
    const start = startIndex(members, before);
    // The passed-over members are only reported in full detail: no list to grow otherwise.
    const skipped: string[] | undefined = input.detail === "summary" ? undefined : [];
    for (let step = 0; step < members.length; step++) {
      const index = (start + step) % members.length;
      const repId = members[index];
      if (repId === undefined) continue;
      if (!(set === undefined ? list.includes(repId) : set.has(repId))) {
        skipped?.push(repId);
        continue;
      }
      // Written out rather than spread (a pool state has only these two fields): once per pick.
      const pointer = { repId, index };
      const next: PoolState =
        state?.levels === undefined ? { pointer } : { pointer, levels: state.levels };
      const pointerBefore =
        before === undefined ? null : { repId: before.repId, index: before.index };
      const pointerAfter = { repId, index };
      return {
        repId,
        state: next,
        detail:
          skipped === undefined
            ? { strategy: "round-robin", pointerBefore, pointerAfter, repId }
            : { strategy: "round-robin", pointerBefore, pointerAfter, skipped, repId },
      };
    }
    // checkedEligible guarantees an eligible member exists, so the scan always returns.
    throw new RangeError(`pool ${input.poolId}: no eligible member found`);
  },
};
