import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isWithinWorkingHours,
  NEXT_WORKING_START_HORIZON_MS,
  nextWorkingStart,
  validateWorkingWindows,
  type WorkingWindow,
} from "../../src/time";
import { at, modernMsArb, tzFields, zoneArb } from "./helpers";

const WEEKDAYS = [1, 2, 3, 4, 5];
const SH = "Asia/Shanghai";
const MINUTE = 60_000;

describe("validateWorkingWindows", () => {
  it("accepts well-formed windows, 24:00 ends, overnight and empty windows", () => {
    expect(
      validateWorkingWindows([
        { days: WEEKDAYS, from: "09:00", to: "18:00" },
        { days: [5], from: "22:00", to: "06:00" },
        { days: [6, 7], from: "20:00", to: "24:00" },
        { days: [1], from: "00:00", to: "00:00" },
      ]),
    ).toEqual([]);
    expect(validateWorkingWindows([])).toEqual([]);
  });

  it("reports each problem with its path", () => {
    expect(
      validateWorkingWindows([
        { days: [1, 8, 2.5, "3", 1], from: "24:00", to: "18:60" },
        { days: [], from: "9:00", to: 1800 },
        { dyas: [1], from: "09:00", to: "18:00", extra: true },
        null,
        { days: "weekdays" },
      ]),
    ).toEqual([
      { path: [0, "days", 1], message: "expected an ISO weekday 1–7 (1 = Mon … 7 = Sun), got 8" },
      { path: [0, "days", 2], message: "expected an ISO weekday 1–7 (1 = Mon … 7 = Sun), got 2.5" },
      {
        path: [0, "days", 3],
        message: 'expected an ISO weekday 1–7 (1 = Mon … 7 = Sun), got "3"',
      },
      { path: [0, "days", 4], message: "weekday 1 is listed twice" },
      { path: [0, "from"], message: '"from" may not be 24:00; start at 00:00 of the next day' },
      { path: [0, "to"], message: 'expected a time HH:MM between 00:00 and 24:00, got "18:60"' },
      { path: [1, "days"], message: "must list at least one ISO weekday (1 = Mon … 7 = Sun)" },
      { path: [1, "from"], message: 'expected a time HH:MM between 00:00 and 23:59, got "9:00"' },
      { path: [1, "to"], message: "expected a time HH:MM between 00:00 and 24:00, got 1800" },
      { path: [2, "dyas"], message: 'unknown key "dyas"; did you mean "days"?' },
      { path: [2, "extra"], message: 'unknown key "extra"' },
      { path: [2, "days"], message: '"days" is required (ISO weekdays 1–7)' },
      { path: [3], message: "expected an object { days, from, to }" },
      { path: [4, "days"], message: "expected an array of ISO weekdays 1–7" },
      { path: [4, "from"], message: '"from" is required (HH:MM)' },
      { path: [4, "to"], message: '"to" is required (HH:MM)' },
    ]);
  });

  it("rejects non-arrays and times such as 24:01 or 25:00", () => {
    expect(validateWorkingWindows({ days: [1], from: "09:00", to: "18:00" })).toEqual([
      { path: [], message: "expected an array of { days, from, to } windows" },
    ]);
    for (const to of ["24:01", "25:00", "12:5", "12-30", " 12:30"]) {
      expect(validateWorkingWindows([{ days: [1], from: "09:00", to }])).toHaveLength(1);
    }
  });

  it("ignores inherited keys (no prototype lookups)", () => {
    const window = Object.create({ days: [1], from: "09:00", to: "18:00" });
    expect(validateWorkingWindows([window]).map((issue) => issue.path)).toEqual([
      [0, "days"],
      [0, "from"],
      [0, "to"],
    ]);
  });
});

describe("isWithinWorkingHours", () => {
  const office: WorkingWindow[] = [{ days: WEEKDAYS, from: "09:00", to: "18:00" }];

  it("includes from and excludes to, to the millisecond", () => {
    // Friday 2026-11-27 in Shanghai.
    expect(isWithinWorkingHours(at("2026-11-27T09:00:00+08:00"), office, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-27T08:59:59.999+08:00"), office, SH)).toBe(false);
    expect(isWithinWorkingHours(at("2026-11-27T17:59:59.999+08:00"), office, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-27T18:00:00+08:00"), office, SH)).toBe(false);
    expect(isWithinWorkingHours(at("2026-11-28T10:00:00+08:00"), office, SH)).toBe(false);
  });

  it("treats 24:00 as the end of the day", () => {
    const late: WorkingWindow[] = [{ days: [1], from: "20:00", to: "24:00" }];
    expect(isWithinWorkingHours(at("2026-11-30T23:59:59.999+08:00"), late, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-12-01T00:00:00+08:00"), late, SH)).toBe(false);
    const allDay: WorkingWindow[] = [{ days: [7], from: "00:00", to: "24:00" }];
    expect(isWithinWorkingHours(at("2026-11-29T00:00:00+08:00"), allDay, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-29T23:59:00+08:00"), allDay, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-30T00:00:00+08:00"), allDay, SH)).toBe(false);
  });

  it("runs an overnight window from its start day into the next morning", () => {
    const night: WorkingWindow[] = [{ days: [5], from: "22:00", to: "06:00" }];
    expect(isWithinWorkingHours(at("2026-11-28T03:00:00+08:00"), night, SH)).toBe(true); // Sat
    expect(isWithinWorkingHours(at("2026-11-27T03:00:00+08:00"), night, SH)).toBe(false); // Fri
    expect(isWithinWorkingHours(at("2026-11-27T22:00:00+08:00"), night, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-27T21:59:59.999+08:00"), night, SH)).toBe(false);
    expect(isWithinWorkingHours(at("2026-11-28T05:59:59.999+08:00"), night, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-28T06:00:00+08:00"), night, SH)).toBe(false);
    expect(isWithinWorkingHours(at("2026-11-28T22:30:00+08:00"), night, SH)).toBe(false); // Sat
    // Sunday's window runs into Monday (weekday 7 → 1 wrap).
    const sunday: WorkingWindow[] = [{ days: [7], from: "23:00", to: "01:00" }];
    expect(isWithinWorkingHours(at("2026-11-30T00:30:00+08:00"), sunday, SH)).toBe(true);
  });

  it("treats from == to as empty and no windows as never", () => {
    const empty: WorkingWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], from: "09:00", to: "09:00" }];
    for (const iso of ["2026-11-27T09:00:00+08:00", "2026-11-27T03:00:00+08:00"]) {
      expect(isWithinWorkingHours(at(iso), empty, SH)).toBe(false);
      expect(isWithinWorkingHours(at(iso), [], SH)).toBe(false);
    }
  });

  it("is the union of several windows", () => {
    const split: WorkingWindow[] = [
      { days: WEEKDAYS, from: "09:00", to: "12:00" },
      { days: WEEKDAYS, from: "13:30", to: "18:00" },
      { days: [6], from: "10:00", to: "12:00" },
    ];
    expect(isWithinWorkingHours(at("2026-11-27T11:59:00+08:00"), split, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-27T12:30:00+08:00"), split, SH)).toBe(false);
    expect(isWithinWorkingHours(at("2026-11-27T13:30:00+08:00"), split, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-28T11:00:00+08:00"), split, SH)).toBe(true);
    expect(isWithinWorkingHours(at("2026-11-28T14:00:00+08:00"), split, SH)).toBe(false);
  });

  it("reads the wall clock of the rep's zone, not UTC", () => {
    const la = "America/Los_Angeles";
    const monday: WorkingWindow[] = [{ days: [1], from: "09:00", to: "17:00" }];
    expect(isWithinWorkingHours(at("2026-11-30T16:30:00Z"), monday, la)).toBe(false); // 08:30
    expect(isWithinWorkingHours(at("2026-11-30T17:00:00Z"), monday, la)).toBe(true); // 09:00
    expect(isWithinWorkingHours(at("2026-11-30T17:00:00Z"), monday, "UTC")).toBe(false);
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo.
    const tokyoMorning: WorkingWindow[] = [{ days: [1], from: "08:00", to: "10:00" }];
    expect(isWithinWorkingHours(at("2026-11-29T23:30:00Z"), tokyoMorning, "Asia/Tokyo")).toBe(true);
    // 09:00 in Berlin stays 09:00 across the DST change: 08:00 UTC before, 07:00 UTC after.
    const berlin: WorkingWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], from: "09:00", to: "10:00" }];
    expect(isWithinWorkingHours(at("2026-03-28T08:00:00Z"), berlin, "Europe/Berlin")).toBe(true);
    expect(isWithinWorkingHours(at("2026-03-29T07:00:00Z"), berlin, "Europe/Berlin")).toBe(true);
    expect(isWithinWorkingHours(at("2026-03-29T09:00:00Z"), berlin, "Europe/Berlin")).toBe(false);
  });
});

// ---- Property tests ---------------------------------------------------------------------------

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

const windowArb: fc.Arbitrary<WorkingWindow> = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    // Bias towards round times so that edges and from == to come up often.
    from: fc.oneof(
      fc.integer({ min: 0, max: 1439 }),
      fc.integer({ min: 0, max: 23 }).map((h) => h * 60),
    ),
    to: fc.oneof(
      fc.integer({ min: 0, max: 1440 }),
      fc.integer({ min: 0, max: 24 }).map((h) => h * 60),
    ),
  })
  .map(({ days, from, to }) => ({ days, from: hhmm(from), to: hhmm(to) }));

const windowsArb = fc.array(windowArb, { minLength: 0, maxLength: 4 });

/** Naive reference: mark every covered minute of the week, walking each window minute by
 * minute from its start (wrapping past midnight), then look up TZDate's local fields. */
function referenceWithin(ms: number, windows: readonly WorkingWindow[], zone: string): boolean {
  const week = 7 * 1440;
  const covered = new Set<number>();
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  for (const w of windows) {
    const from = minutes(w.from);
    const to = minutes(w.to);
    const end = to >= from ? to : to + 1440;
    for (const day of w.days) {
      for (let m = from; m < end; m++) covered.add(((day - 1) * 1440 + m) % week);
    }
  }
  const local = tzFields(ms, zone);
  return covered.has((local.weekday - 1) * 1440 + local.minuteOfDay);
}

describe("working hours: properties", () => {
  it("generated windows are valid", () => {
    fc.assert(
      fc.property(windowsArb, (windows) => {
        expect(validateWorkingWindows(windows)).toEqual([]);
      }),
    );
  });

  it("isWithinWorkingHours agrees with a minute-by-minute reference (TZDate fields)", () => {
    fc.assert(
      fc.property(zoneArb, modernMsArb, windowsArb, (zone, ms, windows) => {
        expect(isWithinWorkingHours(ms, windows, zone)).toBe(referenceWithin(ms, windows, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it("nextWorkingStart is the first inside minute of a minute-by-minute scan", () => {
    // Whole-minute instants, half of them shortly before a 2026 clock change of their zone.
    const changes: [string, number][] = [
      ["America/New_York", at("2026-03-08T07:00:00Z")],
      ["America/New_York", at("2026-11-01T06:00:00Z")],
      ["Europe/Berlin", at("2026-03-29T01:00:00Z")],
      ["Europe/Berlin", at("2026-10-25T01:00:00Z")],
      ["Australia/Lord_Howe", at("2026-04-04T15:00:00Z")], // 30-minute fall back
      ["America/Santiago", at("2026-09-06T04:00:00Z")], // midnight gap
    ];
    const caseArb = fc.oneof(
      fc
        .tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * 1440, max: 60 }))
        .map(([[zone, change], minutes]) => ({ zone, ms: change + minutes * MINUTE })),
      fc
        .tuple(zoneArb, modernMsArb)
        .map(([zone, ms]): { zone: string; ms: number } => ({ zone, ms: ms - (ms % MINUTE) })),
    );
    fc.assert(
      fc.property(caseArb, windowsArb, ({ zone, ms }, windows) => {
        let expected: number | undefined;
        for (let t = ms; t <= ms + NEXT_WORKING_START_HORIZON_MS; t += MINUTE) {
          if (isWithinWorkingHours(t, windows, zone)) {
            expected = t;
            break;
          }
        }
        expect(nextWorkingStart(ms, windows, zone)).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("nextWorkingStart", () => {
  const office: WorkingWindow[] = [{ days: WEEKDAYS, from: "09:00", to: "18:00" }];

  it("returns the instant itself when inside", () => {
    const ms = at("2026-11-27T10:17:23.456+08:00");
    expect(nextWorkingStart(ms, office, SH)).toBe(ms);
  });

  it("finds the next opening, over a weekend and in the rep's zone", () => {
    expect(nextWorkingStart(at("2026-11-27T20:00:00+08:00"), office, SH)).toBe(
      at("2026-11-30T09:00:00+08:00"),
    );
    expect(nextWorkingStart(at("2026-11-27T08:59:59.999+08:00"), office, SH)).toBe(
      at("2026-11-27T09:00:00+08:00"),
    );
    expect(nextWorkingStart(at("2026-11-27T18:00:00+08:00"), office, "America/New_York")).toBe(
      at("2026-11-27T09:00:00-05:00"),
    );
  });

  it("enters at a clock change that jumps into a window", () => {
    const ny = "America/New_York";
    // 01:30 EST, window 02:15–05:00: 02:15 never happens; the clock jumps to 03:00 EDT.
    const sunday: WorkingWindow[] = [{ days: [7], from: "02:15", to: "05:00" }];
    expect(nextWorkingStart(at("2026-03-08T01:30:00-05:00"), sunday, ny)).toBe(
      at("2026-03-08T03:00:00-04:00"),
    );
    // 01:45 EDT, window 01:00–01:30: the clock falls back to 01:00 EST.
    const early: WorkingWindow[] = [{ days: [7], from: "01:00", to: "01:30" }];
    expect(nextWorkingStart(at("2026-11-01T01:45:00-04:00"), early, ny)).toBe(
      at("2026-11-01T01:00:00-05:00"),
    );
  });

  it("returns undefined when the schedule never opens, and looks up to 8 days ahead", () => {
    const ms = at("2026-11-27T20:00:00+08:00");
    expect(nextWorkingStart(ms, [], SH)).toBeUndefined();
    expect(nextWorkingStart(ms, [{ days: [1], from: "09:00", to: "09:00" }], SH)).toBeUndefined();
    // Friday 09:00 next week is exactly 7 days 13 hours away: found.
    const friday: WorkingWindow[] = [{ days: [5], from: "09:00", to: "10:00" }];
    expect(nextWorkingStart(ms, friday, SH)).toBe(at("2026-12-04T09:00:00+08:00"));
  });
});

describe("validateWorkingWindows: sparse input", () => {
  it("reports holes in sparse arrays", () => {
    const windows: unknown[] = [];
    windows[1] = { days: [1], from: "09:00", to: "18:00" };
    const days: unknown[] = [];
    days[1] = 2;
    expect(validateWorkingWindows(windows)).toEqual([
      { path: [0], message: "expected an object { days, from, to }" },
    ]);
    expect(validateWorkingWindows([{ days, from: "09:00", to: "18:00" }])).toEqual([
      {
        path: [0, "days", 0],
        message: "expected an ISO weekday 1–7 (1 = Mon … 7 = Sun), got undefined",
      },
    ]);
  });
});
