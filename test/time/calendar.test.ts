import { TZDate } from "@date-fns/tz";
import { addDays, format, getISOWeek, getISOWeekYear } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addHours,
  DAY_MS,
  dayKey,
  inInterval,
  isoWeekKey,
  localParts,
} from "../../src/time";
import { instantsForLocal } from "../../src/time/zone";
import { at, modernMsArb, zoneArb } from "./helpers";

const HOUR = 3_600_000;

describe("addCalendarDays", () => {
  it("keeps 09:00 across the New York DST changes (23- and 25-hour days)", () => {
    const ny = "America/New_York";
    const spring = at("2026-03-07T09:00:00-05:00");
    expect(addCalendarDays(spring, 1, ny)).toBe(at("2026-03-08T09:00:00-04:00"));
    expect(addCalendarDays(spring, 1, ny) - spring).toBe(23 * HOUR);
    const fall = at("2026-10-31T09:00:00-04:00");
    expect(addCalendarDays(fall, 1, ny)).toBe(at("2026-11-01T09:00:00-05:00"));
    expect(addCalendarDays(fall, 1, ny) - fall).toBe(25 * HOUR);
    expect(addCalendarDays(at("2026-11-01T09:00:00-05:00"), -1, ny)).toBe(fall);
  });

  it("keeps 09:00 across the Berlin DST changes, also over many days", () => {
    const berlin = "Europe/Berlin";
    const before = at("2026-03-28T09:00:00+01:00");
    expect(addCalendarDays(before, 1, berlin)).toBe(at("2026-03-29T09:00:00+02:00"));
    expect(addCalendarDays(before, 15, berlin)).toBe(at("2026-04-12T09:00:00+02:00"));
    expect(addCalendarDays(at("2026-10-20T09:00:00+02:00"), 7, berlin)).toBe(
      at("2026-10-27T09:00:00+01:00"),
    );
    expect(addCalendarDays(at("2026-04-12T09:00:00+02:00"), -15, berlin)).toBe(before);
  });

  it("is plain 24-hour arithmetic in zones without DST", () => {
    const ms = at("2026-11-27T09:30:00+08:00");
    expect(addCalendarDays(ms, 15, "Asia/Shanghai")).toBe(ms + 15 * DAY_MS);
    expect(addCalendarDays(ms, -3, "UTC")).toBe(ms - 3 * DAY_MS);
  });

  it("pushes a missing wall time forward and picks the earlier of a repeated one", () => {
    const ny = "America/New_York";
    expect(addCalendarDays(at("2026-03-07T02:30:00-05:00"), 1, ny)).toBe(
      at("2026-03-08T03:30:00-04:00"),
    );
    expect(addCalendarDays(at("2026-10-31T01:30:00-04:00"), 1, ny)).toBe(
      at("2026-11-01T01:30:00-04:00"),
    );
    // Samoa skipped 2011-12-30: a day after the 29th at 09:00 is the 31st at 09:00.
    expect(addCalendarDays(at("2011-12-29T09:00:00-10:00"), 1, "Pacific/Apia")).toBe(
      at("2011-12-31T09:00:00+14:00"),
    );
  });

  it("returns the same instant for 0 days, even in the second pass of an overlap", () => {
    const second = at("2026-11-01T01:30:00-05:00");
    expect(addCalendarDays(second, 0, "America/New_York")).toBe(second);
  });

  it("rejects fractional days", () => {
    expect(() => addCalendarDays(0, 1.5, "UTC")).toThrow(RangeError);
    expect(() => addCalendarDays(0, Number.NaN, "UTC")).toThrow(RangeError);
  });

  it("agrees with date-fns addDays on a TZDate (1990–2040)", () => {
    fc.assert(
      fc.property(zoneArb, modernMsArb, fc.integer({ min: -400, max: 400 }), (zone, ms, n) => {
        // A wall time that occurs twice (clock set back): we document the earlier instant;
        // date-fns may pick the later one, so those cases are compared by the next test instead.
        const before = localParts(ms, zone);
        fc.pre(
          instantsForLocal((before.days + n) * DAY_MS + before.msOfDay, zone).instants.length < 2,
        );
        expect(addCalendarDays(ms, n, zone)).toBe(addDays(new TZDate(ms, zone), n).getTime());
      }),
      { numRuns: 3000 },
    );
  });

  it("lands on the same wall time n days later, unless that wall time is skipped", () => {
    fc.assert(
      fc.property(zoneArb, modernMsArb, fc.integer({ min: -60, max: 60 }), (zone, ms, n) => {
        const before = localParts(ms, zone);
        const after = localParts(addCalendarDays(ms, n, zone), zone);
        const target = (before.days + n) * DAY_MS + before.msOfDay;
        const reached = after.days * DAY_MS + after.msOfDay;
        if (reached !== target) {
          // Only a DST gap may push the time forward, by less than a day.
          expect(instantsForLocal(target, zone).instants).toEqual([]);
          expect(reached).toBeGreaterThan(target);
          expect(reached - target).toBeLessThan(DAY_MS);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("addHours", () => {
  it("adds elapsed time, ignoring wall clocks", () => {
    const ms = at("2026-03-08T01:00:00-05:00");
    expect(addHours(ms, 24)).toBe(at("2026-03-09T02:00:00-04:00"));
    expect(addHours(ms, 1.5)).toBe(ms + 5_400_000);
    expect(addHours(ms, -2)).toBe(ms - 2 * HOUR);
    expect(Number.isInteger(addHours(ms, 1 / 3))).toBe(true);
  });
});

describe("dayKey", () => {
  it("switches at local midnight of each zone", () => {
    const lastMs = at("2026-11-27T15:59:59.999Z");
    expect(dayKey(lastMs, "Asia/Shanghai")).toBe("2026-11-27");
    expect(dayKey(lastMs + 1, "Asia/Shanghai")).toBe("2026-11-28");
    expect(dayKey(lastMs + 1, "America/New_York")).toBe("2026-11-27");
    expect(dayKey(lastMs + 1, "UTC")).toBe("2026-11-27");
    expect(dayKey(at("2026-11-28T04:59:59.999Z"), "America/New_York")).toBe("2026-11-27");
    expect(dayKey(at("2026-11-28T05:00:00Z"), "America/New_York")).toBe("2026-11-28");
    expect(dayKey(at("2026-11-27T18:14:59.999Z"), "Asia/Kathmandu")).toBe("2026-11-27");
    expect(dayKey(at("2026-11-27T18:15:00Z"), "Asia/Kathmandu")).toBe("2026-11-28");
    expect(dayKey(at("2026-12-31T23:30:00Z"), "Pacific/Chatham")).toBe("2027-01-01");
  });

  it("agrees with date-fns format on a TZDate (1990–2040)", () => {
    fc.assert(
      fc.property(zoneArb, modernMsArb, (zone, ms) => {
        expect(dayKey(ms, zone)).toBe(format(new TZDate(ms, zone), "yyyy-MM-dd"));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("isoWeekKey", () => {
  it("uses the ISO week-numbering year at year boundaries", () => {
    expect(isoWeekKey(at("2026-12-31T12:00:00Z"), "UTC")).toBe("2026-W53");
    expect(isoWeekKey(at("2027-01-01T12:00:00Z"), "UTC")).toBe("2026-W53");
    expect(isoWeekKey(at("2027-01-03T23:59:59.999Z"), "UTC")).toBe("2026-W53");
    expect(isoWeekKey(at("2027-01-04T00:00:00Z"), "UTC")).toBe("2027-W01");
    expect(isoWeekKey(at("2020-12-31T12:00:00Z"), "UTC")).toBe("2020-W53");
    expect(isoWeekKey(at("2021-01-03T12:00:00Z"), "UTC")).toBe("2020-W53");
    expect(isoWeekKey(at("2024-12-30T12:00:00Z"), "UTC")).toBe("2025-W01");
    expect(isoWeekKey(at("2026-11-27T12:00:00Z"), "UTC")).toBe("2026-W48");
  });

  it("counts weeks in the zone, not in UTC", () => {
    // Sunday 2027-01-03 20:00 UTC is already Monday 2027-01-04 in Shanghai.
    const ms = at("2027-01-03T20:00:00Z");
    expect(isoWeekKey(ms, "UTC")).toBe("2026-W53");
    expect(isoWeekKey(ms, "Asia/Shanghai")).toBe("2027-W01");
    // Monday 2027-01-04 03:00 UTC is still Sunday evening in New York.
    expect(isoWeekKey(at("2027-01-04T03:00:00Z"), "America/New_York")).toBe("2026-W53");
  });

  it("agrees with date-fns getISOWeek/getISOWeekYear on a TZDate (1990–2040)", () => {
    fc.assert(
      fc.property(zoneArb, modernMsArb, (zone, ms) => {
        const d = new TZDate(ms, zone);
        const expected = `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, "0")}`;
        expect(isoWeekKey(ms, zone)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("inInterval", () => {
  it("is half-open", () => {
    expect(inInterval(10, 10, 20)).toBe(true);
    expect(inInterval(19, 10, 20)).toBe(true);
    expect(inInterval(20, 10, 20)).toBe(false);
    expect(inInterval(9, 10, 20)).toBe(false);
    expect(inInterval(10, 10, 10)).toBe(false);
    expect(inInterval(15, 20, 10)).toBe(false);
  });
});
