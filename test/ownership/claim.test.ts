import { describe, expect, it } from "vitest";
import { type ClaimResult, isLeadRouteError, type RouterState } from "../../src";
import {
  deepFreeze,
  expectOutcome,
  expectReplays,
  OWNERSHIP,
  poolState,
  REPS,
  router,
  sh,
  T0,
  utc,
} from "./helpers";

const CUSTOMERS = [
  { id: "c1", accountId: "A1" },
  { id: "c2", accountId: "A1" },
  { id: "c3", region: "CN-GD", industry: "software", tier: "A" },
  { id: "c4", region: "CN-SH", industry: "retail", tier: "A" },
  { id: "c5", region: "CN-SH", industry: "software", tier: "B" },
  { id: "c6", region: "CN-SH", industry: "software", tier: "A" },
  { id: "c7" },
];

function setup(ownership: Record<string, unknown> = OWNERSHIP) {
  const r = router(ownership);
  const state = poolState(r, CUSTOMERS);
  const claim = (customerId: string, repId: string, s: RouterState, now: string) =>
    r.claim({ customerId, repId, reps: REPS, state: s, now });
  return { r, state, claim };
}

const reasonOf = (result: ClaimResult) => (result.outcome === "denied" ? result.reason : undefined);

function expectDenied(
  result: { outcome: string; state: RouterState; events: unknown[] },
  input: RouterState,
  reason: string,
  details: unknown,
) {
  expect(result).toMatchObject({ outcome: "denied", reason, details });
  expect(Reflect.get(result, "details")).toEqual(details);
  expect(result.state).toBe(input);
  expect(result.events).toEqual([
    expect.objectContaining({ type: "claim_denied", version: input.version }),
  ]);
  expect(result.events[0]).not.toHaveProperty("set");
}

describe("claim: granted", () => {
  it("starts ownership and protection afresh and counts toward the claim limit only", () => {
    const { state, claim } = setup();
    const now = sh("2026-03-02T11:00:00");
    const result = claim("c1", "wang", state, now);
    expectOutcome(result, "granted");
    expect(result.state.version).toBe(state.version + 1);
    expect(result.state.customers.c1).toEqual({
      owner: "wang",
      accountId: "A1",
      ownerVersion: state.version + 1,
      ownedSince: utc("2026-03-02T11:00:00"),
      protectedUntil: utc("2026-03-17T11:00:00"),
    });
    expect(result.state.reps.wang).toEqual({
      dayCount: 0,
      weekCount: 0,
      claimDay: "2026-03-02",
      claimCount: 1,
    });
    expect(result.state.clock).toBe(utc("2026-03-02T11:00:00"));
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({
      type: "customer_claimed",
      customerId: "c1",
      repId: "wang",
      version: state.version + 1,
    });
    expect(result.explanation).toMatchObject({
      operation: "claim",
      outcome: "granted",
      previousOwner: null,
      owner: "wang",
      ruleSet: { id: "acme", revision: "r1" },
    });
    expectReplays(result.events, result.state, state);
  });

  it("never goes back in time: a `now` before the state's clock is taken as the clock", () => {
    const { state, claim } = setup();
    const later = claim("c1", "wang", state, sh("2026-03-05T10:00:00"));
    const early = claim("c7", "li", later.state, sh("2026-03-01T10:00:00"));
    expect(early.state.customers.c7?.ownedSince).toBe(utc("2026-03-05T10:00:00"));
  });

  it("takes a customer the state has not seen from its record, remembering its facts", () => {
    const r = router();
    const result = r.claim({
      customer: { id: "new", accountId: 42, region: "cn-sh", tier: "A", stage: "lead" },
      repId: "wang",
      reps: REPS,
      now: T0,
    });
    expectOutcome(result, "granted");
    expect(result.state.customers.new).toMatchObject({
      owner: "wang",
      accountId: "42",
      tier: "A",
      country: "CN",
      region: "CN-SH",
    });
  });

  it("does not mutate its inputs", () => {
    const { r, state } = setup();
    const input = deepFreeze({
      customerId: "c1",
      repId: "wang",
      reps: structuredClone(REPS),
      state,
      now: T0,
    });
    const before = JSON.stringify(input);
    r.claim(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("claim: every denial reason with its facts", () => {
  const now = sh("2026-03-02T11:00:00");

  it("inactive: inactive rep, or not in the roster", () => {
    const { state, claim } = setup();
    expectDenied(claim("c1", "qian", state, now), state, "inactive", {});
    expectDenied(claim("c1", "ghost", state, now), state, "inactive", { notInRoster: true });
  });

  it("already_owner", () => {
    const { state, claim } = setup();
    const s1 = claim("c1", "wang", state, now).state;
    expectDenied(claim("c1", "wang", s1, now), s1, "already_owner", {});
  });

  it("protected_by_owner names the owner and the protection end", () => {
    const { state, claim } = setup();
    const s1 = claim("c7", "wang", state, now).state;
    expectDenied(claim("c7", "li", s1, sh("2026-03-17T10:59:59")), s1, "protected_by_owner", {
      owner: "wang",
      until: utc("2026-03-17T11:00:00"),
    });
  });

  it("owned_by_other after protection names the owner and the sweep's release moment (or null)", () => {
    const { state, claim } = setup();
    const s1 = claim("c7", "wang", state, now).state;
    expectDenied(claim("c7", "li", s1, sh("2026-03-17T11:00:00")), s1, "owned_by_other", {
      owner: "wang",
      until: utc("2026-03-17T11:00:00"),
    });
    const noSweep = setup({ ...OWNERSHIP, idleReleaseDays: undefined });
    const s2 = noSweep.claim("c7", "wang", noSweep.state, now).state;
    expectDenied(noSweep.claim("c7", "li", s2, sh("2026-04-17T11:00:00")), s2, "owned_by_other", {
      owner: "wang",
      until: null,
    });
  });

  it("keepCurrentOwner false: an owned customer whose protection ended can be claimed", () => {
    const { state, claim } = setup({ ...OWNERSHIP, keepCurrentOwner: false });
    const s1 = claim("c7", "wang", state, now).state;
    expect(claim("c7", "li", s1, sh("2026-03-17T10:00:00"))).toMatchObject({
      reason: "protected_by_owner",
    });
    const taken = claim("c7", "li", s1, sh("2026-03-17T11:00:00"));
    expectOutcome(taken, "granted");
    expect(taken.state.customers.c7?.owner).toBe("li");
    expect(taken.state.customers.c7?.cooldowns).toBeUndefined();
    expect(taken.explanation.previousOwner).toBe("wang");
  });

  it("an inactive owner still owns until offboard or transfer", () => {
    const { r, state, claim } = setup();
    const s1 = claim("c7", "wang", state, now).state;
    const reps = REPS.map((rep) => (rep.id === "wang" ? { ...rep, active: false } : rep));
    const result = r.claim({ customerId: "c7", repId: "li", reps, state: s1, now });
    expect(result).toMatchObject({ outcome: "denied", reason: "protected_by_owner" });
  });

  it("account_owned_by_other (accountExclusive, 撞单) names the account's owner", () => {
    const { state, claim } = setup();
    const s1 = claim("c1", "wang", state, now).state;
    expectDenied(claim("c2", "li", s1, now), s1, "account_owned_by_other", { owner: "wang" });
    expectOutcome(claim("c2", "wang", s1, now), "granted");
    const open = setup({ ...OWNERSHIP, accountExclusive: false });
    const s2 = open.claim("c1", "wang", open.state, now).state;
    expectOutcome(open.claim("c2", "li", s2, now), "granted");
  });

  it("coverage codes: territory, industry, tier", () => {
    const { state, claim } = setup();
    expectDenied(claim("c3", "sun", state, now), state, "out_of_territory", {
      territories: ["east"],
      customer: { country: "CN", region: "CN-GD", postalCode: null },
    });
    expectDenied(claim("c4", "sun", state, now), state, "industry_not_covered", {
      industries: ["software"],
      industry: "retail",
    });
    expectDenied(claim("c5", "sun", state, now), state, "tier_not_covered", {
      tiers: ["A"],
      tier: "B",
    });
    expectOutcome(claim("c6", "sun", state, now), "granted");
  });

  it("release_cooldown is counted from the release, not from the claim", () => {
    const { r, state, claim } = setup();
    const s1 = claim("c7", "wang", state, sh("2026-03-02T11:00:00")).state;
    const s2 = r.release({
      customerId: "c7",
      repId: "wang",
      state: s1,
      now: sh("2026-03-07T09:00:00"),
    }).state;
    expectDenied(claim("c7", "wang", s2, sh("2026-03-21T08:59:59")), s2, "release_cooldown", {
      until: utc("2026-03-21T09:00:00"),
    });
    expectOutcome(claim("c7", "wang", s2, sh("2026-03-21T09:00:00")), "granted");
  });

  it("new_in_pool_cooldown applies to customers that returned to the pool, not to new leads", () => {
    const { r, state, claim } = setup();
    expectOutcome(claim("c7", "li", state, T0), "granted"); // a new lead: claimable at once
    const s1 = claim("c7", "wang", state, T0).state;
    const s2 = r.release({
      customerId: "c7",
      repId: "wang",
      state: s1,
      now: sh("2026-03-03T08:30:00"),
    }).state;
    expectDenied(claim("c7", "li", s2, sh("2026-03-04T08:29:59")), s2, "new_in_pool_cooldown", {
      until: utc("2026-03-04T08:30:00"),
    });
    expectOutcome(claim("c7", "li", s2, sh("2026-03-04T08:30:00")), "granted");
  });

  it("claim_limit_reached counts claims per calendar day in the rule set's time zone", () => {
    const { state, claim } = setup();
    let s = claim("c1", "wang", state, sh("2026-03-02T09:00:00")).state;
    s = claim("c2", "wang", s, sh("2026-03-02T10:00:00")).state;
    expectDenied(claim("c7", "wang", s, sh("2026-03-02T23:59:59")), s, "claim_limit_reached", {
      count: 2,
      limit: 2,
    });
    // 00:00 in Shanghai is still the same UTC day (16:00Z): the Shanghai day decides.
    expectOutcome(claim("c7", "wang", s, sh("2026-03-03T00:00:00")), "granted");
  });

  it("owned_cap_reached counts the customers the rep owns", () => {
    const { state, claim } = setup();
    const s1 = claim("c1", "capped", state, now).state;
    expectDenied(claim("c7", "capped", s1, now), s1, "owned_cap_reached", { count: 1, limit: 1 });
  });

  it("runs the checks in DESIGN order: the first failure is the reason", () => {
    const { state, claim } = setup();
    let s = claim("c1", "wang", state, now).state; // wang: 1 claim, owns account A1
    s = claim("c7", "li", s, now).state;
    s = claim("c6", "li", s, now).state; // li: at the claim limit
    // protected beats account and claim limit
    expect(reasonOf(claim("c1", "li", s, now))).toBe("protected_by_owner");
    // account beats claim limit
    expect(reasonOf(claim("c2", "li", s, now))).toBe("account_owned_by_other");
    // inactive beats everything
    expect(reasonOf(claim("c1", "qian", s, now))).toBe("inactive");
    // c3 is free and li covers everything: the claim limit is the first failure
    expect(reasonOf(claim("c3", "li", s, now))).toBe("claim_limit_reached");
    // claim limit beats the owned cap
    const one = setup({ ...OWNERSHIP, claims: { dailyLimit: 1 } });
    const s1 = one.claim("c7", "capped", one.state, now).state;
    expect(reasonOf(one.claim("c3", "capped", s1, now))).toBe("claim_limit_reached");
  });
});

describe("claim: input errors", () => {
  it("an unseen customer without a record, or mismatched ids, is an input error", () => {
    const { r, state } = setup();
    const call = (input: object) => () =>
      r.claim({ repId: "wang", reps: REPS, state, now: T0, ...input });
    expect(call({ customerId: "nope" })).toThrow(/has not seen it/);
    expect(call({ customerId: "x", customer: { id: "y" } })).toThrow(/does not match/);
    expect(call({ customerId: "c1", expectedVersion: -1 })).toThrow(/expectedVersion/);
    expect(call({ customerId: "__proto__" })).toThrow(/reserved/);
    let caught: unknown;
    try {
      call({ customer: { id: "z", region: "nowhere" } })();
    } catch (error) {
      caught = error;
    }
    expect(isLeadRouteError(caught) && caught.issues[0]?.path).toBe("customer.region");
  });
});

describe("claim race (撞单): two claims computed from the same state version", () => {
  for (const [label, ownership, reason] of [
    ["with protection", OWNERSHIP, "protected_by_owner"],
    ["without protection", { ...OWNERSHIP, protection: undefined }, "owned_by_other"],
  ] as const) {
    it(`the loser, re-decided on the winner's state, is denied ${reason} and learns of the collision (${label})`, () => {
      const { r, state } = setup(ownership);
      const seen = state.version;
      const now = sh("2026-03-02T11:00:00");
      const a = r.claim({
        customerId: "c7",
        repId: "wang",
        reps: REPS,
        state,
        now,
        expectedVersion: seen,
      });
      const b = r.claim({
        customerId: "c7",
        repId: "li",
        reps: REPS,
        state,
        now,
        expectedVersion: seen,
      });
      // Both computed from one version: a compare-and-set host applies only the first.
      expect(a.state.version).toBe(seen + 1);
      expect(b.state.version).toBe(seen + 1);
      const retry = r.claim({
        customerId: "c7",
        repId: "li",
        reps: REPS,
        state: a.state,
        now,
        expectedVersion: seen,
      });
      expect(retry).toMatchObject({ outcome: "denied", reason });
      expect(retry.state).toBe(a.state);
      const collision = {
        type: "claim_collision",
        customerId: "c7",
        repId: "li",
        owner: "wang",
        expectedVersion: seen,
        changedAtVersion: seen + 1,
      };
      expect(retry.outcome === "denied" && retry.conflicts).toEqual([collision]);
      expect(retry.explanation.conflicts).toEqual([collision]);
      // With the current version, no collision: the denial is ordinary.
      const informed = r.claim({
        customerId: "c7",
        repId: "li",
        reps: REPS,
        state: a.state,
        now,
        expectedVersion: a.state.version,
      });
      expect(informed).not.toHaveProperty("conflicts");
    });
  }
});
