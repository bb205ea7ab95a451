import type { CompiledRuleSet } from "../engine/compile";
import { addCalendarDays, toIso } from "../time";
import {
  changeEvent,
  explanationOf,
  finishOp,
  notOwner,
  openOp,
  poolRecord,
  requireId,
  requireInput,
} from "./common";
import type { ReleaseInput, ReleaseResult } from "./types";

/**
 * The owner gives a customer back to the public pool (释放) at the effective time: the rep's
 * release cool-down (`releaseCooldownDays`) and everyone's new-in-pool cool-down start then.
 * A rep who is not the owner is denied with `not_owner`, the state unchanged. Pure.
 */
export function release(compiled: CompiledRuleSet, input: ReleaseInput): ReleaseResult {
  const args = requireInput(input, "{ customerId, repId, state, now }");
  const customerId = requireId(args.customerId, "customerId");
  const repId = requireId(args.repId, "repId");
  const op = openOp(compiled, { state: args.state, now: args.now });
  const current = op.state.customer(customerId);
  if (current?.owner !== repId) {
    return notOwner(op, {
      operation: "release",
      eventType: "customer_released",
      outcome: "denied",
      customerId,
      repId,
      current,
    });
  }

  const { ruleSet } = op;
  const days = ruleSet.ownership.releaseCooldownDays;
  const cooldown = days > 0 ? addCalendarDays(op.at, days, ruleSet.timezone) : undefined;
  op.state.advanceClock(op.at);
  op.state.setCustomer(customerId, poolRecord(op, current, op.at, cooldown));
  const event = changeEvent(op, "customer_released", {
    customerId,
    repId,
    data: { cooldownUntil: cooldown === undefined ? null : toIso(cooldown) },
  });
  return {
    outcome: "released",
    state: finishOp(op),
    events: [event],
    explanation: explanationOf(op, {
      operation: "release",
      customerId,
      repId,
      outcome: "released",
      previousOwner: repId,
      owner: null,
      ...(cooldown !== undefined ? { cooldownUntil: toIso(cooldown) } : {}),
    }),
  };
}
