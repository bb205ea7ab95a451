/**
 * 53-bit string hash (cyrb53 by bryc, public domain) over UTF-16 code units.
 *
 * Deterministic across platforms and runs (32-bit integer arithmetic via `Math.imul` only), so
 * it is safe for persisted or replayed decisions. Not cryptographic.
 *
 * @returns an integer in `[0, 2^53)`.
 * @example hashString("a") // 7929297801672961
 */
export function hashString(s: string): number {
  return hashSuffix(SEED, s);
}

/** The running state of {@link hashString} after some characters: `[h1, h2]`. */
export type HashState = readonly [number, number];

/** cyrb53's initial state (before any character). */
const SEED: HashState = [0xdeadbeef, 0x41c6ce57];

/** The state of {@link hashString} after hashing `prefix`, to hash many strings sharing it. */
export function hashPrefix(prefix: string): HashState {
  let [h1, h2] = SEED;
  for (let i = 0; i < prefix.length; i++) {
    const ch = prefix.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return [h1, h2];
}

/**
 * `hashString(prefix + suffix)` from `hashPrefix(prefix)`: the same number, without building
 * the concatenated string or hashing the prefix again.
 */
export function hashSuffix(state: HashState, suffix: string): number {
  let [h1, h2] = state;
  for (let i = 0; i < suffix.length; i++) {
    const ch = suffix.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
