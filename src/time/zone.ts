/**
 * Time-zone offsets and local (wall-clock) fields, fast enough for the per-rep, per-customer
 * hot loop: one cached `Intl.DateTimeFormat` per zone, offsets memoised per UTC hour, and the
 * calendar fields derived by integer arithmetic on the shifted instant.
 */
import { civilFromDays, DAY_MS, HOUR_MS, isoWeekdayOfDays, MINUTE_MS } from "./civil";

/** Wall-clock fields of an instant in a time zone. */
export interface LocalParts {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** Whole minutes since local midnight, 0–1439. */
  readonly minuteOfDay: number;
  /** Local day number: days since 1970-01-01 on the local calendar. */
  readonly days: number;
  /** Milliseconds since local midnight, 0–86 399 999. */
  readonly msOfDay: number;
  /** UTC offset in milliseconds at this instant (local = instant + offset). */
  readonly offsetMs: number;
}

interface ZoneCache {
  readonly format: (date: Date) => string;
  /** UTC hour bucket → offset in ms; NaN marks a bucket containing a transition. */
  readonly buckets: Map<number, number>;
  lastMs: number;
  lastParts: LocalParts | undefined;
}

// Caches only speed things up; results never depend on them. They are bounded so that a
// stream of hostile zone names or far-apart instants cannot grow memory without limit.
const MAX_VALIDITY_ENTRIES = 4096;
const MAX_BUCKETS_PER_ZONE = 100_000;
const validity = new Map<string, boolean>();
const zones = new Map<string, ZoneCache>();
let lastValid: string | undefined;

// IANA names start with a letter; this rejects bare offsets such as "+08:00", which some
// newer Intl versions accept, so that the set of valid zones does not depend on the runtime.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/**
 * Whether `timeZone` is `"UTC"` or an IANA zone name this runtime's Intl knows (case-insensitive
 * as in Intl, aliases such as `US/Eastern` included); bare offsets like `+08:00` are rejected.
 * Results are cached per name.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string") return false;
  // Every record of a batch is parsed in the same zone: skip the map for the last valid one.
  if (timeZone === lastValid) return true;
  const cached = validity.get(timeZone);
  if (cached !== undefined) {
    if (cached) lastValid = timeZone;
    return cached;
  }
  let ok = timeZone === "UTC";
  if (!ok && ZONE_NAME.test(timeZone)) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
      ok = true;
    } catch {
      ok = false;
    }
  }
  if (validity.size >= MAX_VALIDITY_ENTRIES) validity.clear();
  validity.set(timeZone, ok);
  if (ok) lastValid = timeZone;
  return ok;
}

function zoneCache(timeZone: string): ZoneCache {
  const cached = zones.get(timeZone);
  if (cached !== undefined) return cached;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"`);
  // "longOffset" prints "GMT+08:00", "GMT-04:56:02" or "GMT": the offset itself, to the second.
  const format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).format;
  const zone: ZoneCache = { format, buckets: new Map(), lastMs: Number.NaN, lastParts: undefined };
  if (zones.size >= MAX_VALIDITY_ENTRIES) zones.clear();
  zones.set(timeZone, zone);
  return zone;
}

function rawOffset(zone: ZoneCache, ms: number): number {
  const text = zone.format(new Date(ms));
  const at = text.lastIndexOf("GMT");
  if (at < 0) throw new RangeError(`unexpected offset format "${text}"`);
  const offset = text.slice(at + 3);
  if (offset === "") return 0;
  const sign = offset.charCodeAt(0) === 45 ? -1 : 1; // "-"
  const [h = "0", m = "0", s = "0"] = offset.slice(1).split(":");
  return sign * (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
}

/**
 * UTC offset of `timeZone` at instant `ms`, in milliseconds (Asia/Shanghai: +28 800 000).
 * Memoised per zone and UTC hour; an hour whose two ends disagree holds a transition and is
 * computed exactly each time. Assumes no zone changes its offset twice within one hour and
 * back (true of all tzdata). Throws RangeError for an unknown zone or an invalid instant.
 */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const zone = zoneCache(timeZone);
  const bucket = Math.floor(ms / HOUR_MS);
  const hit = zone.buckets.get(bucket);
  if (hit !== undefined) return Number.isNaN(hit) ? rawOffset(zone, ms) : hit;
  const start = bucket * HOUR_MS;
  const first = rawOffset(zone, start);
  const last = rawOffset(zone, start + HOUR_MS - 1);
  if (zone.buckets.size >= MAX_BUCKETS_PER_ZONE) zone.buckets.clear();
  zone.buckets.set(bucket, first === last ? first : Number.NaN);
  return first === last ? first : rawOffset(zone, ms);
}

/**
 * Wall-clock fields of instant `ms` in `timeZone` (calendar date, ISO weekday, minute of day),
 * computed from the zone offset by integer arithmetic; the last result per zone is memoised
 * and returned frozen, so callers share it safely. Throws RangeError for an unknown zone.
 */
export function localParts(ms: number, timeZone: string): LocalParts {
  const zone = timeZone === "UTC" ? undefined : zoneCache(timeZone);
  if (zone !== undefined && zone.lastMs === ms && zone.lastParts !== undefined) {
    return zone.lastParts;
  }
  const offsetMs = zoneOffsetMs(ms, timeZone);
  const local = ms + offsetMs;
  const days = Math.floor(local / DAY_MS);
  const msOfDay = local - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const parts: LocalParts = Object.freeze({
    year,
    month,
    day,
    weekday: isoWeekdayOfDays(days),
    minuteOfDay: Math.floor(msOfDay / MINUTE_MS),
    days,
    msOfDay,
    offsetMs,
  });
  if (zone !== undefined) {
    zone.lastMs = ms;
    zone.lastParts = parts;
  }
  return parts;
}

/**
 * Every instant whose wall-clock time in `timeZone` is `localMs` (a local time written as if it
 * were UTC ms), ascending: one normally, two in a fall-back overlap, none in a spring-forward
 * gap. `before`/`after` are the offsets in force around it. Assumes at most one transition
 * within a day of it, as Temporal's reference implementation does.
 */
export function instantsForLocal(
  localMs: number,
  timeZone: string,
): { instants: number[]; before: number; after: number } {
  const before = zoneOffsetMs(localMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(localMs + DAY_MS, timeZone);
  const instants: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const t = localMs - offset;
    if (zoneOffsetMs(t, timeZone) === offset) instants.push(t);
  }
  instants.sort((a, b) => a - b);
  return { instants, before, after };
}

/**
 * The instant showing wall-clock `localMs` in `timeZone`, disambiguated like Temporal's
 * "compatible" mode (and JS Date / TZDate): in an overlap the earlier instant, in a gap the
 * time pushed forward by the gap's length (02:30 in a 02:00→03:00 gap becomes 03:30).
 */
export function instantFromLocal(localMs: number, timeZone: string): number {
  const { instants, before } = instantsForLocal(localMs, timeZone);
  const first = instants[0];
  return first !== undefined ? first : localMs - before;
}

/**
 * First instant of local day number `days` in `timeZone`: local midnight, or, when midnight
 * falls in a gap (zones that change at 00:00), the transition instant that ends the gap.
 */
export function startOfLocalDay(days: number, timeZone: string): number {
  const localMs = days * DAY_MS;
  const { instants, before, after } = instantsForLocal(localMs, timeZone);
  const first = instants[0];
  if (first !== undefined) return first;
  return firstTransitionAfter(localMs - after, localMs - before, timeZone);
}

/**
 * Smallest instant in `(lo, hi]` whose offset differs from the offset at `lo`, by bisection;
 * requires the offsets at `lo` and `hi` to differ (one transition between them).
 */
export function firstTransitionAfter(lo: number, hi: number, timeZone: string): number {
  const base = zoneOffsetMs(lo, timeZone);
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (zoneOffsetMs(mid, timeZone) === base) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Offset transitions of `timeZone` in `[from, to]`, ascending, found by sampling every
 * `stepMs` and bisecting where the offset differs (a transition pair closer than `stepMs`
 * that cancels out is not seen; tzdata has none at a six-hour step).
 */
export function transitionsBetween(
  from: number,
  to: number,
  timeZone: string,
  stepMs = 6 * HOUR_MS,
): number[] {
  const found: number[] = [];
  let prevAt = from;
  let prevOffset = zoneOffsetMs(from, timeZone);
  while (prevAt < to) {
    const at = Math.min(prevAt + stepMs, to);
    const offset = zoneOffsetMs(at, timeZone);
    if (offset !== prevOffset) found.push(firstTransitionAfter(prevAt, at, timeZone));
    prevAt = at;
    prevOffset = offset;
  }
  return found;
}
