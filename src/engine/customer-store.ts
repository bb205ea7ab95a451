import type { CustomerState, RouterState } from "../schema/state";
import { PackedCustomers } from "./packed-customers";

/**
 * A persistent customers record (Baker's rerooting trick), so that threading the state from
 * call to call costs what the call changed, not what the state holds.
 *
 * Every version of a state's customers is a {@link CustomerVersion}. All versions derived from
 * one another share ONE mutable map (their store; packed outside the heap, see
 * `packed-customers.ts`): the store's root version owns the map's
 * contents; every other version holds the reverse diff to its neighbour towards the root.
 * Reading a version that is not the root first reroots the store: it walks the path to the
 * root and applies the diffs backwards, inverting each one, so that the version read becomes
 * the root. Every version therefore stays a correct immutable value however the host branches
 * (several calls on one state, retries, reading old states after newer ones were made).
 *
 * Pointers run from older versions to newer ones as long as the newest is the root (the case of
 * a stream): a newer version holds no reference to an older one, so states the host drops are
 * garbage-collected with their diffs.
 */

/** Ownership counts of a set of customers: customers owned per rep, and per account its owners with their counts. */
export interface OwnershipCounts {
  readonly owned: Map<string, number>;
  readonly accounts: Map<string, Map<string, number>>;
}

/** Empty counts (or an empty set of count changes). */
export function emptyCounts(): OwnershipCounts {
  return { owned: new Map(), accounts: new Map() };
}

/**
 * Add `delta` (1 or -1) for `c` to `counts`; an unowned customer counts for nothing. A rep keeps
 * its entry at zero; an account drops an owner whose count reaches zero.
 */
export function countCustomer(counts: OwnershipCounts, c: CustomerState, delta: number): void {
  if (c.owner === null) return;
  counts.owned.set(c.owner, (counts.owned.get(c.owner) ?? 0) + delta);
  if (c.accountId === undefined) return;
  let owners = counts.accounts.get(c.accountId);
  if (owners === undefined) {
    owners = new Map();
    counts.accounts.set(c.accountId, owners);
  }
  const n = (owners.get(c.owner) ?? 0) + delta;
  if (n === 0) owners.delete(c.owner);
  else owners.set(c.owner, n);
}

/** The mutable part shared by every version derived from one another. */
interface Store {
  /** The root version's customers, in the order their ids first appeared (a record's order for names). */
  readonly map: PackedCustomers;
  root: CustomerVersion;
  /** Ownership counts of the root's customers, kept up to date by every change of the map; built on first need. */
  counts: OwnershipCounts | undefined;
}

/** Whether `key` is an array index: V8 (and the spec) list such keys of an object first, in numeric order. */
function isArrayIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  if (key !== "0" && !/^[1-9][0-9]*$/.test(key)) return false;
  return Number(key) <= 4_294_967_294;
}

/**
 * One immutable version of a state's customers. Reads cost O(1) when the version is its store's
 * root (always the case for the newest state of a stream), else the length of the diffs between
 * it and the root, once.
 */
export class CustomerVersion {
  private readonly store: Store;
  /** The neighbour towards the root; undefined for the root. */
  private next: CustomerVersion | undefined = undefined;
  /** What to set (a record) or delete (undefined) in `next`'s customers to get this version's. */
  private undo: Map<string, CustomerState | undefined> | undefined = undefined;

  private constructor(store: Store | undefined, map: PackedCustomers) {
    this.store = store ?? { map, root: this, counts: undefined };
  }

  /**
   * The version holding `record`'s customers (O(n), once per state that did not come from a
   * store). `counts`, when given, must be the ownership counts of `record`; the store takes them.
   */
  static fromRecord(
    record: Readonly<Record<string, CustomerState>>,
    counts?: OwnershipCounts,
  ): CustomerVersion {
    const map = new PackedCustomers();
    const ids = Object.keys(record);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      map.set(id, record[id]!);
    }
    const version = new CustomerVersion(undefined, map);
    version.store.counts = counts;
    return version;
  }

  /** The customer with id `id`, if this version has one. */
  get(id: string): CustomerState | undefined {
    if (this.store.root !== this) this.reroot();
    return this.store.map.get(id);
  }

  /** Whether this version has a customer with id `id` (no record is read). */
  has(id: string): boolean {
    if (this.store.root !== this) this.reroot();
    return this.store.map.has(id);
  }

  /** Every id, in the order of `Object.keys` of the materialized record (array indices first). */
  ids(): string[] {
    if (this.store.root !== this) this.reroot();
    const indices: string[] = [];
    const names: string[] = [];
    for (const id of this.store.map.keys()) (isArrayIndex(id) ? indices : names).push(id);
    if (indices.length === 0) return names;
    // Distinct array indices are distinct numbers: the order is total.
    indices.sort((a, b) => Number(a) - Number(b));
    return indices.concat(names);
  }

  /** Ownership counts of this version's customers: shared and live, read them before anything else runs. */
  counts(): OwnershipCounts {
    if (this.store.root !== this) this.reroot();
    let counts = this.store.counts;
    if (counts === undefined) {
      const fresh = emptyCounts();
      this.store.map.forEach((c) => {
        countCustomer(fresh, c, 1);
      });
      this.store.counts = counts = fresh;
    }
    return counts;
  }

  /**
   * A new version: this one with `changes` set (new ids after the existing ones, in `changes`'
   * order). O(changes): the new version becomes the root and this one keeps the reverse diff.
   * The records must have their keys in schema order, none undefined (as the working state
   * writes them): they are packed without checking that again.
   */
  derive(changes: ReadonlyMap<string, CustomerState>): CustomerVersion {
    if (changes.size === 0) return this;
    if (this.store.root !== this) this.reroot();
    const { map, counts } = this.store;
    const undo = new Map<string, CustomerState | undefined>();
    for (const [id, value] of changes) {
      const before = map.replace(id, value, true);
      undo.set(id, before);
      if (counts !== undefined) {
        if (before !== undefined) countCustomer(counts, before, -1);
        countCustomer(counts, value, 1);
      }
    }
    const version = new CustomerVersion(this.store, map);
    // The new root refers to nothing older: this version points at it, never the reverse.
    this.next = version;
    this.undo = undo;
    this.store.root = version;
    return version;
  }

  /**
   * The customers as a plain record, byte-identical under `JSON.stringify` to `{ ...base,
   * ...changes }` built call after call: map order is first-appearance order, and the engine
   * lists array-index keys first exactly as it would in the spread.
   */
  toRecord(): Record<string, CustomerState> {
    if (this.store.root !== this) this.reroot();
    const out: Record<string, CustomerState> = {};
    this.store.map.forEach((value, id) => {
      // Never a valid id, but a plain assignment would set the prototype instead of a key.
      if (id === "__proto__") {
        Object.defineProperty(out, id, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else out[id] = value;
    });
    return out;
  }

  /** Number of versions between this one and its store's root (0 for the root). For tests. */
  distanceToRoot(): number {
    let n = 0;
    for (let v = this.next; v !== undefined; v = v.next) n++;
    return n;
  }

  /**
   * Make this version the root: apply the diffs from the root back to it, inverting each so
   * that the version left behind can come back. Each diff is inverted in place and keeps its
   * order, so ids that come back are re-appended in the order they first appeared.
   */
  private reroot(): void {
    const path: CustomerVersion[] = [];
    for (let v: CustomerVersion | undefined = this; v !== undefined; v = v.next) path.push(v);
    const { map } = this.store;
    for (let i = path.length - 2; i >= 0; i--) {
      const version = path[i]!;
      const root = path[i + 1]!;
      const undo = version.undo!;
      const counts = this.store.counts;
      for (const [id, value] of undo) {
        const current = map.get(id);
        // Setting an existing key while iterating keeps its position: the diff keeps its order.
        undo.set(id, current);
        if (value === undefined) map.delete(id);
        else map.set(id, value);
        if (counts !== undefined) {
          if (current !== undefined) countCustomer(counts, current, -1);
          if (value !== undefined) countCustomer(counts, value, 1);
        }
      }
      root.undo = undo;
      root.next = version;
      version.undo = undefined;
      version.next = undefined;
      this.store.root = version;
    }
  }
}

/** The customer version behind each state built by {@link stateOfVersion}. */
const versions = new WeakMap<object, CustomerVersion>();

/** The customer version behind `state` when this module built it (and its `customers` was never reassigned). */
export function customerVersionOf(state: RouterState): CustomerVersion | undefined {
  return versions.get(state);
}

/**
 * A plain state object (keys in schema order, `Object.prototype`) whose `customers` is an
 * enumerable own accessor: the record is built from `customers` on first read and cached for
 * this state (never stored on the object, which the host may freeze). So `JSON.stringify`,
 * spreads, `structuredClone` and deep equality see a plain record; assigning `customers`
 * turns it into an ordinary data property, detached from the store.
 */
export function stateOfVersion(
  fields: Omit<RouterState, "customers">,
  customers: CustomerVersion,
): RouterState {
  let record: Record<string, CustomerState> | undefined;
  const state: RouterState = {
    schemaVersion: fields.schemaVersion,
    version: fields.version,
    clock: fields.clock,
    seq: fields.seq,
    get customers(): Record<string, CustomerState> {
      record ??= customers.toRecord();
      return record;
    },
    set customers(value: Record<string, CustomerState>) {
      // Redefine first: on a frozen state this throws, and the state stays as it was.
      Object.defineProperty(state, "customers", {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      versions.delete(state);
    },
    reps: fields.reps,
    pools: fields.pools,
  };
  versions.set(state, customers);
  return state;
}
