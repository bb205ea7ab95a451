import { LeadRouteError } from "../errors";
import type { CustomerState, PoolStateData, RepState, RouterState } from "../schema/state";
import type { RouterEvent } from "./events";
import { checkState, trust } from "./state-check";

/**
 * Rebuild the state from events (and the state they started from). Events carry the values
 * they computed, so replay re-decides nothing: the result is JSON-equal to the state the
 * operations returned.
 */
export function replay(events: readonly RouterEvent[], initialState?: RouterState): RouterState {
  if (!Array.isArray(events)) {
    throw new LeadRouteError("invalid_input", [
      { path: "events", message: "must be an array of events" },
    ]);
  }
  const base = checkState(initialState);
  const customers = new Map<string, CustomerState>();
  const reps = new Map<string, RepState>();
  const pools = new Map<string, PoolStateData>();
  let { version, clock, seq } = base;
  events.forEach((event, i) => {
    if (typeof event !== "object" || event === null || typeof event.version !== "number") {
      throw new LeadRouteError("invalid_input", [
        { path: `events[${i}]`, message: "is not a leadroute event" },
      ]);
    }
    if (event.version < version) {
      throw new LeadRouteError("invalid_input", [
        {
          path: `events[${i}].version`,
          message: `version ${event.version} is older than the state's ${version}: events out of order?`,
        },
      ]);
    }
    const set = event.set;
    if (set) {
      copyInto(customers, set.customers);
      copyInto(reps, set.reps);
      copyInto(pools, set.pools);
      if (set.clock !== undefined) clock = set.clock;
      if (set.seq !== undefined) seq = set.seq;
      version = event.version;
    }
  });
  if (version === base.version) return base;
  // Events may come from storage: the rebuilt state is checked like any state from outside.
  return trust(
    checkState({
      ...base,
      version,
      clock,
      seq,
      customers: { ...base.customers, ...Object.fromEntries(customers) },
      reps: { ...base.reps, ...Object.fromEntries(reps) },
      pools: { ...base.pools, ...Object.fromEntries(pools) },
    }),
  );
}

function copyInto<T>(target: Map<string, T>, source: Record<string, T> | undefined): void {
  if (source) for (const id of Object.keys(source)) target.set(id, source[id]!);
}
