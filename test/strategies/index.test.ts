import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isStrategyName,
  type PoolState,
  pickWith,
  STRATEGIES,
  STRATEGY_NAMES,
  type StrategyInput,
} from "../../src/strategies";
import { deepFreeze, membersAndEligibleArb } from "./helpers";

describe("strategy table", () => {
  it("has one strategy per name, under its own name", () => {
    expect(Object.keys(STRATEGIES).sort()).toEqual([...STRATEGY_NAMES].sort());
    for (const name of STRATEGY_NAMES) expect(STRATEGIES[name].name).toBe(name);
  });

  it("dispatches by name and rejects unknown names", () => {
    const input: StrategyInput = {
      poolId: "p",
      members: ["a", "b"],
      eligible: ["b"],
      customerKey: "k",
      state: undefined,
      load: () => ({ weight: 1, owned: 0, lastAssignedSeq: undefined }),
    };
    for (const name of STRATEGY_NAMES) {
      const result = pickWith(name, input);
      expect(result.repId).toBe("b");
      expect(result.detail.strategy).toBe(name);
    }
    expect(isStrategyName("sticky")).toBe(true);
    for (const unknown of ["__proto__", "toString", "random"]) {
      expect(isStrategyName(unknown)).toBe(false);
      // An untyped caller (parsed JSON) can still pass any string.
      expect(() => Reflect.apply(pickWith, undefined, [unknown, input])).toThrow(RangeError);
    }
  });
});

const stateArb: fc.Arbitrary<PoolState | undefined> = fc.option(
  fc.record(
    {
      pointer: fc.record({ repId: fc.constantFrom("ann", "bob", "zed"), index: fc.nat(9) }),
      levels: fc.dictionary(
        fc.constantFrom("ann", "bob", "cai", "zed"),
        // A persisted state is JSON: it holds no -0.
        fc.double({ min: -1, max: 1, noNaN: true }).map((x) => x + 0),
      ),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

describe("determinism and purity", () => {
  it("same input, deep-frozen, gives deep-equal output every time", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STRATEGY_NAMES),
        membersAndEligibleArb,
        stateArb,
        fc.string(),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 8, maxLength: 8 }),
        (name, { members, eligible }, state, customerKey, numbers) => {
          const loads = deepFreeze(
            Object.fromEntries(
              members.map((id, i) => {
                const n = numbers[i] ?? 0;
                return [
                  id,
                  { weight: n + 0.5, owned: n, lastAssignedSeq: n === 0 ? undefined : n },
                ];
              }),
            ),
          );
          const make = (): StrategyInput =>
            deepFreeze({
              poolId: "p",
              members: [...members],
              eligible: [...eligible],
              customerKey,
              state: structuredClone(state),
              load: (id: string) =>
                loads[id] ?? { weight: 1, owned: 0, lastAssignedSeq: undefined },
            });
          const input = make();
          const first = pickWith(name, input);
          const second = pickWith(name, input);
          expect(second).toEqual(first);
          expect(pickWith(name, make())).toEqual(first);
          expect(input.state).toEqual(state); // frozen, so unchanged; checked for clarity
          expect(eligible).toContain(first.repId);
          // The new state is JSON: it survives a round trip unchanged.
          expect(JSON.parse(JSON.stringify(first.state))).toEqual(first.state);
        },
      ),
    );
  });
});
