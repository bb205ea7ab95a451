import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTIN_OPERATORS, didYouMean } from "../../src/logic";

describe("didYouMean", () => {
  const roots = ["customer", "now", "nowMs"];
  it.each([
    ["iff", "if", BUILTIN_OPERATORS],
    ["=", "==", BUILTIN_OPERATORS],
    ["mising", "missing", BUILTIN_OPERATORS],
    ["missing-some", "missing_some", BUILTIN_OPERATORS],
    ["IF", "if", BUILTIN_OPERATORS],
    ["substring", "substr", BUILTIN_OPERATORS],
    ["fitler", "filter", BUILTIN_OPERATORS],
    ["custmer", "customer", roots],
    ["nowms", "nowMs", roots],
    ["east-smbb", "east-smb", ["east-smb", "key-accounts", "inside"]],
    ["prority", "priority", ["priority", "pools", "rules"]],
  ] as const)("%s → %s", (name, expected, candidates) => {
    expect(didYouMean(name, candidates)).toBe(expected);
  });

  it("suggests nothing when no candidate is close", () => {
    expect(didYouMean("zebra", BUILTIN_OPERATORS)).toBeUndefined();
    expect(didYouMean("customer", [])).toBeUndefined();
    expect(didYouMean("x".repeat(100_000), BUILTIN_OPERATORS)).toBeUndefined();
  });

  it("never suggests the name itself", () => {
    expect(didYouMean("if", ["if"])).toBeUndefined();
    expect(didYouMean("if", ["if", "iff"])).toBe("iff");
  });

  it("does not depend on the order of the candidates", () => {
    const word = fc.string({
      minLength: 1,
      maxLength: 6,
      unit: fc.constantFrom("a", "b", "c", "_"),
    });
    fc.assert(
      fc.property(
        word,
        fc.uniqueArray(word, { maxLength: 8 }),
        fc.nat(),
        (name, candidates, seed) => {
          const rotated = candidates.map((_, i) => candidates[(i + seed) % candidates.length]!);
          const reversed = candidates.slice().reverse();
          const expected = didYouMean(name, candidates);
          expect(didYouMean(name, rotated)).toBe(expected);
          expect(didYouMean(name, reversed)).toBe(expected);
        },
      ),
    );
  });
});
