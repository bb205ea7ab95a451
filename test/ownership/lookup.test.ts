import { describe, expect, it } from "vitest";
import type { RouterState } from "../../src";
import { OWNERSHIP, poolState, REPS, router, sh, T0, utc } from "./helpers";

const CUSTOMERS = [
  { id: "c1", accountId: "A1" },
  { id: "c2", accountId: "A1" },
  { id: "c3", accountId: "A1" },
  { id: "c4", region: "CN-GD" },
  { id: "c5" },
];

function setup(ownership: Record<string, unknown> = OWNERSHIP) {
  const r = router(ownership);
  let state = poolState(r, CUSTOMERS);
  const claim = (customerId: string, repId: string, now = T0) => {
    state = r.claim({ customerId, repId, reps: REPS, state, now }).state;
  };
  const look = (customerId: string, repId: string | undefined, now: string, s?: RouterState) =>
    r.lookup({ customerId, repId, reps: REPS, state: s ?? state, now });
  return {
    r,
    claim,
    look,
    get state() {
      return state;
    },
  };
}

describe("lookup (查重)", () => {
  it("reports the owner, protection, idle clock, release moment and account owner", () => {
    const t = setup();
    t.claim("c1", "wang");
    const result = t.look("c1", undefined, sh("2026-03-05T10:00:00"));
    expect(result).toEqual({
      customerId: "c1",
      accountId: "A1",
      owner: "wang",
      protectedUntil: utc("2026-03-17T10:00:00"),
      idleSince: utc("2026-03-02T10:00:00"),
      releaseAt: utc("2026-03-17T10:00:00"),
      accountOwner: "wang",
    });
    // protection over: no protectedUntil, the rest stays
    expect(t.look("c1", undefined, sh("2026-03-17T10:00:00"))).not.toHaveProperty("protectedUntil");
    expect(t.look("c2", undefined, T0)).toEqual({
      customerId: "c2",
      accountId: "A1",
      owner: null,
      accountOwner: "wang",
    });
  });

  it("by account alone: the rep owning most of its customers, then the lowest id", () => {
    const t = setup({ ...OWNERSHIP, accountExclusive: false });
    expect(t.r.lookup({ accountId: "A1", state: t.state, now: T0 })).toEqual({
      accountId: "A1",
      owner: null,
    });
    t.claim("c1", "zhao");
    t.claim("c2", "li");
    expect(t.r.lookup({ accountId: "A1", state: t.state, now: T0 }).owner).toBe("li");
    t.claim("c3", "zhao");
    expect(t.r.lookup({ accountId: "A1", state: t.state, now: T0 }).owner).toBe("zhao");
    expect(() =>
      t.r.lookup({ accountId: "A1", customerId: "c1", state: t.state, now: T0 }),
    ).toThrow(/not both/);
  });

  it("an unseen customer is not owned; asking to claim it needs its record", () => {
    const t = setup();
    expect(t.r.lookup({ customerId: "zz", state: t.state, now: T0 })).toEqual({
      customerId: "zz",
      owner: null,
    });
    expect(() => t.look("zz", "wang", T0)).toThrow(/has not seen it/);
    const answer = t.r.lookup({
      customer: { id: "zz", region: "CN-GD" },
      repId: "sun",
      reps: REPS,
      state: t.state,
      now: T0,
    });
    expect(answer.claim).toMatchObject({
      allowed: false,
      reason: "out_of_territory",
      allowedFrom: null,
    });
  });
});

describe("lookup: claim answer and allowedFrom", () => {
  it("allowed now", () => {
    expect(setup().look("c5", "li", T0).claim).toEqual({ allowed: true });
  });

  it("protected, kept after protection: from the sweep release plus the new-in-pool cool-down", () => {
    const t = setup();
    t.claim("c5", "wang");
    expect(t.look("c5", "li", sh("2026-03-03T10:00:00")).claim).toEqual({
      allowed: false,
      reason: "protected_by_owner",
      details: { owner: "wang", until: utc("2026-03-17T10:00:00") },
      allowedFrom: utc("2026-03-18T10:00:00"),
    });
    // overdue for the sweep: owned_by_other with a release moment in the past
    expect(t.look("c5", "li", sh("2026-03-20T10:00:00")).claim).toMatchObject({
      reason: "owned_by_other",
      details: { until: utc("2026-03-17T10:00:00") },
      allowedFrom: utc("2026-03-20T10:00:00"),
    });
  });

  it("keepCurrentOwner false: from the protection end when the sweep is later", () => {
    const t = setup({ ...OWNERSHIP, keepCurrentOwner: false, idleReleaseDays: 30 });
    t.claim("c5", "wang");
    expect(t.look("c5", "li", T0).claim).toMatchObject({
      reason: "protected_by_owner",
      allowedFrom: utc("2026-03-17T10:00:00"),
    });
  });

  it("no sweep configured: owned_by_other promises nothing", () => {
    const t = setup({ ...OWNERSHIP, idleReleaseDays: undefined });
    t.claim("c5", "wang");
    expect(t.look("c5", "li", T0).claim).toMatchObject({
      reason: "protected_by_owner",
      allowedFrom: null,
    });
  });

  it("release cool-down and new-in-pool cool-down: their ends", () => {
    const t = setup();
    t.claim("c5", "wang");
    const released = t.r.release({
      customerId: "c5",
      repId: "wang",
      state: t.state,
      now: T0,
    }).state;
    expect(t.look("c5", "wang", T0, released).claim).toMatchObject({
      reason: "release_cooldown",
      allowedFrom: utc("2026-03-16T10:00:00"),
    });
    expect(t.look("c5", "li", T0, released).claim).toMatchObject({
      reason: "new_in_pool_cooldown",
      allowedFrom: utc("2026-03-03T10:00:00"),
    });
  });

  it("claim limit: from the next calendar day in the rule set's time zone; limit 0 never", () => {
    const t = setup();
    t.claim("c4", "li");
    t.claim("c5", "li");
    expect(t.look("c1", "li", sh("2026-03-02T12:00:00")).claim).toMatchObject({
      reason: "claim_limit_reached",
      details: { count: 2, limit: 2 },
      allowedFrom: utc("2026-03-03T00:00:00"),
    });
    const none = setup({ ...OWNERSHIP, claims: { dailyLimit: 0 } });
    expect(none.look("c1", "li", T0).claim).toMatchObject({
      reason: "claim_limit_reached",
      allowedFrom: null,
    });
  });

  it("reasons waiting cannot cure promise nothing", () => {
    const t = setup();
    t.claim("c1", "wang");
    t.claim("c5", "capped");
    const now = sh("2026-03-02T12:00:00");
    for (const [customerId, repId, reason] of [
      ["c2", "qian", "inactive"],
      ["c1", "wang", "already_owner"],
      ["c2", "li", "account_owned_by_other"],
      ["c4", "sun", "out_of_territory"],
      ["c4", "capped", "owned_cap_reached"],
    ] as const) {
      expect(t.look(customerId, repId, now).claim).toMatchObject({
        allowed: false,
        reason,
        allowedFrom: null,
      });
    }
  });

  it("agrees with claim: granted at allowedFrom (after a sweep then), denied just before", () => {
    const t = setup();
    t.claim("c5", "wang");
    const answer = t.look("c5", "li", T0).claim;
    if (answer?.allowed !== false || answer.allowedFrom === null)
      throw new Error("expected a moment");
    const at = Date.parse(answer.allowedFrom);
    const attempt = (ms: number) => {
      const swept = t.r.sweep({ state: t.state, now: ms }).state;
      return t.r.claim({ customerId: "c5", repId: "li", reps: REPS, state: swept, now: ms });
    };
    expect(attempt(at).outcome).toBe("granted");
    expect(attempt(at - 1).outcome).toBe("denied");
  });
});
