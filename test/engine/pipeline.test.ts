import { describe, expect, it } from "vitest";
import { createRouter, EVENT_TYPES, initialState } from "../../src/index";

const reps = [{ id: "a" }, { id: "b" }];

describe("ownership step under hit policy unique", () => {
  const router = createRouter({
    id: "unique-protected",
    hitPolicy: "unique",
    ownership: { protection: { days: 10 } },
    pools: { sh: { members: ["a"] }, bj: { members: ["b"] } },
    rules: [
      { id: "sh", match: { region: ["CN-SH"] }, assign: { pool: "sh" } },
      { id: "bj", match: { region: ["CN-BJ"] }, assign: { pool: "bj" } },
    ],
  });
  const first = router.assign({
    customers: [{ id: "k", region: "CN-SH" }],
    reps,
    now: "2026-03-01T00:00:00Z",
  });
  const moved = router.assign({
    customers: [{ id: "k", region: "CN-BJ" }],
    reps,
    state: first.state,
    now: "2026-03-02T00:00:00Z",
  });

  it("keeps the protected owner", () => {
    expect(first.decisions[0]).toMatchObject({ outcome: "assigned", repId: "a" });
    expect(moved.decisions[0]).toMatchObject({ outcome: "kept", repId: "a" });
  });

  // Regression: under hit policy unique a single match is the winning rule, so a protected owner
  // outside its target is a protected_owner conflict (DESIGN §4).
  it("reports protected_owner when the single matching rule routes elsewhere", () => {
    expect(moved.conflicts).toEqual([
      expect.objectContaining({
        type: "protected_owner",
        customerId: "k",
        owner: "a",
        ruleId: "bj",
      }),
    ]);
  });
});

describe("state versions and events", () => {
  const router = createRouter({
    id: "events",
    ownership: { protection: { days: 3 } },
    pools: { p: { members: ["a", "b"] } },
    rules: [
      { id: "spam", priority: 5, match: { source: ["spam"] }, assign: { queue: "junk" } },
      { id: "all", assign: { pool: "p" } },
    ],
  });
  const now = "2026-03-02T10:00:00Z";

  it("a call that decides nothing returns the same state (same version) and no events", () => {
    const state = initialState();
    const result = router.assign({ customers: [{ receivedAt: "bad" }], reps, state, now });
    expect(result.state).toEqual(state);
    expect(result.events).toEqual([]);
    // A state this library returned comes back as the very same object.
    const own = router.assign({ customers: [{ id: "c0" }], reps, now }).state;
    expect(router.assign({ customers: [], reps, state: own, now }).state).toBe(own);
    expect(result.rejected).toHaveLength(1);
  });

  it("a whole assign is one version; one customer_decided event per decision, in order", () => {
    const result = router.assign({
      customers: [
        { id: "c2", receivedAt: "2026-03-02T09:00:00Z" },
        { id: "c1", receivedAt: "2026-03-02T08:00:00Z", source: "spam" },
        { id: "c3" },
      ],
      reps,
      now,
    });
    expect(result.state.version).toBe(1);
    expect(EVENT_TYPES).toContain("customer_decided");
    expect(
      result.events.map((e) => [e.type, e.version, e.customerId, e.outcome, e.repId, e.queue]),
    ).toEqual([
      ["customer_decided", 1, "c1", "queued", undefined, "junk"],
      ["customer_decided", 1, "c2", "assigned", "a", undefined],
      ["customer_decided", 1, "c3", "assigned", "b", undefined],
    ]);
    expect(result.events.map((e) => e.at)).toEqual([
      "2026-03-02T08:00:00.000Z",
      "2026-03-02T09:00:00.000Z",
      "2026-03-02T10:00:00.000Z",
    ]);
    const next = router.assign({ customers: [{ id: "c4" }], reps, state: result.state, now });
    expect(next.state.version).toBe(2);
    expect(result.state.version).toBe(1); // the previous state is untouched
  });

  it("the state remembers the record's routing facts, owner, ownership start and protection end", () => {
    const result = router.assign({
      customers: [
        { id: "c1", accountId: "acme", region: "cn-sh", industry: 511210, tier: "B", note: "free" },
      ],
      reps,
      now,
    });
    expect(result.state.customers.c1).toMatchObject({
      owner: "a",
      accountId: "acme",
      tier: "B",
      country: "CN",
      region: "CN-SH",
      industry: "511210",
      ownedSince: "2026-03-02T10:00:00.000Z",
      protectedUntil: "2026-03-05T10:00:00.000Z",
    });
    expect(result.state.customers.c1).not.toHaveProperty("note");
  });
});

describe("JSON round-trip of the state", () => {
  const router = createRouter({
    id: "json",
    ownership: { protection: { days: 3 }, releaseCooldownDays: 2 },
    capacity: { perDay: 5 },
    pools: { p: { members: ["a", "b"], strategy: "weighted" } },
    rules: [
      { id: "q", priority: 5, match: { source: ["spam"] }, assign: { queue: "junk" } },
      { id: "all", assign: { pool: "p" } },
    ],
  });
  const s1 = router.assign({
    customers: [
      { id: "c1", accountId: "x", region: "CN-SH" },
      { id: "c2" },
      { id: "c3", source: "spam" },
    ],
    reps,
    now: "2026-03-01T00:00:00Z",
  }).state;
  const call = { customers: [{ id: "c4" }, { id: "c1" }], reps, now: "2026-03-02T00:00:00Z" };

  it("gives equal results", () => {
    const direct = router.assign({ ...call, state: s1 });
    const viaJson = router.assign({ ...call, state: JSON.parse(JSON.stringify(s1)) });
    expect(viaJson).toEqual(direct);
  });

  it("gives byte-identical JSON (the inputs serialize identically)", () => {
    const direct = router.assign({ ...call, state: s1 });
    const viaJson = router.assign({ ...call, state: JSON.parse(JSON.stringify(s1)) });
    expect(JSON.stringify(viaJson)).toBe(JSON.stringify(direct));
  });
});

describe("an evaluation error while the owner is kept", () => {
  const router = createRouter(
    {
      id: "kept-error",
      ownership: { protection: { days: 10 } },
      pools: { p: { members: ["a", "b"] } },
      rules: [{ id: "r", when: { flaky: [{ var: "customer.note" }] }, assign: { pool: "p" } }],
    },
    {
      operators: {
        flaky: (note: unknown) => {
          if (note === "bad") throw new Error("flaky");
          return true;
        },
      },
    },
  );

  it("leaves a protected owner in place (the rules only ran to report conflicts)", () => {
    const first = router.assign({
      customers: [{ id: "k", note: "ok" }],
      reps,
      now: "2026-03-01T00:00:00Z",
    });
    for (const explain of ["summary", "full"] as const) {
      const again = router.assign({
        customers: [{ id: "k", note: "bad" }],
        reps,
        state: first.state,
        now: "2026-03-02T00:00:00Z",
        explain,
      });
      expect(again.decisions[0]).toMatchObject({ outcome: "kept", repId: "a" });
      expect(again.state.customers.k?.owner).toBe("a");
    }
  });

  it("queues a new customer with evaluation_error and goes on with the batch", () => {
    const result = router.assign({
      customers: [
        { id: "x", note: "bad" },
        { id: "y", note: "ok" },
      ],
      reps,
      now: "2026-03-01T00:00:00Z",
    });
    expect(result.decisions.map((d) => [d.outcome, d.explanation.queueReason ?? d.repId])).toEqual([
      ["queued", "evaluation_error"],
      ["assigned", "a"],
    ]);
    expect(result.decisions[0]?.explanation.error?.message).toBe("flaky");
  });
});

describe("protection ends exactly at its end (half-open), in calendar days of the rule set's zone", () => {
  const router = createRouter({
    id: "protection-edge",
    timezone: "America/New_York",
    ownership: { protection: { days: 15 }, keepCurrentOwner: false },
    pools: { sh: { members: ["a"] }, bj: { members: ["b"] } },
    rules: [
      { id: "sh", match: { region: ["CN-SH"] }, assign: { pool: "sh" } },
      { id: "bj", match: { region: ["CN-BJ"] }, assign: { pool: "bj" } },
    ],
  });
  // 2026-03-01 09:00 EST + 15 calendar days = 2026-03-16 09:00 EDT (across the DST change).
  const first = router.assign({
    customers: [{ id: "k", region: "CN-SH" }],
    reps,
    now: "2026-03-01T09:00:00-05:00",
  });
  const again = (now: string) =>
    router.assign({ customers: [{ id: "k", region: "CN-BJ" }], reps, state: first.state, now });

  it("keeps the protected owner one millisecond before the end", () => {
    expect(first.state.customers.k?.protectedUntil).toBe("2026-03-16T13:00:00.000Z");
    const r = again("2026-03-16T12:59:59.999Z");
    expect(r.decisions[0]).toMatchObject({ outcome: "kept", repId: "a" });
    expect(r.conflicts).toEqual([expect.objectContaining({ type: "protected_owner", owner: "a" })]);
  });

  it("lets the rules decide again at the end itself (keepCurrentOwner: false)", () => {
    const r = again("2026-03-16T13:00:00.000Z");
    expect(r.decisions[0]).toMatchObject({ outcome: "assigned", repId: "b", ruleId: "bj" });
    expect(r.conflicts).toEqual([]);
  });
});
