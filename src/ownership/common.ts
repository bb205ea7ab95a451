/**
 * What every ownership operation shares: argument checks, the effective time, the customer's
 * facts, and the records a customer gets when it changes hands or returns to the pool.
 */
import { parseNow } from "../engine/assign";
import type { CompiledRuleSet } from "../engine/compile";
import {
  type CallContext,
  candidateResolver,
  loadResolver,
  memberResolver,
} from "../engine/context";
import { resolveTier } from "../engine/decide";
import type { EventType, RouterEvent } from "../engine/events";
import { prepareRoster, type Roster } from "../engine/roster";
import { checkState, trust } from "../engine/state-check";
import { TraceBook } from "../engine/traces";
import { WorkingState } from "../engine/working-state";
import { LeadRouteError } from "../errors";
import type { ExplainDetail } from "../explain/types";
import { FORBIDDEN_KEYS, LIMITS } from "../limits";
import { type Customer, checkCustomer, describe } from "../schema/customer";
import type { RuleSet } from "../schema/rule-set";
import type { CustomerState, RouterState } from "../schema/state";
import { toIso } from "../time";
import { protectionEnd } from "./protection";
import type { CustomerRef, Denial, OperationExplanation } from "./types";

/** Throw the library's input error for one path. */
export function inputError(path: string, message: string): never {
  throw new LeadRouteError("invalid_input", [{ path, message }]);
}

/** The argument object of an operation, or an input error naming the expected shape. */
export function requireInput<T>(input: T, usage: string): T & object {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return inputError("", `takes one object ${usage}`);
  }
  return input;
}

/** An id argument: a non-empty, bounded string that is not a prototype key. */
export function requireId(value: unknown, path: string): string {
  if (typeof value !== "string" || value.length === 0) {
    return inputError(path, `must be a non-empty string, got ${describe(value)}`);
  }
  if (value.length > LIMITS.maxIdLength) {
    return inputError(path, `must be at most ${LIMITS.maxIdLength} characters`);
  }
  if (FORBIDDEN_KEYS.has(value)) return inputError(path, `"${value}" is a reserved name`);
  return value;
}

/** A required free-text argument (transfer actor and reason). */
export function requireText(value: unknown, path: string): string {
  if (typeof value !== "string" || value.trim().length === 0) {
    return inputError(path, `must be a non-empty string, got ${describe(value)}`);
  }
  if (value.length > LIMITS.maxStringLength) {
    return inputError(path, `must be at most ${LIMITS.maxStringLength} characters`);
  }
  return value;
}

/** The call context of one operation: the state to work on and the effective time. */
export interface Op extends CallContext {
  readonly ruleSet: RuleSet;
  readonly base: RouterState;
  /** What a denial or no-op returns: the caller's state object itself (a fresh state when none was given). */
  readonly unchanged: RouterState;
  /** Effective time: `max(now, state.clock)`, so operations never go back in time. */
  readonly at: number;
}

const NO_ROSTER: Roster = { list: [], byId: new Map() };

/**
 * Check the shared arguments (`state`, `now`, and `reps` when given or `needsReps`) and open
 * the working state.
 */
export function openOp(
  compiled: CompiledRuleSet,
  input: { state?: RouterState | undefined; now: unknown; reps?: unknown },
  options: {
    needsReps?: boolean;
    roster?: (roster: Roster) => Roster;
    detail?: ExplainDetail;
  } = {},
): Op {
  const ruleSet = compiled.ruleSet;
  const nowMs = parseNow(input.now, ruleSet.timezone);
  const base = checkState(input.state);
  let roster =
    input.reps === undefined && !options.needsReps ? NO_ROSTER : prepareRoster(input.reps, ruleSet);
  if (options.roster) roster = options.roster(roster);
  const state = new WorkingState(base);
  const members = memberResolver(compiled, roster);
  return {
    compiled,
    ruleSet,
    roster,
    state,
    base,
    unchanged: input.state ?? base,
    detail: options.detail ?? "summary",
    version: base.version + 1,
    members,
    traces: new TraceBook(),
    candidates: candidateResolver(compiled, roster, members, state),
    load: loadResolver(roster, state),
    at: Math.max(nowMs, state.clockMs ?? Number.NEGATIVE_INFINITY),
  };
}

/** The customer facts the state remembers (everything except ownership and pool fields). */
export type CustomerFacts = Pick<
  CustomerState,
  "accountId" | "tier" | "country" | "region" | "postalCode" | "industry" | "source"
>;

const FACT_KEYS = [
  "accountId",
  "tier",
  "country",
  "region",
  "postalCode",
  "industry",
  "source",
] as const;

/** The remembered facts of a record, without its ownership and pool fields. */
export function factsOf(source: CustomerFacts): CustomerFacts {
  const out: CustomerFacts = {};
  for (const key of FACT_KEYS) {
    const v = source[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** The facts to remember of a resolved customer: the state's, or those of its new record. */
export function subjectFacts(subject: ResolvedCustomer): CustomerFacts {
  if (subject.record) return factsOf(subject.record);
  const out: CustomerFacts = {};
  for (const key of FACT_KEYS) {
    const v = key === "tier" ? subject.tier : subject.customer[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * A customer record rebuilt from what the state remembers, for coverage checks and for
 * re-routing (offboard): id plus the remembered facts, the tier as given.
 */
export function customerFromState(id: string, record: CustomerState, index = 0): Customer {
  const facts = factsOf(record);
  return {
    id,
    index,
    record: { id, ...facts },
    accountId: facts.accountId,
    receivedAt: undefined,
    tier: facts.tier,
    country: facts.country,
    region: facts.region,
    postalCode: facts.postalCode,
    industry: facts.industry,
    source: facts.source,
  };
}

/** A customer as an operation sees it: its facts, and its state record when the state has seen it. */
export interface ResolvedCustomer {
  readonly id: string;
  readonly customer: Customer;
  readonly tier: string | undefined;
  readonly record: CustomerState | undefined;
}

/**
 * Find the customer of an operation: the state's record for `customerId`, or a validated
 * `customer` record when the state has not seen it (a record for a customer the state knows
 * is ignored: the state's facts decide). An unseen customer without a record is an input error.
 */
export function resolveCustomer(op: Op, ref: CustomerRef): ResolvedCustomer {
  const rawRecord = ref.customer;
  const recordId =
    typeof rawRecord === "object" && rawRecord !== null && Object.hasOwn(rawRecord, "id")
      ? Reflect.get(rawRecord, "id")
      : undefined;
  let id: string;
  if (ref.customerId !== undefined) {
    id = requireId(ref.customerId, "customerId");
    if (rawRecord !== undefined && recordId !== id) {
      inputError("customer.id", `${JSON.stringify(recordId)} does not match customerId "${id}"`);
    }
  } else if (rawRecord !== undefined) id = requireId(recordId, "customer.id");
  else return inputError("customerId", "is required (or pass the customer's record as `customer`)");
  const record = op.state.customer(id);
  if (record !== undefined) {
    return { id, customer: customerFromState(id, record), tier: record.tier, record };
  }
  if (rawRecord === undefined) {
    return inputError(
      "customerId",
      `unknown customer "${id}": the state has not seen it; pass its record as \`customer\``,
    );
  }
  const check = checkCustomer(rawRecord, 0, op.ruleSet.timezone, op.at);
  if (!check.ok) {
    throw new LeadRouteError(
      "invalid_input",
      check.issues.map((i) => ({
        path: i.path ? `customer.${i.path}` : "customer",
        message: i.message,
      })),
    );
  }
  return { id, customer: check.customer, tier: tierOf(op, check.customer), record: undefined };
}

/** The tier of a new customer as `assign` would compute it; unknown when a tier condition throws. */
function tierOf(op: Op, customer: Customer): string | undefined {
  try {
    return resolveTier(op, customer, {
      customer: customer.record,
      now: toIso(op.at),
      nowMs: op.at,
    })?.id;
  } catch {
    return undefined;
  }
}

/** Cool-downs still running at `at`, plus `extra`; expired ones are dropped so the state does not grow forever. */
export function liveCooldowns(
  cooldowns: Readonly<Record<string, string>> | undefined,
  at: number,
  extra?: { repId: string; until: number },
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  if (cooldowns) {
    for (const rep of Object.keys(cooldowns).sort(compareIds)) {
      const until = cooldowns[rep]!;
      if (Date.parse(until) > at) out = { ...out, [rep]: until };
    }
  }
  if (extra && extra.until > at) out = { ...out, [extra.repId]: toIso(extra.until) };
  return out;
}

/**
 * The record of a customer that `repId` takes at `at` (claim or transfer): ownership and
 * protection start afresh, activity and pool fields are cleared, running cool-downs are kept.
 */
export function ownedRecord(
  op: Op,
  facts: CustomerFacts,
  previous: CustomerState | undefined,
  repId: string,
): CustomerState {
  const next: CustomerState = {
    owner: repId,
    ...factsOf(facts),
    ownerVersion: op.version,
    ownedSince: toIso(op.at),
  };
  const until = protectionEnd(op.at, op.ruleSet);
  if (until !== undefined) next.protectedUntil = toIso(until);
  const cooldowns = liveCooldowns(previous?.cooldowns, op.at);
  if (cooldowns) next.cooldowns = cooldowns;
  return next;
}

/**
 * The record of a customer returning to the public pool at `since` (release or sweep): no
 * owner, the new-in-pool clock starts at `since`, and the previous owner's release cool-down
 * (`releaseCooldownDays` from `since`) joins the running ones.
 */
export function poolRecord(
  op: Op,
  previous: CustomerState,
  since: number,
  cooldownUntil: number | undefined,
): CustomerState {
  const next: CustomerState = {
    owner: null,
    ...factsOf(previous),
    ownerVersion: op.version,
    inPoolSince: toIso(since),
  };
  const cooldowns = liveCooldowns(
    previous.cooldowns,
    op.at,
    previous.owner !== null && cooldownUntil !== undefined
      ? { repId: previous.owner, until: cooldownUntil }
      : undefined,
  );
  if (cooldowns) next.cooldowns = cooldowns;
  return next;
}

/** The state after the operation: a new, trusted state on change, else the caller's object. */
export function finishOp(op: Op): RouterState {
  return op.state.hasChanges ? trust(op.state.finish(), op.state.changedReps) : op.unchanged;
}

/** Explanation fields common to every operation. */
export function explanationOf(
  op: Op,
  fields: Omit<OperationExplanation, "ruleSet" | "at"> & { at?: string },
): OperationExplanation {
  const { at, operation, customerId, repId, outcome, ...rest } = fields;
  // A fixed key order: the explanation is serialized byte-identically for the same inputs.
  return {
    operation,
    ruleSet: { id: op.ruleSet.id, revision: op.ruleSet.revision ?? null },
    customerId,
    repId,
    outcome,
    at: at ?? toIso(op.at),
    ...rest,
  };
}

/**
 * The audit-only event of a denial or no-op: the unchanged version, no `set`, the outcome and
 * the denial in `data`.
 */
export function auditEvent(
  op: Op,
  type: EventType,
  customerId: string,
  repId: string,
  outcome: string,
  denial: Denial,
  extra: Record<string, unknown> = {},
): RouterEvent {
  return {
    type,
    version: op.base.version,
    at: toIso(op.at),
    customerId,
    repId,
    data: { outcome, denial: { reason: denial.reason, details: denial.details }, ...extra },
  };
}

/** The event of a state change, carrying the working state's pending patch. */
export function changeEvent(
  op: Op,
  type: EventType,
  fields: Omit<RouterEvent, "type" | "version" | "at" | "set"> & { at?: string },
): RouterEvent {
  const { at, ...rest } = fields;
  const event: RouterEvent = { type, version: op.version, at: at ?? toIso(op.at), ...rest };
  const patch = op.state.takePatch();
  if (patch) event.set = patch;
  return event;
}

/** Id order without locale rules. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The answer of an owner-only operation (activity, release) to anyone but the owner:
 * `not_owner` with the current owner, the state unchanged, one audit event.
 */
export function notOwner<O extends "ignored" | "denied">(
  op: Op,
  how: {
    operation: "recordActivity" | "release";
    eventType: EventType;
    outcome: O;
    customerId: string;
    repId: string;
    current: CustomerState | undefined;
  },
): {
  outcome: O;
  reason: "not_owner";
  details: { owner?: string | null };
  state: RouterState;
  events: RouterEvent[];
  explanation: OperationExplanation;
} {
  const { operation, eventType, outcome, customerId, repId, current } = how;
  const denial: Denial<"not_owner"> = {
    reason: "not_owner",
    details: current ? { owner: current.owner } : {},
  };
  return {
    outcome,
    ...denial,
    state: op.unchanged,
    events: [auditEvent(op, eventType, customerId, repId, outcome, denial)],
    explanation: explanationOf(op, {
      operation,
      customerId,
      repId,
      outcome,
      reason: denial.reason,
      details: denial.details,
      owner: current?.owner ?? null,
    }),
  };
}
