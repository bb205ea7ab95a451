import type { StrategyInput } from "./types";

/**
 * Checks the input contract every strategy relies on and returns `eligible`: non-empty, no
 * duplicates, each id in `members`, in member order. Throws a `RangeError` otherwise, because a
 * violation is a bug in the caller, not a routing outcome.
 */
export function checkedEligible(input: StrategyInput): readonly string[] {
  const { eligible, members, poolId } = input;
  if (eligible.length === 0) {
    throw new RangeError(`pool ${poolId}: a strategy needs at least one eligible rep`);
  }
  const firstIndex = new Map<string, number>();
  members.forEach((id, index) => {
    if (!firstIndex.has(id)) firstIndex.set(id, index);
  });
  const seen = new Set<string>();
  let previous = -1;
  for (const id of eligible) {
    const index = firstIndex.get(id);
    if (index === undefined) {
      throw new RangeError(`pool ${poolId}: eligible rep ${id} is not a member`);
    }
    if (seen.has(id)) throw new RangeError(`pool ${poolId}: eligible rep ${id} is listed twice`);
    if (index < previous) {
      throw new RangeError(`pool ${poolId}: eligible reps are not in member order`);
    }
    seen.add(id);
    previous = index;
  }
  return eligible;
}
