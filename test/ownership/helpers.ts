import { expect } from "vitest";
import { createRouter, type Router, type RouterState } from "../../src";
import type { RouterEvent } from "../../src/engine/events";
import { replay } from "../../src/engine/replay";

/** The ownership options every test starts from (DESIGN §7 example, smaller numbers). */
export const OWNERSHIP = {
  keepCurrentOwner: true,
  protection: { days: 15, extendOnActivityDays: 7, maxDays: 30 },
  idleReleaseDays: 15,
  releaseCooldownDays: 14,
  claims: { dailyLimit: 2, newInPoolCooldownHours: 24 },
  accountExclusive: true,
  reminderDays: 3,
  exempt: { "==": [{ var: "customer.stage" }, "won"] },
};

/** A rule set in Asia/Shanghai: web leads go to the `inside` pool, everything else to the public pool. */
export function ruleSet(ownership: Record<string, unknown> = OWNERSHIP, extra: object = {}) {
  return {
    id: "acme",
    revision: "r1",
    timezone: "Asia/Shanghai",
    territories: { east: { regions: ["CN-SH", "CN-JS"] } },
    pools: { inside: { members: ["wang", "li", "zhao"] } },
    rules: [
      {
        id: "web",
        when: { "==": [{ var: "customer.source" }, "web"] },
        assign: { pool: "inside" },
      },
    ],
    fallback: { queue: "pool" },
    ownership,
    ...extra,
  };
}

export function router(ownership: Record<string, unknown> = OWNERSHIP, extra: object = {}): Router {
  return createRouter(ruleSet(ownership, extra));
}

export const REPS = [
  { id: "wang" },
  { id: "li" },
  { id: "zhao" },
  { id: "qian", active: false },
  { id: "sun", territories: ["east"], industries: ["software"], tiers: ["A"] },
  { id: "capped", capacity: { owned: 1 } },
];

/** Shanghai wall-clock time → ISO with offset. */
export const sh = (local: string) => `${local}+08:00`;
/** Shanghai wall-clock time → ISO UTC as the engine writes it. */
export const utc = (local: string) => new Date(`${local}+08:00`).toISOString();

export const T0 = sh("2026-03-02T10:00:00");

/** A state with the given customers queued in the public pool by `assign` (new leads: no new-in-pool cool-down). */
export function poolState(r: Router, customers: object[], now = T0): RouterState {
  return r.assign({ customers, reps: REPS, now }).state;
}

/** Fail with the denial when a result is not the expected outcome. */
export function expectOutcome(result: { outcome: string }, outcome: string): void {
  expect(result, JSON.stringify(result)).toMatchObject({ outcome });
}

/** Assert that replaying the events reproduces the state exactly (JSON-equal). */
export function expectReplays(events: RouterEvent[], state: RouterState, initial?: RouterState) {
  expect(JSON.stringify(replay(events, initial))).toBe(JSON.stringify(state));
}

/** Deep-freeze a value (inputs must never be mutated). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) deepFreeze(Reflect.get(value, key));
    Object.freeze(value);
  }
  return value;
}
