import type { CompiledRuleSet } from "../engine/compile";
import { type Decision, decide, NO_CONFLICTS } from "../engine/decide";
import { decidedEvent, type RouterEvent } from "../engine/events";
import type { Roster } from "../engine/roster";
import type { Conflict } from "../explain/types";
import { toIso } from "../time";
import {
  compareIds,
  customerFromState,
  finishOp,
  inputError,
  openOp,
  requireId,
  requireInput,
} from "./common";
import type { OffboardInput, OffboardResult } from "./types";

/** The roster with `repId` inactive, whatever the caller's roster says, so no rule routes back to them. */
function withoutRep(roster: Roster, repId: string): Roster {
  const list = roster.list.map((r) => (r.id === repId ? { ...r, active: false } : r));
  return { list, byId: new Map(list.map((r) => [r.id, r])) };
}

/**
 * A leaving rep's customers are re-routed through the rules (DESIGN §4 with the rep inactive),
 * one decision and explanation each, in customer id order, at the effective time; customers
 * no rule places go to their queue and join the public pool. The rep gets no cool-downs. A
 * `rep_offboarded` event closes the list. A rep who owns nothing returns the input state.
 * Pure and deterministic.
 */
export function offboard(compiled: CompiledRuleSet, input: OffboardInput): OffboardResult {
  const args = requireInput(input, "{ repId, reps, state, now }");
  const repId = requireId(args.repId, "repId");
  const detail = args.explain ?? "summary";
  if (detail !== "summary" && detail !== "full")
    inputError("explain", 'must be "summary" or "full"');
  const op = openOp(compiled, args, {
    needsReps: true,
    roster: (r) => withoutRep(r, repId),
    detail,
  });
  const { state } = op;
  const owned = state
    .customerIds()
    .filter((id) => state.customer(id)!.owner === repId)
    .sort(compareIds);

  const decisions: Decision[] = [];
  const conflicts: Conflict[] = [];
  const events: RouterEvent[] = [];
  const at = toIso(op.at);
  if (owned.length > 0) state.advanceClock(op.at);
  owned.forEach((id, index) => {
    const customer = customerFromState(id, state.customer(id)!, index);
    const decision = decide(op, customer, op.at, NO_CONFLICTS);
    decisions.push(decision);
    conflicts.push(...decision.explanation.conflicts);
    events.push(
      decidedEvent(op.version, at, decision, state.takePatch(), { offboardedRep: repId }),
    );
  });
  const next = finishOp(op);
  events.push({
    type: "rep_offboarded",
    version: next.version,
    at,
    repId,
    data: { customers: owned },
  });
  return { decisions, conflicts, state: next, events };
}
