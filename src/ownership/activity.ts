import type { CompiledRuleSet } from "../engine/compile";
import type { CustomerState } from "../schema/state";
import { toIso } from "../time";
import {
  changeEvent,
  explanationOf,
  finishOp,
  notOwner,
  openOp,
  requireId,
  requireInput,
} from "./common";
import { extendedProtection } from "./protection";
import type { ActivityInput, ActivityResult } from "./types";

/**
 * Record the owner's follow-up activity: the idle clock restarts and protection moves to
 * `max(end, min(at + extendOnActivityDays, start + maxDays))`, never shorter. Anyone else's
 * activity (or activity on a customer the state does not know) is `ignored` with `not_owner`
 * and leaves the state unchanged. Pure and deterministic.
 */
export function recordActivity(compiled: CompiledRuleSet, input: ActivityInput): ActivityResult {
  const args = requireInput(input, "{ customerId, repId, state, now }");
  const customerId = requireId(args.customerId, "customerId");
  const repId = requireId(args.repId, "repId");
  const op = openOp(compiled, { state: args.state, now: args.now });
  const current = op.state.customer(customerId);
  if (current?.owner !== repId) {
    return notOwner(op, {
      operation: "recordActivity",
      eventType: "activity_recorded",
      outcome: "ignored",
      customerId,
      repId,
      current,
    });
  }

  op.state.advanceClock(op.at);
  const { protectedUntil: _previous, ...rest } = current;
  const next: CustomerState = { ...rest, lastActivityAt: toIso(op.at) };
  const until = extendedProtection(current, op.at, op.ruleSet);
  if (until !== undefined) next.protectedUntil = toIso(until);
  op.state.setCustomer(customerId, next);
  const previous = current.protectedUntil;
  const event = changeEvent(op, "activity_recorded", {
    customerId,
    repId,
    data: {
      previousProtectedUntil: previous ?? null,
      protectedUntil: next.protectedUntil ?? null,
    },
  });
  return {
    outcome: "recorded",
    state: finishOp(op),
    events: [event],
    explanation: explanationOf(op, {
      operation: "recordActivity",
      customerId,
      repId,
      outcome: "recorded",
      owner: repId,
      ...(next.protectedUntil !== undefined ? { protectedUntil: next.protectedUntil } : {}),
      ...(previous !== undefined ? { previousProtectedUntil: previous } : {}),
    }),
  };
}
