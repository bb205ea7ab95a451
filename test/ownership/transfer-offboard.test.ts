import { describe, expect, it } from "vitest";
import { expectReplays, OWNERSHIP, poolState, REPS, router, sh, T0, utc } from "./helpers";

function owned() {
  const r = router();
  const pool = poolState(r, [{ id: "c1", region: "CN-GD" }, { id: "c2" }]);
  const state = r.claim({
    customerId: "c1",
    repId: "wang",
    reps: REPS,
    state: pool,
    now: T0,
  }).state;
  return { r, pool, state };
}

const move = (over: object) => ({
  customerId: "c1",
  toRepId: "li",
  actor: "boss",
  reason: "wang moved to key accounts",
  reps: REPS,
  now: sh("2026-03-03T10:00:00"),
  ...over,
});

describe("transfer (转移)", () => {
  it("overrides protection, records actor and reason, starts protection afresh, no cool-down for the previous owner", () => {
    const { r, state } = owned();
    const result = r.transfer(move({ state }));
    expect(result.outcome).toBe("transferred");
    expect(result.state.customers.c1).toEqual({
      owner: "li",
      country: "CN",
      region: "CN-GD",
      ownerVersion: state.version + 1,
      ownedSince: utc("2026-03-03T10:00:00"),
      protectedUntil: utc("2026-03-18T10:00:00"),
    });
    expect(result.events).toEqual([
      expect.objectContaining({
        type: "customer_transferred",
        customerId: "c1",
        repId: "li",
        data: { actor: "boss", reason: "wang moved to key accounts", previousOwner: "wang" },
      }),
    ]);
    expect(result.explanation).toMatchObject({
      operation: "transfer",
      previousOwner: "wang",
      owner: "li",
      actor: "boss",
      note: "wang moved to key accounts",
    });
    expectReplays(result.events, result.state, state);
  });

  it("works on pool customers and ignores cool-downs, coverage and caps", () => {
    const { r, pool, state } = owned();
    const released = r.release({ customerId: "c1", repId: "wang", state, now: T0 }).state;
    const back = r.transfer(move({ state: released, toRepId: "wang" }));
    expect(back.outcome).toBe("transferred");
    expect(back.state.customers.c1?.cooldowns).toEqual({ wang: utc("2026-03-16T10:00:00") });
    expect(r.transfer(move({ state: pool, toRepId: "sun" })).outcome).toBe("transferred");
    const full = r.transfer(move({ state: pool, customerId: "c2", toRepId: "capped" })).state;
    expect(r.transfer(move({ state: full, toRepId: "capped" })).outcome).toBe("transferred");
  });

  it("denies an inactive or unknown target, and the current owner, leaving the state unchanged", () => {
    const { r, state } = owned();
    for (const [toRepId, reason, details] of [
      ["qian", "inactive", {}],
      ["ghost", "inactive", { notInRoster: true }],
      ["wang", "already_owner", {}],
    ] as const) {
      const result = r.transfer(move({ state, toRepId }));
      expect(result).toMatchObject({ outcome: "denied", reason, details });
      expect(result.state).toBe(state);
      expect(result.events[0]).toMatchObject({
        type: "customer_transferred",
        version: state.version,
        data: { actor: "boss", outcome: "denied", denial: { reason } },
      });
      expect(result.events[0]).not.toHaveProperty("set");
    }
  });

  it("requires actor and reason", () => {
    const { r, state } = owned();
    expect(() => r.transfer(move({ state, actor: "" }))).toThrow(/actor/);
    expect(() => r.transfer(move({ state, reason: undefined }))).toThrow(/reason/);
  });

  it("takes an unseen customer from its record", () => {
    const { r, state } = owned();
    const result = r.transfer(
      move({ state, customerId: undefined, customer: { id: "new", tier: "A" } }),
    );
    expect(result.state.customers.new).toMatchObject({ owner: "li", tier: "A" });
  });
});

describe("offboard", () => {
  const web = (id: string, extra = {}) => ({ id, source: "web", ...extra });

  function staffed(ownership: Record<string, unknown> = OWNERSHIP) {
    const r = router(ownership);
    // round-robin over wang, li, zhao
    const assigned = r.assign({
      customers: [web("w1"), web("w2"), web("w3"), web("w4"), web("w5")],
      reps: REPS,
      now: T0,
    });
    // wang also claims a pool customer (no rule matches it)
    const merged = r.assign({
      customers: [{ id: "p1" }],
      reps: REPS,
      state: assigned.state,
      now: T0,
    });
    const state = r.claim({
      customerId: "p1",
      repId: "wang",
      reps: REPS,
      state: merged.state,
      now: T0,
    }).state;
    return { r, state };
  }

  it("re-routes every customer of the leaving rep through the rules, one decision each", () => {
    const { r, state } = staffed();
    const wangs = Object.entries(state.customers)
      .filter(([, c]) => c.owner === "wang")
      .map(([id]) => id)
      .sort();
    expect(wangs).toEqual(["p1", "w1", "w4"]);
    // The roster still lists wang as active: offboard treats him as inactive anyway.
    const now = sh("2026-03-04T10:00:00");
    const result = r.offboard({ repId: "wang", reps: REPS, state, now });
    expect(result.decisions.map((d) => d.customerId)).toEqual(["p1", "w1", "w4"]);
    for (const d of result.decisions) {
      expect(d.repId).not.toBe("wang");
      expect(d.explanation.ownership).toMatchObject({ step: "owner_inactive", owner: "wang" });
    }
    expect(result.decisions[0]).toMatchObject({ outcome: "queued", queue: "pool" });
    expect(result.decisions[1]).toMatchObject({ outcome: "assigned", ruleId: "web" });
    expect(Object.values(result.state.customers).some((c) => c.owner === "wang")).toBe(false);
    expect(result.state.customers.p1).toMatchObject({
      owner: null,
      inPoolSince: utc("2026-03-04T10:00:00"),
    });
    expect(result.state.customers.p1?.cooldowns).toBeUndefined();
    const w1 = result.state.customers.w1!;
    expect(w1.ownedSince).toBe(utc("2026-03-04T10:00:00"));
    expect(w1.ownerVersion).toBe(state.version + 1);
    expect(result.events.map((e) => e.type)).toEqual([
      "customer_decided",
      "customer_decided",
      "customer_decided",
      "rep_offboarded",
    ]);
    expect(result.events.at(-1)).toMatchObject({
      repId: "wang",
      version: state.version + 1,
      data: { customers: ["p1", "w1", "w4"] },
    });
    expectReplays(result.events, result.state, state);
  });

  it("with preferAccountOwner, the account does not lead back to the leaving rep", () => {
    const { r } = staffed({ ...OWNERSHIP, preferAccountOwner: true });
    const s = r.assign({
      customers: [web("a1", { accountId: "ACME" }), web("a2", { accountId: "ACME" })],
      reps: REPS,
      now: T0,
    }).state;
    const owner = s.customers.a1!.owner!;
    expect(s.customers.a2?.owner).toBe(owner);
    const result = r.offboard({
      repId: owner,
      reps: REPS,
      state: s,
      now: sh("2026-03-04T10:00:00"),
    });
    const a1 = result.state.customers.a1!.owner;
    expect(a1).not.toBe(owner);
    // the second customer of the account follows the first one's new owner
    expect(result.state.customers.a2?.owner).toBe(a1);
  });

  it("a rep who owns nothing: the state is unchanged, one audit event", () => {
    const { r, state } = staffed();
    const result = r.offboard({ repId: "qian", reps: REPS, state, now: T0 });
    expect(result.state).toBe(state);
    expect(result.decisions).toEqual([]);
    expect(result.events).toEqual([
      expect.objectContaining({ type: "rep_offboarded", version: state.version }),
    ]);
  });
});
