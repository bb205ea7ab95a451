import type { ExplainDetail } from "../explain/types";
import { truthy as truthyOf } from "../logic";
import type { CompiledRuleSet } from "./compile";
import type { Roster } from "./roster";
import type { WorkingState } from "./working-state";

/** Everything one call works with; built once per call, shared by every decision in it. */
export interface CallContext {
  readonly compiled: CompiledRuleSet;
  readonly roster: Roster;
  readonly state: WorkingState;
  readonly detail: ExplainDetail;
  /** The version the state will have after this call (stamped on ownership changes and events). */
  readonly version: number;
  /** Full explanation for this customer only (used by `router.explain`), whatever `detail` says. */
  readonly fullFor?: string | undefined;
  /** The members of a pool in rotation order (declared order, or id order for a selector). */
  members(poolId: string): readonly string[];
}

/** Resolve pool membership once per call. */
export function memberResolver(
  compiled: CompiledRuleSet,
  roster: Roster,
): (poolId: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (poolId) => {
    const hit = cache.get(poolId);
    if (hit) return hit;
    const pool = compiled.ruleSet.pools[poolId];
    let members: readonly string[] = [];
    if (pool) {
      if (Array.isArray(pool.members)) members = pool.members;
      else {
        const sel = pool.members;
        const when = compiled.poolSelectors.get(poolId);
        members = roster.list
          .filter((r) => {
            if (sel.teams && !sel.teams.some((t) => r.teams.has(t))) return false;
            if (
              sel.territories &&
              !sel.territories.some((t) => r.territories?.includes(t) === true)
            )
              return false;
            return when === undefined || truthyOf(when({ rep: r.rep }));
          })
          .map((r) => r.id)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      }
    }
    cache.set(poolId, members);
    return members;
  };
}
