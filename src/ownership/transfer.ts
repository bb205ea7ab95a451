import type { CompiledRuleSet } from "../engine/compile";
import {
  auditEvent,
  changeEvent,
  explanationOf,
  finishOp,
  openOp,
  ownedRecord,
  requireId,
  requireInput,
  requireText,
  resolveCustomer,
  subjectFacts,
} from "./common";
import type { Denial, TransferInput, TransferResult } from "./types";

/**
 * A manager moves a customer to another rep (转移): protection, cool-downs, coverage, caps and
 * claim limits are ignored, and pool customers can be transferred too. The target must be in
 * the roster and active (else `inactive`); transferring to the current owner is denied
 * `already_owner`. The new owner's protection starts afresh; the previous owner gets no
 * cool-down. `actor` and `reason` are recorded in the event. Pure and deterministic.
 */
export function transfer(compiled: CompiledRuleSet, input: TransferInput): TransferResult {
  const args = requireInput(input, "{ customerId, toRepId, actor, reason, reps, state, now }");
  const toRepId = requireId(args.toRepId, "toRepId");
  const actor = requireText(args.actor, "actor");
  const note = requireText(args.reason, "reason");
  const op = openOp(compiled, args, { needsReps: true });
  const subject = resolveCustomer(op, args);
  const current = subject.record;
  const previousOwner = current?.owner ?? null;
  const target = op.roster.byId.get(toRepId);
  const denial: Denial<"inactive" | "already_owner"> | undefined =
    target === undefined
      ? { reason: "inactive", details: { notInRoster: true } }
      : !target.active
        ? { reason: "inactive", details: {} }
        : previousOwner === toRepId
          ? { reason: "already_owner", details: {} }
          : undefined;
  if (denial) {
    return {
      outcome: "denied",
      ...denial,
      state: op.unchanged,
      events: [
        auditEvent(op, "customer_transferred", subject.id, toRepId, "denied", denial, {
          actor,
          reason: note,
        }),
      ],
      explanation: explanationOf(op, {
        operation: "transfer",
        customerId: subject.id,
        repId: toRepId,
        outcome: "denied",
        reason: denial.reason,
        details: denial.details,
        owner: previousOwner,
        actor,
        note,
      }),
    };
  }

  op.state.advanceClock(op.at);
  const next = ownedRecord(op, subjectFacts(subject), current, toRepId);
  op.state.setCustomer(subject.id, next);
  const event = changeEvent(op, "customer_transferred", {
    customerId: subject.id,
    repId: toRepId,
    data: { actor, reason: note, previousOwner },
  });
  return {
    outcome: "transferred",
    state: finishOp(op),
    events: [event],
    explanation: explanationOf(op, {
      operation: "transfer",
      customerId: subject.id,
      repId: toRepId,
      outcome: "transferred",
      previousOwner,
      owner: toRepId,
      ...(next.protectedUntil !== undefined ? { protectedUntil: next.protectedUntil } : {}),
      actor,
      note,
    }),
  };
}
