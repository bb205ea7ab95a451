/**
 * Fairness figures of a distribution: the Gini coefficient and the largest deviation from a
 * weighted share. Pure and deterministic (values are sorted before summing, so the result does
 * not depend on input order).
 */

function checkValues(name: string, values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) {
      throw new RangeError(`${name}: values must be finite and non-negative, got ${v}`);
    }
  }
}

const ascending = (a: number, b: number): number => a - b;

/**
 * Gini coefficient of non-negative values: 0 when all are equal, approaching 1 when one value
 * holds everything (`(n − 1) / n` exactly for n values). Computed as
 * `Σ_i (2i − n − 1)·x_(i) / (n·Σx)` over the values sorted ascending (i from 1), which equals
 * the mean absolute difference over twice the mean. An empty list or an all-zero list gives 0.
 * Throws RangeError on a negative or non-finite value.
 *
 * @example gini([1, 1, 1]) === 0; gini([0, 0, 3]) === 2 / 3
 */
export function gini(values: readonly number[]): number {
  checkValues("gini", values);
  const n = values.length;
  if (n === 0) return 0;
  const sorted = [...values].sort(ascending);
  let sum = 0;
  let weighted = 0;
  sorted.forEach((x, i) => {
    sum += x;
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  if (sum === 0) return 0;
  // Clamp float noise: the exact value is within [0, (n−1)/n].
  return Math.max(0, weighted / (n * sum));
}

/**
 * The largest deviation, in customers, of counts from their weighted share of the total:
 * `max_i |count_i − n·w_i/W|` with `n = Σ count` and `W = Σ w`. This is the quantity the
 * `weighted` strategy keeps within 1 while every member stays eligible (DESIGN §6). Empty
 * lists give 0. Throws RangeError when the lists differ in length, a count is negative or a
 * weight is not positive.
 *
 * @example maxShareDeviation([2, 2, 2], [1, 1, 1]) === 0; maxShareDeviation([0, 6], [1, 2]) === 2
 */
export function maxShareDeviation(counts: readonly number[], weights: readonly number[]): number {
  if (counts.length !== weights.length) {
    throw new RangeError(
      `maxShareDeviation: ${counts.length} counts but ${weights.length} weights`,
    );
  }
  checkValues("maxShareDeviation", counts);
  for (const w of weights) {
    if (!Number.isFinite(w) || w <= 0) {
      throw new RangeError(`maxShareDeviation: weights must be finite and positive, got ${w}`);
    }
  }
  if (counts.length === 0) return 0;
  const n = [...counts].sort(ascending).reduce((a, b) => a + b, 0);
  const total = [...weights].sort(ascending).reduce((a, b) => a + b, 0);
  let max = 0;
  counts.forEach((c, i) => {
    max = Math.max(max, Math.abs(c - (n * weights[i]!) / total));
  });
  return max;
}
