/**
 * Calendar arithmetic in a time zone: adding days at constant wall-clock time, and the day and
 * ISO-week keys that caps are counted under.
 */
import { civilFromDays, DAY_MS, daysFromCivil, HOUR_MS, pad } from "./civil";
import { instantFromLocal, localParts, startOfLocalDay, transitionsBetween } from "./zone";

/**
 * Add `days` calendar days in `timeZone`, keeping the wall-clock time (DST-safe: 09:00 the day
 * before a DST change is 09:00 the day after, 23 or 25 hours later). A wall time that does not
 * exist on the target day is pushed forward by the gap (02:30 → 03:30); one that exists twice
 * resolves to the earlier instant; `days = 0` returns `ms` unchanged. Pure.
 * Throws RangeError when `days` is not an integer or the zone is unknown.
 */
export function addCalendarDays(ms: number, days: number, timeZone: string): number {
  if (!Number.isInteger(days)) {
    throw new RangeError(`addCalendarDays: days must be an integer, got ${days}`);
  }
  if (days === 0) return ms;
  const { days: localDay, msOfDay } = localParts(ms, timeZone);
  return instantFromLocal((localDay + days) * DAY_MS + msOfDay, timeZone);
}

/** Add `hours` of elapsed time (not wall-clock time), rounded to the millisecond. Pure. */
export function addHours(ms: number, hours: number): number {
  return Math.round(ms + hours * HOUR_MS);
}

/** Calendar day of `ms` in `timeZone` as `YYYY-MM-DD` (e.g. `"2026-11-27"`). Pure. */
export function dayKey(ms: number, timeZone: string): string {
  const { year, month, day, days } = localParts(ms, timeZone);
  // Consecutive customers mostly fall on the same local day: reuse its key.
  if (days === lastDay.days && timeZone === lastDay.zone) return lastDay.text;
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  lastDay.zone = timeZone;
  lastDay.days = days;
  lastDay.text = text;
  return text;
}

const lastDay = { zone: "", days: Number.NaN, text: "" };
const lastWeek = { zone: "", days: Number.NaN, text: "" };

/**
 * ISO week of `ms` in `timeZone` as `YYYY-Www` with the ISO week-numbering year
 * (2027-01-01 is `"2026-W53"`, 2020-12-31 is `"2020-W53"`). Pure.
 */
export function isoWeekKey(ms: number, timeZone: string): string {
  const { days, weekday } = localParts(ms, timeZone);
  if (days === lastWeek.days && timeZone === lastWeek.zone) return lastWeek.text;
  // The ISO week belongs to the year holding its Thursday.
  const thursday = days + 4 - weekday;
  const { year } = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  const text = `${pad(year, 4)}-W${pad(week, 2)}`;
  lastWeek.zone = timeZone;
  lastWeek.days = days;
  lastWeek.text = text;
  return text;
}

/**
 * An instant after `ms` before which {@link dayKey} keeps its value: the next local midnight, or
 * an earlier clock change (a fall-back across midnight takes the key back a day).
 */
export function dayKeyStableUntil(ms: number, timeZone: string): number {
  // Every instant of one stable span has the same answer: remember the last span.
  if (timeZone === daySpan.zone && ms >= daySpan.from && ms < daySpan.until) return daySpan.until;
  const next = startOfLocalDay(localParts(ms, timeZone).days + 1, timeZone);
  const until = firstChange(ms, next, timeZone);
  daySpan.zone = timeZone;
  daySpan.from = ms;
  daySpan.until = until;
  return until;
}

const daySpan = { zone: "", from: 0, until: 0 };
const weekSpan = { zone: "", from: 0, until: 0 };

/**
 * An instant after `ms` before which {@link isoWeekKey} keeps its value: the next local Monday
 * midnight, or an earlier clock change.
 */
export function weekKeyStableUntil(ms: number, timeZone: string): number {
  if (timeZone === weekSpan.zone && ms >= weekSpan.from && ms < weekSpan.until) {
    return weekSpan.until;
  }
  const { days, weekday } = localParts(ms, timeZone);
  const until = firstChange(ms, startOfLocalDay(days + 8 - weekday, timeZone), timeZone);
  weekSpan.zone = timeZone;
  weekSpan.from = ms;
  weekSpan.until = until;
  return until;
}

/** `until`, or the first clock change in `(ms, until)` when there is one. */
function firstChange(ms: number, until: number, timeZone: string): number {
  for (const t of transitionsBetween(ms, until, timeZone)) if (t > ms && t < until) return t;
  return until;
}

/** Whether `ms` lies in the half-open interval `[from, to)`; empty when `to <= from`. */
export function inInterval(ms: number, from: number, to: number): boolean {
  return from <= ms && ms < to;
}
