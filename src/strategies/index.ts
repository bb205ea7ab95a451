import { leastLoaded } from "./least-loaded";
import { roundRobin } from "./round-robin";
import { sticky } from "./sticky";
import type { Strategy, StrategyInput, StrategyName, StrategyPick } from "./types";
import { weighted } from "./weighted";

export { hashString } from "./hash";
export { leastLoaded } from "./least-loaded";
export { roundRobin } from "./round-robin";
export { sticky } from "./sticky";
export type {
  PickDetail,
  PoolState,
  RepLoad,
  Strategy,
  StrategyDetail,
  StrategyInput,
  StrategyName,
  StrategyPick,
} from "./types";
export { isStrategyName, STRATEGY_NAMES } from "./types";
export { weighted } from "./weighted";

/**
 * The strategy for each name. Typed with `satisfies`, so a name added to `STRATEGY_NAMES`
 * without an implementation fails to compile.
 */
export const STRATEGIES = {
  "round-robin": roundRobin,
  weighted,
  "least-loaded": leastLoaded,
  sticky,
} as const satisfies Record<StrategyName, Strategy>;

/**
 * Picks a rep with the named strategy; the single dispatch point for the engine.
 *
 * Pure and deterministic; `input.detail` changes only how much of the pick is recorded, never
 * the rep or the state. Throws a `RangeError` for an unknown name (only reachable from untyped
 * callers) or an input that breaks the `StrategyInput` contract.
 */
export function pickWith(name: StrategyName, input: StrategyInput): StrategyPick {
  if (!Object.hasOwn(STRATEGIES, name)) throw new RangeError(`unknown strategy: ${String(name)}`);
  return STRATEGIES[name].pick(input);
}
