/**
 * Parsing of input times: a strict grammar first, then exact arithmetic, never `Date.parse`
 * (whose leniency differs between engines and accepts "tomorrow"-like surprises).
 */
import {
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  daysInMonth,
  HOUR_MS,
  MINUTE_MS,
  pad,
} from "./civil";
import { isValidTimeZone, startOfLocalDay } from "./zone";

/** Result of {@link parseInstant}: epoch milliseconds, or a message saying what is wrong. */
export type TimeResult = { ok: true; ms: number } | { ok: false; message: string };

/** Earliest accepted instant, 0000-01-01T00:00:00.000Z (years outside 0000–9999 need the
 * expanded ISO form, which the inputs do not allow and `toIso` would not round-trip). */
export const MIN_INSTANT_MS = -62_167_219_200_000;
/** Latest accepted instant, 9999-12-31T23:59:59.999Z. */
export const MAX_INSTANT_MS = 253_402_300_799_999;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// The tail after the time is checked separately so that a missing or malformed offset gets
// its own message instead of a generic "not a date-time".
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(.*)$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function fail(message: string): TimeResult {
  return { ok: false, message };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function checkDate(year: number, month: number, day: number): string | undefined {
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (month < 1 || month > 12) return `invalid calendar date ${text}: month must be 01–12`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return `invalid calendar date ${text}: ${MONTHS[month - 1]} ${pad(year, 4)} has ${last} days`;
  }
  return undefined;
}

function inRange(ms: number): TimeResult {
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    return fail("time out of range: must lie within years 0000–9999 UTC");
  }
  return { ok: true, ms: ms + 0 }; // + 0 turns -0 into 0
}

/**
 * Parse an input time into epoch milliseconds: an ISO-8601 date-time with `Z` or a `±HH:MM`
 * offset (seconds and 1–9 fractional digits optional; digits past milliseconds are truncated),
 * an integer number of epoch milliseconds, or a date alone (`2026-12-01`), meaning the first
 * instant of that day in `timeZone`. Pure; never throws; rejects a date-time without offset,
 * impossible dates such as 2026-02-30, leap seconds, `24:00`, digit strings, NaN, Infinity,
 * fractions and anything outside years 0000–9999.
 *
 * @example parseInstant("2026-11-27T09:30:00+08:00", "UTC") // { ok: true, ms: 1795743000000 }
 */
export function parseInstant(value: unknown, timeZone: string): TimeResult {
  if (!isValidTimeZone(timeZone)) return fail(`unknown time zone ${quote(String(timeZone))}`);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return fail(`epoch milliseconds must be finite, got ${value}`);
    if (!Number.isInteger(value)) {
      return fail(`epoch milliseconds must be an integer, got ${value}`);
    }
    return inRange(value);
  }
  if (typeof value !== "string") {
    return fail(
      `expected an ISO-8601 date-time string or epoch milliseconds (a number), got ${
        value === null ? "null" : Array.isArray(value) ? "an array" : typeof value
      }`,
    );
  }

  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly !== null) {
    const year = Number(dateOnly[1]);
    const month = Number(dateOnly[2]);
    const day = Number(dateOnly[3]);
    const bad = checkDate(year, month, day);
    if (bad !== undefined) return fail(bad);
    return inRange(startOfLocalDay(daysFromCivil(year, month, day), timeZone));
  }

  const m = DATE_TIME.exec(value);
  if (m === null) {
    if (/^\d+$/.test(value)) {
      return fail(`epoch milliseconds must be a number, not the string ${quote(value)}`);
    }
    return fail(
      `not an ISO-8601 date-time (e.g. 2026-11-27T09:30:00+08:00), date (2026-12-01) or epoch milliseconds: ${quote(value)}`,
    );
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  const tail = m[8] ?? "";

  const badDate = checkDate(year, month, day);
  if (badDate !== undefined) return fail(badDate);
  if (hour > 23 || minute > 59 || second > 59) {
    return fail(`invalid time of day in ${quote(value)}: hours 00–23, minutes and seconds 00–59`);
  }

  let offsetMs: number;
  if (tail === "") return fail("date-time without offset: add Z or +08:00");
  if (tail === "Z") {
    offsetMs = 0;
  } else {
    const o = OFFSET.exec(tail);
    if (o === null) {
      return fail(`invalid UTC offset ${quote(tail)} in ${quote(value)}: use Z or ±HH:MM`);
    }
    const oh = Number(o[2]);
    const om = Number(o[3]);
    if (oh > 23 || om > 59) return fail(`invalid UTC offset ${quote(tail)}: hours 00–23`);
    offsetMs = (o[1] === "-" ? -1 : 1) * (oh * HOUR_MS + om * MINUTE_MS);
  }

  const local =
    daysFromCivil(year, month, day) * DAY_MS +
    hour * HOUR_MS +
    minute * MINUTE_MS +
    second * 1000 +
    millis;
  return inRange(local - offsetMs);
}

/**
 * ISO-8601 UTC text of an instant, `Date#toISOString` form (`2026-11-27T01:30:00.000Z`).
 * Throws RangeError for a non-finite instant.
 */
export function toIso(ms: number): string {
  // The pipeline formats the same decision time several times per customer; two slots also
  // cover the interleaving with a protection end. A cache hit returns the same string value.
  if (ms === isoA.ms) return isoA.text;
  if (ms === isoB.ms) return isoB.text;
  const text =
    Number.isInteger(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS
      ? formatIso(ms)
      : new Date(ms).toISOString();
  const slot = isoNext ? isoB : isoA;
  isoNext = !isoNext;
  slot.ms = ms;
  slot.text = text;
  return text;
}

const isoA = { ms: Number.NaN, text: "" };
const isoB = { ms: Number.NaN, text: "" };
let isoNext = false;

/**
 * `toISOString` by integer arithmetic (years 0000–9999), a few times faster than via `Date`.
 * Built from char codes so the string is flat: a template literal would leave a tree of
 * concatenations, several times larger, in every state record that keeps the time.
 */
function formatIso(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / HOUR_MS);
  rest -= hour * HOUR_MS;
  const minute = Math.floor(rest / MINUTE_MS);
  rest -= minute * MINUTE_MS;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  return String.fromCharCode(
    digit(year, 1000),
    digit(year, 100),
    digit(year, 10),
    digit(year, 1),
    45, // -
    digit(month, 10),
    digit(month, 1),
    45,
    digit(day, 10),
    digit(day, 1),
    84, // T
    digit(hour, 10),
    digit(hour, 1),
    58, // :
    digit(minute, 10),
    digit(minute, 1),
    58,
    digit(second, 10),
    digit(second, 1),
    46, // .
    digit(milli, 100),
    digit(milli, 10),
    digit(milli, 1),
    90, // Z
  );
}

/** Char code of the decimal digit of `value` at `place` (1, 10, 100, 1000). */
const digit = (value: number, place: number): number => 48 + (Math.floor(value / place) % 10);
