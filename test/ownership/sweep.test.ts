import { describe, expect, it } from "vitest";
import { createRouter, type RouterState } from "../../src";
import { expectReplays, OWNERSHIP, REPS, ruleSet, sh, T0, utc } from "./helpers";

const SWEEP_OWNERSHIP = {
  ...OWNERSHIP,
  idleReleaseDays: { A: 30, B: 15, C: 7 },
  claims: { newInPoolCooldownHours: 24 },
};

/** wang owns a1 (tier A), b1 (B), c1 (C) and d1 (D, not listed) since T0 (2026-03-02 10:00). */
function setup(ownership: Record<string, unknown> = SWEEP_OWNERSHIP, options = {}) {
  const r = createRouter(ruleSet(ownership), options);
  let state: RouterState | undefined;
  for (const [id, tier] of [
    ["a1", "A"],
    ["b1", "B"],
    ["c1", "C"],
    ["d1", "D"],
  ] as const) {
    state = r.claim({ customer: { id, tier }, repId: "wang", reps: REPS, state, now: T0 }).state;
  }
  return { r, state: state! };
}

const ids = (list: { customerId: string }[]) => list.map((c) => c.customerId);

describe("sweep (回收)", () => {
  it("releases customers at their release moment, per-tier idle days, in release then id order", () => {
    const { r, state } = setup();
    expect(ids(r.sweep({ state, now: sh("2026-03-17T09:59:59") }).released)).toEqual([]);
    const result = r.sweep({ state, now: sh("2026-03-17T10:00:00") });
    // B (15 days) and C (7 days, but protected 15) are due at the protection end; A at 30 days; D never.
    expect(ids(result.released)).toEqual(["b1", "c1"]);
    expect(result.state.customers.b1).toEqual({
      owner: null,
      tier: "B",
      ownerVersion: state.version + 1,
      inPoolSince: utc("2026-03-17T10:00:00"),
      cooldowns: { wang: utc("2026-03-31T10:00:00") },
    });
    expect(result.state.customers.a1?.owner).toBe("wang");
    expect(result.state.customers.d1?.owner).toBe("wang");
    expect(r.sweep({ state, now: sh("2030-01-01T00:00:00") }).state.customers.d1?.owner).toBe(
      "wang",
    );
    expect(result.events.map((e) => [e.type, e.customerId, e.repId, e.at])).toEqual([
      ["customer_reclaimed", "b1", "wang", utc("2026-03-17T10:00:00")],
      ["customer_reclaimed", "c1", "wang", utc("2026-03-17T10:00:00")],
    ]);
    expect(result.released[0]?.explanation).toMatchObject({
      operation: "sweep",
      outcome: "reclaimed",
      idleSince: utc("2026-03-02T10:00:00"),
      idleReleaseDays: 15,
      at: utc("2026-03-17T10:00:00"),
    });
    expectReplays(result.events, result.state, state);
  });

  it("does not depend on when it runs: the release moment starts both cool-downs", () => {
    const { r, state } = setup();
    const early = r.sweep({ state, now: sh("2026-03-17T10:00:00") }).state;
    const late = r.sweep({ state, now: sh("2026-03-25T18:00:00") }).state;
    expect(late.customers.b1).toEqual(early.customers.b1);
    expect(late.customers.c1).toEqual(early.customers.c1);
    expect(late.clock).toBe(utc("2026-03-25T18:00:00"));
  });

  it("activity postpones the release (idle clock restarts)", () => {
    const { r, state } = setup();
    const active = r.recordActivity({
      customerId: "b1",
      repId: "wang",
      state,
      now: sh("2026-03-10T08:00:00"),
    }).state;
    expect(ids(r.sweep({ state: active, now: sh("2026-03-25T07:59:59") }).released)).toEqual([
      "c1",
    ]);
    // release order, not id order: c1 was due on 03-17, b1 on 03-25
    expect(ids(r.sweep({ state: active, now: sh("2026-03-25T08:00:00") }).released)).toEqual([
      "c1",
      "b1",
    ]);
  });

  it("exempt is evaluated on the records passed; customers not passed are not exempt", () => {
    const { r, state } = setup();
    const result = r.sweep({
      state,
      now: sh("2026-03-20T00:00:00"),
      customers: [
        { id: "b1", stage: "won" },
        { id: "c1", stage: "lead" },
      ],
    });
    expect(ids(result.released)).toEqual(["c1"]);
    expect(result.exempted).toEqual([
      { customerId: "b1", owner: "wang", releaseAt: utc("2026-03-17T10:00:00") },
    ]);
    expect(result.state.customers.b1?.owner).toBe("wang");
  });

  it("an exempt condition that throws keeps the owner and reports the error", () => {
    const { r, state } = setup(
      { ...SWEEP_OWNERSHIP, exempt: { boom: [] } },
      {
        operators: {
          boom: () => {
            throw new Error("crm down");
          },
        },
      },
    );
    const result = r.sweep({ state, now: sh("2026-03-20T00:00:00"), customers: [{ id: "b1" }] });
    expect(ids(result.released)).toEqual(["c1"]);
    expect(result.exempted).toEqual([
      {
        customerId: "b1",
        owner: "wang",
        releaseAt: utc("2026-03-17T10:00:00"),
        error: expect.stringContaining("crm down"),
      },
    ]);
  });

  it("dueSoon lists releases in (now, now + reminderDays]", () => {
    const { r, state } = setup();
    const swept = r.sweep({ state, now: sh("2026-03-20T00:00:00") }).state;
    // a1 is due 2026-04-01 10:00; reminderDays 3
    expect(r.sweep({ state: swept, now: sh("2026-03-29T09:59:59") }).dueSoon).toEqual([]);
    const soon = r.sweep({ state: swept, now: sh("2026-03-29T10:00:00") });
    expect(soon.dueSoon).toEqual([
      { customerId: "a1", owner: "wang", releaseAt: utc("2026-04-01T10:00:00") },
    ]);
    expect(soon.state).toBe(swept);
    expect(soon.events).toEqual([]);
    const exempt = r.sweep({
      state: swept,
      now: sh("2026-03-29T10:00:00"),
      customers: [{ id: "a1", stage: "won" }],
    });
    expect(exempt.dueSoon).toEqual([]);
  });

  it("swept customers are claimable under the claim rules (new-in-pool and release cool-downs)", () => {
    const { r, state } = setup();
    const swept = r.sweep({ state, now: sh("2026-03-20T00:00:00") }).state;
    const claim = (repId: string, now: string) =>
      r.claim({ customerId: "b1", repId, reps: REPS, state: swept, now });
    expect(claim("li", sh("2026-03-20T00:00:00")).outcome).toBe("granted");
    expect(claim("wang", sh("2026-03-20T00:00:00"))).toMatchObject({
      reason: "release_cooldown",
      details: { until: utc("2026-03-31T10:00:00") },
    });
    const fresh = r.sweep({ state, now: sh("2026-03-17T10:00:00") }).state;
    expect(
      r.claim({
        customerId: "b1",
        repId: "li",
        reps: REPS,
        state: fresh,
        now: sh("2026-03-18T09:00:00"),
      }),
    ).toMatchObject({
      reason: "new_in_pool_cooldown",
      details: { until: utc("2026-03-18T10:00:00") },
    });
  });

  it("rejects malformed customers", () => {
    const { r, state } = setup();
    const now = sh("2026-03-20T00:00:00");
    expect(() => r.sweep({ state, now, customers: [{ id: "b1" }, { id: "b1" }] })).toThrow(
      /duplicate/,
    );
    expect(() => r.sweep({ state, now, customers: [42] })).toThrow(/customers\[0\]/);
  });
});
