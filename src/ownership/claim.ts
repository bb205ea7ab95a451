import type { CompiledRuleSet } from "../engine/compile";
import type { Conflict } from "../explain/types";
import type { CustomerState } from "../schema/state";
import { dayKey } from "../time";
import { checkClaim } from "./claim-check";
import {
  auditEvent,
  changeEvent,
  explanationOf,
  finishOp,
  inputError,
  openOp,
  ownedRecord,
  requireId,
  requireInput,
  resolveCustomer,
  subjectFacts,
} from "./common";
import type { ClaimInput, ClaimResult } from "./types";

/**
 * A rep claims a customer from the public pool (领取). The checks of DESIGN §7 run in order and
 * the first failure is the reason; a denial returns the input state unchanged with one
 * `claim_denied` audit event, and reports a `claim_collision` when the owner changed after
 * `expectedVersion`. A granted claim starts ownership and protection afresh at the effective
 * time and counts toward the rep's daily claim limit (not toward the assignment caps).
 * Pure and deterministic.
 */
export function claim(compiled: CompiledRuleSet, input: ClaimInput): ClaimResult {
  const args = requireInput(input, "{ customerId, repId, reps, state, now, expectedVersion? }");
  const repId = requireId(args.repId, "repId");
  const expected = args.expectedVersion;
  if (expected !== undefined && (!Number.isSafeInteger(expected) || expected < 0)) {
    inputError("expectedVersion", "must be a non-negative integer (a state version)");
  }
  const op = openOp(compiled, args, { needsReps: true });
  const subject = resolveCustomer(op, args);
  const current = subject.record;
  const denial = checkClaim(op, subject, current, repId, op.at);
  if (denial) {
    const conflict = collision(subject.id, repId, current, expected);
    const conflicts = conflict ? { conflicts: [conflict] } : {};
    return {
      outcome: "denied",
      ...denial,
      ...conflicts,
      state: op.unchanged,
      events: [auditEvent(op, "claim_denied", subject.id, repId, "denied", denial, conflicts)],
      explanation: explanationOf(op, {
        operation: "claim",
        customerId: subject.id,
        repId,
        outcome: "denied",
        reason: denial.reason,
        details: denial.details,
        owner: current?.owner ?? null,
        ...conflicts,
      }),
    };
  }

  const { state, ruleSet } = op;
  state.advanceClock(op.at);
  const next = ownedRecord(op, subjectFacts(subject), current, repId);
  state.setCustomer(subject.id, next);
  const counters = state.rep(repId);
  const day = dayKey(op.at, ruleSet.timezone);
  state.setRep(repId, {
    ...counters,
    claimDay: day,
    claimCount: (counters.claimDay === day ? counters.claimCount : 0) + 1,
  });
  const previousOwner = current?.owner ?? null;
  const event = changeEvent(op, "customer_claimed", {
    customerId: subject.id,
    repId,
    data: { previousOwner },
  });
  return {
    outcome: "granted",
    state: finishOp(op),
    events: [event],
    explanation: explanationOf(op, {
      operation: "claim",
      customerId: subject.id,
      repId,
      outcome: "granted",
      previousOwner,
      owner: repId,
      ...(next.protectedUntil !== undefined ? { protectedUntil: next.protectedUntil } : {}),
    }),
  };
}

/** The race loser learns it lost: the owner changed after the version the claimant saw. */
function collision(
  customerId: string,
  repId: string,
  current: CustomerState | undefined,
  expectedVersion: number | undefined,
): Conflict | undefined {
  const changedAt = current?.ownerVersion;
  if (expectedVersion === undefined || changedAt === undefined || changedAt <= expectedVersion)
    return undefined;
  return {
    type: "claim_collision",
    customerId,
    repId,
    owner: current?.owner ?? null,
    expectedVersion,
    changedAtVersion: changedAt,
  };
}
