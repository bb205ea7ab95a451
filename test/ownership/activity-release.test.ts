import { describe, expect, it } from "vitest";
import { OWNERSHIP, poolState, REPS, router, sh, T0, utc } from "./helpers";

function owned(ownership: Record<string, unknown> = OWNERSHIP) {
  const r = router(ownership);
  const pool = poolState(r, [{ id: "c1", tier: "B" }]);
  const state = r.claim({
    customerId: "c1",
    repId: "wang",
    reps: REPS,
    state: pool,
    now: T0,
  }).state;
  return { r, state };
}

describe("recordActivity", () => {
  it("the owner's activity restarts the idle clock and extends protection", () => {
    const { r, state } = owned();
    const result = r.recordActivity({
      customerId: "c1",
      repId: "wang",
      state,
      now: sh("2026-03-12T09:00:00"),
    });
    expect(result.outcome).toBe("recorded");
    expect(result.state.version).toBe(state.version + 1);
    expect(result.state.customers.c1).toMatchObject({
      owner: "wang",
      lastActivityAt: utc("2026-03-12T09:00:00"),
      protectedUntil: utc("2026-03-19T09:00:00"),
      ownedSince: utc("2026-03-02T10:00:00"),
    });
    expect(result.events[0]).toMatchObject({
      type: "activity_recorded",
      data: {
        previousProtectedUntil: utc("2026-03-17T10:00:00"),
        protectedUntil: utc("2026-03-19T09:00:00"),
      },
    });
    expect(result.explanation).toMatchObject({
      previousProtectedUntil: utc("2026-03-17T10:00:00"),
      protectedUntil: utc("2026-03-19T09:00:00"),
    });
  });

  it("anyone else's activity is ignored with not_owner, the state unchanged", () => {
    const { r, state } = owned();
    const other = r.recordActivity({ customerId: "c1", repId: "li", state, now: T0 });
    expect(other).toMatchObject({
      outcome: "ignored",
      reason: "not_owner",
      details: { owner: "wang" },
    });
    expect(other.state).toBe(state);
    expect(other.events).toHaveLength(1);
    expect(other.events[0]).not.toHaveProperty("set");
    expect(other.events[0]?.version).toBe(state.version);
    const unknown = r.recordActivity({ customerId: "zz", repId: "li", state, now: T0 });
    expect(unknown).toMatchObject({ outcome: "ignored", reason: "not_owner", details: {} });
  });
});

describe("release", () => {
  it("returns the customer to the pool: cool-down for the rep, new-in-pool clock for all", () => {
    const { r, state } = owned();
    const result = r.release({
      customerId: "c1",
      repId: "wang",
      state,
      now: sh("2026-03-05T10:00:00"),
    });
    expect(result.outcome).toBe("released");
    expect(result.state.customers.c1).toEqual({
      owner: null,
      tier: "B",
      ownerVersion: state.version + 1,
      inPoolSince: utc("2026-03-05T10:00:00"),
      cooldowns: { wang: utc("2026-03-19T10:00:00") },
    });
    expect(result.explanation).toMatchObject({
      outcome: "released",
      previousOwner: "wang",
      owner: null,
      cooldownUntil: utc("2026-03-19T10:00:00"),
    });
  });

  it("no cool-down entry when releaseCooldownDays is 0", () => {
    const { r, state } = owned({ ...OWNERSHIP, releaseCooldownDays: 0 });
    const result = r.release({ customerId: "c1", repId: "wang", state, now: T0 });
    expect(result.state.customers.c1?.cooldowns).toBeUndefined();
  });

  it("a rep who is not the owner gets not_owner (pool customers too)", () => {
    const { r, state } = owned();
    const denied = r.release({ customerId: "c1", repId: "li", state, now: T0 });
    expect(denied).toMatchObject({
      outcome: "denied",
      reason: "not_owner",
      details: { owner: "wang" },
    });
    expect(denied.state).toBe(state);
    const released = r.release({ customerId: "c1", repId: "wang", state, now: T0 }).state;
    const again = r.release({ customerId: "c1", repId: "wang", state: released, now: T0 });
    expect(again).toMatchObject({ reason: "not_owner", details: { owner: null } });
    expect(again.state).toBe(released);
  });
});
