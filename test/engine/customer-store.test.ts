import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CustomerVersion,
  countCustomer,
  customerVersionOf,
  emptyCounts,
  type OwnershipCounts,
  repVersionOf,
  stateOfVersion,
} from "../../src/engine/customer-store";
import { MapTable, RecordVersion } from "../../src/engine/record-store";
import { checkState } from "../../src/engine/state-check";
import { WorkingState } from "../../src/engine/working-state";
import { createRouter, LeadRouteError, type RouterState } from "../../src/index";
import type { CustomerState } from "../../src/schema/state";
import { designReps, designRuleSet } from "./fixtures";

/** A state's own keys, in the order its JSON has them. */
const STATE_KEYS = ["schemaVersion", "version", "clock", "seq", "customers", "reps", "pools"];

/** A customer record owned by `owner` (null: in the public pool). */
const rec = (owner: string | null, accountId?: string): CustomerState =>
  accountId === undefined ? { owner } : { owner, accountId };

/** The record the pre-store code built: the base's keys, then the changes, as a spread does. */
function plainMerge(
  base: Readonly<Record<string, CustomerState>>,
  changes: ReadonlyMap<string, CustomerState>,
): Record<string, CustomerState> {
  return { ...base, ...Object.fromEntries(changes) };
}

/** Ownership counts recomputed from scratch, as sorted plain data (order-free comparison). */
function recount(record: Readonly<Record<string, CustomerState>>) {
  const counts = emptyCounts();
  for (const c of Object.values(record)) countCustomer(counts, c, 1);
  return sortedCounts(counts);
}

function sortedCounts(counts: OwnershipCounts) {
  const byKey = <T>(m: Map<string, T>) =>
    [...m].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    owned: byKey(counts.owned),
    accounts: byKey(counts.accounts)
      .map(([id, owners]) => [id, byKey(owners)] as const)
      .filter(([, owners]) => owners.length > 0),
  };
}

/** Ids whose order in a record is not insertion order: array indices go first, numerically. */
const ODD_IDS = ["b", "10", "2", "a", "4294967295", "01", "4294967294", "0", "-1", "1.5", "z"];

/** The other fields of a state, in schema order. */
const STATE_FIELDS = {
  schemaVersion: 1 as const,
  version: 1,
  clock: null,
  seq: 0,
  reps: {},
  pools: {},
};

/** A Map table that counts the values written to it. */
class CountingTable<V> extends MapTable<V> {
  writes = 0;
  override replace(id: string, value: V): V | undefined {
    this.writes++;
    return super.replace(id, value);
  }
}

describe("RecordVersion over a Map (reps)", () => {
  it("applies a derived version's changes when it is first read, and only once", () => {
    const table = new CountingTable<number>();
    const v0 = RecordVersion.fromRecord(table, { a: 1 });
    expect(table.writes).toBe(1);
    const v1 = v0.derive(new Map([["b", 2]]), false);
    expect(table.writes).toBe(1);
    expect(v1.distanceToRoot()).toBeUndefined();
    expect(v1.get("b")).toBe(2);
    expect(v1.get("a")).toBe(1);
    expect(table.writes).toBe(2);
    expect([v0.distanceToRoot(), v1.distanceToRoot()]).toEqual([1, 0]);
    // A version derived from one that still waits applies that one first: waits never chain.
    const v2 = v1.derive(new Map([["c", 3]]), false);
    const v3 = v2.derive(new Map([["d", 4]]), false);
    expect(table.writes).toBe(3);
    expect([v2.distanceToRoot(), v3.distanceToRoot()]).toEqual([0, undefined]);
    // Two versions waiting on one parent: each is applied from it when read, in any order.
    const v4 = v2.derive(new Map([["e", 5]]), false);
    expect(JSON.stringify(v4.toRecord())).toBe('{"a":1,"b":2,"c":3,"e":5}');
    expect(JSON.stringify(v3.toRecord())).toBe('{"a":1,"b":2,"c":3,"d":4}');
    expect(JSON.stringify(v0.toRecord())).toBe('{"a":1}');
    expect(JSON.stringify(v4.toRecord())).toBe('{"a":1,"b":2,"c":3,"e":5}');
  });

  it("reads every version as the spread of its changes, odd ids and branches included", () => {
    const id = fc.constantFrom(...ODD_IDS, "__proto__", "constructor", "toString", "r1");
    const step = fc.record({
      parent: fc.nat(),
      changes: fc.array(fc.tuple(id, fc.nat(9)), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (steps, reads) => {
          const versions = [RecordVersion.fromRecord<number>(new MapTable(), {})];
          const models: Record<string, number>[] = [{}];
          for (const { parent, changes } of steps) {
            const k = parent % versions.length;
            const map = new Map(changes);
            versions.push(versions[k]!.derive(map, false));
            // The spread the engine used to build (defineProperty for a prototype key, as JSON has it).
            const model: Record<string, number> = { ...models[k]! };
            for (const [key, value] of map)
              Object.defineProperty(model, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true,
              });
            models.push(model);
          }
          for (const r of [...reads, ...versions.keys()]) {
            const k = r % versions.length;
            expect(JSON.stringify(versions[k]!.toRecord())).toBe(JSON.stringify(models[k]));
            expect(versions[k]!.ids()).toEqual(Object.keys(models[k]!));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("CustomerVersion", () => {
  it("materializes in the order of the plain spread, array-index ids first", () => {
    const base: Record<string, CustomerState> = {};
    for (const id of ODD_IDS.slice(0, 6)) base[id] = rec("r1");
    const changes = new Map<string, CustomerState>([
      ["7", rec("r2")],
      ["a", rec("r3")],
      ["y", rec(null)],
      ["4294967294", rec("r4")],
      ["-1", rec("r5")],
      ["3", rec(null)],
    ]);
    const v0 = CustomerVersion.fromRecord(base);
    const v1 = v0.derive(changes);
    const expected = plainMerge(base, changes);
    expect(JSON.stringify(v1.toRecord())).toBe(JSON.stringify(expected));
    expect(v1.ids()).toEqual(Object.keys(expected));
    // The older version is still the base, in its own order, after the newer one was read.
    expect(JSON.stringify(v0.toRecord())).toBe(JSON.stringify(base));
    expect(v0.ids()).toEqual(Object.keys(base));
    expect(JSON.stringify(v1.toRecord())).toBe(JSON.stringify(expected));
  });

  it("re-appends ids in first-appearance order when a branch is read back", () => {
    const base = { a: rec("r1"), b: rec("r1") };
    const v0 = CustomerVersion.fromRecord(base);
    const left = v0.derive(
      new Map([
        ["c", rec("r2")],
        ["d", rec("r2")],
        ["a", rec("r3")],
      ]),
    );
    const right = v0.derive(
      new Map([
        ["e", rec("r4")],
        ["b", rec(null)],
      ]),
    );
    const leftLeft = left.derive(
      new Map([
        ["f", rec("r5")],
        ["c", rec(null)],
      ]),
    );
    const expected = new Map<CustomerVersion, string>([
      [v0, '{"a":{"owner":"r1"},"b":{"owner":"r1"}}'],
      [left, '{"a":{"owner":"r3"},"b":{"owner":"r1"},"c":{"owner":"r2"},"d":{"owner":"r2"}}'],
      [right, '{"a":{"owner":"r1"},"b":{"owner":null},"e":{"owner":"r4"}}'],
      [
        leftLeft,
        '{"a":{"owner":"r3"},"b":{"owner":"r1"},"c":{"owner":null},"d":{"owner":"r2"},"f":{"owner":"r5"}}',
      ],
    ]);
    // Every order of reading, twice over: each read reroots the store somewhere else.
    const order = [right, leftLeft, v0, left, right, v0, leftLeft, left, leftLeft, right];
    for (const v of order) expect(JSON.stringify(v.toRecord())).toBe(expected.get(v));
    expect(left.get("a")).toEqual(rec("r3"));
    expect(right.get("c")).toBeUndefined();
    expect(v0.get("e")).toBeUndefined();
  });

  it("keeps the ownership counts of whichever version is read", () => {
    const base = { a: rec("r1", "x"), b: rec("r2", "x"), c: rec(null, "x") };
    const v0 = CustomerVersion.fromRecord(base);
    expect(sortedCounts(v0.counts())).toEqual(recount(base));
    const c1 = new Map([
      ["a", rec("r2", "x")],
      ["d", rec("r1", "y")],
    ]);
    const v1 = v0.derive(c1);
    const c2 = new Map([
      ["b", rec(null, "x")],
      ["e", rec("r3")],
    ]);
    const v2 = v0.derive(c2);
    for (const [v, record] of [
      [v1, plainMerge(base, c1)],
      [v0, base],
      [v2, plainMerge(base, c2)],
      [v1, plainMerge(base, c1)],
    ] as const) {
      expect(sortedCounts(v.counts())).toEqual(recount(record));
    }
  });

  it("applies a version's changes all or nothing when first read", () => {
    const v0 = CustomerVersion.fromRecord({ a: rec("r1", "acc") });
    expect(sortedCounts(v0.counts())).toEqual(recount({ a: rec("r1", "acc") }));
    // The packed table refuses an id this long, after taking the two before it.
    const changes = new Map<string, CustomerState>([
      ["a", rec("r2", "acc")],
      ["b", rec("r2")],
      ["x".repeat(40_000), rec("r3")],
    ]);
    const v1 = v0.derive(changes);
    expect(() => v1.get("a")).toThrow(RangeError);
    expect(() => v1.get("a")).toThrow(RangeError);
    expect(v1.distanceToRoot()).toBeUndefined();
    // The version it started from is untouched, its counts too, and it can go on.
    expect(JSON.stringify(v0.toRecord())).toBe(JSON.stringify({ a: rec("r1", "acc") }));
    expect(sortedCounts(v0.counts())).toEqual(recount({ a: rec("r1", "acc") }));
    const v2 = v0.derive(new Map([["c", rec("r4")]]));
    expect(JSON.stringify(v2.toRecord())).toBe(
      JSON.stringify({ a: rec("r1", "acc"), c: rec("r4") }),
    );
    expect(sortedCounts(v2.counts())).toEqual(recount({ a: rec("r1", "acc"), c: rec("r4") }));
  });

  it("backs a state that materializes on first read, even when frozen before it", () => {
    const base: Record<string, CustomerState> = {};
    for (const id of ODD_IDS) base[id] = rec("r1");
    const { reps: noReps, ...fields } = STATE_FIELDS;
    const state = Object.freeze(
      stateOfVersion(
        fields,
        CustomerVersion.fromRecord(base),
        RecordVersion.fromRecord(new MapTable(), noReps),
      ),
    );
    expect(Object.getOwnPropertyNames(state)).toEqual(STATE_KEYS);
    expect(JSON.stringify(state.customers)).toBe(JSON.stringify(base));
    expect(state.customers).toBe(state.customers);
    // Nothing was added to the (frozen) object: the record is cached outside it.
    expect(Object.getOwnPropertyNames(state)).toHaveLength(7);
    const { reps, pools, ...head } = STATE_FIELDS;
    expect(JSON.stringify(state)).toBe(JSON.stringify({ ...head, customers: base, reps, pools }));
  });

  it("shares nothing older with a newer version: the newest of a stream is the root", () => {
    const versions = [CustomerVersion.fromRecord({})];
    for (let k = 0; k < 5; k++) {
      versions.push(versions.at(-1)!.derive(new Map([[`c${k}`, rec("r1")]])));
    }
    // Deriving applies the version it starts from; the newest waits until it is read.
    expect(versions.map((v) => v.distanceToRoot())).toEqual([4, 3, 2, 1, 0, undefined]);
    expect(versions[5]!.has("c4")).toBe(true);
    // Each version points one step towards the newest (its distance to the root is its age).
    expect(versions.map((v) => v.distanceToRoot())).toEqual([5, 4, 3, 2, 1, 0]);
    // Reading an old one reroots; going on from the newest turns the pointers forward again.
    expect(Object.keys(versions[1]!.toRecord())).toEqual(["c0"]);
    expect(versions[5]!.distanceToRoot()).toBe(4);
    const next = versions[5]!.derive(new Map([["c5", rec("r2")]]));
    expect(next.distanceToRoot()).toBeUndefined();
    expect(next.get("c5")).toEqual(rec("r2"));
    expect(next.distanceToRoot()).toBe(0);
    expect(versions[1]!.distanceToRoot()).toBe(5);
  });
});

describe("states built on the store", () => {
  const router = createRouter(designRuleSet());
  const reps = designReps();
  const NOW = "2026-03-03T10:00:00+08:00";
  const batch = (ids: readonly string[]) =>
    ids.map((id, i) => ({
      id,
      region: i % 2 === 0 ? "CN-SH" : "CN-GD",
      industry: "software",
      source: "web",
      annualRevenue: [5_000, 20_000_000, 200_000_000][i % 3],
      ...(i % 3 === 0 ? { accountId: `acct-${i % 2}` } : {}),
    }));
  const roundTrip = (s: RouterState): RouterState => JSON.parse(JSON.stringify(s));

  it("are JSON-identical to the plain construction with array-index and odd ids", () => {
    const first = router.assign({ customers: batch(ODD_IDS.slice(0, 7)), reps, now: NOW });
    const secondIds = ["0", "q", "10", "3", "4294967296", "b"];
    const second = router.assign({
      customers: batch(secondIds),
      reps,
      state: first.state,
      now: NOW,
    });
    const plain = router.assign({
      customers: batch(secondIds),
      reps,
      state: roundTrip(first.state),
      now: NOW,
    });
    expect(customerVersionOf(second.state)).toBeDefined();
    expect(JSON.stringify(second)).toBe(JSON.stringify(plain));
    expect(Object.keys(second.state.customers)).toEqual([
      "0",
      "2",
      "3",
      "10",
      "4294967294",
      "b",
      "a",
      "4294967295",
      "01",
      "q",
      "4294967296",
    ]);
    // The working state lists ids in the same order as the record.
    expect(new WorkingState(second.state).customerIds()).toEqual(
      Object.keys(second.state.customers),
    );
  });

  it("look like plain objects: keys, spread, structuredClone, equality, freezing", () => {
    const { state } = router.assign({ customers: batch(["c1", "c2", "c3"]), reps, now: NOW });
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
    expect(Object.keys(state)).toEqual(STATE_KEYS);
    const plain = roundTrip(state);
    expect(state).toEqual(plain);
    expect(state).toStrictEqual(plain);
    expect({ ...state }).toStrictEqual(plain);
    expect(structuredClone(state)).toStrictEqual(plain);
    expect(Object.keys(state.customers)).toEqual(["c1", "c2", "c3"]);
    // One record per state, built once.
    expect(state.customers).toBe(state.customers);
    const spread = { ...state };
    expect(Object.getOwnPropertyDescriptor(spread, "customers")).toHaveProperty("value");
    expect(customerVersionOf(spread)).toBeUndefined();

    // A deep-frozen state still reads and still threads.
    Object.freeze(state);
    Object.freeze(state.customers);
    for (const c of Object.values(state.customers)) Object.freeze(c);
    const next = router.assign({ customers: batch(["c4", "c2"]), reps, state, now: NOW });
    const nextPlain = router.assign({
      customers: batch(["c4", "c2"]),
      reps,
      state: plain,
      now: NOW,
    });
    expect(JSON.stringify(next)).toBe(JSON.stringify(nextPlain));
    expect(JSON.stringify(state)).toBe(JSON.stringify(plain));
    expect(() => {
      (state as { customers: unknown }).customers = {};
    }).toThrow(TypeError);
  });

  it("keep reps in a store too: read once, detached when assigned, frozen states refuse it", () => {
    const first = router.assign({ customers: batch(["c1", "c2"]), reps, now: NOW });
    const second = router.assign({ customers: batch(["c3"]), reps, state: first.state, now: NOW });
    // A branch from the first state: the store reroots, every state keeps its own reps.
    const branch = router.assign({ customers: batch(["c4"]), reps, state: first.state, now: NOW });
    const plain = (ids: string[]) =>
      router.assign({ customers: batch(ids), reps, state: roundTrip(first.state), now: NOW });
    expect(repVersionOf(second.state)).toBeDefined();
    expect(JSON.stringify(branch.state)).toBe(JSON.stringify(plain(["c4"]).state));
    expect(JSON.stringify(second.state)).toBe(JSON.stringify(plain(["c3"]).state));
    expect(second.state.reps).toBe(second.state.reps);
    expect(Object.getOwnPropertyDescriptor(second.state, "reps")).toHaveProperty("get");

    const detached = branch.state;
    const edited = { ...detached.reps };
    for (const id of Object.keys(edited)) edited[id] = { ...edited[id]!, dayCount: 99 };
    detached.reps = edited;
    expect(repVersionOf(detached)).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(detached, "reps")).toMatchObject({ value: edited });
    // The next call reads the assigned record (and leaves it as it was).
    const ws = new WorkingState(detached);
    for (const id of Object.keys(edited)) expect(ws.rep(id).dayCount).toBe(99);

    Object.freeze(second.state);
    expect(() => {
      (second.state as { reps: unknown }).reps = {};
    }).toThrow(TypeError);
    expect(repVersionOf(second.state)).toBeDefined();
  });

  it("detach the object assigned to, and a property redefined without the setter", () => {
    const { state } = router.assign({ customers: batch(["c1", "c2"]), reps, now: NOW });
    const json = JSON.stringify(state);
    // A copy keeping the accessors: assigning to it changes the copy, not the state.
    const copy = Object.defineProperties(
      {},
      Object.getOwnPropertyDescriptors(state),
    ) as RouterState;
    copy.reps = {};
    copy.customers = {};
    expect(JSON.stringify(state)).toBe(json);
    expect(customerVersionOf(state)).toBeDefined();
    expect(repVersionOf(state)).toBeDefined();
    expect(JSON.stringify(copy)).toContain('"customers":{},"reps":{}');
    // Redefined directly: the next call reads what the state now shows.
    const edited = JSON.parse(JSON.stringify(state.reps)) as RouterState["reps"];
    for (const id of Object.keys(edited)) edited[id]!.dayCount = 77;
    Object.defineProperty(state, "reps", { value: edited, enumerable: true, configurable: true });
    expect(repVersionOf(state)).toBeUndefined();
    const ws = new WorkingState(state);
    for (const id of Object.keys(edited)) expect(ws.rep(id).dayCount).toBe(77);
  });

  it("take an assigned `customers` as an ordinary property, detached from the store", () => {
    const first = router.assign({ customers: batch(["c1", "c2"]), reps, now: NOW });
    const state = first.state;
    state.customers = {};
    expect(customerVersionOf(state)).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(state, "customers")).toMatchObject({
      value: {},
      writable: true,
      enumerable: true,
    });
    expect(JSON.stringify(state)).toContain('"customers":{}');
    expect(new WorkingState(state).customer("c1")).toBeUndefined();
  });

  it("keep their records apart from the call's events, which the host may edit", () => {
    const call = () => router.assign({ customers: batch(["c1", "c2"]), reps, now: NOW });
    // The same call twice gives the same state: the twin's JSON is the state's, read untouched.
    const before = JSON.stringify(call().state);
    const { state, events } = call();
    // A host redacting its events in place, before the state was ever read.
    for (const e of events) {
      if (!("set" in e)) continue;
      for (const record of Object.values(e.set.customers ?? {})) {
        (record as { owner: string | null }).owner = "mallory";
        delete (record as { region?: string }).region;
      }
      for (const record of Object.values(e.set.reps ?? {})) {
        (record as { dayCount: number }).dayCount = 999;
      }
      for (const record of Object.values(e.set.pools ?? {})) {
        if (record.pointer) (record.pointer as { index: number }).index = 999;
        if (record.levels) (record.levels as Record<string, number>).mallory = 1;
      }
    }
    expect(events.some((e) => "set" in e && e.set.reps !== undefined)).toBe(true);
    const pools = events.flatMap((e) => ("set" in e ? Object.values(e.set.pools ?? {}) : []));
    expect(pools.some((p) => p.pointer !== undefined || p.levels !== undefined)).toBe(true);
    expect(events.some((e) => "set" in e && e.set.customers !== undefined)).toBe(true);
    expect(JSON.stringify(state)).toBe(before);
    expect(before).not.toContain("mallory");
    expect(before).not.toContain("999");
    expect(state.customers.c1?.region).toBe("CN-SH");
    const next = router.assign({ customers: batch(["c3"]), reps, state, now: NOW }).state;
    expect(next.customers.c2?.owner).not.toBe("mallory");
  });

  it("are trusted without a check, and the exhausted-counter check still runs", () => {
    const { state } = router.assign({ customers: batch(["c1"]), reps, now: NOW });
    expect(checkState(state)).toBe(state);
    // Checking the state reads none of its customers: they are not even stored until read.
    expect(customerVersionOf(state)!.distanceToRoot()).toBeUndefined();

    const last = router.assign({
      customers: batch(["c2"]),
      reps,
      state: { ...roundTrip(state), version: Number.MAX_SAFE_INTEGER - 1 },
      now: NOW,
    }).state;
    expect(last.version).toBe(Number.MAX_SAFE_INTEGER);
    expect(customerVersionOf(last)).toBeDefined();
    let error: unknown;
    try {
      router.assign({ customers: batch(["c3"]), reps, state: last, now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LeadRouteError);
    expect((error as LeadRouteError).code).toBe("invalid_state");
  });

  it("refuse a change that exhausts a rep's counter, and only a change", () => {
    const solo = createRouter({
      id: "solo",
      timezone: "UTC",
      pools: { p: { members: ["solo"] } },
      rules: [{ id: "all", assign: { pool: "p" } }],
    });
    const team = [{ id: "solo" }, { id: "idle" }];
    const exhausted = { day: "2026-01-05", dayCount: Number.MAX_SAFE_INTEGER, claimCount: 0 };
    const stateWith = (repId: string): RouterState => ({
      schemaVersion: 1,
      version: 3,
      clock: null,
      seq: 0,
      customers: {},
      reps: { [repId]: { ...exhausted, weekCount: 0 } },
      pools: {},
    });
    const call = (state: RouterState) =>
      solo.assign({ customers: [{ id: "c1" }], reps: team, state, now: "2026-01-05T09:00:00Z" });
    let error: unknown;
    try {
      call(stateWith("solo"));
    } catch (e) {
      error = e;
    }
    expect((error as LeadRouteError).code).toBe("invalid_state");
    expect(JSON.stringify(error)).toContain("state.reps.solo");
    // A rep the call does not change keeps what it had.
    const { state } = call(stateWith("idle"));
    expect(state.reps.idle!.dayCount).toBe(Number.MAX_SAFE_INTEGER);
    expect(state.reps.solo!.dayCount).toBe(1);
  });

  it("count owners right on a second call on the same state", () => {
    const first = router.assign({ customers: batch(["c1", "c2", "c3", "c4"]), reps, now: NOW });
    const owners = (s: RouterState) => {
      const counts = new Map<string, number>();
      for (const c of Object.values(s.customers))
        if (c.owner !== null) counts.set(c.owner, (counts.get(c.owner) ?? 0) + 1);
      return counts;
    };
    const repIds = reps.map((r) => r.id);
    for (let k = 0; k < 3; k++) {
      const next = router.assign({
        customers: batch([`n${k}`, "c1", `m${k}`]),
        reps,
        state: first.state,
        now: NOW,
      });
      for (const s of [first.state, next.state]) {
        const expected = owners(s);
        const index = new WorkingState(s);
        for (const id of repIds) expect(index.ownedCount(id)).toBe(expected.get(id) ?? 0);
      }
    }
  });
});

describe("memory", () => {
  /** `gc` of the engine, exposed after start-up (vitest workers run without --expose-gc). */
  function exposedGc(): () => void {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  }

  /** A stream of states of which only the newest is kept; weak references to the older ones. */
  function stream(calls: number): { newest: RouterState; older: WeakRef<object>[] } {
    const router = createRouter(designRuleSet());
    const reps = designReps();
    const older: WeakRef<object>[] = [];
    let state: RouterState | undefined;
    for (let k = 0; k < calls; k++) {
      const customers = Array.from({ length: 50 }, (_, i) => ({ id: `c${k}-${i}`, source: "web" }));
      const result = router.assign({ customers, reps, state, now: "2026-03-03T10:00:00+08:00" });
      if (state !== undefined) {
        // The state and its customer version: neither may be held by a newer one.
        older.push(new WeakRef(state), new WeakRef(customerVersionOf(state)!));
      }
      state = result.state;
    }
    return { newest: state!, older };
  }

  it("lets the host drop older states: they are collected", async () => {
    const gc = exposedGc();
    const { newest, older } = stream(6);
    // WeakRef targets live until the end of the current job.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(older).toHaveLength(10);
    expect(older.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    expect(Object.keys(newest.customers)).toHaveLength(300);
  });
});
