import { LeadRouteError } from "../errors";
import { forbiddenKeyIssues } from "../schema/forbidden-keys";
import { fromZodIssues } from "../schema/issues";
import { initialState, type RepState, type RouterState, StateSchema } from "../schema/state";

/** States this library returned. Hosts treat states as immutable values (DESIGN §7), so these need no re-check. */
const trusted = new WeakSet<object>();

/**
 * Mark a state as produced here: later calls can skip re-validating it. `changedReps`, when
 * given, are the only rep records the call changed (a counter is exhausted only by a change);
 * otherwise every rep is checked.
 */
export function trust(
  state: RouterState,
  changedReps: ReadonlyMap<string, RepState> | undefined = undefined,
): RouterState {
  // Never hand out a state that would be refused when read back (2^53 changes: unreachable,
  // but a stored state can claim anything).
  if (state.version > Number.MAX_SAFE_INTEGER || state.seq > Number.MAX_SAFE_INTEGER) {
    throw new LeadRouteError("invalid_state", [
      {
        path: "state.version",
        message: "the version counter is exhausted: no further change can be recorded",
      },
    ]);
  }
  for (const [id, rep] of changedReps ?? Object.entries(state.reps)) {
    if (Math.max(rep.dayCount, rep.weekCount, rep.claimCount) > Number.MAX_SAFE_INTEGER) {
      throw new LeadRouteError("invalid_state", [
        {
          path: `state.reps.${id}`,
          message: "a counter is exhausted: no further change can be recorded",
        },
      ]);
    }
  }
  trusted.add(state);
  return state;
}

/**
 * The state to work from: a fresh one when absent, the caller's when it is one we produced,
 * else the caller's after a full schema check (a state read back from a database is validated).
 */
export function checkState(state: unknown): RouterState {
  if (state === undefined || state === null) return initialState();
  if (typeof state === "object" && trusted.has(state)) return state as RouterState;
  const forbidden = forbiddenKeyIssues(state, ["state"]);
  if (forbidden.length > 0) throw new LeadRouteError("invalid_state", forbidden);
  const parsed = StateSchema.safeParse(state);
  if (!parsed.success)
    throw new LeadRouteError(
      "invalid_state",
      fromZodIssues(parsed.error.issues, StateSchema, ["state"]),
    );
  return parsed.data;
}
