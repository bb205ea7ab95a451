/**
 * Bugs the fuzzer found, one regression test each, minimized by hand from its counterexamples.
 */
import { describe, expect, it } from "vitest";
import { createRouter, isLeadRouteError, safeParseRuleSet } from "../../src/index";

const NOW = "2026-11-27T09:30:00+08:00";
const router = createRouter({ id: "r", rules: [] });

describe("fuzzer regressions", () => {
  // Regression (fuzzer: sparseCustomers): runAssign walks `customers` with
  // forEach, which skips holes, so a sparse array loses records silently:
  // decisions.length + rejected.length < customers.length (DESIGN §8 "nothing is lost").
  // Expected: a hole is rejected like any non-object record ("a customer must be an object").
  it("accounts for every index of a sparse customers array", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const customers = [{ id: "a" }, , { id: "b" }];
    const r = router.assign({ customers, reps: [], now: NOW });
    expect(r.decisions.length + r.rejected.length).toBe(3);
    expect(r.rejected.map((x) => x.index)).toEqual([1]);
  });

  // Regression (fuzzer: pastYear9999): instants computed from a decision time
  // near the end of the accepted range (protection end = start + days) pass 9999-12-31 and are
  // written by toIso as "+010000-01-15T00:00:00.000Z", which StateSchema (IsoInstant) refuses.
  // The returned state object is trusted and keeps working, but the copy the host stores can
  // never be read back: every later call throws invalid_state. Expected: the engine never
  // returns a state it refuses (clamp, or refuse such a `now` / clock with a LeadRouteError).
  it("returns a state it accepts back when deciding near year 9999", () => {
    const protecting = createRouter({
      id: "r",
      ownership: { protection: { days: 15 } },
      pools: { p: { members: ["ana"] } },
      rules: [{ id: "r", assign: { pool: "p" } }],
    });
    const reps = [{ id: "ana" }];
    const now = "9999-12-31T00:00:00Z";
    const first = protecting.assign({ customers: [{ id: "c1" }], reps, now });
    const stored = JSON.parse(JSON.stringify(first.state));
    expect(() => protecting.assign({ customers: [], reps, state: stored, now })).not.toThrow();
  });

  // Regression (fuzzer: hugeDayCounts): day counts in `ownership` are any safe
  // integer, but an instant past 8.64e15 ms makes toIso throw RangeError("Invalid time value").
  // With protection.days = 1e8, parseRuleSet accepts the rule set, then every assigned customer
  // is queued with evaluation_error (the RangeError is swallowed: nobody is ever assigned), and
  // claim throws the raw RangeError. extendOnActivityDays, idleReleaseDays and
  // releaseCooldownDays of 1e8 make recordActivity, lookup and release throw it too. Expected:
  // such day counts refused at parse time (a bound in the schema), or the arithmetic clamped.
  describe("day counts whose instants leave the representable range", () => {
    const reps = [{ id: "ana" }];
    const now = "2026-11-27T00:00:00Z";
    const routerWith = (ownership: Record<string, unknown>) => {
      const rs = {
        id: "r",
        ownership,
        pools: { p: { members: ["ana"] } },
        rules: [{ id: "r", assign: { pool: "p" } }],
      };
      const parsed = safeParseRuleSet(rs);
      return parsed.success ? createRouter(parsed.data) : undefined;
    };
    /** Runs an operation; a refused rule set or a LeadRouteError is fine, another throw is the bug. */
    const neverCrashes = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(isLeadRouteError(error), String(error)).toBe(true);
      }
    };

    it("assign: protection.days = 1e8 is refused or assigns the customer", () => {
      const router = routerWith({ protection: { days: 1e8 } });
      if (router === undefined) return;
      const r = router.assign({ customers: [{ id: "c1" }], reps, now });
      expect(r.decisions[0]?.explanation.queueReason).not.toBe("evaluation_error");
      expect(r.decisions[0]?.outcome).toBe("assigned");
    });

    it("claim, recordActivity, lookup, release never throw a RangeError", () => {
      const ops: [Record<string, unknown>, (router: ReturnType<typeof createRouter>) => unknown][] =
        [
          [
            { protection: { days: 1e8 } },
            (r) => r.claim({ customerId: "c9", customer: { id: "c9" }, repId: "ana", reps, now }),
          ],
          [
            { protection: { days: 1, extendOnActivityDays: 1e8 } },
            (r) => {
              const a = r.assign({ customers: [{ id: "c1" }], reps, now });
              return r.recordActivity({ customerId: "c1", repId: "ana", state: a.state, now });
            },
          ],
          [
            { idleReleaseDays: 1e8 },
            (r) => {
              const a = r.assign({ customers: [{ id: "c1" }], reps, now });
              return r.lookup({ customerId: "c1", state: a.state, now });
            },
          ],
          [
            { releaseCooldownDays: 1e8 },
            (r) => {
              const a = r.assign({ customers: [{ id: "c1" }], reps, now });
              return r.release({ customerId: "c1", repId: "ana", state: a.state, now });
            },
          ],
        ];
      for (const [ownership, op] of ops) {
        const router = routerWith(ownership);
        if (router !== undefined) neverCrashes(() => op(router));
      }
    });

    it("protection.days = 3e6 (past year 9999): the returned state can be read back", () => {
      const router = routerWith({ protection: { days: 3e6 } });
      if (router === undefined) return;
      const a = router.assign({ customers: [{ id: "c1" }], reps, now });
      const stored = JSON.parse(JSON.stringify(a.state));
      expect(() => router.assign({ customers: [], reps, state: stored, now })).not.toThrow();
    });
  });

  // Regression: a stored state whose version is Number.MAX_SAFE_INTEGER once led to a state
  // with version MAX_SAFE_INTEGER + 1, refused when read back. Now the change is refused.
  it("never returns a version it refuses", () => {
    const state = {
      schemaVersion: 1,
      version: Number.MAX_SAFE_INTEGER,
      clock: null,
      seq: 0,
      customers: {},
      reps: {},
      pools: {},
    };
    let result: ReturnType<typeof router.assign> | undefined;
    try {
      result = router.assign({
        customers: [{ id: "a" }],
        reps: [],
        state: state as never,
        now: NOW,
      });
    } catch (error) {
      expect(isLeadRouteError(error)).toBe(true);
      return;
    }
    const stored = JSON.parse(JSON.stringify(result.state));
    expect(() => router.assign({ customers: [], reps: [], state: stored, now: NOW })).not.toThrow();
  });

  it("rejects explicit undefined and null entries one by one", () => {
    const r = router.assign({ customers: [undefined, null, { id: "a" }], reps: [], now: NOW });
    expect(r.rejected.map((x) => x.index)).toEqual([0, 1]);
    expect(r.decisions.map((d) => d.customerId)).toEqual(["a"]);
  });
});

describe("stored instants near the end of Date's range", () => {
  // Regression (fuzzer, seed 513336128): a stored clock of +275760-09-13 (Date's maximum) was
  // accepted, and adding protection days to it threw RangeError: Invalid time value.
  it("refuses a state instant past year 100000 with invalid_state", () => {
    const state = {
      schemaVersion: 1,
      version: 1,
      clock: "+275760-09-13T00:00:00.000Z",
      seq: 0,
      customers: {},
      reps: {},
      pools: {},
    };
    const r = createRouter({ id: "r", ownership: { protection: { days: 15 } }, rules: [] });
    let caught: unknown;
    try {
      r.assign({ customers: [{ id: "a" }], reps: [], state: state as never, now: NOW });
    } catch (error) {
      caught = error;
    }
    expect(isLeadRouteError(caught)).toBe(true);
    expect((caught as { code: string }).code).toBe("invalid_state");
  });
});
