import type { CompiledRuleSet } from "../engine/compile";
import { addCalendarDays, localParts, startOfLocalDay, toIso } from "../time";
import { checkClaim } from "./claim-check";
import {
  inputError,
  type Op,
  openOp,
  poolRecord,
  type ResolvedCustomer,
  requireId,
  requireInput,
  resolveCustomer,
} from "./common";
import { idleStart, isProtected, releaseAt } from "./protection";
import type { ClaimAnswer, ClaimDenialReason, LookupInput, LookupResult } from "./types";

/**
 * Who owns a customer or an account, and may `repId` claim the customer (查重, before
 * prospecting). By customer: the owner, the protection end while in force, the idle start,
 * when the sweep would release it, the account's owner, and — with `repId` — the claim answer:
 * allowed now, or the first failing reason and the earliest moment the claim would be granted
 * if nothing else happens (`allowedFrom`; null when the rules promise none). By `accountId`
 * alone: the account owner, no claim answer. Read-only and deterministic; `exempt` is not
 * evaluated (the sweep evaluates it on the records it is given).
 */
export function lookup(compiled: CompiledRuleSet, input: LookupInput): LookupResult {
  const args = requireInput(input, "{ customerId | accountId, repId?, reps, state, now }");
  const byAccount = args.accountId !== undefined;
  if (byAccount && (args.customerId !== undefined || args.customer !== undefined)) {
    inputError("accountId", "give customerId (or customer) or accountId, not both");
  }
  const repId = args.repId === undefined ? undefined : requireId(args.repId, "repId");
  if (byAccount && repId !== undefined) {
    inputError("repId", "a claim is per customer: give customerId with repId");
  }
  if (repId !== undefined && args.reps === undefined) inputError("reps", "is required with repId");
  const op = openOp(compiled, args);

  if (byAccount) {
    const accountId = requireId(args.accountId, "accountId");
    return { accountId, owner: accountOwner(op, accountId) ?? null };
  }
  // Who-owns-it needs no facts: an id the state has not seen is simply not owned.
  if (repId === undefined && args.customer === undefined) {
    const id = requireId(args.customerId, "customerId");
    if (op.state.customer(id) === undefined) return { customerId: id, owner: null };
  }
  const subject = resolveCustomer(op, args);
  const record = subject.record;
  const result: LookupResult = { customerId: subject.id, owner: record?.owner ?? null };
  const accountId = subject.customer.accountId;
  if (accountId !== undefined) result.accountId = accountId;
  if (record && record.owner !== null) {
    if (isProtected(record, op.at)) result.protectedUntil = record.protectedUntil!;
    const idle = idleStart(record);
    if (idle !== undefined) result.idleSince = toIso(idle);
    const release = releaseAt(record, op.ruleSet);
    if (release !== undefined) result.releaseAt = toIso(release);
  }
  if (accountId !== undefined) {
    const owner = accountOwner(op, accountId);
    if (owner !== undefined) result.accountOwner = owner;
  }
  if (repId !== undefined) result.claim = answer(op, subject, repId);
  return result;
}

/** The rep owning most of the account's customers, then the lowest id (active or not: ownership lasts until offboard). */
function accountOwner(op: Op, accountId: string): string | undefined {
  let best: { owner: string; count: number } | undefined;
  for (const [owner, count] of op.state.accountOwners(accountId) ?? []) {
    if (!best || count > best.count || (count === best.count && owner < best.owner))
      best = { owner, count };
  }
  return best?.owner;
}

/** Reasons no waiting cures: the rules promise no moment for them. */
const FINAL: ReadonlySet<ClaimDenialReason> = new Set<ClaimDenialReason>([
  "inactive",
  "already_owner",
  "account_owned_by_other",
  "out_of_territory",
  "industry_not_covered",
  "tier_not_covered",
  "owned_cap_reached",
]);

function answer(op: Op, subject: ResolvedCustomer, repId: string): ClaimAnswer {
  const denial = checkClaim(op, subject, subject.record, repId, op.at);
  if (!denial) return { allowed: true };
  const from = FINAL.has(denial.reason) ? null : allowedFrom(op, subject, repId);
  return { allowed: false, ...denial, allowedFrom: from };
}

/**
 * Walk the clocks forward from the effective time — protection end, sweep release, new-in-pool
 * cool-down, release cool-down, next calendar day for the claim limit — judging the customer
 * as a sweep would leave it once its release is due. Each step jumps to the end of the clock
 * that blocks, and no clock blocks again once passed, so the first moment every check passes
 * is the earliest; a reason that waiting cannot cure ends the walk with null.
 */
function allowedFrom(op: Op, subject: ResolvedCustomer, repId: string): string | null {
  const { ruleSet } = op;
  const tz = ruleSet.timezone;
  const cooldownDays = ruleSet.ownership.releaseCooldownDays;
  let at = op.at;
  let current = subject.record;
  // Every clock blocks at most once (two steps for ownership: protection, then the sweep).
  for (let step = 0; step < 8; step++) {
    if (current && current.owner !== null) {
      const release = releaseAt(current, ruleSet);
      if (release !== undefined && release <= at) {
        const cooldown = cooldownDays > 0 ? addCalendarDays(release, cooldownDays, tz) : undefined;
        current = poolRecord(op, current, release, cooldown);
      }
    }
    const denial = checkClaim(op, subject, current, repId, at);
    if (!denial) return toIso(at);
    switch (denial.reason) {
      case "protected_by_owner":
      case "release_cooldown":
      case "new_in_pool_cooldown":
        at = Date.parse(denial.details.until);
        break;
      case "owned_by_other":
        if (denial.details.until === null) return null;
        at = Math.max(at, Date.parse(denial.details.until));
        break;
      case "claim_limit_reached":
        if (denial.details.limit === 0) return null;
        at = startOfLocalDay(localParts(at, tz).days + 1, tz);
        break;
      default:
        return null;
    }
  }
  return null;
}
