import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PoolState, roundRobin } from "../../src/strategies";
import { makeInput, membersAndEligibleArb, NEWCOMER, runPicks, tally } from "./helpers";

const pick = (members: string[], state?: PoolState, eligible?: string[]) =>
  roundRobin.pick(makeInput({ members, state, ...(eligible ? { eligible } : {}) }));

describe("round-robin", () => {
  it("starts at the first member and cycles in member order", () => {
    const { sequence, state } = runPicks(roundRobin, { members: ["a", "b", "c"] }, 7);
    expect(sequence).toEqual(["a", "b", "c", "a", "b", "c", "a"]);
    expect(state).toEqual({ pointer: { repId: "a", index: 0 } });
  });

  it("reports the pointer before and after, and the members skipped", () => {
    const first = pick(["a", "b", "c", "d"], undefined, ["c", "d"]);
    expect(first.repId).toBe("c");
    expect(first.detail).toEqual({
      strategy: "round-robin",
      pointerBefore: null,
      pointerAfter: { repId: "c", index: 2 },
      skipped: ["a", "b"],
      repId: "c",
    });
    const second = pick(["a", "b", "c", "d"], first.state, ["a", "c"]);
    expect(second.repId).toBe("a");
    expect(second.detail).toMatchObject({
      pointerBefore: { repId: "c", index: 2 },
      pointerAfter: { repId: "a", index: 0 },
      skipped: ["d"],
    });
  });

  it("a skipped rep loses its turn rather than getting the next one", () => {
    const afterA = pick(["a", "b", "c"]).state;
    const skipB = pick(["a", "b", "c"], afterA, ["a", "c"]);
    expect(skipB.repId).toBe("c");
    // b is back, but the rotation goes on after c: a is next, not b.
    expect(pick(["a", "b", "c"], skipB.state).repId).toBe("a");
  });

  it("skips member ids that are not in the roster (never eligible)", () => {
    const result = pick(["a", "ghost", "b"], { pointer: { repId: "a", index: 0 } }, ["a", "b"]);
    expect(result.repId).toBe("b");
    expect(result.detail).toMatchObject({ skipped: ["ghost"] });
  });

  it("picks the only eligible rep, even when it was the last one served", () => {
    const state = { pointer: { repId: "b", index: 1 } };
    expect(pick(["a", "b", "c"], state, ["b"]).repId).toBe("b");
  });

  describe("roster edits do not reset or skew the rotation", () => {
    const served = { pointer: { repId: "b", index: 1 } }; // a, b, c, d: b was served last

    it("members added before the pointer rep: it is found by id", () => {
      expect(pick(["x", "y", "a", "b", "c", "d"], served).repId).toBe("c");
    });

    it("other members removed before the pointer rep", () => {
      expect(pick(["b", "c", "d"], served).repId).toBe("c");
      const servedC = { pointer: { repId: "c", index: 2 } };
      expect(pick(["c", "d", "e"], servedC).repId).toBe("d");
    });

    it("the next member removed: the one after it is next", () => {
      expect(pick(["a", "b", "d"], served).repId).toBe("d");
    });

    it("the pointer rep left: the member now at its position is next", () => {
      const result = pick(["a", "c", "d"], served);
      expect(result.repId).toBe("c");
      expect(result.detail).toMatchObject({ skipped: [] });
    });

    it("the pointer rep left from the end: the rotation wraps to the first member", () => {
      const result = pick(["a", "b"], { pointer: { repId: "d", index: 3 } });
      expect(result.repId).toBe("a");
    });

    it("the pointer rep moved: the rotation continues from its new position", () => {
      expect(pick(["b", "a", "c", "d"], served).repId).toBe("a");
      expect(pick(["c", "d", "b", "a"], served).repId).toBe("a");
    });

    it("a damaged persisted index is read as 0", () => {
      expect(pick(["a", "c"], { pointer: { repId: "gone", index: -3 } }).repId).toBe("a");
      expect(pick(["a", "c"], { pointer: { repId: "gone", index: 0.5 } }).repId).toBe("a");
    });
  });

  it("keeps the other fields of the pool state", () => {
    const result = pick(["a", "b"], { levels: { a: 0.5 } });
    expect(result.state).toEqual({ levels: { a: 0.5 }, pointer: { repId: "a", index: 0 } });
  });

  it("rejects an eligible rep that is not a member", () => {
    expect(() => pick(["a", "b"], undefined, ["z"])).toThrow(RangeError);
    expect(() => pick(["a", "b"], undefined, [])).toThrow(RangeError);
  });
});

describe("round-robin properties", () => {
  it("with everyone eligible, every run of |members| picks serves each member once", () => {
    fc.assert(
      fc.property(membersAndEligibleArb, fc.integer({ min: 0, max: 20 }), ({ members }, warm) => {
        const { sequence } = runPicks(roundRobin, { members }, warm + members.length * 3);
        for (let start = warm; start + members.length <= sequence.length; start++) {
          const window = sequence.slice(start, start + members.length);
          expect([...tally(window).keys()].sort()).toEqual([...members].sort());
        }
      }),
    );
  });

  it("serves the first eligible member cyclically after the last one served", () => {
    fc.assert(
      fc.property(
        membersAndEligibleArb,
        fc.array(fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), { maxLength: 30 }),
        ({ members }, masks) => {
          let state: PoolState | undefined;
          let last = -1; // position of the last served member
          for (const mask of masks) {
            const chosen = members.filter((_, i) => mask[i]);
            const eligible = chosen.length > 0 ? chosen : members;
            const result = pick(members, state, eligible);
            // Walk from the last served position: skipped ones are exactly those passed over.
            const skipped: string[] = [];
            let pos = (last + 1) % members.length;
            while (!eligible.includes(members[pos] ?? "")) {
              skipped.push(members[pos] ?? "");
              pos = (pos + 1) % members.length;
            }
            expect(result.repId).toBe(members[pos]);
            expect(result.detail).toMatchObject({ skipped });
            last = pos;
            state = result.state;
          }
        },
      ),
    );
  });

  it("inserting a member changes the pick only if it lands between the pointer and the pick", () => {
    fc.assert(
      fc.property(
        membersAndEligibleArb,
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        ({ members, eligible }, served, at, newcomerEligible) => {
          const pointerIndex = served % members.length;
          const state = { pointer: { repId: members[pointerIndex] ?? "", index: pointerIndex } };
          const before = pick(members, state, eligible);
          const insertAt = at % (members.length + 1);
          const edited = [...members.slice(0, insertAt), NEWCOMER, ...members.slice(insertAt)];
          const editedEligible = edited.filter(
            (id) => eligible.includes(id) || (newcomerEligible && id === NEWCOMER),
          );
          const after = pick(edited, state, editedEligible);
          // Cyclic positions after the pointer rep, in the edited list.
          const from = edited.indexOf(state.pointer.repId);
          const distance = (id: string) =>
            (edited.indexOf(id) - from - 1 + edited.length) % edited.length;
          const newcomerFirst = newcomerEligible && distance(NEWCOMER) < distance(before.repId);
          expect(after.repId).toBe(newcomerFirst ? NEWCOMER : before.repId);
        },
      ),
    );
  });

  it("removing a member other than the pointer rep and the pick leaves the pick unchanged", () => {
    fc.assert(
      fc.property(membersAndEligibleArb, fc.nat(), fc.nat(), ({ members, eligible }, s, r) => {
        const pointerIndex = s % members.length;
        const pointerRep = members[pointerIndex] ?? "";
        const state = { pointer: { repId: pointerRep, index: pointerIndex } };
        const before = pick(members, state, eligible);
        const removed = members[r % members.length];
        fc.pre(removed !== pointerRep && removed !== before.repId);
        const edited = members.filter((id) => id !== removed);
        const after = pick(
          edited,
          state,
          eligible.filter((id) => id !== removed),
        );
        expect(after.repId).toBe(before.repId);
      }),
    );
  });
});
