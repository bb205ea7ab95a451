/**
 * Auditing past decisions from an event log: rebuild the state as of any version with `replay`,
 * and re-explain a decision with `router.explain` under the rule-set revision that made it.
 *
 * Events do not carry the rule-set revision, and `router.explain` needs the inputs of the call
 * that decided, so the host stores both beside the events: each event with its revision, and
 * each `assign` call's inputs (customers, reps, now) under the version it produced.
 */
import {
  createRouter,
  type Explanation,
  type RouterEvent,
  type RouterState,
  replay,
} from "../../src/index";

/** One stored event with the revision of the rule set that produced it. */
export interface LogEntry {
  ruleSetRevision: string;
  event: RouterEvent;
}

/** The inputs of one `assign` call, stored under the state version it produced. */
export interface AssignCall {
  version: number;
  ruleSetRevision: string;
  now: string;
  customers: unknown[];
  reps: unknown[];
}

/** What the host keeps for audits. */
export interface AuditStore {
  /** Every revision of the rule set that was ever live, by revision. */
  ruleSets: Record<string, unknown>;
  /** Every event, in commit order. */
  log: LogEntry[];
  calls: AssignCall[];
}

/** The state as of `version` (default: the latest), rebuilt from the events alone. */
export function stateAt(store: AuditStore, version = Number.POSITIVE_INFINITY): RouterState {
  return replay(store.log.filter((e) => e.event.version <= version).map((e) => e.event));
}

/** The latest decision (`customer_decided` event) about a customer, with its revision. */
export function lastDecision(store: AuditStore, customerId: string): LogEntry | undefined {
  const decisions = store.log.filter(
    (e) => e.event.type === "customer_decided" && e.event.customerId === customerId,
  );
  return decisions[decisions.length - 1];
}

/** A re-explained decision: the stored event, the revision that decided, the full explanation. */
export interface Reexplained {
  ruleSetRevision: string;
  event: RouterEvent;
  explanation: Explanation;
}

/**
 * Re-explain the latest decision about a customer: the rule set of the revision that made it
 * (or `options.revision`, to ask "what would another revision have done with the same
 * inputs?"), the state from just before the call (replayed), and the call's customers, reps and
 * `now`. The explanation is the full one, whatever detail was stored at the time.
 */
export function reExplain(
  store: AuditStore,
  customerId: string,
  options: { revision?: string } = {},
): Reexplained {
  const entry = lastDecision(store, customerId);
  if (!entry) throw new Error(`no decision about customer ${customerId} in the log`);
  const { version } = entry.event;
  const call = store.calls.find((c) => c.version === version);
  if (!call) throw new Error(`no stored inputs for the call that produced version ${version}`);
  const revision = options.revision ?? entry.ruleSetRevision;
  if (!Object.hasOwn(store.ruleSets, revision)) throw new Error(`unknown revision ${revision}`);
  const router = createRouter(store.ruleSets[revision]);
  const explanation = router.explain({
    customerId,
    customers: call.customers,
    reps: call.reps,
    state: stateAt(store, version - 1),
    now: call.now,
  });
  return { ruleSetRevision: entry.ruleSetRevision, event: entry.event, explanation };
}
