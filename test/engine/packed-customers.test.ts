import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalInstant, PackedCustomers } from "../../src/engine/packed-customers";
import { type CustomerState, CustomerStateSchema } from "../../src/schema/state";
import { MAX_INSTANT_MS, MIN_INSTANT_MS, toIso } from "../../src/time";

const SCHEMA_KEYS = Object.keys(CustomerStateSchema.shape) as (keyof CustomerState)[];

/** Ids of every kind the store must tell apart: two-byte, array-index-like, long, similar. */
const idArb = fc.oneof(
  fc.constantFrom("a", "b", "c", "0", "01", "4294967295", "ü", "中", "c1", "c10", "c100"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
);

const instantArb = fc.oneof(
  fc.integer({ min: MIN_INSTANT_MS, max: MAX_INSTANT_MS }).map(toIso),
  fc.integer({ min: 0, max: 4_102_444_800_000 }).map(toIso),
  // Forms the state accepts that the engine would not write: kept exactly as given.
  fc.constantFrom("2026-01-05T00:00:00Z", "2026-01-05T00:00:00.5Z", "+010000-01-01T00:00:00.000Z"),
);

/** Records with any subset of the schema's fields, in schema order. */
const recordArb: fc.Arbitrary<CustomerState> = fc
  .record(
    {
      owner: fc.option(fc.constantFrom("wang", "li", "chen", "rep-ü"), { nil: null }),
      accountId: fc.string({ maxLength: 8 }),
      tier: fc.constantFrom("A", "B", "C"),
      country: fc.constantFrom("CN", "BR"),
      region: fc.string({ maxLength: 6 }),
      postalCode: fc.string({ maxLength: 6 }),
      industry: fc.constantFrom("5111", "software"),
      source: fc.constantFrom("web", "ads"),
      queue: fc.constantFrom("unrouted", "review"),
      ownerVersion: fc.oneof(fc.nat(100), fc.constant(0xffff_ffff), fc.constant(2 ** 40)),
      ownedSince: instantArb,
      protectedUntil: instantArb,
      lastActivityAt: instantArb,
      inPoolSince: instantArb,
      cooldowns: fc.dictionary(fc.constantFrom("wang", "li"), instantArb, { maxKeys: 2 }),
    },
    { requiredKeys: ["owner"] },
  )
  .map((r) => {
    // fc.record builds keys in its own order: rebuild in schema order.
    const out: Record<string, unknown> = {};
    for (const key of SCHEMA_KEYS) if (key in r) out[key] = r[key as keyof typeof r];
    return out as CustomerState;
  });

/** The store's [id, record] pairs in order, as `[...map]` lists a Map's. */
function entriesOf(packed: PackedCustomers): [string, CustomerState][] {
  const out: [string, CustomerState][] = [];
  packed.forEach((record, id) => {
    out.push([id, record]);
  });
  return out;
}

describe("PackedCustomers", () => {
  it("behaves as a Map: order, replace in place, delete and re-add last", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), id: idArb, value: recordArb }),
      fc.record({ kind: fc.constant("delete" as const), id: idArb }),
    );
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 80 }),
        fc.array(idArb, { maxLength: 5 }),
        (ops, probes) => {
          const map = new Map<string, CustomerState>();
          const packed = new PackedCustomers();
          for (const o of ops) {
            if (o.kind === "set") {
              const before = map.get(o.id);
              map.set(o.id, o.value);
              expect(JSON.stringify(packed.replace(o.id, o.value))).toBe(JSON.stringify(before));
            } else expect(packed.delete(o.id)).toBe(map.delete(o.id));
          }
          expect(packed.size).toBe(map.size);
          expect(packed.keys()).toEqual([...map.keys()]);
          expect(JSON.stringify(entriesOf(packed))).toBe(JSON.stringify([...map]));
          for (const id of [...probes, ...map.keys()]) {
            expect(packed.has(id)).toBe(map.has(id));
            expect(JSON.stringify(packed.get(id))).toBe(JSON.stringify(map.get(id)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads back every record byte-identical, trusted to be in schema order or not", () => {
    fc.assert(
      fc.property(recordArb, fc.boolean(), (record, trusted) => {
        const packed = new PackedCustomers();
        packed.set("c", record, trusted);
        expect(JSON.stringify(packed.get("c"))).toBe(JSON.stringify(record));
        expect(Object.getPrototypeOf(packed.get("c"))).toBe(Object.prototype);
      }),
      { numRuns: 2000 },
    );
  });

  it("packs every schema field (a field added to the schema without a packing fails here)", () => {
    const full: Record<string, unknown> = {};
    for (const key of SCHEMA_KEYS) {
      full[key] =
        key === "ownerVersion"
          ? 7
          : key === "cooldowns"
            ? { li: "2026-02-01T00:00:00.000Z" }
            : /since|until|at$/i.test(key)
              ? "2026-01-05T10:00:00.000Z"
              : `${key}-value`;
    }
    const packed = new PackedCustomers();
    packed.set("c", full as CustomerState);
    const read = packed.get("c")!;
    // Packed, not kept as given: the read is a new object with the same JSON.
    expect(read).not.toBe(full);
    expect(JSON.stringify(read)).toBe(JSON.stringify(full));
  });

  it("keeps as given what its packed form would not read back the same", () => {
    const odd: CustomerState[] = [
      { tier: "A", owner: "li" } as CustomerState, // keys out of schema order
      { owner: "li", tier: undefined } as CustomerState, // an undefined value
      { owner: "li", extra: 1 } as unknown as CustomerState, // a key the schema does not know
      Object.assign(Object.create(null), { owner: "li" }), // not a plain object
      { owner: "li", ownedSince: "2026-01-05T00:00:00Z" }, // an instant in another form
      { owner: "li", ownerVersion: 2 ** 40 }, // past 32 bits
      { owner: 5 } as unknown as CustomerState, // a value of another type
      { tier: "A" } as CustomerState, // no owner
    ];
    const packed = new PackedCustomers();
    for (const [i, record] of odd.entries()) packed.set(`c${i}`, record);
    for (const [i, record] of odd.entries()) expect(packed.get(`c${i}`)).toBe(record);
  });

  it("handles an empty id, and deletes during an iteration as a Map does", () => {
    const packed = new PackedCustomers();
    const map = new Map<string, CustomerState>();
    for (const id of ["", "a", ""]) {
      packed.set(id, { owner: id || null });
      map.set(id, { owner: id || null });
    }
    expect(packed.keys()).toEqual([...map.keys()]);
    for (let i = 0; i < 10_000; i++) {
      packed.set(`c${i}`, { owner: null });
      map.set(`c${i}`, { owner: null });
    }
    let visited = 0;
    packed.forEach((_record, id) => {
      visited++;
      packed.delete(id);
    });
    expect(visited).toBe(map.size);
    expect(packed.size).toBe(0);
    // Compacted once the iteration is over, at the next delete.
    packed.set("x", { owner: null });
    packed.delete("x");
    expect(packed.packedBytes()).toBeLessThan(4_096);
  });

  it("keeps as given a record with a hidden (non-enumerable) schema key", () => {
    const record = { owner: "li" } as CustomerState;
    Object.defineProperty(record, "tier", { value: "A", enumerable: false });
    const packed = new PackedCustomers();
    packed.set("c", record);
    expect(packed.get("c")).toBe(record);
    expect(JSON.stringify(packed.get("c"))).toBe('{"owner":"li"}');
  });

  it("keeps a small state small", () => {
    const packed = new PackedCustomers();
    packed.set("c1", { owner: "li", tier: "A", ownedSince: "2026-01-05T10:00:00.000Z" });
    expect(packed.packedBytes()).toBeLessThan(2_048);
  });

  it("keeps order and records across a compaction of many deleted ids", () => {
    const packed = new PackedCustomers();
    const map = new Map<string, CustomerState>();
    // Packed records, ones with cool-downs, ones kept as given; one-byte and two-byte ids.
    const recordOf = (i: number): CustomerState =>
      i % 5 === 0
        ? ({ tier: "B", owner: `r${i % 7}` } as CustomerState)
        : i % 5 === 1
          ? { owner: null, inPoolSince: toIso(i * 60_000), cooldowns: { [`r${i % 3}`]: toIso(i) } }
          : { owner: i % 3 === 0 ? null : `r${i % 7}`, ownerVersion: i, region: `R-${i % 11}` };
    for (let i = 0; i < 12_000; i++) {
      const id = i % 4 === 0 ? `客户${i}` : `c${i}`;
      packed.set(id, recordOf(i));
      map.set(id, recordOf(i));
    }
    const full = packed.packedBytes();
    for (const id of [...map.keys()].filter((_, k) => k % 3 !== 1 || k < 9_000)) {
      packed.delete(id);
      map.delete(id);
    }
    packed.set("c0", { owner: "back" });
    map.set("c0", { owner: "back" });
    expect(packed.keys()).toEqual([...map.keys()]);
    expect(JSON.stringify(entriesOf(packed))).toBe(JSON.stringify([...map]));
    // Compaction dropped the deleted slots' pages.
    expect(packed.packedBytes()).toBeLessThan(full / 2);
  });

  it("widens string indices past 65,535 distinct strings, every value still read back", () => {
    const packed = new PackedCustomers();
    const records: CustomerState[] = [];
    for (let i = 0; i < 70_000; i++) {
      records.push({ owner: `rep-${i}`, accountId: `acct-${i}`, tier: "A" });
      packed.set(`c${i}`, records[i]!);
    }
    for (const i of [0, 1, 32_767, 65_534, 65_535, 65_536, 69_999])
      expect(packed.get(`c${i}`)).toEqual(records[i]);
  });

  it("costs under 60 bytes outside the heap per customer of a stream (W2's records)", () => {
    const packed = new PackedCustomers();
    // Just past a doubling of the hash table: its emptiest, so the most bytes per customer.
    const n = 2 ** 17 + 1;
    for (let i = 0; i < n; i++) {
      packed.set(`c${i}`, {
        owner: `rep-${String(i % 25).padStart(2, "0")}-${String(i % 20).padStart(2, "0")}`,
        tier: "ABCDE"[i % 5]!,
        country: "CN",
        region: `CN-R${i % 9}`,
        industry: String(334_000 + (i % 40)),
        source: "web",
        ownerVersion: 1 + Math.floor(i / 10_000),
        ownedSince: toIso(1_767_571_200_000 + i * 60_000),
      });
    }
    expect(packed.packedBytes() / n).toBeLessThan(60);
  });
});

describe("canonicalInstant", () => {
  /** The definition: the milliseconds when formatting them gives the text back. */
  const slow = (text: string) => {
    const ms = Date.parse(text);
    return Number.isFinite(ms) && toIso(ms) === text ? ms : Number.NaN;
  };

  it("agrees with parse-then-format on instants, near misses and other forms", () => {
    const canonical = fc.integer({ min: MIN_INSTANT_MS, max: MAX_INSTANT_MS }).map(toIso);
    const mutated = fc
      .tuple(canonical, fc.nat(23), fc.constantFrom(..."0123456789-:T.Z+ x"))
      .map(([text, at, char]) => text.slice(0, at) + char + text.slice(at + 1));
    const impossible = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.nat(13), fc.nat(32), fc.nat(25), fc.nat(61))
      .map(
        ([y, mo, d, h, s]) =>
          `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:${String(s).padStart(2, "0")}.000Z`,
      );
    fc.assert(
      fc.property(fc.oneof(canonical, mutated, impossible, fc.string()), (text) => {
        expect(canonicalInstant(text)).toBe(slow(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads leap days only in leap years", () => {
    expect(canonicalInstant("2024-02-29T00:00:00.000Z")).toBe(Date.UTC(2024, 1, 29));
    expect(canonicalInstant("2023-02-29T00:00:00.000Z")).toBeNaN();
    expect(canonicalInstant("2000-02-29T00:00:00.000Z")).toBe(Date.UTC(2000, 1, 29));
    expect(canonicalInstant("1900-02-29T00:00:00.000Z")).toBeNaN();
  });
});
