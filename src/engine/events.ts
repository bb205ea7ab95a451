import type { Outcome } from "../explain/codes";
import type { Decision } from "./decide";
import type { StatePatch } from "./working-state";

/** Every event type, listed once. */
export const EVENT_TYPES = [
  "customer_decided",
  "customer_claimed",
  "claim_denied",
  "activity_recorded",
  "customer_released",
  "customer_reclaimed",
  "customer_transferred",
  "rep_offboarded",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * A fact about one change, carrying the values it computed (ownership and protection ends,
 * rotation pointers, counters) in `set`, so `replay` rebuilds the state without re-deciding.
 * Audit-only events (a denied claim) have no `set`.
 */
export interface RouterEvent {
  type: EventType;
  /** The state version this event belongs to. */
  version: number;
  /** When it happened (decision time), ISO-8601 UTC. */
  at: string;
  customerId?: string;
  repId?: string;
  outcome?: Outcome;
  queue?: string;
  ruleId?: string;
  /** Extra facts of the event (claim reason, transfer actor and reason, …). */
  data?: Record<string, unknown>;
  set?: StatePatch;
}

/**
 * The `customer_decided` event of a decision, carrying the state changes it made. Keys in the
 * order type, version, at, customerId, outcome, data, repId, queue, ruleId, set. The common
 * shapes are one literal each: built key by key, an event outgrows its in-object slots, and a
 * batch keeps one event per customer.
 */
export function decidedEvent(
  version: number,
  at: string,
  decision: Decision,
  set: StatePatch | undefined,
  data?: Record<string, unknown>,
): RouterEvent {
  const { customerId, outcome, repId, queue, ruleId } = decision;
  const type = "customer_decided";
  if (data === undefined && set !== undefined && ruleId !== undefined) {
    if (repId !== undefined && queue === undefined)
      return { type, version, at, customerId, outcome, repId, ruleId, set };
    if (queue !== undefined && repId === undefined)
      return { type, version, at, customerId, outcome, queue, ruleId, set };
  }
  const event: RouterEvent = { type, version, at, customerId, outcome };
  if (data !== undefined) event.data = data;
  if (repId !== undefined) event.repId = repId;
  if (queue !== undefined) event.queue = queue;
  if (ruleId !== undefined) event.ruleId = ruleId;
  if (set !== undefined) event.set = set;
  return event;
}
