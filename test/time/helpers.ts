import { TZDate } from "@date-fns/tz";
import fc from "fast-check";

/** Zones with whole-hour, half-hour and 45-minute offsets, northern and southern DST, 30-minute
 * DST (Lord Howe), midnight transitions (Santiago, Havana) and Ramadan DST (Casablanca). */
export const ZONES = [
  "UTC",
  "Asia/Shanghai",
  "America/New_York",
  "America/Los_Angeles",
  "Europe/Berlin",
  "Europe/London",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Australia/Sydney",
  "America/Santiago",
  "America/Havana",
  "America/St_Johns",
  "Pacific/Chatham",
  "Africa/Casablanca",
] as const;

export const zoneArb = fc.constantFrom(...ZONES);

/** Instants 1990–2040, where @date-fns/tz (used as a reference) is exact. */
export const modernMsArb = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });

/** ms from an ISO string that must be well formed (test fixtures only). */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad fixture ${iso}`);
  return ms;
}

/** Wall-clock fields via TZDate: an implementation independent of src/time. */
export function tzFields(ms: number, timeZone: string) {
  const d = new TZDate(ms, timeZone);
  const jsDay = d.getDay();
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    weekday: jsDay === 0 ? 7 : jsDay,
    minuteOfDay: d.getHours() * 60 + d.getMinutes(),
  };
}
