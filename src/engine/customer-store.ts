import type { CustomerState, RepState, RouterState } from "../schema/state";
import { PackedCustomers } from "./packed-customers";
import { RecordVersion } from "./record-store";

/**
 * A state's customers and reps as persistent records (see `record-store.ts`): threading the
 * state from call to call costs what the call changed, not what the state holds.
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

/**
 * One immutable version of a state's customers: a {@link RecordVersion} over packed records
 * (see `packed-customers.ts`), with the ownership counts of its store kept up to date by every
 * change of the store's table (built on first need).
 */
export class CustomerVersion {
  private constructor(
    private readonly records: RecordVersion<CustomerState>,
    /** Shared by every version of the store. */
    private readonly shared: { counts: OwnershipCounts | undefined },
  ) {}

  /**
   * The version holding `record`'s customers (O(n), once per state that did not come from a
   * store). `counts`, when given, must be the ownership counts of `record`; the store takes them.
   */
  static fromRecord(
    record: Readonly<Record<string, CustomerState>>,
    counts?: OwnershipCounts,
  ): CustomerVersion {
    const version = new CustomerVersion(
      RecordVersion.fromRecord<CustomerState>(new PackedCustomers(), record),
      { counts: undefined },
    );
    if (counts !== undefined) version.keep(counts);
    return version;
  }

  /** The customer with id `id`, if this version has one. */
  get(id: string): CustomerState | undefined {
    return this.records.get(id);
  }

  /** Whether this version has a customer with id `id` (no record is read). */
  has(id: string): boolean {
    return this.records.has(id);
  }

  /** Every id, in the order of `Object.keys` of the materialized record (array indices first). */
  ids(): string[] {
    return this.records.ids();
  }

  /** Ownership counts of this version's customers: shared and live, read them before anything else runs. */
  counts(): OwnershipCounts {
    const table = this.records.current();
    if (this.shared.counts === undefined) {
      const counts = emptyCounts();
      table.forEach((c) => {
        countCustomer(counts, c, 1);
      });
      this.keep(counts);
    }
    return this.shared.counts!;
  }

  /**
   * A new version with `changes` set (records as the working state writes them, not to be
   * changed afterwards): O(1) now, O(changes) when first read (see {@link RecordVersion.derive}).
   */
  derive(changes: ReadonlyMap<string, CustomerState>): CustomerVersion {
    const next = this.records.derive(changes, true);
    return next === this.records ? this : new CustomerVersion(next, this.shared);
  }

  /** The customers as a plain record (see {@link RecordVersion.toRecord}). */
  toRecord(): Record<string, CustomerState> {
    return this.records.toRecord();
  }

  /** See {@link RecordVersion.distanceToRoot}. For tests. */
  distanceToRoot(): number | undefined {
    return this.records.distanceToRoot();
  }

  /** Keep `counts` (those of the store's current table) up to date from now on. */
  private keep(counts: OwnershipCounts): void {
    this.shared.counts = counts;
    this.records.listen((before, after) => {
      if (before !== undefined) countCustomer(counts, before, -1);
      if (after !== undefined) countCustomer(counts, after, 1);
    });
  }
}

/**
 * The customer and rep versions behind each state built by {@link stateOfVersion}, with the
 * accessor that reads each: a version counts only while its accessor is still in place (a host
 * that redefined the property has detached it, even without going through the setter).
 */
const versions = new WeakMap<object, { version: CustomerVersion; get: unknown }>();
const repVersions = new WeakMap<object, { version: RecordVersion<RepState>; get: unknown }>();

/** The entry's version if `state`'s `key` is still the accessor that was installed with it. */
function attached<T>(
  state: RouterState,
  key: "customers" | "reps",
  entry: { version: T; get: unknown } | undefined,
): T | undefined {
  if (entry === undefined) return undefined;
  return Object.getOwnPropertyDescriptor(state, key)?.get === entry.get ? entry.version : undefined;
}

/** The customer version behind `state` when this module built it (and its `customers` was never replaced). */
export function customerVersionOf(state: RouterState): CustomerVersion | undefined {
  return attached(state, "customers", versions.get(state));
}

/** The rep version behind `state` when this module built it (and its `reps` was never replaced). */
export function repVersionOf(state: RouterState): RecordVersion<RepState> | undefined {
  return attached(state, "reps", repVersions.get(state));
}

/** Replace an accessor of `target` by a data property (on a frozen object this throws, and nothing changes). */
function detach(target: object, key: "customers" | "reps", value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/**
 * A plain state object (keys in schema order, `Object.prototype`) whose `customers` and `reps`
 * are enumerable own accessors: each record is built from its version on first read and cached
 * for this state (never stored on the object, which the host may freeze). So `JSON.stringify`,
 * spreads, `structuredClone` and deep equality see plain records; assigning `customers` or
 * `reps` turns it into an ordinary data property of the object assigned to, detached from its
 * store.
 */
export function stateOfVersion(
  fields: Omit<RouterState, "customers" | "reps">,
  customers: CustomerVersion,
  reps: RecordVersion<RepState>,
): RouterState {
  let record: Record<string, CustomerState> | undefined;
  let repRecord: Record<string, RepState> | undefined;
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
      detach(this, "customers", value);
    },
    get reps(): Record<string, RepState> {
      repRecord ??= reps.toRecord();
      return repRecord;
    },
    set reps(value: Record<string, RepState>) {
      detach(this, "reps", value);
    },
    pools: fields.pools,
  };
  const accessor = (key: "customers" | "reps") => Object.getOwnPropertyDescriptor(state, key)?.get;
  versions.set(state, { version: customers, get: accessor("customers") });
  repVersions.set(state, { version: reps, get: accessor("reps") });
  return state;
}
