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
  if (record === undefined || FORBIDDEN_KEYS.has(id)) return { ...record, [id]: value };
  record[id] = value;
  return record;
}

const EMPTY_REP: RepState = { dayCount: 0, weekCount: 0, claimCount: 0 };

const CUSTOMER_KEYS = Object.keys(CustomerStateSchema.shape);
const REP_KEYS = Object.keys(RepStateSchema.shape);
const POOL_KEYS = Object.keys(PoolStateSchema.shape);

/**
 * The record with its keys in schema order (undefined values dropped). A state read back
 * through the schema (e.g. by `replay`) has this order, so writing records in it keeps states
 * JSON-equal however each operation happened to build its records.
 */
function inSchemaOrder<T extends object>(keys: readonly string[], record: T): T {
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
    if (!this.changed) return this.base;
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
  if (patch.customers) next.customers = { ...state.customers, ...patch.customers };
  if (patch.reps) next.reps = { ...state.reps, ...patch.reps };
  if (patch.pools) next.pools = { ...state.pools, ...patch.pools };
  if (patch.clock !== undefined) next.clock = patch.clock;
  if (patch.seq !== undefined) next.seq = patch.seq;
  return next;
}
