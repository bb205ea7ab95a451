import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leastLoaded, type RepLoad } from "../../src/strategies";
import { makeInput, membersAndEligibleArb } from "./helpers";

const pick = (
  members: string[],
  loads: Record<string, Partial<RepLoad>>,
  eligible: string[] = members,
) => leastLoaded.pick(makeInput({ members, eligible, loads }));

describe("least-loaded", () => {
  it("picks the rep with the fewest owned customers", () => {
    const result = pick(["a", "b", "c"], { a: { owned: 5 }, b: { owned: 2 }, c: { owned: 3 } });
    expect(result.repId).toBe("b");
    expect(result.detail).toEqual({
      strategy: "least-loaded",
      owned: { a: 5, b: 2, c: 3 },
      tieBreak: "owned",
      repId: "b",
    });
  });

  it("breaks an owned tie by least recently assigned", () => {
    const loads = {
      a: { owned: 1, lastAssignedSeq: 40 },
      b: { owned: 1, lastAssignedSeq: 12 },
      c: { owned: 1, lastAssignedSeq: 30 },
      d: { owned: 0, lastAssignedSeq: 1 },
    };
    const result = pick(["a", "b", "c", "d"], loads, ["a", "b", "c"]);
    expect(result.repId).toBe("b");
    expect(result.detail).toMatchObject({ tieBreak: "least_recently_assigned" });
  });

  it("counts a rep never assigned as least recently assigned", () => {
    const loads = { a: { owned: 0, lastAssignedSeq: 0 }, b: { owned: 0 } };
    expect(pick(["a", "b"], loads).repId).toBe("b");
  });

  it("falls back to member order, the full chain", () => {
    const never = pick(["c", "a", "b"], {});
    expect(never.repId).toBe("c");
    expect(never.detail).toMatchObject({ tieBreak: "member_order" });
    const sameSeq = pick(
      ["c", "a", "b"],
      { c: { lastAssignedSeq: 3 }, a: { lastAssignedSeq: 3 } },
      ["c", "a"],
    );
    expect(sameSeq.repId).toBe("c");
    expect(sameSeq.detail).toMatchObject({ tieBreak: "member_order" });
  });

  it("ignores ineligible reps however light", () => {
    expect(pick(["a", "b"], { a: { owned: 0 }, b: { owned: 9 } }, ["b"]).repId).toBe("b");
  });

  it("returns the state unchanged", () => {
    const state = { pointer: { repId: "a", index: 0 } };
    expect(leastLoaded.pick(makeInput({ members: ["a"], state })).state).toBe(state);
    expect(leastLoaded.pick(makeInput({ members: ["a"] })).state).toEqual({});
  });
});

describe("least-loaded properties", () => {
  it("the winner is the first eligible rep in (owned, last assigned, member order)", () => {
    fc.assert(
      fc.property(
        membersAndEligibleArb,
        fc.array(
          fc.record({
            owned: fc.integer({ min: 0, max: 3 }),
            lastAssignedSeq: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
          }),
          { minLength: 8, maxLength: 8 },
        ),
        ({ members, eligible }, table) => {
          const loads: Record<string, Partial<RepLoad>> = Object.fromEntries(
            members.map((id, i) => [id, table[i] ?? {}]),
          );
          const result = pick(members, loads, eligible);
          const key = (id: string) => {
            const load = loads[id] ?? {};
            return [load.owned ?? 0, load.lastAssignedSeq ?? -1, members.indexOf(id)] as const;
          };
          const sorted = [...eligible].sort((x, y) => {
            const [a, b] = [key(x), key(y)];
            return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
          });
          expect(result.repId).toBe(sorted[0]);
        },
      ),
    );
  });
});
