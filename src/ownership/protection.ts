/**
 * The clock arithmetic of ownership (DESIGN §7): protection, the idle clock and the sweep's
 * release moment. Days are calendar days in the rule set's time zone keeping the wall-clock
 * time; intervals are half-open `[start, end)`. All functions are pure.
 */
import type { RuleSet } from "../schema/rule-set";
import type { CustomerState } from "../schema/state";
import { addCalendarDays } from "../time";

/** Epoch ms of an optional engine-written instant. */
export function instant(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso);
}

/**
 * The protection end of an ownership starting at `start`: `start + protection.days`, or
 * undefined when no protection is configured (or `days` is 0).
 */
export function protectionEnd(start: number, ruleSet: RuleSet): number | undefined {
  const days = ruleSet.ownership.protection?.days ?? 0;
  return days > 0 ? addCalendarDays(start, days, ruleSet.timezone) : undefined;
}

/**
 * The protection end after the owner's activity at `at`:
 * `max(end, min(at + extendOnActivityDays, start + maxDays))` — never shorter than before, never
 * past `maxDays` from the ownership start (no `maxDays`: unbounded). A customer without a
 * protection end counts as protected until its ownership start, so an activity can open
 * protection when only `extendOnActivityDays` is configured. Undefined: still no protection.
 */
export function extendedProtection(
  customer: CustomerState,
  at: number,
  ruleSet: RuleSet,
): number | undefined {
  const start = instant(customer.ownedSince);
  const end = instant(customer.protectedUntil) ?? start;
  const p = ruleSet.ownership.protection;
  if (p === undefined || p.extendOnActivityDays === 0) return instant(customer.protectedUntil);
  const tz = ruleSet.timezone;
  const wanted = addCalendarDays(at, p.extendOnActivityDays, tz);
  const cap =
    p.maxDays === undefined || start === undefined
      ? Number.POSITIVE_INFINITY
      : addCalendarDays(start, p.maxDays, tz);
  const next = Math.max(end ?? Number.NEGATIVE_INFINITY, Math.min(wanted, cap));
  // An "end" at the ownership start is no protection at all: do not record one.
  if (customer.protectedUntil === undefined && start !== undefined && next <= start)
    return undefined;
  return next;
}

/** Whether the owner's protection is in force at `at` (half-open: it ends at `protectedUntil`). */
export function isProtected(customer: CustomerState, at: number): boolean {
  const until = instant(customer.protectedUntil);
  return customer.owner !== null && until !== undefined && at < until;
}

/** When the idle clock started: the later of the ownership start and the last activity. */
export function idleStart(customer: CustomerState): number | undefined {
  const since = instant(customer.ownedSince);
  const activity = instant(customer.lastActivityAt);
  if (since === undefined) return activity;
  return activity === undefined ? since : Math.max(since, activity);
}

/**
 * The idle days after which `sweep` releases this customer: the number, or the customer's tier
 * entry of a per-tier record. Undefined — never released — when `idleReleaseDays` is absent, or
 * per tier and the customer has no tier or its tier is not listed.
 */
export function idleReleaseDays(customer: CustomerState, ruleSet: RuleSet): number | undefined {
  const idle = ruleSet.ownership.idleReleaseDays;
  if (idle === undefined || typeof idle === "number") return idle;
  const tier = customer.tier;
  return tier !== undefined && Object.hasOwn(idle, tier) ? idle[tier] : undefined;
}

/**
 * When `sweep` returns an owned customer to the public pool if nothing happens:
 * `max(protection end, idle start + idleReleaseDays)`. Undefined for a customer in the pool or
 * one that is never released (see {@link idleReleaseDays}).
 */
export function releaseAt(customer: CustomerState, ruleSet: RuleSet): number | undefined {
  if (customer.owner === null) return undefined;
  const days = idleReleaseDays(customer, ruleSet);
  const idle = idleStart(customer);
  if (days === undefined || idle === undefined) return undefined;
  const idleEnd = addCalendarDays(idle, days, ruleSet.timezone);
  const protectedUntil = instant(customer.protectedUntil);
  return protectedUntil === undefined ? idleEnd : Math.max(idleEnd, protectedUntil);
}
