/**
 * The engine reuses each `rep` filter's answer while it holds (until its `stableUntil`, or a state
 * change reported for the rep). This checks that reuse against running every filter afresh
 * (`firstExclusion`), step by step, over random reps, rule sets, clocks and state changes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exclusionOf, FILTERS, repChecks } from "../../src/eligibility";
import type { EligibilityFilter, EligibilityInput, Exclusion } from "../../src/eligibility/types";
import { compileRuleSet } from "../../src/engine/compile";
import { prepareRoster } from "../../src/engine/roster";
import { WorkingState } from "../../src/engine/working-state";
import { EXCLUSION_CODES } from "../../src/explain/codes";
import { checkCustomer } from "../../src/schema/customer";
import { parseRuleSet } from "../../src/schema/parse";
import { initialState } from "../../src/schema/state";
import { dayKey, isoWeekKey, toIso } from "../../src/time";

/** The reference: every filter run afresh, in code order; the first that fails is the reason. */
function firstExclusion(input: EligibilityInput): Exclusion | undefined {
  for (const code of EXCLUSION_CODES) {
    const filter: EligibilityFilter = FILTERS[code];
    const details = filter.check(input);
    if (details !== undefined) return { repId: input.rep.id, code, details } as Exclusion;
  }
  return undefined;
}

const ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe"];
const START = Date.UTC(2026, 2, 26, 20); // days before the European spring-forward
const HOUR = 3_600_000;

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 24 }), fc.constantFrom(0, 30, 45))
  .map(([h, m]) =>
    h === 24 ? "24:00" : `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`,
  );
const window = fc.record({
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  from: hhmm.filter((t) => t !== "24:00"),
  to: hhmm,
});
const offPeriod = fc
  .tuple(fc.integer({ min: -48, max: 24 * 8 }), fc.integer({ min: 0, max: 12 }))
  .map(([start, length]) => ({
    from: toIso(START + start * HOUR),
    to: toIso(START + (start + length) * HOUR),
  }));
const rep = fc.record(
  {
    id: fc.constant("r"),
    active: fc.oneof(
      { arbitrary: fc.constant(true), weight: 4 },
      { arbitrary: fc.constant(false), weight: 1 },
    ),
    timezone: fc.constantFrom(...ZONES),
    workingHours: fc.array(window, { minLength: 1, maxLength: 3 }),
    timeOff: fc.array(offPeriod, { maxLength: 2 }),
    capacity: fc.record(
      {
        perDay: fc.integer({ min: 1, max: 3 }),
        perWeek: fc.integer({ min: 1, max: 6 }),
        owned: fc.integer({ min: 1, max: 4 }),
      },
      { requiredKeys: [] },
    ),
    territories: fc.constant(["east"]),
    industries: fc.constant(["5112*"]),
    tiers: fc.constant(["A"]),
  },
  { requiredKeys: ["id"] },
);
const customer = fc.record({
  region: fc.constantFrom("CN-SH", "CN-BJ"),
  industry: fc.constantFrom("511210", "541511"),
  tier: fc.constantFrom("A", "B"),
  cooldownHours: fc.option(fc.integer({ min: -5, max: 30 }), { nil: undefined }),
});
const step = fc.oneof(
  fc.record({
    kind: fc.constant("advance" as const),
    // Mostly quarter hours, so decisions land exactly on window edges and day starts.
    minutes: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 8 }).map((k) => k * 15), weight: 6 },
      { arbitrary: fc.integer({ min: 0, max: 3 * 24 * 4 }).map((k) => k * 15), weight: 1 },
      { arbitrary: fc.integer({ min: 0, max: 3 * 24 * 60 }), weight: 1 },
    ),
  }),
  fc.record({ kind: fc.constant("assign" as const) }),
  fc.record({ kind: fc.constant("own" as const), delta: fc.constantFrom(1, -1) }),
);

describe("reused rep-filter answers", () => {
  it("equal running every filter afresh, at every step", () => {
    fc.assert(
      fc.property(
        rep,
        fc.constantFrom(...ZONES),
        fc.oneof(
          { arbitrary: fc.constant(true), weight: 3 },
          { arbitrary: fc.constant(false), weight: 1 },
        ),
        fc.oneof(
          { arbitrary: fc.constant(true), weight: 3 },
          { arbitrary: fc.constant(false), weight: 1 },
        ),
        fc.array(fc.tuple(step, customer), { minLength: 1, maxLength: 60 }),
        (repInput, timezone, respectWorkingHours, respectTimeOff, steps) => {
          const ruleSet = parseRuleSet({
            id: "cache",
            timezone,
            territories: { east: { regions: ["CN-SH"] } },
            availability: { respectWorkingHours, respectTimeOff },
            rules: [{ id: "q", assign: { queue: "all" } }],
          });
          const compiled = compileRuleSet(ruleSet, undefined);
          const info = prepareRoster([repInput], ruleSet).byId.get("r")!;
          const checks = repChecks(info, ruleSet);
          const state = new WorkingState(initialState());
          let at = START;
          let owned = 0;
          for (const [s, c] of steps) {
            const dk = dayKey(at, ruleSet.timezone);
            const wk = isoWeekKey(at, ruleSet.timezone);
            if (s.kind === "advance") at += s.minutes * 60_000;
            else if (s.kind === "assign") {
              const r = state.rep("r");
              state.setRep("r", {
                ...r,
                day: dk,
                dayCount: (r.day === dk ? r.dayCount : 0) + 1,
                week: wk,
                weekCount: (r.week === wk ? r.weekCount : 0) + 1,
              });
              checks.stateChanged();
            } else if (s.delta > 0 || owned > 0) {
              owned += s.delta;
              // Owned customers c0 … c(owned-1); taking one back leaves it in the pool.
              const id = `c${s.delta > 0 ? owned - 1 : owned}`;
              state.setCustomer(id, s.delta > 0 ? { owner: "r" } : { owner: null });
              checks.stateChanged();
            }
            const check = checkCustomer(
              { id: "x", region: c.region, industry: c.industry, tier: c.tier },
              0,
              ruleSet.timezone,
              at,
            );
            if (!check.ok) throw new Error("bad customer fixture");
            const input: EligibilityInput = {
              rep: info,
              customer: check.customer,
              tier: c.tier,
              customerState:
                c.cooldownHours === undefined
                  ? undefined
                  : { owner: null, cooldowns: { r: toIso(at + c.cooldownHours * HOUR) } },
              at,
              dayKey: dayKey(at, ruleSet.timezone),
              weekKey: isoWeekKey(at, ruleSet.timezone),
              ruleSet,
              territories: compiled.territories,
              state,
            };
            expect(exclusionOf(checks, input)).toEqual(firstExclusion(input));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("re-checks a stateful filter only after a reported change", () => {
    const ruleSet = parseRuleSet({
      id: "cache",
      timezone: "UTC",
      rules: [{ id: "q", assign: { queue: "all" } }],
    });
    const compiled = compileRuleSet(ruleSet, undefined);
    const info = prepareRoster([{ id: "r", capacity: { perDay: 1 } }], ruleSet).byId.get("r")!;
    const checks = repChecks(info, ruleSet);
    const state = new WorkingState(initialState());
    const check = checkCustomer({ id: "x" }, 0, "UTC", START);
    if (!check.ok) throw new Error("bad customer fixture");
    const input = {
      rep: info,
      customer: check.customer,
      tier: undefined,
      customerState: undefined,
      at: START,
      dayKey: dayKey(START, "UTC"),
      weekKey: isoWeekKey(START, "UTC"),
      ruleSet,
      territories: compiled.territories,
      state,
    };
    expect(exclusionOf(checks, input)).toBeUndefined();
    state.setRep("r", { dayCount: 1, weekCount: 1, claimCount: 0, day: input.dayKey });
    // Unreported, the answer is the remembered one; reported, the cap is seen.
    expect(exclusionOf(checks, input)).toBeUndefined();
    checks.stateChanged();
    expect(exclusionOf(checks, input)).toMatchObject({
      code: "daily_cap_reached",
      details: { count: 1, limit: 1 },
    });
    // The next day the count starts again, without any report.
    const tomorrow = START + 24 * HOUR;
    expect(
      exclusionOf(checks, { ...input, at: tomorrow, dayKey: dayKey(tomorrow, "UTC") }),
    ).toBeUndefined();
  });
});

describe("a remembered answer ends exactly at its boundary", () => {
  const ruleSet = parseRuleSet({
    id: "edges",
    timezone: "Asia/Shanghai",
    rules: [{ id: "q", assign: { queue: "all" } }],
  });
  const compiled = compileRuleSet(ruleSet, undefined);
  const tz = ruleSet.timezone;
  const local = (iso: string) => Date.parse(`${iso}+08:00`);
  function edge(
    repInput: object,
    before: number,
    at: number,
    counts?: { day: number; week: number },
  ) {
    const info = prepareRoster([{ id: "r", ...repInput }], ruleSet).byId.get("r")!;
    const checks = repChecks(info, ruleSet);
    const state = new WorkingState(initialState());
    if (counts) {
      state.setRep("r", {
        day: dayKey(before, tz),
        dayCount: counts.day,
        week: isoWeekKey(before, tz),
        weekCount: counts.week,
        claimCount: 0,
      });
    }
    const check = checkCustomer({ id: "x" }, 0, tz, before);
    if (!check.ok) throw new Error("bad customer fixture");
    const input = (t: number): EligibilityInput => ({
      rep: info,
      customer: check.customer,
      tier: undefined,
      customerState: undefined,
      at: t,
      dayKey: dayKey(t, tz),
      weekKey: isoWeekKey(t, tz),
      ruleSet,
      territories: compiled.territories,
      state,
    });
    const first = exclusionOf(checks, input(before))?.code;
    const second = exclusionOf(checks, input(at))?.code;
    expect([first, second]).toEqual([
      firstExclusion(input(before))?.code,
      firstExclusion(input(at))?.code,
    ]);
    return [first, second];
  }

  it("daily and weekly caps start again with the local day and ISO week", () => {
    const sunday = local("2026-11-29T23:59:59.999");
    const monday = local("2026-11-30T00:00:00.000");
    expect(edge({ capacity: { perDay: 1 } }, sunday, monday, { day: 1, week: 1 })).toEqual([
      "daily_cap_reached",
      undefined,
    ]);
    expect(edge({ capacity: { perWeek: 1 } }, sunday, monday, { day: 1, week: 1 })).toEqual([
      "weekly_cap_reached",
      undefined,
    ]);
    // Saturday to Sunday is a new day, not a new week.
    expect(
      edge(
        { capacity: { perWeek: 1 } },
        local("2026-11-28T23:59:59.999"),
        local("2026-11-29T00:00:00.000"),
        { day: 1, week: 1 },
      ),
    ).toEqual(["weekly_cap_reached", "weekly_cap_reached"]);
  });

  it("time off starts and ends on the millisecond", () => {
    const from = local("2026-11-30T09:00:00.000");
    const to = local("2026-11-30T12:00:00.000");
    const timeOff = [{ from: toIso(from), to: toIso(to) }];
    expect(edge({ timeOff }, from - 1, from)).toEqual([undefined, "time_off"]);
    expect(edge({ timeOff }, to - 1, to)).toEqual(["time_off", undefined]);
  });

  it("working hours open and close on the minute, in the rep's zone", () => {
    const workingHours = [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "17:00" }];
    const open = local("2026-11-30T09:00:00.000");
    const close = local("2026-11-30T17:00:00.000");
    expect(edge({ workingHours }, open - 1, open)).toEqual(["outside_working_hours", undefined]);
    expect(edge({ workingHours }, close - 1, close)).toEqual([undefined, "outside_working_hours"]);
    // Friday 17:00 closes until Monday: still closed on Saturday, across midnight.
    const friday = local("2026-12-04T17:00:00.000");
    expect(edge({ workingHours }, friday, friday + 10 * HOUR)).toEqual([
      "outside_working_hours",
      "outside_working_hours",
    ]);
  });
});

describe("remembered answers across clock changes (found in review)", () => {
  function sequence(zone: string, repInput: object, times: number[], counts?: boolean) {
    const ruleSet = parseRuleSet({
      id: "dst",
      timezone: zone,
      rules: [{ id: "q", assign: { queue: "all" } }],
    });
    const compiled = compileRuleSet(ruleSet, undefined);
    const info = prepareRoster([{ id: "r", ...repInput }], ruleSet).byId.get("r")!;
    const checks = repChecks(info, ruleSet);
    const state = new WorkingState(initialState());
    const first = times[0]!;
    if (counts) {
      state.setRep("r", {
        day: dayKey(first, zone),
        dayCount: 1,
        week: isoWeekKey(first, zone),
        weekCount: 1,
        claimCount: 0,
      });
    }
    const check = checkCustomer({ id: "x" }, 0, zone, first);
    if (!check.ok) throw new Error("bad customer fixture");
    for (const t of times) {
      const input: EligibilityInput = {
        rep: info,
        customer: check.customer,
        tier: undefined,
        customerState: undefined,
        at: t,
        dayKey: dayKey(t, zone),
        weekKey: isoWeekKey(t, zone),
        ruleSet,
        territories: compiled.territories,
        state,
      };
      expect(exclusionOf(checks, input)).toEqual(firstExclusion(input));
    }
  }

  it("a daily cap whose day key goes back with a fall-back over midnight", () => {
    // America/Goose_Bay, 2010-11-07: 00:01 became 23:01 of the day before.
    const times = [Date.parse("2010-11-07T03:00:30Z"), Date.parse("2010-11-07T03:30:00Z")];
    expect(times.map((t) => dayKey(t, "America/Goose_Bay"))).toEqual(["2010-11-07", "2010-11-06"]);
    sequence("America/Goose_Bay", { capacity: { perDay: 1 } }, times, true);
  });

  it("working hours whose only window falls in a spring-forward gap", () => {
    // Sundays 02:00–02:30 in New York: on 2024-03-10 that half hour does not exist, so the next
    // start is 8 days away or more, and its search horizon moves with the decision time.
    sequence(
      "UTC",
      { timezone: "America/New_York", workingHours: [{ days: [7], from: "02:00", to: "02:30" }] },
      [Date.parse("2024-03-09T05:00:00Z"), Date.parse("2024-03-09T06:30:00Z")],
    );
  });
});
