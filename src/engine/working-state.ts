import { FORBIDDEN_KEYS } from "../limits";
import {
  type CustomerState,
  CustomerStateSchema,
  type PoolStateData,
  PoolStateSchema,
  type RepState,
  RepStateSchema,
  type RouterState,
} from "../schema/state";
import { toIso } from "../time";
import {
  CustomerVersion,
  countCustomer,
  customerVersionOf,
  emptyCounts,
  type OwnershipCounts,
  repVersionOf,
  stateOfVersion,
} from "./customer-store";
import { MapTable, RecordVersion } from "./record-store";

/** The changes one event makes to the state: whole records, so replay is a plain overwrite. */
export interface StatePatch {
  customers?: Record<string, CustomerState>;
  reps?: Record<string, RepState>;
  pools?: Record<string, PoolStateData>;
  clock?: string;
  seq?: number;
}

/**
 * `record` with `id` set to `value`. The pending record is private until `takePatch` hands it
 * over, so it is updated in place (key order is first-set order, as with a spread); a
 * prototype key (never a valid id) still goes through a spread, which defines an own property.
 * A new record is made by `fresh`.
 */
function withEntry<T>(
  record: Record<string, T> | undefined,
  id: string,
  value: T,
  fresh: () => Record<string, T>,
): Record<string, T> {
  if (FORBIDDEN_KEYS.has(id)) return { ...record, [id]: value };
  const out = record ?? fresh();
  out[id] = value;
  return out;
}

/**
 * An empty record for keys seen before (rep and pool ids): a property added to an empty literal
 * follows a shape V8 already has, which costs half a literal with a computed key.
 */
const shapedRecord = <T>(): Record<string, T> => ({});

/**
 * An empty record for keys mostly never seen before (customer ids): a plain object already in
 * V8's dictionary mode, because on a fast object every new key creates a hidden class that
 * nothing else shares — the most costly step of a decision's event. Same prototype, keys, order
 * and JSON as any other record.
 */
function hashedRecord<T>(): Record<string, T> {
  // A null-prototype object starts in dictionary mode, and keeps it when given its prototype
  // back (half the cost of deleting properties from a literal).
  return Object.setPrototypeOf(Object.create(null), Object.prototype) as Record<string, T>;
}

const EMPTY_REP: RepState = { dayCount: 0, weekCount: 0, claimCount: 0 };

const CUSTOMER_KEYS = Object.keys(CustomerStateSchema.shape);
const REP_KEYS = Object.keys(RepStateSchema.shape);
const POOL_KEYS = Object.keys(PoolStateSchema.shape);

/** Whether `record`'s own keys are a subsequence of `keys` (schema order), none undefined. */
function alreadyInOrder(keys: readonly string[], record: object): boolean {
  let j = 0;
  // for…in rather than Object.keys: no array per record (these records have no prototype keys
  // beyond Object.prototype's, which are not enumerable).
  for (const key in record) {
    if (!Object.hasOwn(record, key)) return false;
    while (j < keys.length && keys[j] !== key) j++;
    if (j === keys.length || Reflect.get(record, key) === undefined) return false;
    j++;
  }
  return true;
}

/**
 * The record with its keys in schema order (undefined values dropped). A state read back
 * through the schema (e.g. by `replay`) has this order, so writing records in it keeps states
 * JSON-equal however each operation happened to build its records.
 */
function inSchemaOrder<T extends object>(keys: readonly string[], record: T): T {
  // Most records are built in schema order already: keep them as they are (one pass over the
  // keys instead of a copy, which is what most of a decision's state writes cost).
  if (alreadyInOrder(keys, record)) return record;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value: unknown = Object.hasOwn(record, key) ? Reflect.get(record, key) : undefined;
    if (value !== undefined) out[key] = value;
  }
  // Same keys and values as `record` (every key of these records is in the schema, which is strict).
  return out as T;
}

// The records a call writes are also in its events, which belong to the host and may be edited
// there (redacted before logging, say): the next state keeps copies of its own, nested records
// included, so that editing an event never changes a state.
const copyCustomer = (c: CustomerState): CustomerState =>
  c.cooldowns === undefined ? { ...c } : { ...c, cooldowns: { ...c.cooldowns } };
const copyRep = (r: RepState): RepState => ({ ...r });
const copyPool = (p: PoolStateData): PoolStateData => {
  const out = { ...p };
  if (p.pointer !== undefined) out.pointer = { ...p.pointer };
  if (p.levels !== undefined) out.levels = { ...p.levels };
  return out;
};

function copies<V>(records: ReadonlyMap<string, V>, copy: (value: V) => V): Map<string, V> {
  const out = new Map<string, V>();
  for (const [id, value] of records) out.set(id, copy(value));
  return out;
}

/**
 * A copy-on-write view of the router state for the length of one call. Records are never
 * mutated: a change replaces the record, and is remembered so that the event describing it can
 * carry the new values and the final state can be built without touching the input.
 *
 * The customers of a state this class built live in a persistent store (see
 * `customer-store.ts`): they are read through it, and the next state shares it, so a call
 * costs what it changed, not what the state holds.
 */
export class WorkingState {
  private readonly base: RouterState;
  /** The base's customers when it is a state built here (else they are read from its record). */
  private readonly version: CustomerVersion | undefined;
  /** The base's reps when it is a state built here (else they are read from its record). */
  private readonly repVersion: RecordVersion<RepState> | undefined;
  private readonly customers = new Map<string, CustomerState>();
  private readonly reps = new Map<string, RepState>();
  private readonly pools = new Map<string, PoolStateData>();
  /** Ownership counts of a base without a version, built on first need. */
  private plainCounts: OwnershipCounts | undefined;
  /** How this call's changes move the base's ownership counts (kept from the first change on). */
  private readonly countChanges = emptyCounts();
  private pending: StatePatch = {};
  /** Whether `pending` holds anything (cheaper than counting its keys per decision). */
  private pendingSet = false;
  private changed = false;
  clockMs: number | undefined;
  seq: number;

  constructor(state: RouterState) {
    this.base = state;
    this.version = customerVersionOf(state);
    this.repVersion = repVersionOf(state);
    this.clockMs = state.clock === null ? undefined : Date.parse(state.clock);
    this.seq = state.seq;
  }

  customer(id: string): CustomerState | undefined {
    const local = this.customers.get(id);
    if (local !== undefined) return local;
    if (this.version !== undefined) return this.version.get(id);
    return Object.hasOwn(this.base.customers, id) ? this.base.customers[id] : undefined;
  }

  /** Every customer id the state knows, base order first, then new ones in order of arrival. */
  customerIds(): string[] {
    const version = this.version;
    if (version !== undefined) {
      const ids = version.ids();
      for (const id of this.customers.keys()) if (!version.has(id)) ids.push(id);
      return ids;
    }
    const ids = Object.keys(this.base.customers);
    for (const id of this.customers.keys())
      if (!Object.hasOwn(this.base.customers, id)) ids.push(id);
    return ids;
  }

  rep(id: string): RepState {
    return (
      this.reps.get(id) ??
      (this.repVersion !== undefined
        ? this.repVersion.get(id)
        : Object.hasOwn(this.base.reps, id)
          ? this.base.reps[id]
          : undefined) ??
      EMPTY_REP
    );
  }

  pool(id: string): PoolStateData | undefined {
    return (
      this.pools.get(id) ?? (Object.hasOwn(this.base.pools, id) ? this.base.pools[id] : undefined)
    );
  }

  /** How many customers each rep owns (the base's counts, built once per store, plus this call's changes). */
  ownedCount(repId: string): number {
    const base = this.baseCounts().owned.get(repId) ?? 0;
    return base + (this.countChanges.owned.get(repId) ?? 0);
  }

  /** Owners of an account's customers with their customer counts. */
  accountOwners(accountId: string): ReadonlyMap<string, number> | undefined {
    const base = this.baseCounts().accounts.get(accountId);
    const changes = this.countChanges.accounts.get(accountId);
    if (changes === undefined || changes.size === 0) return base;
    const owners = new Map(base);
    for (const [owner, delta] of changes) {
      const n = (owners.get(owner) ?? 0) + delta;
      if (n === 0) owners.delete(owner);
      else owners.set(owner, n);
    }
    return owners;
  }

  /**
   * Ownership counts of the base state. A state built here shares them with every state of its
   * store (kept up to date as the store moves between versions), so a stream of calls threading
   * the state, and a second call on the same state, count in O(changes), not O(customers).
   */
  private baseCounts(): OwnershipCounts {
    if (this.version !== undefined) return this.version.counts();
    if (this.plainCounts === undefined) {
      const counts = emptyCounts();
      const record = this.base.customers;
      for (const id of Object.keys(record)) countCustomer(counts, record[id]!, 1);
      this.plainCounts = counts;
    }
    return this.plainCounts;
  }

  /**
   * Listen for changes to what a rep's eligibility may depend on: its record, or how many
   * customers it owns (the call's caches of what depends on them).
   */
  onRepChange(listener: (repId: string) => void): void {
    const previous = this.repListener;
    this.repListener =
      previous === undefined
        ? listener
        : (repId) => {
            previous(repId);
            listener(repId);
          };
  }

  private repListener: ((repId: string) => void) | undefined;

  setCustomer(id: string, record: CustomerState): void {
    const next = inSchemaOrder(CUSTOMER_KEYS, record);
    const prev = this.customer(id);
    if (prev) countCustomer(this.countChanges, prev, -1);
    countCustomer(this.countChanges, next, 1);
    if (this.repListener !== undefined && prev?.owner !== next.owner) {
      if (prev?.owner) this.repListener(prev.owner);
      if (next.owner) this.repListener(next.owner);
    }
    this.customers.set(id, next);
    this.pendingSet = true;
    this.pending.customers = withEntry<CustomerState>(
      this.pending.customers,
      id,
      next,
      hashedRecord,
    );
    this.changed = true;
  }

  setRep(id: string, record: RepState): void {
    const next = inSchemaOrder(REP_KEYS, record);
    this.repListener?.(id);
    this.reps.set(id, next);
    this.pendingSet = true;
    this.pending.reps = withEntry<RepState>(this.pending.reps, id, next, shapedRecord);
    this.changed = true;
  }

  setPool(id: string, record: PoolStateData): void {
    const next = inSchemaOrder(POOL_KEYS, record);
    this.pools.set(id, next);
    this.pendingSet = true;
    this.pending.pools = withEntry<PoolStateData>(this.pending.pools, id, next, shapedRecord);
    this.changed = true;
  }

  /** Move the clock forward (never back) to `ms`. */
  advanceClock(ms: number): void {
    if (this.clockMs === undefined || ms > this.clockMs) {
      this.clockMs = ms;
      this.pendingSet = true;
      this.pending.clock = toIso(ms);
      this.changed = true;
    }
  }

  nextSeq(): number {
    this.seq += 1;
    this.pendingSet = true;
    this.pending.seq = this.seq;
    this.changed = true;
    return this.seq;
  }

  /** The changes made since the last call, for the event that describes them. */
  takePatch(): StatePatch | undefined {
    if (!this.pendingSet) return undefined;
    const p = this.pending;
    this.pending = {};
    this.pendingSet = false;
    return p;
  }

  /** The rep records this call changed, by id (the only ones whose counters it can exhaust). */
  get changedReps(): ReadonlyMap<string, RepState> {
    return this.reps;
  }

  get hasChanges(): boolean {
    return this.changed;
  }

  /**
   * The resulting state: the input when nothing changed, else a new object with `version + 1`.
   * Its customers and reps are new versions of the base's stores (O(changes); a base from
   * outside is copied into new stores once), materialized as plain records only when read.
   */
  finish(): RouterState {
    if (!this.changed) return this.base;
    const base = this.base;
    const fields = {
      schemaVersion: base.schemaVersion,
      version: base.version + 1,
      clock: this.clockMs !== undefined ? toIso(this.clockMs) : base.clock,
      seq: this.seq,
      pools: { ...base.pools, ...Object.fromEntries(copies(this.pools, copyPool)) },
    };
    // Reps, like customers, go into a persistent store: a call costs the reps it changed (a host
    // that routes one lead per call with a large roster would otherwise copy every rep's record).
    const reps = this.repVersion ?? RecordVersion.fromRecord(new MapTable(), base.reps);
    // The counts of a base from outside describe its record: the new store takes them over.
    const from = this.version ?? CustomerVersion.fromRecord(base.customers, this.plainCounts);
    this.plainCounts = undefined;
    return stateOfVersion(
      fields,
      from.derive(copies(this.customers, copyCustomer)),
      reps.derive(copies(this.reps, copyRep), false),
    );
  }
}
