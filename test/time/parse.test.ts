import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_INSTANT_MS, MIN_INSTANT_MS, parseInstant, toIso } from "../../src/time";
import { at } from "./helpers";

function ok(value: unknown, zone = "UTC"): number {
  const result = parseInstant(value, zone);
  if (!result.ok) throw new Error(`expected ${String(value)} to parse: ${result.message}`);
  return result.ms;
}

function error(value: unknown, zone = "UTC"): string {
  const result = parseInstant(value, zone);
  if (result.ok) throw new Error(`expected ${String(value)} to fail, got ${result.ms}`);
  return result.message;
}

describe("parseInstant: date-times with offsets", () => {
  it("applies Z and ±HH:MM offsets", () => {
    expect(ok("2026-11-27T09:30:00+08:00")).toBe(at("2026-11-27T01:30:00Z"));
    expect(ok("2026-11-27T01:30:00Z")).toBe(at("2026-11-27T01:30:00Z"));
    expect(ok("2026-11-26T20:30:00-05:00")).toBe(at("2026-11-27T01:30:00Z"));
    expect(ok("2026-11-27T07:15:00+05:45")).toBe(at("2026-11-27T01:30:00Z"));
    expect(ok("2026-11-27T01:30:00-00:00")).toBe(at("2026-11-27T01:30:00Z"));
  });

  it("ignores the time-zone argument when the offset is explicit", () => {
    expect(ok("2026-11-27T09:30:00+08:00", "America/New_York")).toBe(
      ok("2026-11-27T09:30:00+08:00", "Asia/Shanghai"),
    );
  });

  it("accepts optional seconds and 1–9 fractional digits, truncated to the millisecond", () => {
    expect(ok("2026-11-27T09:30+08:00")).toBe(at("2026-11-27T01:30:00Z"));
    expect(ok("2026-11-27T01:30:00.5Z")).toBe(at("2026-11-27T01:30:00.500Z"));
    expect(ok("2026-11-27T01:30:00.123Z")).toBe(at("2026-11-27T01:30:00.123Z"));
    expect(ok("2026-11-27T01:30:00.123999999Z")).toBe(at("2026-11-27T01:30:00.123Z"));
    expect(error("2026-11-27T01:30:00.1234567890Z")).toMatch(/offset/);
    expect(error("2026-11-27T01:30:00.Z")).toMatch(/offset/);
  });

  it("rejects a date-time without offset with the prescribed hint", () => {
    expect(error("2026-11-27T09:30:00")).toBe("date-time without offset: add Z or +08:00");
    expect(error("2026-11-27T09:30")).toBe("date-time without offset: add Z or +08:00");
    expect(error("2026-11-27T09:30:00.250")).toBe("date-time without offset: add Z or +08:00");
  });

  it("rejects malformed offsets and lenient spellings", () => {
    for (const text of [
      "2026-11-27T09:30:00+0800",
      "2026-11-27T09:30:00+08",
      "2026-11-27T09:30:00+24:00",
      "2026-11-27T09:30:00+08:60",
      "2026-11-27T09:30:00z",
      "2026-11-27T09:30:00 Z",
      "2026-11-27T09:30:00Z ",
    ]) {
      expect(error(text)).toMatch(/offset/);
    }
    for (const text of [
      "2026-11-27 09:30:00Z",
      "2026-11-27t09:30:00Z",
      " 2026-11-27T09:30:00Z",
      "2026-11-27T9:30:00Z",
      "26-11-27T09:30:00Z",
      "+002026-11-27T09:30:00Z",
      "2026/11/27",
      "Fri, 27 Nov 2026 09:30:00 GMT",
      "tomorrow",
      "now",
      "",
    ]) {
      expect(error(text)).toMatch(/not an ISO-8601 date-time/);
    }
  });

  it("rejects impossible dates and times", () => {
    expect(error("2026-02-30T10:00:00Z")).toBe(
      "invalid calendar date 2026-02-30: February 2026 has 28 days",
    );
    expect(error("2026-02-29T10:00:00Z")).toMatch(/invalid calendar date/);
    expect(error("1900-02-29T10:00:00Z")).toMatch(/invalid calendar date/);
    expect(ok("2024-02-29T10:00:00Z")).toBe(at("2024-02-29T10:00:00Z"));
    expect(ok("2000-02-29T10:00:00Z")).toBe(at("2000-02-29T10:00:00Z"));
    expect(error("2026-04-31T10:00:00Z")).toMatch(/April 2026 has 30 days/);
    expect(error("2026-13-01T10:00:00Z")).toMatch(/month must be 01–12/);
    expect(error("2026-00-10T10:00:00Z")).toMatch(/month must be 01–12/);
    expect(error("2026-11-00T10:00:00Z")).toMatch(/invalid calendar date/);
    expect(error("2026-11-27T24:00:00Z")).toMatch(/invalid time of day/);
    expect(error("2026-11-27T23:60:00Z")).toMatch(/invalid time of day/);
    expect(error("2026-12-31T23:59:60Z")).toMatch(/invalid time of day/);
  });
});

describe("parseInstant: dates alone", () => {
  it("means the start of that day in the given zone", () => {
    expect(ok("2026-12-01", "Asia/Shanghai")).toBe(at("2026-11-30T16:00:00Z"));
    expect(ok("2026-12-01", "America/New_York")).toBe(at("2026-12-01T05:00:00Z"));
    expect(ok("2026-07-01", "America/New_York")).toBe(at("2026-07-01T04:00:00Z"));
    expect(ok("2026-12-01", "UTC")).toBe(at("2026-12-01T00:00:00Z"));
  });

  it("handles DST days and zones whose midnight does not exist", () => {
    expect(ok("2026-03-08", "America/New_York")).toBe(at("2026-03-08T05:00:00Z"));
    expect(ok("2026-11-01", "America/New_York")).toBe(at("2026-11-01T04:00:00Z"));
    expect(ok("2026-09-06", "America/Santiago")).toBe(at("2026-09-06T04:00:00Z"));
  });

  it("rejects impossible dates and unknown zones", () => {
    expect(error("2026-02-30", "Asia/Shanghai")).toBe(
      "invalid calendar date 2026-02-30: February 2026 has 28 days",
    );
    expect(error("2026-12-01", "Mars/Olympus")).toBe('unknown time zone "Mars/Olympus"');
  });
});

describe("parseInstant: epoch milliseconds", () => {
  it("accepts integer numbers, including negative ones", () => {
    expect(ok(1_795_743_000_000)).toBe(1_795_743_000_000);
    expect(ok(0)).toBe(0);
    expect(Object.is(ok(-0), 0)).toBe(true);
    expect(ok(-86_400_000)).toBe(-86_400_000);
  });

  it("rejects NaN, infinities, fractions, digit strings and out-of-range values", () => {
    expect(error(Number.NaN)).toMatch(/finite/);
    expect(error(Number.POSITIVE_INFINITY)).toMatch(/finite/);
    expect(error(Number.NEGATIVE_INFINITY)).toMatch(/finite/);
    expect(error(1.5)).toMatch(/integer/);
    expect(error("1795743000000")).toMatch(/must be a number/);
    expect(error(8.64e15)).toMatch(/out of range/);
    expect(error(MAX_INSTANT_MS + 1)).toMatch(/out of range/);
    expect(error(MIN_INSTANT_MS - 1)).toMatch(/out of range/);
    expect(ok(MAX_INSTANT_MS)).toBe(MAX_INSTANT_MS);
    expect(ok(MIN_INSTANT_MS)).toBe(MIN_INSTANT_MS);
    expect(error("0000-01-01T00:00:00+01:00")).toMatch(/out of range/);
    expect(ok("9999-12-31T23:59:59.999Z")).toBe(MAX_INSTANT_MS);
  });

  it("rejects other types without throwing", () => {
    for (const value of [null, undefined, true, {}, [], new Date(0), 10n]) {
      expect(error(value)).toMatch(/expected an ISO-8601 date-time string or epoch milliseconds/);
    }
  });
});

describe("parseInstant: properties", () => {
  const msArb = fc.integer({ min: MIN_INSTANT_MS, max: MAX_INSTANT_MS });

  it("round-trips toIso", () => {
    fc.assert(
      fc.property(msArb, (ms) => {
        expect(ok(toIso(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with Date.parse on well-formed strings with any offset", () => {
    fc.assert(
      fc.property(
        // 0001-01-01 … 9999-01-01, so that any offset keeps the local time within 0000–9999.
        fc.integer({ min: -62_135_596_800_000, max: 253_370_764_800_000 }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (ms, offsetMin) => {
          const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
          const sign = offsetMin < 0 ? "-" : "+";
          const abs = Math.abs(offsetMin);
          const hh = String(Math.floor(abs / 60)).padStart(2, "0");
          const mm = String(abs % 60).padStart(2, "0");
          const text = `${local}${sign}${hh}:${mm}`;
          expect(ok(text)).toBe(Date.parse(text));
          expect(ok(text)).toBe(ms);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything(), fc.double()), (value) => {
        const result = parseInstant(value, "Asia/Shanghai");
        if (result.ok) expect(Number.isInteger(result.ms)).toBe(true);
        else expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("toIso", () => {
  it("prints UTC with milliseconds", () => {
    expect(toIso(at("2026-11-27T01:30:00Z"))).toBe("2026-11-27T01:30:00.000Z");
    expect(toIso(0)).toBe("1970-01-01T00:00:00.000Z");
  });
});
