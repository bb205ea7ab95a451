/**
 * Working hours: weekly wall-clock windows in the rep's own time zone.
 * A window `{ days, from, to }` covers `[from, to)` on each listed ISO weekday; when
 * `from > to` it runs past midnight into the next day, and `days` names the day it starts.
 */
import { DAY_MS, isoWeekdayOfDays, MINUTE_MS } from "./civil";
import { instantsForLocal, localParts, transitionsBetween } from "./zone";

/** A weekly window: ISO weekdays (1 = Mon … 7 = Sun) and wall-clock `HH:MM` bounds. */
export interface WorkingWindow {
  readonly days: readonly number[];
  /** Inclusive start, `00:00`–`23:59`. */
  readonly from: string;
  /** Exclusive end, `00:00`–`24:00`; before `from` means the next day. */
  readonly to: string;
}

/** One problem found by {@link validateWorkingWindows}, zod-style: a path and a message. */
export interface WorkingWindowIssue {
  path: (string | number)[];
  message: string;
}

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const WINDOW_KEYS = ["days", "from", "to"];
const WINDOW_KEY_SET = new Set(WINDOW_KEYS);

/** How far {@link nextWorkingStart} looks ahead: a week plus a day covers any weekly pattern. */
export const NEXT_WORKING_START_HORIZON_MS = 8 * DAY_MS;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function checkTime(
  window: Record<string, unknown>,
  key: "from" | "to",
  index: number,
  issues: WorkingWindowIssue[],
): void {
  const path = [index, key];
  if (!Object.hasOwn(window, key)) {
    issues.push({ path, message: `"${key}" is required (HH:MM)` });
    return;
  }
  const value = window[key];
  if (typeof value !== "string" || !HHMM.test(value)) {
    issues.push({
      path,
      message: `expected a time HH:MM between 00:00 and ${key === "to" ? "24:00" : "23:59"}, got ${JSON.stringify(value) ?? String(value)}`,
    });
  } else if (key === "from" && value === "24:00") {
    issues.push({ path, message: `"from" may not be 24:00; start at 00:00 of the next day` });
  }
}

/**
 * Check working-hours input and list every problem with its path (`[0, "from"]`,
 * `[1, "days", 2]`): an array of `{ days, from, to }` objects, no other keys, `days` a
 * non-empty list of distinct integers 1–7, `from`/`to` `HH:MM` in 00:00–24:00 with `from`
 * before 24:00. An empty array is valid (never working). Pure; never throws.
 */
export function validateWorkingWindows(windows: unknown): WorkingWindowIssue[] {
  const issues: WorkingWindowIssue[] = [];
  if (!Array.isArray(windows)) {
    return [{ path: [], message: "expected an array of { days, from, to } windows" }];
  }
  // Index loops, not forEach, so that holes in a sparse array are reported too.
  for (let index = 0; index < windows.length; index++) {
    const window: unknown = windows[index];
    if (!isRecord(window)) {
      issues.push({ path: [index], message: "expected an object { days, from, to }" });
      continue;
    }
    for (const key of Object.keys(window)) {
      if (WINDOW_KEY_SET.has(key)) continue;
      const near = WINDOW_KEYS.find((known) => editDistance(key, known) <= 2);
      issues.push({
        path: [index, key],
        message: `unknown key "${key}"${near === undefined ? "" : `; did you mean "${near}"?`}`,
      });
    }
    if (!Object.hasOwn(window, "days")) {
      issues.push({ path: [index, "days"], message: `"days" is required (ISO weekdays 1–7)` });
    } else {
      const days = window.days;
      if (!Array.isArray(days)) {
        issues.push({ path: [index, "days"], message: "expected an array of ISO weekdays 1–7" });
      } else if (days.length === 0) {
        issues.push({
          path: [index, "days"],
          message: "must list at least one ISO weekday (1 = Mon … 7 = Sun)",
        });
      } else {
        for (let j = 0; j < days.length; j++) {
          const day: unknown = days[j];
          if (typeof day !== "number" || !Number.isInteger(day) || day < 1 || day > 7) {
            issues.push({
              path: [index, "days", j],
              message: `expected an ISO weekday 1–7 (1 = Mon … 7 = Sun), got ${JSON.stringify(day) ?? String(day)}`,
            });
          } else if (days.indexOf(day) !== j) {
            issues.push({ path: [index, "days", j], message: `weekday ${day} is listed twice` });
          }
        }
      }
    }
    checkTime(window, "from", index, issues);
    checkTime(window, "to", index, issues);
  }
  return issues;
}

/** Minutes of an `HH:MM` string (validated input); NaN for anything else, which makes the
 * window empty rather than wrong. Char codes avoid allocating in the hot loop. */
function minutesOf(hhmm: string): number {
  if (hhmm.length !== 5) return Number.NaN;
  return (
    (hhmm.charCodeAt(0) - 48) * 600 +
    (hhmm.charCodeAt(1) - 48) * 60 +
    (hhmm.charCodeAt(3) - 48) * 10 +
    (hhmm.charCodeAt(4) - 48)
  );
}

/**
 * Whether instant `ms` falls inside any window, on the wall clock of `timeZone`: `from`
 * inclusive, `to` exclusive, `24:00` is the end of the day; `from > to` runs past midnight and
 * covers the early hours of the day after each listed day (a Friday 22:00–06:00 window covers
 * Saturday 03:00, not Friday 03:00); `from == to` is empty. Windows must be validated with
 * {@link validateWorkingWindows}. Pure; throws RangeError for an unknown zone.
 */
export function isWithinWorkingHours(
  ms: number,
  windows: readonly WorkingWindow[],
  timeZone: string,
): boolean {
  if (windows.length === 0) return false;
  const { weekday, minuteOfDay } = localParts(ms, timeZone);
  const previous = weekday === 1 ? 7 : weekday - 1;
  for (const window of windows) {
    const from = minutesOf(window.from);
    const to = minutesOf(window.to);
    if (from < to) {
      if (minuteOfDay >= from && minuteOfDay < to && window.days.includes(weekday)) return true;
    } else if (from > to) {
      if (minuteOfDay >= from && window.days.includes(weekday)) return true;
      if (minuteOfDay < to && window.days.includes(previous)) return true;
    }
  }
  return false;
}

/**
 * The earliest instant `>= ms` and at most {@link NEXT_WORKING_START_HORIZON_MS} (8 days) later
 * at which {@link isWithinWorkingHours} holds, or undefined if there is none (`ms` itself when
 * already inside). DST-exact: a window entered by a clock change starts at the change, and a
 * start time repeated by a fall-back counts at both instants. Pure.
 */
export function nextWorkingStart(
  ms: number,
  windows: readonly WorkingWindow[],
  timeZone: string,
): number | undefined {
  if (isWithinWorkingHours(ms, windows, timeZone)) return ms;
  const horizon = ms + NEXT_WORKING_START_HORIZON_MS;
  // Membership only turns on where the wall clock reaches a window's start, or where a clock
  // change jumps into a window; so the answer is the first such candidate that is inside.
  const candidates = transitionsBetween(ms, horizon, timeZone);
  const today = localParts(ms, timeZone).days;
  for (let day = today - 1; day <= today + 9; day++) {
    const weekday = isoWeekdayOfDays(day);
    for (const window of windows) {
      const from = minutesOf(window.from);
      const to = minutesOf(window.to);
      // NaN bounds (unvalidated input) fail both comparisons: an empty window, as above.
      if (!((from < to || from > to) && window.days.includes(weekday))) continue;
      for (const t of instantsForLocal(day * DAY_MS + from * MINUTE_MS, timeZone).instants) {
        candidates.push(t);
      }
    }
  }
  candidates.sort((a, b) => a - b);
  for (const t of candidates) {
    if (t > ms && t <= horizon && isWithinWorkingHours(t, windows, timeZone)) return t;
  }
  return undefined;
}

/** How far ahead {@link workingHoursStableUntil} looks; past it, the answer is simply re-checked. */
const STABLE_HORIZON_MS = 2 * DAY_MS;

/**
 * An instant `> ms` before which {@link isWithinWorkingHours} keeps the answer it gives at `ms`:
 * the first window edge (any window's `from` or `to` on the local wall clock) or clock change
 * after `ms`, or `ms` + 2 days when none comes sooner. Membership depends only on the local
 * weekday and minute, and changes only where the wall clock crosses an edge or jumps, so it is
 * constant up to there (an overnight window's midnight is no edge: it runs on into the next
 * day). Lets a caller re-check a rep's hours once per edge instead of once per customer. Pure.
 */
export function workingHoursStableUntil(
  ms: number,
  windows: readonly WorkingWindow[],
  timeZone: string,
): number {
  const horizon = ms + STABLE_HORIZON_MS;
  let until = horizon;
  for (const t of transitionsBetween(ms, horizon, timeZone)) if (t > ms && t < until) until = t;
  const today = localParts(ms, timeZone).days;
  for (let day = today - 1; day <= today + 3; day++) {
    for (const window of windows) {
      for (const minutes of [minutesOf(window.from), minutesOf(window.to)]) {
        if (Number.isNaN(minutes)) continue;
        for (const t of instantsForLocal(day * DAY_MS + minutes * MINUTE_MS, timeZone).instants) {
          if (t > ms && t < until) until = t;
        }
      }
    }
  }
  return until;
}
