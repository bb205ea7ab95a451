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
 */
function withEntry<T>(
  record: Record<string, T> | undefined,
  id: string,
  value: T,
): Record<string, T> {
  // A literal with a computed key is the cheapest way to start a record keyed by a new id.
  if (record === undefined) return { [id]: value };
  if (FORBIDDEN_KEYS.has(id)) return { ...record, [id]: value };
  record[id] = value;
  return record;
}

/** Ownership counts of states built by {@link WorkingState.finish}, for the next call on them. */
const handedOver = new WeakMap<
  RouterState,
  { owned: Map<string, number>; accounts: Map<string, Map<string, number>> }
>();

const EMPTY_REP: RepState = { dayCount: 0, weekCount: 0, claimCount: 0 };

const CUSTOMER_KEYS = Object.keys(CustomerStateSchema.shape);
const REP_KEYS = Object.keys(RepStateSchema.shape);
const POOL_KEYS = Object.keys(PoolStateSchema.shape);

/** Whether `record`'s own keys are a subsequence of `keys` (schema order), none undefined. */
function alreadyInOrder(keys: readonly string[], record: object): boolean {
  let j = 0;
  for (const key of Object.keys(record)) {
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

/**
 * A copy-on-write view of the router state for the length of one call. Records are never
 * mutated: a change replaces the record, and is remembered so that the event describing it can
 * carry the new values and the final state can be built without touching the input.
 */
export class WorkingState {
  private readonly base: RouterState;
  private readonly customers = new Map<string, CustomerState>();
  private readonly reps = new Map<string, RepState>();
  private readonly pools = new Map<string, PoolStateData>();
  private owned: Map<string, number> | undefined;
  private accounts: Map<string, Map<string, number>> | undefined;
  private pending: StatePatch = {};
  private changed = false;
  clockMs: number | undefined;
  seq: number;

  constructor(state: RouterState) {
    this.base = state;
    this.clockMs = state.clock === null ? undefined : Date.parse(state.clock);
    this.seq = state.seq;
  }

  customer(id: string): CustomerState | undefined {
    const local = this.customers.get(id);
    if (local !== undefined) return local;
    return Object.hasOwn(this.base.customers, id) ? this.base.customers[id] : undefined;
  }

  /** Every customer id the state knows, base order first, then new ones in order of arrival. */
  customerIds(): string[] {
    const ids = Object.keys(this.base.customers);
    for (const id of this.customers.keys())
      if (!Object.hasOwn(this.base.customers, id)) ids.push(id);
    return ids;
  }

  rep(id: string): RepState {
    return (
      this.reps.get(id) ?? (Object.hasOwn(this.base.reps, id) ? this.base.reps[id]! : EMPTY_REP)
    );
  }

  pool(id: string): PoolStateData | undefined {
    return (
      this.pools.get(id) ?? (Object.hasOwn(this.base.pools, id) ? this.base.pools[id] : undefined)
    );
  }

  /** How many customers each rep owns (built once per call, then kept up to date). */
  ownedCount(repId: string): number {
    this.indexOwnership();
    return this.owned!.get(repId) ?? 0;
  }

  /** Owners of an account's customers with their customer counts. */
  accountOwners(accountId: string): ReadonlyMap<string, number> | undefined {
    this.indexOwnership();
    return this.accounts!.get(accountId);
  }

  private indexOwnership(): void {
    if (this.owned !== undefined) return;
    // A state this class produced comes with its counts: take them instead of a full scan, so a
    // stream of calls threading the state does not pay O(customers) per call. Taken, not
    // shared: a second call on the same state (a retry, a branch) scans again.
    const handed = handedOver.get(this.base);
    if (handed !== undefined) {
      handedOver.delete(this.base);
      this.owned = handed.owned;
      this.accounts = handed.accounts;
      // The counts describe the base state; bring in what this call changed before asking.
      for (const [id, next] of this.customers) {
        const before = Object.hasOwn(this.base.customers, id) ? this.base.customers[id] : undefined;
        if (before !== undefined) this.count(before, -1);
        this.count(next, 1);
      }
      return;
    }
    this.owned = new Map();
    this.accounts = new Map();
    for (const id of this.customerIds()) {
      const c = this.customer(id)!;
      if (c.owner !== null) this.count(c, 1);
    }
  }

  private count(c: CustomerState, delta: number): void {
    if (c.owner === null || this.owned === undefined || this.accounts === undefined) return;
    this.owned.set(c.owner, (this.owned.get(c.owner) ?? 0) + delta);
    if (c.accountId !== undefined) {
      let owners = this.accounts.get(c.accountId);
      if (!owners) {
        owners = new Map();
        this.accounts.set(c.accountId, owners);
      }
      const n = (owners.get(c.owner) ?? 0) + delta;
      if (n === 0) owners.delete(c.owner);
      else owners.set(c.owner, n);
    }
  }

  setCustomer(id: string, record: CustomerState): void {
    const next = inSchemaOrder(CUSTOMER_KEYS, record);
    const prev = this.customer(id);
    if (prev) this.count(prev, -1);
    this.count(next, 1);
    this.customers.set(id, next);
    this.pending.customers = withEntry(this.pending.customers, id, next);
    this.changed = true;
  }

  setRep(id: string, record: RepState): void {
    const next = inSchemaOrder(REP_KEYS, record);
    this.reps.set(id, next);
    this.pending.reps = withEntry(this.pending.reps, id, next);
    this.changed = true;
  }

  setPool(id: string, record: PoolStateData): void {
    const next = inSchemaOrder(POOL_KEYS, record);
    this.pools.set(id, next);
    this.pending.pools = withEntry(this.pending.pools, id, next);
    this.changed = true;
  }

  /** Move the clock forward (never back) to `ms`. */
  advanceClock(ms: number): void {
    if (this.clockMs === undefined || ms > this.clockMs) {
      this.clockMs = ms;
      this.pending.clock = toIso(ms);
      this.changed = true;
    }
  }

  nextSeq(): number {
    this.seq += 1;
    this.pending.seq = this.seq;
    this.changed = true;
    return this.seq;
  }

  /** The changes made since the last call, for the event that describes them. */
  takePatch(): StatePatch | undefined {
    const p = this.pending;
    this.pending = {};
    return Object.keys(p).length > 0 ? p : undefined;
  }

  get hasChanges(): boolean {
    return this.changed;
  }

  /** The resulting state: the input when nothing changed, else a new object with `version + 1`. */
  finish(): RouterState {
    const result = this.changed ? this.build() : this.base;
    // The counts describe `result` exactly (every change went through setCustomer): hand them
    // to the next call on it, and stop updating them here.
    if (this.owned !== undefined && this.accounts !== undefined) {
      handedOver.set(result, { owned: this.owned, accounts: this.accounts });
      this.owned = undefined;
      this.accounts = undefined;
    }
    return result;
  }

  private build(): RouterState {
    return applyPatch(
      { ...this.base, version: this.base.version + 1 },
      {
        customers: Object.fromEntries(this.customers),
        reps: Object.fromEntries(this.reps),
        pools: Object.fromEntries(this.pools),
        ...(this.clockMs !== undefined ? { clock: toIso(this.clockMs) } : {}),
        seq: this.seq,
      },
    );
  }
}

/** Apply a patch, returning a new state (records are overwritten whole; key order is stable). */
export function applyPatch(state: RouterState, patch: StatePatch): RouterState {
  const next: RouterState = { ...state };
  if (patch.customers) next.customers = merged(state.customers, patch.customers);
  if (patch.reps) next.reps = { ...state.reps, ...patch.reps };
  if (patch.pools) next.pools = { ...state.pools, ...patch.pools };
  if (patch.clock !== undefined) next.clock = patch.clock;
  if (patch.seq !== undefined) next.seq = patch.seq;
  return next;
}

/**
 * `{ ...base, ...changes }` for a large record (every customer of a state): the same keys,
 * values and order, built by an indexed loop over the keys, about twice as fast as a spread of
 * a dictionary-mode object. A prototype key (never a valid id) is defined, not assigned.
 */
function merged<T>(base: Readonly<Record<string, T>>, changes: Readonly<Record<string, T>>) {
  const out: Record<string, T> = {};
  for (const source of [base, changes]) {
    const keys = Object.keys(source);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = source[key]!;
      if (key === "__proto__") {
        Object.defineProperty(out, key, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else out[key] = value;
    }
  }
  return out;
}
