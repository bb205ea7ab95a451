import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../src/time/civil";
import {
  instantFromLocal,
  instantsForLocal,
  isValidTimeZone,
  localParts,
  startOfLocalDay,
  transitionsBetween,
  zoneOffsetMs,
} from "../../src/time/zone";
import { at, modernMsArb, tzFields, ZONES, zoneArb } from "./helpers";

/** Offset straight from Intl's wall-clock fields, without any cache: the reference. */
function intlOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    era: "short",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const bc = parts.find((p) => p.type === "era")?.value === "BC";
  const d = new Date(0);
  d.setUTCFullYear(bc ? 1 - get("year") : get("year"), get("month") - 1, get("day"));
  d.setUTCHours(get("hour"), get("minute"), get("second"), 0);
  return d.getTime() - (ms - (((ms % 1000) + 1000) % 1000));
}

describe("isValidTimeZone", () => {
  it("accepts IANA names, aliases and UTC", () => {
    for (const zone of [...ZONES, "US/Eastern", "Asia/Calcutta", "Etc/GMT+8"]) {
      expect(isValidTimeZone(zone)).toBe(true);
    }
  });

  it("rejects unknown names, offsets and non-strings", () => {
    for (const zone of ["Foo/Bar", "", "+08:00", "-05:00", "Asia/Shang hai", "8"]) {
      expect(isValidTimeZone(zone)).toBe(false);
    }
    // Twice, so the cached answer is checked too.
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    const notAString: unknown = 42;
    expect(isValidTimeZone(notAString as string)).toBe(false);
  });

  it("makes the zone-taking functions throw RangeError for unknown zones", () => {
    expect(() => localParts(0, "Mars/Olympus")).toThrow(RangeError);
    expect(() => zoneOffsetMs(0, "+08:00")).toThrow(RangeError);
  });
});

describe("zoneOffsetMs", () => {
  it("reads whole, fractional-hour and second-precision offsets", () => {
    expect(zoneOffsetMs(at("2026-11-27T00:00:00Z"), "Asia/Shanghai")).toBe(8 * 3_600_000);
    expect(zoneOffsetMs(at("2026-11-27T00:00:00Z"), "Asia/Kathmandu")).toBe(345 * 60_000);
    expect(zoneOffsetMs(at("2026-11-27T00:00:00Z"), "America/St_Johns")).toBe(-210 * 60_000);
    // Liberia's pre-1972 mean time, -00:44:30 (a sign @date-fns/tz 1.5 gets wrong).
    expect(zoneOffsetMs(at("1938-04-24T00:00:00Z"), "Africa/Monrovia")).toBe(-2_670_000);
    // Shanghai local mean time, +08:05:43.
    expect(zoneOffsetMs(at("1890-01-01T00:00:00Z"), "Asia/Shanghai")).toBe(29_143_000);
  });

  it("switches at the exact millisecond inside a cached hour", () => {
    const change = at("2026-03-08T07:00:00Z"); // New York 02:00 EST → 03:00 EDT
    for (let i = 0; i < 2; i++) {
      expect(zoneOffsetMs(change - 1, "America/New_York")).toBe(-5 * 3_600_000);
      expect(zoneOffsetMs(change, "America/New_York")).toBe(-4 * 3_600_000);
      expect(zoneOffsetMs(change - 3_600_000, "America/New_York")).toBe(-5 * 3_600_000);
    }
  });

  it("agrees with uncached Intl for any instant 1800–2200, whatever the query order", () => {
    fc.assert(
      fc.property(
        zoneArb,
        fc.array(fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2200, 0, 1) }), {
          minLength: 1,
          maxLength: 5,
        }),
        (zone, instants) => {
          for (const ms of instants) expect(zoneOffsetMs(ms, zone)).toBe(intlOffset(ms, zone));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("localParts", () => {
  it("gives wall-clock fields in the zone", () => {
    const ms = at("2026-11-27T16:30:00Z");
    expect(localParts(ms, "Asia/Shanghai")).toMatchObject({
      year: 2026,
      month: 11,
      day: 28,
      weekday: 6,
      minuteOfDay: 30,
    });
    expect(localParts(ms, "America/New_York")).toMatchObject({
      year: 2026,
      month: 11,
      day: 27,
      weekday: 5,
      minuteOfDay: 11 * 60 + 30,
    });
    expect(localParts(ms, "UTC")).toMatchObject({ day: 27, weekday: 5, minuteOfDay: 990 });
  });

  it("returns frozen results, equal on repeated calls", () => {
    const a = localParts(123_456_789, "Europe/Berlin");
    expect(Object.isFrozen(a)).toBe(true);
    localParts(987_654_321, "Europe/Berlin");
    expect(localParts(123_456_789, "Europe/Berlin")).toEqual(a);
  });

  it("agrees with TZDate local fields (1990–2040)", () => {
    fc.assert(
      fc.property(zoneArb, modernMsArb, (zone, ms) => {
        const p = localParts(ms, zone);
        expect({
          year: p.year,
          month: p.month,
          day: p.day,
          weekday: p.weekday,
          minuteOfDay: p.minuteOfDay,
        }).toEqual(tzFields(ms, zone));
        expect(p.days * DAY_MS + p.msOfDay).toBe(ms + p.offsetMs);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("local time → instant", () => {
  const ny = "America/New_York";
  const local = (iso: string) => at(`${iso}Z`); // a wall time written as if it were UTC

  it("finds one instant normally, two in an overlap, none in a gap", () => {
    expect(instantsForLocal(local("2026-06-01T09:00:00"), ny).instants).toEqual([
      at("2026-06-01T13:00:00Z"),
    ]);
    expect(instantsForLocal(local("2026-11-01T01:30:00"), ny).instants).toEqual([
      at("2026-11-01T05:30:00Z"),
      at("2026-11-01T06:30:00Z"),
    ]);
    expect(instantsForLocal(local("2026-03-08T02:30:00"), ny).instants).toEqual([]);
  });

  it("resolves like Temporal's compatible mode: earlier in overlaps, forward in gaps", () => {
    expect(instantFromLocal(local("2026-11-01T01:30:00"), ny)).toBe(at("2026-11-01T05:30:00Z"));
    expect(instantFromLocal(local("2026-03-08T02:30:00"), ny)).toBe(at("2026-03-08T07:30:00Z"));
    expect(instantFromLocal(local("2026-03-28T12:00:00"), "UTC")).toBe(at("2026-03-28T12:00:00Z"));
  });

  it("starts a day at the transition when midnight does not exist", () => {
    const day = (iso: string) => Math.floor(local(`${iso}T00:00:00`) / DAY_MS);
    expect(startOfLocalDay(day("2026-09-06"), "America/Santiago")).toBe(at("2026-09-06T04:00:00Z"));
    expect(startOfLocalDay(day("2026-03-08"), "America/Havana")).toBe(at("2026-03-08T05:00:00Z"));
    expect(startOfLocalDay(day("2026-03-08"), ny)).toBe(at("2026-03-08T05:00:00Z"));
    // Samoa skipped 2011-12-30 entirely: the "start" is the first instant after the skip.
    expect(startOfLocalDay(day("2011-12-30"), "Pacific/Apia")).toBe(at("2011-12-30T10:00:00Z"));
  });

  it("lists transitions at the exact millisecond", () => {
    expect(
      transitionsBetween(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), "Europe/Berlin"),
    ).toEqual([at("2026-03-29T01:00:00Z"), at("2026-10-25T01:00:00Z")]);
    expect(
      transitionsBetween(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), "Asia/Shanghai"),
    ).toEqual([]);
  });
});
