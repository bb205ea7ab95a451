import { type CustomerState, CustomerStateSchema } from "../schema/state";
import { toIso } from "../time";

/**
 * The customers of a state, packed outside the JavaScript heap: a `Map<string, CustomerState>`
 * (same order and semantics: insertion order, a set on an existing id keeps its place, a
 * deleted id that comes back goes last) whose records live in typed-array pages instead of one
 * object per customer.
 *
 * Why: a state remembers every customer it has seen. As objects, a customer cost ~216 bytes of
 * heap (record, instant strings, map entry, id), and V8 lets its heap grow to several times
 * what is live, so re-simulating a million leads peaked near 0.8 GB, and every major
 * collection marked the whole state again. Packed, a customer costs 47–56 bytes (as the hash
 * table fills) that the collector never visits, plus each distinct string value once for the
 * life of the store (values of deleted records included: the store only grows in practice).
 *
 * How a record is packed: its strings are interned (each distinct value once per store), its
 * instants are stored as milliseconds and its `ownerVersion` as an unsigned 32-bit number; a
 * bit mask says which fields it has. Reading rebuilds a plain record in schema order that is
 * byte-identical under `JSON.stringify` to the one stored (a record that would not be, e.g.
 * keys out of schema order or an instant not in the engine's canonical form, is kept as it
 * is). `cooldowns` records, rare, are kept as they are beside the packed fields. Reads of a
 * packed record return a new object each time: records are values, compare them by content
 * (and never edit one: a record kept as it is would keep the edit). Deleting during an
 * iteration behaves as with a `Map` (the store is compacted only between iterations).
 */

const PAGE_BITS = 12;
/** Slots per page: past the first (which doubles up to it), a state grows a page at a time, never copied. */
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

type Kind = "owner" | "string" | "count" | "instant" | "record";

/** How each schema field is packed (the type lists every field; a test fails if `pack` leaves one out). */
const KINDS: Readonly<Record<keyof CustomerState, Kind>> = {
  owner: "owner",
  accountId: "string",
  tier: "string",
  country: "string",
  region: "string",
  postalCode: "string",
  industry: "string",
  source: "string",
  queue: "string",
  ownerVersion: "count",
  ownedSince: "instant",
  protectedUntil: "instant",
  lastActivityAt: "instant",
  inPoolSince: "instant",
  cooldowns: "record",
};

/** The schema's keys in order; the owner (always present) first, then one mask bit each. */
const FIELDS = Object.keys(CustomerStateSchema.shape) as (keyof CustomerState)[];
const FIELD_INDEX = new Map<string, number>(FIELDS.map((key, i) => [key, i]));

/** Each field's index in {@link FIELDS}. */
const F = Object.fromEntries(FIELDS.map((key, i) => [key, i])) as Record<
  keyof CustomerState,
  number
>;

/** A field's mask bit (the owner, always present, has none). */
const bit = (field: number): number => 1 << (field - 1);

/** Each field's mask bit. */
const B = Object.fromEntries(FIELDS.map((key, i) => [key, bit(i)])) as Record<
  keyof CustomerState,
  number
>;

/**
 * Whether `value` is a plain object whose own keys are schema keys in schema order, none
 * undefined: only such a record is rebuilt byte-identical from its packed fields.
 */
function isSchemaOrdered(value: object): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  let last = -1;
  let count = 0;
  for (const key in value) {
    const field = FIELD_INDEX.get(key);
    if (field === undefined || field <= last || !Object.hasOwn(value, key)) return false;
    if (Reflect.get(value, key) === undefined) return false;
    last = field;
    count++;
  }
  // The owner is required; a hidden (non-enumerable) key would be packed, then written to JSON.
  return (
    last >= 0 && Object.hasOwn(value, "owner") && Object.getOwnPropertyNames(value).length === count
  );
}

/** Mask bits past the fields' (at most 14 fields besides the owner fit the 16-bit mask). */
const KEPT_AS_IS = 1 << 14;
const DELETED = 1 << 15;

/** Largest packed `ownerVersion` (a larger one keeps its record as it is). */
const MAX_COUNT = 0xffff_ffff;
/** Key bytes per page; a key never straddles two pages (an id is at most 32,767 characters). */
const KEY_PAGE_BYTES = 1 << 16;
/** Bytes of the first key page at first (it doubles up to a whole page). */
const FIRST_KEY_PAGE_BYTES = 512;
const MAX_KEY_CHARS = 0x7fff;
const TWO_BYTE = 0x8000;

/** Slots of a column's first page at first: a state with a few customers stays small. */
const FIRST_PAGE_SIZE = 64;

/**
 * A growable column of numbers, one per slot, allocated on first write: the first page doubles
 * from {@link FIRST_PAGE_SIZE} up to {@link PAGE_SIZE} slots, later pages are whole.
 */
class Column<A extends Uint16Array | Uint32Array | Float64Array> {
  pages: (A | undefined)[] = [];
  constructor(private readonly make: (length: number) => A) {}

  get(slot: number): number {
    // Slots are read only where the mask says the field was written.
    return this.pages[slot >>> PAGE_BITS]![slot & PAGE_MASK]!;
  }

  set(slot: number, value: number): void {
    const p = slot >>> PAGE_BITS;
    const i = slot & PAGE_MASK;
    let page = this.pages[p];
    if (page === undefined || i >= page.length) page = this.grow(p, i);
    page[i] = value;
  }

  private grow(p: number, i: number): A {
    const old = this.pages[p];
    let length = p === 0 ? Math.max(FIRST_PAGE_SIZE, old?.length ?? 0) : PAGE_SIZE;
    while (length <= i) length *= 2;
    const page = this.make(Math.min(length, PAGE_SIZE));
    if (old !== undefined) page.set(old);
    while (this.pages.length < p) this.pages.push(undefined);
    this.pages[p] = page;
    return page;
  }
}

const u16 = (n: number) => new Uint16Array(n);
const u32 = (n: number) => new Uint32Array(n);
const f64 = (n: number) => new Float64Array(n);

/** FNV-1a over UTF-16 code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** `text[from…from+n)` as a decimal number, or -1 if any of those characters is not a digit. */
function digits(text: string, from: number, n: number): number {
  let value = 0;
  for (let i = from; i < from + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The milliseconds of `text` in the engine's own form (`YYYY-MM-DDTHH:MM:SS.mmmZ`, years
 * 0100–9999, a real date and time), read without building a string; NaN otherwise.
 */
function engineInstant(text: string): number {
  if (text.length !== 24) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const milli = digits(text, 20, 3);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 || // Z
    year < 100 || // Date.UTC reads years 0–99 as 1900–1999
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    milli < 0
  )
    return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

/** The milliseconds of `text` when writing them back gives `text` again, else NaN. */
export function canonicalInstant(text: unknown): number {
  if (typeof text !== "string") return Number.NaN;
  const fast = engineInstant(text);
  if (!Number.isNaN(fast)) return fast;
  // Other forms the state accepts (no fraction, expanded years, …) are not written back as given.
  const ms = Date.parse(text);
  return Number.isFinite(ms) && toIso(ms) === text ? ms : Number.NaN;
}

/** Whether `v` is absent or a string. */
const optionalText = (v: unknown): boolean => v === undefined || typeof v === "string";

/** NaN for an absent instant, -Infinity for one that cannot be packed, else its milliseconds. */
function instantOf(v: unknown): number {
  if (v === undefined) return Number.NaN;
  const ms = canonicalInstant(v);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

export class PackedCustomers {
  /** Slots in use (live and deleted), in insertion order. */
  private slots = 0;
  private live = 0;
  private masks = new Column(u16);
  private keyRefs = new Column(u32);
  private keyLengths = new Column(u16);
  private keyPages: Uint8Array[] = [];
  /** Next free byte of the last key page. */
  private keyOffset = KEY_PAGE_BYTES;
  /** Open addressing, linear probing: slot + 1, or 0 for empty. */
  private table = new Int32Array(16);
  /** Interned strings (the owner column stores index + 1, 0 for null). */
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  /** Per field (by schema index): its column, made on first use. */
  private columns: (Column<Uint16Array | Uint32Array | Float64Array> | undefined)[] = [];
  /** Whether string columns hold 32-bit indices (past 65,535 distinct strings). */
  private wide = false;
  /** Records kept as they are, and `cooldowns` of packed records, by slot. */
  private asIs = new Map<number, CustomerState>();
  private cooldowns = new Map<number, NonNullable<CustomerState["cooldowns"]>>();
  /** Iterations running (a delete meanwhile does not compact). */
  private iterating = 0;

  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.find(id, hashOf(id)) >= 0;
  }

  get(id: string): CustomerState | undefined {
    const slot = this.find(id, hashOf(id));
    return slot < 0 ? undefined : this.record(slot);
  }

  /** Set `id`; see {@link PackedCustomers.write} for `inSchemaOrder`. */
  set(id: string, value: CustomerState, inSchemaOrder = false): this {
    this.replace(id, value, inSchemaOrder);
    return this;
  }

  /** Set `id` and return the record it had (one lookup for both). */
  replace(id: string, value: CustomerState, inSchemaOrder = false): CustomerState | undefined {
    const hash = hashOf(id);
    let slot = this.find(id, hash);
    let before: CustomerState | undefined;
    if (slot < 0) {
      slot = this.addKey(id, hash);
      this.live++;
    } else {
      before = this.record(slot);
      this.asIs.delete(slot);
      this.cooldowns.delete(slot);
    }
    this.write(slot, value, inSchemaOrder);
    return before;
  }

  delete(id: string): boolean {
    const h = hashOf(id);
    const mask = this.table.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = this.table[i]!;
      if (entry === 0) return false;
      if (this.keyEquals(entry - 1, id)) {
        const slot = entry - 1;
        this.unlink(i);
        this.masks.set(slot, DELETED);
        this.asIs.delete(slot);
        this.cooldowns.delete(slot);
        this.live--;
        // Deleted slots keep their key bytes: past as many as the live ones, start afresh
        // (not while iterating: that would move the slots under the loop).
        if (this.iterating === 0 && this.slots - this.live > Math.max(PAGE_SIZE, this.live))
          this.compact();
        return true;
      }
    }
  }

  /** Calls `fn` for every live customer in insertion order (as `Map#forEach`, without iterators). */
  forEach(fn: (value: CustomerState, id: string) => void): void {
    this.iterating++;
    try {
      for (let slot = 0; slot < this.slots; slot++)
        if ((this.masks.get(slot) & DELETED) === 0) fn(this.record(slot), this.keyOf(slot));
    } finally {
      this.iterating--;
    }
  }

  /** Live ids in insertion order. */
  keys(): string[] {
    const ids: string[] = [];
    for (let slot = 0; slot < this.slots; slot++)
      if ((this.masks.get(slot) & DELETED) === 0) ids.push(this.keyOf(slot));
    return ids;
  }

  /** Bytes held outside the heap (typed-array pages), for measurement. */
  packedBytes(): number {
    let bytes = this.table.byteLength;
    for (const page of this.keyPages) bytes += page.byteLength;
    for (const column of [this.masks, this.keyRefs, this.keyLengths, ...this.columns])
      for (const page of column?.pages ?? []) bytes += page?.byteLength ?? 0;
    return bytes;
  }

  // ——— keys ———

  /** The slot holding `id`, or -1. */
  private find(id: string, hash: number): number {
    const mask = this.table.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const entry = this.table[i]!;
      if (entry === 0) return -1;
      if (this.keyEquals(entry - 1, id)) return entry - 1;
    }
  }

  private keyEquals(slot: number, id: string): boolean {
    const stored = this.keyLengths.get(slot);
    if ((stored & MAX_KEY_CHARS) !== id.length) return false;
    const ref = this.keyRefs.get(slot);
    const page = this.keyPages[ref >>> 16]!;
    const at = ref & 0xffff;
    if ((stored & TWO_BYTE) === 0) {
      for (let i = 0; i < id.length; i++) if (page[at + i] !== id.charCodeAt(i)) return false;
    } else {
      for (let i = 0; i < id.length; i++)
        if (page[at + 2 * i]! + (page[at + 2 * i + 1]! << 8) !== id.charCodeAt(i)) return false;
    }
    return true;
  }

  /** {@link hashOf} of the id in `slot`, from its stored code units (no string built). */
  private hashAt(slot: number): number {
    const stored = this.keyLengths.get(slot);
    const length = stored & MAX_KEY_CHARS;
    const ref = this.keyRefs.get(slot);
    const page = this.keyPages[ref >>> 16]!;
    const at = ref & 0xffff;
    let h = 0x811c9dc5;
    if ((stored & TWO_BYTE) === 0) {
      for (let i = 0; i < length; i++) h = Math.imul(h ^ page[at + i]!, 0x01000193);
    } else {
      for (let i = 0; i < length; i++)
        h = Math.imul(h ^ (page[at + 2 * i]! + (page[at + 2 * i + 1]! << 8)), 0x01000193);
    }
    return h >>> 0;
  }

  private keyOf(slot: number): string {
    const stored = this.keyLengths.get(slot);
    const length = stored & MAX_KEY_CHARS;
    const ref = this.keyRefs.get(slot);
    const page = this.keyPages[ref >>> 16]!;
    const at = ref & 0xffff;
    if ((stored & TWO_BYTE) === 0)
      return String.fromCharCode.apply(null, page.subarray(at, at + length) as unknown as number[]);
    const units = new Uint16Array(length);
    for (let i = 0; i < length; i++) units[i] = page[at + 2 * i]! + (page[at + 2 * i + 1]! << 8);
    return String.fromCharCode.apply(null, units as unknown as number[]);
  }

  /** A new slot holding `id` (its record still to be written). */
  private addKey(id: string, hash: number): number {
    if (id.length > MAX_KEY_CHARS) throw new RangeError(`customer id longer than ${MAX_KEY_CHARS}`);
    let twoByte = false;
    for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) > 0xff) twoByte = true;
    const bytes = twoByte ? 2 * id.length : id.length;
    const page = this.keySpace(bytes);
    const at = this.keyOffset;
    for (let i = 0; i < id.length; i++) {
      const unit = id.charCodeAt(i);
      if (twoByte) {
        page[at + 2 * i] = unit & 0xff;
        page[at + 2 * i + 1] = unit >>> 8;
      } else page[at + i] = unit;
    }
    this.keyOffset += bytes;
    // Grown before the new slot exists: the rehash links every slot there is, once.
    if (2 * (this.live + 1) > this.table.length) this.rehash(2 * this.table.length);
    const slot = this.slots++;
    this.keyRefs.set(slot, ((this.keyPages.length - 1) << 16) | at);
    this.keyLengths.set(slot, id.length | (twoByte ? TWO_BYTE : 0));
    this.link(hash, slot);
    return slot;
  }

  /**
   * The key page where the next `bytes` go, at `keyOffset`: the last page if they fit (the first
   * page grows by doubling up to a whole page), else a new whole page.
   */
  private keySpace(bytes: number): Uint8Array {
    const last = this.keyPages[this.keyPages.length - 1];
    const end = this.keyOffset + bytes;
    // An offset must stay below KEY_PAGE_BYTES (16 bits of the reference), even for an empty id.
    if (last !== undefined && end <= last.length && this.keyOffset < KEY_PAGE_BYTES) return last;
    if (last !== undefined && last.length < KEY_PAGE_BYTES && end < KEY_PAGE_BYTES) {
      let length = last.length * 2;
      while (length < end) length *= 2;
      const grown = new Uint8Array(Math.min(length, KEY_PAGE_BYTES));
      grown.set(last);
      this.keyPages[this.keyPages.length - 1] = grown;
      return grown;
    }
    const page = new Uint8Array(
      this.keyPages.length === 0 ? Math.max(FIRST_KEY_PAGE_BYTES, bytes) : KEY_PAGE_BYTES,
    );
    this.keyPages.push(page);
    this.keyOffset = 0;
    return page;
  }

  private link(hash: number, slot: number): void {
    const mask = this.table.length - 1;
    let i = hash & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }

  /** Empty table position `i`, shifting back the entries of its probe run (no tombstones). */
  private unlink(i: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let hole = i;
    for (let j = (i + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = this.hashAt(table[j]! - 1) & mask;
      // Move j into the hole unless its home lies cyclically in (hole, j].
      if (hole <= j ? home <= hole || home > j : home <= hole && home > j) {
        table[hole] = table[j]!;
        hole = j;
      }
    }
    table[hole] = 0;
  }

  private rehash(capacity: number): void {
    this.table = new Int32Array(capacity);
    for (let slot = 0; slot < this.slots; slot++)
      if ((this.masks.get(slot) & DELETED) === 0) this.link(this.hashAt(slot), slot);
  }

  /**
   * Rebuild without the deleted slots, in the same order, copying packed values column by column
   * (no record is rebuilt on the heap; interned strings stay as they are).
   */
  private compact(): void {
    const { masks, keyRefs, keyLengths, keyPages, columns, asIs, cooldowns, slots } = this;
    this.slots = 0;
    this.masks = new Column(u16);
    this.keyRefs = new Column(u32);
    this.keyLengths = new Column(u16);
    this.keyPages = [];
    this.keyOffset = KEY_PAGE_BYTES;
    let capacity = 16;
    while (capacity < 2 * (this.live + 1)) capacity *= 2;
    this.table = new Int32Array(capacity);
    this.columns = [];
    this.asIs = new Map();
    this.cooldowns = new Map();
    for (let from = 0; from < slots; from++) {
      const mask = masks.get(from);
      if ((mask & DELETED) !== 0) continue;
      const to = this.slots++;
      const stored = keyLengths.get(from);
      const bytes = (stored & MAX_KEY_CHARS) * ((stored & TWO_BYTE) === 0 ? 1 : 2);
      const ref = keyRefs.get(from);
      const at = ref & 0xffff;
      const page = this.keySpace(bytes);
      page.set(keyPages[ref >>> 16]!.subarray(at, at + bytes), this.keyOffset);
      this.keyRefs.set(to, ((this.keyPages.length - 1) << 16) | this.keyOffset);
      this.keyOffset += bytes;
      this.keyLengths.set(to, stored);
      this.masks.set(to, mask);
      if ((mask & KEPT_AS_IS) !== 0) this.asIs.set(to, asIs.get(from)!);
      else {
        this.column(F.owner).set(to, columns[F.owner]!.get(from));
        for (let field = 1; field < FIELDS.length; field++) {
          if ((mask & bit(field)) === 0) continue;
          if (field === F.cooldowns) this.cooldowns.set(to, cooldowns.get(from)!);
          else this.column(field).set(to, columns[field]!.get(from));
        }
      }
      this.link(this.hashAt(to), to);
    }
  }

  // ——— records ———

  private intern(text: string): number {
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, index);
      // Owner indices are stored + 1: widen before the first one that would not fit 16 bits.
      if (index + 1 > 0xffff && !this.wide) this.widen();
    }
    return index;
  }

  /** Move every string column (and the owner's) to 32-bit pages. */
  private widen(): void {
    this.wide = true;
    for (let f = 0; f < FIELDS.length; f++) {
      const kind = KINDS[FIELDS[f]!];
      const column = this.columns[f];
      if (column === undefined || (kind !== "owner" && kind !== "string")) continue;
      const wider = new Column(u32);
      wider.pages = column.pages.map((page) =>
        page === undefined ? undefined : Uint32Array.from(page),
      );
      this.columns[f] = wider;
    }
  }

  private column(field: number): Column<Uint16Array | Uint32Array | Float64Array> {
    let column = this.columns[field];
    if (column === undefined) {
      const kind = KINDS[FIELDS[field]!];
      column = new Column<Uint16Array | Uint32Array | Float64Array>(
        kind === "instant" ? f64 : kind === "count" || this.wide ? u32 : u16,
      );
      this.columns[field] = column;
    }
    return column;
  }

  /**
   * Pack `value` into `slot`, or keep it as it is when its packed form would not read back
   * byte-identical. `inSchemaOrder`: the caller vouches that `value` is a plain object whose own
   * keys are all schema keys, in schema order, none undefined (what the working state writes);
   * otherwise that is checked here first.
   */
  private write(slot: number, value: CustomerState, inSchemaOrder: boolean): void {
    if ((inSchemaOrder || isSchemaOrdered(value)) && this.pack(slot, value)) return;
    this.masks.set(slot, KEPT_AS_IS);
    this.asIs.set(slot, value);
  }

  /**
   * Write the fields of `c` into `slot`, or return false with nothing written when a value is
   * not of the packed kind (read by name, each once: this runs once per customer decided).
   */
  private pack(slot: number, c: CustomerState): boolean {
    const { owner, accountId, tier, country, region, postalCode, industry, source, queue } = c;
    const { ownerVersion, cooldowns } = c;
    if (owner !== null && typeof owner !== "string") return false;
    if (
      !optionalText(accountId) ||
      !optionalText(tier) ||
      !optionalText(country) ||
      !optionalText(region) ||
      !optionalText(postalCode) ||
      !optionalText(industry) ||
      !optionalText(source) ||
      !optionalText(queue)
    )
      return false;
    if (
      ownerVersion !== undefined &&
      !(Number.isInteger(ownerVersion) && ownerVersion >= 0 && ownerVersion <= MAX_COUNT)
    )
      return false;
    if (cooldowns !== undefined && (typeof cooldowns !== "object" || cooldowns === null))
      return false;
    const ownedSince = instantOf(c.ownedSince);
    const protectedUntil = instantOf(c.protectedUntil);
    const lastActivityAt = instantOf(c.lastActivityAt);
    const inPoolSince = instantOf(c.inPoolSince);
    if (
      ownedSince === Number.NEGATIVE_INFINITY ||
      protectedUntil === Number.NEGATIVE_INFINITY ||
      lastActivityAt === Number.NEGATIVE_INFINITY ||
      inPoolSince === Number.NEGATIVE_INFINITY
    )
      return false;

    // Interned before its column is looked up: interning may widen (replace) the columns.
    const ownerIndex = owner === null ? 0 : this.intern(owner) + 1;
    this.column(F.owner).set(slot, ownerIndex);
    let mask = 0;
    mask |= this.text(slot, F.accountId, accountId);
    mask |= this.text(slot, F.tier, tier);
    mask |= this.text(slot, F.country, country);
    mask |= this.text(slot, F.region, region);
    mask |= this.text(slot, F.postalCode, postalCode);
    mask |= this.text(slot, F.industry, industry);
    mask |= this.text(slot, F.source, source);
    mask |= this.text(slot, F.queue, queue);
    mask |= this.number(slot, F.ownerVersion, ownerVersion);
    mask |= this.number(slot, F.ownedSince, ownedSince);
    mask |= this.number(slot, F.protectedUntil, protectedUntil);
    mask |= this.number(slot, F.lastActivityAt, lastActivityAt);
    mask |= this.number(slot, F.inPoolSince, inPoolSince);
    if (cooldowns !== undefined) {
      mask |= bit(F.cooldowns);
      this.cooldowns.set(slot, cooldowns);
    }
    this.masks.set(slot, mask);
    return true;
  }

  /** Write an interned string field if present; its mask bit, or 0. */
  private text(slot: number, field: number, value: string | undefined): number {
    if (value === undefined) return 0;
    const index = this.intern(value);
    this.column(field).set(slot, index);
    return bit(field);
  }

  /** Write a number field unless absent (undefined or NaN); its mask bit, or 0. */
  private number(slot: number, field: number, value: number | undefined): number {
    if (value === undefined || Number.isNaN(value)) return 0;
    this.column(field).set(slot, value);
    return bit(field);
  }

  /**
   * The record in `slot`, rebuilt in schema order (named writes, field by field: records with
   * the same fields share one hidden class, and this runs once per customer materialized).
   */
  private record(slot: number): CustomerState {
    const mask = this.masks.get(slot);
    if ((mask & KEPT_AS_IS) !== 0) return this.asIs.get(slot)!;
    const owner = this.column(F.owner).get(slot);
    const out: CustomerState = { owner: owner === 0 ? null : this.strings[owner - 1]! };
    if ((mask & B.accountId) !== 0) out.accountId = this.textAt(slot, F.accountId);
    if ((mask & B.tier) !== 0) out.tier = this.textAt(slot, F.tier);
    if ((mask & B.country) !== 0) out.country = this.textAt(slot, F.country);
    if ((mask & B.region) !== 0) out.region = this.textAt(slot, F.region);
    if ((mask & B.postalCode) !== 0) out.postalCode = this.textAt(slot, F.postalCode);
    if ((mask & B.industry) !== 0) out.industry = this.textAt(slot, F.industry);
    if ((mask & B.source) !== 0) out.source = this.textAt(slot, F.source);
    if ((mask & B.queue) !== 0) out.queue = this.textAt(slot, F.queue);
    if ((mask & B.ownerVersion) !== 0) out.ownerVersion = this.column(F.ownerVersion).get(slot);
    if ((mask & B.ownedSince) !== 0) out.ownedSince = this.instantAt(slot, F.ownedSince);
    if ((mask & B.protectedUntil) !== 0)
      out.protectedUntil = this.instantAt(slot, F.protectedUntil);
    if ((mask & B.lastActivityAt) !== 0)
      out.lastActivityAt = this.instantAt(slot, F.lastActivityAt);
    if ((mask & B.inPoolSince) !== 0) out.inPoolSince = this.instantAt(slot, F.inPoolSince);
    if ((mask & B.cooldowns) !== 0) out.cooldowns = this.cooldowns.get(slot);
    return out;
  }

  private textAt(slot: number, field: number): string {
    return this.strings[this.column(field).get(slot)]!;
  }

  private instantAt(slot: number, field: number): string {
    return toIso(this.column(field).get(slot));
  }
}
