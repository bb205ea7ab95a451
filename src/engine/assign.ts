import { LeadRouteError } from "../errors";
import type { Conflict, ExplainDetail } from "../explain/types";
import { type Customer, checkCustomer } from "../schema/customer";
import type { RouterState } from "../schema/state";
import { parseInstant, toIso } from "../time";
import type { CompiledRuleSet } from "./compile";
import {
  type CallContext,
  candidateResolver,
  type ExclusionObserver,
  loadResolver,
  memberResolver,
} from "./context";
import { type Decision, decide, NO_CONFLICTS } from "./decide";
import { decidedEvent, type RouterEvent } from "./events";
import { prepareRoster } from "./roster";
import { checkState, trust } from "./state-check";
import { TraceBook } from "./traces";
import { WorkingState } from "./working-state";

/** Arguments of `router.assign`. */
export interface AssignInput {
  /** Customer records (open records; see DESIGN §3). */
  customers: readonly unknown[];
  reps: readonly unknown[];
  /** The state returned by the previous call; omit for a fresh start. */
  state?: RouterState | undefined;
  /** The current moment (ISO-8601 with offset, or epoch ms). The engine never reads the clock. */
  now: string | number;
  /** `summary` (default) keeps counts per reason; `full` keeps every candidate. */
  explain?: ExplainDetail | undefined;
}

/** A record refused by validation. */
export interface Rejection {
  customerId?: string;
  index: number;
  issues: { path: string; message: string }[];
}

export interface AssignResult {
  decisions: Decision[];
  rejected: Rejection[];
  conflicts: Conflict[];
  events: RouterEvent[];
  state: RouterState;
}

/** Parse `now` in the rule set's time zone, or throw an input error. */
export function parseNow(now: unknown, timeZone: string): number {
  const t = parseInstant(now, timeZone);
  if (!t.ok) throw new LeadRouteError("invalid_input", [{ path: "now", message: t.message }]);
  return t.ms;
}

/**
 * The assign pipeline over a batch (DESIGN §4). `fullFor` asks for one customer's full
 * explanation; `onExcluded` hears every exclusion of a rep, whatever the explanation detail.
 */
export function runAssign(
  compiled: CompiledRuleSet,
  input: AssignInput,
  fullFor?: string,
  onExcluded?: ExclusionObserver,
): AssignResult {
  const rs = compiled.ruleSet;
  if (typeof input !== "object" || input === null) {
    throw new LeadRouteError("invalid_input", [
      { path: "", message: "assign takes one object { customers, reps, state, now }" },
    ]);
  }
  if (!Array.isArray(input.customers)) {
    throw new LeadRouteError("invalid_input", [
      { path: "customers", message: "must be an array of customer records" },
    ]);
  }
  const detail = input.explain ?? "summary";
  if (detail !== "summary" && detail !== "full") {
    throw new LeadRouteError("invalid_input", [
      { path: "explain", message: 'must be "summary" or "full"' },
    ]);
  }
  const nowMs = parseNow(input.now, rs.timezone);
  const base = checkState(input.state);
  const roster = prepareRoster(input.reps, rs);
  const state = new WorkingState(base);
  const version = base.version + 1;
  const members = memberResolver(compiled, roster);
  const ctx: CallContext = {
    compiled,
    roster,
    state,
    detail,
    version,
    fullFor,
    members,
    traces: new TraceBook(),
    candidates: candidateResolver(compiled, roster, members, state),
    load: loadResolver(roster, state),
    onExcluded,
  };

  const rejected: Rejection[] = [];
  const valid: Customer[] = [];
  const seen = new Set<string>();
  // An index loop, not forEach: a hole in a sparse array is a record too, rejected, never skipped.
  for (let index = 0; index < input.customers.length; index++) {
    const check = checkCustomer(input.customers[index], index, rs.timezone, nowMs);
    if (!check.ok) {
      rejected.push({
        ...(check.id !== undefined ? { customerId: check.id } : {}),
        index,
        issues: check.issues,
      });
    } else if (seen.has(check.customer.id)) {
      rejected.push({
        customerId: check.customer.id,
        index,
        issues: [
          {
            path: "id",
            message: `duplicate id "${check.customer.id}" in this batch (the first occurrence is kept)`,
          },
        ],
      });
    } else {
      seen.add(check.customer.id);
      valid.push(check.customer);
    }
  }
  // Processed in order of arrival, ties in input order: a stable sort keeps input order.
  valid.sort((a, b) => (a.receivedAt ?? nowMs) - (b.receivedAt ?? nowMs) || a.index - b.index);

  const decisions: Decision[] = [];
  const conflicts: Conflict[] = [];
  const events: RouterEvent[] = [];
  const firstOfAccount = new Map<string, string>();
  for (const customer of valid) {
    const at = Math.max(customer.receivedAt ?? nowMs, state.clockMs ?? Number.NEGATIVE_INFINITY);
    state.advanceClock(at);
    let own: readonly Conflict[] = NO_CONFLICTS;
    if (customer.accountId !== undefined) {
      const first = firstOfAccount.get(customer.accountId);
      if (first === undefined) firstOfAccount.set(customer.accountId, customer.id);
      else
        own = [
          {
            type: "duplicate_in_batch",
            customerId: customer.id,
            accountId: customer.accountId,
            firstCustomerId: first,
          },
        ];
    }
    const decision = decide(ctx, customer, at, own);
    decisions.push(decision);
    for (const c of decision.explanation.conflicts) conflicts.push(c);
    events.push(decidedEvent(version, toIso(at), decision, state.takePatch()));
  }
  return {
    decisions,
    rejected,
    conflicts,
    events,
    state: trust(state.finish(), state.changedReps),
  };
}
