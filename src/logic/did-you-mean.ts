/**
 * The candidate nearest to a misspelt `name`, or `undefined` when none is close enough.
 *
 * Distance is the optimal-string-alignment edit distance (insertions, deletions, substitutions
 * and swaps of adjacent characters each count 1), ignoring case; a candidate qualifies within
 * `max(1, floor(name.length / 3))` edits. Ties go to the longer common prefix, then the smaller
 * string in code-unit order, so the answer never depends on the order of `candidates`.
 *
 * @example didYouMean("iff", ["if", "in", "and"]) // "if"
 */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const threshold = Math.max(1, Math.floor(name.length / 3));
  const lowerName = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let bestPrefix = -1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    // Cheap bound first: the distance is at least the difference in length.
    if (Math.abs(candidate.length - name.length) > threshold) continue;
    const lowerCandidate = candidate.toLowerCase();
    const distance = editDistance(lowerName, lowerCandidate, threshold);
    if (distance > threshold) continue;
    const prefix = commonPrefixLength(lowerName, lowerCandidate);
    const better =
      best === undefined ||
      distance < bestDistance ||
      (distance === bestDistance &&
        (prefix > bestPrefix || (prefix === bestPrefix && candidate < best)));
    if (better) {
      best = candidate;
      bestDistance = distance;
      bestPrefix = prefix;
    }
  }
  return best;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Optimal-string-alignment distance; returns `limit + 1` as soon as every row exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  const width = b.length + 1;
  let before = new Array<number>(width).fill(0);
  let previous = new Array<number>(width);
  let current = new Array<number>(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[width - 1]!;
}
