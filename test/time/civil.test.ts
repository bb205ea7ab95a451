import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  daysInMonth,
  isoWeekdayOfDays,
} from "../../src/time/civil";

describe("civil day numbers", () => {
  it("anchors 1970-01-01 at day 0, a Thursday", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(isoWeekdayOfDays(0)).toBe(4);
    expect(isoWeekdayOfDays(-1)).toBe(3);
    expect(isoWeekdayOfDays(daysFromCivil(2026, 11, 30))).toBe(1);
  });

  it("agrees with Date.UTC over ±10 000 years, both directions", () => {
    fc.assert(
      fc.property(fc.integer({ min: -3_000_000, max: 3_000_000 }), (days) => {
        const d = new Date(days * DAY_MS);
        const civil = civilFromDays(days);
        expect(civil).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        });
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(days);
        expect(isoWeekdayOfDays(days)).toBe(d.getUTCDay() === 0 ? 7 : d.getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it("knows month lengths and Gregorian leap years", () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});
