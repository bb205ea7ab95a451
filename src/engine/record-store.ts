/**
 * A persistent record (Baker's rerooting trick), so that threading a state from call to call
 * costs what the call changed, not what the record holds. Used for a state's customers (packed,
 * see `packed-customers.ts`) and its reps.
 *
 * Every version of a record is a {@link RecordVersion}. All versions derived from one another
 * share ONE mutable table (their store): the store's root version owns the table's contents;
 * every other version holds the reverse diff to its neighbour towards the root. Reading a
 * version that is not the root first reroots the store: it walks the path to the root and
 * applies the diffs backwards, inverting each one, so that the version read becomes the root.
 * Every version therefore stays a correct immutable value however the host branches (several
 * calls on one state, retries, reading old states after newer ones were made).
 *
 * Pointers run from older versions to newer ones as long as the newest is the root (the case of
 * a stream): a newer version holds no reference to an older one, so states the host drops are
 * garbage-collected with their diffs.
 *
 * A derived version is applied to the table when it is first read, not when it is made: a
 * state nobody reads again (a simulation's, a batch whose host keeps only the events) costs
 * nothing to store, and one that is threaded into the next call or written out as JSON costs
 * the same, when it is read. Until then it holds its changes and the version it starts from.
 */

import { setOwn } from "../strategies/guard";

/** Where a store keeps its root's entries: a `Map`'s semantics (insertion order; a set keeps an id's place). */
export interface Table<V> {
  get(id: string): V | undefined;
  has(id: string): boolean;
  /** Set `id` and return what it had. `trusted`: see {@link RecordVersion.derive}. */
  replace(id: string, value: V, trusted: boolean): V | undefined;
  delete(id: string): boolean;
  /** Ids in insertion order. */
  keys(): string[];
  forEach(fn: (value: V, id: string) => void): void;
}

/** A {@link Table} over a `Map` (for records of a few thousand entries, such as reps). */
export class MapTable<V> implements Table<V> {
  private readonly map = new Map<string, V>();
  get(id: string): V | undefined {
    return this.map.get(id);
  }
  has(id: string): boolean {
    return this.map.has(id);
  }
  replace(id: string, value: V): V | undefined {
    const before = this.map.get(id);
    this.map.set(id, value);
    return before;
  }
  delete(id: string): boolean {
    return this.map.delete(id);
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
  forEach(fn: (value: V, id: string) => void): void {
    this.map.forEach(fn);
  }
}

/** Told of every change of a store's table (a value set, or deleted when `after` is undefined). */
export type TableListener<V> = (before: V | undefined, after: V | undefined) => void;

/** A derived version's changes while they are not applied: see {@link RecordVersion.derive}. */
interface Pending<V> {
  readonly from: RecordVersion<V>;
  readonly changes: ReadonlyMap<string, V>;
  readonly trusted: boolean;
}

/** The mutable part shared by every version derived from one another. */
interface Store<V> {
  readonly table: Table<V>;
  root: RecordVersion<V>;
  listener: TableListener<V> | undefined;
}

/** Whether `key` is an array index: V8 (and the spec) list such keys of an object first, in numeric order. */
function isArrayIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  if (key !== "0" && !/^[1-9][0-9]*$/.test(key)) return false;
  return Number(key) <= 4_294_967_294;
}

/**
 * One immutable version of a record. Reads cost O(1) when the version is its store's root
 * (always the case for the newest state of a stream), else the length of the diffs between it
 * and the root, once.
 */
export class RecordVersion<V> {
  private readonly store: Store<V>;
  /** The neighbour towards the root; undefined for the root. */
  private next: RecordVersion<V> | undefined = undefined;
  /** What to set (a value) or delete (undefined) in `next`'s record to get this version's. */
  private undo: Map<string, V | undefined> | undefined = undefined;
  /** This version's changes until it is first read (it is then in the chain like any other). */
  private pending: Pending<V> | undefined = undefined;

  private constructor(store: Store<V> | undefined, table: Table<V>) {
    this.store = store ?? { table, root: this, listener: undefined };
  }

  /** A new store holding `record`'s entries in `table` (empty), O(n): once per record from outside. */
  static fromRecord<V>(table: Table<V>, record: Readonly<Record<string, V>>): RecordVersion<V> {
    const ids = Object.keys(record);
    for (let i = 0; i < ids.length; i++) table.replace(ids[i]!, record[ids[i]!]!, false);
    return new RecordVersion<V>(undefined, table);
  }

  /** This version's table, made current (read it before anything else runs). */
  current(): Table<V> {
    if (this.pending !== undefined) this.apply(this.pending);
    else if (this.store.root !== this) this.reroot();
    return this.store.table;
  }

  /** Report every later change of the store's table to `listener` (one per store; it replaces any before). */
  listen(listener: TableListener<V>): void {
    this.store.listener = listener;
  }

  get(id: string): V | undefined {
    return this.current().get(id);
  }

  has(id: string): boolean {
    return this.current().has(id);
  }

  /** Every id, in the order of `Object.keys` of the materialized record (array indices first). */
  ids(): string[] {
    const indices: string[] = [];
    const names: string[] = [];
    for (const id of this.current().keys()) (isArrayIndex(id) ? indices : names).push(id);
    if (indices.length === 0) return names;
    // Distinct array indices are distinct numbers: the order is total.
    indices.sort((a, b) => Number(a) - Number(b));
    return indices.concat(names);
  }

  /**
   * A new version: this one with `changes` set (new ids after the existing ones, in `changes`'
   * order). O(1) now and O(changes) when first read: it then becomes the root, and this one
   * keeps the reverse diff. `changes` is kept until then and must not change. `trusted`: the
   * values are what the working state writes (customer records in schema order, none
   * undefined), so a packed table need not check that again.
   */
  derive(changes: ReadonlyMap<string, V>, trusted: boolean): RecordVersion<V> {
    if (changes.size === 0) return this;
    // Applied first, so that a version waiting for its changes never starts from another one.
    if (this.pending !== undefined) this.apply(this.pending);
    const version = new RecordVersion<V>(this.store, this.store.table);
    version.pending = { from: this, changes, trusted };
    return version;
  }

  /**
   * Apply this version's changes to the table, from the version it was derived from. All or
   * nothing: if a write throws (a table may refuse a value), what was written is taken back, the
   * version it starts from is left as it was, and this one still waits (a retry throws again).
   */
  private apply({ from, changes, trusted }: Pending<V>): void {
    const table = from.current();
    const { listener } = this.store;
    const undo = new Map<string, V | undefined>();
    try {
      for (const [id, value] of changes) {
        const before = table.replace(id, value, trusted);
        undo.set(id, before);
        listener?.(before, value);
      }
    } catch (error) {
      for (const [id, before] of undo) {
        if (before === undefined) table.delete(id);
        else table.replace(id, before, false);
        listener?.(changes.get(id), before);
      }
      throw error;
    }
    this.pending = undefined;
    // The new root refers to nothing older: the older version points at it, never the reverse.
    from.next = this;
    from.undo = undo;
    this.store.root = this;
  }

  /**
   * The record as a plain object, byte-identical under `JSON.stringify` to `{ ...base,
   * ...changes }` built call after call: table order is first-appearance order, and the object
   * lists array-index keys first exactly as the spread would.
   */
  toRecord(): Record<string, V> {
    const out: Record<string, V> = {};
    // setOwn: `__proto__` is never a valid id, but must not set the prototype either.
    this.current().forEach((value, id) => {
      setOwn(out, id, value);
    });
    return out;
  }

  /**
   * Number of versions between this one and its store's root (0 for the root; undefined while
   * its changes wait to be applied). For tests.
   */
  distanceToRoot(): number | undefined {
    if (this.pending !== undefined) return undefined;
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
    const path: RecordVersion<V>[] = [];
    for (let v: RecordVersion<V> | undefined = this; v !== undefined; v = v.next) path.push(v);
    const { table, listener } = this.store;
    for (let i = path.length - 2; i >= 0; i--) {
      const version = path[i]!;
      const root = path[i + 1]!;
      const undo = version.undo!;
      for (const [id, value] of undo) {
        // Setting an existing key while iterating keeps its position: the diff keeps its order.
        const current = value === undefined ? table.get(id) : table.replace(id, value, false);
        if (value === undefined) table.delete(id);
        undo.set(id, current);
        listener?.(current, value);
      }
      root.undo = undo;
      root.next = version;
      version.undo = undefined;
      version.next = undefined;
      this.store.root = version;
    }
  }
}
