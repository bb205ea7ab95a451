import { type RepChecks, repChecks } from "../eligibility";
import type { ExclusionCode } from "../explain/codes";
import type { ExplainDetail } from "../explain/types";
import { truthy as truthyOf } from "../logic";
import type { Target } from "../schema/rule-set";
import type { RepLoad } from "../strategies/types";
import type { CompiledRuleSet } from "./compile";
import type { RepInfo, Roster } from "./roster";
import type { TraceBook } from "./traces";
import type { WorkingState } from "./working-state";

/**
 * The reps a rule's rep or pool target offers, resolved once per call: ids in rotation order,
 * each with its roster entry (undefined when not in the roster) and its eligibility checks
 * ({@link repChecks}; undefined when not in the roster).
 */
export interface Candidates {
  readonly ids: readonly string[];
  readonly reps: readonly (RepInfo | undefined)[];
  readonly checks: readonly (RepChecks | undefined)[];
}

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
  /** Rule traces shared by this call's explanations. */
  readonly traces: TraceBook;
  /** The candidates of a rep or pool target (none for a queue target). */
  candidates(target: Target): Candidates;
  /** What a strategy may know of a rep's load now (see {@link loadResolver}). */
  load(repId: string): RepLoad;
  /** Told of every rep excluded while deciding a customer, whatever `detail` says (analysis). */
  readonly onExcluded?: ExclusionObserver | undefined;
}

/**
 * Hears each exclusion of a rep from a customer's attempt as it is decided (once per attempt),
 * so that an analysis needing rep-level figures can run with summary explanations.
 */
export type ExclusionObserver = (customerId: string, repId: string, code: ExclusionCode) => void;

/**
 * Rep loads for strategies, one frozen object per rep kept until the state reports a change to
 * the rep (its counters or owned customers): a pool's strategy asks for every eligible member on
 * every pick, and most members have not changed since the last one.
 */
export function loadResolver(roster: Roster, state: WorkingState): (repId: string) => RepLoad {
  const loads = new Map<string, RepLoad>();
  state.onRepChange((repId) => loads.delete(repId));
  // Looked up before anything is built: this runs for every eligible member of every pick.
  return (repId) => {
    const hit = loads.get(repId);
    if (hit !== undefined) return hit;
    const load = Object.freeze({
      weight: roster.byId.get(repId)?.weight ?? 1,
      owned: state.ownedCount(repId),
      lastAssignedSeq: state.rep(repId).lastAssignedSeq,
    });
    loads.set(repId, load);
    return load;
  };
}

/** `cache.get(key)`, computed by `make` and remembered on first use. */
function memo<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  cache.set(key, value);
  return value;
}

const NO_CANDIDATES: Candidates = { ids: [], reps: [], checks: [] };

/** Resolve targets to {@link Candidates} once per call (pools by id, single reps by id) over `state`. */
export function candidateResolver(
  compiled: CompiledRuleSet,
  roster: Roster,
  members: (poolId: string) => readonly string[],
  state: WorkingState,
): (target: Target) => Candidates {
  // One RepChecks per rep, shared by every target naming it, so its remembered answers are
  // too; the state tells it when the rep's counters or owned customers change.
  const checksOf = new Map<string, RepChecks>();
  state.onRepChange((repId) => checksOf.get(repId)?.stateChanged());
  const checksFor = (rep: RepInfo) => {
    return memo(checksOf, rep.id, () => repChecks(rep, compiled.ruleSet));
  };
  const pools = new Map<string, Candidates>();
  const reps = new Map<string, Candidates>();
  const resolve = (ids: readonly string[]): Candidates => {
    const infos = ids.map((id) => roster.byId.get(id));
    return {
      ids,
      reps: infos,
      checks: infos.map((rep) => (rep === undefined ? undefined : checksFor(rep))),
    };
  };
  return (target) => {
    const { pool, rep } = target;
    if (pool !== undefined) return memo(pools, pool, () => resolve(members(pool)));
    if (rep !== undefined) return memo(reps, rep, () => resolve([rep]));
    return NO_CANDIDATES;
  };
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
