import fc from "fast-check";
import type {
  PoolState,
  RepLoad,
  Strategy,
  StrategyInput,
  StrategyPick,
} from "../../src/strategies";

export interface Scenario {
  members: readonly string[];
  /** Defaults to all members. */
  eligible?: readonly string[];
  state?: PoolState | undefined;
  key?: string;
  loads?: Readonly<Record<string, Partial<RepLoad>>>;
}

/** A strategy input with defaults: every member eligible, weight 1, nothing owned. */
export function makeInput(scenario: Scenario): StrategyInput {
  const loads = scenario.loads ?? {};
  return {
    poolId: "pool",
    members: scenario.members,
    eligible: scenario.eligible ?? scenario.members,
    customerKey: scenario.key ?? "customer-1",
    state: scenario.state,
    load: (repId) => ({
      weight: 1,
      owned: 0,
      lastAssignedSeq: undefined,
      ...(Object.hasOwn(loads, repId) ? loads[repId] : {}),
    }),
  };
}

/** Freezes a value and everything reachable from it, so any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      deepFreeze(Reflect.get(value, key));
    }
  }
  return value;
}

/** Runs `picks` picks, threading the state; `eligibleAt(n)` gives the eligible reps of pick n. */
export function runPicks(
  strategy: Strategy,
  scenario: Scenario & { eligibleAt?: (n: number) => readonly string[] },
  picks: number,
): { sequence: string[]; state: PoolState | undefined; last: StrategyPick | undefined } {
  let state = scenario.state;
  let last: StrategyPick | undefined;
  const sequence: string[] = [];
  for (let n = 0; n < picks; n++) {
    const eligible = scenario.eligibleAt?.(n) ?? scenario.eligible ?? scenario.members;
    last = strategy.pick(makeInput({ ...scenario, eligible, state }));
    state = last.state;
    sequence.push(last.repId);
  }
  return { sequence, state, last };
}

/** Counts occurrences of each value. */
export function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Deterministic pseudo-random numbers in [0, 1) for long simulations (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REP_IDS = ["ann", "bob", "cai", "dev", "eve", "fay", "gus", "hal", "ivy", "jon"] as const;

/** Unique member lists (1–8 reps) in arbitrary order. */
export const membersArb: fc.Arbitrary<string[]> = fc.uniqueArray(fc.constantFrom(...REP_IDS), {
  minLength: 1,
  maxLength: 8,
});

/** The members plus a non-empty eligible subset in member order. */
export const membersAndEligibleArb = membersArb.chain((members) =>
  fc.array(fc.boolean(), { minLength: members.length, maxLength: members.length }).map((mask) => {
    const eligible = members.filter((_, i) => mask[i]);
    return { members, eligible: eligible.length > 0 ? eligible : members.slice(0, 1) };
  }),
);

/** A rep id that is never in `REP_IDS`, for joins. */
export const NEWCOMER = "new";
