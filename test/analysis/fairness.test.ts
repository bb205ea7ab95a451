import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gini, maxShareDeviation } from "../../src/analysis";

describe("gini", () => {
  it.each([
    [[1, 1, 1], 0],
    [[0, 0, 3], 2 / 3],
    [[3, 0, 0], 2 / 3],
    [[3, 1], 0.25],
    [[1, 2, 3, 4], 0.25],
    [[0, 1], 0.5],
    [[5], 0],
    [[], 0],
    [[0, 0, 0], 0],
  ])("gini(%j) = %d", (values, expected) => {
    expect(gini(values)).toBeCloseTo(expected, 12);
  });

  it("equals the mean absolute difference over twice the mean", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const n = xs.length;
          const sum = xs.reduce((a, b) => a + b, 0);
          let diffs = 0;
          for (const x of xs) for (const y of xs) diffs += Math.abs(x - y);
          const expected = sum === 0 ? 0 : diffs / (2 * n * sum);
          expect(gini(xs)).toBeCloseTo(expected, 9);
        },
      ),
    );
  });

  it("is invariant under order and scale, and within [0, (n−1)/n]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 50 }),
        (xs, k) => {
          const g = gini(xs);
          expect(gini([...xs].reverse())).toBe(g);
          expect(gini(xs.map((x) => x * k))).toBeCloseTo(g, 9);
          expect(g).toBeGreaterThanOrEqual(0);
          expect(g).toBeLessThanOrEqual((xs.length - 1) / xs.length + 1e-12);
        },
      ),
    );
  });

  it("refuses negative and non-finite values", () => {
    expect(() => gini([1, -1])).toThrow(RangeError);
    expect(() => gini([Number.NaN])).toThrow(RangeError);
    expect(() => gini([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe("maxShareDeviation", () => {
  it("measures the largest |count − n·w/W| in customers", () => {
    expect(maxShareDeviation([2, 2, 2], [1, 1, 1])).toBe(0);
    expect(maxShareDeviation([0, 6], [1, 2])).toBe(2);
    expect(maxShareDeviation([3, 1], [1, 1])).toBe(1);
    // n = 5, weights 1:1:3 → targets 1, 1, 3.
    expect(maxShareDeviation([2, 0, 3], [1, 1, 3])).toBe(1);
    expect(maxShareDeviation([], [])).toBe(0);
  });

  it("is zero exactly when counts are proportional to weights", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 10 }),
        (weights, k) => {
          expect(
            maxShareDeviation(
              weights.map((w) => w * k),
              weights,
            ),
          ).toBeCloseTo(0, 9);
        },
      ),
    );
  });

  it("refuses mismatched lengths and non-positive weights", () => {
    expect(() => maxShareDeviation([1], [1, 1])).toThrow(RangeError);
    expect(() => maxShareDeviation([1], [0])).toThrow(RangeError);
    expect(() => maxShareDeviation([-1], [1])).toThrow(RangeError);
  });
});
