import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashString, sticky } from "../../src/strategies";
import { makeInput, membersAndEligibleArb, NEWCOMER, tally } from "./helpers";

const owner = (eligible: readonly string[], key: string) =>
  sticky.pick(makeInput({ members: eligible, key })).repId;

describe("hashString", () => {
  it("matches the published cyrb53 values", () => {
    expect(hashString("a")).toBe(7929297801672961);
    expect(hashString("b")).toBe(8684336938537663);
    expect(hashString("revenge")).toBe(4051478007546757);
    expect(hashString("revenue")).toBe(8309097637345594);
  });

  it("returns 53-bit non-negative integers", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const h = hashString(s);
        expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
      }),
    );
  });
});

describe("sticky", () => {
  it("sends the same key to the same rep, with scores for every eligible rep", () => {
    const input = makeInput({
      members: ["a", "b", "c", "d"],
      eligible: ["a", "c", "d"],
      key: "acme",
    });
    const result = sticky.pick(input);
    expect(sticky.pick(input)).toEqual(result);
    // No `detail` in the input means full detail: the scores are there.
    if (result.detail.strategy !== "sticky" || result.detail.scores === undefined) {
      throw new Error("wrong detail");
    }
    expect(result.detail.key).toBe("acme");
    const scores = result.detail.scores;
    expect(Object.keys(scores)).toEqual(["a", "c", "d"]);
    for (const hex of Object.values(scores)) expect(hex).toMatch(/^[0-9a-f]{14}$/);
    const best = Object.entries(scores).sort(([, x], [, y]) => (x < y ? 1 : x > y ? -1 : 0))[0];
    expect(result.repId).toBe(best?.[0]);
    expect(Number.parseInt(scores[result.repId] ?? "", 16)).toBe(
      hashString(`acme\u0000${result.repId}`),
    );
  });

  it("keeps no state", () => {
    const state = { levels: { a: 0.5 } };
    expect(sticky.pick(makeInput({ members: ["a", "b"], state })).state).toBe(state);
    expect(sticky.pick(makeInput({ members: ["a", "b"] })).state).toEqual({});
  });

  it("spreads keys evenly", () => {
    const reps = ["a", "b", "c", "d"];
    const counts = tally(Array.from({ length: 4000 }, (_, i) => owner(reps, `customer-${i}`)));
    for (const rep of reps) {
      expect(counts.get(rep)).toBeGreaterThan(900);
      expect(counts.get(rep)).toBeLessThan(1100);
    }
  });
});

describe("sticky properties", () => {
  const keysArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), {
    minLength: 1,
    maxLength: 30,
  });

  it("removing a rep moves only the customers that were on that rep", () => {
    fc.assert(
      fc.property(membersAndEligibleArb, fc.nat(), keysArb, ({ eligible }, r, keys) => {
        fc.pre(eligible.length >= 2);
        const gone = eligible[r % eligible.length];
        const remaining = eligible.filter((id) => id !== gone);
        for (const key of keys) {
          const before = owner(eligible, key);
          if (before !== gone) expect(owner(remaining, key)).toBe(before);
        }
      }),
    );
  });

  it("adding a rep moves customers only to the new rep", () => {
    fc.assert(
      fc.property(membersAndEligibleArb, keysArb, ({ eligible }, keys) => {
        const grown = [...eligible, NEWCOMER];
        for (const key of keys) {
          const after = owner(grown, key);
          if (after !== NEWCOMER) expect(after).toBe(owner(eligible, key));
        }
      }),
    );
  });

  it("does not depend on member order", () => {
    fc.assert(
      fc.property(membersAndEligibleArb, fc.string(), ({ eligible }, key) => {
        expect(owner([...eligible].reverse(), key)).toBe(owner(eligible, key));
      }),
    );
  });
});
