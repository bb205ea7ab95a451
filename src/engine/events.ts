import type { Outcome } from "../explain/codes";
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
