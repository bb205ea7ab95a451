import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerVersionOf } from "../../src/engine/customer-store";
import { replay } from "../../src/engine/replay";
import { WorkingState } from "../../src/engine/working-state";
import { createRouter, LeadRouteError, type RouterState } from "../../src/index";
import { designCustomers, designReps, designRuleSet } from "./fixtures";

/**
 * Random trees of calls threading states built on the persistent customer store: several calls
 * on one state, retries, reads of old states after newer ones were made. Each call is repeated
 * on the JSON round trip of its parent (a parsed state is untrusted: it takes the plain path),
 * and every state must stay JSON-identical to what that plain path gave, whenever it is read.
 */

const START = Date.parse("2026-03-02T09:00:00+08:00");
const HOURS = 3_600_000;

// Caps small enough that owned counts decide (least-loaded, owned cap), ownership on.
const router = createRouter({
  ...designRuleSet(),
  capacity: { perDay: 6, perWeek: 20, owned: 4 },
});
const reps = designReps();
const REP_IDS = reps.map((r) => r.id);

/** Customers without arrival times (they arrive at the call's `now`); some ids are array indices. */
const UNIVERSE = designCustomers(24, START, 1).map((c, i) => {
  const { receivedAt: _arrival, ...rest } = c;
  const odd = ["12", "3", "4294967295", "0", "007"][i % 8];
  return { ...rest, id: odd ?? `c${i}` };
});

type Step =
  | { kind: "assign"; parent: number; customers: number[] }
  | { kind: "transfer" | "claim"; parent: number; customer: number; rep: number }
  | { kind: "release" | "activity"; parent: number; customer: number }
  | { kind: "sweep"; parent: number }
  | { kind: "offboard"; parent: number; rep: number }
  | { kind: "read"; target: number; how: "json" | "keys" | "spread" | "clone" | "counts" };

/** -1 is the newest state; any other number picks one uniformly (modulo the count). */
const parent = fc.oneof(
  { weight: 2, arbitrary: fc.constant(-1) },
  { weight: 3, arbitrary: fc.nat() },
);
const customer = fc.nat(UNIVERSE.length - 1);
const rep = fc.nat(REP_IDS.length - 1);
const indices = UNIVERSE.map((_, i) => i);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("assign" as const),
      parent,
      customers: fc.shuffledSubarray(indices, { minLength: 1, maxLength: 6 }),
    }),
  },
  fc.record({
    kind: fc.constantFrom("transfer" as const, "claim" as const),
    parent,
    customer,
    rep,
  }),
  fc.record({ kind: fc.constantFrom("release" as const, "activity" as const), parent, customer }),
  fc.record({ kind: fc.constant("sweep" as const), parent }),
  fc.record({ kind: fc.constant("offboard" as const), parent, rep }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("read" as const),
      target: fc.nat(),
      how: fc.constantFrom("json", "keys", "spread", "clone", "counts"),
    }),
  },
);

type Outcome = { ok: true; value: { state: RouterState } & object } | { ok: false; code: string };

/** Run a call; an input error is an outcome too (both paths must give the same). */
function attempt(call: () => { state: RouterState } & object): Outcome {
  try {
    return { ok: true, value: call() };
  } catch (e) {
    if (e instanceof LeadRouteError) return { ok: false, code: e.code };
    throw e;
  }
}

/** The owner of `customerId` in `state` per `lookup` (a read-only call: no materialization). */
function ownerOf(state: RouterState | undefined, customerId: string, now: number): string {
  const found = attempt(() => ({ state: state!, ...router.lookup({ customerId, state, now }) }));
  return found.ok ? ((found.value as { owner?: string | null }).owner ?? "nobody") : "nobody";
}

/** The call of `step` on `state` at `now`. */
function call(step: Exclude<Step, { kind: "read" }>, state: RouterState | undefined, now: number) {
  switch (step.kind) {
    case "assign":
      return attempt(() =>
        router.assign({ customers: step.customers.map((i) => UNIVERSE[i]!), reps, state, now }),
      );
    case "transfer":
      return attempt(() =>
        router.transfer({
          customerId: UNIVERSE[step.customer]!.id as string,
          toRepId: REP_IDS[step.rep]!,
          actor: "manager",
          reason: "test",
          reps,
          state,
          now,
        }),
      );
    case "claim":
      return attempt(() =>
        router.claim({
          customerId: UNIVERSE[step.customer]!.id as string,
          repId: REP_IDS[step.rep]!,
          reps,
          state,
          now,
        }),
      );
    case "release":
    case "activity": {
      const customerId = UNIVERSE[step.customer]!.id as string;
      const repId = ownerOf(state, customerId, now);
      return attempt(() =>
        step.kind === "release"
          ? router.release({ customerId, repId, state, now })
          : router.recordActivity({ customerId, repId, state, now }),
      );
    }
    case "sweep":
      return attempt(() => router.sweep({ state, now }));
    case "offboard":
      return attempt(() => router.offboard({ repId: REP_IDS[step.rep]!, reps, state, now }));
  }
}

/** The outcome without its state (comparing the state is done separately, lazily). */
const withoutState = (o: Outcome) => JSON.stringify(o.ok ? { ...o.value, state: null } : o);

/** Owned customers per rep, from a plain state. */
function ownedCounts(plain: RouterState | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of Object.values(plain?.customers ?? {}))
    if (c.owner !== null) counts.set(c.owner, (counts.get(c.owner) ?? 0) + 1);
  return counts;
}

function run(steps: readonly Step[], finalOrder: readonly number[]): void {
  /** States built on the store (undefined: no state yet). */
  const states: (RouterState | undefined)[] = [undefined];
  /** What the plain path gave for each, as JSON. */
  const expected: (string | undefined)[] = [undefined];
  const parse = (k: number): RouterState | undefined =>
    expected[k] === undefined ? undefined : JSON.parse(expected[k]);
  const check = (k: number) => expect(JSON.stringify(states[k]), `state #${k}`).toBe(expected[k]);

  steps.forEach((step, s) => {
    const now = START + s * 20 * HOURS;
    if (step.kind === "read") {
      const k = step.target % states.length;
      const state = states[k];
      const plain = parse(k);
      if (state === undefined) return;
      if (step.how === "json") check(k);
      if (step.how === "keys")
        expect(Object.keys(state.customers)).toEqual(Object.keys(plain!.customers));
      if (step.how === "spread") expect({ ...state }).toStrictEqual(plain);
      if (step.how === "clone") expect(structuredClone(state)).toStrictEqual(plain);
      if (step.how === "counts") {
        const index = new WorkingState(state);
        const counts = ownedCounts(plain);
        for (const id of REP_IDS) expect(index.ownedCount(id), id).toBe(counts.get(id) ?? 0);
      }
      return;
    }
    const p = step.parent < 0 ? states.length - 1 : step.parent % states.length;
    const got = call(step, states[p], now);
    const want = call(step, parse(p), now);
    expect(withoutState(got), `step ${s} (${step.kind} on #${p})`).toBe(withoutState(want));
    if (!got.ok || !want.ok) return;
    const plain = JSON.stringify(want.value.state);
    // The plain construction, independently of the store: replaying the events on the parent.
    if ("events" in want.value && Array.isArray(want.value.events)) {
      expect(JSON.stringify(replay(want.value.events, parse(p)))).toBe(plain);
    }
    if (got.value.state !== states[p]) {
      // On the store from the first state with customers on (only a state without any is plain).
      if (customerVersionOf(got.value.state) === undefined)
        expect(plain).toContain('"customers":{}');
      states.push(got.value.state);
      expected.push(plain);
    } else expect(plain).toBe(expected[p] ?? JSON.stringify(got.value.state));
  });
  for (const i of finalOrder) check(i % states.length);
  for (let k = 1; k < states.length; k++) check(k);
}

describe("states on the customer store ≡ the plain construction", () => {
  it("over random trees of calls, reads and re-reads", () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 40, size: "max" }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (steps, finalOrder) => run(steps, finalOrder),
      ),
      { numRuns: 80 },
    );
  });
});
