import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRouter } from "../../src";
import { checkedEligible, recordFrom } from "../../src/strategies/guard";
import { hashPrefix, hashString, hashSuffix } from "../../src/strategies/hash";
import { hex14 } from "../../src/strategies/sticky";
import type { StrategyInput } from "../../src/strategies/types";
import { dayKey, isoWeekKey, MAX_INSTANT_MS, MIN_INSTANT_MS, toIso } from "../../src/time";

// Each fast path is checked against the plain computation it replaces.

describe("toIso", () => {
  it("is Date#toISOString for every instant of years 0000–9999, cached or not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: MIN_INSTANT_MS, max: MAX_INSTANT_MS }), { maxLength: 6 }),
        (instants) => {
          // Repeats and interleavings exercise the two cache slots.
          for (const ms of [...instants, ...instants.slice().reverse(), ...instants]) {
            expect(toIso(ms)).toBe(new Date(ms).toISOString());
          }
        },
      ),
    );
    for (const ms of [MIN_INSTANT_MS, -1, 0, -0, 1, MAX_INSTANT_MS, 951_782_400_000]) {
      expect(toIso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("still follows Date outside the fast range and throws for non-finite instants", () => {
    for (const ms of [MAX_INSTANT_MS + 1, MIN_INSTANT_MS - 1, 1.5, -2.5]) {
      expect(toIso(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
    expect(() => toIso(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("day and week keys", () => {
  it("give the same keys in any order of calls (the last-day cache is invisible)", () => {
    const zones = ["UTC", "Asia/Shanghai", "America/New_York", "Pacific/Chatham"];
    const instant = fc.integer({ min: 0, max: 4_102_444_800_000 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(instant, fc.constantFrom(...zones)), { maxLength: 8 }),
        (calls) => {
          const first = calls.map(([ms, zone]) => [dayKey(ms, zone), isoWeekKey(ms, zone)]);
          // Replayed in reverse, every answer must be the same as the first time.
          const again = calls
            .slice()
            .reverse()
            .map(([ms, zone]) => [dayKey(ms, zone), isoWeekKey(ms, zone)])
            .reverse();
          expect(again).toEqual(first);
        },
      ),
    );
    expect(dayKey(Date.UTC(2026, 10, 26, 16), "Asia/Shanghai")).toBe("2026-11-27");
    expect(dayKey(Date.UTC(2026, 10, 26, 16), "UTC")).toBe("2026-11-26");
    expect(isoWeekKey(Date.UTC(2027, 0, 1, 12), "UTC")).toBe("2026-W53");
  });
});

describe("sticky scores", () => {
  it("hex14 is the 14-digit zero-padded hex of any 53-bit score", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (score) => {
        expect(hex14(score)).toBe(score.toString(16).padStart(14, "0"));
      }),
    );
    for (const score of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 52, Number.MAX_SAFE_INTEGER]) {
      expect(hex14(score)).toBe(score.toString(16).padStart(14, "0"));
    }
  });

  it("hashing a shared prefix once gives hashString of the whole string", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, suffix) => {
        expect(hashSuffix(hashPrefix(prefix), suffix)).toBe(hashString(prefix + suffix));
      }),
    );
  });
});

/** The contract check as first written: an index of first occurrences, then one pass. */
function referenceCheck(members: readonly string[], eligible: readonly string[]): string {
  if (eligible.length === 0) return "empty";
  const first = new Map<string, number>();
  members.forEach((id, i) => {
    if (!first.has(id)) first.set(id, i);
  });
  const seen = new Set<string>();
  let previous = -1;
  for (const id of eligible) {
    const i = first.get(id);
    if (i === undefined) return "not a member";
    if (seen.has(id)) return "listed twice";
    if (i < previous) return "not in member order";
    seen.add(id);
    previous = i;
  }
  return "ok";
}

describe("strategy input check", () => {
  it("accepts and refuses exactly what the reference check does, on small and large pools", () => {
    const id = fc.constantFrom("a", "b", "c", "d", "e");
    const many = fc
      .integer({ min: 0, max: 70 })
      .map((n) => Array.from({ length: n }, (_, i) => `r${i}`));
    fc.assert(
      fc.property(
        fc.oneof(fc.array(id, { maxLength: 8 }), many),
        fc.array(fc.nat(80), { maxLength: 10 }),
        fc.boolean(),
        (members, picks, subsequence) => {
          const eligible = subsequence
            ? members.filter((_, i) => picks.includes(i))
            : picks.map((p) => members[p % Math.max(1, members.length)] ?? "zz");
          const input: StrategyInput = {
            poolId: "p",
            members,
            eligible,
            customerKey: "k",
            state: undefined,
            load: () => ({ weight: 1, owned: 0, lastAssignedSeq: undefined }),
          };
          const expected = referenceCheck(members, eligible);
          if (expected === "ok") expect(checkedEligible(input)).toBe(eligible);
          else
            expect(() => checkedEligible(input)).toThrow(
              expected === "empty" ? "at least one" : expected,
            );
        },
      ),
    );
  });
});

describe("recordFrom", () => {
  it("builds what Object.fromEntries builds, reusing a shape across calls", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "b", "1", "0", "__proto__", "toString", "zz"), {
          maxLength: 7,
        }),
        fc.array(fc.oneof(fc.double(), fc.string()), { minLength: 7, maxLength: 7 }),
        (keys, values) => {
          const expected = Object.fromEntries(keys.map((k, i) => [k, values[i]]));
          const once = recordFrom(keys, values);
          const twice = recordFrom(keys, values.slice().reverse());
          expect(once).toStrictEqual(expected);
          expect(Object.keys(once)).toEqual(Object.keys(expected));
          expect(twice).toStrictEqual(
            Object.fromEntries(keys.map((k, i) => [k, values.slice().reverse()[i]])),
          );
          expect(once).not.toBe(twice);
        },
      ),
    );
  });

  it("notices a key array changed in place", () => {
    const keys = ["a", "b"];
    expect(recordFrom(keys, [1, 2])).toEqual({ a: 1, b: 2 });
    keys[1] = "c";
    expect(recordFrom(keys, [1, 2])).toStrictEqual({ a: 1, c: 2 });
  });
});

describe("ownership counts handed from call to call", () => {
  it("threading the returned state decides like re-reading it from JSON", () => {
    const router = createRouter({
      id: "chunks",
      pools: {
        light: { members: ["a", "b", "c"], strategy: "least-loaded" },
      },
      // Customers seen again without a source lose their owner before anyone is counted.
      ownership: { preferAccountOwner: true, keepCurrentOwner: false },
      capacity: { owned: 2 },
      rules: [{ id: "web", match: { source: ["web"] }, assign: { pool: "light" } }],
    });
    const reps = [{ id: "a" }, { id: "b" }, { id: "c" }];
    const customer = fc.record({ k: fc.nat(6), web: fc.boolean(), acct: fc.nat(3) });
    fc.assert(
      fc.property(
        fc.array(fc.array(customer, { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (chunks) => {
          let threaded: ReturnType<typeof router.assign>["state"] | undefined;
          let reread: unknown;
          let n = 0;
          for (const chunk of chunks) {
            const customers = chunk.map((c) => ({
              id: `c${c.k}`,
              accountId: `acct${c.acct}`,
              ...(c.web ? { source: "web" } : {}),
            }));
            n += 1;
            const now = 1_767_225_600_000 + n * 60_000;
            const a = router.assign({ customers, reps, state: threaded, now });
            // A state read back from storage is a different object: its counts are rebuilt.
            const b = router.assign({
              customers,
              reps,
              state: reread === undefined ? undefined : JSON.parse(JSON.stringify(reread)),
              now,
            });
            expect(a.decisions).toEqual(b.decisions);
            expect(a.state).toEqual(b.state);
            threaded = a.state;
            reread = b.state;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
